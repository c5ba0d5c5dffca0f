"""Word-level helpers shared by the stages that compare texts (`link`, `analyse`).

>>> sorted(content_words("Collectivisation organised the colour of labour"))
['collectivization', 'color', 'labor', 'organized']
"""

from __future__ import annotations

import re

__all__ = ["WORD_RE", "content_words", "overlap"]

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
        w = re.sub(r"is(e|ed|es|ing|ation|ations)$", r"iz\1", w)
        w = re.sub(r"our$", "or", w)
        out.add(w.rstrip("s"))
    return frozenset(out)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two word sets (0 when either is empty).

    >>> overlap(frozenset({"grain", "price"}), frozenset({"grain", "riot"}))
    0.5
    """
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0
