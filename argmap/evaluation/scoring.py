"""Score argument maps against gold documents: span matching, P/R/F1 per role, relations, thesis.

`score` compares predicted maps with `GoldDoc`s; `evaluate` runs a predictor over the gold texts
first. Standard library only.

Scoring
-------
A map made from the gold text carries, for each component, its offsets in that text (its
provenance); other maps' offsets point into their own (cleaned) text, and `align` projects them
onto the gold text. Spans are compared after trimming surrounding whitespace.

- overlap match: same role, and the shared characters cover at least half of the *longer* span;
- exact match: same role, and the same span once whitespace and punctuation (``.,;:!?``) are
  trimmed from both ends.

Matching is one-to-one and greedy: candidate pairs are taken by largest overlap, ties by gold then
predicted position. All counts are summed over the documents before P/R/F1 (micro average).
Macro-F1 is the mean F1 over the roles that occur in the gold. Segmentation and relation scores
ignore roles and leave out `context` components (they are not argumentative units). A predicted
relation is correct when both ends are overlap-matched (ignoring roles) to the ends of a gold
relation of the same kind. Thesis accuracy: over documents with a gold thesis, how often the
predicted thesis (the most confident one, the first on a tie) overlap-matches a gold thesis.

Intervals (`score(..., resamples=N)`): how far the headline figures would move on another set
of documents like these. The documents are drawn with replacement N times (a bootstrap; a
fixed seed, so the same scores give the same intervals), the figures computed on each draw, and
the middle 95% of each kept: macro-F1, thesis accuracy, supports+attacks F1 and causes F1.
"""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, TypeVar

from argmap.evaluation.alignment import align
from argmap.evaluation.gold import GoldDoc
from argmap.findings.checks import SEVERITY, analyse
from argmap.model import ArgumentMap, Kind, RelationKind

__all__ = ["Counts", "RoleScores", "Scores", "score", "evaluate", "RESAMPLES"]


@dataclass(frozen=True)
class Counts:
    """Gold, predicted and matched counts, with precision, recall and F1 (0.0 when undefined).

    >>> Counts(gold=4, predicted=2, matched=1).f1
    0.3333333333333333
    """

    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        """Matched / predicted."""
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Matched / gold."""
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.matched + other.matched,
        )

    def to_dict(self) -> dict[str, Any]:
        """Counts and rounded P/R/F1."""
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }


@dataclass(frozen=True)
class RoleScores:
    """Counts for one role (or "all" roles, for segmentation) in both matching modes."""

    role: str
    overlap: Counts
    exact: Counts

    def to_dict(self) -> dict[str, Any]:
        """Both modes, rounded."""
        return {"overlap": self.overlap.to_dict(), "exact": self.exact.to_dict()}


@dataclass(frozen=True)
class Scores:
    """Micro-averaged scores over a set of documents."""

    documents: int
    roles: tuple[RoleScores, ...]
    segmentation: RoleScores
    relations: tuple[tuple[str, Counts], ...]
    thesis_correct: int
    thesis_documents: int
    #: Per finding code: argmap's findings against the findings of the gold map (the same
    #: checks run on the gold roles and links), matched by code and the passage they are about.
    findings: tuple[tuple[str, Counts], ...] = ()
    #: The 95% bootstrap interval (low, high) of the headline figures, when asked for
    #: (`score(..., resamples=N)`): ("macro-F1", low, high), ("thesis accuracy", ...), ...
    intervals: tuple[tuple[str, float, float], ...] = ()

    def macro_f1(self, mode: Literal["overlap", "exact"] = "overlap") -> float:
        """Mean F1 (mode "overlap" or "exact") over the roles that occur in the gold."""
        f1s = [getattr(r, mode).f1 for r in self.roles if r.overlap.gold]
        return sum(f1s) / len(f1s) if f1s else 0.0

    @property
    def thesis_accuracy(self) -> float:
        """Correct theses / documents with a gold thesis."""
        return self.thesis_correct / self.thesis_documents if self.thesis_documents else 0.0

    def headline(self) -> tuple[tuple[str, float], ...]:
        """The figures an evaluation is summed up by: macro-F1 (overlap), thesis accuracy,
        supports+attacks F1 and, when the gold has causes, causes F1."""
        relations = dict(self.relations)
        out = [
            ("macro-F1", self.macro_f1()),
            ("thesis accuracy", self.thesis_accuracy),
            ("supports+attacks F1", relations["supports+attacks"].f1),
        ]
        if "causes" in relations:
            out.append(("causes F1", relations["causes"].f1))
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form with a fixed key order, floats rounded to 3 decimals."""
        extra = {}
        if self.intervals:
            extra["intervals_95"] = {
                name: [round(low, 3), round(high, 3)] for name, low, high in self.intervals
            }
        return {
            "documents": self.documents,
            "roles": {r.role: r.to_dict() for r in self.roles},
            "macro_f1": {
                "overlap": round(self.macro_f1("overlap"), 3),
                "exact": round(self.macro_f1("exact"), 3),
            },
            "segmentation": self.segmentation.to_dict(),
            "relations": {name: counts.to_dict() for name, counts in self.relations},
            "thesis": {
                "accuracy": round(self.thesis_accuracy, 3),
                "correct": self.thesis_correct,
                "documents": self.thesis_documents,
            },
            "findings": {code: counts.to_dict() for code, counts in self.findings},
        } | extra


