"""Map a whole class: many essays, in parallel over CPU cores, streaming.

`discover` turns the command line's files and folders into a sorted list of files; `plan` gives
each essay its output files (decided up front, in input order, so the files written never depend
on which worker finishes first); `run` maps the essays and yields one small `Outcome` per essay
as it finishes. With `jobs > 1` a pool of worker processes does the work: each worker loads
spaCy once (`_start_worker`), maps an essay, writes its files itself (atomically) and sends back
only the `Outcome`, a few hundred bytes. At most `jobs * WINDOW` essays are in flight, so the
memory used stays flat however many essays there are. A file that cannot be mapped becomes an
`Outcome` with an `error`, and the batch goes on.

Workers are started with the "forkserver" method (`START_METHOD`), chosen by measurement
(`python3 benchmarks/batch.py --designs`, 258 essays, 2 workers on a 2-core machine, median of
2 rounds): fork 26.1 s, forkserver 26.9 s, spawn 28.3 s; one `nlp.pipe(n_process=2)` call with
argmap's other stages in the parent process was slowest, 37.9 s (every parsed Doc is serialised
back to the parent, and the parent's own work competes with the parsers for the two cores).
Forkserver is within 3% of fork and, unlike fork, never copies a parent that runs threads (the
progress bar's); the server imports spaCy and argmap once, each worker loads the model once.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     essay = Path(tmp) / "essay.txt"
...     _ = essay.write_text("Homework should be banned. A 2019 survey found 62% sleep less.")
...     tasks = plan([str(essay)], [Format.JSON], Path(tmp) / "out")
...     [(o.name, o.scores["claims"], o.error) for o in run(tasks, jobs=1)]
[('essay.txt', 0, None)]
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import threading
from collections import deque
from collections.abc import Collection, Generator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.app.io import one_line
from argmap.argument import DEFAULT_MODELS
from argmap.model import ArgumentMap, InputError, MapError
from argmap.readers import MAX_WORDS, TIME_LIMIT
from argmap.writers import Format, View, format_for_path, path_for
from argmap.writers.files import (
    atomic_write,
    force_hint,
    overwrite_problem,
    written_by_argmap,
)

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = [
    "Task",
    "Outcome",
    "START_METHOD",
    "WINDOW",
    "discover",
    "plan",
    "run",
    "map_one",
    "Job",
    "Mapped",
    "prepare",
    "map_data",
    "finish",
    "default_jobs",
    "write_assets",
    "ASSETS",
]

#: How worker processes start; measured in `benchmarks/batch.py` (see the module docstring).
START_METHOD = "forkserver"
# Modules a "forkserver" imports before it forks the workers (not the model: `_start_worker`).
_PRELOAD = (
    "argmap.pipeline",
    "argmap.writers",
    "argmap.writers.html.page",
    "argmap.findings.scorecard",
)
#: The subfolder of an output folder that holds the scripts its pages share (`plan`).
ASSETS = "assets"
#: Essays in flight per worker: enough to keep every worker busy, few enough to stay streaming.
WINDOW = 4

# Hidden files, and the lock files Word leaves beside an open document ("~$essay.docx").
_HIDDEN = (".", "~$")


@dataclass(frozen=True)
class Task:
    """One essay to map: its position in the batch, its name, the files to write.

    `data` holds the bytes of standard input (`item` "-"), read by the parent process;
    `models` the registered names of the argument stages (roles, links, causes) the worker
    builds its pipeline from; `max_words` and `time_limit` (seconds) bound the work (0 or None:
    no bound). Without `force`, an output that is not argmap's, or a map changed since argmap
    wrote it, stops the essay before anything is written (`argmap.writers.files`). `assets`
    is the relative folder the HTML page reads its scripts from (None: a self-contained page).
    """

    index: int
    item: str
    outputs: tuple[tuple[Format, Path], ...]
    data: bytes | None = None
    models: tuple[str, str, str] = DEFAULT_MODELS
    max_words: int | None = MAX_WORDS
    time_limit: float | None = TIME_LIMIT
    force: bool = False
    assets: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What the class summary needs to know about one essay, small enough to keep for all.

    `scores` is the essay's `Scorecard.row()`; empty when the essay failed, and then `error` is
    a one-line message that names the file. `notes` are its findings, short: (code, severity,
    the passage it is about cut to a line, or "" for the whole essay).
    """

    index: int
    item: str
    written: tuple[Path, ...] = ()
    components: int = 0
    relations: int = 0
    scores: dict[str, int | float | str] = field(default_factory=dict)
    error: str | None = None
    notes: tuple[tuple[str, str, str], ...] = ()

    @property
    def name(self) -> str:
        """The essay's file name ("-" for standard input)."""
        return self.item if self.item == "-" else Path(self.item).name

    @property
    def findings(self) -> int:
        value = self.scores.get("findings", 0)
        return value if isinstance(value, int) else 0


