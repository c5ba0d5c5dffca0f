"""The `read` stage: turn a file (or the bytes of standard input) into decoded text and a format.

Formats: plain text (`.txt`, `.text`, no suffix, standard input), Markdown (`.md`, `.markdown`),
HTML (`.html`, `.htm`, `.xhtml`), Word (`.docx`) and PDF (`.pdf`, its text layer). The content
decides, not the name: a PDF, a .docx or an HTML page is read as one whatever it is called (see
`argmap.readers.formats.sniff`); a file with another suffix is refused unless its content is one of
those. Documents come out as text with Markdown-style headings and bullets (`readers.formats`).

Decoding of text and HTML: a byte-order mark (UTF-8, UTF-16, UTF-32); for HTML the charset its
`<meta>` declares; then strict UTF-8; then the best guess of charset-normalizer, kept only when it
is plausible (see `_plausible`); otherwise cp1252, which never fails on 8-bit text. The text is
then given Unix newlines, stripped of C0 control characters other than tab and newline, and
NFC-normalised. Every problem is an `InputError` whose message is one line that starts with the
file name.

>>> raw = read_bytes("Caf\\u00e9 au lait\\r\\n".encode("cp1252"), "notes.txt")
>>> raw.text, raw.encoding, raw.source.format
('Café au lait\\n', 'cp1252', 'txt')
>>> read_bytes(b"<!doctype html><title>T</title><h1>Tea</h1><p>Tea is good.</p>", "-").text
'# Tea\\n\\nTea is good.'
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from pathlib import Path

import charset_normalizer

from argmap.model import InputError, RawText, Source
from argmap.readers.formats import describe, docx_text, html_charset, html_text, pdf_text, sniff

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "MAX_DOCUMENT_BYTES",
    "SUPPORTED_SUFFIXES",
    "read_bytes",
    "read_path",
]

SUPPORTED_SUFFIXES = (
    ".txt",
    ".md",
    ".markdown",
    ".text",
    ".html",
    ".htm",
    ".xhtml",
    ".docx",
    ".pdf",
)
FORMATS = ("txt", "md", "html", "docx", "pdf")
#: The largest text or Markdown file, and the most text taken out of any document.
MAX_BYTES = 2_000_000
#: The largest HTML, .docx or PDF file (pictures and scripts make them much larger than their text).
MAX_DOCUMENT_BYTES = 25_000_000

_FORMATS = {
    "": "txt",
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
_DOCUMENTS = ("html", "docx", "pdf")
_EMPTY = {
    "txt": "only whitespace",
    "md": "only whitespace",
    "html": "nothing outside scripts, styles, navigation and hidden elements",
    "docx": "the document has no paragraphs",
    "pdf": "only whitespace in its text layer",
}
# UTF-32 first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF = 8192
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\b\x1b")
_MAX_CONTROL_SHARE = 0.1
# C0 controls except tab and newline, and DEL. C1 controls stay: `clean` repairs them as mojibake.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WORD_RE = re.compile(r"[^\W\d_]+")
_ASCII_PROBE = "The quick brown fox, 0-9.\n"


def read_path(path: Path) -> RawText:
    """Read an essay file: text, Markdown, HTML, .docx or PDF (see the module docstring).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = Path(tmp) / "essay.md"
    ...     _ = p.write_bytes(b"# Tea\\n\\nTea is good.\\n")
    ...     read_path(p).text
    '# Tea\\n\\nTea is good.\\n'
    """
    name = str(path)
    if path.is_dir():
        raise InputError(f"{name}: is a folder, not a file")
    if not path.exists():
        raise InputError(f"{name}: no such file")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(_SNIFF)
        kind = sniff(head)
        if _suffix(name) not in _FORMATS and kind not in ("pdf", "html", "zip", "docx"):
            _format(name, head)  # refuse an unsupported file before reading all of it
        limit = MAX_DOCUMENT_BYTES if kind in ("pdf", "html", "zip", "docx", "ole") else MAX_BYTES
        if size > limit:
            raise InputError(_too_large(name, size, limit))
        data = path.read_bytes()
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read the file ({exc.strerror or exc})") from None
    return read_bytes(data, name)


def read_bytes(data: bytes, name: str, fmt: str | None = None) -> RawText:
    """Read `data` (named `name` in messages, "-" for standard input) as an essay.

    The format is found from the content and the name (see `_format`) unless `fmt` (one of
    `FORMATS`) says which it is. `encoding` in the result is the text encoding used, "utf-8"
    for a .docx (its XML) and "pdf" for the text layer of a PDF.

    >>> read_bytes(b"\\xef\\xbb\\xbfTea.", "-").text
    'Tea.'
    >>> read_bytes(b"", "x.txt")
    Traceback (most recent call last):
    ...
    argmap.model.InputError: x.txt: file is empty
    """
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"{name}: unsupported format '{fmt}' (supported: {', '.join(FORMATS)})")
    if not data:
        raise InputError(f"{name}: file is empty")
    if fmt is None:
        fmt = _format(name, data)
    limit = MAX_DOCUMENT_BYTES if fmt in _DOCUMENTS else MAX_BYTES
    if len(data) > limit:
        raise InputError(_too_large(name, len(data), limit))
    if fmt == "docx":
        text, encoding = docx_text(data, name), "utf-8"
    elif fmt == "pdf":
        text, encoding = pdf_text(data, name), "pdf"
    elif fmt == "html":
        text, encoding = _decode(data, name, html_charset(data))
        text = html_text(text)
    else:
        text, encoding = _decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", _CONTROL_RE.sub("", text))
    if not text.strip():
        raise InputError(f"{name}: contains no text ({_EMPTY[fmt]})")
    if fmt in _DOCUMENTS and len(text) > MAX_BYTES:
        raise InputError(
            f"{name}: too much text ({len(text) / 1e6:.1f} million characters; the limit is"
            f" {MAX_BYTES / 1e6:.1f} million)"
        )
    sha = hashlib.sha256(data).hexdigest()
    return RawText(text=text, source=Source(path=name, sha256=sha, format=fmt), encoding=encoding)


def _suffix(name: str) -> str:
    return "" if name == "-" else Path(name).suffix.lower()


def _format(name: str, data: bytes) -> str:
    """The format of a file, from its content first and its name second.

    A PDF, a .docx or an HTML page (one starting with `<!DOCTYPE html>` or `<html>`, or, unless
    the name says Markdown, one dense with tags) is read as such whatever its name. Other kinds
    of file that argmap recognises (images, archives, old Word files, OpenDocument...) are
    refused with their name; anything else is text when the suffix is a text one (or there is
    none), and refused otherwise.
    """
    suffix = _suffix(name)
    kind = sniff(data, tags=_FORMATS.get(suffix) != "md")
    if kind in ("pdf", "docx", "html"):
        return kind
    if kind == "zip" and suffix == ".docx":
        return "docx"  # a damaged .docx: its reader says what is wrong
    what = describe(data)
    if what is not None:
        raise InputError(f"{name}: cannot read {what}")
    if suffix not in _FORMATS:
        supported = ", ".join(SUPPORTED_SUFFIXES)
        raise InputError(f"{name}: unsupported file type '{suffix}' (supported: {supported})")
    fmt = _FORMATS[suffix]
    if fmt in ("docx", "pdf") and _looks_binary(data[:_SNIFF]):
        raise InputError(
            f"{name}: not a valid {'Word .docx file' if fmt == 'docx' else 'PDF'} (it does not"
            f" start like one)"
        )
    return "txt" if fmt in ("docx", "pdf") else fmt  # text named .docx or .pdf is still text


def _too_large(name: str, size: int, limit: int) -> str:
    return f"{name}: file is too large ({size / 1e6:.1f} MB; the limit is {limit / 1e6:.1f} MB)"


def _decode(data: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
    """Return the decoded text and the name of the encoding used.

    `declared` is the encoding an HTML page declares; a byte-order mark overrides it.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    if declared is not None and not declared.startswith(("utf-16", "utf-32")):
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # a wrong declaration is common: guess as for a text file
    if _looks_binary(data[:_SNIFF]):
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and _ascii_compatible(best.encoding) and _plausible(str(best)):
        return str(best), best.encoding
    return data.decode("cp1252", errors="replace"), "cp1252"


def _looks_binary(head: bytes) -> bool:
    """NUL bytes (and no UTF-16/32 mark, checked before), or many control bytes."""
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 0x20 and b not in _TEXT_CONTROLS)
    return controls > _MAX_CONTROL_SHARE * len(head)


def _ascii_compatible(encoding: str) -> bool:
    try:
        return _ASCII_PROBE.encode(encoding) == _ASCII_PROBE.encode("ascii")
    except (LookupError, UnicodeError):
        return False


def _plausible(text: str) -> bool:
    """Trust a guessed encoding only when it yields whole words in a non-Latin script.

    For Latin-script text charset-normalizer cannot tell cp1252 from cp1250 or cp775 (a guess of
    cp775 turns "£5" into "Ż5"), so Latin results fall back to cp1252, the usual encoding of an
    English essay. A wrong non-Latin guess shows up as odd letters inside English words ("Cafﻠ").
    """
    words = [w for w in _WORD_RE.findall(text) if not w.isascii()]
    if not words:
        return False
    letters = {c for w in words for c in w if not c.isascii()}
    if any(unicodedata.name(c, "").startswith("LATIN") for c in letters):
        return False
    pure = sum(1 for w in words if not any(c.isascii() for c in w))
    return pure >= 0.8 * len(words)
