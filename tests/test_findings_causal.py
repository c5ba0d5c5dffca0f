"""The `broken-causal-chain` finding: a consequence with no stated cause, a chain with a gap."""

from __future__ import annotations

from dataclasses import replace

from argmap.findings.checks import analyse, broken_causal_chain
from argmap.model import Component, Kind, Relation, RelationKind


def comp(id_: str, text: str, kind: Kind = Kind.CLAIM, paragraph: int = 1) -> Component:
    return Component(id_, kind, text, 0, len(text), paragraph, 0.8)


def causes(source: str, target: str, signal: str = "which led to") -> Relation:
    return Relation(source, target, RelationKind.CAUSES, signal, 0.8)


def supports(source: str, target: str) -> Relation:
    return Relation(source, target, RelationKind.SUPPORTS, "same paragraph", 0.6)


def flagged(comps: list[Component], rels: list[Relation]) -> list[str | None]:
    return [f.component for f in broken_causal_chain(comps, rels)]


# --- 1. a consequence with no stated cause ----------------------------------------------------


def test_result_cue_without_a_cause_is_flagged() -> None:
    comps = [
        comp("c1", "Phones should be banned.", Kind.THESIS, 0),
        comp("c2", "As a result, pupils sleep less and learn less."),
    ]
    findings = list(broken_causal_chain(comps, [supports("c2", "c1")]))
    assert [f.component for f in findings] == ["c2"]
    assert findings[0].message.startswith('"As a result" announces a consequence')
    assert "broken-causal-chain" in {f.code for f in analyse(comps, [])}


def test_other_result_cues_are_flagged() -> None:
    for text in (
        "Consequently, prices rose.",
        "This led to riots in the towns.",
        "In turn, wages fell.",
    ):
        assert flagged([comp("c1", text)], []) == ["c1"], text


def test_result_cue_with_its_cause_is_quiet() -> None:
    comps = [
        comp("c1", "The harvest failed in 1931."),
        comp("c2", "As a result, bread prices doubled."),
    ]
    assert flagged(comps, [causes("c1", "c2", "as a result")]) == []


def test_inference_cues_and_context_are_quiet() -> None:
    comps = [
        comp("c1", "Therefore, the evidence suggests a shorter week works."),
        comp("c2", "Thus the crisis grew."),
        comp("c3", "So phones should go."),
        comp("c4", "As a result, the old rules were dropped.", Kind.CONTEXT),
        comp("c5", "As a result of the drought, prices rose."),  # names its own cause
        comp("c6", "Prices rose as a result."),  # the cue does not open the unit
    ]
    assert flagged(comps, []) == []


# --- 2. a chain whose middle link is missing --------------------------------------------------


def chain_map() -> tuple[list[Component], list[Relation]]:
    comps = [
        comp("c1", "Coal was found near the surface.", paragraph=1),
        comp("c2", "cheap fuel", paragraph=1),
        comp("c3", "factories anywhere", paragraph=1),
        comp("c4", "towns grow", paragraph=1),
    ]
    rels = [causes("c1", "c2", "->"), causes("c3", "c4", "->")]
    return comps, rels


def test_loose_chain_right_after_another_is_flagged() -> None:
    comps, rels = chain_map()
    findings = list(broken_causal_chain(comps, rels))
    assert [f.component for f in findings] == ["c3"]
    assert '"cheap fuel"' in findings[0].message


def test_linked_chain_is_quiet() -> None:
    comps, rels = chain_map()
    assert flagged(comps, [*rels, causes("c2", "c3", "->")]) == []


def test_chain_that_backs_a_point_is_a_separate_factor() -> None:
    comps, rels = chain_map()
    comps.insert(0, comp("c0", "Britain had the resources.", Kind.THESIS, 0))
    assert flagged(comps, [*rels, supports("c4", "c0")]) == []  # any link in the chain counts


def test_chains_in_different_paragraphs_or_not_adjacent_are_quiet() -> None:
    comps, rels = chain_map()
    moved = [*comps[:2], *(replace(c, paragraph=2) for c in comps[2:])]
    assert flagged(moved, rels) == []
    between = [*comps[:2], comp("c9", "Many rivers."), *comps[2:]]
    assert flagged(between, rels) == []
