"""The class summary of a batch: `index.html` (a sortable table) and `summary.csv` (the same rows).

One row per essay, sorted by file path: the essay, whether it was mapped, a link to its map,
then every column of its scorecard (`Scorecard.row()`: counts per role, shares,
finding counts per severity and per code), then the error for an essay that failed. The columns
come from the rows themselves, so they follow the scorecard when it changes. Both files are
deterministic: the same essays give the same bytes (no timestamps, no absolute paths added).

The page is one self-contained file: no script, style or font is fetched (a Content Security
Policy forbids it), essay names and titles are escaped, and a few lines of inline JavaScript
sort the table when a column heading is clicked.

>>> from argmap.app.batch import Outcome
>>> ok = Outcome(0, "class/amy.txt", (Path("out/amy.html"),), 5, 4, {"title": "Tea", "claims": 2})
>>> bad = Outcome(1, "class/bob.txt", error="class/bob.txt: file is empty")
>>> print(summary_csv([bad, ok], Path("out")), end="")
essay,status,map,title,claims,error
class/amy.txt,ok,amy.html,Tea,2,
class/bob.txt,failed,,,,class/bob.txt: file is empty
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePath
from urllib.parse import quote

from argmap.app.batch import Outcome
from argmap.writers.csv import Cell, csv_cell
from argmap.writers.files import atomic_write
from argmap.writers.html.templating import template

__all__ = ["INDEX", "CSV", "columns", "table", "summary_csv", "summary_html", "write_summary"]

INDEX = "index.html"
CSV = "summary.csv"

_LEAD = ("essay", "status", "map")
_TAIL = ("error",)
# What a teacher scans first on the page: how many findings, and how well claims are backed.
_FIRST = (
    "findings",
    "findings_warning",
    "claim_evidence_share",
    "evidence_specificity",
    "counterargument_handling",
    "causal_depth",
)


def columns(outcomes: Sequence[Outcome]) -> list[str]:
    """The table's columns: essay, status, map, the scorecard's columns in order, error."""
    scores = dict.fromkeys(k for o in outcomes for k in o.scores if k not in _LEAD + _TAIL)
    return [*_LEAD, *scores, *_TAIL]


def table(outcomes: Iterable[Outcome], folder: Path) -> tuple[list[str], list[dict[str, Cell]]]:
    """The columns and the rows (sorted by file path) of the summary of a batch written to
    `folder`; a map link is relative to `folder`, an empty cell is ""."""
    ordered = sorted(outcomes, key=lambda o: (o.item != "-", _natural(o.item), o.index))
    cols = columns(ordered)
    rows = []
    for o in ordered:
        row: dict[str, Cell] = dict.fromkeys(cols, "")
        row.update(o.scores)
        row["essay"] = o.item
        row["status"] = "failed" if o.error else "ok"
        row["map"] = _link(o, folder)
        row["error"] = o.error or ""
        rows.append(row)
    return cols, rows


def summary_csv(outcomes: Iterable[Outcome], folder: Path) -> str:
    """The summary as CSV (UTF-8, one header line, `\\n` line ends)."""
    cols, rows = table(outcomes, folder)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(cols)
    for row in rows:
        writer.writerow([csv_cell(row[c]) for c in cols])
    return out.getvalue()


def summary_html(outcomes: Iterable[Outcome], folder: Path, title: str = "Class summary") -> str:
    """The summary as one offline HTML page with a table sortable by any column.

    The page shows each essay by its path below the folder all the essays share (the full path
    is its tooltip), and the reason an essay failed beside its status.
    """
    cols, rows = table(outcomes, folder)
    numeric = {
        c
        for c in cols
        if any(isinstance(r[c], int | float) for r in rows)
        and all(isinstance(r[c], int | float) or r[c] == "" for r in rows)
    }
    mapped = [r for r in rows if r["status"] == "ok"]
    footer: dict[str, str] = {}
    for c in sorted(numeric):
        values = [v for r in mapped if isinstance(v := r[c], int | float)]
        if values and all(isinstance(v, int) for v in values):
            footer[c] = str(sum(values))
        elif values:
            footer[c] = f"{sum(values) / len(values):.2f}"
    scores = [c for c in cols if c not in (*_LEAD, *_TAIL)]
    first = [c for c in _FIRST if c in scores]
    failed = ["error"] if len(mapped) < len(rows) else []
    shown = ["essay", "status", *failed, *first, *(c for c in scores if c not in first)]
    names = _short_names([str(r["essay"]) for r in rows])
    for row, name in zip(rows, names, strict=True):
        row["name"] = name
        prefix = f"{row['essay']}: "
        error = str(row["error"])
        row["reason"] = error[len(prefix) :] if error.startswith(prefix) else error
    return template("index.html.j2").render(
        title=title,
        columns=[(c, c.replace("_", " "), c in numeric) for c in shown],
        rows=rows,
        footer=footer,
        total=len(rows),
        failed=len(rows) - len(mapped),
    )


def _natural(path: str) -> tuple[tuple[tuple[int, int | str], ...], ...]:
    """Sort key for a path with its numbers read as numbers, folder by folder ("pupil2" before
    "pupil10").

    >>> sorted(["c/pupil10.txt", "c/pupil2.txt", "b.txt", "c/Pupil3.txt"], key=_natural)
    ['b.txt', 'c/pupil2.txt', 'c/Pupil3.txt', 'c/pupil10.txt']
    """
    return tuple(
        tuple(
            (0, int(x)) if x.isdigit() else (1, x.casefold()) for x in re.split(r"(\d+)", part) if x
        )
        for part in PurePath(path).parts
    )


def _short_names(paths: Sequence[str]) -> list[str]:
    """Each path below the folder that all of them share ("-" stays "-").

    >>> _short_names(["/home/t/class/amy.txt", "/home/t/class/set2/bob.md", "-"])
    ['amy.txt', 'set2/bob.md', '-']
    """
    parents = [PurePath(p).parent.parts for p in paths if p != "-"]
    common = 0
    if parents:
        first = parents[0]
        while common < len(first) and all(
            len(p) > common and p[common] == first[common] for p in parents
        ):
            common += 1
    return [p if p == "-" else PurePath(*PurePath(p).parts[common:]).as_posix() for p in paths]


def write_summary(outcomes: Iterable[Outcome], folder: Path) -> tuple[Path, Path]:
    """Write `folder/index.html` and `folder/summary.csv` (atomically); return their paths."""
    done = list(outcomes)
    index, sheet = folder / INDEX, folder / CSV
    atomic_write(sheet, summary_csv(done, folder))
    atomic_write(index, summary_html(done, folder))
    return index, sheet


def _link(o: Outcome, folder: Path) -> str:
    """The relative URL of the essay's map: its HTML page, else the first file written."""
    if o.error or not o.written:
        return ""
    page = next((p for p in o.written if p.suffix == ".html"), o.written[0])
    return quote(Path(os.path.relpath(page, folder)).as_posix())
