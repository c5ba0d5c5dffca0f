"""Mapping a class on a Dask cluster against argmap's own pool, and the driver's memory over a
district.

    .venv/bin/python benchmarks/cluster.py [--rounds N] [--essays 10000]

1. Throughput: the 258 ArgRewrite essays (../shared/data; skipped with the reason when absent)
   mapped by `argmap map DIR -j 2` and by `argmap map DIR --engine dask -j 2` (a LocalCluster of
   two worker processes of one thread), HTML + JSON, interleaved rounds: essays per second, the
   ratio, and whether both wrote the same bytes.
2. Memory: `--essays` essays (the ArgRewrite essays' first paragraphs under new names, so that
   the run takes minutes, not hours) mapped with `--engine dask -j 2 -f json`; the resident
   memory of the driver process (argmap itself, not the workers) sampled every 0.2 s and printed
   at each tenth of the essays written, beside that of the local cluster's scheduler (a process
   of its own). Flat means the driver keeps nothing per essay.

Needs `argmap[dask]`. Reported, not enforced.
"""

from __future__ import annotations

import argparse
import filecmp
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ESSAYS = ROOT.parent / "shared" / "data" / "argrewrite" / "essays"
ARGMAP = [sys.executable, "-m", "argmap", "map"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--essays", type=int, default=10_000, help="0: skip the memory part")
    parser.add_argument("--memory-only", action="store_true", help="skip the throughput part")
    args = parser.parse_args()
    if not ESSAYS.is_dir():
        print(f"skipped: {ESSAYS} is absent (the real essays are in ../shared/data)")
        return 0
    try:
        import distributed  # noqa: F401
    except ImportError:
        print('skipped: Dask is not installed (pip install "argmap[dask]")')
        return 0
    texts = sorted(ESSAYS.rglob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "class"
        folder.mkdir()
        for k, path in enumerate(texts):
            (folder / f"{k:03}-{path.name}").write_bytes(path.read_bytes())
        if not args.memory_only:
            _throughput(folder, Path(tmp), args.rounds)
        if args.essays:
            _memory(texts, Path(tmp), args.essays)
    return 0


def _throughput(folder: Path, tmp: Path, rounds: int) -> None:
    n = len(list(folder.iterdir()))
    times: dict[str, list[float]] = {"-j 2": [], "--engine dask -j 2": []}
    for r in range(rounds):
        for name, extra in (("-j 2", []), ("--engine dask -j 2", ["--engine", "dask"])):
            out = tmp / f"out-{r}-{len(extra)}"
            start = time.perf_counter()
            subprocess.run([*ARGMAP, str(folder), "-o", str(out), "-q", "-j", "2", *extra])
            times[name].append(time.perf_counter() - start)
    pool, dask = (statistics.median(t) for t in times.values())
    print(f"{n} essays, HTML + JSON, median of {rounds} round(s), wall time incl. start-up:")
    print(f"  argmap map -j 2:               {pool:6.1f} s  {n / pool:5.2f} essays/s")
    print(f"  argmap map --engine dask -j 2: {dask:6.1f} s  {n / dask:5.2f} essays/s")
    print(f"  Dask / pool throughput: {pool / dask:.2f}")
    same = filecmp.dircmp(tmp / "out-0-0", tmp / "out-0-2")
    identical = not (same.diff_files or same.left_only or same.right_only)
    print(f"  same files, same bytes: {'yes' if identical else 'NO'}")


def _memory(texts: list[Path], tmp: Path, count: int) -> None:
    firsts = []
    for path in texts:
        paragraphs = [p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
        firsts.append("\n".join(paragraphs[:2]))
    folder = tmp / "district"
    folder.mkdir()
    for k in range(count):
        (folder / f"pupil{k:05}.txt").write_text(firsts[k % len(firsts)], encoding="utf-8")
    out = tmp / "district-out"
    start = time.perf_counter()
    proc = subprocess.Popen(
        [*ARGMAP, str(folder), "-o", str(out), "-q", "-f", "json", "--engine", "dask", "-j", "2"]
    )
    marks = {round(count * k / 10) for k in range(1, 11)}
    printed: set[int] = set()
    samples: list[int] = []
    print(f"{count:,} short essays (JSON only), --engine dask -j 2: the driver's resident memory")
    while proc.poll() is None:
        time.sleep(0.2)
        try:
            status = Path(f"/proc/{proc.pid}/status").read_text()
        except OSError:
            break
        found = [int(line.split()[1]) for line in status.splitlines() if line[:6] == "VmRSS:"]
        if not found:  # exited, not yet reaped
            break
        rss = found[0]
        samples.append(rss)
        scheduler = _scheduler_memory(proc.pid)
        done = sum(1 for _ in out.glob("*.json")) if out.is_dir() else 0
        for mark in sorted(marks - printed):
            if done >= mark:
                printed.add(mark)
                line = f"  {mark:6,} essays written: driver {rss / 1024:6.1f} MB"
                other = f"scheduler {scheduler / 1024:6.1f} MB" if scheduler else "cluster closed"
                print(f"{line}, {other}", flush=True)
    took = time.perf_counter() - start
    print(f"  peak {max(samples) / 1024:.1f} MB; {count / took:.1f} essays/s ({took:.0f} s)")


def _scheduler_memory(driver: int) -> int:
    """Resident KB of the Dask scheduler process started by the driver (0 when there is none)."""
    import psutil  # a dependency of Dask's

    try:
        for child in psutil.Process(driver).children(recursive=True):
            if any("distributed.Scheduler" in part for part in child.cmdline()):
                return int(child.memory_info().rss // 1024)
    except psutil.Error:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
