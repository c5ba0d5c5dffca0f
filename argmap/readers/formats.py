"""Text out of document formats: Word `.docx`, HTML and PDF, for the `read` stage.

Each reader takes the file's bytes and returns plain text laid out the way `structure` reads it:
headings as Markdown headings ("# Title", "## Causes"), paragraphs separated by a blank line, list
items as "- item" or "1. item" on lines of their own. `sniff` says what a file is from its first
bytes, so a format is found by content, not by the file name. Every problem is an `InputError`
whose one-line message starts with the file name. pypdf is imported here and nowhere else.

>>> sniff(b"%PDF-1.7 ..."), sniff(b"<!DOCTYPE html><p>Tea.</p>"), sniff(b"Tea is good.")
('pdf', 'html', 'text')
>>> html_text(b"<h1>Tea</h1><nav>Home | About</nav><p>Tea is <b>good</b>.</p><ul><li>hot</li></ul>")
'# Tea\\n\\nTea is good.\\n\\n- hot'
"""

from __future__ import annotations

import codecs
import contextlib
import io
import logging
import math
import re
import statistics
import warnings
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from argmap.model import InputError

__all__ = [
    "MAX_PART_BYTES",
    "describe",
    "docx_text",
    "html_charset",
    "html_text",
    "pdf_text",
    "sniff",
]

#: The largest XML part of a .docx that is unpacked (a guard against zip bombs).
MAX_PART_BYTES = 50_000_000

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
_HTML_START_RE = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_TAG_RE = re.compile(
    rb"<(?:p|div|span|a|h[1-6]|li|ul|ol|br|table|tr|td|th|body|head|title|meta|link|script"
    rb"|style|em|strong|b|i|section|article|main|nav|header|footer|img|blockquote)[\s/>]",
    re.IGNORECASE,
)
_MIN_TAGS = 5


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
    head = data[:8192]
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
    if _HTML_START_RE.match(text):
        return "html"
    if tags and text.lstrip().startswith(b"<") and len(_TAG_RE.findall(text)) >= _MIN_TAGS:
        return "html"
    return "text"


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
        return _describe_zip(data)
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
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return set()


def _describe_zip(data: bytes) -> str:
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


# --- HTML ------------------------------------------------------------------------------------

