"""The rule-based linker (`RuleLinker`, registered as "rules"): connect components with supports,
attacks and causes relations, each with the cue (`signal`) that produced it and a confidence.

- causes: the causal tie on a unit (found by `segment`, or by another `CausalExtractor`) between
  two neighbouring units (a connective such as
  "X, which led to Y", "X because Y", "Because X, Y", "As a result, Y", a dependency pattern
  such as "X led to Y" or "..., thus creating Y", or an arrow "A --> B"), with that tie's signal
  and confidence; never between a component and itself, never both ways between two components,
  and never with background (context) at either end;
- attacks: a counterclaim attacks the thesis; a rebuttal attacks the counterclaim it answers;
- supports: evidence supports the nearest claim of its paragraph (or the rebuttal or counterclaim
  it follows), and evidence opening with an example cue ("For example, ...") right after a piece
  of evidence supports that evidence; a counterclaim right after another of its paragraph
  elaborates it and supports it; claims support the thesis.

A supports or attacks link takes as its signal the cue that opens its source only when the cue's
class fits the link (`fitting_cue`: "also" or "for example" for a support, "however" or
"although" for an attack), else where the source stands ("topic sentence", "same paragraph").

`attach_concepts` gives each component the key phrases it shares with at least one other unit.

>>> from argmap.model import BlockKind, Cause, Component, Kind, Unit
>>> comps = (Component("c1", Kind.CLAIM, "Prices rose", 0, 11, 0, 0.9),
...          Component("c2", Kind.EVIDENCE, "which led to riots", 13, 31, 0, 0.9))
>>> tie = Cause("which led to", "from-previous", 0.9, "connective")
>>> units = (Unit(0, 11, 0, BlockKind.PARAGRAPH, 0),
...          Unit(13, 31, 0, BlockKind.PARAGRAPH, 0, "which led to", "causal_forward", cause=tie))
>>> rels = RuleLinker().link(comps, units)
>>> [(r.source, r.kind.value, r.target, r.signal, r.confidence) for r in rels]
[('c1', 'causes', 'c2', 'which led to', 0.9), ('c2', 'supports', 'c1', 'same paragraph', 0.54)]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from argmap.model import Component, CueType, Kind, Relation, RelationKind, Unit
from argmap.text import cues
from argmap.text.words import content_words, overlap

__all__ = [
    "RuleLinker",
    "causal_relations",
    "attach_concepts",
    "recurring_concepts",
    "POSITIONAL_SIGNALS",
    "SUPPORT_CUES",
    "ATTACK_CUES",
    "fitting_cue",
]

_CLAIMS = (Kind.CLAIM, Kind.REBUTTAL, Kind.COUNTERCLAIM)
#: Signals that name a position in the essay rather than a cue word in it.
POSITIONAL_SIGNALS = frozenset(
    {"same sentence", "same paragraph", "topic sentence", "counterclaim", "rebuttal"}
)
#: The cue classes that say a passage backs another (a reason, an example, a further point, a
#: conclusion drawn) and those that say it turns against another (a view reported, conceded or
#: answered, an exception): a supports or attacks link takes the cue opening its source as its
#: signal only when the cue's class fits the link, so that "However, they are safe." backing
#: the thesis is not shown as supporting it "however" (guide, section 4).
SUPPORT_CUES = frozenset(
    {
        CueType.CLAIM,
        CueType.CONCLUSION,
        CueType.ADDITION,
        CueType.EVIDENCE,
        CueType.EXAMPLE,
        CueType.CAUSAL_BACKWARD,
    }
)
ATTACK_CUES = frozenset({CueType.COUNTER, CueType.CONCESSION, CueType.CONTRAST, CueType.CONDITION})
_CLEARLY = 0.15  # how much more word overlap beats being the nearest claim
_LOOK_BACK = 100  # the most earlier claims of its paragraph evidence is weighed against
_Add = Callable[[Component, Component, RelationKind, str, float], None]
# Senses of a causal tie that become causes relations (purpose is recorded on the unit only).
_LINKED_SENSES = frozenset(cues.CAUSAL["link_senses"])


def fitting_cue(unit: Unit, kind: RelationKind) -> str | None:
    """The cue opening `unit` when its class fits a `kind` link out of it, else None.

    >>> from argmap.model import BlockKind
    >>> turn = Unit(0, 9, 0, BlockKind.PARAGRAPH, 0, "however", CueType.CONTRAST)
    >>> fitting_cue(turn, RelationKind.SUPPORTS), fitting_cue(turn, RelationKind.ATTACKS)
    (None, 'however')
    """
    fits = SUPPORT_CUES if kind is RelationKind.SUPPORTS else ATTACK_CUES
    return unit.cue if unit.cue_type in fits else None


class RuleLinker:
    """Links from position, cue words and shared words, and the causal ties on the units."""

    name = "rules"

    def link(self, components: Sequence[Component], units: Sequence[Unit]) -> tuple[Relation, ...]:
        """Return the relations between `components` (one per unit, in the same order)."""
        return _link(components, units)


def _link(components: Sequence[Component], units: Sequence[Unit]) -> tuple[Relation, ...]:
    rels: dict[tuple[str, str, RelationKind], Relation] = {}
    add = _adder(rels)

    thesis = next((c for c in components if c.kind is Kind.THESIS), None)
    # paragraph -> its topic: the thesis where it stands, else the paragraph's first claim
    topics: dict[int, Component] = {thesis.paragraph: thesis} if thesis is not None else {}
    for c in components:
        if c.kind is Kind.CLAIM:
            topics.setdefault(c.paragraph, c)
    words = [content_words(c.text) for c in components]
    for k, (c, u) in enumerate(zip(components, units, strict=True)):
        _link_cause(k, components, units, add)
        # the component just before, in the same paragraph
        prev = components[k - 1] if k > 0 and components[k - 1].paragraph == c.paragraph else None
        if c.kind is Kind.COUNTERCLAIM and prev is not None and prev.kind is Kind.COUNTERCLAIM:
            # it elaborates the counterclaim before it (guide, section 4)
            same = units[k - 1].sentence == u.sentence
            signal = fitting_cue(u, RelationKind.SUPPORTS) or (
                "same sentence" if same else "same paragraph"
            )
            add(c, prev, RelationKind.SUPPORTS, signal, 0.6 * c.confidence)
        elif c.kind is Kind.COUNTERCLAIM and thesis is not None:
            signal = fitting_cue(u, RelationKind.ATTACKS) or "counterclaim"
            add(c, thesis, RelationKind.ATTACKS, signal, 0.6 * c.confidence + 0.3)
        elif c.kind is Kind.REBUTTAL:
            target = _answered(components, units, k)
            if target is not None:
                signal = fitting_cue(u, RelationKind.ATTACKS) or "rebuttal"
                add(c, target, RelationKind.ATTACKS, signal, 0.6 * c.confidence + 0.3)
        elif c.kind is Kind.CLAIM:
            # A paragraph's topic (and any "Firstly"/"In conclusion" claim) backs the thesis;
            # the paragraph's other claims back its topic.
            topic = topics[c.paragraph]
            own_point = topic is c or u.cue_type in (CueType.CLAIM, CueType.CONCLUSION)
            target = thesis if own_point else topic
            if target is not None:
                to_thesis = target is thesis
                signal = fitting_cue(u, RelationKind.SUPPORTS) or (
                    "topic sentence" if to_thesis and own_point else "same paragraph"
                )
                add(
                    c,
                    target,
                    RelationKind.SUPPORTS,
                    signal,
                    0.5 * c.confidence + (0.3 if to_thesis else 0.2),
                )
        elif c.kind is Kind.EVIDENCE:
            # "For example, ..." right after a piece of evidence illustrates that evidence
            illustrated = prev is not None and prev.kind is Kind.EVIDENCE
            example = u.cue_type is CueType.EXAMPLE and illustrated
            backed = prev if example else _backed_by(components, k, words)
            if backed is not None:
                cue = u.cue if u.cue_type in (CueType.EVIDENCE, CueType.EXAMPLE) else None
                add(c, backed, RelationKind.SUPPORTS, cue or "same paragraph", 0.6 * c.confidence)
    return tuple(rels.values())


def _adder(rels: dict[tuple[str, str, RelationKind], Relation]) -> _Add:
    """A function that adds a relation to `rels` once: never a component to itself, never a
    second causes link back between the same two components (the tie stated first stays)."""

    def add(src: Component, dst: Component, kind: RelationKind, signal: str, conf: float) -> None:
        key = (src.id, dst.id, kind)
        if kind is RelationKind.CAUSES and (dst.id, src.id, kind) in rels:
            return  # a causal 2-cycle: keep the tie stated first
        if src.id != dst.id and key not in rels:
            rels[key] = Relation(src.id, dst.id, kind, signal, round(conf, 2))

    return add


def causal_relations(
    components: Sequence[Component], units: Sequence[Unit]
) -> tuple[Relation, ...]:
    """The causes relations of the causal ties on the units: exactly those `RuleLinker` makes,
    for a linker that decides supports and attacks another way."""
    rels: dict[tuple[str, str, RelationKind], Relation] = {}
    add = _adder(rels)
    for k in range(len(components)):
        _link_cause(k, components, units, add)
    return tuple(rels.values())


def _link_cause(k: int, comps: Sequence[Component], units: Sequence[Unit], add: _Add) -> None:
    """Relate unit k to the neighbour its causal tie names (previous or next unit of its
    paragraph; a tie to the next unit stays in its sentence, one to the previous unit may
    cross into the sentence before: "As a result, Y", "This is because X")."""
    u, c = units[k], comps[k]
    tie = u.cause
    if tie is None or tie.sense not in _LINKED_SENSES:
        return
    step = -1 if tie.link.endswith("previous") else 1
    j = k + step
    if not 0 <= j < len(units) or units[j].paragraph != u.paragraph:
        return
    if step < 0 and units[j].sentence != u.sentence and _trailing_reason(units, j):
        j -= 1  # "X because Y. This led to Z": "this" is X, not the reason given for it
    if (tie.link.endswith("next") and units[j].sentence != u.sentence) or Kind.CONTEXT in (
        c.kind,
        comps[j].kind,
    ):
        return
    cause, effect = (comps[j], c) if tie.link.startswith("from") else (c, comps[j])
    if tie.link.startswith("to") and _reason_for_a_point(cause, effect):
        return
    add(cause, effect, RelationKind.CAUSES, tie.signal, tie.confidence)


def _trailing_reason(units: Sequence[Unit], j: int) -> bool:
    """Whether unit j is a reason given after its sentence's main clause ("X, because Y"): a
    sentence pointing back at it means X (train + dev gold: 5 of 6 such ties)."""
    return (
        j > 0
        and units[j - 1].sentence == units[j].sentence
        and units[j].cue_type is CueType.CAUSAL_BACKWARD
    )


def _reason_for_a_point(cause: Component, effect: Component) -> bool:
    """True for "X because Y" (or "Because Y, X") where X is a point the writer argues and Y the
    evidence offered for it: a reason for an opinion, which supports X (annotation guide,
    section 4), not an event bringing about another. On the corpus's train and dev splits 37
    of the 40 such ties were no gold `causes`."""
    return cause.kind is Kind.EVIDENCE and effect.kind in (Kind.THESIS, *_CLAIMS)


def recurring_concepts(units: Sequence[Unit]) -> tuple[tuple[str, ...], ...]:
    """Each unit's concepts that appear in at least one other unit of the essay, sorted.

    >>> from argmap.model import BlockKind
    >>> us = [Unit(0, 1, 0, BlockKind.PARAGRAPH, 0, concepts=("grain", "riot")),
    ...       Unit(2, 3, 1, BlockKind.PARAGRAPH, 1, concepts=("grain", "price"))]
    >>> recurring_concepts(us)
    (('grain',), ('grain',))
    """
    counts = Counter(c for u in units for c in set(u.concepts))
    return tuple(tuple(sorted(c for c in set(u.concepts) if counts[c] > 1)) for u in units)


def attach_concepts(
    components: Sequence[Component], units: Sequence[Unit]
) -> tuple[Component, ...]:
    """`components` (one per unit, in the same order) with their recurring concepts."""
    return tuple(
        replace(c, concepts=keys)
        for c, keys in zip(components, recurring_concepts(units), strict=True)
    )


def _backed_by(comps: Sequence[Component], k: int, words: list[frozenset[str]]) -> Component | None:
    """The point evidence k backs: the nearest earlier claim of its paragraph, unless an earlier
    one on the same side (a counterclaim for a counterclaim, the writer's own for the writer's)
    shares clearly more words with it; with no claim before it, the next claim or thesis
    ("Phones distract pupils. Schools should therefore ban them.")."""
    para = comps[k].paragraph
    before: list[int] = []  # the paragraph's claims before k, nearest first
    for j in range(k - 1, -1, -1):
        if comps[j].paragraph != para or len(before) == _LOOK_BACK:
            break  # components are in text order: the paragraph started after j
        if comps[j].kind in _CLAIMS + (Kind.THESIS,):
            before.append(j)
    if not before:
        return _next(comps, k, _CLAIMS + (Kind.THESIS,))
    nearest = before[0]
    # it stays on the side of the nearest: the other side's (counterclaims, or the writer's
    # claims and rebuttals) is not backed however many words they share
    side = comps[nearest].kind is Kind.COUNTERCLAIM
    before = [j for j in before if (comps[j].kind is Kind.COUNTERCLAIM) is side]
    best = max(before, key=lambda j: (overlap(words[k], words[j]), j))
    return comps[
        best
        if overlap(words[k], words[best]) > overlap(words[k], words[nearest]) + _CLEARLY
        else nearest
    ]


def _answered(comps: Sequence[Component], units: Sequence[Unit], k: int) -> Component | None:
    """The counterclaim a rebuttal answers: the latest one before it (this or the previous
    paragraph), taken from the start of its sentence ("Some argue X, because Y": X)."""
    target = _previous(comps, k, (Kind.COUNTERCLAIM,), comps[k].paragraph - 1)
    if target is None:
        return None
    j = comps.index(target)
    while (
        j > 0
        and units[j - 1].sentence == units[j].sentence
        and comps[j - 1].kind is Kind.COUNTERCLAIM
    ):
        j -= 1
    return comps[j]


def _previous(
    comps: Sequence[Component], k: int, kinds: tuple[Kind, ...], since_paragraph: int
) -> Component | None:
    for j in range(k - 1, -1, -1):
        if comps[j].paragraph < since_paragraph:
            return None
        if comps[j].kind in kinds:
            return comps[j]
    return None


def _next(comps: Sequence[Component], k: int, kinds: tuple[Kind, ...]) -> Component | None:
    para = comps[k].paragraph
    for j in range(k + 1, len(comps)):
        c = comps[j]
        if c.paragraph != para:
            return None
        if c.kind in kinds:
            return c
    return None
