"""Scaling: is argmap linear in an essay's length? One 100,000-word document against the five
20,000-word documents it is made of, each mapped (and its HTML page written) in its own process.

    python3 benchmarks/scaling.py [--words 20000] [--parts 5]

The documents are real student essays (../shared/data/argrewrite, else essays/) joined with
blank lines. Prints each part's time and peak memory, the whole document's, and the ratio of
the whole's time to the sum of the parts' (1.0 is linear; issue 19's target: at most 1.1, and
at most 400 MB). Timings vary with the machine's load: reported, not enforced.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "argrewrite" / "essays"

_CHILD = """
import json, resource, sys, time
from pathlib import Path
from argmap.nlp.english import load
from argmap.pipeline import pipeline
from argmap.readers import read_path
from argmap.writers import Format, export
load(); pipeline().parse("Warm up. It loads the cues.")
start = time.perf_counter()
m = pipeline().parse_raw(read_path(Path(sys.argv[1])))
export(m, Format.HTML); export(m, Format.JSON)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "mb": peak, "components": len(m.components)}))
"""


def essays() -> list[str]:
    folder = SHARED if SHARED.is_dir() else ROOT / "essays"
    if folder is not SHARED:
        print(f"note: {SHARED} not found; using essays/")
    paths = sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md"))
    return [p.read_text(encoding="utf-8", errors="replace").strip() for p in paths]


def documents(words: int, parts: int) -> list[str]:
    """`parts` documents of about `words` words each, from essays in order (repeated if short)."""
    pool, out, i = essays(), [], 0
    for _ in range(parts):
        chunk: list[str] = []
        count = 0
        while count < words:
            text = pool[i % len(pool)]
            i += 1
            chunk.append(text)
            count += len(text.split())
        out.append("\n\n".join(chunk))
    return out


def measure(text: str, folder: Path, name: str) -> dict[str, float]:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=20_000)
    parser.add_argument("--parts", type=int, default=5)
    args = parser.parse_args()
    parts = documents(args.words, args.parts)
    whole = "\n\n".join(parts)
    with tempfile.TemporaryDirectory() as tmp:
        total = 0.0
        for n, text in enumerate(parts, 1):
            r = measure(text, Path(tmp), f"part{n}.txt")
            total += r["seconds"]
            print(
                f"part {n}: {len(text.split()):,} words, {r['components']:.0f} components,"
                f" {r['seconds']:.1f} s, {r['mb']:.0f} MB",
                flush=True,
            )
        r = measure(whole, Path(tmp), "whole.txt")
    print(
        f"whole: {len(whole.split()):,} words, {r['components']:.0f} components,"
        f" {r['seconds']:.1f} s, {r['mb']:.0f} MB"
    )
    print(f"whole / sum of parts: {r['seconds'] / total:.2f} (time; 1.00 is linear)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
