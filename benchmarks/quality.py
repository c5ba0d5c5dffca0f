"""Extraction quality: the `argmap eval` tables for the project's corpus, the microtexts and the
sample essays.

    python3 benchmarks/quality.py

The corpus (corpus/gold/{train,dev,test}, annotated by the project from the text; see
corpus/README.md) is the main measure: its test split is never fitted or tuned on. Microtexts
come from ../shared/data (CC BY-NC-SA: used to measure only, never to fit weights); they are
skipped with a note when that folder is absent. essays/gold/ are the sample essays' maps.
"""

from __future__ import annotations

from pathlib import Path

from argmap.evaluation import GoldFormat, evaluate, format_table, load_gold
from argmap.pipeline import parse_essay

ROOT = Path(__file__).resolve().parent.parent
MICROTEXTS = ROOT.parent / "shared" / "data" / "microtexts"


def main() -> None:
    sets = [
        (f"corpus {split}", ROOT / "corpus" / "gold" / split, GoldFormat.ARGMAP)
        for split in ("test", "dev", "train")
    ]
    sets += [
        (f"microtexts {part}", MICROTEXTS / part, GoldFormat.MICROTEXT)
        for part in ("part1", "part2")
    ]
    sets.append(("essays/gold", ROOT / "essays" / "gold", GoldFormat.ARGMAP))
    for name, path, fmt in sets:
        print(f"== {name}: argmap eval {path} --format {fmt.value}")
        if not path.is_dir():
            print(f"skipped: {path} not found\n")
            continue
        print(format_table(evaluate(load_gold([path], fmt), parse_essay)))
        print()


if __name__ == "__main__":
    main()
