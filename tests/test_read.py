"""Tests for argmap.readers: formats, decoding, normalisation and one-line error messages."""

from __future__ import annotations

import codecs
import hashlib
import html
import io
import json
import os
import re
import textwrap
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.model import InputError
from argmap.pipeline import parse_essay
from argmap.readers import (
    MAX_BYTES,
    MAX_DOCUMENT_BYTES,
    SUPPORTED_SUFFIXES,
    InputFormat,
    html_text,
    read_bytes,
    read_path,
)

BAD = Path(__file__).parent / "data" / "bad"
ESSAY = "Grain procurement fell in 1927. Therefore the state used force.\n"
SUPPORTED = f"(supported: {', '.join(SUPPORTED_SUFFIXES)})"


def _error(call: Callable[..., object], *args: object, **kwargs: object) -> str:
    """Run `call` and return the InputError message, checking it is one line."""
    with pytest.raises(InputError) as info:
        call(*args, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


# --- formats and the Source record --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("essay.txt", "txt"), ("notes.md", "md"), ("notes.markdown", "md"), ("essay.text", "txt")],
)
def test_supported_suffixes(tmp_path: Path, name: str, fmt: str) -> None:
    path = tmp_path / name
    path.write_text(ESSAY, encoding="utf-8")
    raw = read_path(path)
    assert raw.text == ESSAY
    assert raw.source.format == fmt
    assert raw.encoding == "utf-8"


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    path = tmp_path / "NOTES.MD"
    path.write_text(ESSAY, encoding="utf-8")
    assert read_path(path).source.format == "md"


def test_every_supported_suffix_has_a_format(tmp_path: Path) -> None:
    for suffix in SUPPORTED_SUFFIXES:
        path = tmp_path / f"essay{suffix}"
        path.write_text(ESSAY, encoding="utf-8")
        # Plain text is text whatever the name says (a .docx or .pdf holding text included).
        assert read_path(path).source.format in (InputFormat.TXT, InputFormat.MD, InputFormat.HTML)
        assert read_path(path).text.strip() == ESSAY.strip()


def test_no_suffix_is_read_as_txt(tmp_path: Path) -> None:
    path = tmp_path / "essay"
    path.write_text(ESSAY, encoding="utf-8")
    assert read_path(path).source.format == "txt"


def test_source_records_path_as_given_and_sha256_of_raw_bytes(tmp_path: Path) -> None:
    data = "Caf\u00e9 society.\r\n".encode("cp1252")
    path = tmp_path / "essay.txt"
    path.write_bytes(data)
    raw = read_path(path)
    assert raw.source.path == str(path)
    assert raw.source.sha256 == hashlib.sha256(data).hexdigest()


def test_stdin_name_is_txt() -> None:
    raw = read_bytes(ESSAY.encode(), "-")
    assert raw.source.path == "-"
    assert raw.source.format == "txt"


def test_explicit_format_overrides_the_name() -> None:
    assert read_bytes(b"# Title\n", "-", fmt="md").source.format == "md"
    message = _error(read_bytes, b"x", "-", fmt="odt")
    assert message == f"-: unsupported format 'odt' (supported: {', '.join(InputFormat)})"


# --- decoding ------------------------------------------------------------------------------

