"""The `argmap` command line: a thin layer over the library. Only this module prints or exits.

Exit codes: 0 every input mapped, 1 some input failed (each failure is one line on stderr naming
the file), 2 usage error. The library (spaCy, pyvis) is imported only when a command needs it, so
`argmap --help` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Generator, Iterator
from contextlib import closing, contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from argmap import __version__
from argmap.app.io import one_line as _one_line
from argmap.app.report import ReportFormat
from argmap.argument import DEFAULT_MODELS, CauseModel, LinkModel, RoleModel
from argmap.evaluation import GoldFormat
from argmap.model import ArgumentMap, InputError, MapError
from argmap.readers import MAX_WORDS, TIME_LIMIT, InputFormat
from argmap.writers import Format, View, format_for_path, parse_formats
from argmap.writers.files import atomic_write as _atomic_write

if TYPE_CHECKING:
    from argmap.app.batch import Outcome, Task

__all__ = ["app"]

app = typer.Typer(
    name="argmap",
    help="Turn essays into interactive argument maps (HTML) and JSON graphs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

DEFAULT_OUT = Path("graphs")
_ALL_FORMATS = [Format.HTML, Format.JSON]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"argmap {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Turn essays into interactive argument maps (HTML) and JSON graphs."""


# Outputs are never written over files argmap did not write, or over maps corrected since
# (`argmap.writers.files`), unless --force says so.
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Replace output files that argmap did not write, and maps corrected since argmap "
        "wrote them (by default such a file is left as it is, with an error).",
    ),
]

# The argument stages, chosen by their registered names (`argmap.argument`).
RolesOption = Annotated[
    RoleModel, typer.Option("--roles", help="Role classifier (how units get their roles).")
]
LinksOption = Annotated[
    LinkModel, typer.Option("--links", help="Linker (supports and attacks between components).")
]
CausesOption = Annotated[
    CauseModel,
    typer.Option("--causes", help="Causal extractor (none: a map without causes)."),
]


class Engine(StrEnum):
    """Where a batch's essays are mapped."""

    LOCAL = "local"  # worker processes on this machine (batch.run)
    DASK = "dask"  # a Dask cluster (app/cluster.py)


_DEFAULT_ROLES = RoleModel(DEFAULT_MODELS[0])
_DEFAULT_LINKS = LinkModel(DEFAULT_MODELS[1])
_DEFAULT_CAUSES = CauseModel(DEFAULT_MODELS[2])


