"""The three interfaces of the argument stages; each implementation is registered by name in
`argmap.argument` and chosen when a `Pipeline` is built.

Implementations take their settings and weights in their constructor and keep no other state:
the same units in give the same result out.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from argmap.model import Cause, Component, Relation, Unit

__all__ = ["RoleClassifier", "Linker", "CausalExtractor", "feature_weights", "linear"]


def feature_weights(raw: Mapping[str, object], file: str) -> dict[str, float]:
    """The "weights" object (feature name -> weight) of a shipped model file's JSON; a
    ValueError naming `file` when it is missing.

    >>> feature_weights({"weights": {"bias": 1}}, "m.json")
    {'bias': 1.0}
    """
    weights = raw.get("weights")
    if not isinstance(weights, dict):
        raise ValueError(f"{file}: needs 'weights'")
    return {str(k): float(v) for k, v in weights.items()}


def linear(x: Mapping[str, float], weights: Mapping[str, float]) -> float:
    """The score of the features `x` under `weights`: the exact sum (`math.fsum`, the same on
    every machine and Python) of each feature's value times its weight (none: 0).

    >>> linear({"a": 1.0, "b": 2.0}, {"a": 0.5, "c": 9.0})
    0.5
    """
    return math.fsum(weights.get(name, 0.0) * v for name, v in x.items())


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
