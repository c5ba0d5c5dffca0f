"""Hostile input files, generated (never stored): inputs that once hung argmap, blew up its
memory or gave a traceback, each with the smallest size that showed it and then some.

`files()` returns {file name: bytes}; the name's suffix is the format it claims. Used by
tests/test_hostile.py (every file gives a map or one line naming it) and by
benchmarks/hostile.py (time and peak memory of `argmap map` on each; targets: under 10 s and
500 MB each).

    python3 tests/hostile.py OUTDIR     # write them all to OUTDIR
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

__all__ = ["files"]

_ESSAY = (
    "Schools should ban phones in class. Phones distract students from their work, and a 2019 "
    "survey of 500 teachers found that most saw lower marks when phones were allowed. Some say "
    "phones help in emergencies. However, the school office has a telephone.\n"
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(body: str, numbering: str = "", compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal .docx whose body is `body` (WordprocessingML inside `<w:body>`)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compress) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>',
        )
        if numbering:
            archive.writestr("word/numbering.xml", numbering)
    return out.getvalue()


def _paragraph(text: str, num_id: int | None = None) -> str:
    props = f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
    return f"<w:p>{props if num_id is not None else ''}<w:r><w:t>{text}</w:t></w:r></w:p>"


def _docx_bomb(megabytes: int) -> bytes:
    """A small .docx whose document.xml unpacks to `megabytes` MB (mostly one run of spaces)."""
    filler = " " * (megabytes * 1_000_000)
    return _docx(_paragraph("Phones distract students." + filler + "They should be banned."))


def _docx_many_lists(n: int) -> bytes:
    numbering = (
        f'<w:numbering xmlns:w="{_W}">'
        + "".join(
            f'<w:abstractNum w:abstractNumId="{i}"><w:lvl w:ilvl="0">'
            '<w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>'
            f'<w:num w:numId="{i + 1}"><w:abstractNumId w:val="{i}"/></w:num>'
            for i in range(n)
        )
        + "</w:numbering>"
    )
    body = "".join(_paragraph(f"Point {i} matters.", i + 1) for i in range(n))
    return _docx(body, numbering)


def _docx_deep(depth: int) -> bytes:
    inner = "<w:r><w:t>Phones distract students.</w:t></w:r>"
    return _docx("<w:p>" + "<w:hyperlink>" * depth + inner + "</w:hyperlink>" * depth + "</w:p>")


def _pdf_pages(pages: int) -> bytes:
    """A PDF of `pages` empty pages (one shared page dictionary, so the file stays small)."""
    kids = " ".join("3 0 R" for _ in range(pages))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode("ascii")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode("ascii")
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    out += trailer.encode("ascii")
    return bytes(out)


def _under_limit(unit: str, words: int = 19_900) -> bytes:
    """`unit` repeated to just under `words` words."""
    return (unit * (words // len(unit.split()))).encode()


def files() -> dict[str, bytes]:
    """Every hostile file by name (see the module docstring)."""
    essay = _ESSAY.encode()
    prose = (_ESSAY * 12_000)[:1_840_000]
    words = " ".join(f"word{i % 97}" for i in range(40_000))
    return {
        "html-comments.md": b"<!---->" * 24 + essay,
        "template-comments.md": b"".join(
            f"<!-- field {i}: fill in -->\n".encode() for i in range(40)
        )
        + essay,
        "comment-no-end.md": b"<!--" + b" <!-- x" * 5_000 + b"\n" + essay,
        "nested-quotes.md": "".join(
            f"{'>' * i} Phones distract.\n" for i in range(1, 999)
        ).encode(),
        "one-word-lines.txt": ("word\n" * 50_000).encode() + b"word",
        "long-prose.txt": prose.encode(),
        "long-document.txt": ((words + ".\n\n") * 10)[: 84_000 * 7].encode(),
        "space-run.txt": b"Phones distract" + b" " * 50_000 + b"students.\n" + essay,
        "tab-run.txt": b"Phones | distract" + b"\t" * 50_000 + b"students.\n" + essay,
        "hash-run.md": b"# a" + b"#" * 50_000 + b"b\n\n" + essay,
        "hash-space-run.md": b"# a" + b"# " * 4_000 + b"b\n\n" + essay,
        "space-hash-run.md": b"# a" + b" #" * 4_000 + b"b\n\n" + essay,
        "arrow-run.md": b"Phones" + b" -" * 30_000 + b"> distraction\n" + essay,
        "long-line.txt": words[:200_000].encode(),
        "nested-divs.html": b"<html><body>"
        + b"<div>" * 20_000
        + essay
        + b"</div>" * 20_000
        + b"</body></html>",
        "nested-divs-100k.html": b"<html><body>" + b"<div>" * 100_000 + essay,
        "many-a.html": b"<html><body><p>" + essay + b"</p>" + b"<a" * 40_000,
        "cdata.html": b"<!doctype html><html><body><![ CDATA[x]]><p>" + essay + b"</p></html>",
        "docx-bomb.docx": _docx_bomb(300),
        "docx-elements.docx": _docx("<w:p>" + "<w:r/>" * 3_000_000 + "</w:p>" + _paragraph("Hi.")),
        "docx-many-lists.docx": _docx_many_lists(20_000),
        "docx-deep.docx": _docx_deep(200_000),
        "utf16-no-bom.txt": _ESSAY.encode("utf-16-le") * 3,
        "utf16be-no-bom.txt": _ESSAY.encode("utf-16-be") * 3,
        "many-pages.pdf": _pdf_pages(95_000),
        "many-bullets.md": b"".join(b"- point %d matters\n" % i for i in range(30_000)),
        "deep-bullets.md": b"".join(b"  " * i + b"- deeper point\n" for i in range(1_000)),
        "many-headings.md": b"".join(
            b"# Title %d\n\nPhones distract.\n\n" % i for i in range(20_000)
        ),
        "control-chars.txt": essay + bytes(range(1, 32)) * 1_000 + essay,
        # Just under the default limit of 20,000 words: what any essay may cost.
        "limit-prose.txt": _under_limit(_ESSAY + "\n"),
        "limit-one-paragraph.txt": _under_limit(_ESSAY.strip() + " "),
        "limit-one-word-lines.txt": ("word\n" * 19_900).encode(),
        "limit-bullets.md": _under_limit("- Phones distract students from their work.\n"),
        "limit-marks.md": (_ESSAY + "- " * 9_000 + "\n" + _ESSAY).encode(),
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python3 tests/hostile.py OUTDIR", file=sys.stderr)
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, data in files().items():
        (out / name).write_bytes(data)
    print(f"wrote {len(files())} files to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