_SKIP_TAGS = frozenset(
    "script style noscript template svg math iframe object embed canvas nav header footer aside"
    " form button select textarea dialog head title menu".split()
)
_SKIP_ROLES = frozenset("navigation banner contentinfo complementary search menu menubar".split())
# Whole class names or ids (not parts of them: "content-sidebar-wrap" holds the content).
_SKIP_CLASSES = frozenset(
    "nav navbar navigation menu main-menu sidebar breadcrumb breadcrumbs site-header site-footer"
    " footer cookie-banner cookie-notice cookie-consent share sharing social social-share"
    " share-buttons sharedaddy comments comment-list related related-posts advert advertisement"
    " ads skip-link screen-reader-text".split()
)
_KINDS = frozenset({"li", "pre", "td", "th"})
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr keygen".split()
)
_BLOCKS = frozenset(
    "p div section article main blockquote pre ul ol li dl dt dd table tr td th thead tbody tfoot"
    " caption figure figcaption h1 h2 h3 h4 h5 h6 hr address details summary center".split()
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_HTML_SPACE_RE = re.compile(r"[ \t\n\r\f]+")
_BR = "\x00"  # stands for <br> until a block is written out (NUL is never essay text)
_CHARSET_RE = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
# WHATWG: these labels mean windows-1252.
_WINDOWS_1252 = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"})


def html_charset(data: bytes) -> str | None:
    """The encoding a `<meta charset>` in the first 2 KB declares, if Python knows it.

    >>> html_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
    'cp1252'
    >>> html_charset(b"<p>Tea</p>") is None
    True
    """
    m = _CHARSET_RE.search(data[:2048])
    if m is None:
        return None
    label = m.group(1).decode("ascii").lower()
    if label in _WINDOWS_1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


@dataclass
class _Block:
    kind: str  # "p", "h1".."h6", "li", "pre", "row"
    text: str
    main: bool  # inside <main>, <article> or role="main"
    marker: str = ""  # "- " or "1. " for list items, with indentation


@dataclass
class _Open:
    """An element the parser is inside."""

    tag: str
    skipped: bool  # it and everything in it are left out
    main: bool
    marker: str = ""  # for <li>: its bullet or number, used by its first block only


class _Extractor(HTMLParser):
    """Collects the blocks of a page, leaving out scripts, styles, navigation and the like.

    Pages are often not well-formed: an end tag closes every element opened inside it, a stray
    end tag is ignored, and a `<p>` or `<li>` ends at the next one.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        self._stack: list[_Open] = []
        self._skip = 0
        self._main = 0
        self._parts: list[str] = []
        self._lists: list[list[int]] = []  # per open list: [ordered (0/1), next number]
        self._row: list[str] | None = None  # the cells of the open table row

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self._void(tag)
            return
        if tag in ("p", "li") and self._stack and self._stack[-1].tag == tag:
            self.handle_endtag(tag)
        values = dict(attrs)
        own_header = tag == "header" and self._main > 0  # an article's header holds its title
        element = _Open(
            tag,
            skipped=(tag in _SKIP_TAGS and not own_header) or _hidden(values),
            main=tag in ("main", "article") or values.get("role") == "main",
        )
        self._stack.append(element)
        self._skip += element.skipped
        self._main += element.main
        if self._skip:
            return
        if tag in _BLOCKS:
            self._flush()
        if tag in ("ul", "ol"):
            self._lists.append([int(tag == "ol"), 1])
        elif tag == "li":
            indent = "  " * max(len(self._lists) - 1, 0)
            if self._lists and self._lists[-1][0]:
                element.marker = f"{indent}{self._lists[-1][1]}. "
                self._lists[-1][1] += 1
            else:
                element.marker = f"{indent}- "
        elif tag == "tr":
            self._row = []
        elif tag == "q":
            self._parts.append("\u201c")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self._void(tag)
        else:  # <p/> in XHTML: an empty element
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if not any(open_.tag == tag for open_ in self._stack):
            return
        while self._stack:
            element = self._stack[-1]
            if not self._skip:
                self._close(element.tag)
            self._stack.pop()
            self._skip -= element.skipped
            self._main -= element.main
            if element.tag == tag:
                break

    def _close(self, tag: str) -> None:
        if tag == "q":
            self._parts.append("\u201d")
        elif tag in _BLOCKS:
            self._flush()
            if tag in ("ul", "ol") and self._lists:
                self._lists.pop()
            elif tag == "tr" and self._row is not None:
                if any(self._row):
                    text = "| " + " | ".join(self._row) + " |"
                    self.blocks.append(_Block("row", text, self._main > 0))
                self._row = None

    def _void(self, tag: str) -> None:
        if self._skip:
            return
        if tag == "br":
            self._parts.append(_BR)
        elif tag == "hr":
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._parts.append(data.replace(_BR, ""))

    def _flush(self) -> None:
        """Write out the text gathered so far as a block of the innermost kind it is in."""
        raw = "".join(self._parts)
        self._parts = []
        context = next(
            (e for e in reversed(self._stack) if e.tag in _HEADINGS or e.tag in _KINDS), None
        )
        kind = context.tag if context is not None else "p"
        if kind == "pre":
            text = raw.replace(_BR, "\n").strip("\n")
        else:
            lines = (_HTML_SPACE_RE.sub(" ", line).strip() for line in raw.split(_BR))
            text = "\n".join(line for line in lines if line)
        if not text.strip():
            return
        if kind in ("td", "th"):
            if self._row is not None:
                self._row.append(" ".join(text.split()))
                return
            kind = "p"
        marker = ""
        if kind == "li" and context is not None:
            marker, context.marker = context.marker, ""
            kind = "li" if marker else "p"  # a second block in one item is a paragraph
        self.blocks.append(_Block(kind, text, self._main > 0, marker))

    def close(self) -> None:
        super().close()
        self._flush()


def _hidden(attrs: dict[str, str | None]) -> bool:
    """Hidden elements, and page furniture marked by its role, class or id."""
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    if (attrs.get("role") or "").lower() in _SKIP_ROLES:
        return True
    style = (attrs.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower().split()
    return any(name in _SKIP_CLASSES for name in names)


def html_text(data: bytes | str, encoding: str = "utf-8") -> str:
    """The main content of an HTML page as text with Markdown-style headings and bullets.

    Scripts, styles, navigation, headers (but an article's own), footers, asides, forms and
    hidden elements are dropped; when the page marks its content with `<main>`, `<article>` or
    `role="main"`, only that content is kept. Headings become "#" lines (by level), list items
    "- " or "1. " lines, table rows "| a | b |" lines, everything else a paragraph.

    >>> html_text("<body><header>Site</header><main><h2>Why</h2><p>Because.</p></main></body>")
    '## Why\\n\\nBecause.'
    """
    page = data if isinstance(data, str) else data.decode(encoding, errors="replace")
    parser = _Extractor()
    parser.feed(page)
    parser.close()
    blocks = parser.blocks
    if any(b.main and b.kind != "row" for b in blocks):
        blocks = [b for b in blocks if b.main]
    return _join(_html_line(b) for b in blocks)


def _html_line(block: _Block) -> tuple[str, bool]:
    if block.kind in _HEADINGS:
        return "#" * _HEADINGS[block.kind] + " " + " ".join(block.text.split()), False
    if block.kind == "li":
        return block.marker + block.text.replace("\n", " "), True
    if block.kind == "row":
        return block.text, True
    return block.text, False


def _join(lines: Iterator[tuple[str, bool]] | list[tuple[str, bool]]) -> str:
    """Blocks separated by a blank line, except consecutive list items (and table rows)."""
    out: list[str] = []
    previous_tight = False
    for text, tight in lines:
        if out:
            out.append("\n" if tight and previous_tight else "\n\n")
        out.append(text)
        previous_tight = tight
    return "".join(out)


# --- DOCX ------------------------------------------------------------------------------------

_W_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # "strict" Office Open XML
)
# Parts of a paragraph whose text is not the document's visible text, or is there twice.
_DOCX_SKIP = frozenset(
    "del moveFrom instrText delText delInstrText footnoteReference endnoteReference"
    " commentReference AlternateContent drawing pict object rPr pPr sectPr".split()
)
_HEADING_STYLE_RE = re.compile(r"heading([1-9])")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(element: ET.Element, name: str) -> str | None:
    for ns in _W_NAMESPACES:
        value = element.get(f"{{{ns}}}{name}")
        if value is not None:
            return value
    return None


def _child(element: ET.Element, name: str) -> ET.Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


@dataclass(frozen=True)
class _Style:
    name: str
    outline: int | None  # 0-based outline level (a heading), if set
    num_id: str | None
    num_level: int
    based_on: str | None


def docx_text(data: bytes, name: str) -> str:
    """The text of a Word .docx document: headings, paragraphs, list items and table rows.

    Paragraph styles decide the layout: "Title" becomes "# ", "Heading N" (or an outline level)
    N "#"s, numbered or bulleted paragraphs "1. " or "- " lines (indented by level), table rows
    "| a | b |" lines. Deleted tracked changes, field codes, drawings and text boxes are left out;
    headers, footers, footnotes and comments live in other parts and are not read.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            document = _xml_part(archive, "word/document.xml", name)
            if document is None:
                raise InputError(f"{name}: cannot read {_describe_zip(data)}")
            styles = _xml_part(archive, "word/styles.xml", name)
            numbering = _xml_part(archive, "word/numbering.xml", name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(f"{name}: damaged .docx file ({_reason(exc)})") from None
    except (NotImplementedError, RuntimeError) as exc:  # unknown compression, encrypted entry
        raise InputError(f"{name}: cannot unpack the .docx file ({_reason(exc)})") from None
    body = _child(document, "body")
    if body is None:
        raise InputError(f"{name}: damaged .docx file (no document body)")
    reader = _DocxReader(_styles(styles), _numbering(numbering))
    return _join(reader.blocks(body))


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:120] or type(exc).__name__


def _xml_part(archive: zipfile.ZipFile, part: str, name: str) -> ET.Element | None:
    try:
        info = archive.getinfo(part)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise InputError(f"{name}: {part} is too large ({info.file_size / 1e6:.0f} MB unpacked)")
    raw = archive.read(info)
    if b"<!DOCTYPE" in raw[:4096] or b"<!ENTITY" in raw[:4096]:  # never in Office XML
        raise InputError(f"{name}: damaged .docx file ({part} declares a DTD)")
    try:
        return ET.fromstring(raw)
    except ET.ParseError as exc:
        raise InputError(f"{name}: damaged .docx file ({part}: {exc})") from None


def _styles(root: ET.Element | None) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    if root is None:
        return styles
    for style in root:
        if _local(style.tag) != "style" or _attr(style, "type") not in (None, "paragraph"):
            continue
        style_id = _attr(style, "styleId")
        if style_id is None:
            continue
        name_el, based_el, ppr = (_child(style, n) for n in ("name", "basedOn", "pPr"))
        outline, num_id, num_level = _paragraph_props(ppr)
        styles[style_id] = _Style(
            name=(_attr(name_el, "val") or "") if name_el is not None else style_id,
            outline=outline,
            num_id=num_id,
            num_level=num_level or 0,
            based_on=_attr(based_el, "val") if based_el is not None else None,
        )
    return styles


def _paragraph_props(ppr: ET.Element | None) -> tuple[int | None, str | None, int | None]:
    """(outline level, numbering id, numbering level) set directly in a `w:pPr`."""
    if ppr is None:
        return None, None, None
    outline_el, num_pr = _child(ppr, "outlineLvl"), _child(ppr, "numPr")
    outline = _int(_attr(outline_el, "val")) if outline_el is not None else None
    num_id = level = None
    if num_pr is not None:
        id_el, level_el = _child(num_pr, "numId"), _child(num_pr, "ilvl")
        num_id = _attr(id_el, "val") if id_el is not None else None
        level = _int(_attr(level_el, "val")) if level_el is not None else None
    return outline, num_id, level


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _numbering(root: ET.Element | None) -> dict[tuple[str, int], str]:
    """(numId, level) -> number format ("bullet", "decimal", ...)."""
    if root is None:
        return {}
    abstract: dict[str, dict[int, str]] = {}
    for element in root:
        if _local(element.tag) == "abstractNum":
            levels: dict[int, str] = {}
            for lvl in element:
                if _local(lvl.tag) != "lvl":
                    continue
                fmt = _child(lvl, "numFmt")
                level = _int(_attr(lvl, "ilvl"))
                if level is not None:
                    levels[level] = (
                        (_attr(fmt, "val") or "decimal") if fmt is not None else "bullet"
                    )
            abstract[_attr(element, "abstractNumId") or ""] = levels
    formats: dict[tuple[str, int], str] = {}
    for element in root:
        if _local(element.tag) == "num":
            ref = _child(element, "abstractNumId")
            ref_id = (_attr(ref, "val") or "") if ref is not None else ""
            for number, number_format in abstract.get(ref_id, {}).items():
                formats[(_attr(element, "numId") or "", number)] = number_format
    return formats


class _DocxReader:
    def __init__(self, styles: dict[str, _Style], numbering: dict[tuple[str, int], str]) -> None:
        self.styles = styles
        self.numbering = numbering
        self.counters: dict[tuple[str, int], int] = {}

    def blocks(self, container: ET.Element) -> Iterator[tuple[str, bool]]:
        for element in container:
            tag = _local(element.tag)
            if tag == "p":
                line = self.paragraph(element)
                if line is not None:
                    yield line
            elif tag == "tbl":
                yield from self.table(element)
            elif tag in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag"):
                yield from self.blocks(element)

    def table(self, table: ET.Element) -> Iterator[tuple[str, bool]]:
        for row in table.iter():
            if _local(row.tag) != "tr":
                continue
            cells = []
            for cell in row:
                if _local(cell.tag) == "tc":
                    texts = (_paragraph_text(p) for p in cell if _local(p.tag) == "p")
                    cells.append(" ".join(" ".join(t.split()) for t in texts if t.strip()))
            if any(cells):
                yield "| " + " | ".join(cells) + " |", True

    def paragraph(self, p: ET.Element) -> tuple[str, bool] | None:
        text = _paragraph_text(p).strip()
        if not text:
            return None
        outline, num_id, num_level = _paragraph_props(_child(p, "pPr"))
        style_id = _style_id(p)
        style_name, style_outline, style_num, style_level = self.style_chain(style_id)
        outline = outline if outline is not None else style_outline
        if num_id is None:
            num_id, num_level = style_num, (num_level if num_level is not None else style_level)
        level = num_level or 0
        name = "".join(style_name.lower().split())  # "heading 1", "Heading1" -> "heading1"
        if name == "title":
            return "# " + " ".join(text.split()), False
        heading = _HEADING_STYLE_RE.fullmatch(name)
        if heading or (outline is not None and 0 <= outline < 9):
            depth = int(heading.group(1)) if heading else (outline or 0) + 1
            return "#" * min(depth, 6) + " " + " ".join(text.split()), False
        if num_id is not None and num_id != "0":
            return self.list_item(num_id, level, text), True
        if name.startswith("listbullet"):
            return "- " + text, True
        if name.startswith("listnumber"):
            return self.list_item(style_id or name, level, text, "decimal"), True
        return text, False

    def list_item(self, num_id: str, level: int, text: str, fmt: str | None = None) -> str:
        fmt = fmt or self.numbering.get((num_id, level), "bullet")
        for key in [k for k in self.counters if k[0] == num_id and k[1] > level]:
            del self.counters[key]  # a deeper list restarts under each item
        indent = "  " * max(level, 0)
        if fmt in ("bullet", "none"):
            return f"{indent}- {text.replace(chr(10), ' ')}"
        n = self.counters.get((num_id, level), 0) + 1
        self.counters[(num_id, level)] = n
        return f"{indent}{n}. {text.replace(chr(10), ' ')}"

    def style_chain(self, style_id: str | None) -> tuple[str, int | None, str | None, int]:
        """Name, outline level and numbering of a style, following `basedOn` (at most 10 steps)."""
        name, outline, num_id, level = "", None, None, 0
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen and len(seen) < 10:
            seen.add(style_id)
            style = self.styles[style_id]
            name = name or style.name
            outline = outline if outline is not None else style.outline
            if num_id is None and style.num_id is not None:
                num_id, level = style.num_id, style.num_level
            style_id = style.based_on
        if not seen and style_id:
            name = style_id  # no styles.xml: the id is usually the English name ("Heading1")
        return name, outline, num_id, level


def _style_id(p: ET.Element) -> str | None:
    ppr = _child(p, "pPr")
    style = _child(ppr, "pStyle") if ppr is not None else None
    return _attr(style, "val") if style is not None else None


def _paragraph_text(p: ET.Element) -> str:
    parts: list[str] = []
    _collect(p, parts)
    return "".join(parts)


def _collect(element: ET.Element, parts: list[str]) -> None:
    """The visible text under `element`; a field shows its result (its code is `instrText`)."""
    for child in element:
        tag = _local(child.tag)
        if tag in _DOCX_SKIP:
            continue
        if tag == "t":
            parts.append(child.text or "")
        elif tag in ("tab", "ptab"):
            parts.append("\t")
        elif tag in ("br", "cr"):
            parts.append("\n")
        elif tag == "noBreakHyphen":
            parts.append("-")
        else:  # hyperlink, ins, smartTag, fldSimple, sdt, sdtContent, customXml, ...
            _collect(child, parts)


# --- PDF -------------------------------------------------------------------------------------

_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u00ad": "",
        "\uf0b7": "\u2022",  # bullets drawn from the Symbol / Wingdings fonts
        "\uf0a7": "\u25aa",
        "\uf076": "\u2022",
        "\uf0d8": "\u2022",
        "\uf0fc": "\u2022",
    }
)
_PAGE_NUMBER_RE = re.compile(
    r"(?:page\s*)?[-\u2013\u2014(\[]?\s*\d{1,4}\s*[-\u2013\u2014)\]]?"
    r"(?:\s*(?:of|/)\s*\d{1,4})?",
    re.IGNORECASE,
)
# Round bullets and "1." / "1)": a dash at the start of a line is as likely a dash in a sentence.
_BULLET_START_RE = re.compile(r"[\u2022\u2023\u25aa\u25cf\u25e6]\s|\d{1,2}[.)]\s")
_SENTENCE_END = tuple(".!?:;\"'\u201d\u2019)")
_BOLD_RE = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_EDGE_LINES = 2
_WINDOW = 8  # lines each side whose spacing counts as the usual spacing around a line
_GAP_FACTOR = 1.35  # a gap this much larger than the usual spacing ends a paragraph
_LONG_LINE = 40  # characters in a usual line of body text, for a short line to tell
_SAME_LINE = 0.3  # lines less than this far apart (in font sizes) are one line


