"""The learned linker (`LearnedLinker`, registered as "learned"): for each component, which other
component it backs or answers, chosen by a logistic regression over pairs, trained on the
project's corpus by `tools/train.py` and shipped as `argmap/data/links-learned.json`.

Each component that is not context or a thesis gets the candidate it most likely points at:
the components of its paragraph, the thesis, and the counterclaims of the paragraph before. The
kind follows the roles: a link into or out of a counterclaim from the other side is an attack
(a counterclaim attacks the thesis, a rebuttal attacks the counterclaim), everything else a
support. Causes are the causal ties on the units, as the rules link them.

>>> from argmap.model import Component, Kind
>>> a = Component("c1", Kind.THESIS, "Ban phones.", 0, 11, 0, 0.9)
>>> b = Component("c2", Kind.CLAIM, "They distract.", 12, 26, 1, 0.9)
>>> sorted(pair_features([a, b], 1, 0))[:3]
['bias', 'dist=other_paragraph', 'dist=other_paragraph|claim']
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from argmap.argument.links import RuleLinker
from argmap.model import Component, Kind, Relation, RelationKind, Unit

__all__ = ["LearnedLinker", "PairModel", "pair_features", "candidates", "relation_kind"]

MODEL_FILE = "links-learned.json"
_POINTS = (Kind.THESIS, Kind.CLAIM, Kind.COUNTERCLAIM, Kind.REBUTTAL)


@dataclass(frozen=True)
class PairModel:
    """Weights of the pair scorer (feature name -> weight)."""

    weights: Mapping[str, float]

    @classmethod
    def from_json(cls, raw: Mapping[str, object]) -> PairModel:
        weights = raw.get("weights")
        if not isinstance(weights, dict):
            raise ValueError(f"{MODEL_FILE}: needs 'weights'")
        return cls(weights={str(k): float(v) for k, v in weights.items()})


@functools.cache
def load_model() -> PairModel:
    """The shipped model, `argmap/data/links-learned.json`."""
    path = resources.files("argmap").joinpath(f"data/{MODEL_FILE}")
    return PairModel.from_json(json.loads(path.read_text("utf-8")))


def candidates(comps: Sequence[Component], k: int) -> list[int]:
    """What component `k` may point at: its paragraph's other argumentative components, every
    thesis, and the counterclaims of the paragraph before."""
    c = comps[k]
    out = []
    for j, d in enumerate(comps):
        if j == k or d.kind is Kind.CONTEXT:
            continue
        if (
            d.paragraph == c.paragraph
            or d.kind is Kind.THESIS
            or (d.kind is Kind.COUNTERCLAIM and d.paragraph == c.paragraph - 1)
        ):
            out.append(j)
    return out


def relation_kind(source: Kind, target: Kind) -> RelationKind:
    """Attacks across sides (into or out of a counterclaim, one end only), else supports."""
    crossing = (source is Kind.COUNTERCLAIM) != (target is Kind.COUNTERCLAIM)
    return (
        RelationKind.ATTACKS
        if crossing and Kind.EVIDENCE not in (source, target)
        else (RelationKind.SUPPORTS)
    )


def pair_features(
    comps: Sequence[Component], k: int, j: int, cue: str | None = None
) -> dict[str, float]:
    """The named features of "component `k` points at component `j`"; `cue` is the class of
    the cue that opened `k`, if any."""
    c, d = comps[k], comps[j]
    same = c.paragraph == d.paragraph
    if same:
        step = j - k
        dist = f"{'+' if step > 0 else '-'}{min(abs(step), 4)}"
    else:
        dist = "other_paragraph"
    between = comps[min(j, k) + 1 : max(j, k)]
    out = {
        "bias": 1.0,
        f"pair={c.kind.value}>{d.kind.value}": 1.0,
        f"dist={dist}": 1.0,
        f"dist={dist}|{c.kind.value}": 1.0,
    }
    if same and not any(x.kind is d.kind for x in between):
        out[f"nearest_{'before' if j < k else 'after'}={d.kind.value}"] = 1.0
    if same and not any(x.kind in _POINTS for x in between):
        out["no_point_between"] = 1.0
    first_point = next((x for x in comps if x.paragraph == d.paragraph and x.kind in _POINTS), None)
    if first_point is d:
        out["target_first_point_of_paragraph"] = 1.0
    if cue:
        out[f"cue={cue}|{d.kind.value}"] = 1.0
    return out


def score(x: Mapping[str, float], model: PairModel) -> float:
    """The probability that the pair is linked."""
    z = sum(model.weights.get(n, 0.0) * v for n, v in x.items())
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


class LearnedLinker:
    """Supports and attacks from the pair model (or `model`); causes from the causal ties."""

    name = "learned"

    def __init__(self, model: PairModel | None = None) -> None:
        self.model = model if model is not None else load_model()

    def link(self, components: Sequence[Component], units: Sequence[Unit]) -> tuple[Relation, ...]:
        """Return the relations between `components` (one per unit, in the same order)."""
        out: list[Relation] = []
        for k, (c, u) in enumerate(zip(components, units, strict=True)):
            if c.kind in (Kind.CONTEXT, Kind.THESIS):
                continue
            cue = u.cue_type.value if u.cue_type else None
            scored = [
                (score(pair_features(components, k, j, cue), self.model), -abs(j - k), j)
                for j in candidates(components, k)
            ]
            if not scored:
                continue
            p, _, j = max(scored)
            target = components[j]
            signal = u.cue or (
                "same paragraph" if target.paragraph == c.paragraph else "topic sentence"
            )
            kind = relation_kind(c.kind, target.kind)
            out.append(Relation(c.id, target.id, kind, signal, round(p, 2)))
        causes = [r for r in RuleLinker().link(components, units) if r.kind is RelationKind.CAUSES]
        return tuple(out + causes)
