"""Telling a file's format from its bytes: magic numbers, zip members and the start of HTML.

`sniff` says what a file is from its first bytes, so a format is found by content, not by the
file name: a PDF, a Word .docx (a zip archive with `word/document.xml` in it), an HTML page, an
old-style Office file, another zip archive, a known binary kind (an image, an archive, a program)
or text. `describe` names the kinds of file argmap cannot read, for a precise error message.

>>> sniff(b"%PDF-1.7 ..."), sniff(b"<!DOCTYPE html><p>Tea.</p>"), sniff(b"Tea is good.")
('pdf', 'html', 'text')
>>> describe(b"GIF89a...")
'a GIF image'
"""

from __future__ import annotations

import codecs
import io
import re

__all__ = [
    "HEAD_BYTES",
    "describe",
    "describe_zip",
    "sniff",
    "written_by_argmap",
]

#: How many of a file's first bytes `sniff` looks at (and the reader reads before the rest).
HEAD_BYTES = 8192

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Binary kinds recognised by their first bytes, for a precise "unsupported" message.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),  # short signatures ("BMW is ...") count only with NUL bytes
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"MZ", "a Windows program"),
    (b"{\\rtf", "an RTF document (save it as .docx, .txt or PDF)"),
)
_WEAK_MAGIC = (b"BM", b"MZ")
_XML_DECLARATION_RE = re.compile(rb"<\?xml[^>]*>")
_HTML_TAG_RE = re.compile(rb"<(?:!doctype\s+html|html[\s>])", re.IGNORECASE)
_TAG_RE = re.compile(
    rb"<(?:p|div|span|a|h[1-6]|li|ul|ol|br|table|tr|td|th|body|head|title|meta|link|script"
    rb"|style|em|strong|b|i|section|article|main|nav|header|footer|img|blockquote)[\s/>]",
    re.IGNORECASE,
)
_MIN_TAGS = 5
# Marks of argmap's outputs, one of which is in the first HEAD_BYTES of each, as argmap writes
# it (an essay that quotes a line of argmap's output is still an essay).
_MARKS = (
    b'<meta name="generator" content="argmap">',  # pages: map, feedback, class, comparison
    b'{\n  "schema": "argmap/1",',  # the JSON map
    b'{\n  "generator": "written by argmap",',  # AIF, the comparison's JSON
    b'{"generator":"written by argmap",',  # the class summary's JSON lines and their journal
    b"\n\n[//]: # (written by argmap)\n",  # Markdown
    b"\n# written by argmap\n---\n",  # Mermaid (a YAML comment)
    b"?>\n<!-- written by argmap -->\n",  # GraphML
    b"<creator>argmap</creator>",  # GEXF
    b", written by argmap (argmap/1)\n",  # Argdown
    b"digraph argmap {\n",  # DOT
    b"/* written by argmap: ",  # the scripts and style sheet a folder of pages shares
)
# The first line of argmap's CSV files: the components' table and the class summary.
_CSV_STARTS = (b"id,role,paragraph,start,end,", b"essay,status,map,title,")


def sniff(data: bytes, tags: bool = True) -> str:
    """What `data` is: "pdf", "docx", "ole", "zip", "html", "binary" or "text".

    "docx" means a zip archive with `word/document.xml` in it; "ole" an old-style Office file
    (a .doc, or any Office document saved with a password); "binary" a known non-text kind
    (see `describe`). HTML is a file that starts with `<!DOCTYPE html>` or `<html>`, or (when
    `tags` is true) one that starts with a tag and has at least five HTML tags in its first 8 KB.

    >>> sniff(b"<h1>Tea</h1><p>Hot.</p><p>Sweet.</p><ul><li>milk</li></ul>")
    'html'
    >>> sniff(b"Tea is <b>good</b>.")
    'text'
    """
    head = data[:HEAD_BYTES]
    if _is_pdf(data):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if "word/document.xml" in _zip_names(data) else "zip"
    if head.startswith(b"PK\x05\x06"):  # an empty zip archive
        return "zip"
    if head.startswith(_OLE):
        return "ole"
    if _magic(head) is not None:
        return "binary"
    text = _head_bytes(head)
    if _starts_html(text):
        return "html"
    if tags and text.lstrip().startswith(b"<") and len(_TAG_RE.findall(text)) >= _MIN_TAGS:
        return "html"
    return "text"


