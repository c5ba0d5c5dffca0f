"""Word-level helpers shared by the stages that compare texts (`link`, `analyse`).

>>> sorted(content_words("Collectivisation organised the colour of labour"))
['collectivization', 'color', 'labor', 'organized']
>>> concept_word("collectivisation") == concept_word("collectivization")
True
"""

from __future__ import annotations

import functools
import re

__all__ = ["WORD_RE", "content_words", "overlap", "spelling", "concept_word", "shorten"]

WORD_RE = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an the and or but of to in on at for with by from is are was were be been being it its "
    "this that these those as not no so very really all everyone everybody who which has have had "
    "do does did can could will would should must may might than then there their they them".split()
)


def content_words(text: str) -> frozenset[str]:
    """Lowercased content words with British and American spellings merged."""
    out = set()
    for w in WORD_RE.findall(text.lower()):
        if w in _STOP or len(w) < 3:
            continue
        out.add(spelling(w).rstrip("s"))
    return frozenset(out)


_OUR_WORDS = frozenset("hour hours four tour pour flour your our sour devour".split())


@functools.lru_cache(maxsize=65536)
def spelling(word: str) -> str:
    """One spelling for British and American forms of a lowercased word.

    >>> [spelling(w) for w in ("organisation", "labour", "analyse", "fuelled", "four")]
    ['organization', 'labor', 'analyze', 'fueled', 'four']
    """
    if len(word) > 5:
        word = re.sub(r"is(e|ed|es|ing|er|ers|ation|ations)$", r"iz\1", word)
        word = re.sub(r"ys(e|ed|es|ing)$", r"yz\1", word)
        word = re.sub(r"ll(ed|ing|er|ers)$", r"l\1", word)
    if word not in _OUR_WORDS:
        word = re.sub(r"our(s|ed|ing|ful|ite|ites)?$", r"or\1", word)
    return word


def concept_word(word: str, plural: bool = False) -> str:
    """A lowercased noun in one spelling, made singular when `plural` ("peasants" -> "peasant").

    >>> concept_word("Harvests", plural=True), concept_word("shortages", plural=True)
    ('harvest', 'shortage')
    """
    word = spelling(word.lower())
    if plural and len(word) > 3 and not word.endswith(("ss", "us", "is")):
        if word.endswith("ies"):
            word = word[:-3] + "y"
        elif word.endswith(("ches", "shes", "sses", "xes")):
            word = word[:-2]
        elif word.endswith("s"):
            word = word[:-1]
    return word


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two word sets (0 when either is empty).

    >>> overlap(frozenset({"grain", "price"}), frozenset({"grain", "riot"}))
    0.5
    """
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def shorten(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters at a word boundary, ending in an ellipsis.

    >>> shorten("one two three four", 12)
    'one two…'
    >>> shorten("short", 12)
    'short'
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "\u2026"