@app.command("map")
def map_command(
    essays: Annotated[
        list[str],
        typer.Argument(
            help="Essay files ("
            + ", ".join(f.suffix for f in InputFormat)
            + "), folders of essays, or - for standard input.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Output folder (default: graphs/), or, for one essay, a file name ending in "
            "a format's suffix (.html, .json, .graphml, .dot, .mmd, .aif.json, .csv, ...).",
            show_default=False,
        ),
    ] = None,
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT[,FORMAT]",
            help="Formats to write, comma-separated or repeated: "
            + ", ".join(f.value for f in Format)
            + ". Default: html and json.",
            show_default=False,
        ),
    ] = None,
    view: Annotated[
        View,
        typer.Option(
            "--view",
            help="Graph the HTML page opens on: the whole argument, or only the causal chains.",
        ),
    ] = View.ARGUMENT,
    recursive: Annotated[
        bool,
        typer.Option(
            "--recursive",
            "-r",
            help="Also map the essays in the subfolders of a folder; the outputs keep the "
            "subfolders.",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Essays mapped at once, each in a worker process (default: one per CPU core; "
            "1 maps them one after another in this process).",
            show_default=False,
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
    max_words: Annotated[
        int,
        typer.Option(
            "--max-words",
            min=0,
            metavar="N",
            help=f"Refuse an essay of more than N words (0: no limit). Default: {MAX_WORDS:,}.",
            show_default=False,
        ),
    ] = MAX_WORDS,
    time_limit: Annotated[
        float,
        typer.Option(
            "--time-limit",
            min=0,
            metavar="SECONDS",
            help="Give up on an essay that takes longer to map (0: no limit). "
            f"Default: {TIME_LIMIT:g}.",
            show_default=False,
        ),
    ] = TIME_LIMIT,
    force: ForceOption = False,
    self_contained: Annotated[
        bool,
        typer.Option(
            "--self-contained",
            help="For a folder or several essays: put the scripts in every page, as for one "
            "essay (by default the pages share them in OUT/assets/).",
        ),
    ] = False,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="Where the essays are mapped: local worker processes (-j), or a Dask cluster "
            "(needs argmap[dask]; a local one of -j workers unless --scheduler).",
        ),
    ] = Engine.LOCAL,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="With --engine dask: the Dask scheduler to use (e.g. tcp://host:8786).",
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="For a folder or several essays: keep what an earlier run into the same "
            "folder mapped (same argmap, same stages), where the files are newer than the essay "
            "and unchanged; map the rest.",
        ),
    ] = False,
    roles: RolesOption = _DEFAULT_ROLES,
    links: LinksOption = _DEFAULT_LINKS,
    causes: CausesOption = _DEFAULT_CAUSES,
) -> None:
    """Map each essay and write graphs/<name>.html and graphs/<name>.json.

    For a folder or several essays, also write the class summary: graphs/index.html (a sortable
    table of the essays' scorecards, each linking to its map), graphs/summary.csv and
    graphs/summary.jsonl.
    """
    from argmap.app import batch

    target_format = format_for_path(output) if output is not None else None
    target_file = output if target_format is not None else None
    folder = output if output is not None and target_file is None else DEFAULT_OUT
    skipped: list[tuple[str, str]] = []
    inputs = batch.discover(essays, recursive, skip=folder, skipped=skipped)
    if not quiet:
        _say_skipped(skipped)
    if not inputs:
        _usage("no essays given: the folders are empty" if not skipped else "no essays to map")
    if target_file is not None and len(inputs) > 1:
        _usage(f"-o {output}: a file name needs exactly one essay; give a folder instead")
    try:
        chosen = parse_formats(formats or [])
    except ValueError as exc:
        _usage(f"--format: {exc}")
    fmts = chosen or ([target_format] if target_format is not None else _ALL_FORMATS)
    summary = target_file is None and (
        len(inputs) > 1 or any(e != "-" and Path(e).is_dir() for e in essays)
    )
    stdin = sys.stdin.buffer.read() if any(item == "-" for item, _ in inputs) else None
    reserved = ("index", "summary") if summary else ()
    models = (roles.value, links.value, causes.value)
    shared = summary and Format.HTML in fmts and not self_contained
    tasks = batch.plan(
        inputs,
        fmts,
        folder,
        target_file,
        stdin,
        reserved,
        models,
        max_words,
        time_limit,
        force,
        shared_assets=shared,
    )
    if scheduler is not None and engine is not Engine.DASK:
        _usage("--scheduler needs --engine dask")
    if resume and not summary:
        _usage("--resume needs a folder or several essays (it reads the class summary)")
    if shared:
        try:
            batch.write_assets(folder, force)
        except OSError as exc:
            _error(_one_line(exc, str(folder)))
            raise typer.Exit(1) from None
    journal = None
    todo = tasks
    if summary:
        from argmap.app.summary import Journal, previous_records, up_to_date

        kept = previous_records(folder, models) if resume else {}
        try:
            journal = Journal(folder, models, force)
        except OSError as exc:
            _error(_one_line(exc, str(folder)))
            raise typer.Exit(1) from None
        if kept:
            todo = []
            for task in tasks:
                rec = kept.get(task.item)
                if rec is not None and up_to_date(task, rec, folder):
                    journal.add_record(rec, task.index)
                else:
                    todo.append(task)
            if not quiet:
                _note(
                    f"--resume: kept {len(tasks) - len(todo)} of {len(tasks)} essays mapped "
                    "before; mapping the rest"
                )
    failed: list[tuple[int, str]] = []

    def done(o: Outcome) -> None:
        if journal is not None:
            journal.add(o)
        elif o.error:
            failed.append((o.index, o.item))

    try:
        _run_batch(todo, jobs or batch.default_jobs(), view, quiet, done, engine, scheduler)
    except ImportError:
        if engine is not Engine.DASK:
            raise
        from argmap.app.cluster import MISSING

        if journal is not None:
            journal.discard()
        _error(MISSING)
        raise typer.Exit(2) from None
    except OSError as exc:  # the Dask scheduler out of reach, the summary not writable
        if journal is not None:
            journal.discard()
        _error(_one_line(exc, scheduler if engine is Engine.DASK and scheduler else str(folder)))
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        if journal is None:
            _error("stopped: the essays mapped so far are written")
        else:
            journal.close()
            _error(
                f"stopped: the essays mapped so far are written and listed in {journal.path}; "
                "the same command with --resume goes on from there"
            )
        raise typer.Exit(130) from None
    if journal is not None:
        failed = journal.failed
        try:
            index, sheet, lines = journal.finish(force)
        except OSError as exc:
            _error(_one_line(exc, str(folder)))
            raise typer.Exit(1) from None
        if not quiet:
            mapped = journal.count - len(failed)
            typer.echo(
                f"class summary -> {index}, {sheet}, {lines} ({mapped} of {len(tasks)} mapped)"
            )
    if failed:
        if not quiet and len(tasks) > 1:
            names = ", ".join(item for _, item in sorted(failed))
            _error(f"{len(failed)} of {len(tasks)} essays failed: {names}")
        raise typer.Exit(1)


