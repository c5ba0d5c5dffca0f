"""The rule-based role classifier (`RuleRoles`, registered as "rules"): give each unit a role
(thesis, claim, evidence, counterclaim, rebuttal, context), a confidence and, for evidence, the
kind of evidence it is.

Roles come from transparent scores over discourse cues, position in the paragraph and the essay,
layout (bullets, arrows) and the features `segment` found (numbers, dates, names, quotations,
reporting verbs, modal verbs). Exactly one unit becomes the thesis when any unit qualifies.

>>> from argmap.model import BlockKind, Unit
>>> text = "I believe homework should be banned. A 2019 survey found 62% of pupils sleep less."
>>> units = (
...     Unit(0, 36, 0, BlockKind.PARAGRAPH, 0, "i believe", "thesis",
...          frozenset({"first-person", "modal"}), True, False),
...     Unit(37, 83, 0, BlockKind.PARAGRAPH, 1, None, None,
...          frozenset({"number", "percent", "date", "source", "reporting"}), False, True),
... )
>>> [(c.id, c.kind.value, c.evidence_type) for c in RuleRoles().classify(text, units)]
[('c1', 'thesis', None), ('c2', 'evidence', 'statistic')]
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import Protocol

from argmap.argument.base import linear
from argmap.model import BlockKind, Component, CueType, Feature, Kind, Unit

__all__ = [
    "FEATURES",
    "THESIS_FEATURES",
    "RuleRoles",
    "PositionRoles",
    "components",
    "Weights",
    "default_weights",
    "evidence_type",
    "features",
    "decide",
    "essay_facts",
    "role_scores",
    "thesis_features",
    "training_rows",
    "join_same_roles",
    "same_role_runs",
    "FEATURE_WORDS",
    "THESIS_WORDS",
    "reasons",
]

_SPECIFIC = frozenset(
    {Feature.NUMBER, Feature.PERCENT, Feature.DATE, Feature.PERSON, Feature.ORG, Feature.QUOTE}
    | {Feature.SOURCE}
)
# evidence, whatever it backs
_SOURCED = frozenset({Feature.PERCENT, Feature.PERSON, Feature.ORG, Feature.QUOTE, Feature.SOURCE})
_ORDER = tuple(Kind)
# The names `features` and `thesis_features` give their signals (the keys of data/weights.json).
FEATURES = (
    "bias",
    "specifics",
    "percent",
    "evidence_cue",
    "example",
    "reporting_specific",
    "vague_source",
    "topic_sentence",
    "claim_cue",
    "modal",
    "first_person",
    "plain",
    "bullet_plain",
    "final_paragraph",
    "counter_cue",
    "concession_lead",
    "concession_clause",
    "open_counter_contrast",
    "open_counter_reported",
    "after_counter_main",
    "after_counter_clause",
    "after_evidence_clause",
    "after_claim_clause",
    "after_thesis",
    "answering",
    "before_thesis",
    "introduction",
    "question",
)
THESIS_FEATURES = (
    "thesis_cue",
    "intro",
    "intro_last",
    "conclusion_cue_last",
    "single_first",
    "single_last",
    "single_drawn",
    "single_drawn_modal",
    "counter_cue",
    "first_person",
    "modal",
    "single_modal",
    "specifics",
)
#: The role features in words, for "why this role" on the map page.
FEATURE_WORDS: dict[str, str] = {
    "specifics": "gives specifics (a figure, a date, a name or a source)",
    "percent": "gives a percentage",
    "evidence_cue": "opens with an evidence or example cue ('for example', 'according to')",
    "example": "gives an example",
    "reporting_specific": "reports what a named source says",
    "vague_source": "appeals to an unnamed source ('studies show')",
    "topic_sentence": "is the first sentence of a body paragraph",
    "claim_cue": "opens with a cue that sets out a point ('firstly', 'another reason')",
    "modal": "says what should, must or can be",
    "first_person": "gives the writer's own view ('I think')",
    "plain": "states something without figures, names or sources",
    "bullet_plain": "is a bullet point without specifics",
    "final_paragraph": "stands in the conclusion",
    "counter_cue": "reports an opposing view ('some people argue')",
    "concession_lead": "opens with a concession ('although')",
    "concession_clause": "is a conceding clause ('..., although X')",
    "open_counter_contrast": "turns ('however') against an opposing view just stated",
    "open_counter_reported": "goes on with an opposing view",
    "after_counter_main": "answers the concession that opens its sentence",
    "after_counter_clause": "goes on with an opposing view in the same sentence",
    "after_evidence_clause": "goes on with evidence in the same sentence",
    "after_claim_clause": "backs the point made earlier in its sentence",
    "after_thesis": "follows the thesis in its sentence",
    "answering": "goes on answering an opposing view",
    "before_thesis": "leads up to the thesis in the introduction",
    "introduction": "stands in the introduction",
    "question": "is a question",
}
THESIS_WORDS: dict[str, str] = {
    "thesis_cue": "announces the writer's position ('this essay argues that')",
    "intro": "stands in the introduction",
    "intro_last": "ends the introduction",
    "conclusion_cue_last": "sums up in the conclusion ('in conclusion')",
    "single_first": "opens a text of one paragraph",
    "single_last": "ends a text of one paragraph",
    "single_drawn": "draws a conclusion ('therefore', 'so')",
    "single_drawn_modal": "draws a conclusion about what should be done",
    "first_person": "gives the writer's own view ('I think')",
    "modal": "says what should, must or can be",
    "single_modal": "says what should be done",
}
_TEMPORAL = frozenset({"while", "whilst", "whereas"})  # "..., while X" contrasts more than concedes


@dataclass(frozen=True)
class Weights:
    """The model's weights: per role, feature name -> weight; and the thesis scorer's weights."""

    roles: Mapping[Kind, Mapping[str, float]]
    thesis: Mapping[str, float]

    @classmethod
    def from_json(cls, raw: Mapping[str, object]) -> Weights:
        """Read weights from their JSON form, refusing names no feature has.

        >>> Weights.from_json({"roles": {"claim": {"bais": 1.0}}, "thesis": {}})
        Traceback (most recent call last):
        ValueError: unknown feature names in the weights: bais
        """
        roles = raw["roles"]
        thesis = raw["thesis"]
        if not isinstance(roles, dict) or not isinstance(thesis, dict):
            raise ValueError("weights need 'roles' and 'thesis' objects")
        unknown = {n for w in roles.values() for n in w} - set(FEATURES)
        unknown |= set(thesis) - set(THESIS_FEATURES) - {"threshold", "threshold_single"}
        if unknown:
            raise ValueError(f"unknown feature names in the weights: {', '.join(sorted(unknown))}")
        return cls(
            roles={Kind(kind): dict(w) for kind, w in sorted(roles.items(), key=_kind_order)},
            thesis=dict(thesis),
        )

    def to_json(self) -> dict[str, object]:
        return {
            "roles": {kind.value: dict(sorted(w.items())) for kind, w in self.roles.items()},
            "thesis": dict(sorted(self.thesis.items())),
        }


def _kind_order(item: tuple[str, object]) -> int:
    return _ORDER.index(Kind(item[0]))


@functools.cache
def default_weights() -> Weights:
    """The shipped weights, `argmap/data/weights.json` (written by tools/fit_weights.py)."""
    path = resources.files("argmap").joinpath("data/weights.json")
    return Weights.from_json(json.loads(path.read_text("utf-8")))


class RuleRoles:
    """Roles from named features scored linearly with `weights` (the shipped ones by default)."""

    name = "rules"

    def __init__(self, weights: Weights | None = None, thesis: ThesisPicker | None = None) -> None:
        self.weights = weights if weights is not None else default_weights()
        self.thesis = thesis

    def classify(self, text: str, units: Sequence[Unit]) -> tuple[Component, ...]:
        """Return one component per unit, ids `c1`, `c2`, ... in text order."""
        return _classify(text, units, self.weights, self.thesis)

    def rule_thesis(self, units: Sequence[Unit]) -> int | None:
        """The unit the rules' own thesis signals choose (ignoring `thesis`), or None."""
        return _thesis(units, essay_facts(units), self.weights)[0]


