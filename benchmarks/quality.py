"""Extraction quality: the `argmap eval` tables for the microtexts and our own gold essays.

    python3 benchmarks/quality.py

Microtexts come from ../shared/data (CC BY-NC-SA: used to measure only, never to fit weights);
they are skipped with a note when that folder is absent. Our gold maps are in essays/gold/.
"""

from __future__ import annotations

from pathlib import Path

from argmap.evaluation import GoldFormat, evaluate, format_table, load_gold
from argmap.pipeline import parse_essay

ROOT = Path(__file__).resolve().parent.parent
MICROTEXTS = ROOT.parent / "shared" / "data" / "microtexts"


def main() -> None:
    sets = [
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
