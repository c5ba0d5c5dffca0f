"""The `analyse` stage: findings a teacher would write in the margin.

One function per finding code, each `(components, relations) -> findings`, named after its code
and collected in `CHECKS`; `SEVERITY` gives every code its severity. Each finding points at the
component it is about; `no-counterargument` (about the whole essay) points at the thesis, and
`missing-thesis` points at nothing, since what it is about is absent.

The measures the checks share with the scorecard (`main_claims`, `evidence_reaches`,
`specific_evidence`, `counterarguments`, ...) live in `argmap.findings.measures`, so the
scorecard counts exactly what the findings flag.

>>> from argmap.model import Component, Kind
>>> claim = Component("c1", Kind.CLAIM, "Phones distract pupils.", 0, 23, 0, 0.9)
>>> [f.code for f in analyse((claim,), ())]
['missing-thesis', 'unsupported-claim']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from argmap.findings.measures import (
    answered,
    backed,
    component_at,
    counterarguments,
    evidence_reaches,
    main_claims,
    names_a_source,
    quotations,
    sentence_text,
    sentences,
    specific_evidence,
    sweeping_words,
    vague_attribution,
)
from argmap.model import (
    ArgumentMap,
    Component,
    CueType,
    Finding,
    Kind,
    Relation,
    RelationKind,
    Severity,
)
from argmap.text import cues
from argmap.text.words import WORD_RE, content_words, overlap

__all__ = ["analyse", "refreshed", "CHECKS", "SEVERITY", "FLAGGED_WHEN", "Check"]

Check = Callable[[Sequence[Component], Sequence[Relation]], Iterator[Finding]]

#: Every finding code with its severity, in the order the checks run. Codes are stable: reports,
#: class summaries and maps corrected by hand name them. A warning must be right: on the
#: corpus's train split, at least 3 in 4 of argmap's warnings of a code are also findings of the
#: gold map (`argmap eval corpus/gold/train --format argmap`, the findings table). The codes
#: that follow from argmap's roles and links fell far short (unsupported-claim 0.15,
#: evidence-without-claim 0.00, unanswered-counterclaim 0.10, paragraph-without-claim 0.00,
#: missing-thesis 0.00), so they are info: a note to check, not a verdict.
SEVERITY: dict[str, Severity] = {
    "missing-thesis": Severity.INFO,
    "unsupported-claim": Severity.INFO,
    "general-reasoning": Severity.INFO,
    "evidence-without-claim": Severity.INFO,
    "vague-evidence": Severity.WARNING,
    "unsourced-quotation": Severity.WARNING,
    "unanswered-counterclaim": Severity.INFO,
    "no-counterargument": Severity.INFO,
    "paragraph-without-claim": Severity.INFO,
    "repeated-claim": Severity.INFO,
    "sweeping-generalisation": Severity.WARNING,
    "broken-causal-chain": Severity.INFO,
}


#: What each finding flags, in a line (the class page's column help and headings).
FLAGGED_WHEN: dict[str, str] = {
    "missing-thesis": "no thesis was found",
    "unsupported-claim": "a main point that no evidence backs",
    "general-reasoning": "a main point backed by reasoning only (no figure, example or source)",
    "evidence-without-claim": "evidence tied to no point",
    "vague-evidence": "an appeal to unnamed authority ('studies show', 'experts say')",
    "unsourced-quotation": "a quotation whose speaker or source is not named",
    "unanswered-counterclaim": "an opposing view that no rebuttal answers",
    "no-counterargument": "no opposing view is considered",
    "paragraph-without-claim": "a body paragraph without a point",
    "repeated-claim": "a point that repeats an earlier one",
    "sweeping-generalisation": "an unbacked point that says 'everyone', 'never', 'always'",
    "broken-causal-chain": "a result cue ('as a result') with no stated cause",
}


def analyse(components: Sequence[Component], relations: Sequence[Relation]) -> tuple[Finding, ...]:
    """Run every check in `CHECKS`; findings come out in check order, then text order."""
    return tuple(f for check in CHECKS for f in check(components, relations))


def refreshed(m: ArgumentMap) -> ArgumentMap:
    """`m` with its findings computed again from its components and relations (a map corrected
    by hand, or in the page, carries the findings of the map it was made from)."""
    return replace(m, findings=analyse(m.components, m.relations))


def _finding(code: str, message: str, component: str | None) -> Finding:
    return Finding(code, SEVERITY[code], message, component)


def missing_thesis(comps: Sequence[Component], rels: Sequence[Relation]) -> Iterator[Finding]:
    """Margin note "What is your main argument?" when no thesis is stated."""
    if comps and not any(c.kind is Kind.THESIS for c in comps):
        yield _finding(
            "missing-thesis",
            "No thesis found: state your main argument in one clear sentence, "
            "usually at the end of the introduction.",
            None,
        )


def unsupported_claim(comps: Sequence[Component], rels: Sequence[Relation]) -> Iterator[Finding]:
    """Margin note "Why?" beside a main claim that nothing backs: nothing supports it (no
    evidence, a reason, an example, a fact, a quotation; nor another point explaining it) and
    nothing is said to cause it. A claim backed by reasoning alone gets `general_reasoning`.

    Only the claims `main_claims` returns are judged: a paragraph's point, not the sentences
    explaining it (covered by its finding), not the introduction's preview or the conclusion's
    summing-up, not a concession made on the way to a rebuttal.
    """
    behind = backed(rels)
    for c in main_claims(comps, rels):
        if c.id not in behind:
            yield _finding(
                "unsupported-claim",
                "Nothing backs this claim: give a reason, an example, a fact or a quotation "
                "that supports it.",
                c.id,
            )


def general_reasoning(comps: Sequence[Component], rels: Sequence[Relation]) -> Iterator[Finding]:
    """Margin note "Can you show it?" beside a main claim backed by reasoning alone: something
    backs it (evidence, or another point explaining it), but no specific evidence
    (`specific_evidence`) reaches it. Milder than a claim nothing backs: reasons are evidence,
    they just prove less than a fact or an example."""
    behind = backed(rels)
    shown = evidence_reaches(comps, rels, specific_evidence(comps))
    for c in main_claims(comps, rels):
        if c.id in behind and c.id not in shown:
            yield _finding(
                "general-reasoning",
                "This claim is backed by general reasoning only: add a fact, a figure, an "
                "example or a source that shows it.",
                c.id,
            )


def evidence_without_claim(
    comps: Sequence[Component], rels: Sequence[Relation]
) -> Iterator[Finding]:
    """Margin note "What does this prove?" beside evidence that is not tied to any point.

    Evidence is tied when it supports, attacks or causes something, or is the stated effect of
    a cause.
    """
    used = {r.source for r in rels} | {r.target for r in rels if r.kind is RelationKind.CAUSES}
    for c in comps:
        if c.kind is Kind.EVIDENCE and c.id not in used:
            yield _finding(
                "evidence-without-claim",
                "This evidence is not tied to a point: say which claim it supports.",
                c.id,
            )


_APPEALING = (Kind.EVIDENCE, Kind.CLAIM, Kind.REBUTTAL)  # roles backed by what they appeal to


def vague_evidence(comps: Sequence[Component], rels: Sequence[Relation]) -> Iterator[Finding]:
    """Margin note "Which study? Who says so?" beside evidence that appeals to an unnamed
    authority ("studies show", "experts say", "it is a known fact": `vague_attribution`) and
    gives nothing specific; or beside a claim or rebuttal that does ("Studies show that social
    media is bad for your mental health." opening a paragraph: the appeal is its backing),
    outside the conclusion (where "the evidence shows" sums up the essay's own).

    What counts as specific is `specific_evidence`: judged per sentence, so the second clause
    of a sentence whose first clause gives the figure is not vague. Evidence that reasons
    without specifics is not vague: the claim it backs gets `general-reasoning` instead.
    """
    specific = specific_evidence(comps)
    paragraphs = sorted({c.paragraph for c in comps})
    conclusion = paragraphs[-1] if len(paragraphs) >= 3 else None
    for sentence in sentences(comps):
        appeal = vague_attribution(sentence_text(sentence))
        if appeal is None:
            continue
        for c in sentence:
            argued = c.kind is not Kind.EVIDENCE and c.paragraph == conclusion
            if c.kind in _APPEALING and c.id not in specific and not argued:
                yield _finding(
                    "vague-evidence",
                    f'"{appeal}" does not say who: name the study, the expert or the source, '
                    "with a figure or a date if you have one.",
                    c.id,
                )


def unsourced_quotation(comps: Sequence[Component], rels: Sequence[Relation]) -> Iterator[Finding]:
    """Margin note "Who said this?" beside a quotation whose sentence names no speaker or source.

    A quotation is a passage of four or more words in quotation marks (shorter ones are scare
    quotes or titles: "bread riots"). Its speaker or source is named when the sentence, outside
    the quotation, has a name in it: a capitalised word that does not open the sentence ("said
    Dr Carter", "the Pew Research Center found"), or one that does and is followed by another
    name, a possessive or a reporting verb ("Stalin wrote", "Margaret Mead said"). When the
    speaker is "he", "she" or "they", the sentence before it in the paragraph may name them.
    Sayings, proverbs, mottos and slogans belong to no one, words the writer puts in their
    own or the reader's mouth ("I", "we", "you") need no source, and nor does a question in
    quotation marks ("What if it turns against us?"), a voice the writer imagines: none is
    flagged.

    >>> from argmap.model import Component, Kind
    >>> t = 'As one teacher put it, "phones are the enemy of attention."'
    >>> quote = Component("c1", Kind.EVIDENCE, t, 0, len(t), 1, 0.9, "quotation")
    >>> [f.component for f in unsourced_quotation((quote,), ())]
    ['c1']
    """
    previous: tuple[Component, ...] = ()
    for sentence in sentences(comps):
        text = sentence_text(sentence)
        if previous and previous[-1].paragraph != sentence[0].paragraph:
            previous = ()
        quotes = quotations(text)
        cited = [(a, b) for a, b in quotes if not _asks(text[a:b])]
        if cited and not names_a_source(text, quotes, sentence_text(previous) if previous else ""):
            start = cited[0][0]
            yield _finding(
                "unsourced-quotation",
                "This quotation does not say who said or wrote it: name the speaker or the "
                "source it comes from.",
                component_at(sentence, start).id,
            )
        previous = sentence


def unanswered_counterclaim(
    comps: Sequence[Component], rels: Sequence[Relation]
) -> Iterator[Finding]:
    """Margin note "So what do you say to this?" beside an opposing view left standing.

    One opposing view may take several counterclaims (a statement, its reasons, an elaboration;
    see `counterarguments`): answering any of them answers the view (a rebuttal, or the
    writer's own point going on the sentence of a concession; see `answered`), and an
    unanswered view is flagged once, at its first counterclaim.
    """
    for view in counterarguments(comps, rels):
        if not answered(view, rels, comps):
            yield _finding(
                "unanswered-counterclaim",
                "This opposing view is never answered: add a rebuttal that explains why it is "
                "wrong or less important.",
                view[0].id,
            )


def no_counterargument(comps: Sequence[Component], rels: Sequence[Relation]) -> Iterator[Finding]:
    """Margin note "What would someone who disagrees say?" on an essay that argues one side only.

    Flagged when the essay has a thesis and at least two claims but no counterclaim and no
    rebuttal; the finding points at the thesis.

    >>> from argmap.model import Component, Kind
    >>> parts = [(Kind.THESIS, "Phones should go."), (Kind.CLAIM, "They distract."),
    ...          (Kind.CLAIM, "They enable bullying.")]
    >>> comps = [Component(f"c{i}", k, t, 0, len(t), 1, 1) for i, (k, t) in enumerate(parts, 1)]
    >>> [f.component for f in no_counterargument(comps, ())]
    ['c1']
    """
    if any(c.kind in (Kind.COUNTERCLAIM, Kind.REBUTTAL) for c in comps):
        return
    thesis = next((c for c in comps if c.kind is Kind.THESIS), None)
    if thesis is not None and sum(1 for c in comps if c.kind is Kind.CLAIM) >= 2:
        yield _finding(
            "no-counterargument",
            "Your essay never considers another view: state the strongest objection to your "
            "thesis and explain why it does not change your conclusion.",
            thesis.id,
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
            yield _finding(
                "paragraph-without-claim",
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
    having: dict[str, list[int]] = {}  # word -> the earlier claims (indexes in `seen`) with it
    for c, bag in zip(claims, bags, strict=True):
        words = bag - topic
        # Only claims sharing a word can overlap: look at those, earliest first (linear in the
        # words shared, not quadratic in the claims of a long document).
        sharing = sorted({i for w in words for i in having.get(w, ())}) if len(words) >= 2 else []
        for i in sharing:
            earlier, other = seen[i]
            if overlap(words, other) >= 0.6:
                yield _finding(
                    "repeated-claim",
                    f'This repeats an earlier point ("{_short(earlier.text, 8)}"): develop it '
                    "with something new or cut it.",
                    c.id,
                )
                break
        for w in words:
            having.setdefault(w, []).append(len(seen))
        seen.append((c, words))


def sweeping_generalisation(
    comps: Sequence[Component], rels: Sequence[Relation]
) -> Iterator[Finding]:
    """Margin note "Everyone? Always?" beside a claim about all people or all times, unbacked.

    A thesis or claim with a universal word (`sweeping_words`: "everyone", "nobody", "always",
    "never", "all historians", "every student") is flagged when no evidence reaches it, nor the
    claim it explains. "Not always", "almost everyone", "every day" are not sweeping.
    """
    backed = evidence_reaches(comps, rels)
    kinds = {c.id: c.kind for c in comps}
    for r in rels:  # a sentence explaining a claim shares that claim's evidence
        if r.kind is RelationKind.SUPPORTS and kinds.get(r.target) is Kind.CLAIM:
            if r.target in backed:
                backed.add(r.source)
    for c in comps:
        if c.kind not in (Kind.THESIS, Kind.CLAIM) or c.id in backed:
            continue
        words = sweeping_words(c.text)
        if words:
            yield _finding(
                "sweeping-generalisation",
                f'"{words[0].capitalize()}" makes this a sweeping generalisation with nothing to '
                'back it: give evidence, or say how far it holds ("many", "often", "most").',
                c.id,
            )


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
        hit = _lead_cue(c)
        if (
            hit
            and hit[1] is CueType.CAUSAL_FORWARD
            and hit[0] not in _INFERENCE_CUES
            and c.kind is not Kind.CONTEXT
            and c.id not in caused
        ):
            yield _finding(
                "broken-causal-chain",
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
            yield _finding(
                "broken-causal-chain",
                f'This chain starts right after the one ending in "{_short(b.text)}" but nothing '
                "links the two: explain how that leads to this, or say which point this chain "
                "supports.",
                c.id,
            )


CHECKS: tuple[Check, ...] = (
    missing_thesis,
    unsupported_claim,
    general_reasoning,
    evidence_without_claim,
    vague_evidence,
    unsourced_quotation,
    unanswered_counterclaim,
    no_counterargument,
    paragraph_without_claim,
    repeated_claim,
    sweeping_generalisation,
    broken_causal_chain,
)


#: Forward cues that in essays usually mark an inference, not an effect ("Therefore, ...").
_INFERENCE_CUES = frozenset({"therefore", "thus", "hence", "so"})


def _lead_cue(c: Component) -> tuple[str, CueType] | None:
    """The lead cue `c` opens with and its class: the cue segmenting found (its provenance),
    or, in a map made by hand, the longest lead cue its first words make."""
    if c.provenance is not None:
        cue = c.provenance.cue
        return cues.match(WORD_RE.findall(cue.lower()), cues.LEAD) if cue else None
    return cues.match(WORD_RE.findall(c.text.lower())[:5], cues.LEAD)


def _asks(quotation: str) -> bool:
    """Whether a quotation (its marks included) is a question: '"What if it fails?"'."""
    return quotation.rstrip(_CLOSING).endswith("?")


_CLOSING = "\"'\u201d\u2019 "


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
