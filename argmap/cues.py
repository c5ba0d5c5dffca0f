"""The discourse-cue lexicon (`argmap/data/cues.json`), loaded once and matched on lowercased words.

>>> match(["for", "example", ",", "in"], LEAD)
('for example', 'example')
>>> match(["nothing"], LEAD) is None
True
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Final

__all__ = ["LEAD", "SPLIT", "Lexicon", "match"]

# class name -> phrases, each phrase a tuple of lowercased words; longest phrases first.
Lexicon = tuple[tuple[tuple[str, ...], str], ...]


def _load(section: str) -> Lexicon:
    raw = json.loads(resources.files("argmap").joinpath("data/cues.json").read_text("utf-8"))
    pairs = {
        (tuple(phrase.lower().split()), cls)
        for cls, phrases in raw[section].items()
        for phrase in phrases
    }
    # Longest first; ties in a fixed order so matching is deterministic.
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0], p[1])))


LEAD: Final[Lexicon] = _load("lead")
SPLIT: Final[Lexicon] = _load("split")


def match(words: list[str], lexicon: Lexicon) -> tuple[str, str] | None:
    """Return (phrase, class) of the longest cue that `words` (lowercased) start with."""
    for phrase, cls in lexicon:
        if tuple(words[: len(phrase)]) == phrase:
            return " ".join(phrase), cls
    return None