def _say_skipped(skipped: list[tuple[str, str]]) -> None:
    """One line for each folder entry left out, and one for all of argmap's own outputs."""
    own = sorted(path for path, why in skipped if why == "written by argmap")
    for path, why in sorted(skipped):
        if why != "written by argmap":
            _note(f"{path}: skipped, {why}")
    if own:
        shown = ", ".join(own[:4]) + (f" and {len(own) - 4} more" if len(own) > 4 else "")
        _note(
            f"skipped {_count(len(own), 'file')} argmap wrote (maps and pages, not essays): {shown}"
        )


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM stops a batch as Ctrl-C does: workers stopped, no temporary file left behind."""
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _nothing() -> Generator[Outcome, None, None]:
    yield from ()


def _run_batch(
    tasks: list[Task],
    jobs: int,
    view: View,
    quiet: bool,
    done: Callable[[Outcome], None],
    engine: Engine = Engine.LOCAL,
    scheduler: str | None = None,
) -> None:
    """Map the essays, handing each outcome to `done` as it comes; one line per essay, and a
    progress bar when stderr is a terminal."""
    if engine is Engine.DASK:
        from argmap.app.cluster import run_dask

        outcomes = run_dask(tasks, jobs, view, scheduler) if tasks else _nothing()
    else:
        from argmap.app.batch import run

        outcomes = run(tasks, jobs, view)
    with _terminate_as_interrupt(), closing(outcomes) as results:
        if quiet or len(tasks) < 2 or not sys.stderr.isatty():
            for o in results:
                done(o)
                _report(o, quiet, typer.echo, _error)
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        with Progress(
            TextColumn("mapping"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}", markup=False),
            console=Console(stderr=True),
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        ) as bar:
            job = bar.add_task("", total=len(tasks))

            def above(line: str) -> None:  # printed above the bar, on the terminal
                bar.console.print(line, markup=False, highlight=False, soft_wrap=True)

            for o in results:
                done(o)
                say = above if sys.stdout.isatty() else typer.echo
                _report(o, quiet, say, lambda msg: above(f"argmap: error: {msg}"))
                bar.update(job, advance=1, description=o.name)


def _report(
    o: Outcome, quiet: bool, say: Callable[[str], object], err: Callable[[str], object]
) -> None:
    if o.error:
        err(o.error)
    elif not quiet:
        say(
            f"{o.item} -> {', '.join(str(p) for p in o.written)} "
            f"({_count(o.components, 'component')}, {_count(o.relations, 'relation')}, "
            f"{_count(o.findings, 'finding')})"
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@app.command("render")
def render_command(
    map_json: Annotated[
        Path, typer.Argument(help="A map in argmap JSON (argmap/1), e.g. one corrected by hand.")
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="HTML file to write (default: beside the JSON)."),
    ] = None,
    view: Annotated[
        View,
        typer.Option(
            "--view",
            help="Graph the page opens on: the whole argument, or only the causal chains.",
        ),
    ] = View.ARGUMENT,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
    force: ForceOption = False,
) -> None:
    """Re-render the HTML page of a JSON map."""
    from argmap.writers import export

    target = output or map_json.with_suffix(".html")
    m = _load_map(map_json)
    try:
        _atomic_write(target, export(m, Format.HTML, view), force)
    except (MapError, OSError) as exc:
        _error(_one_line(exc, str(map_json)))
        raise typer.Exit(1) from None
    except Exception as exc:  # a bug: one line, not a traceback
        _internal_error(map_json, exc)
    if not quiet:
        typer.echo(f"{map_json} -> {target}")


@app.command("export")
def export_command(
    map_json: Annotated[
        Path, typer.Argument(help="A map in argmap JSON (argmap/1), e.g. one corrected by hand.")
    ],
    to: Annotated[
        Format,
        typer.Option("--to", "-t", help="Format to write.", show_default=False),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (default: standard output)."),
    ] = None,
    view: Annotated[
        View,
        typer.Option("--view", help="For html: the graph the page opens on."),
    ] = View.ARGUMENT,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
    force: ForceOption = False,
) -> None:
    """Write a JSON map as GraphML, GEXF, DOT, Mermaid, AIF, Argdown, Markdown, CSV or HTML."""
    from argmap.writers import export

    m = _load_map(map_json)
    try:
        text = export(m, to, view)
        if output is None:
            typer.echo(text, nl=False)
            return
        _atomic_write(output, text, force)
    except (MapError, OSError) as exc:
        _error(_one_line(exc, str(map_json)))
        raise typer.Exit(1) from None
    except Exception as exc:  # a bug: one line, not a traceback
        _internal_error(map_json, exc)
    if not quiet:
        typer.echo(f"{map_json} -> {output}")


def _load_map(path: Path) -> ArgumentMap:
    """Read and validate a JSON map, its findings computed again from its roles and links (it may
    have been corrected); unreadable: one line, exit 1; invalid: each problem, exit 2.

    A byte order mark before the JSON is ignored; a file over `MAX_MAP_BYTES` is not read."""
    from argmap.findings.checks import refreshed
    from argmap.validate import parse_json, read_map_text, too_large, validate

    try:
        text = read_map_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        _error(_one_line(exc, str(path)))
        raise typer.Exit(1) from None
    data = None
    if text is None:
        problems = [f"{too_large()}; not read"]
    else:
        data, problems = parse_json(text)
        if data is not None:
            problems = validate(data)
    if problems:
        for problem in problems:
            _error(f"{path}: {' '.join(problem.split())}")
        _error(f"{path}: {len(problems)} problem{'s' if len(problems) > 1 else ''}; not written")
        raise typer.Exit(2)
    try:
        return refreshed(ArgumentMap.from_dict(data or {}))
    except Exception as exc:  # a bug: one line, not a traceback
        _internal_error(path, exc)


@app.command("eval")
def eval_command(
    gold: Annotated[
        list[Path],
        typer.Argument(
            help="Gold files or folders (.xml microtexts, .ann brat, .json argmap).",
            show_default=False,
        ),
    ],
    gold_format: Annotated[
        GoldFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Gold format (default: guessed from file endings).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    intervals: Annotated[
        bool,
        typer.Option(
            "--intervals",
            help="Add 95% intervals of macro-F1, thesis accuracy, supports+attacks and causes "
            "F1 (1,000 bootstrap draws of the documents).",
        ),
    ] = False,
    roles: RolesOption = _DEFAULT_ROLES,
    links: LinksOption = _DEFAULT_LINKS,
    causes: CausesOption = _DEFAULT_CAUSES,
) -> None:
    """Score argmap against gold argument graphs: per-role and relation P/R/F1, thesis accuracy."""
    import json

    from argmap.evaluation import evaluate, format_table, load_gold
    from argmap.evaluation.scoring import RESAMPLES
    from argmap.pipeline import pipeline

    try:
        golds = load_gold(gold, gold_format)
    except InputError as exc:
        _error(_one_line(exc, str(gold[0])))
        raise typer.Exit(1) from None
    predict = pipeline(roles.value, links.value, causes.value).parse
    scores = evaluate(golds, predict, RESAMPLES if intervals else 0)
    if as_json:
        typer.echo(json.dumps(scores.to_dict(), indent=2))
    else:
        typer.echo(format_table(scores))


@app.command("report")
def report_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Essays, JSON maps (e.g. corrected by hand), folders of them, or - for "
            "standard input.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="table for reading on a terminal; md, json or csv for other programs.",
        ),
    ] = ReportFormat.TABLE,
    roles: RolesOption = _DEFAULT_ROLES,
    links: LinksOption = _DEFAULT_LINKS,
    causes: CausesOption = _DEFAULT_CAUSES,
) -> None:
    """Report each essay's scorecard and findings (where the argument or evidence is weak)."""
    import shutil

    from argmap.app.report import build, discover, render

    items = discover(inputs)
    if not items:
        _usage("no essays given: the folders are empty")
    color = fmt is ReportFormat.TABLE and sys.stdout.isatty()
    width = shutil.get_terminal_size().columns if color else 100
    reports, failed = [], 0
    for item in items:
        try:
            r = build(item, (roles.value, links.value, causes.value))
        except (InputError, MapError, OSError) as exc:
            failed += 1
            _error(_one_line(exc, item))
            continue
        except Exception as exc:  # a bug must not stop a class report; name it on one line
            failed += 1
            _error(f"{item}: internal error ({type(exc).__name__}: {exc}); please report it")
            continue
        if fmt.streams:
            typer.echo(render([r], fmt, color=color, width=width), nl=False)
        else:
            reports.append(r)
    if not fmt.streams:
        try:
            text = render(reports, fmt)
        except Exception as exc:  # a bug: one line, not a traceback
            _error(f"internal error ({type(exc).__name__}: {exc}); please report it")
            raise typer.Exit(1) from None
        typer.echo(text, nl=False)
    if failed:
        raise typer.Exit(1)


