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
    """Margin note "As a result of what?" or "How does this lead to that?" in a causal chain.

    Two cases, both kept narrow because a false alarm teaches the wrong lesson:

    1. A consequence with no stated cause: a component other than context whose text opens
       with a result cue ("As a result", "Consequently", "This led to", "In turn",
       any `causal_forward` lead cue in `argmap/data/cues.json`) and that is the target of no
       `causes` relation. "Therefore", "thus", "hence" and "so" are left out: in essays they
       usually draw a conclusion rather than state an effect.
    2. A chain whose middle link is missing: one chain ends in B (B is caused by something and
       causes nothing) and the very next component C, in the same paragraph, starts another
       chain (C causes something and is caused by nothing); no relation of any kind joins B
       and C, and no component of C's chain (C and everything it leads to) supports or attacks
       anything. A chain tied to no point, right after another chain, can only be read as
       carrying that chain on, so the step from B to C is missing. Chains for separate factors
       each back a point and are not flagged.

    >>> from argmap.model import Component, Kind
    >>> c = Component("c1", Kind.CLAIM, "As a result, pupils sleep less.", 0, 31, 1, 0.9)
    >>> [f.component for f in broken_causal_chain((c,), ())]
    ['c1']
    """
    causes = [r for r in rels if r.kind is RelationKind.CAUSES]
    caused = {r.target for r in causes}
    effects: dict[str, list[str]] = {}
    for r in causes:
        effects.setdefault(r.source, []).append(r.target)
    for c in comps:
        hit = cues.match(WORD_RE.findall(c.text.lower())[:5], cues.LEAD)
        if (
            hit
            and hit[1] == "causal_forward"
            and hit[0] not in _INFERENCE_CUES
            and c.kind is not Kind.CONTEXT
            and c.id not in caused
        ):
            yield Finding(
                "broken-causal-chain",
                Severity.INFO,
                f'"{hit[0].capitalize()}" announces a consequence, but its cause is not '
                "stated: say what led to this.",
                c.id,
            )
    joined = {frozenset((r.source, r.target)) for r in rels}
    arguing = {r.source for r in rels if r.kind is not RelationKind.CAUSES}
    for b, c in zip(comps, comps[1:], strict=False):
        if (
            b.paragraph == c.paragraph
            and b.id in caused
            and b.id not in effects
            and c.id in effects
            and c.id not in caused
            and frozenset((b.id, c.id)) not in joined
            and not _reach(c.id, effects) & arguing
        ):
            yield Finding(
                "broken-causal-chain",
                Severity.INFO,
                f'This chain starts right after the one ending in "{_short(b.text)}" but nothing '
                "links the two: explain how that leads to this, or say which point this chain "
                "supports.",
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


#: Forward cues that in essays usually mark an inference, not an effect ("Therefore, ...").
_INFERENCE_CUES = frozenset({"therefore", "thus", "hence", "so"})


def _reach(start: str, effects: dict[str, list[str]]) -> set[str]:
    """`start` and every component its `causes` relations lead to, directly or not."""
    todo, seen = [start], {start}
    while todo:
        for nxt in effects.get(todo.pop(), []):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _short(text: str, words: int = 6) -> str:
    """The first few words of `text`, for quoting in a message."""
    head = text.split()
    return " ".join(head[:words]).rstrip(".,;:") + (" ..." if len(head) > words else "")


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
