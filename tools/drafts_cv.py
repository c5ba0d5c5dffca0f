"""Do the ArgRewrite final drafts (`ar-NNN-d3`) help as training data? A cross-validation.

    .venv/bin/python tools/drafts_cv.py        # about 25 minutes on 2 cores

5 folds by author over the corpus's train and dev splits (`train.folds`: a student's drafts stay
in one fold). For each fold the learned roles and the thesis ranker (`train.fit`,
`train.fit_thesis`, L2 strength 1.0) are fitted twice on the other four folds, without and with
the final drafts, and the default `hybrid` stage maps the held-out essays: scored on the held-out
first drafts and project essays only (the essays both arms could have trained on), then on all
held-out essays. Prints macro-F1 (50% overlap), thesis accuracy and supports+attacks F1 for
each. The test split is never read.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import train  # noqa: E402  (tools/train.py)

from argmap.argument.learned import LearnedRoles  # noqa: E402
from argmap.evaluation import evaluate  # noqa: E402
from argmap.pipeline import Pipeline  # noqa: E402

FOLDS = 5
STRENGTH = 1.0


def is_draft(essay: train.Essay) -> bool:
    return essay.gold.name.endswith("-d3")


def main() -> int:
    essays = sorted(train.load("train") + train.load("dev"), key=lambda e: e.gold.name)
    if not essays:
        print("no corpus: run tools/corpus.py build")
        return 1
    totals: dict[tuple[str, str], list[float]] = {}
    for k, (_, held, rest) in enumerate(train.folds(essays, FOLDS)):
        views = {"first drafts": [e for e in held if not is_draft(e)], "all": held}
        for arm, use in (("without drafts", False), ("with drafts", True)):
            fitted_on = [e for e in rest if use or not is_draft(e)]
            roles = LearnedRoles(
                train.fit(fitted_on, STRENGTH),
                thesis=train.fit_thesis(train.thesis_lists(fitted_on), STRENGTH).pick,
            )
            for view, scored in views.items():
                s = evaluate([e.gold for e in scored], Pipeline(roles=roles).parse)
                pairs = s.to_dict()["relations"]["supports+attacks"]["f1"]
                row = [s.macro_f1() * len(scored), s.thesis_correct, s.thesis_documents]
                row += [pairs * len(scored), len(scored)]
                key = (view, arm)
                totals[key] = [a + b for a, b in zip(totals.get(key, [0.0] * 5), row, strict=True)]
        print(f"fold {k + 1} of {FOLDS} done", flush=True)
    for (view, arm), (macro, hits, documents, pairs, n) in totals.items():
        print(
            f"scored on {view:12} trained {arm:14}: macro-F1 {macro / n:.3f}"
            f"  thesis {hits:.0f}/{documents:.0f}  supports+attacks F1 {pairs / n:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
