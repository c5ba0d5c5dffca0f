"""An essay's scorecard: a few plain measures derived from its argument map.

Every figure is computed from the map alone (components, relations, findings), so a map corrected
by hand gets the scorecard of the corrected argument. The formulas, with the columns of
`Scorecard.row()` that show them:

- **Counts per role** (`thesis`, `claims`, `evidence`, `counterclaims`, `rebuttals`, `context`):
  components of each kind; `words` counts the words of the essay text.
- **Claims with evidence** (`main_claims`, `claims_with_evidence`, `claim_evidence_share`): the
  main claims are the claims that need evidence of their own (`argmap.findings.checks.main_claims`):
  claims that support no other claim (a paragraph's point, not the sentences explaining it)
  and are not just a link in a causal chain, outside the conclusion and an introduction that
  states the thesis (last and first paragraphs of an essay of three or more), and not a
  concession between a counterclaim and its rebuttal. A main claim has evidence when an
  evidence component reaches it through `supports` or `causes` relations, directly or through
  other components. Share = main claims with evidence / main claims. Of the main claims
  without evidence, those nothing backs (no `supports` or `causes` relation into them) get an
  `unsupported-claim` finding; those another point explains get `general-reasoning`.
- **Evidence specificity** (`specific_evidence`, `evidence_specificity`): evidence is specific
  when its sentence has a figure or a name, or evidence with an evidence type (a statistic, a
  date or event, a named expert, an example, a quotation) other than general reasoning or a bare
  unnamed source (`argmap.findings.checks.specific_evidence`). Share = specific evidence /
  evidence. The other evidence is general reasoning or a vague appeal to authority: the
  appeals get a `vague-evidence` finding, and a main claim backed by no specific evidence at
  all a `general-reasoning` one.
- **Evidence sourcing** (`evidence_quality`, `sourced_evidence`, `evidence_sourcing`): each
  piece of evidence is one of three steps: sourced (its sentence names an author, an
  organisation, a study or a document, with a name or a year: "Beland and Murphy found", "a
  2019 Ofsted report"), specific but unsourced (figures, names, examples and no source: "81
  percent of crashes ..."), or general (reasoning only). Share = sourced evidence / evidence.
  An appeal to unnamed authority ("studies show") is never sourced and gets a `vague-evidence`
  finding.
- **Counterargument handling** (`counterarguments`, `counterarguments_answered`,
  `counterargument_handling`, `considers_other_view`): a counterargument is one opposing view:
  counterclaims side by side in a paragraph, or backing one another, count once
  (`argmap.findings.checks.counterarguments`). It is answered when a relation `attacks` one of its
  counterclaims (a rebuttal). Handling = answered / counterarguments; `considers_other_view` is
  "yes" when the essay has at least one counterclaim. Exactly the unanswered ones get an
  `unanswered-counterclaim` finding.
- **Causal chain depth** (`causal_depth`): the number of `causes` relations on the longest path
  that follows them (A causes B causes C is 2); 0 without causes. A cycle is cut where it closes.
- **Findings** (`findings`, `findings_error`, `findings_warning`, `findings_info`, then one column
  per finding code, `-` written `_`): how many findings in all, of each severity and of each code.

A share whose denominator is 0 (no main claims, no evidence, no counterarguments) is not a
number: it is `None` on the dataclass and an empty string in the row. Shares are rounded to two
decimals.

>>> from argmap.model import ArgumentMap, Component, Kind, Relation, RelationKind, Source
>>> text = "Phones should go. In 2019, 62% of pupils were distracted."
>>> comps = (
...     Component("c1", Kind.CLAIM, "Phones should go.", 0, 17, 0, 0.9),
...     Component("c2", Kind.EVIDENCE, text[18:], 18, len(text), 0, 0.9, "statistic"),
... )
>>> rels = (Relation("c2", "c1", RelationKind.SUPPORTS, "same paragraph", 0.6),)
>>> card = scorecard(ArgumentMap("t", text, comps, rels, (), Source("-", "0" * 64, "txt")))
>>> card.claim_evidence_share, card.evidence_specificity, card.counterargument_handling
(1.0, 1.0, None)
>>> row = card.row()
>>> row["claims"], row["counterargument_handling"], row["considers_other_view"]
(1, '', 'no')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from argmap.findings.checks import SEVERITY
from argmap.findings.measures import (
    answered,
    counterarguments,
    evidence_quality,
    evidence_reaches,
    main_claims,
    specific_evidence,
)
from argmap.model import ArgumentMap, Kind, Relation, RelationKind, Severity
from argmap.text.words import WORD_RE

__all__ = ["Scorecard", "scorecard", "COLUMNS"]


@dataclass(frozen=True)
class Scorecard:
    """The measures of one essay; `row()` gives them as ordered, flat columns."""

    title: str
    words: int
    thesis: int
    claims: int
    evidence: int
    counterclaims: int
    rebuttals: int
    context: int
    main_claims: int
    claims_with_evidence: int
    specific_evidence: int
    sourced_evidence: int
    counterarguments: int
    counterarguments_answered: int
    causal_depth: int
    #: Number of findings per code, for every code in `checks.SEVERITY`, in that order
    #: (a finding with another code, in a map edited by hand, counts only in the totals).
    finding_codes: tuple[tuple[str, int], ...]
    #: Number of findings per severity: error, warning, info.
    severities: tuple[tuple[str, int], ...]

    @property
    def claim_evidence_share(self) -> float | None:
        return _share(self.claims_with_evidence, self.main_claims)

    @property
    def evidence_specificity(self) -> float | None:
        return _share(self.specific_evidence, self.evidence)

    @property
    def evidence_sourcing(self) -> float | None:
        return _share(self.sourced_evidence, self.evidence)

    @property
    def counterargument_handling(self) -> float | None:
        return _share(self.counterarguments_answered, self.counterarguments)

    @property
    def considers_other_view(self) -> bool:
        return self.counterclaims > 0

    @property
    def findings(self) -> int:
        return sum(n for _, n in self.severities)

    def row(self) -> dict[str, int | float | str]:
        """The scorecard as ordered columns with stable snake_case names (see the module doc)."""
        row: dict[str, int | float | str] = {
            "title": self.title,
            "words": self.words,
            "thesis": self.thesis,
            "claims": self.claims,
            "evidence": self.evidence,
            "counterclaims": self.counterclaims,
            "rebuttals": self.rebuttals,
            "context": self.context,
            "main_claims": self.main_claims,
            "claims_with_evidence": self.claims_with_evidence,
            "claim_evidence_share": _cell(self.claim_evidence_share),
            "specific_evidence": self.specific_evidence,
            "evidence_specificity": _cell(self.evidence_specificity),
            "sourced_evidence": self.sourced_evidence,
            "evidence_sourcing": _cell(self.evidence_sourcing),
            "counterarguments": self.counterarguments,
            "counterarguments_answered": self.counterarguments_answered,
            "counterargument_handling": _cell(self.counterargument_handling),
            "considers_other_view": "yes" if self.considers_other_view else "no",
            "causal_depth": self.causal_depth,
            "findings": self.findings,
        }
        for severity, n in self.severities:
            row[f"findings_{severity}"] = n
        for code, n in self.finding_codes:
            row[code.replace("-", "_")] = n
        return row


def scorecard(m: ArgumentMap) -> Scorecard:
    """The scorecard of map `m` (formulas in the module docstring)."""
    comps, rels = m.components, m.relations
    roles = Counter(c.kind for c in comps)
    mains = main_claims(comps, rels)
    backed = evidence_reaches(comps, rels)
    views = counterarguments(comps, rels)
    codes = Counter(f.code for f in m.findings)
    severities = Counter(f.severity for f in m.findings)
    return Scorecard(
        title=m.title,
        words=len(WORD_RE.findall(m.text.lower())),
        thesis=roles[Kind.THESIS],
        claims=roles[Kind.CLAIM],
        evidence=roles[Kind.EVIDENCE],
        counterclaims=roles[Kind.COUNTERCLAIM],
        rebuttals=roles[Kind.REBUTTAL],
        context=roles[Kind.CONTEXT],
        main_claims=len(mains),
        claims_with_evidence=sum(1 for c in mains if c.id in backed),
        specific_evidence=len(specific_evidence(comps)),
        sourced_evidence=sum(1 for q in evidence_quality(comps).values() if q == "sourced"),
        counterarguments=len(views),
        counterarguments_answered=sum(1 for view in views if answered(view, rels, comps)),
        causal_depth=causal_depth(rels),
        finding_codes=tuple((code, codes[code]) for code in SEVERITY),
        severities=tuple((s.value, severities[s]) for s in _SEVERITY_ORDER),
    )


def causal_depth(rels: Sequence[Relation]) -> int:
    """Number of `causes` relations on the longest path that follows them.

    >>> from argmap.model import Relation, RelationKind
    >>> r = [Relation(a, b, RelationKind.CAUSES, "->", 1) for a, b in ("ab", "bc", "xc")]
    >>> causal_depth(r)
    2
    """
    effects: dict[str, list[str]] = {}
    for r in rels:
        if r.kind is RelationKind.CAUSES:
            effects.setdefault(r.source, []).append(r.target)
    depth: dict[str, int] = {}  # longest path starting at a node, once known
    for root in sorted(effects):
        if root in depth:
            continue
        # Iterative depth-first search; an edge back to a node still on the stack closes a
        # cycle and is not followed.
        on_stack = {root}
        stack: list[tuple[str, int]] = [(root, 0)]
        while stack:
            node, k = stack[-1]
            nexts = effects.get(node, [])
            if k < len(nexts):
                stack[-1] = (node, k + 1)
                nxt = nexts[k]
                if nxt not in depth and nxt not in on_stack:
                    on_stack.add(nxt)
                    stack.append((nxt, 0))
                continue
            stack.pop()
            on_stack.discard(node)
            depth[node] = max(
                (1 + depth[n] for n in nexts if n in depth),
                default=0,
            )
    return max(depth.values(), default=0)


#: The column names of `Scorecard.row()`, in order (the same for every map).
COLUMNS: tuple[str, ...] = (
    "title",
    "words",
    "thesis",
    "claims",
    "evidence",
    "counterclaims",
    "rebuttals",
    "context",
    "main_claims",
    "claims_with_evidence",
    "claim_evidence_share",
    "specific_evidence",
    "evidence_specificity",
    "sourced_evidence",
    "evidence_sourcing",
    "counterarguments",
    "counterarguments_answered",
    "counterargument_handling",
    "considers_other_view",
    "causal_depth",
    "findings",
    "findings_error",
    "findings_warning",
    "findings_info",
    *(code.replace("-", "_") for code in SEVERITY),
)

_SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 2) if whole else None


def _cell(value: float | None) -> float | str:
    return "" if value is None else value
