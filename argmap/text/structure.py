"""The `structure` stage: split cleaned text into layout blocks (title, headings, paragraphs,
bullets) and note arrows written as "A --> B".

>>> [(b.kind.value, b.paragraph) for b in structure("Title\\n\\nFirst point here.\\n\\n- a\\n- b")]
[('title', 0), ('paragraph', 1), ('bullet', 1), ('bullet', 1)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from argmap.model import Block, BlockKind

__all__ = ["structure", "line_spans", "arrows", "has_arrow", "BULLET_RE"]

# An arrow of revision notes: "->", "-->", "=>", "==>", "\u2192", "\u27f6". Every pattern here runs
# on essay text, so none may backtrack more than linearly (tests/test_hostile.py fuzzes them).
_ARROW_RE = re.compile(r"-{1,2}>|={1,2}>|\u2192|\u27f6")
_BULLET_MARKS = "\u2022\u2023\u25e6\u25aa\u25cf\u2013\u2014*+-"
BULLET_RE = re.compile(rf"^\s*(?:[{_BULLET_MARKS}]|\d{{1,2}}[.)])\s+(?=\S)")
_END_PUNCT = tuple(".!?;:,\u201d\"')")
# A line that ends a sentence (maybe inside closing quotation marks or brackets), and one that
# starts one (a capital, a digit or an opening quotation mark, maybe after an indent).
_CLOSING_MARKS = "[\"'\u201d\u2019)\\]]*"  # closing quotation marks or brackets, any number
_OPENING_MARK = "[\"'\u201c\u2018(]?"
_ENDS_SENTENCE = re.compile(f"[.!?\u2026]{_CLOSING_MARKS}$")
_STARTS_SENTENCE = re.compile(f"[ \t]*{_OPENING_MARK}[A-Z0-9]")


def structure(text: str) -> tuple[Block, ...]:
    """Return the blocks of `text` in order; offsets point into `text`."""
    lines = line_spans(text)
    blocks: list[Block] = []
    paragraph = -1
    i = 0
    while i < len(lines):
        start, end = lines[i]
        line = text[start:end]
        if not line.strip():
            i += 1
            continue
        prev_blank = i == 0 or not text[slice(*lines[i - 1])].strip()
        nxt_line = text[slice(*lines[i + 1])] if i + 1 < len(lines) else ""
        stands_alone = not nxt_line.strip() or bool(BULLET_RE.match(nxt_line))
        md = _md_heading(line)
        bullet = BULLET_RE.match(line)
        if md and md[2]:
            level, title_start, title = md
            s = start + title_start
            kind = BlockKind.TITLE if not blocks and level == 1 else BlockKind.HEADING
            paragraph += 1
            blocks.append(_block(text, kind, s, s + len(title), paragraph))
            i += 1
        elif bullet:
            if not blocks or blocks[-1].kind is BlockKind.TITLE:
                paragraph += 1
            blocks.append(_block(text, BlockKind.BULLET, start + bullet.end(), end, paragraph))
            i += 1
        elif (
            (not blocks or (prev_blank and stands_alone))
            and not nxt_line.lstrip()[:1].islower()  # a line the next one carries on is no title
            and _looks_like_heading(line, first=not blocks)
        ):
            kind = BlockKind.TITLE if not blocks else BlockKind.HEADING
            paragraph += 1
            blocks.append(_block(text, kind, start, end, paragraph))
            i += 1
        else:
            for j in _paragraph_ends(text, lines, i):
                if not blocks or blocks[-1].kind is not BlockKind.HEADING:
                    paragraph += 1  # a heading shares its number with the paragraph under it
                blocks.append(
                    _block(text, BlockKind.PARAGRAPH, lines[i][0], lines[j - 1][1], paragraph)
                )
                i = j
    return tuple(_signposted(text, blocks))


#: An essay typed as one block of at least this many words, with no line break at all, is a
#: wall of text: its paragraphs are found at its signposts (`_signposted`).
WALL_WORDS = 300
_WALL_KINDS = frozenset({BlockKind.TITLE, BlockKind.PARAGRAPH})
# A sentence that opens a new point or the conclusion ("First,", "Another ...", "In conclusion").
_SIGNPOST = re.compile(
    r"(?:first(?:ly| of all)?|to (?:begin|start)(?: with)?|second(?:ly)?|third(?:ly)?|lastly"
    r"|finally|another|on the other hand|in conclusion|to conclude|to sum up|in summary"
    r"|all in all|in short|overall|in the end)(?=[\s,])",
    re.IGNORECASE,
)
# Where a sentence ends and the next begins inside a line: end punctuation (maybe inside closing
# quotation marks or brackets), space, and a capital, maybe after an opening quotation mark.
_NEXT_SENTENCE = re.compile(f"(?<=[.!?]){_CLOSING_MARKS}\\s+(?={_OPENING_MARK}[A-Z])")


def _signposted(text: str, blocks: list[Block]) -> list[Block]:
    """`blocks`, with a wall of text (an essay that is one paragraph of `WALL_WORDS` words or more
    and has no line break, as some essays come out of web forms) broken into paragraphs before
    each sentence that opens a new point or the conclusion. Without it the whole essay is one
    paragraph: no introduction, body or conclusion, nothing for a point to gather its evidence.

    >>> body = "Phones distract pupils in class. " * 50
    >>> wall = body + "First, they ring. " + body + "In conclusion, ban them."
    >>> [(b.paragraph, text[b.start:b.start + 5]) for text in [wall] for b in structure(text)]
    [(0, 'Phone'), (1, 'First'), (2, 'In co')]
    """
    paragraphs = [b for b in blocks if b.kind is BlockKind.PARAGRAPH]
    if len(paragraphs) != 1 or any(b.kind not in _WALL_KINDS for b in blocks):
        return blocks
    wall = paragraphs[0]
    body = text[wall.start : wall.end]
    if "\n" in body or len(body.split()) < WALL_WORDS:
        return blocks
    starts = [wall.start]
    for m in _NEXT_SENTENCE.finditer(text, wall.start, wall.end):
        if _SIGNPOST.match(text, m.end()):
            starts.append(m.end())
    ends = [*starts[1:], wall.end]
    pieces = [
        _block(text, BlockKind.PARAGRAPH, a, b, wall.paragraph + k)
        for k, (a, b) in enumerate(zip(starts, ends, strict=True))
    ]
    return [b for b in blocks if b is not wall] + pieces


def _paragraph_ends(text: str, lines: list[tuple[int, int]], i: int) -> list[int]:
    """The paragraphs of the run of lines that starts at line `i`: the index of the line after
    each, in order (the run is read once, so a long run costs linear time).

    A run goes until a blank line, a bullet or a markdown heading. Within it, as most real
    essays are typed, a paragraph ends at a line that ends a sentence when the next line starts
    a new one (a single line break between paragraphs). Text hard-wrapped mid-sentence stays one
    paragraph: there a sentence that ends at the end of a full line (one the next word would
    not have fitted on) goes on, and a paragraph ends at a line with room left (or before an
    indented line).
    """
    run = i + 1
    while run < len(lines):
        line = text[slice(*lines[run])]
        if not line.strip() or BULLET_RE.match(line) or _md_heading(line):
            break
        run += 1
    body = [text[slice(*lines[k])].rstrip() for k in range(i, run)]
    # Hard-wrapped: several lines, most of them broken off in the middle of a sentence.
    wrapped = (
        len(body) >= 3 and 2 * sum(not _ENDS_SENTENCE.search(b) for b in body[:-1]) >= len(body) - 1
    )
    width = max((len(b) for b in body), default=0)
    ends = []
    for k in range(1, len(body)):
        prev, line = body[k - 1], body[k]
        if not _ENDS_SENTENCE.search(prev) or not _STARTS_SENTENCE.match(line):
            continue
        first_word = line.split()[0]
        if not wrapped or len(prev) + 1 + len(first_word) <= width or line[:1] in " \t":
            ends.append(i + k)
    return [*ends, run]


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of `text`, without its newline.

    >>> line_spans("ab\\n\\ncd")
    [(0, 2), (3, 3), (4, 6)]
    """
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _looks_like_heading(line: str, first: bool) -> bool:
    """A short line with no closing punctuation: "Causes", "Key dates", "Why it failed?"; or a
    label of at most LABEL_WORDS words and a colon ("OP-ED:", "Key dates:").

    The first line of a file may be a longer title ("Bread, Force and Famine: The Causes ...").

    >>> [_looks_like_heading(s, False) for s in ("OP-ED:", "My reasons are these:", "Causes")]
    [True, False, True]
    """
    s = line.strip()
    words = s.split()
    most = (20, 160) if first or _title_case(words) else (10, 80)
    if not words or len(words) > most[0] or len(s) > most[1] or has_arrow(s) or ". " in s:
        return False
    if s.endswith(":") and len(words) <= LABEL_WORDS:
        return True
    return not s.endswith(_END_PUNCT) or s.endswith("?")


