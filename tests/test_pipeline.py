"""The pipeline is built from named argument stages (or objects with weights of their own), and
the command line and batch workers pass those names on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import argmap
from argmap.app.batch import DEFAULT_MODELS, map_one, plan
from argmap.app.cli import app
from argmap.argument import CAUSAL_EXTRACTORS, LINKERS, ROLE_CLASSIFIERS
from argmap.argument.roles import RuleRoles, Weights, default_weights
from argmap.model import Kind, RelationKind
from argmap.pipeline import Pipeline, pipeline
from argmap.writers import Format

ROOT = Path(__file__).resolve().parent.parent
ESSAY = ROOT / "essays" / "history-collectivisation.txt"


def causes(m: argmap.ArgumentMap) -> int:
    return sum(r.kind is RelationKind.CAUSES for r in m.relations)


def test_default_pipeline_is_the_registered_defaults() -> None:
    assert Pipeline().names == DEFAULT_MODELS == ("rules", "rules", "patterns")
    assert pipeline() is pipeline()  # built once per process
    assert argmap.parse_essay(ESSAY) == Pipeline().parse(ESSAY)


def test_every_registered_stage_builds_and_maps() -> None:
    for roles in ROLE_CLASSIFIERS:
        for links in LINKERS:
            for cause in CAUSAL_EXTRACTORS:
                m = Pipeline(roles, links, cause).parse("Homework should go. It tires pupils.")
                assert m.components, (roles, links, cause)


def test_unknown_names_are_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match="unknown causal extractor 'magic'.*patterns, none"):
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
    (task,) = plan([str(ESSAY)], [Format.JSON], tmp_path, models=("rules", "rules", "none"))
    assert task.models == ("rules", "rules", "none")
    outcome = map_one(task)
    assert outcome.error is None
    assert json.loads(task.outputs[0][1].read_text()) == json.loads(out.read_text())


def test_cli_refuses_an_unknown_stage() -> None:
    result = CliRunner().invoke(app, ["map", str(ESSAY), "--roles", "magic"])
    assert result.exit_code == 2