TEXT = "Stalin\u2019s \u201crevolution from above\u201d \u2013 caf\u00e9, \u00fcber, \u00a35."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32"),
        (codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"), "utf-32"),
        (TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_decoding(data: bytes, encoding: str) -> None:
    raw = read_bytes(data, "essay.txt")
    assert raw.text == TEXT
    assert raw.encoding == encoding


def test_cyrillic_code_page_is_detected() -> None:
    text = "Коллективизация была трагедией для крестьян."
    raw = read_bytes(text.encode("cp1251"), "essay.txt")
    assert raw.text == text
    assert raw.encoding == "cp1251"


def test_latin_guess_falls_back_to_cp1252() -> None:
    # charset-normalizer guesses cp775 for this, which would turn "£" into "Ż".
    data = "The caf\u00e9 in M\u00fcnchen charged \u00a35 for a \u201cpeasant\u201d lunch."
    assert read_bytes(data.encode("cp1252"), "x.txt").text == data


def test_undefined_cp1252_bytes_do_not_fail() -> None:
    raw = read_bytes(b"Tea \x81 and caf\xe9 \x8d.", "x.txt")
    assert raw.encoding == "cp1252"
    assert raw.text.startswith("Tea ")
    assert "caf\u00e9" in raw.text


@given(st.binary(max_size=200).filter(lambda b: b"\x00" not in b))
def test_never_fails_on_8bit_text(noise: bytes) -> None:
    # Keep the control bytes rare, as in a real text file; the binary check is tested below.
    noise = bytes(b for b in noise if b >= 0x20 or b in b"\t\n")
    raw = read_bytes(b"Tea is good. " + noise, "x.txt")
    assert raw.text.startswith("Tea is good.")


# --- normalisation -------------------------------------------------------------------------


def test_newlines_are_normalised() -> None:
    assert read_bytes(b"a\r\nb\rc\n", "x.txt").text == "a\nb\nc\n"


def test_control_characters_are_removed_but_tab_and_newline_kept() -> None:
    data = b"Tea is \x07good,\x1b coffee \x7fis\tbetter.\n"
    assert read_bytes(data, "x.txt").text == "Tea is good, coffee is\tbetter.\n"


def test_text_is_nfc() -> None:
    assert read_bytes("cafe\u0301".encode(), "x.txt").text == "caf\u00e9"


# --- errors --------------------------------------------------------------------------------


def test_no_such_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    assert _error(read_path, path) == f"{path}: no such file"


def test_folder(tmp_path: Path) -> None:
    assert _error(read_path, tmp_path) == f"{tmp_path}: is a folder, not a file"


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "essay.csv"
    path.write_text("name,score\nAnna,7\n", encoding="utf-8")
    message = _error(read_path, path)
    assert message == f"{path}: unsupported file type '.csv' {SUPPORTED}"


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, for whom chmod 000 changes nothing: make the read itself fail.
    path = tmp_path / "locked.txt"
    path.write_text(ESSAY)

    def refuse(path: object, flags: int) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    assert _error(read_path, path) == f"{path}: permission denied"


def test_other_os_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "flaky.txt"
    path.write_text(ESSAY)

    def fail(path: object, flags: int) -> int:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "open", fail)
    assert _error(read_path, path) == f"{path}: cannot read the file (Input/output error)"


def test_too_large_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"Tea is good. " * (5_000_000 // 13) + b"x" * (5_000_000 % 13))
    assert path.stat().st_size == 5_000_000
    assert _error(read_path, path) == f"{path}: file is too large (5.0 MB; the limit is 2.0 MB)"


def test_too_large_bytes() -> None:
    message = _error(read_bytes, b"a" * (MAX_BYTES + 1), "-")
    assert message == "-: file is too large (2.0 MB; the limit is 2.0 MB)"


def test_limit_itself_is_allowed() -> None:
    assert len(read_bytes(b"a" * MAX_BYTES, "-").text) == MAX_BYTES


def test_many_control_bytes_look_binary() -> None:
    data = bytes(range(1, 32)) * 10 + b"some text"
    assert _error(read_bytes, data, "x.txt") == "x.txt: looks like a binary file, not text"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(encoding: str) -> None:
    # Every other byte NUL and no byte-order mark: UTF-16 as some Windows tools save it.
    raw = read_bytes(ESSAY.encode(encoding), "x.txt")
    assert (raw.text, raw.encoding) == (ESSAY, encoding)


def test_nul_bytes_that_are_not_utf16_look_binary() -> None:
    message = _error(read_bytes, b"Tea\x00\x00 is good" * 10, "x.txt")
    assert message == "x.txt: looks like a binary file, not text"


# --- the named bad files -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("empty.txt", "file is empty"),
        ("whitespace-only.txt", "contains no text (only whitespace)"),
        ("unsupported.pdf", "damaged PDF (Stream has ended unexpectedly)"),
        ("binary.bin", "cannot read a PNG image"),
    ],
)
def test_bad_file_messages(name: str, problem: str) -> None:
    path = BAD / name
    assert _error(read_path, path) == f"{path}: {problem}"


def test_bad_binary_read_as_text(tmp_path: Path) -> None:
    data = (BAD / "binary.bin").read_bytes()
    binary = "looks like a binary file, not text"
    assert _error(read_bytes, data, "binary.bin", fmt="txt") == f"binary.bin: {binary}"
    # Without a format given, the PNG header names what the file is.
    assert _error(read_bytes, data, "-") == "-: cannot read a PNG image"
    copy = tmp_path / "binary"
    copy.write_bytes(data)
    assert _error(read_path, copy) == f"{copy}: cannot read a PNG image"
    junk = tmp_path / "junk"
    junk.write_bytes(data[16:])  # no header left: just bytes
    assert _error(read_path, junk) == f"{junk}: {binary}"


def test_bad_latin1_decodes() -> None:
    path = BAD / "latin1.txt"
    raw = read_path(path)
    assert raw.encoding == "cp1252"
    assert raw.text.startswith(
        "The caf\u00e9 owners of D\u00fcsseldorf charged \u00a35 for a \u201cpeasant\u201d lunch,"
    )
    assert "na\u00efve reformers" in raw.text
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")