@dataclass
class _Line:
    text: str
    x: float
    y: float
    size: float
    bold: bool
    page: int


class _LineBuilder:
    """Turns pypdf's text fragments (with their positions) into lines with a position each."""

    def __init__(self, page: int) -> None:
        self.page = page
        self.lines: list[_Line] = []
        self.parts: list[str] = []
        self.first: tuple[float, float, float] | None = None
        self.bold = True

    def visit(self, text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        pieces = text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                self.end()
            if piece.strip():
                if self.first is None:
                    self.first = _position(cm, tm, size)
                self.bold = self.bold and _is_bold(font)
            self.parts.append(piece)

    def end(self) -> None:
        text = "".join(self.parts).translate(_LIGATURES).rstrip()
        if text.strip() and self.first is not None:
            x, y, size = self.first
            self.lines.append(_Line(text.strip(), x, y, size, self.bold, self.page))
        self.parts, self.first, self.bold = [], None, True


def _position(cm: Any, tm: Any, size: Any) -> tuple[float, float, float]:
    """Page coordinates of the text matrix's origin, and the font size on the page."""
    try:
        a, b, c, d, e, f = (float(v) for v in cm)
        ta, tb, tc, td, tx, ty = (float(v) for v in tm)
        scale = math.sqrt(abs((ta * td - tb * tc) * (a * d - b * c))) or 1.0
        return a * tx + c * ty + e, b * tx + d * ty + f, float(size) * scale
    except (TypeError, ValueError):
        return 0.0, 0.0, 0.0


def _is_bold(font: Any) -> bool:
    try:
        return bool(_BOLD_RE.search(str(font.get("/BaseFont", "")))) if font is not None else False
    except AttributeError:
        return False


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Keep pypdf's warnings about damaged files off stderr while it reads."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def pdf_text(data: bytes, name: str) -> str:
    """The text layer of a PDF, as paragraphs separated by blank lines.

    Lines are read with their positions; a paragraph ends where the gap to the next line is
    clearly larger than the usual line spacing, where the next line is indented (first-line
    indent) or in another font size, or after a short line that ends a sentence. Lines of a
    paragraph are joined with a space ("well-" + "known" becomes "well-known"). Lines that
    repeat at the top or bottom of most pages (running headers, footers) and bare page numbers
    there are dropped; a large or bold line standing alone becomes a "#" heading. An encrypted
    PDF is read when it opens without a password; one that needs a password, a damaged one and
    one without any text (a scan) are errors.
    """
    import pypdf
    from pypdf.errors import DependencyError

    with _quiet_pypdf():
        try:
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                except DependencyError:
                    raise InputError(
                        f"{name}: the PDF is encrypted with AES, which needs the 'cryptography'"
                        " package (pip install cryptography)"
                    ) from None
                if not opened:
                    raise InputError(
                        f"{name}: the PDF is encrypted (password-protected); save a copy without"
                        " a password"
                    )
            pages: list[list[_Line]] = []
            for number, page in enumerate(reader.pages):
                builder = _LineBuilder(number)
                page.extract_text(visitor_text=builder.visit)
                builder.end()
                pages.append(builder.lines)
        except InputError:
            raise
        except RecursionError:
            raise InputError(f"{name}: damaged PDF (nested too deeply)") from None
        except Exception as exc:  # pypdf raises many kinds of exception on damaged files
            raise InputError(f"{name}: damaged PDF ({_reason(exc)})") from None
    if not pages:
        raise InputError(f"{name}: damaged PDF (it has no pages)")
    if not any(pages):
        raise InputError(
            f"{name}: the PDF has no text layer (a scanned document?); run OCR on it or use the"
            " original document"
        )
    return _pdf_layout(_drop_running_lines(pages))


def _drop_running_lines(pages: list[list[_Line]]) -> list[_Line]:
    """All lines in order, without running headers/footers and bare page numbers at page edges."""
    edges: list[set[int]] = []
    for lines in pages:
        order = sorted(range(len(lines)), key=lambda i: -lines[i].y)
        edges.append(set(order[:_EDGE_LINES] + order[-_EDGE_LINES:]))
    counts: Counter[str] = Counter()
    for lines, edge in zip(pages, edges, strict=True):
        counts.update({_running_key(lines[i].text) for i in edge})
    repeated = {key for key, n in counts.items() if len(pages) >= 2 and n >= max(2, len(pages) / 2)}
    kept: list[_Line] = []
    for lines, edge in zip(pages, edges, strict=True):
        for i, line in enumerate(lines):
            if i in edge and (
                _running_key(line.text) in repeated or _PAGE_NUMBER_RE.fullmatch(line.text)
            ):
                continue
            kept.append(line)
    return kept


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def _pdf_layout(lines: list[_Line]) -> str:
    if not lines:
        return ""
    body_size = _mode([round(line.size * 2) / 2 for line in lines for _ in line.text]) or 10.0
    # gaps[i]: the distance from line i - 1 down to line i, in font sizes, where both are on
    # one page in one font size (None elsewhere); `body_gaps` only those of body text.
    gaps: list[float | None] = [None]
    body_gaps: list[float | None] = [None]
    for prev, line in zip(lines, lines[1:], strict=False):
        same = prev.page == line.page and abs(prev.size - line.size) < 0.1 * max(line.size, 1.0)
        gap = (prev.y - line.y) / max(line.size, 1.0) if same else None
        gaps.append(gap)
        body_gaps.append(gap if abs(line.size - body_size) < 0.1 * body_size else None)
    usual = [g for g in body_gaps if g is not None and g > _SAME_LINE]
    spacing = statistics.median(usual) if usual else 1.2
    body = [line for line in lines if abs(line.size - body_size) < 0.1 * body_size]
    margin = _mode([round(line.x) for line in body]) if body else 0.0
    lengths = sorted(len(line.text) for line in body)
    full = lengths[int(0.8 * (len(lengths) - 1))] if lengths else 0

    paragraphs: list[list[_Line]] = [[lines[0]]]
    for i in range(1, len(lines)):
        # The line spacing around here: the lower quartile of the nearby gaps (most gaps are
        # between lines of a paragraph), so a double-spaced part of a single-spaced document
        # (or the other way round) is judged by its own spacing.
        near = sorted(
            g
            for g in body_gaps[max(i - _WINDOW, 1) : i + _WINDOW + 1]
            if g is not None and g > _SAME_LINE
        )
        local = near[len(near) // 4] if len(near) >= 3 else spacing
        body_line = abs(lines[i - 1].size - body_size) < 0.1 * body_size
        if _breaks(lines[i - 1], lines[i], gaps[i], local, margin, full if body_line else 0):
            paragraphs.append([lines[i]])
        else:
            paragraphs[-1].append(lines[i])

    blocks: list[tuple[str, bool]] = []
    for paragraph in paragraphs:
        text = _join_lines([line.text for line in paragraph])
        if _BULLET_START_RE.match(text):
            blocks.append((text, True))  # `structure` reads "•", "-" and "1." bullets
        elif _is_heading(paragraph, text, body_size):
            blocks.append(((("#" if not blocks else "##") + " " + text), False))
        else:
            blocks.append((text, False))
    return _join(blocks)


def _breaks(
    prev: _Line, line: _Line, gap: float | None, spacing: float, margin: float, full: int
) -> bool:
    """Whether `line` starts a new paragraph after `prev` (`gap` as in `_pdf_layout`).

    `full` is the length of a usual line of body text (0 when `prev` is not body text).
    """
    size = line.size or 1.0
    if abs(prev.size - line.size) > 0.15 * max(prev.size, line.size, 1.0) or prev.bold != line.bold:
        return True
    if _BULLET_START_RE.match(line.text):
        return True
    if line.page == prev.page and gap is not None:
        if gap < -_SAME_LINE or gap > spacing * _GAP_FACTOR:
            return True  # a paragraph gap, or a jump up the page (the next column)
        if gap <= _SAME_LINE:
            return False  # more text on the same line
    indented = line.x > margin + 0.8 * size and abs(prev.x - margin) < 0.5 * size
    if indented and not _BULLET_START_RE.match(prev.text):
        return True
    # A line that stops well short of the others ends its paragraph (or list item, whose
    # bullet may be a drawing, not text) when the usual line is long enough to tell; with short
    # lines only, when it ends a sentence.
    short = len(prev.text) < 0.7 * full
    return short and (full >= _LONG_LINE or prev.text.endswith(_SENTENCE_END))


def _is_heading(paragraph: list[_Line], text: str, body_size: float) -> bool:
    """A line or two, larger than the body text or all bold, not ending like a sentence."""
    first = paragraph[0]
    larger = first.size >= 1.15 * body_size
    return (
        len(paragraph) <= 2
        and (larger or all(line.bold for line in paragraph))
        and len(text.split()) <= 20
        and not text.endswith((".", ",", ";"))
    )


def _join_lines(lines: list[str]) -> str:
    out = lines[0]
    for line in lines[1:]:
        if len(out) > 1 and out.endswith("-") and out[-2].isalpha():
            out += line  # "well-" + "known"
        else:
            out += " " + line
    return out


def _mode(values: list[float] | list[int]) -> float:
    counts = Counter(values)
    if not counts:
        return 0.0
    best = max(counts.values())
    return float(min(v for v, n in counts.items() if n == best))