@dataclass(frozen=True)
class ThesisChoice:
    """A thesis picker's answer: the thesis unit (None: no thesis), its confidence, the unit
    restating it in the conclusion (or None), and why the unit was chosen, in words."""

    index: int | None
    confidence: float
    restates: int | None = None
    why: str = "reads most like a thesis of all the essay's sentences"


class ThesisPicker(Protocol):
    """Chooses an essay's thesis: (units, text, essay facts and, when a role model gave them,
    each unit's probability of being the thesis) -> a `ThesisChoice`, or None to leave the
    choice to the rules (`argmap.argument.thesis.ThesisRanker.pick`)."""

    def __call__(
        self,
        units: Sequence[Unit],
        text: str,
        essay: EssayFacts,
        likely: Sequence[float] | None = None,
        /,
    ) -> ThesisChoice | None: ...


def _classify(
    text: str, units: Sequence[Unit], weights: Weights, picker: ThesisPicker | None = None
) -> tuple[Component, ...]:
    essay = essay_facts(units)
    picked = picker(units, text, essay) if picker is not None else None
    if picked is None:
        picked_why = None
        thesis, thesis_confidence = _thesis(units, essay, weights)
        restates = None
    else:
        thesis, thesis_confidence = picked.index, picked.confidence
        restates, picked_why = picked.restates, picked.why
    essay = replace(essay, thesis=thesis)
    whys: list[tuple[str, ...]] = []

    def choose(k: int, x: dict[str, float], roles: list[tuple[Kind, float]]) -> tuple[Kind, float]:
        if k == thesis:
            tx = thesis_features(units[k], essay) or {}
            why = reasons(tx, weights.thesis, None, THESIS_WORDS)
            if picked_why is not None:  # the ranker chose it: say so first
                why = (picked_why, *why[:2])
            whys.append(why)
            return Kind.THESIS, thesis_confidence
        if k == restates:
            whys.append(("restates the thesis in the conclusion",))
            return Kind.THESIS, thesis_confidence
        scores = role_scores(x, weights)
        kind, conf = decide(scores)
        if _answers_concession(units, k, roles, thesis) and kind is not Kind.REBUTTAL:
            # "X. But Y." with X an unsupported statement: X was conceded, Y answers it.
            roles[k - 1] = (Kind.COUNTERCLAIM, 0.5)  # a rule's call: as likely as not
            whys[k - 1] = ("a statement the next sentence answers with a turn ('but')",)
            whys.append(("turns against the statement before it",))
            return Kind.REBUTTAL, 0.5
        runner = max((r for r in scores if r is not kind), key=lambda r: scores[r], default=None)
        other = weights.roles[runner] if runner is not None else None
        whys.append(reasons(x, weights.roles[kind], other, FEATURE_WORDS))
        return kind, conf

    return components(text, units, _walk(units, essay, choose), whys)


