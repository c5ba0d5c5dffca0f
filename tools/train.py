"""Train the learned role classifier and linker on the project's corpus.

    python3 tools/train.py            # train on corpus/gold/train, choose on dev, write both
    python3 tools/train.py --check    # report only; exit 1 if a model file differs from a retrain

Writes `argmap/data/roles-learned.json` and `argmap/data/links-learned.json`.

Each gold essay is segmented by argmap (its units are what the model will label), and each unit
takes the role of the gold component covering most of it (units no gold component covers half
of are left out). The model is a multinomial logistic regression with an L2 penalty over
`argmap.argument.learned.unit_features`, fitted by plain full-batch gradient descent from zero
(deterministic: no randomness, a fixed number of steps). The penalty is the one 5-fold
cross-validation over train + dev chose (`ROLE_STRENGTHS`); the role macro-F1 (50% overlap) on
the dev split is reported.

The linker scores pairs "component k points at candidate j" (`Pairs.features`) with a binary
logistic regression: for each gold component's first unit, its gold supports/attacks target is
the positive and the other candidates are negatives (roles as in the gold). Its penalty is
chosen by supports+attacks F1 on dev, mapped with the chosen role model. The test split is never
read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np

from argmap.argument.learned import LearnedRoles, LinearModel, context_features, unit_features
from argmap.argument.learned_links import LearnedLinker, PairModel, Pairs
from argmap.argument.roles import RuleRoles, same_role_runs
from argmap.argument.thesis import ThesisRanker, ranking_features
from argmap.evaluation import GoldDoc, GoldFormat, evaluate, load_gold
from argmap.model import Component, Kind, RelationKind, Unit
from argmap.nlp.segment import segment
from argmap.pipeline import Pipeline
from argmap.text.clean import clean
from argmap.text.structure import structure
from corpus import author  # tools/corpus.py: whose essay it is (a student's drafts share one)

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpus" / "gold"
OUT = ROOT / "argmap" / "data" / "roles-learned.json"
LINKS_OUT = ROOT / "argmap" / "data" / "links-learned.json"
THESIS_OUT = ROOT / "argmap" / "data" / "thesis-learned.json"
THESIS_STRENGTHS = (1.0, 3.0, 10.0)  # L2 penalty (per essay), tried by cross-validation
THESIS_FOLDS = 5  # the ranker's strength is chosen by this many folds over train + dev
THESIS_STEPS = 600
THESIS_RATE = 0.3
ROLES = tuple(Kind)
STRENGTHS = (1.0, 3.0, 10.0)  # the linker's L2 penalty (over the whole training set), tried on dev
#: The role model's L2 penalty, chosen by 5-fold cross-validation over train + dev (`tools/cv.py
#: --roles`, 180 essays scored): with the parse's context vectors among the features, dev's 39
#: essays prefer 3 (macro-F1 0.513 against 0.507 at 10) but the cross-validation prefers 10
#: (macro-F1 0.564 against 0.561, thesis 136 against 131 of 179, supports+attacks 0.375 against
#: 0.376). Its dev score is printed all the same.
ROLE_STRENGTHS = (10.0,)
MIN_WORD_COUNT = 8  # a first word the model may use must open this many training units
STEPS = 3000
CONTEXT_FOLDS = 5  # the second stage learns from first stages fitted on 4 of 5 folds
RATE = 0.5
DIGITS = 4
_L = TypeVar("_L")


@dataclass(frozen=True)
class Essay:
    gold: GoldDoc
    text: str
    units: tuple[Unit, ...]
    roles: tuple[Kind | None, ...]
    owners: tuple[str | None, ...]  # the gold component covering most of each unit


#: The name ending of the ArgRewrite second drafts (`Draft2`). They are in the corpus's gold (a
#: measure of its consistency, and more essays to read by hand) but the models do not learn from
#: them: by 5-fold cross-validation over train + dev (folds by author, scored on the 180 essays
#: without them; `tools/cv.py --second-drafts`, and `--alt`), learning from them too took
#: macro-F1 0.563 -> 0.555 and 0.560 -> 0.555, thesis 134 -> 131 and 136 -> 133 of 179,
#: supports+attacks 0.373 -> 0.367 and 0.373 -> 0.368; with the role model's L2 strength scaled
#: to the larger set (14): 0.556, 132, 0.370; from their units not found word for word in the
#: student's other drafts only: 0.560, 134, 0.368. A further draft of an essay already learned
#: from teaches less than it costs.
SECOND_DRAFT = "-d2"


def is_second_draft(essay: Essay) -> bool:
    """Whether an essay is an ArgRewrite second draft (`SECOND_DRAFT`)."""
    return essay.gold.name.endswith(SECOND_DRAFT)


def load(split: str, second_drafts: bool = False) -> list[Essay]:
    """The gold essays of a split, segmented as argmap segments them; without the second drafts
    (`SECOND_DRAFT`) unless `second_drafts`."""
    path = GOLD / split
    if not path.is_dir():
        return []
    out = []
    for gold in load_gold([path], GoldFormat.ARGMAP):
        if gold.name.endswith(SECOND_DRAFT) and not second_drafts:
            continue  # before segmenting: the parse is most of the cost
        cleaned = clean(gold.text)
        text = cleaned.text
        units = segment(text, structure(text))
        origin = cleaned.origin
        covering = (gold.covering(origin[u.start], origin[u.end - 1] + 1) for u in units)
        owners = tuple(c.id if c is not None else None for c in covering)
        kinds = {c.id: c.kind for c in gold.components}
        roles = tuple(kinds[o] if o is not None else None for o in owners)
        out.append(Essay(gold, text, units, roles, owners))
    return out


def rows(
    essays: list[Essay], first: Sequence[Sequence[dict[Kind, float]]] | None = None
) -> tuple[list[dict[str, float]], list[int]]:
    """Each gold-labelled unit's features and role; with `first` (each essay's first-stage
    probabilities), its context features too."""
    xs: list[dict[str, float]] = []
    ys: list[int] = []
    for i, e in enumerate(essays):
        features = unit_features(e.units, e.text)
        if first is not None:
            more = context_features(e.units, first[i], e.text)
            features = [x | c for x, c in zip(features, more, strict=True)]
        for x, role in zip(features, e.roles, strict=True):
            if role is not None:
                xs.append(x)
                ys.append(ROLES.index(role))
    return xs, ys


def vocabulary(xs: list[dict[str, float]]) -> frozenset[str]:
    counts = Counter(n for x in xs for n in x if n.startswith(("w=", "w1=")))
    return frozenset(n.split("=", 1)[1] for n, c in counts.items() if c >= MIN_WORD_COUNT)


def _known(name: str, words: frozenset[str]) -> bool:
    """Whether feature `name` is kept: any feature but a first word outside `words`."""
    return not name.startswith(("w=", "w1=")) or name.split("=", 1)[1] in words


def _matrix(rows: list[dict[str, float]]) -> tuple[np.ndarray, list[str], np.ndarray]:
    """The rows as a dense matrix over their sorted feature names, and the L2 penalty of each
    column (none on the bias: the intercepts go free)."""
    names = sorted({n for row in rows for n in row})
    index = {n: j for j, n in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for i, row in enumerate(rows):
        for n, v in row.items():
            x[i, index[n]] = v
    penalty = np.ones(len(names))
    penalty[index["bias"]] = 0.0
    return x, names, penalty


def _fit_roles(
    xs: list[dict[str, float]], ys: list[int], strength: float, words: frozenset[str]
) -> dict[Kind, dict[str, float]]:
    """One multinomial logistic regression: weights per role, rounded, zeros left out."""
    x, names, penalty = _matrix([{n: v for n, v in r.items() if _known(n, words)} for r in xs])
    y = np.zeros((len(ys), len(ROLES)))
    y[np.arange(len(ys)), ys] = 1.0
    w = np.zeros((len(ROLES), len(names)))
    n = max(len(ys), 1)
    for _ in range(STEPS):
        z = x @ w.T
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - y).T @ x / n + strength / n * w * penalty
        w -= RATE * grad
    return weights(names, w, ROLES)


def weights(
    names: Sequence[str], w: np.ndarray, labels: Sequence[_L]
) -> dict[_L, dict[str, float]]:
    """Each label's row of `w` by feature name, rounded to DIGITS, zeros left out."""
    return {
        label: {
            name: round(float(v), DIGITS)
            for name, v in zip(names, w[i], strict=True)
            if round(float(v), DIGITS)
        }
        for i, label in enumerate(labels)
    }


