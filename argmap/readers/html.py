"""HTML pages: the main content of a page as text with Markdown-style headings and bullets.

Headings become "#" lines, paragraphs are separated by a blank line, list items are "- item" or
"1. item" lines and table rows "| a | b |" lines, the way `structure` reads them. Scripts,
styles, navigation and other page furniture are left out. A page is decoded as a text file is
(`argmap.readers.text.decode`), trusting first the charset its `<meta>` declares.

>>> html_text(b"<h1>Tea</h1><nav>Home | About</nav><p>Tea is <b>good</b>.</p><ul><li>hot</li></ul>")
'# Tea\\n\\nTea is good.\\n\\n- hot'
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from argmap.readers.text import decode, join_blocks

__all__ = [
    "MAX_DEPTH",
    "html_charset",
    "html_text",
    "read_html",
]

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
# A "<" that starts a tag never closed before the next "<" ("<a<a<a..."): the standard library's
# parser looks for the tag's end from each one again to the end of the page (quadratic), so
# such a "<" is made text first, as a browser shows it. And "<![" not followed by a name
# ("<![ CDATA[") is a bogus comment, which the standard parser fails on: it is dropped.
_UNCLOSED_TAG_RE = re.compile(r"<(?=[A-Za-z/])(?=[^<>]*(?:<|\Z))")
_BOGUS_MARKED_RE = re.compile(r"<!\[(?![A-Za-z])[^>]*>?")
#: Elements nested deeper than this are read as if their tags were not there (their text stays):
#: no page needs more, and every level costs each later tag a step.
MAX_DEPTH = 200
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
        self._open: dict[str, int] = {}  # how many elements of each tag are open
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
        if len(self._stack) >= MAX_DEPTH:
            return
        values = dict(attrs)
        own_header = tag == "header" and self._main > 0  # an article's header holds its title
        element = _Open(
            tag,
            skipped=(tag in _SKIP_TAGS and not own_header) or _hidden(values),
            main=tag in ("main", "article") or values.get("role") == "main",
        )
        self._stack.append(element)
        self._open[tag] = self._open.get(tag, 0) + 1
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
        if not self._open.get(tag):
            return
        while self._stack:
            element = self._stack[-1]
            if not self._skip:
                self._close(element.tag)
            self._stack.pop()
            self._open[element.tag] -= 1
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
    page = _UNCLOSED_TAG_RE.sub("&lt;", _BOGUS_MARKED_RE.sub("", page))
    parser = _Extractor()
    parser.feed(page)
    parser.close()
    blocks = parser.blocks
    if any(b.main and b.kind != "row" for b in blocks):
        blocks = [b for b in blocks if b.main]
    return join_blocks(_html_line(b) for b in blocks)


def _html_line(block: _Block) -> tuple[str, bool]:
    if block.kind in _HEADINGS:
        return "#" * _HEADINGS[block.kind] + " " + " ".join(block.text.split()), False
    if block.kind == "li":
        return block.marker + block.text.replace("\n", " "), True
    if block.kind == "row":
        return block.text, True
    return block.text, False


def read_html(data: bytes, name: str) -> tuple[str, str]:
    """The text of an HTML page (see `html_text`) and the encoding the page was decoded with.

    >>> read_html(b'<meta charset="latin-1"><p>Caf\\xe9.</p>', "cafe.html")
    ('Café.', 'cp1252')
    """
    page, encoding = decode(data, name, html_charset(data))
    return html_text(page), encoding
