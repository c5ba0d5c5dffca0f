"""Compare the role stages by 5-fold cross-validation over the corpus's train and dev splits.

    .venv/bin/python tools/crossval.py        # about 8 minutes on 2 cores

The dev split alone (23 essays) is too small to choose between stages on: last time it and the
test split disagreed by 0.25 in thesis accuracy. Here every essay of train + dev (sorted by
name; folds by author, `train.folds`, so a student's drafts stay in one fold) is held out once,
the learned role model and the thesis ranker are fitted on the other four folds
(`tools/train.py`'s `fit` and `fit_thesis`, the shipped L2 strengths), and each stage maps the
held-out essays:

- `rules`: the rule-based roles, their own thesis;
- `ranked` (the default): the rules, the thesis (and its restatement) by the ranker;
- `learned`: the learned role model, its own thesis rule;
- `hybrid`: the learned role model, the thesis (and restatement) by the ranker, its scores
  plus `thesis.LEARNED` times the log of the role model's thesis probability.

Prints macro-F1 (50% overlap; folds weighted by their essays), thesis accuracy (essays) and
supports+attacks F1 for each. The test split is never read.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import train  # noqa: E402  (tools/train.py)

from argmap.argument.learned import LearnedRoles  # noqa: E402
from argmap.argument.roles import RuleRoles  # noqa: E402
from argmap.evaluation import evaluate  # noqa: E402
from argmap.pipeline import Pipeline  # noqa: E402

FOLDS = 5
ROLE_STRENGTH = 1.0
THESIS_STRENGTH = 1.0


def main() -> int:
    essays = sorted(train.load("train") + train.load("dev"), key=lambda e: e.gold.name)
    if not essays:
        print("no corpus: run tools/corpus.py build")
        return 1
    totals: dict[str, list[float]] = {}
    for k, (_, held, rest) in enumerate(train.folds(essays, FOLDS)):
        model = train.fit(rest, ROLE_STRENGTH)
        ranker = train.fit_thesis(train.thesis_lists(rest), THESIS_STRENGTH)
        stages = {
            "rules": RuleRoles(),
            "ranked": RuleRoles(thesis=ranker.pick),
            "learned": LearnedRoles(model, guide=frozenset()),
            "hybrid": LearnedRoles(model, thesis=ranker.pick, guide=frozenset()),
            "learned+concession": LearnedRoles(model, guide=frozenset({"concession"})),
            "learned+topic": LearnedRoles(model, guide=frozenset({"topic"})),
            "learned+guide": LearnedRoles(model),
            "hybrid+guide": LearnedRoles(model, thesis=ranker.pick),
        }
        for name, roles in stages.items():
            s = evaluate([e.gold for e in held], Pipeline(roles=roles).parse)
            pairs = s.to_dict()["relations"]["supports+attacks"]["f1"]
            row = [s.macro_f1() * len(held), s.thesis_correct, s.thesis_documents]
            row += [pairs * len(held), len(held)]
            totals[name] = [a + b for a, b in zip(totals.get(name, [0.0] * 5), row, strict=True)]
        print(f"fold {k + 1} of {FOLDS} done", flush=True)
    print(f"{FOLDS}-fold cross-validation over train + dev ({len(essays)} essays):")
    for name, (macro, hits, documents, pairs, n) in totals.items():
        print(
            f"  {name:8} macro-F1 {macro / n:.3f}  thesis {hits:.0f}/{documents:.0f}"
            f" ({hits / documents:.3f})  supports+attacks F1 {pairs / n:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
