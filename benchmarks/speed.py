"""Speed: argmap's whole pipeline against raw spaCy parsing of the same texts, in one run.

    python3 benchmarks/speed.py            # essays/ plus, when present, ../shared/data/argrewrite
    python3 benchmarks/speed.py corpus     # the second set: the project corpus's 129 texts

Prints words per second for both and the ratio argmap / spaCy (how much argmap adds on top of
the parse it cannot avoid). The floor is the English pipeline as shipped (`english.stock`: no
lemmatizer, which argmap does not read); argmap's own copy puts a table of the attribute
ruler's rules in the ruler's place (`english.AttributeTable`: the same tags, faster), timed
on its own line. Also, within argmap's own run, the time spent inside spaCy's calls
against the rest (argmap's own stages; steadier than the ratio of two separate runs); the
argument stages alone for each registered roles/links pair (rules, learned) as a share of the
parse. Also times one `argmap map` and `argmap --help` as a user runs them.
Reported, not enforced: timings vary with the machine's load.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "argrewrite" / "essays" / "Draft1"
ROUNDS = 2


def texts(which: str = "essays") -> list[tuple[str, str]]:
    if which == "corpus":  # history, literature, science, web pages ... and student essays
        files = sorted((ROOT / "corpus" / "texts").glob("*.txt"))
        return [(p.name, p.read_text(encoding="utf-8")) for p in files]
    essays = sorted(p for p in (ROOT / "essays").iterdir() if p.is_file())
    out = [(p.name, p.read_text(encoding="utf-8")) for p in essays]
    if SHARED.is_dir():
        out += [
            (p.name, p.read_text(encoding="utf-8", errors="replace"))
            for p in sorted(SHARED.iterdir())
        ]
    else:
        print(f"note: {SHARED} not found; timing essays/ only")
    return out


def wall(cmd: list[str], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _time_inside_spacy() -> Callable[[], float]:
    """Count the time spent inside `Language.__call__` and `Language.pipe` from now on; the
    returned function gives the total so far."""
    from spacy.language import Language

    total = [0.0]
    call, pipe = Language.__call__, Language.pipe

    def timed_call(self: Language, *args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return call(self, *args, **kwargs)
        finally:
            total[0] += time.perf_counter() - t

    def timed_pipe(self: Language, *args: Any, **kwargs: Any) -> Iterator[Any]:
        docs = pipe(self, *args, **kwargs)
        while True:
            t = time.perf_counter()
            try:
                doc = next(docs)
            except StopIteration:
                return
            finally:
                total[0] += time.perf_counter() - t
            yield doc

    Language.__call__ = timed_call  # type: ignore[method-assign]
    Language.pipe = timed_pipe  # type: ignore[method-assign,assignment]
    return lambda: total[0]


def stages(docs: list[tuple[str, str]], spacy_s: float) -> None:
    """Time the argument stages alone (causes, roles and links, on units segmented beforehand)
    for each registered causal extractor and role classifier and linker pair, against the raw
    spaCy parse time."""
    from argmap.argument import causal_extractor, linker, role_classifier
    from argmap.nlp.segment import parse_units
    from argmap.text.clean import clean
    from argmap.text.structure import structure

    prepared, parsed = [], []
    for _, raw in docs:
        text = clean(raw).text
        units, sentences = parse_units(text, structure(text))
        prepared.append((text, units))
        parsed.append((text, units, sentences))
    for name in ("patterns", "learned"):
        causes = causal_extractor(name)
        t = time.perf_counter()
        for text, units, sentences in parsed:
            causes.ties(text, units, sentences)
        took = time.perf_counter() - t
        print(f"causes {name}: {took:5.2f} s ({took / spacy_s:.1%} of the spaCy parse)")
    for roles_name, links_name in (
        ("rules", "rules"),
        ("ranked", "rules"),
        ("learned", "rules"),
        ("hybrid", "rules"),  # the default
        ("learned", "learned"),
    ):
        roles, links = role_classifier(roles_name), linker(links_name)
        t = time.perf_counter()
        for text, units in prepared:
            links.link(roles.classify(text, units), units)
        took = time.perf_counter() - t
        print(
            f"roles {roles_name}, links {links_name}: {took:5.2f} s "
            f"({took / spacy_s:.1%} of the spaCy parse)"
        )


def main() -> None:
    from argmap.nlp.english import load, stock
    from argmap.pipeline import parse_essay

    docs = texts(sys.argv[1] if len(sys.argv) > 1 else "essays")
    words = sum(len(t.split()) for _, t in docs)
    shipped, nlp = stock(), load()
    for pipeline in (shipped, nlp):
        list(pipeline.pipe(["Warm up the pipeline."]))
    parse_essay("Warm up argmap. It loads its models once.")

    def parse_all(pipeline: Any) -> float:
        t = time.perf_counter()
        for _, text in docs:
            pipeline(text)
        return time.perf_counter() - t

    def map_all() -> float:
        t = time.perf_counter()
        for _, text in docs:
            parse_essay(text)
        return time.perf_counter() - t

    # Interleaved rounds, the fastest of each kept (the machine's load only ever adds time).
    inside = _time_inside_spacy()
    spacy_runs, own_runs, argmap_runs, in_spacy_runs = [], [], [], []
    for _ in range(ROUNDS):
        spacy_runs.append(parse_all(shipped))
        own_runs.append(parse_all(nlp))
        before = inside()
        argmap_runs.append(map_all())
        in_spacy_runs.append(inside() - before)
    spacy_s, own_pipe_s, argmap_s = min(spacy_runs), min(own_runs), min(argmap_runs)
    in_spacy = in_spacy_runs[argmap_runs.index(argmap_s)]
    print(f"{len(docs)} texts, {words} words; fastest of {ROUNDS} interleaved rounds")
    print(f"raw spaCy parse : {spacy_s:6.2f} s  {words / spacy_s:8.0f} words/s  (as shipped)")
    print(
        f"  argmap's spaCy pipeline: {own_pipe_s:6.2f} s  ({own_pipe_s / spacy_s:.2f} of it: "
        "the attribute ruler's rules as a table)"
    )
    print(f"argmap pipeline : {argmap_s:6.2f} s  {words / argmap_s:8.0f} words/s")
    print(f"ratio argmap/spaCy: {argmap_s / spacy_s:.2f}")
    own = argmap_s - in_spacy
    print(f"within argmap: spaCy {in_spacy:.2f} s, own stages {own:.2f} s (+{own / in_spacy:.0%})")
    stages(docs, spacy_s)
    essay = "essays/history-collectivisation.txt"
    exe = shutil.which("argmap")
    argmap = [exe] if exe else [sys.executable, "-m", "argmap"]
    n = len((ROOT / essay).read_text(encoding="utf-8").split())
    with tempfile.TemporaryDirectory() as out:
        took = wall(argmap + ["map", essay, "-o", out, "-q", "--force"])
    print(f"argmap map {essay} ({n} words), median of 3: {took:.2f} s")
    print(f"argmap --help, median of 3: {wall(argmap + ['--help']):.2f} s")


if __name__ == "__main__":
    main()
