"""The pipeline is built from named argument stages (or objects with weights of their own), and
the command line and batch workers pass those names on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import argmap
from argmap.app.batch import map_one, plan
from argmap.app.cli import app
from argmap.argument import CAUSAL_EXTRACTORS, DEFAULT_MODELS, LINKERS, ROLE_CLASSIFIERS
from argmap.argument.roles import RuleRoles, Weights, default_weights
from argmap.model import ArgumentMap, Kind, RelationKind
from argmap.pipeline import Pipeline, pipeline
from argmap.validate import validate
from argmap.writers import Format
from tests.factories import gold_doc

ROOT = Path(__file__).resolve().parent.parent
ESSAY = ROOT / "essays" / "history-collectivisation.txt"


def causes(m: argmap.ArgumentMap) -> int:
    return sum(r.kind is RelationKind.CAUSES for r in m.relations)


def test_default_pipeline_is_the_registered_defaults() -> None:
    assert Pipeline().names == DEFAULT_MODELS == ("hybrid", "rules", "learned")
    assert pipeline() is pipeline()  # built once per process
    # with the spaCy pipeline loaded: a batch's time limit counts mapping, not loading
    from argmap.nlp.english import load

    assert pipeline().nlp is load()
    assert argmap.parse_essay(ESSAY) == Pipeline().parse(ESSAY)


def test_every_registered_stage_builds_and_maps() -> None:
    for roles in ROLE_CLASSIFIERS:
        for links in LINKERS:
            for cause in CAUSAL_EXTRACTORS:
                m = Pipeline(roles, links, cause).parse("Homework should go. It tires pupils.")
                assert m.components, (roles, links, cause)


def test_unknown_names_are_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match="causal extractor 'magic'.*patterns, learned, none"):
        Pipeline(causes="magic")


def test_causes_none_maps_without_causes() -> None:
    assert causes(Pipeline().parse(ESSAY)) > 0
    m = Pipeline(causes="none").parse(ESSAY)
    assert causes(m) == 0
    assert m.components == Pipeline().parse(ESSAY).components


def test_weights_go_to_the_constructor() -> None:
    """Weights are passed in, never swapped in a module global: two classifiers with different
    weights live side by side."""
    shipped = default_weights()
    raw = shipped.to_json()
    raw["roles"]["context"] = {"bias": 100.0}  # type: ignore[index]
    all_context = RuleRoles(Weights.from_json(raw))
    m = Pipeline(roles=all_context).parse(ESSAY)
    # every unit is context, but for the thesis and the rule that turns "X. But Y." into a
    # counterclaim and its rebuttal
    kinds = [c.kind for c in m.components]
    assert Kind.CLAIM not in kinds and Kind.EVIDENCE not in kinds
    assert kinds.count(Kind.CONTEXT) > 0.8 * len(kinds)
    assert default_weights() is shipped
    assert any(c.kind is Kind.CLAIM for c in Pipeline().parse(ESSAY).components)


def test_cli_and_workers_use_the_named_stages(tmp_path: Path) -> None:
    out = tmp_path / "map.json"
    result = CliRunner().invoke(app, ["map", str(ESSAY), "-o", str(out), "--causes", "none"])
    assert result.exit_code == 0, result.output
    assert not [r for r in json.loads(out.read_text())["relations"] if r["kind"] == "causes"]
    (task,) = plan([str(ESSAY)], [Format.JSON], tmp_path, models=("hybrid", "rules", "none"))
    assert task.models == ("hybrid", "rules", "none")
    outcome = map_one(task)
    assert outcome.error is None
    assert json.loads(task.outputs[0][1].read_text()) == json.loads(out.read_text())


def test_cli_refuses_an_unknown_stage() -> None:
    result = CliRunner().invoke(app, ["map", str(ESSAY), "--roles", "magic"])
    assert result.exit_code == 2


def test_components_keep_where_they_came_from() -> None:
    """Provenance: offsets in the text as read (before cleaning), sentence number and cue."""
    raw = "Phones  should be banned.\n\nHowever, some   say they help. Caf\u00c3\u00a9s sell them."
    m = argmap.parse_essay(raw)
    assert m.text != raw  # spaces and mojibake repaired
    read_as = {}
    for c in m.components:
        assert c.provenance is not None
        read_as[c.text] = raw[c.provenance.input_start : c.provenance.input_end]
    assert read_as["Phones should be banned."] == "Phones  should be banned."
    assert read_as["Caf\u00e9s sell them."] == "Caf\u00c3\u00a9s sell them."
    sentences = [c.provenance.sentence for c in m.components if c.provenance]
    assert sentences == sorted(sentences) and sentences[0] == 0
    cues = {c.text.split()[0]: c.provenance.cue for c in m.components if c.provenance}
    assert cues["However,"] == "however"
    again = argmap.ArgumentMap.from_json(m.to_json())
    assert again == m


def test_hand_made_maps_need_no_provenance_and_bad_provenance_is_named() -> None:
    m = argmap.parse_essay("Homework should go. A 2019 survey found 62% of pupils sleep less.")
    data = m.to_dict()
    data["components"][0]["provenance"] = None
    del data["components"][1]["provenance"]
    assert all(c.provenance is None for c in argmap.ArgumentMap.from_dict(data).components)
    from argmap.validate import validate

    data["components"][0]["provenance"] = {"input_start": 5, "input_end": 2, "sentence": 0}
    data["components"][1]["provenance"] = {"input_start": "0", "sentence": 1}
    problems = validate(data)
    assert any('component "c1": "provenance" offsets 5..2 run backwards' in p for p in problems)
    assert any('component "c2": "provenance" needs' in p for p in problems)


def test_evaluation_places_components_by_their_provenance() -> None:
    """A map made from the gold text is scored where its components were in that text, even
    when cleaning changed the text (mojibake repaired, spaces squeezed)."""
    from argmap.evaluation import evaluate

    text = (
        "Phones  should be banned \u00e2\u20ac\u201c now.\n\n"
        "A 2019 survey found 62% of pupils sleep less."
    )
    claim_end = text.index("now.") + 4
    evidence = text.index("A 2019")
    gold = gold_doc(
        text, [("g1", Kind.CLAIM, (0, claim_end)), ("g2", Kind.EVIDENCE, (evidence, len(text)))]
    )
    scores = evaluate([gold], Pipeline(roles="rules").parse)  # roles by rule: a two-line text
    assert scores.to_dict()["roles"]["claim"]["exact"]["f1"] == 1.0
    assert scores.to_dict()["roles"]["evidence"]["exact"]["f1"] == 1.0


def test_the_spacy_pipeline_is_passed_in_not_swapped() -> None:
    """A caller that parses elsewhere (a benchmark, a process pool) gives the pipeline its own
    parser; nothing module-level is replaced."""
    from argmap.nlp.english import load

    real = load()
    calls: list[int] = []

    class Counting:
        vocab = real.vocab

        def pipe(self, texts: object, batch_size: int) -> object:
            calls.append(1)
            return real.pipe(texts, batch_size=batch_size)  # type: ignore[arg-type]

    text = "Homework should go. It tires pupils."
    assert Pipeline(nlp=Counting()).parse(text) == Pipeline().parse(text)
    assert calls == [1]


def test_the_rules_say_why_each_role() -> None:
    m = argmap.parse_essay(ROOT / "essays" / "persuasive-phones-in-schools.txt")
    thesis, restated, *more = [c for c in m.components if c.kind is Kind.THESIS]
    assert thesis.why[0] == "announces the essay's argument"  # "This essay argues that ..."
    assert thesis.text.startswith("This essay argues that")
    assert restated.why == ("restates the thesis in the conclusion",)
    assert all(c.why == ("is likely to state the thesis too",) for c in more)
    assert all(c.confidence <= thesis.confidence for c in (restated, *more))
    rules = Pipeline("rules").parse(ROOT / "essays" / "persuasive-phones-in-schools.txt")
    (thesis,) = [c for c in rules.components if c.kind is Kind.THESIS]
    assert thesis.why[0].startswith("announces the writer's position")
    firstly = next(c for c in m.components if c.text.startswith("Firstly"))
    assert "is the first sentence of a body paragraph" in firstly.why
    assert all(isinstance(w, str) for c in m.components for w in c.why)
    data = m.to_dict()
    assert validate(data) == [] and ArgumentMap.from_dict(data) == m
    data["components"][0]["why"] = "not a list"
    assert any('"why"' in p for p in validate(data))