def reasons(
    x: Mapping[str, float],
    chosen: Mapping[str, float],
    runner: Mapping[str, float] | None,
    words: Mapping[str, str],
    most: int = 3,
) -> tuple[str, ...]:
    """The features that most favoured the chosen role (over the runner-up, when there is one),
    in words, strongest first."""
    other = runner or {}
    push = {
        name: v * (chosen.get(name, 0.0) - other.get(name, 0.0))
        for name, v in x.items()
        if v and name in words
    }
    best = sorted((n for n, d in push.items() if d > 0), key=lambda n: (-push[n], n))
    return tuple(words[n] for n in best[:most])


def components(
    text: str,
    units: Sequence[Unit],
    roles: Sequence[tuple[Kind, float]],
    whys: Sequence[tuple[str, ...]] | None = None,
) -> tuple[Component, ...]:
    """One component per unit with its (role, confidence) and, when given, why it got that
    role, ids `c1`, `c2`, ... in text order; evidence gets the type its features show."""
    reasons = whys if whys is not None else [()] * len(units)
    return tuple(
        Component(
            id=f"c{k + 1}",
            kind=kind,
            text=text[u.start : u.end],
            start=u.start,
            end=u.end,
            paragraph=u.paragraph,
            confidence=conf,
            evidence_type=evidence_type(u.features) if kind is Kind.EVIDENCE else None,
            why=why,
        )
        for k, (u, (kind, conf), why) in enumerate(zip(units, roles, reasons, strict=True))
    )