def default_jobs() -> int:
    """The number of CPU cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def discover(
    items: Sequence[str],
    recursive: bool = False,
    skip: Path | None = None,
    skipped: list[tuple[str, str]] | None = None,
) -> list[tuple[str, Path | None]]:
    """The essays named by `items`: files stay as given, folders become their files.

    Returns `(file, folder)` pairs: `folder` is the folder argument a file was found in (None for
    a file named directly), so outputs can mirror subfolders. A folder's files come in path
    order; hidden files and folders and Word's lock files ("~$essay.docx") are left out, and so
    is `skip` (the output folder) when it lies inside. With `recursive`, subfolders are searched
    too. Entries of a folder that are not essays are left out and added to `skipped` (when
    given) with the reason: argmap's own outputs (maps, pages, summaries: see
    `argmap.writers.files`), and what is not a regular file (a FIFO, a device, a broken link, a
    loop of links). Every other file is kept, so one that cannot be read gets its own error.
    """
    skipped = [] if skipped is None else skipped
    out: list[tuple[str, Path | None]] = []
    skip_real = skip.resolve() if skip is not None and skip.is_dir() else None
    for item in items:
        folder = Path(item)
        if item == "-" or not folder.is_dir():
            out.append((item, None))
            continue
        found: list[Path] = []
        for root, dirs, files in os.walk(folder):
            here = Path(root)
            dirs[:] = (
                sorted(
                    d for d in dirs if not d.startswith(".") and (here / d).resolve() != skip_real
                )
                if recursive
                else []
            )
            for f in files:
                if f.startswith(_HIDDEN):
                    continue
                why = _not_an_essay(here / f)
                if why is None:
                    found.append(here / f)
                else:
                    skipped.append((str(here / f), why))
        out.extend((str(f), folder) for f in sorted(found, key=lambda p: p.parts))
    return out


def _not_an_essay(path: Path) -> str | None:
    """Why a file found in a folder is left out, or None to map it."""
    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a loop of links"
        return "a broken link" if os.path.islink(path) else None
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a FIFO, a device or a socket)"
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return None  # mapped, and its error says what is wrong
    return "written by argmap" if written_by_argmap(head) else None


def plan(
    inputs: Sequence[str | tuple[str, Path | None]],
    formats: Sequence[Format],
    folder: Path,
    target: Path | None = None,
    stdin: bytes | None = None,
    reserved: Collection[str] = (),
    models: tuple[str, str, str] = DEFAULT_MODELS,
    max_words: int | None = MAX_WORDS,
    time_limit: float | None = TIME_LIMIT,
    force: bool = False,
    shared_assets: bool = False,
) -> list[Task]:
    """Give each essay its output files: `folder/<name><suffix>`, or `target` for one essay.

    An essay found in a subfolder of a folder argument is written to the same subfolder of
    `folder`. Two essays that would get the same name (essay.txt and essay.md) are told apart by
    their suffix, then by a number, in input order; so is an essay whose name is in `reserved`
    (the class summary's "index" and "summary"). Every task is mapped with the argument stages
    named in `models`, within `max_words` and `time_limit`, replacing any file with `force`.
    With `shared_assets`, pages written into `folder` read their scripts from `folder/assets/`
    (see `ASSETS`) instead of carrying them.

    >>> [t.outputs[0][1].as_posix() for t in plan(["a/e.txt", "b/e.txt", "e.md"], [Format.JSON],
    ...     Path("out"))]
    ['out/e.json', 'out/e-txt.json', 'out/e-md.json']
    """
    tasks: list[Task] = []
    taken = set(reserved)
    for index, entry in enumerate(inputs):
        item, base = entry if isinstance(entry, tuple) else (entry, None)
        data = stdin if item == "-" else None
        if target is not None:
            named = format_for_path(target)
            outputs = tuple((f, target if f is named else path_for(target, f)) for f in formats)
            tasks.append(Task(index, item, outputs, data, models, max_words, time_limit, force))
            continue
        path = Path(item)
        sub = path.parent.relative_to(base) if base is not None else Path()
        stem = (sub / ("stdin" if item == "-" else path.stem)).as_posix()
        name = stem
        if name in taken:
            name = f"{stem}-{path.suffix.lstrip('.') or 'file'}"
        n = 2
        while name in taken:
            name, n = f"{stem}-{n}", n + 1
        taken.add(name)
        assets = "../" * len(sub.parts) + f"{ASSETS}/" if shared_assets else None
        tasks.append(
            Task(
                index,
                item,
                tuple((f, folder / f"{name}{f.suffix}") for f in formats),
                data,
                models,
                max_words,
                time_limit,
                force,
                assets,
            )
        )
    return tasks


def run(
    tasks: Sequence[Task],
    jobs: int = 1,
    view: View = View.ARGUMENT,
    start_method: str = START_METHOD,
) -> Generator[Outcome, None, None]:
    """Map every task and yield its `Outcome` as soon as it is done (in finishing order).

    `jobs` 1 maps in this process; more starts that many worker processes (never more than
    there are essays). A worker that dies (killed, out of memory) costs only the essay it was
    mapping: the essays it shared the pool with are mapped again in a fresh pool.
    """
    jobs = min(jobs, len(tasks))
    if jobs <= 1:
        for task in tasks:
            yield map_one(task, view)
        return
    yield from _run_pool(tasks, jobs, view, start_method)


def _run_pool(
    tasks: Sequence[Task],
    jobs: int,
    view: View,
    method: str,
) -> Iterator[Outcome]:
    """`run` with a pool of `jobs` processes started by `method`."""
    # Imported here: the command line imports this module, and needs no processes for --help.
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    work = _work
    context = multiprocessing.get_context(method)
    if method == "forkserver":  # the server imports spaCy and argmap once; workers fork from it
        context.set_forkserver_preload(list(_PRELOAD))
    pending = deque(tasks)
    suspects: deque[Task] = deque()  # in flight when a worker died: retried one at a time
    while pending or suspects:
        isolated = bool(suspects)  # a pool of one worker that maps one suspect at a time
        executor = ProcessPoolExecutor(
            max_workers=1 if isolated else jobs,
            mp_context=context,
            initializer=_start_worker,
        )
        inflight: dict[Future[Outcome], Task] = {}
        try:
            while inflight or (suspects if isolated else pending):
                if isolated:
                    if not inflight:
                        task = suspects.popleft()
                        inflight[executor.submit(work, task, view)] = task
                else:
                    while pending and len(inflight) < jobs * WINDOW:
                        task = pending.popleft()
                        inflight[executor.submit(work, task, view)] = task
                done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                broken = False
                for future in sorted(done, key=lambda f: inflight[f].index):
                    task = inflight.pop(future)
                    try:
                        outcome = future.result()
                    except BrokenProcessPool:
                        broken = True
                        if isolated:  # mapped alone: this essay is what killed the worker
                            yield _failed(task, _DIED)
                        else:
                            suspects.append(task)
                        continue
                    except Exception as exc:  # e.g. a result that cannot be sent back
                        outcome = _failed(task, f"internal error ({type(exc).__name__}: {exc})")
                    yield outcome
                if broken:
                    suspects.extend(sorted(inflight.values(), key=lambda t: t.index))
                    inflight.clear()
                    break
        except BaseException:  # Ctrl-C, SIGTERM (see the command line) or the reader gone
            _stop_workers(executor)
            raise
        finally:
            executor.shutdown(wait=True, cancel_futures=True)


def _stop_workers(executor: ProcessPoolExecutor, grace: float = 3.0) -> None:
    """Stop the pool's workers now, not after the essays they are mapping: SIGTERM first (a
    worker removes the temporary file it may be writing), SIGKILL after `grace` seconds."""
    workers = list((getattr(executor, "_processes", None) or {}).values())
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(grace)
        if worker.is_alive():
            worker.kill()
            worker.join(1.0)


_DIED = "the worker process mapping it died (killed, out of memory, or stuck past the time limit)"


def _failed(task: Task, reason: str) -> Outcome:
    return Outcome(task.index, task.item, error=_error(task.item, reason))


def _error(item: str, reason: str) -> str:
    """The one-line error of an essay: its name, then the reason on one line."""
    return f"{item}: {' '.join(reason.split())}"


def _start_worker() -> None:
    """Pool initializer: leave Ctrl-C to the parent; load spaCy and warm up the pipeline once.

    A worker also stops itself when an essay takes far more CPU time than its time limit (see
    `_cpu_backstop`), and never writes a core file when it does.
    """
    global _WORKER
    _WORKER = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_now)
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass
    from argmap.nlp.english import load
    from argmap.pipeline import parse_essay

    try:
        load()
        parse_essay("Warm up the pipeline. It loads the cues.")
    except InputError:
        pass  # no spaCy model: every essay reports it


def write_assets(folder: Path, force: bool = False) -> Path:
    """Write the scripts and style sheet the pages in `folder` share into `folder/assets/`
    (atomically, over argmap's own files only unless `force`); return that folder."""
    from argmap.writers.html.page import asset_files

    target = folder / ASSETS
    for name, text in asset_files().items():
        atomic_write(target / name, text, force)
    return target


def _notes(m: ArgumentMap) -> tuple[tuple[str, str, str], ...]:
    """The map's findings for the class page: code, severity, the passage cut to a line."""
    text = {c.id: " ".join(c.text.split()) for c in m.components}
    out = []
    for f in m.findings:
        passage = text.get(f.component or "", "")
        if len(passage) > _NOTE:
            passage = passage[: _NOTE - 1].rsplit(" ", 1)[0] + "\u2026"
        out.append((f.code, f.severity.value, passage))
    return tuple(out)


_NOTE = 120


_WORKER = False  # true in a pool's worker process


def _exit_now(signum: int, frame: object) -> None:
    """SIGTERM in a worker: unwind (files being written are removed on the way) and exit; a
    second SIGTERM (the pool shutting down) must not cut the unwinding short."""
    signal.signal(signum, signal.SIG_IGN)
    raise SystemExit(128 + signum)


def _work(task: Task, view: View) -> Outcome:
    """`map_one` in a worker, which exits when told to stop (the pool would go on to the next
    essay after an exception in this one)."""
    try:
        return map_one(task, view)
    except SystemExit as stop:
        os._exit(stop.code if isinstance(stop.code, int) else 1)


class _TimeUp(BaseException):
    """Raised in the middle of mapping when an essay's time limit is up (a BaseException, so no
    `except Exception` on the way swallows it)."""


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise `_TimeUp` in this thread when the block runs longer than `seconds` (a SIGALRM
    timer; only in a main thread, where Python can deliver signals)."""
    if (
        not seconds
        or threading.current_thread() is not threading.main_thread()
        or not hasattr(signal, "setitimer")
    ):
        yield
        return

    def time_up(signum: int, frame: object) -> None:
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, time_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _cpu_backstop(seconds: float | None) -> None:
    """In a worker: let the kernel stop this process once it has used `2 * seconds + 10` more
    seconds of CPU (SIGXCPU), for work the timer cannot interrupt (a long call into C). The
    pool then reports the essay as having killed its worker, and the batch goes on."""
    if not _WORKER:
        return
    try:
        import resource

        used = resource.getrusage(resource.RUSAGE_SELF)
        spent = used.ru_utime + used.ru_stime
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        soft = int(spent + 2 * seconds + 10) if seconds else hard  # no limit: as before
        if hard == resource.RLIM_INFINITY or soft <= hard:
            resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    except (ImportError, ValueError, OSError):
        pass


def map_one(task: Task, view: View = View.ARGUMENT) -> Outcome:
    """Map one essay, write its files, and return its outcome; errors become `Outcome.error`.

    Reading, mapping and rendering stop with an error past `task.time_limit`; the files are
    written after that, whole or not at all.
    """
    job = prepare(task, view)
    return job if isinstance(job, Outcome) else finish(task, map_data(job))


@dataclass(frozen=True)
class Job:
    """An essay to map with no file system in common: its bytes, the formats to make of it and
    the settings of its `Task` (`map_data` maps it on whatever machine runs it)."""

    index: int
    item: str
    data: bytes
    formats: tuple[Format, ...]
    models: tuple[str, str, str] = DEFAULT_MODELS
    max_words: int | None = MAX_WORDS
    time_limit: float | None = TIME_LIMIT
    assets: str | None = None
    view: View = View.ARGUMENT


@dataclass(frozen=True)
class Mapped:
    """What `map_data` sends back: one text per format of the job, and the essay's outcome
    (counts, scorecard row, notes), or the error."""

    index: int
    item: str
    texts: tuple[str, ...] = ()
    components: int = 0
    relations: int = 0
    scores: dict[str, int | float | str] = field(default_factory=dict)
    notes: tuple[tuple[str, str, str], ...] = ()
    error: str | None = None


def prepare(task: Task, view: View = View.ARGUMENT) -> Job | Outcome:
    """The job of a task, its essay's bytes loaded; or the outcome of an essay that cannot be
    mapped (an output argmap may not replace, a file it cannot read)."""
    from argmap.readers import load_path

    try:
        if not task.force:
            for _, path in task.outputs:
                problem = overwrite_problem(path)
                if problem is not None:
                    return _failed(task, f"not mapped: {path} {problem}{force_hint(problem)}")
        data = (task.data or b"") if task.item == "-" else load_path(Path(task.item))
    except (InputError, OSError) as exc:
        return Outcome(task.index, task.item, error=one_line(exc, task.item))
    formats = tuple(fmt for fmt, _ in task.outputs)
    return Job(
        task.index,
        task.item,
        data,
        formats,
        task.models,
        task.max_words,
        task.time_limit,
        task.assets,
        view,
    )


def map_data(job: Job) -> Mapped:
    """Map an essay's bytes into the texts of its outputs: no file is read or written, so any
    process on any machine can run it (a pool worker, a Dask worker); the pipeline is built once
    per process. Errors become `Mapped.error`."""
    from argmap.findings.scorecard import scorecard
    from argmap.pipeline import pipeline
    from argmap.readers import check_words, read_bytes
    from argmap.writers import export

    try:
        chosen = pipeline(*job.models)  # built once per process and choice of models
        _cpu_backstop(job.time_limit)
        with _time_limit(job.time_limit):
            if job.item == "-" and written_by_argmap(job.data):
                raise InputError("-: written by argmap (a map, page or summary), not an essay")
            raw = read_bytes(job.data, job.item)
            check_words(raw, job.max_words)
            m = chosen.parse_raw(raw)
            texts = tuple(export(m, fmt, job.view, job.assets) for fmt in job.formats)
        return Mapped(
            job.index,
            job.item,
            texts,
            len(m.components),
            len(m.relations),
            scorecard(m).row(),
            _notes(m),
        )
    except _TimeUp:
        limit = f"{job.time_limit:g}"
        return _mapped_failed(job, f"took more than {limit} s to map (--time-limit sets the limit)")
    except (InputError, MapError, OSError, UnicodeDecodeError) as exc:
        return Mapped(job.index, job.item, error=one_line(exc, job.item))
    except Exception as exc:  # a bug must not stop a class batch; report it on one line
        return _mapped_failed(
            job, f"internal error ({type(exc).__name__}: {exc}); please report it"
        )


def _mapped_failed(job: Job, reason: str) -> Mapped:
    return Mapped(job.index, job.item, error=_error(job.item, reason))


def finish(task: Task, mapped: Mapped) -> Outcome:
    """Write what `map_data` made of a task's essay (each file atomically) and return the
    essay's outcome."""
    if mapped.error is not None:
        return Outcome(task.index, task.item, error=mapped.error)
    try:
        for (_, path), text in zip(task.outputs, mapped.texts, strict=True):
            atomic_write(path, text, task.force)
    except OSError as exc:
        return Outcome(task.index, task.item, error=one_line(exc, task.item))
    return Outcome(
        task.index,
        task.item,
        tuple(path for _, path in task.outputs),
        mapped.components,
        mapped.relations,
        mapped.scores,
        notes=mapped.notes,
    )
