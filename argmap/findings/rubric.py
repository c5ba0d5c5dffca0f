"""The scorecard on the rows of the usual argumentative-writing rubric: a level from 1 to 4 for
each row, with the reason in one sentence.

The rows are those most rubrics for argumentative essays share (position, claims, evidence,
counterargument and rebuttal, organisation; e.g. the Smarter Balanced and PARCC argument rubrics
and PERSUADE's effectiveness scale). The levels come from what argmap found in the essay, so
they are as right as its roles and links: a reading to check, not a grade.

- **Position**: 4 a thesis stated early and restated at the end; 3 a thesis stated once; 2 a
  thesis only in the conclusion; 1 none found.
- **Claims**: the main claims (a paragraph's points, `measures.main_claims`): 4 three or more
  that back the thesis; 3 two; 2 one; 1 none.
- **Evidence**: 4 every main claim has evidence and at least half of it is specific, some of it
  sourced; 3 three in four main claims have evidence and a quarter of it is specific; 2 some
  evidence; 1 none.
- **Counterargument and rebuttal**: 4 every opposing view answered; 3 some answered; 2 views
  considered but none answered; 1 no other view considered.
- **Organisation**: 4 an introduction, a conclusion and two or more body paragraphs, each with a
  point, and all evidence tied to a point; 3 the same with one slip; 2 several paragraphs but
  more slips; 1 one paragraph, or no structure found.

>>> from argmap.model import Source
>>> m = ArgumentMap("t", "", (), (), (), Source("-", "0" * 64, "txt"))
>>> [r.level for r in rubric(m)]
[1, 1, 1, 1, 1]
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from argmap.findings.measures import evidence_quality
from argmap.findings.scorecard import Scorecard, scorecard
from argmap.model import ArgumentMap, Kind

__all__ = ["RubricRow", "rubric", "ROWS"]

#: The rubric's rows, in order.
ROWS = ("Position", "Claims", "Evidence", "Counterargument and rebuttal", "Organisation")


@dataclass(frozen=True)
class RubricRow:
    """One row of the rubric: its name, a level from 1 (beginning) to 4 (strong), and why."""

    row: str
    level: int
    reason: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def rubric(m: ArgumentMap, card: Scorecard | None = None) -> tuple[RubricRow, ...]:
    """The rubric rows of map `m` (its scorecard `card`, if already made)."""
    card = card if card is not None else scorecard(m)
    return (
        _position(m),
        _claims(card),
        _evidence(m, card),
        _counterargument(card),
        _organisation(m, card),
    )


def _position(m: ArgumentMap) -> RubricRow:
    paragraphs = sorted({c.paragraph for c in m.components})
    theses = [c for c in m.components if c.kind is Kind.THESIS]
    if not theses:
        return RubricRow(
            "Position", 1, "No thesis was found: state your position in one clear sentence."
        )
    first, last = paragraphs[0], paragraphs[-1]
    early = any(t.paragraph == first for t in theses)
    late = any(t.paragraph == last for t in theses)
    if early and late and first != last:
        return RubricRow(
            "Position", 4, "The thesis is stated at the start and restated at the end."
        )
    if early or (not late) or len(paragraphs) < 3:
        return RubricRow(
            "Position",
            3,
            "The thesis is stated once; restating it in the conclusion would round the essay off.",
        )
    return RubricRow(
        "Position",
        2,
        "The position only becomes clear in the conclusion: state it in the introduction.",
    )


def _claims(card: Scorecard) -> RubricRow:
    n = card.main_claims
    if n >= 3:
        return RubricRow("Claims", 4, f"{n} main points back the position.")
    if n == 2:
        return RubricRow(
            "Claims", 3, "Two main points back the position; a third would make it stronger."
        )
    if n == 1:
        return RubricRow(
            "Claims",
            2,
            "Only one main point backs the position: give each body paragraph its own point.",
        )
    return RubricRow(
        "Claims", 1, "No main points were found: open each body paragraph with the point it makes."
    )


def _evidence(m: ArgumentMap, card: Scorecard) -> RubricRow:
    quality = evidence_quality(m.components)
    sourced = sum(1 for q in quality.values() if q == "sourced")
    specific = sum(1 for q in quality.values() if q != "general")
    share = card.claim_evidence_share
    if card.evidence == 0:
        return RubricRow(
            "Evidence",
            1,
            "No evidence was found: back each point with a reason, an example, a fact or a "
            "quotation.",
        )
    if share == 1.0 and specific * 2 >= card.evidence and sourced:
        return RubricRow(
            "Evidence",
            4,
            f"Every main point has evidence; {specific} of {card.evidence} pieces are specific "
            f"and {sourced} name their source.",
        )
    if share is not None and share >= 0.75 and specific * 4 >= card.evidence:
        return RubricRow(
            "Evidence",
            3,
            f"Most main points have evidence and {specific} of {card.evidence} pieces are "
            "specific; name your sources.",
        )
    return RubricRow(
        "Evidence",
        2,
        f"{card.claims_with_evidence} of {card.main_claims} main points have evidence, mostly "
        "general reasoning: add figures, examples and named sources.",
    )


def _counterargument(card: Scorecard) -> RubricRow:
    views, answered = card.counterarguments, card.counterarguments_answered
    name = "Counterargument and rebuttal"
    if not views:
        return RubricRow(
            name, 1, "No other view is considered: state the strongest objection and answer it."
        )
    if answered == views:
        return RubricRow(name, 4, f"Every opposing view ({views}) is stated and answered.")
    if answered:
        return RubricRow(
            name, 3, f"{answered} of {views} opposing views are answered; answer the others too."
        )
    return RubricRow(
        name,
        2,
        "Other views are stated but not answered: say why they do not change your position.",
    )


def _organisation(m: ArgumentMap, card: Scorecard) -> RubricRow:
    paragraphs = sorted({c.paragraph for c in m.components})
    codes = dict(card.finding_codes)
    slips = codes.get("paragraph-without-claim", 0) + codes.get("evidence-without-claim", 0)
    if len(paragraphs) < 3:
        return RubricRow(
            "Organisation",
            1,
            "The essay is not divided into an introduction, body paragraphs and a conclusion.",
        )
    if len(paragraphs) >= 4 and slips == 0:
        return RubricRow(
            "Organisation",
            4,
            f"{len(paragraphs)} paragraphs: an introduction, a conclusion and body paragraphs "
            "that each make a point.",
        )
    if slips <= 1:
        return RubricRow(
            "Organisation",
            3,
            "The paragraphs are clear; one of them, or a piece of evidence, is not tied to a "
            "point.",
        )
    return RubricRow(
        "Organisation",
        2,
        f"{slips} paragraphs or pieces of evidence are not tied to a point: open each "
        "paragraph with its point.",
    )
