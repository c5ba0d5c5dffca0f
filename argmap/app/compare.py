"""Two drafts of an essay compared (`argmap compare OLD NEW`): what changed in the argument.

The components of the two maps are aligned by their text: the same words (spacing aside) are
the same passage; otherwise the pairs that share the most content words (at least half of the
shorter one's), best first, each passage used once, are one passage revised. What is left
was added (in the new draft) or removed (from the old one). From the alignment follow the
evidence each claim gained or lost, the findings fixed, kept and new, and the scorecard before
and after. The result is a page (`compare_html`) or JSON (`Comparison.to_dict`).

>>> from argmap.model import Component, Kind, Source
>>> def m(*texts):
...     cs, at = [], 0
...     for i, (k, t) in enumerate(texts):
...         cs.append(Component(f"c{i + 1}", k, t, at, at + len(t), 0, 1.0))
...         at += len(t) + 1
...     text = " ".join(t for _, t in texts)
...     return ArgumentMap("t", text, tuple(cs), (), (), Source("-", "0" * 64, "txt"))
>>> old = m((Kind.THESIS, "Cars should drive themselves."), (Kind.CLAIM, "They are safer."))
>>> new = m((Kind.THESIS, "Cars should drive themselves."), (Kind.CLAIM, "They are much safer."),
...         (Kind.EVIDENCE, "Crashes fell by 40%."))
>>> [(p.change, p.old, p.new) for p in compare(old, new).passages]
[('same', 'c1', 'c1'), ('revised', 'c2', 'c2'), ('added', None, 'c3')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argmap.findings.measures import evidence_behind
from argmap.findings.scorecard import Scorecard, scorecard
from argmap.model import ArgumentMap, Component, Kind
from argmap.text.words import content_words

__all__ = ["Comparison", "Passage", "compare", "compare_html", "pair_drafts"]


# A revised passage shares at least this share of the shorter one's content words.
_REVISED = 0.5
# Scorecard columns shown before and after.
_MEASURES = (
    ("claims", "claims"),
    ("evidence", "pieces of evidence"),
    ("main_claims", "main claims"),
    ("claim_evidence_share", "main claims with evidence"),
    ("evidence_specificity", "evidence that is specific"),
    ("evidence_sourcing", "evidence that names its source"),
    ("counterarguments", "opposing views"),
    ("counterargument_handling", "opposing views answered"),
    ("findings", "findings"),
)


@dataclass(frozen=True)
class Passage:
    """One aligned passage: `change` is "same", "revised", "added" or "removed"; `old`/`new`
    are the component ids in each draft (None where it is absent)."""

    change: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class Comparison:
    """Two drafts' maps, their scorecards, and what changed between them."""

    old: ArgumentMap
    new: ArgumentMap
    old_card: Scorecard
    new_card: Scorecard
    passages: tuple[Passage, ...]

    def _comp(self, draft: str, cid: str | None) -> Component | None:
        m = self.old if draft == "old" else self.new
        return next((c for c in m.components if c.id == cid), None)

    def evidence_changes(self) -> list[dict[str, Any]]:
        """Each claim present in both drafts whose evidence changed: its text, and the evidence
        it gained and lost (texts)."""
        old_backing, new_backing = _backing(self.old), _backing(self.new)
        to_new = {p.old: p.new for p in self.passages if p.old and p.new}
        out = []
        for p in self.passages:
            c = self._comp("new", p.new)
            if c is None or p.old is None or c.kind is not Kind.CLAIM:
                continue
            before = {to_new.get(e) or f"old:{e}" for e in old_backing.get(p.old, set())}
            after = new_backing.get(c.id, set())
            gained = sorted(after - before, key=_order(self.new))
            lost = [
                e
                for e in sorted(old_backing.get(p.old, set()), key=_order(self.old))
                if (to_new.get(e) or f"old:{e}") not in after
            ]
            if gained or lost:
                out.append(
                    {
                        "claim": c.text,
                        "gained": [_text(self.new, e) for e in gained],
                        "lost": [_text(self.old, e) for e in lost],
                    }
                )
        return out

    def finding_changes(self) -> dict[str, list[dict[str, str]]]:
        """The findings fixed (in the old draft only), kept (in both) and new (in the new one),
        a finding in both when it has the same code and is about the same passage."""
        to_new = {p.old: p.new for p in self.passages if p.old and p.new}
        new_keys = [(f.code, f.component) for f in self.new.findings]
        kept_keys = set()
        fixed, kept = [], []
        for f in self.old.findings:
            key = (f.code, to_new.get(f.component) if f.component else None)
            row = {
                "code": f.code,
                "severity": f.severity.value,
                "message": f.message,
                "passage": _text(self.old, f.component),
            }
            if key in new_keys:
                kept.append(row)
                kept_keys.add(key)
            else:
                fixed.append(row)
        new = [
            {
                "code": f.code,
                "severity": f.severity.value,
                "message": f.message,
                "passage": _text(self.new, f.component),
            }
            for f in self.new.findings
            if (f.code, f.component) not in kept_keys
        ]
        return {"fixed": fixed, "kept": kept, "new": new}

    def measures(self) -> list[dict[str, Any]]:
        """The scorecard before and after: name, old value, new value."""
        a, b = self.old_card.row(), self.new_card.row()
        return [{"measure": words, "old": a[key], "new": b[key]} for key, words in _MEASURES]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""

        def side(draft: str, cid: str | None) -> dict[str, str] | None:
            c = self._comp(draft, cid)
            return None if c is None else {"id": c.id, "kind": c.kind.value, "text": c.text}

        return {
            "generator": "written by argmap",  # argmap's mark (argmap.writers.files)
            "old": {"title": self.old.title, "source": self.old.source.path},
            "new": {"title": self.new.title, "source": self.new.source.path},
            "passages": [
                {"change": p.change, "old": side("old", p.old), "new": side("new", p.new)}
                for p in self.passages
            ],
            "evidence": self.evidence_changes(),
            "findings": self.finding_changes(),
            "scorecard": self.measures(),
        }


