"""Cross-validate the default pipeline over the corpus's train and dev splits.

    .venv/bin/python tools/cv.py            # about 12 minutes on one core
    .venv/bin/python tools/cv.py --alt      # the other fold assignment

The figures the README gives for "5-fold cross-validation over train + dev (hybrid, rules
linker)" since the fourteenth session. Every essay of train + dev is held out once (folds by
author, `train.folds`: a student's drafts stay in one fold); on the other four folds the two-stage
role model (L2 `--roles`), the learned linker (`--links`) and the thesis ranker (`--thesis`) are
fitted as `tools/train.py` fits them, and the held-out essays are mapped by the `hybrid` roles
with the `rules` linker (the default) and, on a second line, the learned linker. `--alt` orders
the authors by their reversed name before the folds are dealt, for a second, independent
assignment. Prints macro-F1 (50% overlap), thesis accuracy, supports+attacks and causes F1 over
all held-out essays. The test split is never read. `--second-drafts` puts the ArgRewrite
second drafts (`train.is_second_draft`, which the shipped models do not learn from) in the
training folds too, and scores the same held-out essays as without them.

Unlike `tools/crossval.py` (which compares the role stages at fixed strengths), this one fits
the linker too and scores the pipeline as shipped.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import train  # noqa: E402  (tools/train.py)

from argmap.argument.learned import LearnedRoles  # noqa: E402
from argmap.argument.learned_links import LearnedLinker  # noqa: E402
from argmap.evaluation import score  # noqa: E402
from argmap.model import ArgumentMap  # noqa: E402
from argmap.pipeline import Pipeline  # noqa: E402

FOLDS = 5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alt", action="store_true", help="deal the folds by reversed author")
    (role_strength,) = train.ROLE_STRENGTHS
    parser.add_argument(
        "--roles", type=float, default=role_strength, help=f"role model L2 ({role_strength})"
    )
    parser.add_argument("--links", type=float, default=1.0, help="linker L2 (default 1)")
    parser.add_argument("--thesis", type=float, default=3.0, help="ranker L2 (default 3)")
    parser.add_argument(
        "--second-drafts", action="store_true", help="learn from the second drafts too"
    )
    args = parser.parse_args()
    essays = train.load("train", args.second_drafts) + train.load("dev", args.second_drafts)
    if args.alt:
        essays.sort(key=lambda e: (train.author(e.gold.name)[::-1], e.gold.name))
    else:
        essays.sort(key=lambda e: e.gold.name)
    golds = [e.gold for e in essays]
    preds: dict[str, list[ArgumentMap | None]] = {
        "rules": [None] * len(essays),
        "learned": [None] * len(essays),
    }
    for k, (at, held, rest) in enumerate(train.folds(essays, FOLDS)):
        model = train.fit(rest, args.roles)
        links = train.fit_pairs(*train.pair_rows(rest), args.links)
        ranker = train.fit_thesis(train.thesis_lists(rest), args.thesis)
        for name, linker in (("rules", "rules"), ("learned", LearnedLinker(links))):
            pipeline = Pipeline(roles=LearnedRoles(model, thesis=ranker.pick), links=linker)
            for j, e in zip(at, held, strict=True):
                if not train.is_second_draft(e):  # learned from, never scored
                    preds[name][j] = pipeline.parse(e.gold.text)
        print(f"fold {k + 1} of {FOLDS} done", flush=True)
    scored = [j for j, e in enumerate(essays) if not train.is_second_draft(e)]
    for name, maps in preds.items():
        s = score([golds[j] for j in scored], [m for j in scored if (m := maps[j]) is not None])
        rel = s.to_dict()["relations"]
        causes = rel.get("causes", {}).get("f1", 0.0)
        print(
            f"hybrid roles, {name} linker: macro-F1 {s.macro_f1():.3f}, thesis "
            f"{s.thesis_correct} of {s.thesis_documents}, supports+attacks "
            f"{rel['supports+attacks']['f1']:.3f}, causes {causes:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
