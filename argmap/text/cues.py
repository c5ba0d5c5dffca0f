"""The discourse-cue lexicon (`argmap/data/cues.json`), loaded once and matched on lowercased words,
and the causal patterns (`argmap/data/causal.json`) that `segment` and `link` share. Both files
are checked when they load: a class, key or value they should not have is an error that names
the file and the place.

>>> match(["for", "example", ",", "in"], LEAD)
('for example', <CueType.EXAMPLE: 'example'>)
>>> match(["nothing"], LEAD) is None
True
>>> lexicons({"lead": {"proof": ["to show"]}, "split": {}})
Traceback (most recent call last):
ValueError: cues.json: lead: unknown cue class 'proof' (known: thesis, conclusion, counter, ...)
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any, Final

from argmap.model import CueType

__all__ = ["CAUSAL", "LEAD", "SPLIT", "Lexicon", "match", "lexicons", "check_causal"]

# first word -> (phrase, class) pairs starting with it, each phrase a tuple of lowercased words,
# longest first (so matching is one dict lookup and a few comparisons per word).
Lexicon = dict[str, tuple[tuple[tuple[str, ...], CueType], ...]]

_SECTIONS = ("lead", "split")
# Every class but MAIN, which no cue has: it marks a main clause after a split.
_CLASSES = tuple(c for c in CueType if c is not CueType.MAIN)
_SENSES = frozenset({"cause", "purpose", "condition"})
_DIRECTIONS = frozenset({"forward", "backward"})
_PATTERN_KEYS = frozenset(
    {"name", "sense", "direction", "confidence", "split", "signal", "pattern"}
)
_CONNECTIVE_NUMBERS = ("same_sentence", "across_sentences", "arrow")
_CONNECTIVE_LISTS = ("inference", "reason", "evaluative")
_ANAPHORIC_LISTS = (
    "subjects",
    "determiners",
    "event_nouns",
    "event_suffixes",
    "verbs",
    "complement_verbs",
    "why",
    "reason",
)


def _data(name: str) -> Any:
    return json.loads(resources.files("argmap").joinpath(f"data/{name}").read_text("utf-8"))


def lexicons(raw: Any) -> tuple[Lexicon, Lexicon]:
    """The lead and split lexicons of the cues file's content `raw`; ValueError when it has a
    section, class or phrase it should not have."""
    if not isinstance(raw, dict) or any(not isinstance(raw.get(s), dict) for s in _SECTIONS):
        raise ValueError("cues.json: needs 'lead' and 'split' objects")
    lead, split = (_load(raw[section], section) for section in _SECTIONS)
    return lead, split


def _load(section: dict[str, Any], name: str) -> Lexicon:
    pairs: set[tuple[tuple[str, ...], CueType]] = set()
    for cls, phrases in section.items():
        if cls not in _CLASSES:
            known = ", ".join(c.value for c in _CLASSES[:3])
            raise ValueError(f"cues.json: {name}: unknown cue class {cls!r} (known: {known}, ...)")
        if not isinstance(phrases, list) or not all(
            isinstance(p, str) and p.split() for p in phrases
        ):
            raise ValueError(f"cues.json: {name}: {cls}: needs a list of non-empty phrases")
        pairs.update((tuple(phrase.lower().split()), CueType(cls)) for phrase in phrases)
    index: dict[str, list[tuple[tuple[str, ...], CueType]]] = {}
    # Longest first; ties in a fixed order so matching is deterministic.
    for phrase, cls in sorted(pairs, key=lambda p: (-len(p[0]), p[0], p[1].value)):
        index.setdefault(phrase[0], []).append((phrase, cls))
    return {word: tuple(entries) for word, entries in index.items()}


def check_causal(raw: Any) -> dict[str, Any]:
    """`raw`, the causal file's content, once checked; ValueError naming the first problem.

    >>> check_causal({"min_words": 3, "link_senses": ["cause"], "connectives": {}, "patterns": []})
    Traceback (most recent call last):
    ValueError: causal.json: connectives: needs 'same_sentence' (a number)
    """
    if not isinstance(raw, dict):
        raise ValueError("causal.json: needs an object")
    if not isinstance(raw.get("min_words"), int):
        raise ValueError("causal.json: needs 'min_words' (a whole number)")
    senses = raw.get("link_senses")
    if not isinstance(senses, list) or not set(senses) <= _SENSES:
        raise ValueError(f"causal.json: link_senses: a list of {', '.join(sorted(_SENSES))}")
    conn = raw.get("connectives")
    if not isinstance(conn, dict):
        raise ValueError("causal.json: needs a 'connectives' object")
    for key in _CONNECTIVE_NUMBERS:
        if not isinstance(conn.get(key), int | float):
            raise ValueError(f"causal.json: connectives: needs {key!r} (a number)")
    if not isinstance(conn.get("confidence"), dict) or not all(
        isinstance(v, int | float) and 0 < v <= 1 for v in conn["confidence"].values()
    ):
        raise ValueError("causal.json: connectives: 'confidence' maps cues to numbers in (0, 1]")
    for key in _CONNECTIVE_LISTS:
        if not isinstance(conn.get(key), list):
            raise ValueError(f"causal.json: connectives: needs {key!r} (a list of words)")
    ana = raw.get("anaphoric")
    if not isinstance(ana, dict) or not all(
        isinstance(ana.get(k), list) and all(isinstance(w, str) for w in ana[k])
        for k in _ANAPHORIC_LISTS
    ):
        raise ValueError(
            f"causal.json: anaphoric: needs {', '.join(_ANAPHORIC_LISTS)} (word lists)"
        )
    patterns = raw.get("patterns")
    if not isinstance(patterns, list):
        raise ValueError("causal.json: needs a 'patterns' list")
    names: set[str] = set()
    for k, p in enumerate(patterns):
        where = f"causal.json: patterns[{k}]"
        if not isinstance(p, dict):
            raise ValueError(f"{where}: needs an object")
        missing = sorted(_PATTERN_KEYS - set(p))
        if missing:
            raise ValueError(f"{where}: needs {', '.join(missing)}")
        where = f"causal.json: pattern {p['name']!r}"
        if p["name"] in names:
            raise ValueError(f"{where}: the name is used twice")
        names.add(p["name"])
        nodes = {n.get("RIGHT_ID") for n in p["pattern"] if isinstance(n, dict)}
        if p["sense"] not in _SENSES:
            raise ValueError(f"{where}: sense {p['sense']!r} is not one of {sorted(_SENSES)}")
        if p["direction"] not in _DIRECTIONS:
            raise ValueError(f"{where}: direction {p['direction']!r}: forward or backward")
        if not isinstance(p["confidence"], int | float) or not 0 < p["confidence"] <= 1:
            raise ValueError(f"{where}: confidence must be a number in (0, 1]")
        if p["split"] not in nodes:
            raise ValueError(f"{where}: split must name a node of its pattern")
        if not isinstance(p["signal"], list) or not set(p["signal"]) & nodes:
            raise ValueError(f"{where}: signal must list nodes, at least one of its pattern")
        if "phrase" in p and p["phrase"] not in nodes:
            raise ValueError(f"{where}: phrase must name a node of its pattern")
    return raw


LEAD, SPLIT = lexicons(_data("cues.json"))
#: Causal patterns and connective confidences (see the file's "_doc").
CAUSAL: Final[dict[str, Any]] = check_causal(_data("causal.json"))


def match(words: list[str], lexicon: Lexicon) -> tuple[str, CueType] | None:
    """Return (phrase, class) of the longest cue that `words` (lowercased) start with."""
    for phrase, cls in lexicon.get(words[0], ()) if words else ():
        if tuple(words[: len(phrase)]) == phrase:
            return " ".join(phrase), cls
    return None
