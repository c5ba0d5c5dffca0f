"""Batch mapping: throughput and memory of `argmap map DIR` against raw spaCy, in one run.

    python3 benchmarks/batch.py               # the figures in the README ("Batch")
    python3 benchmarks/batch.py --rounds 5    # more rounds, a steadier median
    python3 benchmarks/batch.py --designs     # how workers start, and nlp.pipe(n_process) instead

Corpus: the 258 ArgRewrite essays in ../shared/data/argrewrite/essays/ (skipped, with the reason,
when that folder is absent).

1. Throughput. Interleaved rounds of (a) raw spaCy, `nlp.pipe(texts, n_process=JOBS)` over the
   essays' texts with the English pipeline as shipped (`nlp.english.stock()`: tagger, parser,
   attribute ruler, NER, no lemmatizer; argmap's own copy replaces the ruler by a faster
   table of its rules), model already loaded, worker start-up included; (b) a parse-only pool: the
   same texts parsed by JOBS worker processes started like argmap's, each loading the model
   once and sending back only a token count (spaCy's `n_process` ships every Doc back to the
   parent, which costs it more than the parse on two cores; this is the parse argmap cannot
   avoid, with nothing else); and (c) argmap's batch runner, `argmap.app.batch.run` with
   `jobs=JOBS` over the same files, writing HTML and JSON like `argmap map` does: pool
   start-up, spaCy loading in each worker, reading, every stage and the writes included; and
   (d) the same writing JSON only (no HTML page). Essays per second for each, and the
   throughput ratios argmap / (a), argmap / (b) and (d) / (b) per round; the medians are the
   figures to quote. The order rotates between rounds, so a change
   in the machine's load does not favour one side.
2. Memory. `python3 -m argmap map DIR -o OUT -j JOBS -q` over 1,000 essays (the 258 texts
   repeated into a temporary folder), in a child process. Peak memory of its process tree:
   /proc is sampled every 0.1 s and the resident set sizes (RSS, which counts shared pages once
   per process, an upper bound) and proportional set sizes (PSS, shared pages split between
   the processes that share them) of the argmap process and all its workers are summed; the
   peak of each sum is reported, for the first and second half of the run too (memory that
   grows with the number of essays would show up there). The kernel's own figure, the
   `ru_maxrss` that `wait4` reports for the argmap process (its own peak, or a finished
   descendant's if larger: one process, not a sum), is printed beside it.

Reported, not enforced: the figures move with the machine's load.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "argrewrite" / "essays"
sys.path.insert(0, str(ROOT))  # the checkout's argmap, whatever is installed

from argmap.app import batch  # noqa: E402
from argmap.writers import Format  # noqa: E402

FORMATS = [Format.HTML, Format.JSON]


class TreeMemory:
    """Sample the summed RSS and PSS (kB) of a process and its descendants in a thread."""

    def __init__(self, pid: int, every: float = 0.1) -> None:
        self.pid, self.every = pid, every
        self.samples: list[tuple[float, int, int]] = []  # (seconds, rss, pss)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._t0 = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            rss, pss = tree_memory(self.pid)
            if rss:
                self.samples.append((time.perf_counter() - self._t0, rss, pss))
            self._stop.wait(self.every)

    def peak(self, part: slice = slice(None)) -> tuple[float, float]:
        """Peak summed RSS and PSS in MB over `part` of the samples."""
        chosen = self.samples[part] or [(0.0, 0, 0)]
        return max(s[1] for s in chosen) / 1024, max(s[2] for s in chosen) / 1024


def tree_memory(pid: int) -> tuple[int, int]:
    """Summed RSS and PSS in kB of `pid` and every process below it, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
    rss = pss = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            continue
    return rss, pss


def essay_files() -> list[Path]:
    return sorted(CORPUS.rglob("*.txt"), key=lambda p: p.parts)