def test_bad_utf16_decodes() -> None:
    raw = read_path(BAD / "utf16-bom.txt")
    assert raw.encoding == "utf-16"
    assert raw.text.startswith("Collectivisation was driven by the need for grain \u2013 not")
    assert "\u201cwar against the peasantry\u201d" in raw.text
    assert "\ufeff" not in raw.text


def test_bad_script_injection_is_read_verbatim() -> None:
    raw = read_path(BAD / "script-injection.txt")
    assert "<script>alert(1)</script>" in raw.text
    assert "<img src=x onerror=alert(2)>" in raw.text
    assert raw.text.startswith("Many historians argue that the famine was man-made.")


# --- documents: .docx, .html and PDF, built here from one list of blocks --------------------

ESSAYS = Path(__file__).parent.parent / "essays"
Blocks = list[tuple[str, str]]  # (kind, text); kind: title, h2, p, bullet, number
_MD_BULLET = re.compile(r"(?:[\u2022*-]|\d{1,2}[.)])\s+")


def _blocks(text: str) -> Blocks:
    """The blocks of a .txt or .md essay: "# " title, "## " headings, bullets, paragraphs."""
    blocks: Blocks = []
    paragraph: list[str] = []

    def end_paragraph() -> None:
        if paragraph:
            blocks.append(("p", " ".join(paragraph)))
            paragraph.clear()

    for line in text.splitlines():
        bullet = _MD_BULLET.match(line)
        if not line.strip():
            end_paragraph()
        elif line.startswith("# "):
            end_paragraph()
            blocks.append(("title", line[2:]))
        elif line.startswith("## "):
            end_paragraph()
            blocks.append(("h2", line[3:]))
        elif bullet:
            end_paragraph()
            kind = "number" if line[0].isdigit() else "bullet"
            blocks.append((kind, line[bullet.end() :]))
        else:
            paragraph.append(line.strip())
    end_paragraph()
    if blocks and blocks[0][0] == "p" and "\n" not in text.split("\n\n")[0]:
        blocks[0] = ("title", blocks[0][1])  # a .txt essay's first line is its title
    return blocks


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STYLES = {"title": "Title", "h2": "Heading2"}
_NUMBERS = {"bullet": "1", "number": "2"}