def folds(essays: Sequence[Essay], n: int) -> list[tuple[list[int], list[Essay], list[Essay]]]:
    """The n folds by author, so that one student's drafts are never on both sides of one: each
    as the positions of its held-out essays, those essays, and all the others. The authors in
    order of first appearance, every n-th from the k-th held out in fold k (with one essay per
    author, every n-th essay in the order given)."""
    order: dict[str, int] = {}
    fold = [order.setdefault(author(e.gold.name), len(order)) % n for e in essays]
    out = []
    for k in range(n):
        at = [j for j, f in enumerate(fold) if f == k]
        rest = [e for e, f in zip(essays, fold, strict=True) if f != k]
        out.append((at, [essays[j] for j in at], rest))
    return out


def fit(essays: list[Essay], strength: float) -> LinearModel:
    """The two stages: the first over each unit's features, the second over those and what the
    first, fitted without the essay's author (CONTEXT_FOLDS `folds`), made of the unit and its
    neighbours."""
    xs, ys = rows(essays)
    words = vocabulary(xs)
    weights = _fit_roles(xs, ys, strength, words)
    first: list[list[dict[Kind, float]]] = [[] for _ in essays]
    for at, held, rest in folds(essays, CONTEXT_FOLDS):
        model = LinearModel(weights=_fit_roles(*rows(rest), strength, words), words=words)
        for j, e in zip(at, held, strict=True):
            first[j] = model.predict(e.units, e.text)
    context = _fit_roles(*rows(essays, first), strength, words)
    return LinearModel(weights=weights, words=words, context=context)


