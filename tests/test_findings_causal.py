"""The `broken-causal-chain` finding: a consequence with no stated cause, a chain with a gap."""

from __future__ import annotations

from dataclasses import replace

from argmap.findings.checks import analyse, broken_causal_chain
from argmap.model import Component, Kind, Relation
from tests.factories import component, relation

C, T = Kind.CLAIM, Kind.THESIS


def flagged(comps: list[Component], rels: list[Relation]) -> list[str | None]:
    return [f.component for f in broken_causal_chain(comps, rels)]


# --- 1. a consequence with no stated cause ----------------------------------------------------


def test_result_cue_without_a_cause_is_flagged() -> None:
    comps = [
        component("c1", T, "Phones should be banned."),
        component("c2", C, "As a result, pupils sleep less and learn less.", paragraph=1),
    ]
    findings = list(broken_causal_chain(comps, [relation("c2", "supports", "c1")]))
    assert [f.component for f in findings] == ["c2"]
    assert findings[0].message.startswith('"As a result" announces a consequence')
    assert "broken-causal-chain" in {f.code for f in analyse(comps, [])}


def test_other_result_cues_are_flagged() -> None:
    for text in (
        "Consequently, prices rose.",
        "This led to riots in the towns.",
        "In turn, wages fell.",
    ):
        assert flagged([component("c1", C, text)], []) == ["c1"], text


def test_result_cue_with_its_cause_is_quiet() -> None:
    comps = [
        component("c1", C, "The harvest failed in 1931."),
        component("c2", C, "As a result, bread prices doubled."),
    ]
    assert flagged(comps, [relation("c1", "causes", "c2", "as a result")]) == []


def test_inference_cues_and_context_are_quiet() -> None:
    comps = [
        component("c1", C, "Therefore, the evidence suggests a shorter week works."),
        component("c2", C, "Thus the crisis grew."),
        component("c3", C, "So phones should go."),
        component("c4", Kind.CONTEXT, "As a result, the old rules were dropped."),
        component("c5", C, "As a result of the drought, prices rose."),  # names its own cause
        component("c6", C, "Prices rose as a result."),  # the cue does not open the unit
    ]
    assert flagged(comps, []) == []


# --- 2. a chain whose middle link is missing --------------------------------------------------


def chain_map() -> tuple[list[Component], list[Relation]]:
    comps = [
        component("c1", C, "Coal was found near the surface.", paragraph=1),
        component("c2", C, "cheap fuel", paragraph=1),
        component("c3", C, "factories anywhere", paragraph=1),
        component("c4", C, "towns grow", paragraph=1),
    ]
    rels = [relation("c1", "causes", "c2", "->"), relation("c3", "causes", "c4", "->")]
    return comps, rels


def test_loose_chain_right_after_another_is_flagged() -> None:
    comps, rels = chain_map()
    findings = list(broken_causal_chain(comps, rels))
    assert [f.component for f in findings] == ["c3"]
    assert '"cheap fuel"' in findings[0].message


def test_linked_chain_is_quiet() -> None:
    comps, rels = chain_map()
    assert flagged(comps, [*rels, relation("c2", "causes", "c3", "->")]) == []


def test_chain_that_backs_a_point_is_a_separate_factor() -> None:
    comps, rels = chain_map()
    comps.insert(0, component("c0", T, "Britain had the resources."))
    # any link in the chain counts
    assert flagged(comps, [*rels, relation("c4", "supports", "c0")]) == []


def test_chains_in_different_paragraphs_or_not_adjacent_are_quiet() -> None:
    comps, rels = chain_map()
    moved = [*comps[:2], *(replace(c, paragraph=2) for c in comps[2:])]
    assert flagged(moved, rels) == []
    between = [*comps[:2], component("c9", C, "Many rivers.", paragraph=1), *comps[2:]]
    assert flagged(between, rels) == []