def compare(old: ArgumentMap, new: ArgumentMap) -> Comparison:
    """Align the components of two drafts' maps and say what changed (see the module doc)."""
    rank_old, rank_new = _ranks(old), _ranks(new)
    norm_old = {c.id: _norm(c.text) for c in old.components}
    norm_new = {c.id: _norm(c.text) for c in new.components}
    pairs: dict[str, tuple[str, str]] = {}  # new id -> (change, old id)
    used: set[str] = set()
    by_text: dict[str, list[str]] = {}
    for c in old.components:
        by_text.setdefault(norm_old[c.id], []).append(c.id)
    for c in new.components:
        same = [o for o in by_text.get(norm_new[c.id], []) if o not in used]
        if same:
            pairs[c.id] = ("same", same[0])
            used.add(same[0])
    words_old = {c.id: content_words(c.text) for c in old.components if c.id not in used}
    words_new = {c.id: content_words(c.text) for c in new.components if c.id not in pairs}
    scored = []
    for n, wn in words_new.items():
        for o, wo in words_old.items():
            shorter = min(len(wn), len(wo))
            if shorter:
                share = len(wn & wo) / shorter
                if share >= _REVISED:
                    scored.append((-share, rank_new[n], rank_old[o], n, o))
    for _, _, _, n, o in sorted(scored):
        if n not in pairs and o not in used:
            pairs[n] = ("revised", o)
            used.add(o)
    passages: list[tuple[float, Passage]] = []
    for c in new.components:
        change, was = pairs[c.id] if c.id in pairs else ("added", None)
        passages.append((rank_new[c.id], Passage(change, was, c.id)))
    # A removed passage stands after the new passage aligned with the old one before it.
    where = {o: rank_new[n] for n, (_, o) in pairs.items()}
    last = -1.0
    for c in old.components:
        if c.id in used:
            last = where[c.id]
            continue
        last += 0.001
        passages.append((last, Passage("removed", c.id, None)))
    passages.sort(key=lambda ip: ip[0])
    return Comparison(old, new, scorecard(old), scorecard(new), tuple(p for _, p in passages))


def compare_html(c: Comparison) -> str:
    """The comparison as one offline page (essay text escaped; same drafts, same bytes)."""
    from argmap.writers.html.templating import template

    rows = []
    for p in c.passages:
        o, n = c._comp("old", p.old), c._comp("new", p.new)
        role = n.kind.value if n is not None else o.kind.value if o is not None else ""
        was = o.kind.value if o is not None and n is not None and o.kind is not n.kind else ""
        rows.append(
            {
                "change": p.change,
                "role": role,
                "was": was,
                "old": o.text if o is not None else "",
                "new": n.text if n is not None else "",
            }
        )
    counts = {
        k: sum(1 for p in c.passages if p.change == k)
        for k in ("same", "revised", "added", "removed")
    }
    return template("compare.html.j2").render(
        old=c.old.title or Path(c.old.source.path).name,
        new=c.new.title or Path(c.new.source.path).name,
        old_source=Path(c.old.source.path).name,
        new_source=Path(c.new.source.path).name,
        counts=counts,
        rows=rows,
        evidence=c.evidence_changes(),
        findings=c.finding_changes(),
        measures=[{**m, "old": _cell(m["old"]), "new": _cell(m["new"])} for m in c.measures()],
    )


def pair_drafts(old: Sequence[str], new: Sequence[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """Pair the files of two drafts by name, a leading "draftN_" (or "draftN-") aside, as in
    Draft1/draft1_x.txt with Draft2/draft2_x.txt; the files left without a partner.

    >>> pair_drafts(["d1/draft1_a.txt", "d1/b.txt"], ["d2/draft2_a.txt", "d2/c.txt"])
    ([('d1/draft1_a.txt', 'd2/draft2_a.txt')], ['d1/b.txt', 'd2/c.txt'])
    """

    def key(path: str) -> str:
        return _DRAFT.sub("", Path(path).stem).casefold()

    later = {key(p): p for p in new}
    pairs, alone = [], []
    for p in old:
        if key(p) in later:
            pairs.append((p, later.pop(key(p))))
        else:
            alone.append(p)
    return pairs, alone + sorted(later.values())


_DRAFT = re.compile(r"^draft\s*\d+[_\- ]*", re.IGNORECASE)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _ranks(m: ArgumentMap) -> dict[str, int]:
    """Each component's place in the map."""
    return {c.id: i for i, c in enumerate(m.components)}


def _order(m: ArgumentMap) -> Any:
    rank = _ranks(m)
    return lambda cid: rank.get(cid, len(rank))


def _text(m: ArgumentMap, cid: str | None) -> str:
    return next((" ".join(c.text.split()) for c in m.components if c.id == cid), "")


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{round(value * 100)}%"
    return str(value) if value != "" else "-"


def _backing(m: ArgumentMap) -> dict[str, set[str]]:
    """For each claim, the evidence that backs it (`measures.evidence_behind`)."""
    return {
        c.id: evidence_behind(m.components, m.relations, c.id)
        for c in m.components
        if c.kind is Kind.CLAIM
    }
