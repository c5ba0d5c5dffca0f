"""Causal extractors: which neighbouring units the text says cause one another.

"patterns" (`PatternCauses`) keeps the ties `segment` found while it split the sentences:
connectives ("because", "as a result", "which led to"), arrows ("A --> B") and the dependency
patterns of `argmap/data/causal.json` ("X led to Y", "..., thus creating Y"). They are found
there because they also decide where a clause ends. "none" (`NoCauses`) maps the argument
without causes.

>>> from argmap.model import BlockKind, Cause, Unit
>>> tie = Cause("led to", "from-previous", 0.9, "connective")
>>> first = Unit(0, 5, 0, BlockKind.PARAGRAPH, 0)
>>> units = (first, Unit(6, 9, 0, BlockKind.PARAGRAPH, 0, cause=tie))
>>> PatternCauses().ties("", units) == (None, tie), NoCauses().ties("", units)
(True, (None, None))
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from argmap.model import Cause, Unit

__all__ = ["PatternCauses", "NoCauses"]


class PatternCauses:
    """The ties found by cue words, arrows and dependency patterns while segmenting."""

    name = "patterns"

    def ties(
        self, text: str, units: Sequence[Unit], sentences: Sequence[tuple[int, Any]] = ()
    ) -> tuple[Cause | None, ...]:
        """Each unit's tie to a neighbour, or None (`sentences`, the parse, is not needed)."""
        return tuple(u.cause for u in units)


class NoCauses:
    """No causal ties: the map shows supports and attacks only."""

    name = "none"

    def ties(
        self, text: str, units: Sequence[Unit], sentences: Sequence[tuple[int, Any]] = ()
    ) -> tuple[Cause | None, ...]:
        """None for every unit."""
        return (None,) * len(units)
