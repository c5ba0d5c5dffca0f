"""The `analyse` stage: findings a teacher would write in the margin.

One function per finding code, each `(components, relations) -> findings`, collected in `CHECKS`.

>>> from argmap.model import Component, Kind
>>> claim = Component("c1", Kind.CLAIM, "Phones distract pupils.", 0, 23, 0, 0.9)
>>> [f.code for f in analyse((claim,), ())]
['missing-thesis', 'unsupported-claim']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from argmap import cues
from argmap.model import Component, Finding, Kind, Relation, RelationKind, Severity
from argmap.words import WORD_RE, content_words, overlap

__all__ = ["analyse", "CHECKS"]

Check = Callable[[Sequence[Component], Sequence[Relation]], Iterator[Finding]]


def analyse(components: Sequence[Component], relations: Sequence[Relation]) -> tuple[Finding, ...]:
    """Run every check in `CHECKS`; findings come out in check order, then text order."""
    return tuple(f for check in CHECKS for f in check(components, relations))


def missing_thesis(comps: Sequence[Component], rels: Sequence[Relation]) -> Iterator[Finding]:
    """Margin note "What is your main argument?" when no thesis is stated."""
    if comps and not any(c.kind is Kind.THESIS for c in comps):
        yield Finding(
            "missing-thesis",
            Severity.ERROR,
            "No thesis found: state your main argument in one clear sentence, "
            "usually at the end of the introduction.",
        )


def unsupported_claim(comps: Sequence[Component], rels: Sequence[Relation]) -> Iterator[Finding]:
    """Margin note "Evidence?" beside a main claim with no evidence anywhere beneath it.

    Only a paragraph's main claims are flagged (those that back the thesis directly or stand
    alone); the sentences that explain a claim are covered by its finding.
    """
    kinds = {c.id: c.kind for c in comps}
    feeders: dict[str, list[str]] = {}
    for r in rels:
        if r.kind in (RelationKind.SUPPORTS, RelationKind.CAUSES):
            feeders.setdefault(r.target, []).append(r.source)
    sub_claims = {
        r.source
        for r in rels
        if r.kind is RelationKind.SUPPORTS and kinds.get(r.target) is Kind.CLAIM
    }
    for c in comps:
        if c.kind is not Kind.CLAIM or c.id in sub_claims:
            continue
        if not _fed_by_evidence(c.id, feeders, kinds):
            yield Finding(
                "unsupported-claim",
                Severity.WARNING,
                "This claim has no evidence: add a fact, figure, example or quotation that "
                "backs it up.",
                c.id,
            )


def evidence_without_claim(
    comps: Sequence[Component], rels: Sequence[Relation]
) -> Iterator[Finding]:
    """Margin note "What does this prove?" beside evidence that is not tied to any point."""
    used = {r.source for r in rels if r.kind is RelationKind.SUPPORTS}
    for c in comps:
        if c.kind is Kind.EVIDENCE and c.id not in used:
            yield Finding(
                "evidence-without-claim",
                Severity.WARNING,
                "This evidence is not tied to a point: say which claim it supports.",
                c.id,
            )


def vague_evidence(comps: Sequence[Component], rels: Sequence[Relation]) -> Iterator[Finding]:
    """Margin note "Which study? Who says so?" beside evidence with no specifics or source."""
    for c in comps:
        if c.kind is Kind.EVIDENCE and c.evidence_type is None:
            yield Finding(
                "vague-evidence",
                Severity.WARNING,
                "This evidence is vague: give a number, a date, a name, a quotation or the "
                "source it comes from.",
                c.id,
            )


def unanswered_counterclaim(
    comps: Sequence[Component], rels: Sequence[Relation]
) -> Iterator[Finding]:
    """Margin note "So what do you say to this?" beside an opposing view left standing."""
    answered = {r.target for r in rels if r.kind is RelationKind.ATTACKS}
    kinds = {c.id: c.kind for c in comps}
    reasons = {  # "because ..." clauses that back another counterclaim share its finding
        r.source
        for r in rels
        if r.kind is not RelationKind.ATTACKS and kinds.get(r.target) is Kind.COUNTERCLAIM
    }
    for c in comps:
        if c.kind is Kind.COUNTERCLAIM and c.id not in answered and c.id not in reasons:
            yield Finding(
                "unanswered-counterclaim",
                Severity.WARNING,
                "This opposing view is never answered: add a rebuttal that explains why it is "
                "wrong or less important.",
                c.id,
            )


def paragraph_without_claim(
    comps: Sequence[Component], rels: Sequence[Relation]
) -> Iterator[Finding]:
    """Margin note "What is the point of this paragraph?" beside a body paragraph with no claim."""
    paragraphs = sorted({c.paragraph for c in comps})
    body = paragraphs[1:-1] if len(paragraphs) >= 3 else []
    argued = (Kind.THESIS, Kind.CLAIM, Kind.COUNTERCLAIM, Kind.REBUTTAL)
    for p in body:
        members = [c for c in comps if c.paragraph == p]
        if len(members) >= 2 and not any(c.kind in argued for c in members):
            yield Finding(
                "paragraph-without-claim",
                Severity.WARNING,
                "This paragraph makes no clear point: open it with a topic sentence that "
                "states its claim.",
                members[0].id,
            )


def repeated_claim(comps: Sequence[Component], rels: Sequence[Relation]) -> Iterator[Finding]:
    """Margin note "You said this already" beside a claim that repeats an earlier one.

    Words shared by many claims (the essay's topic, "social media") do not count as repetition.
    """
    claims = [c for c in comps if c.kind in (Kind.CLAIM, Kind.THESIS)]
    bags = [content_words(c.text) for c in claims]
    counts = Counter(w for bag in bags for w in bag)
    topic = {w for w, n in counts.items() if n >= max(3, len(claims) // 4)}
    seen: list[tuple[Component, frozenset[str]]] = []
    for c, bag in zip(claims, bags, strict=True):
        words = bag - topic
        for earlier, other in seen:
            if len(words) >= 2 and overlap(words, other) >= 0.6:
                yield Finding(
                    "repeated-claim",
                    Severity.INFO,
                    f"This repeats the point made in {earlier.id}: develop it with something "
                    "new or cut it.",
                    c.id,
                )
                break
        seen.append((c, words))


def broken_causal_chain(comps: Sequence[Component], rels: Sequence[Relation]) -> Iterator[Finding]:
    """Margin note "As a result of what?" beside a consequence whose cause is not stated."""
    caused = {r.target for r in rels if r.kind is RelationKind.CAUSES}
    for c in comps:
        hit = cues.match(WORD_RE.findall(c.text.lower())[:5], cues.LEAD)
        if hit and hit[1] == "causal_forward" and c.id not in caused:
            yield Finding(
                "broken-causal-chain",
                Severity.INFO,
                f'"{hit[0].capitalize()}" announces a consequence, but the cause before it is '
                "not clear: say what led to this.",
                c.id,
            )


CHECKS: tuple[Check, ...] = (
    missing_thesis,
    unsupported_claim,
    evidence_without_claim,
    vague_evidence,
    unanswered_counterclaim,
    paragraph_without_claim,
    repeated_claim,
    broken_causal_chain,
)


def _fed_by_evidence(start: str, feeders: dict[str, list[str]], kinds: dict[str, Kind]) -> bool:
    """Whether evidence reaches `start` through supports or causes relations."""
    todo, seen = [start], {start}
    while todo:
        for src in feeders.get(todo.pop(), []):
            if kinds.get(src) is Kind.EVIDENCE:
                return True
            if src not in seen:
                seen.add(src)
                todo.append(src)
    return False