class PositionRoles:
    """Roles by place alone: the yardstick the issue on real student essays measured argmap
    against ("first sentence of a body paragraph = claim, rest = evidence, last sentence of the
    introduction = thesis"), registered as "position" so that `argmap eval --roles position`
    prints it beside the real stages on any gold. In a text of three paragraphs or more the
    last sentence of the introduction and the first of the conclusion (its restatement) are the
    thesis, the first sentence of each body paragraph its claim, the introduction's other
    sentences context, the rest evidence; in a shorter text the first sentence is the thesis
    and the rest evidence. It knows nothing else: every role has confidence 0.5.

    >>> from argmap.model import BlockKind, Unit
    >>> def unit(start, end, par, sent):
    ...     block = BlockKind.PARAGRAPH
    ...     return Unit(start, end, par, block, sent, None, None, frozenset(), True, True)
    >>> text = "Intro. Thesis. Point. Proof. End."
    >>> units = (unit(0, 6, 0, 0), unit(7, 14, 0, 1), unit(15, 21, 1, 2), unit(22, 28, 1, 3),
    ...          unit(29, 33, 2, 4))
    >>> [c.kind.value for c in PositionRoles().classify(text, units)]
    ['context', 'thesis', 'claim', 'evidence', 'thesis']
    """

    name = "position"

    def classify(self, text: str, units: Sequence[Unit]) -> tuple[Component, ...]:
        """Return one component per unit, ids `c1`, `c2`, ... in text order."""
        first: dict[int, int] = {}  # paragraph -> its first sentence
        last: dict[int, int] = {}  # paragraph -> its last sentence
        for u in units:
            first.setdefault(u.paragraph, u.sentence)
            last[u.paragraph] = u.sentence
        paragraphs = sorted(first)
        roles: list[tuple[Kind, float]] = []
        whys: list[tuple[str, ...]] = []
        for u in units:
            if len(paragraphs) < 3:
                kind, why = (
                    (Kind.THESIS, "is the first sentence")
                    if u.sentence == first[paragraphs[0]]
                    else (Kind.EVIDENCE, "follows the first sentence")
                )
            elif u.paragraph == paragraphs[0]:
                kind, why = (
                    (Kind.THESIS, "is the last sentence of the introduction")
                    if u.sentence == last[u.paragraph]
                    else (Kind.CONTEXT, "opens the introduction")
                )
            elif u.paragraph == paragraphs[-1]:
                kind, why = (
                    (Kind.THESIS, "is the first sentence of the conclusion")
                    if u.sentence == first[u.paragraph]
                    else (Kind.EVIDENCE, "follows the conclusion's first sentence")
                )
            elif u.sentence == first[u.paragraph]:
                kind, why = Kind.CLAIM, "is the first sentence of a body paragraph"
            else:
                kind, why = Kind.EVIDENCE, "follows a body paragraph's first sentence"
            roles.append((kind, 0.5))
            whys.append((why,))
        return components(text, units, roles, whys)


def join_same_roles(
    text: str, units: Sequence[Unit], comps: Sequence[Component]
) -> tuple[tuple[Unit, ...], tuple[Component, ...]]:
    """Join neighbouring clauses of one sentence that got the same role into one unit and one
    component (renumbered): a sentence is split only where its clauses play different roles
    (docs/annotation-guide.md 3.1), so "X because Y" stays one evidence unit when both are
    evidence. A causal tie between joined clauses goes with the split (on the corpus's train
    split most such ties are not causes in the gold); one to a neighbour outside stays."""
    runs = same_role_runs(units, [c.kind for c in comps])
    if len(runs) == len(units):
        return tuple(units), tuple(comps)
    joined = [_join([units[k] for k in run]) for run in runs]
    roles = [(comps[run[0]].kind, min(comps[k].confidence for k in run)) for run in runs]
    return tuple(joined), components(text, joined, roles, [comps[run[0]].why for run in runs])


def same_role_runs(units: Sequence[Unit], kinds: Sequence[Kind | None]) -> list[list[int]]:
    """The indexes of `units` in runs of neighbours of one sentence with the same role."""
    runs: list[list[int]] = []
    for k, u in enumerate(units):
        last = runs[-1][-1] if runs else -1
        if runs and units[last].sentence == u.sentence and kinds[last] is kinds[k]:
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


