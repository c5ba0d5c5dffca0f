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
>>> sorted(Pairs([a, b]).features(1, 0))[:3]
['bias', 'dist=other_paragraph', 'dist=other_paragraph|claim']
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from argmap.argument.base import feature_weights, linear
from argmap.argument.links import causal_relations, fitting_cue
from argmap.model import Component, Kind, Relation, RelationKind, Unit

__all__ = ["LearnedLinker", "PairModel", "Pairs", "relation_kind"]

MODEL_FILE = "links-learned.json"
_POINTS = (Kind.THESIS, Kind.CLAIM, Kind.COUNTERCLAIM, Kind.REBUTTAL)


@dataclass(frozen=True)
class PairModel:
    """Weights of the pair scorer (feature name -> weight)."""

    weights: Mapping[str, float]

    @classmethod
    def from_json(cls, raw: Mapping[str, object]) -> PairModel:
        return cls(weights=feature_weights(raw, MODEL_FILE))


@functools.cache
def load_model() -> PairModel:
    """The shipped model, `argmap/data/links-learned.json`."""
    path = resources.files("argmap").joinpath(f"data/{MODEL_FILE}")
    return PairModel.from_json(json.loads(path.read_text("utf-8")))


def relation_kind(source: Kind, target: Kind) -> RelationKind:
    """Attacks across sides (into or out of a counterclaim, one end only), else supports."""
    crossing = (source is Kind.COUNTERCLAIM) != (target is Kind.COUNTERCLAIM)
    return (
        RelationKind.ATTACKS
        if crossing and Kind.EVIDENCE not in (source, target)
        else (RelationKind.SUPPORTS)
    )


class Pairs:
    """The components of one essay, indexed once, for pairing: what each may point at
    (`candidates`) and the features of each pair (`features`), in time linear in the pairs."""

    def __init__(self, comps: Sequence[Component]) -> None:
        self.comps = comps
        self._paragraph: dict[int, list[int]] = {}
        self._counterclaims: dict[int, list[int]] = {}
        self._theses: list[int] = []
        self._first_point: dict[int, int] = {}
        for j, d in enumerate(comps):
            if d.kind is Kind.CONTEXT:
                continue
            self._paragraph.setdefault(d.paragraph, []).append(j)
            if d.kind is Kind.THESIS:
                self._theses.append(j)
            if d.kind is Kind.COUNTERCLAIM:
                self._counterclaims.setdefault(d.paragraph, []).append(j)
            if d.kind in _POINTS:
                self._first_point.setdefault(d.paragraph, j)

    def candidates(self, k: int) -> list[int]:
        """What component `k` may point at, in text order: its paragraph's other argumentative
        components, every thesis, and the counterclaims of the paragraph before."""
        p = self.comps[k].paragraph
        found = {*self._paragraph.get(p, ()), *self._theses, *self._counterclaims.get(p - 1, ())}
        found.discard(k)
        return sorted(found)

    def features(self, k: int, j: int, cue: str | None = None) -> dict[str, float]:
        """The named features of "component `k` points at component `j`"; `cue` is the class
        of the cue that opened `k`, if any."""
        c, d = self.comps[k], self.comps[j]
        same = c.paragraph == d.paragraph
        if same:
            step = j - k
            dist = f"{'+' if step > 0 else '-'}{min(abs(step), 4)}"
        else:
            dist = "other_paragraph"
        out = {
            "bias": 1.0,
            f"pair={c.kind.value}>{d.kind.value}": 1.0,
            f"dist={dist}": 1.0,
            f"dist={dist}|{c.kind.value}": 1.0,
        }
        if same:  # what stands between them, within their paragraph
            between = self.comps[min(j, k) + 1 : max(j, k)]
            if not any(x.kind is d.kind for x in between):
                out[f"nearest_{'before' if j < k else 'after'}={d.kind.value}"] = 1.0
            if not any(x.kind in _POINTS for x in between):
                out["no_point_between"] = 1.0
        if self._first_point.get(d.paragraph) == j:
            out["target_first_point_of_paragraph"] = 1.0
        if cue:
            out[f"cue={cue}|{d.kind.value}"] = 1.0
        if d.kind is Kind.THESIS:  # claims answer the thesis where it is first stated (guide 3.2)
            out["thesis=" + ("first" if self._theses[0] == j else "later")] = 1.0
        return out


def score(x: Mapping[str, float], model: PairModel) -> float:
    """The probability that the pair is linked."""
    z = linear(x, model.weights)
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


class LearnedLinker:
    """Supports and attacks from the pair model (or `model`); causes from the causal ties."""

    name = "learned"

    def __init__(self, model: PairModel | None = None) -> None:
        self.model = model if model is not None else load_model()

    def link(self, components: Sequence[Component], units: Sequence[Unit]) -> tuple[Relation, ...]:
        """Return the relations between `components` (one per unit, in the same order)."""
        out: list[Relation] = []
        pairs = Pairs(components)
        for k, (c, u) in enumerate(zip(components, units, strict=True)):
            if c.kind in (Kind.CONTEXT, Kind.THESIS):
                continue
            cue = u.cue_type.value if u.cue_type else None
            scored = [
                (score(pairs.features(k, j, cue), self.model), -abs(j - k), j)
                for j in pairs.candidates(k)
            ]
            if not scored:
                continue
            p, _, j = max(scored)
            target = components[j]
            kind = relation_kind(c.kind, target.kind)
            signal = fitting_cue(u, kind) or (
                "same paragraph" if target.paragraph == c.paragraph else "topic sentence"
            )
            out.append(Relation(c.id, target.id, kind, signal, round(p, 2)))
        return (*out, *causal_relations(components, units))