def pair_rows(essays: list[Essay]) -> tuple[list[dict[str, float]], list[int]]:
    """Pair examples for the linker: each gold component's first unit against its candidates."""
    xs: list[dict[str, float]] = []
    ys: list[int] = []
    for e in essays:
        # Units as the pipeline hands them to the linker: clauses of one sentence with the same
        # role joined (here the gold role, and the gold component covering the first).
        runs = same_role_runs(e.units, e.roles)
        units = [e.units[run[0]] for run in runs]
        roles = [e.roles[run[0]] for run in runs]
        owners = [e.owners[run[0]] for run in runs]
        comps = [
            Component(f"u{k}", role or Kind.CONTEXT, "", u.start, u.end, u.paragraph, 1.0)
            for k, (u, role) in enumerate(zip(units, roles, strict=True))
        ]
        pairs = Pairs(comps)
        head: dict[str, int] = {}
        for k, owner in enumerate(owners):
            if owner is not None:
                head.setdefault(owner, k)
        targets: dict[str, str] = {}
        for r in e.gold.relations:
            if r.kind is not RelationKind.CAUSES:
                targets.setdefault(r.source, r.target)
        for owner, k in head.items():
            if comps[k].kind in (Kind.CONTEXT, Kind.THESIS) or owner not in targets:
                continue
            gold_j = head.get(targets[owner])
            options = pairs.candidates(k)
            if gold_j not in options:
                continue
            cue_type = units[k].cue_type
            cue = cue_type.value if cue_type else None
            for j in options:
                xs.append(pairs.features(k, j, cue))
                ys.append(int(j == gold_j))
    return xs, ys


def fit_pairs(xs: list[dict[str, float]], ys: list[int], strength: float) -> PairModel:
    x, names, penalty = _matrix(xs)
    y = np.array(ys, dtype=float)
    w = np.zeros(len(names))
    n = max(len(ys), 1)
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -50, 50)))
        w -= RATE * (x.T @ (p - y) / n + strength / n * w * penalty)
    return PairModel(
        weights={
            name: round(float(v), DIGITS)
            for name, v in zip(names, w, strict=True)
            if round(float(v), DIGITS)
        }
    )


def links_f1(roles: LinearModel, links: PairModel, essays: list[Essay]) -> float:
    pipeline = Pipeline(roles=LearnedRoles(roles), links=LearnedLinker(links))
    scores = evaluate([e.gold for e in essays], pipeline.parse).to_dict()
    return float(scores["relations"]["supports+attacks"]["f1"])


