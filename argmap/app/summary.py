"""The class summary of a batch: `index.html` (a sortable table) and `summary.csv` (the same rows).

One row per essay, sorted by file path: the essay, whether it was mapped, a link to its map,
then every column of its scorecard (`Scorecard.row()`: counts per role, shares,
finding counts per severity and per code), then the error for an essay that failed. The page
also explains every column (`COLUMN_HELP`, `checks.FLAGGED_WHEN`) and groups the students by
problem: under each kind of finding, who has it and the passages (`Outcome.notes`). The columns
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
from typing import Any
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


#: What each scorecard column counts, for the page's header tooltips and legend.
COLUMN_HELP: dict[str, str] = {
    "essay": "the essay's file; click to open its map",
    "status": "ok, or failed (the reason beside it)",
    "error": "why the essay could not be mapped",
    "title": "the essay's title",
    "words": "words in the essay",
    "thesis": "thesis components found",
    "claims": "claims found",
    "evidence": "pieces of evidence found",
    "counterclaims": "opposing views stated",
    "rebuttals": "answers to opposing views",
    "context": "background and signposting",
    "main_claims": "a paragraph's points: the claims that need evidence of their own",
    "claims_with_evidence": "main claims that some evidence backs",
    "claim_evidence_share": "main claims backed by evidence, of all main claims",
    "specific_evidence": "evidence with a figure, a name, a date, an example or a quotation",
    "evidence_specificity": "specific evidence, of all evidence",
    "sourced_evidence": "evidence that names an author, a body, a study or a document",
    "evidence_sourcing": "sourced evidence, of all evidence",
    "counterarguments": "opposing views (counterclaims that belong together count once)",
    "counterarguments_answered": "opposing views a rebuttal answers",
    "counterargument_handling": "opposing views answered, of all opposing views",
    "considers_other_view": "yes when the essay states an opposing view",
    "causal_depth": "links on the longest chain of causes",
    "findings": "findings of every kind",
    "findings_error": "findings of severity error",
    "findings_warning": "findings of severity warning (the ones to act on)",
    "findings_info": "findings of severity info (notes to check)",
}
#: Shares are shown as percentages; counts per essay get the class mean, a depth the maximum,
#: finding counts the total; other columns nothing (a sum of words or theses means little).
_MAXIMUM = frozenset({"causal_depth"})


def _help(column: str) -> str:
    """What a column counts, in words."""
    from argmap.findings.checks import FLAGGED_WHEN

    code = column.replace("_", "-")
    if column in COLUMN_HELP:
        return COLUMN_HELP[column]
    return f"findings: {FLAGGED_WHEN[code]}" if code in FLAGGED_WHEN else column.replace("_", " ")


def _is_share(column: str) -> bool:
    return column.endswith(("_share", "_specificity", "_sourcing", "_handling"))


def _is_finding_count(column: str) -> bool:
    from argmap.findings.checks import FLAGGED_WHEN

    return column.startswith("findings") or column.replace("_", "-") in FLAGGED_WHEN


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
    outcomes_list = list(outcomes)
    cols, rows = table(outcomes_list, folder)
    numeric = {
        c
        for c in cols
        if any(isinstance(r[c], int | float) for r in rows)
        and all(isinstance(r[c], int | float) or r[c] == "" for r in rows)
    }
    mapped = [r for r in rows if r["status"] == "ok"]
    footer: dict[str, tuple[str, str]] = {}
    for c in sorted(numeric):
        values = [v for r in mapped if isinstance(v := r[c], int | float)]
        if not values:
            continue
        if _is_share(c):
            footer[c] = (_percent(sum(values) / len(values)), "mean over the essays")
        elif c in _MAXIMUM:
            footer[c] = (str(max(values)), "the longest in the class")
        elif _is_finding_count(c):
            footer[c] = (str(sum(values)), "total in the class")
        else:
            footer[c] = (f"{sum(values) / len(values):.1f}", "mean per essay")
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
    shares = {c for c in shown if _is_share(c)}
    display = [
        {c: _percent(row[c]) if c in shares and row[c] != "" else row[c] for c in shown}
        for row in rows
    ]
    return template("index.html.j2").render(
        title=title,
        columns=[(c, c.replace("_", " "), c in numeric, _help(c)) for c in shown],
        rows=list(zip(rows, display, strict=True)),
        footer=footer,
        total=len(rows),
        failed=len(rows) - len(mapped),
        problems=_problems(outcomes_list, rows),
    )


def _percent(share: object) -> str:
    """A share from 0 to 1 as a whole percentage.

    >>> _percent(0.666), _percent(1.0)
    ('67%', '100%')
    """
    return f"{round(float(share) * 100)}%" if isinstance(share, int | float) else str(share)


def _problems(outcomes: Sequence[Outcome], rows: Sequence[dict[str, Cell]]) -> list[dict[str, Any]]:
    """The class by problem: for each kind of finding (warnings first), the students who have
    it, each with the passages it is about (at most three shown, the rest counted)."""
    from argmap.findings.checks import FLAGGED_WHEN, SEVERITY

    by_item = {str(r["essay"]): r for r in rows}
    out = []
    rank = {"error": 0, "warning": 1, "info": 2}
    for code in sorted(SEVERITY, key=lambda k: (rank[SEVERITY[k].value], list(SEVERITY).index(k))):
        students = []
        for o in sorted(outcomes, key=lambda o: (_natural(o.item), o.index)):
            passages = [p for c, _, p in o.notes if c == code]
            if passages:
                row = by_item.get(o.item, {})
                students.append(
                    {
                        "name": row.get("name", o.name),
                        "map": row.get("map", ""),
                        "passages": [p for p in passages if p][:3],
                        "more": max(0, len([p for p in passages if p]) - 3),
                        "count": len(passages),
                    }
                )
        if students:
            out.append(
                {
                    "code": code,
                    "severity": SEVERITY[code].value,
                    "what": FLAGGED_WHEN.get(code, code),
                    "students": students,
                }
            )
    return out


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


def write_summary(
    outcomes: Iterable[Outcome], folder: Path, force: bool = False
) -> tuple[Path, Path]:
    """Write `folder/index.html` and `folder/summary.csv` (atomically, over files argmap wrote
    only, unless `force`); return their paths."""
    done = list(outcomes)
    index, sheet = folder / INDEX, folder / CSV
    atomic_write(sheet, summary_csv(done, folder), force)
    atomic_write(index, summary_html(done, folder), force)
    return index, sheet


def _link(o: Outcome, folder: Path) -> str:
    """The relative URL of the essay's map: its HTML page, else the first file written."""
    if o.error or not o.written:
        return ""
    pages = [p for p in o.written if p.suffix == ".html"]
    page = next((p for p in pages if not p.name.endswith(".feedback.html")), None)
    page = page or (pages[0] if pages else o.written[0])
    return quote(Path(os.path.relpath(page, folder)).as_posix())
