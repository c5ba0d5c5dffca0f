"""The role model: its features, its weights file, and the fit that wrote the file."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from argmap.argument import roles as cls
from argmap.model import CueType, Feature, Kind
from tests.factories import unit

ROOT = Path(__file__).resolve().parent.parent
WEIGHTS_FILE = ROOT / "argmap" / "data" / "weights.json"


UNITS = (
    unit(0, 10, 0, 0, first_in_paragraph=True, features=frozenset({Feature.MODAL})),
    unit(
        11, 20, 0, 1, cue="however", cue_type=CueType.CONTRAST, features=frozenset({Feature.HEDGE})
    ),
    unit(21, 30, 1, 2, first_in_paragraph=True, last_in_paragraph=True),
)


def _fit_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fit_weights", ROOT / "tools" / "fit_weights.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_features_always_name_every_signal() -> None:
    essay = cls.essay_facts(UNITS)
    for k, u in enumerate(UNITS):
        x = cls.features(u, k, UNITS, essay, None, None, False)
        assert tuple(x) == cls.FEATURES
        assert x["bias"] == 1.0
        t = cls.thesis_features(u, essay)
        assert t is not None and tuple(t) == cls.THESIS_FEATURES


def test_weights_file_names_only_known_features() -> None:
    raw = json.loads(WEIGHTS_FILE.read_text("utf-8"))
    weights = cls.Weights.from_json(raw)
    assert set(weights.roles) == {
        Kind.CLAIM,
        Kind.EVIDENCE,
        Kind.COUNTERCLAIM,
        Kind.REBUTTAL,
        Kind.CONTEXT,
    }
    assert {"threshold", "threshold_single"} <= set(weights.thesis)


def test_scores_are_the_weighted_sum_and_confidence_a_probability() -> None:
    x = dict.fromkeys(cls.FEATURES, 0.0) | {"bias": 1.0, "counter_cue": 1.0}
    scores = cls.role_scores(x, cls.default_weights())
    w = cls.default_weights().roles[Kind.COUNTERCLAIM]
    assert scores[Kind.COUNTERCLAIM] == pytest.approx(w.get("bias", 0.0) + w["counter_cue"])
    kind, confidence = cls.decide(scores)
    assert kind is Kind.COUNTERCLAIM and 0.5 < confidence <= 1.0


def test_training_rows_follow_the_gold_roles() -> None:
    gold = (Kind.THESIS, None, Kind.CLAIM)
    rows = cls.training_rows(UNITS, gold)
    assert [kind for _, kind in rows] == [
        Kind.CLAIM
    ]  # the thesis and unlabelled units are left out
    assert rows[0][0]["topic_sentence"] == 1.0


@pytest.mark.skipif(not (ROOT / "essays" / "gold").is_dir(), reason="essays/gold is missing")
def test_weights_file_is_what_the_fit_writes(in_root: Path) -> None:
    """weights.json must come from tools/fit_weights.py on the current pipeline: refit at the
    recorded prior strength and compare (rounding may differ by one step in the last digit)."""
    fit = _fit_script()
    raw = json.loads(WEIGHTS_FILE.read_text("utf-8"))
    refit = fit.fit(fit.load_essays(), raw["prior_strength"]).to_json()
    assert refit["thesis"] == raw["thesis"]
    for role, weights in raw["roles"].items():
        for name in set(weights) | set(refit["roles"][role]):
            got, want = refit["roles"][role].get(name, 0.0), weights.get(name, 0.0)
            assert got == pytest.approx(want, abs=0.011), (role, name)