def macro(model: LinearModel, essays: list[Essay]) -> float:
    pipeline = Pipeline(roles=LearnedRoles(model))
    return evaluate([e.gold for e in essays], pipeline.parse).macro_f1()


def thesis_lists(essays: list[Essay]) -> list[tuple[list[dict[str, float]], list[bool]]]:
    """Per essay with a gold thesis: each unit's ranking features and whether it is the thesis."""
    out = []
    for e in essays:
        marks = [role is Kind.THESIS for role in e.roles]
        if any(marks):
            out.append((ranking_features(e.units, e.text), marks))
    return out


def fit_thesis(
    lists: list[tuple[list[dict[str, float]], list[bool]]], strength: float
) -> ThesisRanker:
    """A softmax over each essay's units, the gold thesis units the targets (their probability
    summed), L2 `strength`; plain gradient descent from zero, so the same data gives the same
    weights."""
    names = sorted({n for rows, _ in lists for row in rows for n in row})
    index = {n: j for j, n in enumerate(names)}
    data = []
    for rows, marks in lists:
        x = np.zeros((len(rows), len(names)))
        for i, row in enumerate(rows):
            for n, v in row.items():
                x[i, index[n]] = v
        data.append((x, np.array(marks, dtype=float)))
    w = np.zeros(len(names))
    for _ in range(THESIS_STEPS):
        grad = strength * w
        for x, y in data:
            z = x @ w
            p = np.exp(z - z.max())
            p /= p.sum()
            q = p * y
            q /= q.sum()
            grad += x.T @ (p - q)
        w -= THESIS_RATE * grad / len(data)
    return ThesisRanker(
        {
            n: round(float(v), DIGITS)
            for n, v in zip(names, w, strict=True)
            if round(float(v), DIGITS)
        }
    )


def thesis_accuracy(ranker: ThesisRanker, essays: list[Essay]) -> float:
    """Share of the essays (with a gold thesis) whose best-scored unit is a gold thesis unit."""
    hits = []
    for e in essays:
        if any(role is Kind.THESIS for role in e.roles):
            scores = ranker.scores(e.units, e.text)
            best = max(range(len(scores)), key=lambda k: (scores[k], -k))
            hits.append(e.roles[best] is Kind.THESIS)
    return sum(hits) / len(hits) if hits else 0.0


def thesis_cross_validation(essays: list[Essay], strength: float) -> float:
    """Thesis accuracy of rankers fitted with `strength` on all folds but one, scored on the one
    left out (THESIS_FOLDS `folds`, by author)."""
    hits = total = 0
    for _, held, rest in folds(essays, THESIS_FOLDS):
        ranker = fit_thesis(thesis_lists(rest), strength)
        n = sum(any(role is Kind.THESIS for role in e.roles) for e in held)
        hits += round(thesis_accuracy(ranker, held) * n)
        total += n
    return hits / total if total else 0.0


def rules_thesis_accuracy(essays: list[Essay]) -> float:
    """The same measure for the rules' own thesis choice (None counts as wrong)."""
    rules = RuleRoles()
    hits = []
    for e in essays:
        if any(role is Kind.THESIS for role in e.roles):
            k = rules.rule_thesis(e.units)
            hits.append(k is not None and e.roles[k] is Kind.THESIS)
    return sum(hits) / len(hits) if hits else 0.0


_M = TypeVar("_M")


def choose(
    what: str,
    measure: str,
    strengths: Sequence[float],
    fit: Callable[[float], _M],
    score: Callable[[_M], float],
) -> tuple[float, float, _M]:
    """Fit one model per L2 strength and keep the one `score` (on dev) likes best, the first on
    a tie: (its score, its strength, the model)."""
    best: tuple[float, float, _M] | None = None
    for strength in strengths:
        model = fit(strength)
        value = score(model)
        print(f"L2 strength {strength:4.1f}: dev {measure} {value:.3f}")
        if best is None or value > best[0]:
            best = (value, strength, model)
    assert best is not None
    print(f"{what}: chose L2 strength {best[1]} (dev {measure} {best[0]:.3f})")
    return best


