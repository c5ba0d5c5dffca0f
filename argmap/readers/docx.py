"""Word .docx documents: headings, paragraphs, list items and table rows as text.

A .docx is a zip archive of XML parts; `word/document.xml` holds the text, `word/styles.xml` and
`word/numbering.xml` say which paragraphs are headings and list items. The text comes out laid
out the way `structure` reads it: "#" headings, paragraphs separated by a blank line, "- item"
or "1. item" lines, "| a | b |" table rows. Only the standard library is used (zipfile and
ElementTree, with guards against zip bombs and DTDs).
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from argmap.model import InputError
from argmap.readers.sniff import describe_zip
from argmap.readers.text import join_blocks, reason

__all__ = [
    "MAX_DEPTH",
    "MAX_ELEMENTS",
    "MAX_PART_BYTES",
    "docx_text",
    "read_docx",
]

#: The most XML unpacked from one part of a .docx: a guard against zip bombs, checked while
#: unpacking (the sizes an archive declares may lie). A 300-page thesis is about 5 MB.
MAX_PART_BYTES = 20_000_000
#: The deepest nesting of XML elements read (Word's own documents stay below 30), and the most
#: elements in one part (a 300-page thesis has about 100,000).
MAX_DEPTH = 200
MAX_ELEMENTS = 1_000_000
_CHUNK = 1 << 16

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
                raise InputError(f"{name}: cannot read {describe_zip(data)}")
            styles = _xml_part(archive, "word/styles.xml", name)
            numbering = _xml_part(archive, "word/numbering.xml", name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(f"{name}: damaged .docx file ({reason(exc)})") from None
    except (NotImplementedError, RuntimeError) as exc:  # unknown compression, encrypted entry
        raise InputError(f"{name}: cannot unpack the .docx file ({reason(exc)})") from None
    body = _child(document, "body")
    if body is None:
        raise InputError(f"{name}: damaged .docx file (no document body)")
    reader = _DocxReader(_styles(styles), _numbering(numbering))
    return join_blocks(reader.blocks(body))


def _xml_part(archive: zipfile.ZipFile, part: str, name: str) -> ET.Element | None:
    try:
        info = archive.getinfo(part)
    except KeyError:
        return None
    too_large = (
        f"{name}: {part} unpacks to more than {MAX_PART_BYTES / 1e6:.0f} MB of XML, more than"
        " any essay (a damaged file or a zip bomb)"
    )
    if info.file_size > MAX_PART_BYTES:
        raise InputError(too_large)
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    root: ET.Element | None = None
    depth = size = elements = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                if size == 0 and (b"<!DOCTYPE" in chunk or b"<!ENTITY" in chunk):
                    raise InputError(f"{name}: damaged .docx file ({part} declares a DTD)")
                size += len(chunk)
                if size > MAX_PART_BYTES:
                    raise InputError(too_large)
                parser.feed(chunk)
                events = cast("Iterator[tuple[str, ET.Element]]", parser.read_events())
                for event, element in events:
                    depth += 1 if event == "start" else -1
                    elements += event == "start"
                    if root is None:
                        root = element
                    if elements > MAX_ELEMENTS:
                        raise InputError(
                            f"{name}: {part} has more than {MAX_ELEMENTS:,} XML elements, more"
                            " than any essay"
                        )
                    if depth > MAX_DEPTH:
                        raise InputError(
                            f"{name}: damaged .docx file ({part} nests elements more than"
                            f" {MAX_DEPTH} deep)"
                        )
        parser.close()
    except ET.ParseError as exc:
        raise InputError(f"{name}: damaged .docx file ({part}: {exc})") from None
    if root is None:
        raise InputError(f"{name}: damaged .docx file ({part} is empty)")
    return root


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
        self.counters: dict[str, dict[int, int]] = {}  # numId -> level -> last number

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
        counters = self.counters.setdefault(num_id, {})
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]  # a deeper list restarts under each item
        indent = "  " * max(level, 0)
        if fmt in ("bullet", "none"):
            return f"{indent}- {text.replace(chr(10), ' ')}"
        n = counters.get(level, 0) + 1
        counters[level] = n
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


def read_docx(data: bytes, name: str) -> tuple[str, str]:
    """The text of a .docx (see `docx_text`); its XML is UTF-8."""
    return docx_text(data, name), "utf-8"