def _starts_html(text: bytes) -> bool:
    """True when `text` starts with `<!DOCTYPE html>` or `<html>`, maybe after whitespace, an
    XML declaration and comments. A loop with `find`, not one regex: comments repeated under a
    `*` made the regex backtrack exponentially (24 empty comments took minutes)."""
    pos = len(text) - len(text.lstrip())
    declaration = _XML_DECLARATION_RE.match(text, pos)
    if declaration:
        pos = _skip_space(text, declaration.end())
    while text.startswith(b"<!--", pos):
        end = text.find(b"-->", pos + 4)
        if end < 0:
            return False
        pos = _skip_space(text, end + 3)
    return _HTML_TAG_RE.match(text, pos) is not None


def _skip_space(text: bytes, pos: int) -> int:
    return len(text) - len(text[pos:].lstrip())


def written_by_argmap(head: bytes) -> bool:
    """True when `head`, the first bytes of a file, carries the mark of an argmap output.

    >>> written_by_argmap(b'{\\n  "schema": "argmap/1",'), written_by_argmap(b"Dear diary")
    (True, False)
    """
    head = head[:HEAD_BYTES]
    return head.startswith(_CSV_STARTS) or any(mark in head for mark in _MARKS)


def _is_pdf(data: bytes) -> bool:
    """A PDF starts with "%PDF-"; readers also allow a few bytes of junk before it."""
    if data.lstrip(b" \t\r\n\x00").startswith(b"%PDF-"):
        return True
    return 0 < data.find(b"%PDF-", 0, 1024) and b"%%EOF" in data[-2048:]


def describe(data: bytes) -> str | None:
    """A few words naming a kind of file argmap cannot read, or None if it is not one of those.

    >>> describe(b"\\x89PNG\\r\\n\\x1a\\n...")
    'a PNG image'
    >>> describe(b"Tea.") is None
    True
    """
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return describe_zip(data)
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return (
                "an encrypted (password-protected) Office document; save a copy without a password"
            )
        return "an old-style Word .doc (or other Office 97-2003) file; save it as .docx"
    return _magic(data)


def _magic(data: bytes) -> str | None:
    for magic, what in _MAGIC:
        if data.startswith(magic) and (magic not in _WEAK_MAGIC or b"\x00" in data[:64]):
            return what
    return None


def _head_bytes(head: bytes) -> bytes:
    """The first bytes as ASCII-compatible bytes (a UTF-16/32 head is re-encoded), no UTF-8 BOM."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if head.startswith(bom):
            return head.decode(encoding, errors="ignore").encode("utf-8", errors="ignore")
    return head.removeprefix(codecs.BOM_UTF8)


def _zip_names(data: bytes) -> set[str]:
    import zipfile  # here: the command line's start-up imports this module

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return set()


def describe_zip(data: bytes) -> str:
    """A few words naming what a zip archive that is not a readable .docx is.

    >>> describe_zip(b"PK\\x05\\x06" + bytes(18))
    'an empty or damaged zip archive'
    """
    import zipfile

    names = _zip_names(data)
    mimetype = ""
    if "mimetype" in names:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                mimetype = archive.read("mimetype")[:100].decode("ascii", errors="replace")
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            pass
    if mimetype == "application/vnd.oasis.opendocument.text":
        return "an OpenDocument text (.odt); save it as .docx"
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        return "an OpenDocument file, not a text document"
    if mimetype == "application/epub+zip":
        return "an EPUB e-book"
    if any(n.startswith("ppt/") for n in names):
        return "a PowerPoint presentation, not a Word document"
    if any(n.startswith("xl/") for n in names):
        return "an Excel workbook, not a Word document"
    if not names:
        return "an empty or damaged zip archive"
    return "a zip archive that is not a Word document (no word/document.xml)"