def _join(run: Sequence[Unit]) -> Unit:
    first, last = run[0], run[-1]
    if len(run) == 1:
        return first
    cause = (
        first.cause if first.cause is not None and first.cause.link.endswith("previous") else None
    )
    if cause is None and last.cause is not None and last.cause.link.endswith("next"):
        cause = last.cause
    return replace(
        first,
        end=last.end,
        features=frozenset().union(*(u.features for u in run)),
        last_in_paragraph=last.last_in_paragraph,
        cause=cause,
        concepts=tuple(sorted({c for u in run for c in u.concepts})),
    )


def training_rows(
    units: Sequence[Unit], gold: Sequence[Kind | None]
) -> list[tuple[dict[str, float], Kind]]:
    """(features, gold role) of each unit but the thesis, as the model would see them had every
    earlier unit got its gold role (`None`: no gold role, left out); for fitting the weights."""
    thesis = next((k for k, kind in enumerate(gold) if kind is Kind.THESIS), None)
    essay = replace(essay_facts(units), thesis=thesis)
    rows: list[tuple[dict[str, float], Kind]] = []

    def choose(k: int, x: dict[str, float], roles: list[tuple[Kind, float]]) -> tuple[Kind, float]:
        kind = gold[k]
        if kind is not None and kind is not Kind.THESIS:
            rows.append((x, kind))
        return kind or Kind.CONTEXT, 1.0

    _walk(units, essay, choose)
    return rows


_Chooser = Callable[[int, dict[str, float], list[tuple[Kind, float]]], tuple[Kind, float]]


def _walk(units: Sequence[Unit], essay: EssayFacts, choose: _Chooser) -> list[tuple[Kind, float]]:
    """Go through the units in order, tracking what the features need from the roles given so
    far, and let `choose` give each unit its (role, confidence)."""
    roles: list[tuple[Kind, float]] = []
    open_counter = False  # a counterclaim earlier in this or the previous paragraph, unanswered
    counter_par = -1
    for k, u in enumerate(units):
        if u.paragraph != counter_par and not (
            u.paragraph == counter_par + 1 and u.first_in_paragraph
        ):
            open_counter = False
        prev = roles[-1][0] if roles and units[k - 1].sentence == u.sentence else None
        x = features(u, k, units, essay, prev, _last_role(roles, units, k), open_counter)
        kind, conf = choose(k, x, roles)
        if kind is Kind.COUNTERCLAIM:
            open_counter, counter_par = True, u.paragraph
        elif kind is Kind.REBUTTAL:
            open_counter = False
        roles.append((kind, conf))
    return roles


def essay_facts(units: Sequence[Unit]) -> EssayFacts:
    paragraphs = sorted({u.paragraph for u in units})
    return EssayFacts(
        first_par=paragraphs[0] if paragraphs else 0,
        last_par=paragraphs[-1] if paragraphs else 0,
        n_par=len(paragraphs),
        thesis=None,
    )


def _last_role(roles: list[tuple[Kind, float]], units: Sequence[Unit], k: int) -> Kind | None:
    """The latest argumentative role before unit k in its paragraph (evidence skipped)."""
    for j in range(k - 1, -1, -1):
        if units[j].paragraph != units[k].paragraph:
            return None
        if roles[j][0] is not Kind.EVIDENCE:
            return roles[j][0]
    return None


def _answers_concession(
    units: Sequence[Unit], k: int, roles: list[tuple[Kind, float]], thesis: int | None
) -> bool:
    """Whether `u` turns against the statement just before it ("However, ...", or "..., but ..."
    after a hedge) when that statement is a bare opinion (not the thesis, not evidence)."""
    u = units[k]
    if u.cue_type != CueType.CONTRAST or k == 0 or k - 1 == thesis:
        return False
    before = units[k - 1]
    if before.sentence == u.sentence and Feature.HEDGE not in before.features:
        return False  # "not X but Y" corrects X; only "X may be so, but Y" concedes it
    return (
        before.paragraph == u.paragraph
        and roles[k - 1][0] in (Kind.CLAIM, Kind.CONTEXT)
        and not before.features & _SPECIFIC
        and before.cue_type not in (CueType.CLAIM, CueType.CONCLUSION, CueType.CONTRAST)
    )


