"""The thesis ranker: which sentence of an essay states the writer's position.

A listwise logistic regression (a softmax over the units of one essay) trained on the project's
corpus (`tools/train.py`, shipped as `argmap/data/thesis-learned.json`). Its features say where a
unit stands and how it argues, never what it is about, all from `learned.unit_features`: its
place in the essay and its paragraph, its opening cue, the signals segment found, the discourse
words in it, and how much of the essay's topic and of the other end of the essay it shares; and
whether it takes a side, and the side of the body paragraphs' first units (`learned.stance`;
5-fold cross-validation over train + dev with the role model's sides: thesis accuracy 130 ->
131 of 179, the ranker's own 0.695 -> 0.712 at its chosen L2 strength). The
rules' own thesis signals (`roles.thesis_features`) only say which units may be picked over the
best when it stands in the conclusion; as features they repeat the ones above, and without them
the ranker does better (5-fold cross-validation over train + dev, 179 essays: `hybrid`'s thesis
accuracy 126 -> 131 or 132 of 179, macro-F1 0.516 -> 0.521 or 0.519 at L2 strength 1 or 3).

Registered as the role stage "ranked" (`ranked_rules`), the default: the rules with this ranker
choosing the thesis, and its restatement in the conclusion, of an essay of three paragraphs or
more (`ThesisRanker.pick`); shorter texts keep the rules' own choice (on the microtexts, one
paragraph each, the ranker trained on essays is worse). Trained on the corpus's train and dev
splits, its L2 strength and margins chosen by 5-fold cross-validation there (thesis accuracy
0.650 against the rules' 0.398 on the same 103 essays); on the test split, never fitted on,
thesis accuracy 0.455 -> 0.636 and macro-F1 0.418 -> 0.429 (README). `ranked_learned` (the
registered "hybrid", the default) puts the choice over the learned roles, the ranker's score of
each unit plus LEARNED times the log of the role model's probability that it is the thesis.

>>> from argmap.model import BlockKind, Unit
>>> units = (Unit(0, 26, 0, BlockKind.PARAGRAPH, 0, None, None, frozenset(), True, True),)
>>> sorted(ranking_features(units, "Homework should be banned.")[0])[:3]
['cue=none', 'first_in_single', 'has=should']
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from argmap.argument.base import feature_weights, linear
from argmap.argument.learned import LearnedRoles, stance, unit_features
from argmap.argument.roles import (
    EssayFacts,
    RuleRoles,
    ThesisChoice,
    thesis_features,
)
from argmap.model import CueType, Feature, Unit

__all__ = [
    "ThesisRanker",
    "load_ranker",
    "ranking_features",
    "ranked_rules",
    "ranked_learned",
    "MODEL_FILE",
]

MODEL_FILE = "thesis-learned.json"
#: The features of `learned.unit_features` the ranker uses (prefixes), and those containing these.
_KEEP = ("place=", "first_in", "last_in", "intro_last", "cue=", "has=", "topic=", "f=")
_KEEP_INSIDE = ("|echo=", "|topic=")
#: A unit that announces the essay's argument ("This essay argues that", "In this essay I will
#: argue"): the plainest thesis (docs/annotation-guide.md, 3.2). Too rare in the training essays
#: for the ranker to learn (2 of 103 essays), so the first such unit is the thesis by rule.
_ANNOUNCES = re.compile(
    r"\b(?:this|my) (?:essay|article|paper)(?: will)? (?:argues?|shows?|contends?)\b"
    r"|\bthis (?:essay|article|paper),? I (?:will |shall )?(?:argue|show|contend)\b"
    r"|\bI (?:will |shall |would )?(?:argue|contend)\b|\bit will be argued\b",
    re.IGNORECASE,
)
#: How far below the best unit (in score) the best before the conclusion may be and still be
#: the thesis when the best is in the conclusion; how far the conclusion's best may be below
#: the best and still restate the thesis. Both chosen by 5-fold cross-validation over the
#: corpus's train and dev splits (thesis accuracy unchanged at 0.650, thesis units' F1 0.412 ->
#: 0.479). Rechecked on 180 essays (folds by author, the hybrid's scores): FIRST_STATED 2.0
#: still best (thesis 118 of 173); RESTATED 1.0 -> 2.0 leaves the thesis unchanged and takes
#: thesis units' F1 0.454 -> 0.468 (0.5 and 3.0: 0.447, 0.464).
FIRST_STATED = 2.0
#: Opening cues of a new point, an example or another view: a unit opening with one does not
#: restate the thesis ("Secondly, they cost.").
_NEW_POINT = frozenset(
    {
        CueType.CLAIM,
        CueType.ADDITION,
        CueType.EXAMPLE,
        CueType.EVIDENCE,
        CueType.COUNTER,
        CueType.CONCESSION,
        CueType.CONDITION,
        CueType.CAUSAL_BACKWARD,
    }
)
RESTATED = 2.0
#: The weight of the learned role model's log-probability that a unit is the thesis, added to the
#: ranker's score when the role model gives one (`hybrid`). Chosen by 5-fold cross-validation
#: over train + dev (`tools/crossval.py`; 0, 1, 2, 3, 5, 10 tried): thesis accuracy 65 -> 75 of
#: 105, macro-F1 0.506 -> 0.518.
LEARNED = 3.0
#: How far a unit with no verb (`Feature.FRAGMENT`) falls in the ranking: below any unit with
#: one (1 of the corpus's 467 gold thesis units has none, "but not right now.").
NO_VERB = 100.0
#: The ranker chooses the thesis of texts of at least this many paragraphs.
MIN_PARAGRAPHS = 3


def ranking_features(units: Sequence[Unit], text: str) -> list[dict[str, float]]:
    """Each unit's features for the ranker (see the module doc), and the side it takes
    (`learned.stance`): `side=takes` when it praises or faults, `side=with_body` or
    `side=against_body` when the first units of the body paragraphs take one on balance (a
    position takes a side, the one most points take; an overview of both sides takes none)."""
    out = [
        {n: v for n, v in x.items() if n.startswith(_KEEP) or any(k in n for k in _KEEP_INSIDE)}
        for x in unit_features(units, text, frozenset(), vectors=False)
    ]
    marks = [stance(text[u.start : u.end]) for u in units]
    body = sorted({u.paragraph for u in units})[1:-1]
    points = sum(
        m for u, m in zip(units, marks, strict=True) if u.first_in_paragraph and u.paragraph in body
    )
    for x, mark in zip(out, marks, strict=True):
        if mark:
            x["side=takes"] = 1.0
            if points:
                x["side=" + ("with_body" if mark * points > 0 else "against_body")] = 1.0
    return out


@dataclass(frozen=True)
class ThesisRanker:
    """Feature weights; `pick` chooses an essay's thesis."""

    weights: Mapping[str, float]

    @classmethod
    def from_json(cls, raw: Mapping[str, object]) -> ThesisRanker:
        return cls(feature_weights(raw, MODEL_FILE))

    def scores(
        self, units: Sequence[Unit], text: str, likely: Sequence[float] | None = None
    ) -> list[float]:
        """Each unit's score (higher: more like the thesis); with `likely` (each unit's
        probability of being the thesis by the role model), plus LEARNED times its log."""
        w = self.weights
        out = [linear(x, w) for x in ranking_features(units, text)]
        if likely is None:
            return out
        return [s + LEARNED * math.log(max(p, 1e-9)) for s, p in zip(out, likely, strict=True)]

    def pick(
        self,
        units: Sequence[Unit],
        text: str,
        essay: EssayFacts,
        likely: Sequence[float] | None = None,
        /,
    ) -> ThesisChoice | None:
        """The thesis unit, its probability among the essay's units and the unit restating it in
        the conclusion (or None), or None to leave the choice to the rules (texts under
        MIN_PARAGRAPHS paragraphs); the first unit wins a tie. `likely`: as for `scores`.

        The thesis is where the position is first stated (docs/annotation-guide.md, 3.2): a unit
        announcing the essay's argument ("This essay argues that ...") first; when the best unit
        is in the conclusion and the best unit before the conclusion is within FIRST_STATED of
        it, that one is the thesis and the conclusion's restates it; a thesis before the
        conclusion is restated by the conclusion's best unit within RESTATED of the best."""
        if essay.n_par < MIN_PARAGRAPHS or not units:
            return None
        # a unit with no verb ("Self-driving cars.", a title) states no position
        scores = [
            s - NO_VERB * (Feature.FRAGMENT in u.features)
            for s, u in zip(self.scores(units, text, likely), units, strict=True)
        ]
        best = max(range(len(scores)), key=lambda k: (scores[k], -k))

        candidates = [k for k, u in enumerate(units) if thesis_features(u, essay) is not None]

        def best_of(ks: Sequence[int]) -> int | None:
            return max(ks, key=lambda k: (scores[k], -k), default=None)

        announced = next(
            (k for k in candidates if _ANNOUNCES.search(text, units[k].start, units[k].end)),
            None,
        )
        thesis, restates = best if announced is None else announced, None
        if announced is None and units[best].paragraph == essay.last_par:
            intro = best_of([k for k in candidates if units[k].paragraph != essay.last_par])
            if intro is not None and scores[intro] >= scores[best] - FIRST_STATED:
                thesis, restates = intro, best
        elif units[thesis].paragraph != essay.last_par:
            last = best_of([k for k in candidates if units[k].paragraph == essay.last_par])
            if (
                last is not None
                and scores[last] >= scores[best] - RESTATED
                and units[last].cue_type not in _NEW_POINT
            ):
                restates = last
        if announced is not None:
            return ThesisChoice(thesis, 1.0, restates, "announces the essay's argument")
        total = sum(math.exp(s - scores[best]) for s in scores)
        confidence = math.exp(scores[thesis] - scores[best]) / total
        if thesis != best:
            why = "states the position the conclusion restates, first"
            return ThesisChoice(thesis, round(confidence, 2), restates, why)
        return ThesisChoice(thesis, round(confidence, 2), restates)


@functools.cache
def load_ranker() -> ThesisRanker:
    """The shipped ranker, `argmap/data/thesis-learned.json`."""
    path = resources.files("argmap").joinpath(f"data/{MODEL_FILE}")
    return ThesisRanker.from_json(json.loads(path.read_text("utf-8")))


def ranked_learned() -> LearnedRoles:
    """The learned roles with the shipped ranker choosing the thesis (the registered "hybrid")."""
    roles = LearnedRoles(thesis=load_ranker().pick)
    roles.name = "hybrid"
    return roles


def ranked_rules() -> RuleRoles:
    """The rules with the shipped ranker choosing the thesis (the registered "ranked")."""
    roles = RuleRoles(thesis=load_ranker().pick)
    roles.name = "ranked"
    return roles