_Span = tuple[int, int]
_K = TypeVar("_K")
_EXACT_TRIM = ".,;:!?"


def _trim(text: str, span: _Span, chars: str = "") -> _Span:
    start, end = span
    while start < end and (text[start].isspace() or text[start] in chars):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in chars):
        end -= 1
    return start, end


def _match(gold: Sequence[_Span], pred: Sequence[_Span], exact: bool) -> dict[int, int]:
    """One-to-one matching, greedy by largest overlap: predicted index -> gold index."""
    pairs = []
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(pred):
            shared = min(ge, pe) - max(gs, ps)
            if exact:
                good = (gs, ge) == (ps, pe)
            else:
                good = 2 * shared >= max(ge - gs, pe - ps)  # at least half of the longer span
            if shared > 0 and good:
                pairs.append((-shared, gi, pi))
    matches: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in sorted(pairs):
        if pi not in matches and gi not in used:
            matches[pi] = gi
            used.add(gi)
    return matches


def _counter() -> defaultdict[Any, Counts]:
    return defaultdict(Counts)


@dataclass
class _Tally:
    """Counts summed over documents; keys say what is counted (`exact` selects the mode)."""

    roles: defaultdict[tuple[Kind, bool], Counts] = field(default_factory=_counter)
    segmentation: defaultdict[bool, Counts] = field(default_factory=_counter)
    relations: defaultdict[RelationKind, Counts] = field(default_factory=_counter)
    findings: defaultdict[str, Counts] = field(default_factory=_counter)
    thesis_correct: int = 0
    thesis_documents: int = 0

    def add(self, other: _Tally) -> None:
        """Add `other`'s counts to these."""
        _merge(self.roles, other.roles)
        _merge(self.segmentation, other.segmentation)
        _merge(self.relations, other.relations)
        _merge(self.findings, other.findings)
        self.thesis_correct += other.thesis_correct
        self.thesis_documents += other.thesis_documents


def _merge(mine: defaultdict[_K, Counts], theirs: Mapping[_K, Counts]) -> None:
    for key, counts in theirs.items():
        mine[key] += counts


#: The seed of the bootstrap's draws (`score`'s `resamples`): the same scores, the same intervals.
SEED = 0
#: The draws `argmap eval --intervals` makes.
RESAMPLES = 1000


def score(golds: Sequence[GoldDoc], predicted: Sequence[ArgumentMap], resamples: int = 0) -> Scores:
    """Compare predicted maps with gold documents, pairwise in order; with `resamples`, the
    95% intervals of the headline figures by that many bootstrap draws of the documents.

    >>> from argmap.model import Component, Source
    >>> tea = Component("t", Kind.THESIS, "Tea is good.", 0, 12, 0, 1.0)
    >>> gold = GoldDoc("d", "Tea is good.", (tea,), ())
    >>> pred = ArgumentMap("d", "Tea  is good.", (), (), (), Source("-", "", "txt"))
    >>> score([gold], [pred]).thesis_accuracy
    0.0
    >>> score([gold], [pred], resamples=10).intervals[1]
    ('thesis accuracy', 0.0, 0.0)
    """
    if len(golds) != len(predicted):
        raise ValueError(f"{len(golds)} gold documents but {len(predicted)} predicted maps")
    tallies = []
    for gold, pred in zip(golds, predicted, strict=True):
        tallies.append(_Tally())
        _score_doc(gold, pred, tallies[-1])
    scores = _scores(tallies)
    if resamples <= 0 or not tallies:
        return scores
    rng = random.Random(SEED)
    drawn = [_scores(rng.choices(tallies, k=len(tallies))).headline() for _ in range(resamples)]
    intervals = []
    for name, _ in scores.headline():  # a draw without causes in its gold has no causes F1
        values = sorted(v for h in drawn if (v := dict(h).get(name)) is not None)
        if values:
            low, high = (values[round(q * (len(values) - 1))] for q in (0.025, 0.975))
            intervals.append((name, low, high))
    return replace(scores, intervals=tuple(intervals))


def _scores(tallies: Sequence[_Tally]) -> Scores:
    """The scores of the documents whose counts are `tallies` (one per document)."""
    tally = _Tally()
    for t in tallies:
        tally.add(t)
    roles = tuple(
        RoleScores(kind.value, tally.roles[kind, False], tally.roles[kind, True])
        for kind in Kind
        if tally.roles[kind, False].gold or tally.roles[kind, False].predicted
    )
    supports = tally.relations[RelationKind.SUPPORTS]
    attacks = tally.relations[RelationKind.ATTACKS]
    relations = [
        ("supports", supports),
        ("attacks", attacks),
        ("supports+attacks", supports + attacks),
    ]
    if tally.relations[RelationKind.CAUSES].gold:
        relations.append(("causes", tally.relations[RelationKind.CAUSES]))
    return Scores(
        documents=len(tallies),
        roles=roles,
        segmentation=RoleScores("all", tally.segmentation[False], tally.segmentation[True]),
        relations=tuple(relations),
        thesis_correct=tally.thesis_correct,
        thesis_documents=tally.thesis_documents,
        findings=tuple((code, tally.findings[code]) for code in SEVERITY if code in tally.findings),
    )