def _runs(text: str) -> str:
    """`text` as Word runs, split in three, the middle one bold (Word splits runs all the time)."""
    words = text.split(" ")
    third = max(len(words) // 3, 1)
    pieces = [" ".join(words[:third]) + " ", " ".join(words[third : 2 * third]), ""]
    pieces[2] = text[len(pieces[0]) + len(pieces[1]) :]
    return "".join(
        f"<w:r>{'<w:rPr><w:b/></w:rPr>' if i == 1 else ''}"
        f'<w:t xml:space="preserve">{xml_escape(piece)}</w:t></w:r>'
        for i, piece in enumerate(pieces)
        if piece
    )


def _docx(blocks: Blocks, body: str | None = None, parts: dict[str, str] | None = None) -> bytes:
    """A real .docx (it opens in Word) holding `blocks`, or the given body XML."""
    if body is None:
        paragraphs = []
        for kind, text in blocks:
            ppr = ""
            if kind in _STYLES:
                ppr = f'<w:pPr><w:pStyle w:val="{_STYLES[kind]}"/></w:pPr>'
            elif kind in _NUMBERS:
                ppr = (
                    '<w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/>'
                    f'<w:numId w:val="{_NUMBERS[kind]}"/></w:numPr></w:pPr>'
                )
            paragraphs.append(f"<w:p>{ppr}{_runs(text)}</w:p>")
            if kind in ("title", "h2"):
                paragraphs.append("<w:p/>")  # empty paragraphs used as spacing are skipped
        body = "".join(paragraphs)
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/></w:style>'
        for sid, name in [
            ("Normal", "Normal"),
            ("Title", "Title"),
            ("Heading1", "heading 1"),
            ("Heading2", "heading 2"),
            ("ListParagraph", "List Paragraph"),
        ]
    )
    numbering = (
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
        '<w:lvlText w:val="\u2022"/></w:lvl></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    )
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    files = {
        "[Content_Types].xml": head
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": head
        + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": f'{head}<w:document xmlns:w="{W}"><w:body>{body}'
        "<w:sectPr/></w:body></w:document>",
        "word/styles.xml": f'{head}<w:styles xmlns:w="{W}">{styles}</w:styles>',
        "word/numbering.xml": f'{head}<w:numbering xmlns:w="{W}">{numbering}</w:numbering>',
    }
    files.update(parts or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _html(blocks: Blocks) -> str:
    """A web page holding `blocks` in <main>, with the furniture a saved page has around it."""
    out: list[str] = []
    open_list = ""
    for kind, text in blocks:
        tag = {"bullet": "ul", "number": "ol"}.get(kind, "")
        if open_list and tag != open_list:
            out.append(f"</{open_list}>")
            open_list = ""
        if tag and not open_list:
            out.append(f"<{tag}>")
            open_list = tag
        body = textwrap.fill(html.escape(text, quote=False), 70)  # the source wraps lines
        if kind == "title":
            out.append(f"<h1>{body}</h1>")
        elif kind == "h2":
            out.append(f"<h2>{body}</h2>")
        elif tag:
            out.append(f"<li>{body}</li>")
        else:
            words = body.split(" ")  # a few words in <em>: inline tags join the text
            emphasis = " ".join(words[3:6])
            out.append(f"<p>{' '.join(words[:3])} <em>{emphasis}</em> {' '.join(words[6:])}</p>")
    if open_list:
        out.append(f"</{open_list}>")
    content = "\n".join(out)
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>My essay | School"
        " blog</title><style>p { color: #333 }</style><script>var tracking = 'x < y';</script>"
        "</head><body><header><a href='/'>School blog</a></header><nav><ul><li>Home</li>"
        "<li>Essays</li><li>About</li></ul></nav>\n<main>\n"
        f"{content}\n</main><aside><h2>Related posts</h2><p>Ten facts about phones</p></aside>"
        "<form><button>Subscribe</button></form><footer>&copy; 2024 School blog</footer>"
        "</body></html>"
    )


def _pdf_string(text: str) -> str:
    out = []
    for byte in text.encode("cp1252"):
        if byte in b"()\\":
            out.append("\\" + chr(byte))
        elif byte < 32 or byte > 126:
            out.append(f"\\{byte:03o}")
        else:
            out.append(chr(byte))
    return "(" + "".join(out) + ")"


def _pdf_file(pages: list[list[str]], fonts: int = 2) -> bytes:
    """A PDF with one content stream per page; font /F1 is Helvetica, /F2 Helvetica-Bold."""
    n = len(pages)
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: f"<< /Type /Pages /Kids [{' '.join(f'{3 + 2 * i} 0 R' for i in range(n))}]"
        f" /Count {n} >>".encode(),
    }
    font_ids = [3 + 2 * n + k for k in range(fonts)]
    for fid, base in zip(font_ids, ("Helvetica", "Helvetica-Bold"), strict=False):
        objects[fid] = (
            f"<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding /WinAnsiEncoding >>"
        ).encode()
    font_dict = " ".join(f"/F{k + 1} {fid} 0 R" for k, fid in enumerate(font_ids))
    for i, ops in enumerate(pages):
        stream = "\n".join(ops).encode("latin-1")
        objects[3 + 2 * i] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font"
            f" << {font_dict} >> >> /Contents {4 + 2 * i} 0 R >>"
        ).encode()
        objects[4 + 2 * i] = (
            f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offsets[k]:010d} 00000 n \n".encode() for k in sorted(objects))
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _pdf(blocks: Blocks, width: int = 80, header: str | None = "Essay draft - {n}") -> bytes:
    """A PDF of `blocks` as a word processor lays it out: wrapped lines, spacing between
    paragraphs, a larger title, bold headings, hanging bullets, a running header and a footer
    with the page number."""
    pages: list[list[str]] = [[]]
    y = 720.0
    for i, (kind, text) in enumerate(blocks):
        font, size = {"title": ("F2", 16), "h2": ("F2", 12)}.get(kind, ("F1", 11))
        x, indent = 72, 72
        if kind in ("bullet", "number"):
            number = sum(1 for k, _ in blocks[:i] if k == "number") + 1
            text = ("\u2022 " if kind == "bullet" else f"{number}. ") + text
            indent = 84
        lines = textwrap.wrap(text, width)
        y -= 0 if kind in ("bullet", "number") and blocks[i - 1][0] == kind else 0.8 * size
        for j, line in enumerate(lines):
            if y < 80:
                pages.append([])
                y = 720.0
            start = x if j == 0 else indent
            pages[-1].append(f"BT /{font} {size} Tf {start} {y:.1f} Td {_pdf_string(line)} Tj ET")
            y -= 1.2 * size
    for n, ops in enumerate(pages, start=1):
        if header is not None:
            ops.insert(0, f"BT /F1 9 Tf 72 760 Td {_pdf_string(header.format(n=n))} Tj ET")
        ops.append(f"BT /F1 9 Tf 300 40 Td {_pdf_string(f'Page {n} of {len(pages)}')} Tj ET")
    return _pdf_file(pages)