def about(
    doc: str,
    trained_on: str,
    strength: float,
    dev: dict[str, float],
    how: str = "trained on corpus/gold/train, L2 strength chosen on corpus/gold/dev",
) -> dict[str, object]:
    """The head of a model file: what it is, what it was trained on (`how`), the L2 strength
    chosen and its dev score."""
    return {
        "_doc": f"{doc}, {how}.",
        "trained_on": trained_on,
        "l2_strength": strength,
        **{k: round(v, 3) for k, v in dev.items()},
    }


def to_json(model: LinearModel, meta: dict[str, object]) -> str:
    data = {
        **meta,
        "words": sorted(model.words),
        "weights": {k.value: dict(sorted(w.items())) for k, w in model.weights.items()},
    }
    if model.context is not None:
        data["context"] = {k.value: dict(sorted(w.items())) for k, w in model.context.items()}

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
    score, strength, model = choose(
        "roles",
        "macro-F1",
        ROLE_STRENGTHS,
        lambda k: fit(train, k),
        lambda m: macro(m, dev) if dev else 0.0,
    )
    meta = about(
        "argmap's learned role classifier (argmap/argument/learned.py), written by "
        "tools/train.py: multinomial logistic regression over unit_features",
        f"{len(train)} essays, {len(xs)} units",
        strength,
        {"dev_macro_f1": score},
        "trained on corpus/gold/train, L2 strength chosen by 5-fold cross-validation over train "
        "and dev (tools/cv.py)",
    )
    pxs, pys = pair_rows(train)
    print(f"linker: {len(pxs)} candidate pairs, {sum(pys)} links")
    f1, link_strength, links = choose(
        "links",
        "supports+attacks F1",
        STRENGTHS,
        lambda k: fit_pairs(pxs, pys, k),
        lambda m: links_f1(model, m, dev) if dev else 0.0,
    )
    links_meta = about(
        "argmap's learned linker (argmap/argument/learned_links.py), written by "
        "tools/train.py: logistic regression over Pairs.features",
        f"{len(train)} essays, {len(pxs)} candidate pairs",
        link_strength,
        {"dev_supports_attacks_f1": f1},
    )
    both = sorted(train + dev, key=lambda e: e.gold.name)
    lists = thesis_lists(both)
    cv = {k: thesis_cross_validation(both, k) for k in THESIS_STRENGTHS}
    for k, value in cv.items():
        print(f"L2 strength {k:4.1f}: {THESIS_FOLDS}-fold thesis accuracy {value:.3f}")
    thesis_strength = max(THESIS_STRENGTHS, key=lambda k: (cv[k], -THESIS_STRENGTHS.index(k)))
    rules_acc = rules_thesis_accuracy(both)
    print(
        f"thesis: chose L2 strength {thesis_strength} ({THESIS_FOLDS}-fold accuracy "
        f"{cv[thesis_strength]:.3f}; the rules' thesis on the same essays {rules_acc:.3f})"
    )
    ranker = fit_thesis(lists, thesis_strength)
    thesis_meta = about(
        "argmap's thesis ranker (argmap/argument/thesis.py), written by tools/train.py: "
        "a softmax over each essay's units (ranking_features)",
        f"{len(lists)} essays with a thesis",
        thesis_strength,
        {
            f"{THESIS_FOLDS}_fold_thesis_accuracy": round(cv[thesis_strength], 3),
            "rules_thesis_accuracy": round(rules_acc, 3),
        },
        f"trained on corpus/gold/train and dev, L2 strength chosen by {THESIS_FOLDS}-fold "
        "cross-validation over them",
    )
    files = {
        OUT: to_json(model, meta),
        THESIS_OUT: json.dumps(
            {**thesis_meta, "weights": dict(sorted(ranker.weights.items()))},
            indent=1,
            ensure_ascii=False,
        )
        + "\n",
        LINKS_OUT: json.dumps(
            {**links_meta, "weights": dict(sorted(links.weights.items()))},
            indent=1,
            ensure_ascii=False,
        )
        + "\n",
    }
    stale = [p for p, text in files.items() if not p.is_file() or p.read_text("utf-8") != text]
    if args.check:
        for p in files:
            print(f"{p.relative_to(ROOT)} is {'STALE' if p in stale else 'up to date'}")
        return 1 if stale else 0
    for p, text in files.items():
        p.write_text(text, "utf-8")
        print(f"wrote {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