def raw_spacy(texts: list[str], n_process: int) -> float:
    """Seconds for `nlp.pipe(texts, n_process=...)` with the shipped pipeline (already loaded).

    The batch size spreads the texts over the processes: spaCy hands each process whole
    batches, and with its default of 256 one process got almost all of 258 essays (the floor
    this printed before was one process's speed)."""
    from argmap.nlp.english import stock

    nlp = stock()
    batch = max(1, min(16, len(texts) // (4 * n_process)))
    t = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=batch):
        pass
    return time.perf_counter() - t


def _load_model() -> None:
    from argmap.nlp.english import stock

    stock()


def _parse(texts: list[str]) -> int:
    from argmap.nlp.english import stock

    return sum(len(doc) for doc in stock().pipe(texts))


def parse_pool(texts: list[str], jobs: int, chunk: int = 4) -> float:
    """Seconds to parse `texts` in a pool of `jobs` processes started like argmap's workers
    (each loads the model once; docs are counted, not sent back): the parse argmap cannot
    avoid, spread over the cores the same way."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context(batch.START_METHOD)
    t = time.perf_counter()
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_load_model) as pool:
        chunks = [texts[i : i + chunk] for i in range(0, len(texts), chunk)]
        sum(pool.map(_parse, chunks))
    return time.perf_counter() - t


def argmap_batch(
    files: list[Path],
    jobs: int,
    method: str = batch.START_METHOD,
    formats: list[Format] = FORMATS,
) -> float:
    """Seconds for argmap's batch runner to map `files` (HTML and JSON written to a temp dir)."""
    with tempfile.TemporaryDirectory(prefix="argmap-bench-") as out:
        tasks = batch.plan([str(f) for f in files], formats, Path(out))
        t = time.perf_counter()
        failed = [o.error for o in batch.run(tasks, jobs, start_method=method) if o.error]
        took = time.perf_counter() - t
    if failed:
        print(f"  ({len(failed)} essays failed, e.g. {failed[0]})")
    return took


def throughput(files: list[Path], jobs: int, rounds: int) -> None:
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(files)} essays, {words:,} words; jobs/n_process = {jobs}; {rounds} rounds")
    from argmap.nlp.english import stock

    list(stock().pipe(["Load and warm up the pipeline."]))
    sides = {
        "spacy": lambda: raw_spacy(texts, jobs),
        "parse": lambda: parse_pool(texts, jobs),
        "argmap": lambda: argmap_batch(files, jobs),
        "json": lambda: argmap_batch(files, jobs, formats=[Format.JSON]),
    }
    eps: dict[str, list[float]] = {side: [] for side in sides}
    ratios: dict[tuple[str, str], list[float]] = {
        ("argmap", "spacy"): [],
        ("argmap", "parse"): [],
        ("json", "parse"): [],
    }
    order = list(sides)
    for r in range(rounds):
        took = {}
        k = r % len(order)
        for side in order[k:] + order[:k]:  # rotate, so load changes favour no side
            took[side] = sides[side]()
            eps[side].append(len(files) / took[side])
        for a, b in ratios:
            ratios[a, b].append(took[b] / took[a])
        print(
            f"round {r + 1}: nlp.pipe(n_process={jobs}) {took['spacy']:5.1f} s, "
            f"parse-only pool {took['parse']:5.1f} s, argmap {took['argmap']:5.1f} s, "
            f"argmap JSON only {took['json']:5.1f} s"
        )
    med = {side: statistics.median(v) for side, v in eps.items()}
    print(
        f"median essays/s: raw spaCy nlp.pipe(texts, n_process={jobs}) {med['spacy']:.2f}, "
        f"spaCy parse-only pool ({jobs} processes) {med['parse']:.2f}, "
        f"argmap --jobs {jobs} {med['argmap']:.2f} (JSON only: {med['json']:.2f})"
    )
    names = {
        "spacy": f"nlp.pipe(n_process={jobs})",
        "parse": "parse-only pool",
        "argmap": "argmap",
        "json": "argmap JSON only",
    }
    for (a, b), values in ratios.items():
        print(
            f"median throughput ratio {names[a]} / {names[b]}: {statistics.median(values):.2f} "
            f"(rounds: {', '.join(f'{x:.2f}' for x in values)})"
        )


def memory(files: list[Path], jobs: int, n: int) -> None:
    with tempfile.TemporaryDirectory(prefix="argmap-bench-mem-") as tmp:
        essays, out = Path(tmp) / "essays", Path(tmp) / "out"
        essays.mkdir()
        for i in range(n):
            shutil.copyfile(files[i % len(files)], essays / f"essay{i:04d}.txt")
        cmd = [sys.executable, "-m", "argmap", "map", str(essays), "-o", str(out)]
        cmd += ["-j", str(jobs), "-q"]
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT)
        with TreeMemory(proc.pid) as mem:
            _, status, usage = os.wait4(proc.pid, 0)
        code = proc.returncode = os.waitstatus_to_exitcode(status)
        took = time.perf_counter() - t
        written = len(list(out.rglob("*.json")))
        index = (out / "index.html").is_file() and (out / "summary.csv").is_file()
    half = len(mem.samples) // 2
    rss, pss = mem.peak()
    rss1, pss1 = mem.peak(slice(None, half))
    rss2, pss2 = mem.peak(slice(half, None))
    largest = usage.ru_maxrss / 1024
    print(
        f"{n} essays: exit {code}, {written} maps + index/summary {'yes' if index else 'NO'}, "
        f"{took:.1f} s ({n / took:.2f} essays/s)\n"
        f"  peak memory of the process tree (argmap + {jobs} workers), sampled every 0.1 s: "
        f"RSS sum {rss:.0f} MB, PSS sum {pss:.0f} MB\n"
        f"  first half of the run: RSS {rss1:.0f} / PSS {pss1:.0f} MB; second half: "
        f"RSS {rss2:.0f} / PSS {pss2:.0f} MB\n"
        f"  ru_maxrss of the argmap process, or of a finished descendant if larger (kernel, "
        f"from wait4): {largest:.0f} MB"
    )


