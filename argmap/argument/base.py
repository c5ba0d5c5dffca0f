"""The three interfaces of the argument stages; each implementation is registered by name in
`argmap.argument` and chosen when a `Pipeline` is built.

Implementations take their settings and weights in their constructor and keep no other state:
the same units in give the same result out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from argmap.model import Cause, Component, Relation, Unit

__all__ = ["RoleClassifier", "Linker", "CausalExtractor"]


class RoleClassifier(Protocol):
    """Gives each unit a role: one `Component` per unit, ids `c1`, `c2`, ... in text order."""

    name: str

    def classify(self, text: str, units: Sequence[Unit]) -> tuple[Component, ...]: ...


class Linker(Protocol):
    """Relates components (one per unit, same order): supports, attacks, and causes from the
    causal ties on the units."""

    name: str

    def link(
        self, components: Sequence[Component], units: Sequence[Unit]
    ) -> tuple[Relation, ...]: ...


class CausalExtractor(Protocol):
    """Finds the causal tie of each unit to a neighbour (or None): one entry per unit."""

    name: str

    def ties(
        self, text: str, units: Sequence[Unit], sentences: Sequence[tuple[int, Any]] = ()
    ) -> tuple[Cause | None, ...]: ...
