"""A feedback sheet per student: one printable A4 page per essay with the argument at a glance,
what works, three things to work on (each with the passage quoted and a concrete suggestion)
and the rubric in words. `argmap report ESSAY... -f html` writes one document with a page per
essay; the export format `feedback` (`argmap map DIR -f html,feedback`) one file per essay.

The sheet says what argmap read in the essay; where argmap's roles are wrong, so is the sheet,
and it says so at the top.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argmap.findings.checks import SEVERITY
from argmap.findings.measures import (
    answered,
    counterarguments,
    evidence_behind,
    evidence_quality,
    main_claims,
)
from argmap.findings.rubric import rubric
from argmap.model import ArgumentMap, Component, Finding, Kind, Severity

__all__ = ["feedback_html", "Sheet", "sheet", "to_feedback"]

#: A heading for each kind of finding, as a thing to do; in the order the sheet prefers them
#: when it has to choose (what changes the argument most first).
FIX_TITLES: dict[str, str] = {
    "missing-thesis": "State your position",
    "unsupported-claim": "Back this point with evidence",
    "vague-evidence": "Name your source",
    "unsourced-quotation": "Say who said it",
    "unanswered-counterclaim": "Answer the opposing view",
    "no-counterargument": "Consider another view",
    "sweeping-generalisation": "Qualify a sweeping statement",
    "general-reasoning": "Add a specific example, figure or source",
    "paragraph-without-claim": "Give this paragraph a point",
    "evidence-without-claim": "Tie this evidence to a point",
    "repeated-claim": "Make a new point instead of repeating one",
    "broken-causal-chain": "Show what caused what",
}
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
# Characters of a quoted passage, and of a passage in the outline; at most this many points
# and opposing views in the outline: so that a sheet fits one A4 page.
_QUOTE = 140
_LINE = 100
_POINTS = 5
_VIEWS = 2


@dataclass(frozen=True)
class Sheet:
    """What one essay's sheet shows (see `sheet`)."""

    title: str
    source: str
    words: int
    outline: list[dict[str, Any]]
    strengths: list[dict[str, Any]]
    fixes: list[dict[str, str]]
    rubric: list[dict[str, Any]]


def sheet(m: ArgumentMap, path: str) -> Sheet:
    """The sheet of map `m` (whose essay came from `path`)."""
    rows = rubric(m)
    strengths = sorted((r for r in rows if r.level >= 3), key=lambda r: -r.level)[:3]
    if not strengths:
        strengths = [max(rows, key=lambda r: r.level)]
    return Sheet(
        title=m.title or Path(path).name,
        source=Path(path).name if path not in ("", "-") else "",
        words=len(m.text.split()),
        outline=_outline(m),
        strengths=[r.to_dict() for r in strengths],
        fixes=_fixes(m, rows),
        rubric=[r.to_dict() for r in rows],
    )


def to_feedback(m: ArgumentMap) -> str:
    """The feedback sheet of one map, as a page of its own."""
    return feedback_html([sheet(m, m.source.path)])


def feedback_html(sheets: Sequence[Sheet]) -> str:
    """The sheets as one HTML document, one printed A4 page each (same sheets, same bytes)."""
    from argmap.writers.html.templating import template

    return template("feedback.html.j2").render(sheets=sheets)


def _quote(text: str, limit: int = _QUOTE) -> str:
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def _outline(m: ArgumentMap) -> list[dict[str, Any]]:
    """The thesis, each main point with what backs it, and each opposing view, answered or not."""
    comps, rels = m.components, m.relations
    quality = evidence_quality(comps)
    out: list[dict[str, Any]] = [
        {"role": "Position", "text": _quote(c.text, _LINE), "note": ""}
        for c in comps
        if c.kind is Kind.THESIS
    ][:2]
    claims = main_claims(comps, rels)
    for claim in claims[:_POINTS]:
        evidence = evidence_behind(comps, rels, claim.id)
        steps = [quality.get(x, "general") for x in evidence]
        note = (
            "no evidence"
            if not evidence
            else f"{len(evidence)} piece{'s' * (len(evidence) != 1)} of evidence: "
            + ", ".join(
                f"{steps.count(s)} {s}" for s in ("sourced", "specific", "general") if s in steps
            )
        )
        out.append({"role": "Point", "text": _quote(claim.text, _LINE), "note": note})
    if len(claims) > _POINTS:
        more = len(claims) - _POINTS
        out.append(
            {"role": "", "text": f"\u2026 and {more} more point{'s' * (more != 1)}", "note": ""}
        )
    views = counterarguments(comps, rels)
    for view in views[:_VIEWS]:
        note = "answered" if answered(view, rels, comps) else "not answered"
        out.append({"role": "Other view", "text": _quote(view[0].text, _LINE), "note": note})
    if len(views) > _VIEWS:
        more = len(views) - _VIEWS
        out.append(
            {
                "role": "",
                "text": f"\u2026 and {more} more opposing view{'s' * (more != 1)}",
                "note": "",
            }
        )
    return out


def _fixes(m: ArgumentMap, rows: Sequence[Any]) -> list[dict[str, str]]:
    """Three things to work on: the most serious findings, one of each kind, each with its
    passage and advice; then the weakest rubric rows, if there are fewer than three."""
    by_id: dict[str, Component] = {c.id: c for c in m.components}
    order = list(FIX_TITLES)

    def rank(f: Finding) -> tuple[int, int]:
        return _RANK[f.severity], order.index(f.code) if f.code in order else len(order)

    fixes: list[dict[str, str]] = []
    done: set[str] = set()
    for f in sorted(m.findings, key=rank):
        if f.code in done or f.code not in SEVERITY:
            continue
        done.add(f.code)
        c = by_id.get(f.component or "")
        quote = _quote(c.text) if c is not None and f.code != "no-counterargument" else ""
        fixes.append({"title": FIX_TITLES.get(f.code, f.code), "quote": quote, "advice": f.message})
        if len(fixes) == 3:
            return fixes
    for r in sorted(rows, key=lambda r: r.level):
        if len(fixes) == 3 or r.level >= 3:
            break
        fixes.append({"title": r.row, "quote": "", "advice": r.reason})
    return fixes