def _components(path: Path) -> list[tuple[str, str]]:
    m = parse_essay(path)
    for c in m.components:  # offsets index the cleaned text the map stores
        assert m.text[c.start : c.end] == c.text
    return [(c.kind.value, c.text) for c in m.components]


@pytest.mark.parametrize(
    "essay", ["persuasive-phones-in-schools.txt", "revision-notes-industrial-revolution.md"]
)
def test_docx_html_and_pdf_map_like_the_text_file(tmp_path: Path, essay: str) -> None:
    """Acceptance (issue 7): the same essay as .docx, .html and .pdf gives the same components."""
    source = ESSAYS / essay
    blocks = _blocks(source.read_text(encoding="utf-8"))
    assert {kind for kind, _ in blocks} >= {"title", "p"}
    expected = _components(source)
    assert len(expected) > 10
    files = {
        "docx": _docx(blocks),
        "html": _html(blocks).encode("utf-8"),
        "pdf": _pdf(blocks),
    }
    for fmt, data in files.items():
        path = tmp_path / f"essay.{fmt}"
        path.write_bytes(data)
        assert read_path(path).source.format == fmt
        assert _components(path) == expected, fmt
    if essay.endswith(".txt"):
        assert len(_pdf_pages(files["pdf"])) >= 2  # the running header and footer were dropped


def _pdf_pages(data: bytes) -> list[str]:
    import pypdf

    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def test_docx_layout_as_text() -> None:
    blocks: Blocks = [
        ("title", "Tea & Coffee"),
        ("h2", "Why tea"),
        ("p", "Tea is good <really>."),
        ("bullet", "hot"),
        ("bullet", "sweet"),
        ("number", "first"),
        ("number", "second"),
        ("p", "The end."),
    ]
    text = read_bytes(_docx(blocks), "essay.docx").text
    assert text == (
        "# Tea & Coffee\n\n## Why tea\n\nTea is good <really>.\n\n- hot\n- sweet\n1. first\n"
        "2. second\n\nThe end."
    )


def test_docx_leaves_out_deletions_field_codes_and_drawings() -> None:
    body = (
        "<w:p><w:r><w:t>Grain </w:t></w:r><w:del><w:r><w:delText>never </w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>often </w:t></w:r></w:ins><w:r><w:t>fell</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t> (see 3)</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r>"
        "<w:hyperlink><w:r><w:t>, as Conquest</w:t></w:r></w:hyperlink><w:r><w:tab/>"
        "<w:t>wrote.</w:t><w:br/><w:t>Next line</w:t></w:r>"
        "<w:r><w:drawing><w:t>caption in a text box</w:t></w:drawing></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Year</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>Tons</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:p><w:pPr><w:outlineLvl w:val='0'/></w:pPr><w:r><w:t>Outline heading</w:t></w:r></w:p>"
    )
    text = read_bytes(_docx([], body=body), "x.docx").text
    assert text == (
        "Grain often fell (see 3), as Conquest\twrote.\nNext line\n\n| Year | Tons |\n\n"
        "# Outline heading"
    )


def test_docx_without_styles_part_uses_style_ids() -> None:
    body = (
        "<w:p><w:pPr><w:pStyle w:val='Heading1'/></w:pPr><w:r><w:t>Causes</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Text.</w:t></w:r></w:p>"
    )
    data = _docx([], body=body)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buffer, "w") as dst:
        for info in src.infolist():
            if info.filename != "word/styles.xml":
                dst.writestr(info, src.read(info))
    assert read_bytes(buffer.getvalue(), "x.docx").text == "# Causes\n\nText."


def test_html_main_content() -> None:
    page = (
        "<html><head><title>Site</title><style>.x{}</style></head><body>"
        "<div class='navbar'><a>Home</a> <a>Blog</a></div>"
        "<div id='content'><h1>Tea</h1><p>Tea is <a href='#'>good</a>&nbsp;&amp; cheap &#8211;"
        " \u201cvery\u201d.<br>Second   line.</p><p hidden>secret</p>"
        "<p style='display: none'>also secret</p><div aria-hidden='true'>icons</div>"
        "<ol><li>one<li>two</ol><ul><li>a<ul><li>b</li></ul></li></ul>"
        "<table><tr><th>Year</th><th>Tons</th></tr><tr><td>1928</td><td>1.2</td></tr></table>"
        "<pre>x  =  1\n  y</pre><p>He said <q>no</q>.</p>"
        "<script>document.write('<p>injected</p>')</script><noscript>Enable JS</noscript>"
        "</div><div class='social share'>Share on Twitter</div></body></html>"
    )
    assert read_bytes(page.encode(), "page.html").text == (
        "# Tea\n\nTea is good\u00a0& cheap \u2013 \u201cvery\u201d.\nSecond line.\n\n"
        "1. one\n2. two\n- a\n  - b\n| Year | Tons |\n| 1928 | 1.2 |\n\nx  =  1\n  y\n\n"
        "He said \u201cno\u201d."
    )


