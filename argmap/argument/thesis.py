"""The thesis ranker: which sentence of an essay states the writer's position.

A listwise logistic regression (a softmax over the units of one essay) trained on the project's
corpus (`tools/train.py`, shipped as `argmap/data/thesis-learned.json`). Its features say where a
unit stands and how it argues, never what it is about: the rules' thesis signals
(`roles.thesis_features`: a position cue, the end of the introduction, a modal, the first
person, ...) and, from `learned.unit_features`, its place in the essay and its paragraph, its
opening cue, the signals segment found, the discourse words in it, and how much of the essay's
topic and of the other end of the essay it shares.

Registered as the role stage "ranked" (`ranked_rules`): the rules with this ranker choosing the
thesis of an essay of three paragraphs or more; shorter texts keep the rules' own choice (on
the microtexts, one paragraph each, the ranker trained on essays is worse). It is not the
default: better than the rules on the corpus's dev split (thesis accuracy 0.348 -> 0.609,
macro-F1 0.356 -> 0.395), worse on its test split (0.455 -> 0.364, 0.418 -> 0.401) and on the
sample essays (5 -> 4 of 6 theses).

>>> from argmap.model import BlockKind, Unit
>>> units = (Unit(0, 26, 0, BlockKind.PARAGRAPH, 0, None, None, frozenset(), True, True),)
>>> sorted(ranking_features(units, "Homework should be banned.")[0])[:3]
['cue=none', 'first_in_single', 'has=should']
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from argmap.argument.base import feature_weights
from argmap.argument.learned import unit_features
from argmap.argument.roles import EssayFacts, RuleRoles, essay_facts, thesis_features
from argmap.model import Unit

__all__ = ["ThesisRanker", "load_ranker", "ranking_features", "ranked_rules", "MODEL_FILE"]

MODEL_FILE = "thesis-learned.json"
#: The features of `learned.unit_features` the ranker uses (prefixes), and those containing these.
_KEEP = ("place=", "first_in", "last_in", "intro_last", "cue=", "has=", "topic=", "f=")
_KEEP_INSIDE = ("|echo=", "|topic=")
#: The ranker chooses the thesis of texts of at least this many paragraphs.
MIN_PARAGRAPHS = 3


def ranking_features(units: Sequence[Unit], text: str) -> list[dict[str, float]]:
    """Each unit's features for the ranker (see the module doc)."""
    facts = essay_facts(units)
    out = []
    for u, x in zip(units, unit_features(units, text, frozenset()), strict=True):
        row = {
            n: v for n, v in x.items() if n.startswith(_KEEP) or any(k in n for k in _KEEP_INSIDE)
        }
        signals = thesis_features(u, facts)
        if signals is not None:
            row["t:candidate"] = 1.0
            row.update((f"t:{n}", float(v)) for n, v in signals.items())
        out.append(row)
    return out


@dataclass(frozen=True)
class ThesisRanker:
    """Feature weights; `pick` chooses an essay's thesis."""

    weights: Mapping[str, float]

    @classmethod
    def from_json(cls, raw: Mapping[str, object]) -> ThesisRanker:
        return cls(feature_weights(raw, MODEL_FILE))

    def scores(self, units: Sequence[Unit], text: str) -> list[float]:
        """Each unit's score (higher: more like the thesis)."""
        w = self.weights
        return [sum(w.get(n, 0.0) * v for n, v in x.items()) for x in ranking_features(units, text)]

    def pick(
        self, units: Sequence[Unit], text: str, essay: EssayFacts
    ) -> tuple[int | None, float] | None:
        """The thesis unit and its probability among the essay's units, or None to leave the
        choice to the rules (texts under MIN_PARAGRAPHS paragraphs); the first unit wins a tie."""
        if essay.n_par < MIN_PARAGRAPHS or not units:
            return None
        scores = self.scores(units, text)
        best = max(range(len(scores)), key=lambda k: (scores[k], -k))
        total = sum(math.exp(s - scores[best]) for s in scores)
        return best, round(1.0 / total, 2)


@functools.cache
def load_ranker() -> ThesisRanker:
    """The shipped ranker, `argmap/data/thesis-learned.json`."""
    path = resources.files("argmap").joinpath(f"data/{MODEL_FILE}")
    return ThesisRanker.from_json(json.loads(path.read_text("utf-8")))


def ranked_rules() -> RuleRoles:
    """The rules with the shipped ranker choosing the thesis (the registered "ranked")."""
    roles = RuleRoles(thesis=load_ranker().pick)
    roles.name = "ranked"
    return roles
