"""Train the learned role classifier (`argmap/data/roles-learned.json`) on the project's corpus.

    python3 tools/train_roles.py            # train on corpus/gold/train, choose on dev, write
    python3 tools/train_roles.py --check    # report only; exit 1 if the file differs from a retrain

Each gold essay is segmented by argmap (its units are what the model will label), and each unit
takes the role of the gold component covering most of it (units no gold component covers half
of are left out). The model is a multinomial logistic regression with an L2 penalty over
`argmap.argument.learned.unit_features`, fitted by plain full-batch gradient descent from zero
(deterministic: no randomness, a fixed number of steps). The penalty is chosen by the role
macro-F1 (50% overlap) on the dev split. The test split is never read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from argmap.argument.learned import LearnedRoles, LinearModel, unit_features
from argmap.evaluation import GoldDoc, GoldFormat, evaluate, load_gold
from argmap.model import Kind, Unit
from argmap.nlp.segment import segment
from argmap.pipeline import Pipeline
from argmap.text.clean import clean
from argmap.text.structure import structure

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpus" / "gold"
OUT = ROOT / "argmap" / "data" / "roles-learned.json"
ROLES = tuple(Kind)
STRENGTHS = (0.3, 1.0, 3.0)  # L2 penalty per training unit, tried on dev
MIN_WORD_COUNT = 8  # a first word the model may use must open this many training units
STEPS = 3000
RATE = 0.5
DIGITS = 4


@dataclass(frozen=True)
class Essay:
    gold: GoldDoc
    text: str
    units: tuple[Unit, ...]
    roles: tuple[Kind | None, ...]


def load(split: str) -> list[Essay]:
    path = GOLD / split
    if not path.is_dir():
        return []
    out = []
    for gold in load_gold([path], GoldFormat.ARGMAP):
        cleaned = clean(gold.text)
        text = cleaned.text
        units = segment(text, structure(text))
        origin = cleaned.origin
        roles = tuple(_gold_role(gold, origin[u.start], origin[u.end - 1] + 1) for u in units)
        out.append(Essay(gold, text, units, roles))
    return out


def _gold_role(gold: GoldDoc, start: int, end: int) -> Kind | None:
    best, kind = 0, None
    for c in gold.components:
        covered = min(end, c.end) - max(start, c.start)
        if covered > best:
            best, kind = covered, c.kind
    return kind if best * 2 >= end - start else None


def rows(essays: list[Essay]) -> tuple[list[dict[str, float]], list[int]]:
    xs: list[dict[str, float]] = []
    ys: list[int] = []
    for e in essays:
        for k, role in enumerate(e.roles):
            if role is not None:
                xs.append(unit_features(e.units, k, e.text))
                ys.append(ROLES.index(role))
    return xs, ys


def vocabulary(xs: list[dict[str, float]]) -> frozenset[str]:
    counts = Counter(n for x in xs for n in x if n.startswith(("w=", "w1=")))
    return frozenset(n.split("=", 1)[1] for n, c in counts.items() if c >= MIN_WORD_COUNT)


def _known(name: str, words: frozenset[str]) -> bool:
    """Whether feature `name` is kept: any feature but a first word outside `words`."""
    return not name.startswith(("w=", "w1=")) or name.split("=", 1)[1] in words


def fit(xs: list[dict[str, float]], ys: list[int], strength: float) -> LinearModel:
    words = vocabulary(xs)
    keep = [
        {
            n: v
            for n, v in x.items()
            if not n.startswith(("w=", "w1=")) or n.split("=", 1)[1] in words
        }
        for x in xs
    ]
    names = sorted({n for x in keep for n in x})
    index = {n: j for j, n in enumerate(names)}
    x = np.zeros((len(keep), len(names)))
    for i, row in enumerate(keep):
        for n, v in row.items():
            x[i, index[n]] = v
    y = np.zeros((len(ys), len(ROLES)))
    y[np.arange(len(ys)), ys] = 1.0
    w = np.zeros((len(ROLES), len(names)))
    penalty = np.ones(len(names))
    penalty[index["bias"]] = 0.0  # the intercepts go free
    n = max(len(ys), 1)
    for _ in range(STEPS):
        z = x @ w.T
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - y).T @ x / n + strength / n * w * penalty
        w -= RATE * grad
    weights = {
        role: {
            name: round(float(v), DIGITS)
            for name, v in zip(names, w[i], strict=True)
            if round(float(v), DIGITS)
        }
        for i, role in enumerate(ROLES)
    }
    return LinearModel(weights=weights, words=words)


def macro(model: LinearModel, essays: list[Essay]) -> float:
    pipeline = Pipeline(roles=LearnedRoles(model))
    return evaluate([e.gold for e in essays], pipeline.parse).macro_f1()


def to_json(model: LinearModel, meta: dict[str, object]) -> str:
    data = {
        **meta,
        "words": sorted(model.words),
        "weights": {k.value: dict(sorted(w.items())) for k, w in model.weights.items()},
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the model file is stale")
    args = parser.parse_args()
    train, dev = load("train"), load("dev")
    if not train:
        print(f"no training essays in {GOLD / 'train'}: run tools/corpus.py build")
        return 1
    xs, ys = rows(train)
    print(f"{len(train)} training essays, {len(xs)} units; {len(dev)} dev essays")
    print("roles:", dict(Counter(ROLES[y].value for y in ys)))
    best: tuple[float, float, LinearModel] | None = None
    for strength in STRENGTHS:
        model = fit(xs, ys, strength)
        score = macro(model, dev) if dev else 0.0
        print(f"L2 strength {strength:4.1f}: dev macro-F1 {score:.3f}")
        if best is None or score > best[0]:
            best = (score, strength, model)
    assert best is not None
    score, strength, model = best
    meta = {
        "_doc": (
            "argmap's learned role classifier (argmap/argument/learned.py), written by "
            "tools/train_roles.py: multinomial logistic regression over unit_features, trained "
            "on corpus/gold/train, L2 strength chosen on corpus/gold/dev."
        ),
        "trained_on": f"{len(train)} essays, {len(xs)} units",
        "l2_strength": strength,
        "dev_macro_f1": round(score, 3),
    }
    text = to_json(model, meta)
    if args.check:
        stale = not OUT.is_file() or OUT.read_text("utf-8") != text
        print(f"{OUT.relative_to(ROOT)} is {'STALE' if stale else 'up to date'}")
        return 1 if stale else 0
    OUT.write_text(text, "utf-8")
    print(f"chose L2 strength {strength} (dev macro-F1 {score:.3f}); wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