def test_html_keeps_only_main_or_article_when_marked() -> None:
    page = (
        "<body><div>Top stories: phones banned</div><article><h1>Title</h1><p>Body text.</p>"
        "</article><div>More from us</div></body>"
    )
    assert html_text(page) == "# Title\n\nBody text."
    own_header = (
        "<header><p>Site name</p></header><article><header><h1>Title</h1></header>"
        "<p>Body.</p><footer>Tags: tea</footer></article>"
    )
    assert html_text(own_header) == "# Title\n\nBody."
    assert html_text("<body><div>One</div><div>Two</div></body>") == "One\n\nTwo"


def test_html_charset_from_meta() -> None:
    page = "<html><head><meta charset='windows-1251'></head><body><p>Голод 1932 года.</p></body>"
    raw = read_bytes(page.encode("cp1251"), "page.html")
    assert raw.text == "Голод 1932 года."
    assert raw.encoding == "cp1251"
    wrong = "<meta charset='utf-8'><p>Caf\u00e9 society.</p>".encode("cp1252")
    assert read_bytes(wrong, "page.htm").text == "Caf\u00e9 society."  # a wrong label is common


def test_pdf_paragraphs_from_indentation_without_gaps() -> None:
    # Double-spaced lines, paragraphs marked only by a first-line indent (common in essays),
    # a word broken at a line end, and an "fi" ligature.
    lines = [
        (108, "Collectivisation began in 1929. It was meant to"),
        (72, "feed the towns; in fact it starved the coun-"),
        (72, "tryside and the state used force."),
        (108, "The famine of 1932 killed millions. This \ufb01nal"),
        (72, "step was the worst of all."),
    ]
    ops = [
        f"BT /F1 12 Tf {x} {700 - 28 * i} Td {_pdf_string(t.replace(chr(0xFB01), 'fi'))} Tj ET"
        for i, (x, t) in enumerate(lines)
    ]
    text = read_bytes(_pdf_file([ops]), "x.pdf").text
    assert text == (
        "Collectivisation began in 1929. It was meant to feed the towns; in fact it starved the"
        " coun-tryside and the state used force.\n\nThe famine of 1932 killed millions. This"
        " final step was the worst of all."
    )


def test_pdf_short_line_ends_a_paragraph_and_headings_are_marked() -> None:
    ops = [
        "BT /F2 18 Tf 72 741.6 Td (Why the Tsar Fell in) Tj ET",  # a title over two lines
        "BT /F2 18 Tf 72 720 Td (February 1917) Tj ET",
        "BT /F1 11 Tf 72 690 Td (The war went badly and prices rose quickly in every city) Tj ET",
        "BT /F1 11 Tf 72 676.8 Td (of the empire.) Tj ET",
        "BT /F1 11 Tf 72 663.6 Td (Soldiers refused to fire on the crowds in Petrograd, and) Tj ET",
        "BT /F1 11 Tf 72 650.4 Td (the generals told the Tsar to go \\226 on 2 March he) Tj ET",
        "BT /F1 11 Tf 72 637.2 Td (- and his son - gave up the throne.) Tj ET",
        "BT /F2 11 Tf 72 616.8 Td (Conclusion) Tj ET",
        "BT /F1 11 Tf 72 603.6 Td (The war was the main cause.) Tj ET",
    ]
    assert read_bytes(_pdf_file([ops]), "x.pdf").text == (
        "# Why the Tsar Fell in February 1917\n\nThe war went badly and prices rose quickly in"
        " every city of the empire.\n\nSoldiers refused to fire on the crowds in Petrograd, and"
        " the generals told the Tsar to go \u2013 on 2 March he - and his son - gave up the"
        " throne.\n\n## Conclusion\n\nThe war was the main cause."
    )


def _encrypted(data: bytes, user: str) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user, owner_password="teacher", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_encrypted() -> None:
    plain = _pdf([("p", "Tea is good. Coffee is better.")], header=None)
    # Encrypted without a user password (only printing or copying is restricted): readable.
    assert read_bytes(_encrypted(plain, ""), "open.pdf").text == "Tea is good. Coffee is better."
    message = _error(read_bytes, _encrypted(plain, "secret"), "locked.pdf")
    assert message == (
        "locked.pdf: the PDF is encrypted (password-protected); save a copy without a password"
    )