class CompareFormat(StrEnum):
    """How `compare` writes a comparison: a page, or JSON for other programs."""

    HTML = "html"
    JSON = "json"


@app.command("compare")
def compare_command(
    old: Annotated[
        str,
        typer.Argument(
            help="The earlier draft: an essay, a JSON map, or a folder of drafts.",
            show_default=False,
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(help="The later draft (a folder when OLD is one).", show_default=False),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (default: standard output); for two folders, the folder to "
            "write one page per pair of drafts into.",
        ),
    ] = None,
    fmt: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="html: a page; json: for programs.")
    ] = CompareFormat.HTML,
    force: ForceOption = False,
    roles: RolesOption = _DEFAULT_ROLES,
    links: LinksOption = _DEFAULT_LINKS,
    causes: CausesOption = _DEFAULT_CAUSES,
) -> None:
    """Compare two drafts of an essay: passages added, removed and revised, evidence gained or
    lost per claim, findings fixed and new, the scorecard before and after. Two folders are
    paired by file name (Draft1/draft1_x.txt with Draft2/draft2_x.txt)."""
    import json

    from argmap.app.compare import compare, compare_html, pair_drafts
    from argmap.app.report import build, discover

    models = (roles.value, links.value, causes.value)
    folders = Path(old).is_dir(), Path(new).is_dir()
    if folders[0] != folders[1]:
        _usage("give two files, or two folders of drafts")
    if folders[0]:
        if output is None:
            _usage("comparing two folders needs -o FOLDER for the pages")
        pairs, alone = pair_drafts(discover([old]), discover([new]))
        for path in alone:
            _error(f"{path}: no draft of the same name in the other folder; skipped")
    else:
        pairs, alone = [(old, new)], []
    suffix = ".json" if fmt is CompareFormat.JSON else ".html"
    failed = bool(alone)
    for first, second in pairs:
        try:
            c = compare(build(first, models).map, build(second, models).map)
            text = (
                json.dumps(c.to_dict(), ensure_ascii=False, indent=2) + "\n"
                if fmt is CompareFormat.JSON
                else compare_html(c)
            )
        except (InputError, MapError, OSError) as exc:
            failed = True
            _error(_one_line(exc, first))
            continue
        except Exception as exc:  # a bug must not stop the other pairs; one line each
            failed = True
            _error(f"{first}: internal error ({type(exc).__name__}: {exc}); please report it")
            continue
        target: Path | None = output
        if folders[0] and output is not None:
            target = output / (Path(second).stem + ".compare" + suffix)
        if target is None:
            typer.echo(text, nl=False)
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write(target, text, force)
        except OSError as exc:
            failed = True
            _error(_one_line(exc, str(target)))
            continue
        typer.echo(f"{first} -> {second}: {target}", err=True)
    if failed:
        raise typer.Exit(1)


def _internal_error(path: Path, exc: Exception) -> NoReturn:
    """A bug while handling `path`: one line naming it, exit 1."""
    bug = " ".join(str(exc).split())
    _error(f"{path}: internal error ({type(exc).__name__}: {bug}); please report it")
    raise typer.Exit(1) from None


def _note(message: str) -> None:
    typer.echo(f"argmap: {message}", err=True)


def _error(message: str) -> None:
    typer.echo(f"argmap: error: {message}", err=True)


def _usage(message: str) -> None:
    _error(message)
    raise typer.Exit(2)
