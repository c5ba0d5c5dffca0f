"""The `classify` stage: give each unit a role (thesis, claim, evidence, counterclaim, rebuttal,
context), a confidence and, for evidence, the kind of evidence it is.

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
>>> [(c.id, c.kind.value, c.evidence_type) for c in classify(text, units)]
[('c1', 'thesis', None), ('c2', 'evidence', 'statistic')]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from argmap.model import BlockKind, Component, Kind, Unit

__all__ = ["classify", "evidence_type"]

_SPECIFIC = frozenset({"number", "percent", "date", "person", "org", "quote", "source"})
_SOURCED = frozenset({"percent", "person", "org", "quote", "source"})  # evidence, whatever it backs


def classify(text: str, units: Sequence[Unit]) -> tuple[Component, ...]:
    """Return one component per unit, ids `c1`, `c2`, ... in text order."""
    paragraphs = sorted({u.paragraph for u in units})
    first_par = paragraphs[0] if paragraphs else 0
    last_par = paragraphs[-1] if paragraphs else 0
    thesis = _thesis_index(units, first_par, last_par, len(paragraphs))
    roles: list[tuple[Kind, float]] = []
    open_counter = (
        False  # a counterclaim earlier in this or the previous paragraph, not yet answered
    )
    counter_par = -1
    for k, u in enumerate(units):
        if k == thesis:
            roles.append((Kind.THESIS, _confidence(2.5 if u.cue_type == "thesis" else 1.0)))
            continue
        if u.paragraph != counter_par and not (
            u.paragraph == counter_par + 1 and u.first_in_paragraph
        ):
            open_counter = False
        prev = roles[-1][0] if roles and units[k - 1].sentence == u.sentence else None
        scores = _scores(u, k, units, thesis, first_par, last_par, len(paragraphs), open_counter)
        if prev is Kind.COUNTERCLAIM and u.cue_type == "main":
            scores[Kind.REBUTTAL] += 3.0  # "Although some say X, Y": Y answers X
        elif prev is Kind.COUNTERCLAIM and "clause" in u.features and u.cue_type != "contrast":
            scores[Kind.COUNTERCLAIM] += 3.0  # "Some argue X because Y": Y is their reason
        elif prev in (Kind.EVIDENCE, Kind.CLAIM) and "clause" in u.features:
            scores[prev] += 1.5  # a clause usually shares its sentence's role
        elif prev is Kind.THESIS:
            scores[Kind.CLAIM] += 1.5
        # In an essay the answer to a counterclaim runs on to the end of its paragraph (a
        # one-paragraph text goes back to its own case instead).
        answering = _last_role(roles, units, k) is Kind.REBUTTAL and len(paragraphs) > 1
        if answering and "clause" not in u.features and not u.features & _SOURCED:
            scores[Kind.REBUTTAL] += 3.0
        kind, margin = _best(scores)
        if _answers_concession(u, k, units, roles, thesis) and kind is not Kind.REBUTTAL:
            # "X. But Y." with X an unsupported statement: X was conceded, Y answers it.
            roles[k - 1] = (Kind.COUNTERCLAIM, _confidence(0.5))
            kind, margin = Kind.REBUTTAL, 0.5
        if kind is Kind.COUNTERCLAIM:
            open_counter, counter_par = True, u.paragraph
        elif kind is Kind.REBUTTAL:
            open_counter = False
        roles.append((kind, _confidence(margin)))
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
        )
        for k, (u, (kind, conf)) in enumerate(zip(units, roles, strict=True))
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
    u: Unit, k: int, units: Sequence[Unit], roles: list[tuple[Kind, float]], thesis: int | None
) -> bool:
    """Whether `u` turns against the statement just before it ("However, ...", or "..., but ..."
    after a hedge) when that statement is a bare opinion (not the thesis, not evidence)."""
    if u.cue_type != "contrast" or k == 0 or k - 1 == thesis:
        return False
    before = units[k - 1]
    if before.sentence == u.sentence and "hedge" not in before.features:
        return False  # "not X but Y" corrects X; only "X may be so, but Y" concedes it
    return (
        before.paragraph == u.paragraph
        and roles[k - 1][0] in (Kind.CLAIM, Kind.CONTEXT)
        and not before.features & _SPECIFIC
        and before.cue_type not in ("claim", "conclusion", "contrast")
    )


def evidence_type(features: frozenset[str]) -> str | None:
    """The most specific kind of evidence the features show, or None when it is vague.

    >>> evidence_type(frozenset({"person", "reporting", "quote"}))
    'quotation'
    >>> evidence_type(frozenset({"vague"})) is None
    True
    """
    if "quote" in features and ("person" in features or "reporting" in features):
        return "quotation"
    if "percent" in features or ("number" in features and "date" not in features):
        return "statistic"
    if "number" in features and "date" in features and "vague" not in features:
        return "statistic"
    if ("person" in features or "org" in features) and "reporting" in features:
        return "expert"
    if "example" in features:
        return "example"
    if "date" in features:
        return "date/event"
    if "source" in features and "vague" not in features:
        return "source"
    if "quote" in features:
        return "quotation"
    return None


def _thesis_index(units: Sequence[Unit], first: int, last: int, n_par: int) -> int | None:
    """Pick the thesis: an explicit thesis cue, else the intro's last statement, else the
    conclusion's first, else None (a finding then tells the student)."""
    best: tuple[float, int] | None = None
    for k, u in enumerate(units):
        if "question" in u.features or u.block is BlockKind.BULLET or "clause" in u.features:
            continue
        score = 0.0
        if u.cue_type == "thesis":
            score += 4.0
        if u.paragraph == first and n_par >= 3:
            score += 1.0 + (1.0 if u.last_in_paragraph else 0.0)
        if u.cue_type == "conclusion" and u.paragraph == last:
            score += 1.5
        if n_par == 1:  # a one-paragraph text states its position first or draws it last
            score += 1.0 if u.first_in_paragraph else (0.5 if u.last_in_paragraph else 0.0)
            drawn = u.cue_type in ("causal_forward", "conclusion", "contrast")
            score += (1.0 if "modal" in u.features else 0.5) if drawn else 0.0
        if u.cue_type == "counter":
            score -= 2.0
        if "first-person" in u.features:
            score += 0.5
        if "modal" in u.features:
            score += 1.0 if n_par == 1 else 0.5
        score -= sum(0.5 for f in ("number", "percent", "quote", "person") if f in u.features)
        if score >= (1.0 if n_par == 1 else 2.0) and (best is None or score > best[0]):
            best = (score, k)
    return best[1] if best else None


