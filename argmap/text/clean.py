"""The `clean` stage: repair encoding, drop web boilerplate, rejoin broken numbers, tidy whitespace.

Every pass is a pure function `text -> (edits, notes)`: a list of non-overlapping
`(start, end, replacement)` edits and short notes for the reader. `apply_edits` is the one place
that performs edits, and it carries the offset map along, so `Cleaned.origin` always points back
into the text `clean` was given.

>>> c = clean("Home | About | Contact\\n\\nGrain fell by 250. 4 tons.  ")
>>> c.text
'Grain fell by 250.4 tons.'
>>> c.origin[c.text.index("G")], c.repairs
(24, ('removed 1 boilerplate line', 'joined broken number 250. 4 -> 250.4'))
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence

import ftfy

from argmap.model import Cleaned
from argmap.text.structure import BULLET_RE, has_arrow, line_spans  # agree with `structure`

__all__ = ["clean", "apply_edits"]

Edit = tuple[int, int, str]
Pass = Callable[[str], tuple[list[Edit], list[str]]]

_HS = "[\t\u0020\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"  # tab or any space (Zs)
_HS_RUN_RE = re.compile(f"{_HS}+")
_DIFF_LIMIT = 5000
_MAX_ROUNDS = 4


def clean(text: str) -> Cleaned:
    """Clean `text` and map every character of the result back to its offset in `text`.

    The passes run again until the text stops changing (so `clean` is idempotent): one repair
    can expose another, as when removing a junk line brings "23." and "6%" together, or dropping
    a stray control character completes a piece of mojibake.

    >>> clean("caf\\u00c3\\u00a9  au lait\\n\\n\\n\\n3 of 7\\n").text
    'café au lait'
    """
    origin = tuple(range(len(text)))
    repairs: list[str] = []
    for _ in range(_MAX_ROUNDS):
        before = text
        for step in _PASSES:
            edits, notes = step(text)
            text, origin = apply_edits(text, origin, edits)
            repairs.extend(notes)
        if text == before:
            break
    return Cleaned(text=text, origin=origin, repairs=tuple(repairs))


def apply_edits(text: str, origin: Sequence[int], edits: list[Edit]) -> tuple[str, tuple[int, ...]]:
    """Apply non-overlapping edits to `text` and keep `origin` (one offset per character) in step.

    A replacement's characters take the offsets of the span they replace, spread evenly over it;
    an insertion takes the offset of the character before it.

    >>> apply_edits("tea  cake", range(9), [(3, 5, " "), (9, 9, "!")])
    ('tea cake!', (0, 1, 2, 3, 5, 6, 7, 8, 8))
    """
    if not edits:
        return text, tuple(origin)
    parts: list[str] = []
    new_origin: list[int] = []
    pos = 0
    for start, end, replacement in sorted(edits):
        if start < pos or end < start:
            raise ValueError(f"overlapping or inverted edit {(start, end)}")
        parts.append(text[pos:start])
        new_origin.extend(origin[pos:start])
        parts.append(replacement)
        span = origin[start:end] or origin[max(start - 1, 0) : start] or origin[:1] or (0,)
        new_origin.extend(span[i * len(span) // len(replacement)] for i in range(len(replacement)))
        pos = end
    parts.append(text[pos:])
    new_origin.extend(origin[pos:])
    return "".join(parts), tuple(new_origin)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --- 0. Line breaks and control characters ---------------------------------------------------

# Every line separator Python's str.splitlines knows becomes "\n"; C0 controls other than tab
# and newline are dropped. C1 controls (U+0080-U+009F) are left to the mojibake repair below.
_NEWLINE_RE = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\u2028\u2029]")
_C0_RE = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f]")


def _controls(text: str) -> tuple[list[Edit], list[str]]:
    edits = [(m.start(), m.end(), "\n") for m in _NEWLINE_RE.finditer(text) if m.group() != "\n"]
    edits += [(m.start(), m.end(), "") for m in _C0_RE.finditer(text)]
    return edits, []


# --- 1. Encoding repair ----------------------------------------------------------------------

_STRAY_RE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")  # control characters but tab
_SEPARATORS = str.maketrans("\u2028\u2029", "  ")
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    replace_lossy_sequences=False,  # never turn text into U+FFFD
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=True,
)


def _mojibake(text: str) -> tuple[list[Edit], list[str]]:
    """Fix UTF-8 mojibake ("cafÃ©", "donâ€™t") line by line with ftfy."""
    edits: list[Edit] = []
    places: Counter[str] = Counter()
    for start, end in line_spans(text):
        line = text[start:end]
        if line.isascii():
            continue
        new, label = _fix_line(line)
        if new == line:
            continue
        ops = _diff(line, new)
        edits.extend((start + i, start + j, rep) for i, j, rep in ops)
        if label:
            places[label] += len(ops)
    notes = [f"repaired mojibake ({label}) in {_plural(n, 'place')}" for label, n in places.items()]
    return edits, notes


def _fix_line(line: str) -> tuple[str, str | None]:
    """The line repaired, and the code page of its mojibake (None if there was none).

    Control characters ftfy leaves (and line separators it produces) are dropped.
    """
    fixed = ftfy.fix_and_explain(line, _FTFY_CONFIG)
    label = _encoding_label(fixed.explanation or []) if fixed.text != line else None
    return _STRAY_RE.sub("", fixed.text).translate(_SEPARATORS), label


def _diff(old: str, new: str) -> list[Edit]:
    """Small edits that turn `old` into `new`: difflib's, after trimming what both share."""
    head = len(os.path.commonprefix([old, new]))
    tail = len(os.path.commonprefix([old[head:][::-1], new[head:][::-1]]))
    old_mid, new_mid = old[head : len(old) - tail], new[head : len(new) - tail]
    if len(old_mid) + len(new_mid) > _DIFF_LIMIT:  # keep difflib's quadratic time in check
        return [(head, head + len(old_mid), new_mid)]
    matcher = difflib.SequenceMatcher(None, old_mid, new_mid, autojunk=False)
    return [
        (head + i1, head + i2, new_mid[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _encoding_label(explanation: Sequence[tuple[str, str]]) -> str:
    encodings = [name for action, name in explanation if action == "encode"]
    if not encodings:
        return "cp1252"  # only C1 controls, read as their Windows-1252 characters
    return encodings[0].removeprefix("sloppy-").replace("windows-", "cp")


# --- Cyrillic read with the wrong code page -------------------------------------------------

# cp1251 bytes 0xC0-0xFF are А-я; read as cp1250 they become these Latin-2 letters and signs.
_TYPICAL = frozenset(bytes(range(0xC0, 0x100)).decode("cp1250"))
# Ё ё Ђ ђ Є є І і Ї ї Ў ў Ґ ґ and friends, read as cp1250.
_EXTRA = frozenset(
    bytes([0xA8, 0xB8, 0xAA, 0xBA, 0xB2, 0xB3, 0xAF, 0xBF, 0xA5, 0xB4]).decode("cp1250")
)
_CANDIDATE = "".join(sorted(_TYPICAL | _EXTRA))
_WORD = f"[{re.escape(_CANDIDATE)}]+"
_GAP = rf"(?:{_HS}|[\d,;:.!?\"'()\[\]\u2013\u2014\u2026\u00ab\u00bb-])+"
_CYRILLIC_RUN_RE = re.compile(
    rf"(?<![\w{re.escape(_CANDIDATE)}]){_WORD}(?:{_GAP}{_WORD})*(?![\w{re.escape(_CANDIDATE)}])"
)


def _cyrillic(text: str) -> tuple[list[Edit], list[str]]:
    """Runs of words made only of Latin-2 letters that decode (cp1250 -> cp1251) to Cyrillic.

    A word with any ASCII letter in it ("Dvořák", "Erdős", "Łódź") is never part of a run, and a
    run needs three letters of the typical set and a word of three letters, so genuine Latin-2
    text is left alone. A run may span spaces, digits and punctuation, never a line break.
    """
    edits: list[Edit] = []
    for m in _CYRILLIC_RUN_RE.finditer(text):
        run = m.group()
        longest = max(len(word) for word in re.findall(_WORD, run))
        if longest < 3 or sum(c in _TYPICAL for c in run) < 3:
            continue
        try:
            fixed = run.encode("cp1250").decode("cp1251")
        except UnicodeError:
            continue
        if all(a == b or _is_cyrillic_letter(b) for a, b in zip(run, fixed, strict=True)):
            edits.append((m.start(), m.end(), fixed))
    notes = [
        f"repaired Cyrillic mojibake (cp1251 read as cp1250) in {_plural(len(edits), 'place')}"
    ]
    return edits, notes if edits else []


def _is_cyrillic_letter(c: str) -> bool:
    return c.isalpha() and unicodedata.name(c, "").startswith("CYRILLIC")


# --- 2. Boilerplate lines --------------------------------------------------------------------

_ALWAYS_JUNK_RE = re.compile(
    r"""(?:copyright\s*(?:©|\(c\)|\d{4})|©|\(c\)\s*\d{4}).*
      | .*\ball\ rights\ reserved\b.*
      | .*\b(?:we\ use|uses|accept(?:\ all)?|use\ of)\ cookies\b.*
      | cookies?\ (?:policy|settings|preferences|notice|consent)\b.*""",
    re.IGNORECASE | re.VERBOSE,
)
_RELATED_RE = re.compile(
    r"""(?:related(?:\ (?:articles?|posts?|stories|content|links))?
         |you\ (?:may|might)\ also\ (?:like|enjoy)
         |recommended(?:\ (?:for\ you|articles|reading))?
         |(?:recent|popular)\ (?:posts|articles)|more\ stories|read\ next):?""",
    re.IGNORECASE | re.VERBOSE,
)
_SOCIAL = r"""(?:facebook|twitter|x|e-?mail|linkedin|pinterest|reddit|whatsapp|print|tumblr
              |telegram|pocket|tweet|messenger|more)"""
_JUNK_RE = re.compile(
    r"""skip\ to\ (?:main\ )?(?:content|navigation|main)
      | (?:main\ )?menu | search(?:\ this\ site)?:? | toggle\ navigation | back\ to\ top
      | home | read\ more
      | (?:tags|tagged|categories|category|filed\ under):.*
      | share(?:\ this(?:\ (?:article|page|post|story))?|\ on|\ via)?:?(?:\ <social>)*
      | <social>(?:\ <social>)+ | you\ are\ here:?.*
      | bookmark\ this\ (?:site|page|article|post)\b.*
      | no\ comments(?:\ yet)?\.? | \d+\ comments? | comments?\ \(\d+\)
      | leave\ a\ (?:reply|comment)\b.*
      | (?:privacy\ policy|terms\ (?:of\ (?:use|service)|and\ conditions)|sitemap)\b.*
      | posted\ (?:by|on|in)\ .*
      | click\ here\b.* | subscribe\b.*
      | (?:slide\ )?\d{1,3}\ ?(?:of|/)\ ?\d{1,3} | page\ \d{1,4}(?:\ of\ \d{1,4})?
    """.replace("<social>", _SOCIAL),
    re.IGNORECASE | re.VERBOSE,
)
# Separators only: the items are stripped after (`\s*` around them tried every space again).
_MENU_SPLIT_RE = re.compile(r"[|\u2022\u00b7]")
_CRUMB_SPLIT_RE = re.compile(r"(?<=\s)>(?=\s)|[\u203a\u00bb]")
_HEADING_RE = re.compile(r"\s*#")
_QUESTION_RE = re.compile(r"\s*(?:q|question)\s*\d*\s*[:.)]", re.IGNORECASE)
_SENTENCE_END_RE = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
_STATEMENT_END_RE = re.compile(r"[.!\u2026][\"'\u201d\u2019)\]]*$")
_LINK_MAX_WORDS = 10


def _boilerplate(text: str) -> tuple[list[Edit], list[str]]:
    """Drop whole lines of web junk, each with its newline (`_whitespace` collapses blank lines).

    Junk: navigation ("Skip to content", "Menu", "Search", "Home | About | Contact"), breadcrumbs
    ("Home > History > ..."), share lines, "Related articles" and the short link titles under it,
    copyright and cookie notices, "All rights reserved", "Bookmark this site", comment prompts,
    policy links, "Posted by/on ...", "Click here ...", "Subscribe ...", "Tags: ...", slide and
    page counters ("3 of 7", "3/7", "Page 2 of 5"). Kept: real sentences (8+ words ending in
    . ! ? or ..., unless a copyright or cookie notice) and the essay's own structure (see
    `_protected`).
    """
    lines = line_spans(text)
    drop: set[int] = set()
    in_related = False
    for i, (start, end) in enumerate(lines):
        line = " ".join(text[start:end].split())
        if in_related:
            if not line and i - 1 in drop:
                continue  # blank lines right after the header
            if line and _looks_like_link(line) and not _protected(text[start:end]):
                drop.add(i)
                continue
            in_related = False
        if _is_junk(text[start:end], line):
            drop.add(i)
            in_related = bool(_RELATED_RE.fullmatch(line))
    edits: list[Edit] = []
    for i in sorted(drop):
        start, end = lines[i]
        if i + 1 < len(lines):
            edits.append((start, end + 1, ""))
        elif i - 1 not in drop and start > 0:
            edits.append((start - 1, end, ""))  # the last line: remove the newline before it
        else:
            edits.append((start, end, ""))
    notes = [f"removed {_plural(len(drop), 'boilerplate line')}"] if drop else []
    return edits, notes


def _protected(raw: str) -> bool:
    """Headings, bullets, arrows, "Q:" lines and table rows are the essay's own structure."""
    return bool(
        _HEADING_RE.match(raw)
        or BULLET_RE.match(raw)
        or has_arrow(raw)
        or _QUESTION_RE.match(raw)
        or raw.lstrip().startswith("|")
    )


def _is_sentence(line: str) -> bool:
    return len(line.split()) >= 8 and bool(_SENTENCE_END_RE.search(line))


def _looks_like_link(line: str) -> bool:
    """A short title without a full stop ("Ten Facts About Rice", "Why Did the Tsar Fall?")."""
    return len(line.split()) <= _LINK_MAX_WORDS and not _STATEMENT_END_RE.search(line)


def _is_junk(raw: str, line: str) -> bool:
    """`raw` is the line as written, `line` the same with its whitespace collapsed."""
    if not line or _protected(raw):
        return False
    if _ALWAYS_JUNK_RE.fullmatch(line):
        return True
    if _is_sentence(line):
        return False
    return bool(
        _JUNK_RE.fullmatch(line)
        or _RELATED_RE.fullmatch(line)
        or _is_menu(_MENU_SPLIT_RE.split(line), 3)
        or _is_breadcrumb(_CRUMB_SPLIT_RE.split(line))
    )


def _is_breadcrumb(items: list[str]) -> bool:
    """ "Home > History > The Food Crisis": short items, the last may be a page title.

    Three items are needed, or two when the first is "Home".
    """
    items = [item.strip() for item in items if item.strip()]
    if len(items) < (2 if items and items[0].lower() == "home" else 3):
        return False
    title = items[-1]
    return (
        _is_menu(items[:-1], 1) and len(title.split()) <= 12 and not _SENTENCE_END_RE.search(title)
    )


def _is_menu(items: list[str], min_items: int) -> bool:
    """Short items ("Home", "About us") joined by separators, as in a navigation bar."""
    items = [item.strip() for item in items if item.strip()]
    return len(items) >= min_items and all(
        len(item.split()) <= 4 and len(item) <= 30 and not _SENTENCE_END_RE.search(item)
        for item in items
    )


# --- 3. Broken numbers -----------------------------------------------------------------------

_PERCENT = rf"(?={_HS}*(?P<unit>%|per{_HS}?cent\b|percent\b))"
# "250. 4" (any run of horizontal space counts as the space, so the result is stable).
_SPLIT_DECIMAL_RE = re.compile(rf"(?<![\w.,])(\d+)\.{_HS}+(\d+)(?!\w)(?:{_PERCENT})?")
# "23." at the end of a paragraph, then "6%" or "6 per cent" starting the next one.
_SPLIT_PARAGRAPH_RE = re.compile(rf"(?<![\w.,])(\d+)\.{_HS}*\n(?:{_HS}*\n)*{_HS}*(\d+){_PERCENT}")
_YEAR_RE = re.compile(r"1\d{3}|20\d{2}")


def _numbers(text: str) -> tuple[list[Edit], list[str]]:
    """Rejoin decimals split by copy-paste.

    "250. 4" becomes "250.4" unless the left number is a year ("in 1928. 3 million died"),
    except before "%" or "per cent" ("1928. 5%" is a decimal). The left number must not start
    its line ("1. 4 reasons" is a numbered list). "23." ending a paragraph followed by "6%" (or
    "6 per cent") starting the next joins the two paragraphs into one: "23.6%".
    """
    edits: list[Edit] = []
    notes: list[str] = []
    for m in _SPLIT_PARAGRAPH_RE.finditer(text):
        if not _starts_line(text, m.start()):
            edits.append((m.end(1) + 1, m.start(2), ""))
            unit = m["unit"] if m["unit"] == "%" else " " + m["unit"]
            notes.append(
                f"joined number split over a paragraph break: {m[1]}. | {m[2]}{unit}"
                f" -> {m[1]}.{m[2]}{unit}"
            )
    for m in _SPLIT_DECIMAL_RE.finditer(text):
        year_like = len(m[1]) == 4 and _YEAR_RE.fullmatch(m[1]) and m["unit"] is None
        if year_like or _starts_line(text, m.start()):
            continue
        edits.append((m.end(1) + 1, m.start(2), ""))
        notes.append(f"joined broken number {m[1]}. {m[2]} -> {m[1]}.{m[2]}")
    return edits, notes


def _starts_line(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip()


# --- 4. Whitespace ---------------------------------------------------------------------------


def _whitespace(text: str) -> tuple[list[Edit], list[str]]:
    """One space between words, none at line ends, at most one blank line, none at the ends."""
    lines = line_spans(text)
    filled = {i for i, (s, e) in enumerate(lines) if e > s and not _HS_RUN_RE.fullmatch(text, s, e)}
    if not filled:
        return ([(0, len(text), "")] if text else []), []
    first, last = min(filled), max(filled)
    edits: list[Edit] = []
    if lines[first][0] > 0:
        edits.append((0, lines[first][0], ""))
    if lines[last][1] < len(text):
        edits.append((lines[last][1], len(text), ""))
    previous_blank = False
    for i in range(first, last + 1):
        start, end = lines[i]
        if i not in filled:
            if previous_blank:
                edits.append((start, end + 1, ""))  # a second blank line: drop it whole
            elif end > start:
                edits.append((start, end, ""))
            previous_blank = True
            continue
        previous_blank = False
        for m in _HS_RUN_RE.finditer(text, start, end):
            if m.start() == start or m.end() == end:
                edits.append((m.start(), m.end(), ""))
            elif m.group() != " ":
                edits.append((m.start(), m.end(), " "))
    return edits, []


_PASSES: tuple[Pass, ...] = (_controls, _mojibake, _cyrillic, _boilerplate, _numbers, _whitespace)
