"""The discourse-cue lexicon (`argmap/data/cues.json`), loaded once and matched on lowercased words,
and the causal patterns (`argmap/data/causal.json`) that `segment` and `link` share.

>>> match(["for", "example", ",", "in"], LEAD)
('for example', 'example')
>>> match(["nothing"], LEAD) is None
True
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any, Final

__all__ = ["CAUSAL", "LEAD", "SPLIT", "Lexicon", "match"]

# first word -> (phrase, class) pairs starting with it, each phrase a tuple of lowercased words,
# longest first (so matching is one dict lookup and a few comparisons per word).
Lexicon = dict[str, tuple[tuple[tuple[str, ...], str], ...]]


def _data(name: str) -> Any:
    return json.loads(resources.files("argmap").joinpath(f"data/{name}").read_text("utf-8"))


def _load(raw: dict[str, Any], section: str) -> Lexicon:
    pairs = {
        (tuple(phrase.lower().split()), cls)
        for cls, phrases in raw[section].items()
        for phrase in phrases
    }
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    # Longest first; ties in a fixed order so matching is deterministic.
    for phrase, cls in sorted(pairs, key=lambda p: (-len(p[0]), p[0], p[1])):
        index.setdefault(phrase[0], []).append((phrase, cls))
    return {word: tuple(entries) for word, entries in index.items()}


_CUES = _data("cues.json")
LEAD: Final[Lexicon] = _load(_CUES, "lead")
SPLIT: Final[Lexicon] = _load(_CUES, "split")
#: Causal patterns and connective confidences (see the file's "_doc").
CAUSAL: Final[dict[str, Any]] = _data("causal.json")


def match(words: list[str], lexicon: Lexicon) -> tuple[str, str] | None:
    """Return (phrase, class) of the longest cue that `words` (lowercased) start with."""
    for phrase, cls in lexicon.get(words[0], ()) if words else ():
        if tuple(words[: len(phrase)]) == phrase:
            return " ".join(phrase), cls
    return None