def evidence_type(features: frozenset[Feature]) -> str | None:
    """The most specific kind of evidence the features show (the table of
    docs/annotation-guide.md): "reasoning" when it shows none, None when it is a vague appeal
    to unnamed authority ("studies show").

    >>> evidence_type(frozenset({"person", "reporting", "quote"}))
    'quotation'
    >>> evidence_type(frozenset()), evidence_type(frozenset({"vague"}))
    ('reasoning', None)
    """
    if Feature.QUOTE in features and (Feature.PERSON in features or Feature.REPORTING in features):
        return "quotation"
    if Feature.PERCENT in features or (Feature.NUMBER in features and Feature.DATE not in features):
        return "statistic"
    if Feature.NUMBER in features and Feature.DATE in features and Feature.VAGUE not in features:
        return "statistic"
    if (Feature.PERSON in features or Feature.ORG in features) and Feature.REPORTING in features:
        return "expert"
    if Feature.EXAMPLE in features:
        return "example"
    if Feature.DATE in features:
        return "date/event"
    if Feature.SOURCE in features and Feature.VAGUE not in features:
        return "source"
    if Feature.QUOTE in features:
        return "quotation"
    return None if Feature.VAGUE in features else "reasoning"


@dataclass(frozen=True)
class EssayFacts:
    """What the classifier knows about the essay as a whole."""

    first_par: int
    last_par: int
    n_par: int
    thesis: int | None


def thesis_features(u: Unit, essay: EssayFacts) -> dict[str, float] | None:
    """The signals that make `u` a likely thesis, or None when it cannot be one (a question, a
    bullet, a clause inside a sentence)."""
    f = u.features
    if Feature.QUESTION in f or u.block is BlockKind.BULLET or Feature.CLAUSE in f:
        return None
    one = essay.n_par == 1
    intro = u.paragraph == essay.first_par and essay.n_par >= 3
    drawn = u.cue_type in (CueType.CAUSAL_FORWARD, CueType.CONCLUSION, CueType.CONTRAST)
    x = {
        "thesis_cue": u.cue_type == CueType.THESIS,
        "intro": intro,
        "intro_last": intro and u.last_in_paragraph,
        "conclusion_cue_last": u.cue_type == CueType.CONCLUSION and u.paragraph == essay.last_par,
        "single_first": one and u.first_in_paragraph,
        "single_last": one and u.last_in_paragraph and not u.first_in_paragraph,
        "single_drawn": one and drawn,
        "single_drawn_modal": one and drawn and Feature.MODAL in f,
        "counter_cue": u.cue_type == CueType.COUNTER,
        "first_person": Feature.FIRST_PERSON in f,
        "modal": Feature.MODAL in f,
        "single_modal": one and Feature.MODAL in f,
        "specifics": sum(
            1
            for name in (Feature.NUMBER, Feature.PERCENT, Feature.QUOTE, Feature.PERSON)
            if name in f
        ),
    }
    return {name: float(v) for name, v in x.items()}


def _thesis_scores(
    units: Sequence[Unit], essay: EssayFacts, weights: Weights
) -> list[tuple[int, float]]:
    """(index, score) for every unit that may be the thesis."""
    w = weights.thesis
    out = []
    for k, u in enumerate(units):
        x = thesis_features(u, essay)
        if x is not None:
            out.append((k, linear(x, w)))
    return out


def _thesis_threshold(essay: EssayFacts, weights: Weights) -> float:
    w = weights.thesis
    return w["threshold_single"] if essay.n_par == 1 else w["threshold"]


def _thesis(units: Sequence[Unit], essay: EssayFacts, weights: Weights) -> tuple[int | None, float]:
    """Pick the thesis: the best-scoring unit when it scores over the threshold, else None (a
    finding then tells the student); the first unit wins a tie. The confidence is the chosen
    unit's probability among all candidates and "no thesis" (the threshold)."""
    scored = _thesis_scores(units, essay, weights)
    threshold = _thesis_threshold(essay, weights)
    best = max(scored, key=lambda ks: (ks[1], -ks[0]), default=None)
    if best is None or best[1] < threshold - 1e-9:  # sums of floats may tie
        return None, 0.0
    total = sum(math.exp(s - best[1]) for s in [s for _, s in scored] + [threshold])
    return best[0], round(1.0 / total, 2)