def designs(files: list[Path], jobs: int, rounds: int) -> None:
    """Worker pools by start method, against one nlp.pipe(n_process) call feeding argmap."""
    runs = {
        "pool, fork": lambda: argmap_batch(files, jobs, "fork"),
        "pool, forkserver": lambda: argmap_batch(files, jobs, "forkserver"),
        "pool, spawn": lambda: argmap_batch(files, jobs, "spawn"),
        f"nlp.pipe(n_process={jobs}) + stages in parent": lambda: piped(files, jobs),
    }
    took: dict[str, list[float]] = {k: [] for k in runs}
    print(f"{len(files)} essays, {jobs} processes, {rounds} rounds (order rotates per round)")
    names = list(runs)
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            took[name].append(runs[name]())
            print(f"  round {r + 1} {name}: {took[name][-1]:.1f} s")
    for name, times in took.items():
        med = statistics.median(times)
        print(f"{name:45s} median {med:6.1f} s  {len(files) / med:5.2f} essays/s")


def piped(files: list[Path], n_process: int) -> float:
    """Map `files` with spaCy parsing in `n_process` processes (one `nlp.pipe` call over every
    essay's pieces) and all other stages in this process; HTML and JSON written like
    `argmap map`. Checks that the maps equal those of the batch runner."""
    from argmap.nlp import english
    from argmap.nlp.segment import parse_texts
    from argmap.pipeline import Pipeline
    from argmap.readers import read_path
    from argmap.text.clean import clean
    from argmap.text.structure import structure
    from argmap.writers import export
    from argmap.writers.files import atomic_write

    real = english.load()

    with tempfile.TemporaryDirectory(prefix="argmap-bench-pipe-") as out:
        t = time.perf_counter()
        raws = [read_path(f) for f in files]

        def pieces() -> Iterator[str]:
            for raw in raws:
                text = clean(raw.text).text
                yield from parse_texts(text, structure(text))

        stream = real.pipe(pieces(), n_process=n_process)

        class Fed:  # stands in for the pipeline: hands out the docs parsed in the workers
            vocab = real.vocab

            def pipe(self, texts: Iterator[str]) -> list[object]:
                docs = []
                for text in texts:
                    doc = next(stream)
                    assert doc.text == text
                    docs.append(doc)
                return docs

        fed = Pipeline(nlp=Fed())  # the pipeline is given its parser: nothing is swapped
        try:
            for f, raw in zip(files, raws, strict=True):
                m = fed.parse_raw(raw)
                for fmt in FORMATS:
                    atomic_write(Path(out) / f"{f.stem}{fmt.suffix}", export(m, fmt))
        finally:
            stream.close()  # ends spaCy's worker processes
        took = time.perf_counter() - t
        check = files[: min(5, len(files))]
        tasks = batch.plan([str(f) for f in check], [Format.JSON], Path(out) / "check")
        list(batch.run(tasks, 1))
        same = all(
            (Path(out) / f"{f.stem}.json").read_bytes() == t.outputs[0][1].read_bytes()
            for f, t in zip(check, tasks, strict=True)
        )
    if not same:
        print("  (warning: nlp.pipe(n_process) maps differ from the batch runner's)")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--essays", type=int, default=1000, help="essays for the memory check")
    parser.add_argument("--designs", action="store_true", help="compare worker designs only")
    parser.add_argument("--limit", type=int, help="use only the first N essays (a quick check)")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} not found (the ArgRewrite essays live in ../shared)")
        return
    files = essay_files()[: args.limit]
    print(f"machine: {os.cpu_count()} CPU cores, load average {os.getloadavg()[0]:.2f}")
    if args.designs:
        designs(files, args.jobs, args.rounds)
        return
    throughput(files, args.jobs, args.rounds)
    memory(files, args.jobs, args.essays)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
