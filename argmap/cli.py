"""The `argmap` command line: a thin layer over the library. Only this module prints or exits.

Exit codes: 0 every input mapped, 1 some input failed (each failure is one line on stderr naming
the file), 2 usage error. The library (spaCy, pyvis) is imported only when a command needs it, so
`argmap --help` stays fast.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from argmap import __version__
from argmap.evaluate import GoldFormat
from argmap.export import Format, View
from argmap.model import ArgumentMap, InputError, MapError

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
_UMASK = os.umask(0)
os.umask(_UMASK)


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


@app.command("map")
def map_command(
    essays: Annotated[
        list[str],
        typer.Argument(
            help="Essay files (.txt, .md), folders of essays, or - for standard input.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Output folder (default: graphs/), or, for one essay, a file name ending in "
            ".html or .json.",
            show_default=False,
        ),
    ] = None,
    formats: Annotated[
        list[Format] | None,
        typer.Option(
            "--format",
            "-f",
            help="Format to write; repeat for several. Default: html and json.",
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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
) -> None:
    """Map each essay and write graphs/<name>.html and graphs/<name>.json."""
    inputs = _expand(essays)
    if not inputs:
        _usage("no essays given: the folders are empty")
    target_file = output if output is not None and output.suffix in (".html", ".json") else None
    if target_file is not None and len(inputs) > 1:
        _usage(f"-o {output}: a file name needs exactly one essay; give a folder instead")
    fmts = list(
        dict.fromkeys(
            formats or ([Format(target_file.suffix[1:])] if target_file else _ALL_FORMATS)
        )
    )
    failed = 0
    names: set[str] = set()
    for item in inputs:
        try:
            m = _parse(item)
            written = _write_all(m, item, fmts, output, target_file, names, view)
        except (InputError, MapError, OSError) as exc:
            failed += 1
            _error(_one_line(exc, item))
            continue
        except Exception as exc:  # a bug must not stop a class batch; report it on one line
            failed += 1
            _error(f"{item}: internal error ({type(exc).__name__}: {exc}); please report it")
            continue
        if not quiet:
            typer.echo(
                f"{item} -> {', '.join(str(p) for p in written)} "
                f"({len(m.components)} components, {len(m.relations)} relations, "
                f"{len(m.findings)} findings)"
            )
    if failed:
        if not quiet and len(inputs) > 1:
            _error(f"{failed} of {len(inputs)} essays failed")
        raise typer.Exit(1)


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
) -> None:
    """Re-render the HTML page of a JSON map."""
    from argmap.export import export

    target = output or map_json.with_suffix(".html")
    try:
        m = ArgumentMap.from_json(map_json.read_text(encoding="utf-8"))
        _atomic_write(target, export(m, Format.HTML, view))
    except (MapError, OSError, UnicodeDecodeError) as exc:
        _error(_one_line(exc, str(map_json)))
        raise typer.Exit(1) from None
    if not quiet:
        typer.echo(f"{map_json} -> {target}")


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
) -> None:
    """Score argmap against gold argument graphs: per-role and relation P/R/F1, thesis accuracy."""
    import json

    from argmap.evaluate import evaluate, format_table, load_gold
    from argmap.pipeline import parse_essay

    try:
        golds = load_gold(gold, gold_format)
    except InputError as exc:
        _error(_one_line(exc, str(gold[0])))
        raise typer.Exit(1) from None
    scores = evaluate(golds, parse_essay)
    if as_json:
        typer.echo(json.dumps(scores.to_dict(), indent=2))
    else:
        typer.echo(format_table(scores))


def _expand(items: list[str]) -> list[str]:
    """Folders become their (non-hidden) files in name order; everything else stays as given."""
    out: list[str] = []
    for item in items:
        p = Path(item)
        if item != "-" and p.is_dir():
            out.extend(
                str(f) for f in sorted(p.iterdir()) if f.is_file() and not f.name.startswith(".")
            )
        else:
            out.append(item)
    return out


def _parse(item: str) -> ArgumentMap:
    from argmap.pipeline import parse_essay, parse_raw
    from argmap.read import read_bytes

    if item == "-":
        return parse_raw(read_bytes(sys.stdin.buffer.read(), "-"))
    return parse_essay(Path(item))


def _write_all(
    m: ArgumentMap,
    item: str,
    fmts: list[Format],
    output: Path | None,
    target_file: Path | None,
    names: set[str],
    view: View = View.ARGUMENT,
) -> list[Path]:
    from argmap.export import export

    if target_file is not None:
        paths = (
            {fmts[0]: target_file}
            if len(fmts) == 1
            else {f: target_file.with_suffix(f".{f.value}") for f in fmts}
        )
    else:
        folder = output if output is not None else DEFAULT_OUT
        stem = "stdin" if item == "-" else Path(item).stem
        if stem in names:  # essay.txt and essay.md in one batch
            stem = f"{stem}-{Path(item).suffix.lstrip('.') or 'file'}"
        names.add(stem)
        paths = {f: folder / f"{stem}.{f.value}" for f in fmts}
    for fmt, path in paths.items():
        _atomic_write(path, export(m, fmt, view))
    return list(paths.values())


def _atomic_write(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder, then rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes files private; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _one_line(exc: Exception, item: str) -> str:
    msg = " ".join(str(exc).split())
    if isinstance(exc, OSError) and exc.filename:
        msg = f"{exc.filename}: {exc.strerror or msg}"
    elif isinstance(exc, UnicodeDecodeError):
        msg = f"{item}: not UTF-8 text"
    return msg if msg.startswith(item) else f"{item}: {msg}"


def _error(message: str) -> None:
    typer.echo(f"argmap: error: {message}", err=True)


def _usage(message: str) -> None:
    _error(message)
    raise typer.Exit(2)