def _scores(
    u: Unit,
    k: int,
    units: Sequence[Unit],
    thesis: int | None,
    first_par: int,
    last_par: int,
    n_par: int,
    open_counter: bool,
) -> dict[Kind, float]:
    f = u.features
    s = dict.fromkeys(Kind, 0.0)
    s.pop(Kind.THESIS)
    specifics = len(f & _SPECIFIC)
    # Evidence: specifics, sources, quotations, examples.
    s[Kind.EVIDENCE] += 1.2 * specifics + (1.5 if "percent" in f else 0.0)
    s[Kind.EVIDENCE] += 2.0 if u.cue_type in ("evidence", "example") else 0.0
    s[Kind.EVIDENCE] += 1.0 if "example" in f else 0.0
    s[Kind.EVIDENCE] += 1.0 if "reporting" in f and specifics else 0.0
    s[Kind.EVIDENCE] += 1.0 if "vague" in f and ("reporting" in f or "source" in f) else 0.0
    # Claim: topic sentences, enumerating cues, opinions and generalisations.
    s[Kind.CLAIM] += 1.0
    if u.first_in_paragraph and u.paragraph not in (first_par,) and n_par > 1:
        s[Kind.CLAIM] += 2.0
    s[Kind.CLAIM] += 2.0 if u.cue_type in ("claim", "conclusion") else 0.0
    s[Kind.CLAIM] += 1.0 if "modal" in f else 0.0
    s[Kind.CLAIM] += 0.5 if "first-person" in f else 0.0
    s[Kind.CLAIM] += 1.0 if not specifics and "vague" not in f else 0.0
    s[Kind.CLAIM] += 1.0 if u.block is BlockKind.BULLET and not specifics else 0.0
    s[Kind.CLAIM] += 0.5 if u.paragraph == last_par and n_par > 2 else 0.0
    # Counterclaims and rebuttals: someone else's view, and the turn that answers it.
    if u.cue_type == "counter":
        s[Kind.COUNTERCLAIM] += 6.0
    if u.cue_type == "concession" and "clause" not in f:
        nxt = units[k + 1] if k + 1 < len(units) else None
        if nxt is not None and nxt.sentence == u.sentence and nxt.cue_type == "main":
            s[Kind.COUNTERCLAIM] += 5.5  # "Although X, Y": X is conceded
    if open_counter and u.cue_type == "contrast":
        s[Kind.REBUTTAL] += 5.0
    if open_counter and "reported-view" in f:
        s[Kind.COUNTERCLAIM] += 6.0
    # Context: background before the thesis, questions, short fragments in the introduction.
    # (A one-paragraph text has no introduction: what precedes its thesis is argument.)
    if thesis is not None and k < thesis and u.paragraph == units[thesis].paragraph and n_par > 1:
        s[Kind.CONTEXT] += 5.0
    elif u.paragraph == first_par and n_par >= 3 and u.cue_type not in ("counter", "claim"):
        s[Kind.CONTEXT] += 2.5
    if "question" in f:
        s[Kind.CONTEXT] += 4.0
    return s


def _best(scores: dict[Kind, float]) -> tuple[Kind, float]:
    """The best-scoring role and its margin over the runner-up; ties go to the earlier role."""
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    return ranked[0][0], ranked[0][1] - ranked[1][1]


def _confidence(margin: float) -> float:
    """Map a score margin to (0.5, 1): a logistic curve, rounded so output is stable."""
    return round(1.0 / (1.0 + math.exp(-margin)), 2)