#: A line of at most this many words ending in a colon, standing alone, is a label (a heading).
LABEL_WORDS = 3


def _title_case(words: list[str]) -> bool:
    """True for a headline in title case ("Put Down the Mower: Why Half Your Lawn Should Grow
    Wild"): at least three words of four letters or more, each capitalised."""
    long = [w for w in words if sum(c.isalpha() for c in w) >= 4]
    return len(long) >= 3 and all(w.lstrip("\"'\u201c\u2018(")[:1].isupper() for w in long)


def _block(text: str, kind: BlockKind, start: int, end: int, paragraph: int) -> Block:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    arrow = next(arrows(text, start, end), None)
    return Block(kind, start, end, paragraph, arrow[2] if arrow else None)


def _md_heading(line: str) -> tuple[int, int, str] | None:
    """A Markdown heading line's level, where its title starts and the title ("## Causes ##" ->
    (2, 3, "Causes")); the title may be empty. Done with string methods: the regex it replaces
    (`^(#{1,6})\\s+(.*?)\\s*#*\\s*$`) took cubic time on a line of many "#"s.

    >>> _md_heading("## Causes ##"), _md_heading("#hashtag"), _md_heading("# ")
    ((2, 3, 'Causes'), None, (1, 2, ''))
    """
    level = len(line) - len(line.lstrip("#"))
    if not 1 <= level <= 6 or not line[level : level + 1].isspace():
        return None
    start = len(line) - len(line[level:].lstrip())
    return level, start, line[start:].rstrip().rstrip("#").rstrip()


def arrows(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
    """Each arrow in `text[start:end]` with the whitespace around it: (start, end, arrow).

    The same spans as the regex `\\s*(arrow)\\s*` would give, found in linear time (that regex
    tried every position of a long run of spaces again, quadratic).

    >>> list(arrows("bread prices -->  riots -> revolution"))
    [(12, 18, '-->'), (23, 27, '->')]
    """
    end = len(text) if end is None else end
    floor = start
    for m in _ARROW_RE.finditer(text, start, end):
        left, right = m.start(), m.end()
        while left > floor and text[left - 1].isspace():
            left -= 1
        while right < end and text[right].isspace():
            right += 1
        yield left, right, m.group()
        floor = right


def has_arrow(text: str) -> bool:
    """True when `text` has an arrow of revision notes in it ("->", "=>", "\u2192", ...)."""
    return _ARROW_RE.search(text) is not None