def features(
    u: Unit,
    k: int,
    units: Sequence[Unit],
    essay: EssayFacts,
    prev: Kind | None,
    last: Kind | None,
    open_counter: bool,
) -> dict[str, float]:
    """The signals the role model weighs for unit `k`; `prev` is the role of the clause before it
    in the same sentence, `last` the latest non-evidence role in its paragraph, `open_counter`
    whether a counterclaim is still unanswered. The keys are always `FEATURES`."""
    f = u.features
    specifics = len(f & _SPECIFIC)
    clause = Feature.CLAUSE in f
    nxt = units[k + 1] if k + 1 < len(units) else None
    thesis = essay.thesis
    before_thesis = (
        thesis is not None
        and k < thesis
        and u.paragraph == units[thesis].paragraph
        and essay.n_par > 1
    )
    x = {
        "bias": True,
        # evidence: specifics, sources, quotations, examples
        "specifics": float(specifics),
        "percent": Feature.PERCENT in f,
        "evidence_cue": u.cue_type in (CueType.EVIDENCE, CueType.EXAMPLE),
        "example": Feature.EXAMPLE in f,
        "reporting_specific": Feature.REPORTING in f and specifics > 0,
        "vague_source": Feature.VAGUE in f and (Feature.REPORTING in f or Feature.SOURCE in f),
        # claims: topic sentences, enumerating cues, opinions and generalisations
        "topic_sentence": u.first_in_paragraph
        and u.paragraph != essay.first_par
        and essay.n_par > 1,
        "claim_cue": u.cue_type in (CueType.CLAIM, CueType.CONCLUSION),
        "modal": Feature.MODAL in f,
        "first_person": Feature.FIRST_PERSON in f,
        "plain": not specifics and Feature.VAGUE not in f,
        "bullet_plain": u.block is BlockKind.BULLET and not specifics,
        "final_paragraph": u.paragraph == essay.last_par and essay.n_par > 2,
        # someone else's view, and the turn that answers it
        "counter_cue": u.cue_type == CueType.COUNTER,
        "concession_lead": u.cue_type == CueType.CONCESSION
        and not clause
        and nxt is not None
        and nxt.sentence == u.sentence
        and nxt.cue_type == CueType.MAIN,
        "concession_clause": u.cue_type == CueType.CONCESSION and clause and u.cue not in _TEMPORAL,
        "open_counter_contrast": open_counter and u.cue_type == CueType.CONTRAST,
        "open_counter_reported": open_counter and Feature.REPORTED_VIEW in f,
        "after_counter_main": prev is Kind.COUNTERCLAIM and u.cue_type == CueType.MAIN,
        "after_counter_clause": prev is Kind.COUNTERCLAIM
        and clause
        and u.cue_type not in (CueType.MAIN, CueType.CONTRAST),
        "after_evidence_clause": prev is Kind.EVIDENCE and clause,
        "after_claim_clause": prev is Kind.CLAIM and clause,
        "after_thesis": prev is Kind.THESIS,
        # in an essay the answer to a counterclaim runs on to the end of its paragraph (a
        # one-paragraph text goes back to its own case instead)
        "answering": last is Kind.REBUTTAL and essay.n_par > 1 and not clause and not f & _SOURCED,
        # context: background before the thesis, questions, the introduction
        "before_thesis": before_thesis,
        "introduction": not before_thesis
        and u.paragraph == essay.first_par
        and essay.n_par >= 3
        and u.cue_type not in (CueType.COUNTER, CueType.CLAIM),
        "question": Feature.QUESTION in f,
    }
    return {name: float(v) for name, v in x.items()}


def role_scores(x: dict[str, float], weights: Weights) -> dict[Kind, float]:
    """Linear score of each role (thesis aside) for the features `x`."""
    return {kind: linear(x, w) for kind, w in weights.roles.items()}


def decide(scores: dict[Kind, float]) -> tuple[Kind, float]:
    """The best role (ties go to the earlier role) and its softmax probability as confidence."""
    best = max(scores, key=lambda kind: (scores[kind], -_ORDER.index(kind)))
    top = scores[best]
    total = sum(math.exp(s - top) for s in scores.values())
    return best, round(1.0 / total, 2)