def _score_doc(gold: GoldDoc, pred: ArgumentMap, tally: _Tally) -> None:
    text = gold.text
    gold_spans = {c.id: _trim(text, (c.start, c.end)) for c in gold.components}
    pred_spans = _spans_in_gold(gold, pred)

    for exact in (False, True):
        trim = _EXACT_TRIM if exact else ""
        g = [(c.kind, _trim(text, gold_spans[c.id], trim)) for c in gold.components]
        p = [(c.kind, _trim(text, pred_spans[c.id], trim)) for c in pred.components]
        for kind in Kind:
            counts = _counts([s for k, s in g if k == kind], [s for k, s in p if k == kind], exact)
            tally.roles[kind, exact] += counts
        g_args = [s for k, s in g if k != Kind.CONTEXT]
        p_args = [s for k, s in p if k != Kind.CONTEXT]
        tally.segmentation[exact] += _counts(g_args, p_args, exact)

    # relations: both ends overlap-matched, ignoring roles and leaving out context components
    g_ids = [c.id for c in gold.components if c.kind != Kind.CONTEXT]
    p_ids = [c.id for c in pred.components if c.kind != Kind.CONTEXT]
    pairs = _match([gold_spans[i] for i in g_ids], [pred_spans[i] for i in p_ids], exact=False)
    to_gold_id = {p_ids[pi]: g_ids[gi] for pi, gi in pairs.items()}
    for rel_kind in RelationKind:
        gold_links = {(r.source, r.target) for r in gold.relations if r.kind == rel_kind}
        pred_links = {(r.source, r.target) for r in pred.relations if r.kind == rel_kind}
        found = {(to_gold_id.get(s), to_gold_id.get(t)) for s, t in pred_links} & gold_links
        tally.relations[rel_kind] += Counts(len(gold_links), len(pred_links), len(found))

    # thesis: the most confident predicted thesis (the first on a tie) against any gold thesis
    g_theses = [gold_spans[c.id] for c in gold.components if c.kind == Kind.THESIS]
    p_theses = [c for c in pred.components if c.kind == Kind.THESIS]
    if g_theses:
        tally.thesis_documents += 1
        best = max(p_theses, key=lambda c: c.confidence, default=None)
        if best is not None and _match(g_theses, [pred_spans[best.id]], exact=False):
            tally.thesis_correct += 1

    # findings: those of the gold map (the checks run on its roles and links) against argmap's,
    # one to one, by code and by the passage they are about (50% overlap; none for none)
    gold_findings = analyse(gold.components, gold.relations)
    for code in SEVERITY:
        g_about = [f.component for f in gold_findings if f.code == code]
        p_about = [f.component for f in pred.findings if f.code == code]
        if not g_about and not p_about:
            continue
        whole = min(g_about.count(None), p_about.count(None))
        g_spans = [gold_spans[c] for c in g_about if c is not None and c in gold_spans]
        p_spans = [pred_spans[c] for c in p_about if c is not None and c in pred_spans]
        matched = whole + len(_match(g_spans, p_spans, exact=False))
        tally.findings[code] += Counts(len(g_about), len(p_about), matched)


def _spans_in_gold(gold: GoldDoc, pred: ArgumentMap) -> dict[str, _Span]:
    """Each predicted component's span in the gold text. A map made from the gold text itself
    knows where each component was in it (its provenance: offsets in the text as read); other
    maps (made by hand, or from another copy of the text) are aligned with `align`."""
    text = gold.text
    made_from_gold = pred.source.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    to_gold = None
    spans: dict[str, _Span] = {}
    for c in pred.components:
        if made_from_gold and c.provenance is not None:
            spans[c.id] = _trim(text, (c.provenance.input_start, c.provenance.input_end))
            continue
        to_gold = to_gold or align(pred.text, text)
        start, end = _trim(pred.text, (c.start, c.end))
        projected = (to_gold(start), to_gold(end - 1) + 1) if start < end else (0, 0)
        spans[c.id] = _trim(text, projected)
    return spans


def _counts(gold: Sequence[_Span], pred: Sequence[_Span], exact: bool) -> Counts:
    return Counts(len(gold), len(pred), len(_match(gold, pred, exact)))


def evaluate(
    golds: Sequence[GoldDoc], predict: Callable[[str], ArgumentMap], resamples: int = 0
) -> Scores:
    """Run `predict` on each gold text and score the maps it returns (`resamples`: see `score`).

    >>> from argmap.model import Source
    >>> gold = GoldDoc("d", "Tea is good.", (), ())
    >>> empty = lambda text: ArgumentMap("d", text, (), (), (), Source("-", "", "txt"))
    >>> evaluate([gold], empty).documents
    1
    """
    return score(golds, [predict(gold.text) for gold in golds], resamples)
