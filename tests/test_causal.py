"""Causal extraction: patterns from data/causal.json, direction, concepts, causes properties."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.argument import linker
from argmap.argument.links import attach_concepts
from argmap.model import ArgumentMap, Kind, RelationKind
from argmap.nlp.segment import segment
from argmap.pipeline import parse_essay
from argmap.text.structure import structure
from argmap.validate import validate


def _causes(text: str) -> list[tuple[str, str, str]]:
    m = parse_essay(text)
    by_id = {c.id: c.text for c in m.components}
    return [
        (by_id[r.source], by_id[r.target], r.signal)
        for r in m.relations
        if r.kind is RelationKind.CAUSES
    ]


def test_because_runs_backward() -> None:
    text = (
        "The harvest of 1932 was poor.\n\n"
        "Many peasants held back their grain because prices in the state shops were too low."
    )
    assert (
        "because prices in the state shops were too low.",
        "Many peasants held back their grain",
        "because",
    ) in _causes(text)


def test_participle_effect_clause_is_split() -> None:
    text = "The loss of horses left the new farms without power, thus creating food shortages."
    units = segment(text, structure(text))
    assert [text[u.start : u.end] for u in units][-1] == "thus creating food shortages."
    assert units[-1].cause is not None and units[-1].cause.link == "from-previous"
    assert units[-1].cause.pattern == "participle-effect"


def test_relative_effect_clause_links_forward() -> None:
    text = "Healthier workers take fewer days off sick, which led many firms to cut their costs."
    assert _causes(text)[0][2] == "which led"


def test_therefore_after_a_full_stop_is_inference() -> None:
    text = "Phones distract pupils in every lesson. Schools should therefore ban them in class."
    assert _causes(text) == []


def test_confidence_comes_from_the_data_file() -> None:
    from importlib import resources

    data = json.loads(resources.files("argmap").joinpath("data/causal.json").read_text("utf-8"))
    text = "Prices rose sharply, which led to riots in the cities."
    rel = next(r for r in parse_essay(text).relations if r.kind is RelationKind.CAUSES)
    assert rel.confidence == data["connectives"]["confidence"]["which led to"]


def test_concepts_merge_spellings_and_keep_only_recurring_ones() -> None:
    text = (
        "Collectivisation destroyed the grain harvest in Ukraine.\n\n"
        "Historians still debate collectivization and the harvests it ruined."
    )
    units = segment(text, structure(text))
    m = parse_essay(text)
    comps = attach_concepts(m.components, units)
    assert all("collectivization" in c.concepts for c in comps)
    assert all(list(c.concepts) == sorted(c.concepts) for c in comps)
    assert not any("ukraine" in c.concepts for c in comps)


def test_json_without_concepts_still_validates() -> None:
    m = parse_essay("Homework should be banned. A 2019 survey found 62% of pupils sleep less.")
    data = m.to_dict()
    for c in data["components"]:
        del c["concepts"]
    assert validate(data) == []
    assert ArgumentMap.from_dict(data).components[0].concepts == ()


CAUSAL_WORDS = st.sampled_from(
    "the grain crisis because prices rose which led to riots so that thus creating "
    "shortages , . \n\n --> -> => As a result Because since due to it caused this meant that "
    "without grain workers cannot work in order to feed towns and if".split(" ")
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CAUSAL_WORDS, max_size=50).map(" ".join))
def test_causes_join_distinct_components_without_two_cycles(text: str) -> None:
    m = parse_essay(text)
    assert validate(m.to_dict()) == []
    kinds = {c.id: c.kind for c in m.components}
    causes = {(r.source, r.target) for r in m.relations if r.kind is RelationKind.CAUSES}
    for source, target in causes:
        assert source != target
        assert (target, source) not in causes
        assert Kind.CONTEXT not in (kinds[source], kinds[target])
    units = segment(m.text, structure(m.text))
    assert len(linker("rules").link(m.components, units)) == len(m.relations)
