"""The annotated corpus: every annotation is valid, the gold maps are built from them and up to
date, and splits go by author."""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from argmap.model import ArgumentMap

ROOT = Path(__file__).resolve().parent.parent


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_tool", ROOT / "tools" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


corpus = _tool()
ANNOTATIONS = sorted((ROOT / "corpus" / "annotations").glob("*/*.json"))


@pytest.mark.parametrize("path", ANNOTATIONS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_annotation_is_valid(path: Path) -> None:
    *_, problems = corpus.load(path)
    assert problems == []


def test_gold_maps_are_built_from_the_annotations() -> None:
    """corpus/gold holds exactly the maps `tools/corpus.py build` makes, each a valid map."""
    expected = {}
    for essay, path in corpus.primary().items():
        _, spans, relations, _ = corpus.load(path)
        expected[f"{corpus.split_of(essay)}/{essay}.json"] = corpus.gold_map(
            essay, spans, relations
        )
    found = {
        p.relative_to(corpus.GOLD).as_posix(): json.loads(p.read_text("utf-8"))
        for p in sorted(corpus.GOLD.glob("*/*.json"))
    }
    assert sorted(found) == sorted(expected)
    for name, data in found.items():
        assert data == expected[name], name
        ArgumentMap.from_dict(data)  # raises on any problem


def test_splits_go_by_author() -> None:
    assert corpus.author("ar-007") == corpus.author("ar-007-d2") == "argrewrite-7"
    assert corpus.split_of("ar-007") == corpus.split_of("ar-007-d3")
    assert corpus.author("pj-003") == "pj-003"
    essays = [p.stem for p in (ROOT / "corpus" / "texts").glob("*.txt")]
    counts = {s: sum(corpus.split_of(e) == s for e in essays) for s in ("train", "dev", "test")}
    assert all(counts.values()), counts


def test_cross_validation_folds_keep_a_students_drafts_together(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """tools/train.py's folds: every essay held out once, a student's drafts in one fold."""
    monkeypatch.syspath_prepend(str(ROOT / "tools"))
    train = importlib.import_module("train")
    names = ["ar-001", "ar-002", "ar-001-d3", "pj-001", "ar-003", "ar-002-d3", "pj-002"]
    essays = [SimpleNamespace(gold=SimpleNamespace(name=n)) for n in names]
    folds = train.folds(essays, 3)
    assert sorted(j for at, _, _ in folds for j in at) == list(range(len(names)))
    for at, held, rest in folds:
        assert held == [essays[j] for j in at]
        assert {id(e) for e in held} | {id(e) for e in rest} == {id(e) for e in essays}
        held_authors = {corpus.author(e.gold.name) for e in held}
        assert held_authors.isdisjoint(corpus.author(e.gold.name) for e in rest)
    # With one essay per author, every n-th essay in the order given.
    singles = [SimpleNamespace(gold=SimpleNamespace(name=f"pj-{k:03}")) for k in range(7)]
    assert [at for at, _, _ in train.folds(singles, 3)] == [[0, 3, 6], [1, 4], [2, 5]]


def test_quotes_are_found_across_line_breaks_and_in_order() -> None:
    text = "One point here.\nA second\npoint here."
    assert corpus.locate(text, "A second point here.", 0) == (16, 36)
    assert corpus.locate(text, "One point here.", 16) is None


def test_kappa() -> None:
    assert corpus.kappa(["a", "b", "a", "b"], ["a", "b", "a", "b"]) == 1.0
    assert corpus.kappa(["a", "a", "b", "b"], ["a", "b", "a", "b"]) == 0.0
