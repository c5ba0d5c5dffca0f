"""PDF documents: the text layer as paragraphs, headings and list items.

pypdf gives the text fragments of each page with their positions; lines are rebuilt from them,
running headers, footers and page numbers are dropped, and paragraphs, headings and list items
are told apart by spacing, indentation, font size and weight (see `pdf_text`). The text comes
out laid out the way `structure` reads it. pypdf is imported here and nowhere else.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import re
import statistics
import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from argmap.model import InputError
from argmap.readers.text import join_blocks, reason

__all__ = [
    "MAX_PAGES",
    "pdf_text",
    "read_pdf",
]

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


#: The most pages a PDF may have: reading a page costs time even when it is empty.
MAX_PAGES = 1_000


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
            count = len(reader.pages)
            if count > MAX_PAGES:
                raise InputError(
                    f"{name}: the PDF has {count:,} pages; argmap reads at most {MAX_PAGES:,}"
                    " (an essay, not a book)"
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
            raise InputError(f"{name}: damaged PDF ({reason(exc)})") from None
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
    return join_blocks(blocks)


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


def read_pdf(data: bytes, name: str) -> tuple[str, str]:
    """The text layer of a PDF (see `pdf_text`); its encoding is given as "pdf"."""
    return pdf_text(data, name), "pdf"