def test_pdf_without_text_layer() -> None:
    scan = _pdf_file([["0.5 g 72 72 468 648 re f"], ["q 100 0 0 100 72 600 cm Q"]])
    message = _error(read_bytes, scan, "scan.pdf")
    assert message == (
        "scan.pdf: the PDF has no text layer (a scanned document?); run OCR on it or use the"
        " original document"
    )


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n" + bytes(range(256)) * 4,
        _pdf([("p", "Tea is good.")])[:60],
        _pdf([("p", "Tea is good.")]).replace(b"/Type /Pages", b"/Type /Nonsense"),
    ],
    ids=["junk", "cut-short", "no-pages"],
)
def test_pdf_damaged(data: bytes) -> None:
    assert _error(read_bytes, data, "bad.pdf").startswith("bad.pdf: damaged PDF (")


def _zip(files: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(100), "cannot read a PNG image"),
        ("essay.docx", b"PK\x03\x04" + bytes(40), "damaged .docx file (File is not a zip file)"),
        (
            "essay.docx",
            _zip({"notes.txt": "Tea."}),
            "cannot read a zip archive that is not a Word document (no word/document.xml)",
        ),
        (
            "essay.odt",
            _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}),
            "cannot read an OpenDocument text (.odt); save it as .docx",
        ),
        (
            "essay.docx",
            OLE + bytes(100) + "EncryptedPackage".encode("utf-16-le") + bytes(100),
            "cannot read an encrypted (password-protected) Office document; save a copy"
            " without a password",
        ),
        (
            "essay.doc",
            OLE + bytes(300),
            "cannot read an old-style Word .doc (or other Office 97-2003) file; save it as .docx",
        ),
        (
            "essay.docx",
            _zip({"word/document.xml": f"<w:document xmlns:w='{W}'><w:body><w:p>"}),
            "damaged .docx file (word/document.xml: no element found: line 1, column 96)",
        ),
        (
            "essay.docx",
            _zip({"word/document.xml": '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'}),
            "damaged .docx file (word/document.xml declares a DTD)",
        ),
        ("essay.pdf", b"\x00\x01\x02" * 100, "not a valid PDF (it does not start like one)"),
        (
            "essay.rtf",
            b"{\\rtf1\\ansi Tea.}",
            "cannot read an RTF document (save it as .docx, .txt or PDF)",
        ),
        ("empty.docx", _docx([], body=""), "contains no text (the document has no paragraphs)"),
        (
            "scripts.html",
            b"<!doctype html><script>alert(1)</script><nav>Home</nav>",
            "contains no text (nothing outside scripts, styles, navigation and hidden elements)",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 15 else "",
)
def test_unreadable_documents(tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert _error(read_path, path) == f"{path}: {problem}"
    assert _error(read_bytes, data, name) == f"{name}: {problem}"


def test_format_found_by_content_when_the_name_lies(tmp_path: Path) -> None:
    blocks: Blocks = [("title", "Tea"), ("p", "Tea is good because it is hot.")]
    documents = {
        "docx": _docx(blocks),
        "pdf": _pdf(blocks),
        "html": _html(blocks).encode(),
    }
    for fmt, data in documents.items():
        for name in ("essay.txt", "essay.pdf", "essay.docx", "essay.md", "essay", "essay.bak"):
            if name.endswith(".md") and fmt == "html":
                continue  # see below
            path = tmp_path / name
            path.write_bytes(data)
            raw = read_path(path)
            assert (raw.source.format, raw.text.split("\n")[-1]) == (fmt, blocks[1][1]), name
        raw = read_bytes(data, "-")  # standard input
        assert raw.source.format == fmt
    fragment = b"<h1>Tea</h1>\n<p>Tea is good.</p>\n<ul><li>hot</li><li>sweet</li></ul>"
    assert read_bytes(fragment, "-").text == "# Tea\n\nTea is good.\n\n- hot\n- sweet"
    # Markdown may hold some HTML: only a whole page (<!DOCTYPE html>, <html>) switches format.
    assert read_bytes(fragment, "notes.md").source.format == "md"
    assert read_bytes(documents["html"], "notes.md").source.format == "html"
    # An essay that mentions a tag or two is still text.
    assert read_path(BAD / "script-injection.txt").source.format == "txt"


def test_document_size_limits(tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"x" * (MAX_DOCUMENT_BYTES + 1))
    assert _error(read_path, big) == f"{big}: file is too large (25.0 MB; the limit is 25.0 MB)"
    # A document may be larger than a text file (pictures), but not its text.
    words = "Tea is good. " * (MAX_BYTES // 13 + 1)
    message = _error(read_bytes, _docx([("p", words)]), "long.docx")
    assert message == "long.docx: too much text (2.0 million characters; the limit is 2.0 million)"


def test_cli_maps_a_docx_among_text_files(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from argmap.app.cli import app

    folder = tmp_path / "class"
    folder.mkdir()
    essay = "Tea Time\n\nSchools should serve tea. A 2019 survey found 62% of pupils like tea.\n"
    (folder / "anna.txt").write_text(essay, encoding="utf-8")
    (folder / "ben.docx").write_bytes(_docx(_blocks(essay)))
    (folder / "cara.pdf").write_bytes(_pdf(_blocks(essay)))
    (folder / "dan.html").write_text(_html(_blocks(essay)), encoding="utf-8")
    (folder / "~$ben.docx").write_bytes(b"\x05Word lock file" + bytes(150))  # Word's lock file
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["map", str(folder), "-o", str(out), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    names = ["anna", "ben", "cara", "dan"]
    maps = {n: json.loads((out / f"{n}.json").read_text(encoding="utf-8")) for n in names}
    assert not (out / "~$ben.json").exists()
    assert {m["source"]["format"] for m in maps.values()} == {"txt", "docx", "pdf", "html"}
    kinds = {name: [(c["kind"], c["text"]) for c in m["components"]] for name, m in maps.items()}
    assert kinds["ben"] == kinds["cara"] == kinds["dan"] == kinds["anna"]


def test_cli_one_line_errors_for_documents(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from argmap.app.cli import app

    locked = tmp_path / "locked.pdf"
    locked.write_bytes(_encrypted(_pdf([("p", "Tea.")]), "secret"))
    odt = tmp_path / "essay.odt"
    odt.write_bytes(_zip({"mimetype": "application/vnd.oasis.opendocument.text"}))
    problems = {
        locked: "the PDF is encrypted (password-protected); save a copy without a password",
        odt: "cannot read an OpenDocument text (.odt); save it as .docx",
    }
    for path, problem in problems.items():
        result = CliRunner().invoke(app, ["map", str(path), "-o", str(tmp_path / "out")])
        assert result.exit_code == 1
        assert result.stderr == f"argmap: error: {path}: {problem}\n"


def test_text_that_starts_like_a_signature_is_still_text() -> None:
    assert read_bytes(b"BMW and MZ made cars in 1928.", "cars.txt").text.startswith("BMW")
    assert read_bytes(b"MZ motorcycles were built in Zschopau.", "-").source.format == "txt"


def test_html_blocks_inside_list_items_and_empty_headings() -> None:
    page = (
        "<ul><li><p>First point.</p><p>More on it.</p></li><li>Second</li></ul>"
        "<h2></h2><p>Not a heading.</p><div class='content-sidebar-wrap'><p>Kept.</p></div>"
    )
    assert html_text(page) == "- First point.\n\nMore on it.\n\n- Second\n\nNot a heading.\n\nKept."


_KINDS_OF_START = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<!doctype html>", OLE, b"\x89PNG"]


@settings(max_examples=80, deadline=None)
@given(
    start=st.sampled_from(_KINDS_OF_START),
    body=st.binary(max_size=300),
    name=st.sampled_from(["x.txt", "x.docx", "x.pdf", "x.html", "x.md", "-"]),
)
def test_any_bytes_give_text_or_a_one_line_error(start: bytes, body: bytes, name: str) -> None:
    try:
        raw = read_bytes(start + body, name)
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(f"{name}: ")
    else:
        assert raw.text.strip() and raw.source.format in set(InputFormat)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_html_text_never_fails(page: str) -> None:
    assert isinstance(html_text(page), str)


_WORD_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufffe\uffff"
    ),
    min_size=1,
    max_size=80,
).filter(lambda t: t.strip())


@settings(max_examples=60, deadline=None)
@given(_WORD_TEXT)
def test_docx_paragraph_text_round_trips(text: str) -> None:
    raw = read_bytes(_docx([("p", text)]), "x.docx")
    assert raw.text == unicodedata.normalize("NFC", text.strip())


def test_a_pipe_is_read_once(tmp_path: Path) -> None:
    """`argmap map <(cat essay.txt)`: the path is a pipe, read once to its end."""
    import threading

    read_end, write_end = os.pipe()

    def feed() -> None:
        with os.fdopen(write_end, "wb") as fh:
            fh.write(ESSAY.encode("utf-8"))

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        raw = read_path(Path(f"/dev/fd/{read_end}"))
    finally:
        writer.join()
        os.close(read_end)
    assert raw.text == ESSAY


def test_a_fifo_without_a_writer_does_not_wait(tmp_path: Path) -> None:
    fifo = tmp_path / "essay.txt"
    os.mkfifo(fifo)
    assert _error(read_path, fifo) == f"{fifo}: file is empty"


def test_a_device_is_refused() -> None:
    assert _error(read_path, Path("/dev/zero")) == "/dev/zero: is a device or a socket, not a file"
