"""The class summary of a batch: `index.html`, `summary.csv` and `summary.jsonl`.

One row per essay, sorted by file path: the essay, whether it was mapped, a link to its map,
then every column of its scorecard (`Scorecard.row()`: counts per role, shares, finding counts
per severity and per code), then the error for an essay that failed. The columns come from the
rows themselves, so they follow the scorecard when it changes. All three files are
deterministic: the same essays give the same bytes (no timestamps, no absolute paths added,
whatever order the workers finished in).

A batch streams: each essay's record (`record`) is appended to `summary.jsonl.part` (`Journal`)
as soon as it is mapped, so the parent process holds no essay's outcome however large the
class. At the end the journal is read twice in path order (one line in memory at a time, plus
an offset per essay): once for the columns, the class row and the students by problem, once to
write the CSV, the JSON lines (`summary.jsonl`: a header line, then one record per essay, what
`--resume` reads) and the page. An interrupted batch leaves the journal; `--resume` goes on
from it.

The page (`index.html`) is one self-contained file: no script, style or font is fetched (a
Content Security Policy forbids it). Its rows are data (`<script type="application/json">`)
that a few lines of JavaScript show 100 at a time (`PAGE_ROWS`), sorted by any column and
filtered by what is typed, so a class of 10,000 essays opens as fast as one of 30. Essay
names, titles and passages are text, never markup. The page also explains every column
(`COLUMN_HELP`, `checks.FLAGGED_WHEN`) and groups the students by problem: under each kind of
finding, who has it and the passages (`Outcome.notes`).

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
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any, TextIO
from urllib.parse import quote

from argmap.app.batch import Outcome, Task
from argmap.writers.csv import Cell, csv_cell
from argmap.writers.files import atomic_writer, overwrite_problem, refuse_overwrite
from argmap.writers.html.templating import json_for_script, raw, template

__all__ = [
    "INDEX",
    "CSV",
    "JSONL",
    "JOURNAL",
    "Journal",
    "record",
    "header",
    "read_records",
    "previous_records",
    "up_to_date",
    "summary_csv",
    "summary_html",
]

INDEX = "index.html"
CSV = "summary.csv"
JSONL = "summary.jsonl"
#: The batch's records as they come (see the module doc); removed when the summary is written.
JOURNAL = "summary.jsonl.part"
#: The first line of the journal and of `summary.jsonl` says who wrote it (`readers.sniff`).
GENERATOR = "written by argmap"
#: Rows per page of the class page's table; students per problem shown before "more".
PAGE_ROWS = 100

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
_ROWS_MARK = "\x00rows\x00"  # where the page's rows are streamed in

Record = dict[str, Any]


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


# Records: what the summary keeps of each essay, a line of the journal and of summary.jsonl.


def record(o: Outcome, folder: Path) -> Record:
    """An essay's record: its file, status, map link, the files written (relative to `folder`),
    its scorecard, its findings' notes (code, severity, passage) and the error."""
    return {
        "essay": o.item,
        "status": "failed" if o.error else "ok",
        "map": _link(o, folder),
        "outputs": sorted(_relative(p, folder) for p in o.written),
        "scores": dict(o.scores),
        "notes": [list(n) for n in o.notes],
        "error": o.error or "",
    }


def header(models: Sequence[str]) -> Record:
    """The first line of a summary file: argmap's mark, its version and the argument stages."""
    from argmap import __version__

    return {"generator": GENERATOR, "argmap": __version__, "models": list(models)}


def _dumps(data: Record) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class Journal:
    """`folder/summary.jsonl.part`, one JSON line per essay appended as it is mapped (the order
    they finish in, with their place in the batch); `finish` writes the class summary from it
    and removes it. Essays that failed are remembered (place and name) for the last line."""

    def __init__(self, folder: Path, models: Sequence[str], force: bool = False) -> None:
        self.folder = folder
        self.path = folder / JOURNAL
        refuse_overwrite(self.path, force)
        folder.mkdir(parents=True, exist_ok=True)
        self._fh: TextIO = open(self.path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        self._line(header(models))
        self.count = 0
        self.failed: list[tuple[int, str]] = []

    def _line(self, data: Record) -> None:
        self._fh.write(_dumps(data) + "\n")
        self._fh.flush()

    def add(self, o: Outcome) -> None:
        """Record an essay just mapped."""
        self.add_record(record(o, self.folder), o.index)

    def add_record(self, rec: Record, index: int) -> None:
        """Record an essay at place `index` of the batch (one mapped now, or kept by --resume)."""
        self._line({**rec, "index": index})
        self.count += 1
        if rec["status"] != "ok":
            self.failed.append((index, rec["essay"]))

    def close(self) -> None:
        self._fh.close()

    def discard(self) -> None:
        """Close the journal and remove it if it records no essay (a batch that never
        started: nothing to resume)."""
        self.close()
        if not self.count:
            self.path.unlink(missing_ok=True)

    def finish(self, force: bool = False) -> tuple[Path, Path, Path]:
        """Write `index.html`, `summary.csv` and `summary.jsonl` (sorted by file path), remove
        the journal, and return the three paths."""
        self.close()
        order = _order(self.path)
        with open(self.path, encoding="utf-8") as fh:
            head = json.loads(fh.readline())
        paths = _write_all(lambda: _records(self.path, order), self.folder, head, force)
        self.path.unlink()
        return paths


def read_records(path: Path) -> tuple[Record, list[Record]]:
    """The header and records of a summary file or a journal (a torn line, from a run that was
    killed, is left out). ValueError when it is not one argmap wrote."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        try:
            head = json.loads(fh.readline())
        except ValueError:
            head = None
        if not isinstance(head, dict) or head.get("generator") != GENERATOR:
            raise ValueError(f"{path}: not a class summary argmap wrote")
        out = []
        for line in fh:
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if isinstance(rec, dict) and isinstance(rec.get("essay"), str):
                out.append(rec)
    return head, out


def previous_records(folder: Path, models: Sequence[str]) -> dict[str, Record]:
    """The records an earlier batch into `folder` left (`summary.jsonl`, then an interrupted
    run's journal over it), by essay; only those of this version of argmap and these argument
    stages (another version or stage may map differently)."""
    now = header(models)
    kept: dict[str, Record] = {}
    for name in (JSONL, JOURNAL):
        path = folder / name
        if not path.is_file():
            continue
        try:
            head, recs = read_records(path)
        except (OSError, ValueError):
            continue
        if (head.get("argmap"), head.get("models")) != (now["argmap"], now["models"]):
            continue
        for rec in recs:
            rec.pop("index", None)
            kept[rec["essay"]] = rec
    return kept


def up_to_date(task: Task, rec: Record | None, folder: Path) -> bool:
    """Whether `--resume` may keep an essay's earlier result: it was mapped (by this argmap,
    see `previous_records`) into exactly the files this run would write, and each of them is
    still there, unchanged since argmap wrote it, and newer than the essay."""
    if rec is None or rec.get("status") != "ok" or task.item == "-":
        return False
    paths = [path for _, path in task.outputs]
    if rec.get("outputs") != sorted(_relative(p, folder) for p in paths):
        return False
    try:
        essay = os.stat(task.item).st_mtime_ns
        return all(os.stat(p).st_mtime_ns >= essay and overwrite_problem(p) is None for p in paths)
    except OSError:
        return False


def _order(path: Path) -> list[int]:
    """Byte offsets of the journal's records sorted by file path (then place in the batch)."""
    keys = []
    with open(path, "rb") as fh:
        fh.readline()
        while True:
            offset = fh.tell()
            line = fh.readline()
            if not line:
                break
            rec = json.loads(line)
            keys.append(((rec["essay"] != "-", _natural(rec["essay"]), rec["index"]), offset))
    return [offset for _, offset in sorted(keys)]


def _records(path: Path, order: Sequence[int]) -> Iterator[Record]:
    """The journal's records in `order`, read one at a time."""
    with open(path, "rb") as fh:
        for offset in order:
            fh.seek(offset)
            rec = json.loads(fh.readline())
            rec.pop("index", None)
            yield rec


# The summary of a class: gathered in one pass over the records, written in a second.


@dataclass
class _Stats:
    """A column over the class: whether it is numeric, and the sum, count and maximum of its
    numbers over the essays mapped (running figures: nothing kept per essay)."""

    numeric: bool = True  # every cell a number or empty
    any_number: bool = False
    total: float = 0
    count: int = 0
    maximum: float | None = None


@dataclass
class _Class:
    """What the second pass needs: columns, the class row, short names, students by problem."""

    scores: dict[str, None] = field(default_factory=dict)  # score columns, in order
    stats: dict[str, _Stats] = field(default_factory=dict)
    total: int = 0
    failed: int = 0
    common: tuple[str, ...] | None = None  # the folder every essay is in
    problems: dict[str, list[list[Any]]] = field(default_factory=dict)  # code -> students

    def add(self, rec: Record) -> None:
        self.total += 1
        ok = rec["status"] == "ok"
        self.failed += not ok
        for k, v in rec["scores"].items():
            if k in _LEAD + _TAIL:
                continue
            self.scores.setdefault(k, None)
            s = self.stats.setdefault(k, _Stats())
            if isinstance(v, int | float) and not isinstance(v, bool):
                s.any_number = True
                if ok:
                    s.total += v
                    s.count += 1
                    s.maximum = v if s.maximum is None else max(s.maximum, v)
            elif v != "":
                s.numeric = False
        if rec["essay"] != "-":
            parts = PurePath(rec["essay"]).parent.parts
            if self.common is None:
                self.common = parts
            else:
                n = 0
                while n < min(len(parts), len(self.common)) and parts[n] == self.common[n]:
                    n += 1
                self.common = self.common[:n]
        by_code: dict[str, list[str]] = {}
        for code, _severity, passage in rec["notes"]:
            by_code.setdefault(code, []).append(passage)
        for code, passages in by_code.items():
            shown = [p for p in passages if p]
            self.problems.setdefault(code, []).append(
                [rec["essay"], rec["map"], len(passages), shown[:3], max(0, len(shown) - 3)]
            )

    @property
    def columns(self) -> list[str]:
        return [*_LEAD, *self.scores, *_TAIL]

    def numeric(self, column: str) -> bool:
        s = self.stats.get(column)
        return s is not None and s.numeric and s.any_number

    def name(self, item: str) -> str:
        """The essay's path below the folder all the essays share ("-" stays "-")."""
        if item == "-":
            return item
        return PurePath(*PurePath(item).parts[len(self.common or ()) :]).as_posix()

    def footer(self) -> dict[str, tuple[str, str]]:
        out = {}
        for c in sorted(self.scores):
            s = self.stats[c]
            if not self.numeric(c) or not s.count:
                continue
            if _is_share(c):
                out[c] = (_percent(s.total / s.count), "mean over the essays")
            elif c in _MAXIMUM:
                out[c] = (str(s.maximum), "the longest in the class")
            elif _is_finding_count(c):
                out[c] = (str(s.total), "total in the class")
            else:
                out[c] = (f"{s.total / s.count:.1f}", "mean per essay")
        return out


def _gather(records: Iterable[Record]) -> _Class:
    summary = _Class()
    for rec in records:
        summary.add(rec)
    return summary


def _write_csv(records: Iterable[Record], columns: Sequence[str], fh: TextIO) -> None:
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(columns)
    for rec in records:
        row = _row(rec)
        writer.writerow([csv_cell(row.get(c, "")) for c in columns])


def _row(rec: Record) -> dict[str, Cell]:
    return {
        **rec["scores"],
        "essay": rec["essay"],
        "status": rec["status"],
        "map": rec["map"],
        "error": rec["error"],
    }


def _write_html(records: Iterable[Record], summary: _Class, fh: TextIO, title: str) -> None:
    from argmap.findings.checks import FLAGGED_WHEN, SEVERITY

    cols = summary.columns
    scores = [c for c in cols if c not in (*_LEAD, *_TAIL)]
    first = [c for c in _FIRST if c in scores]
    failed = ["error"] if summary.failed else []
    shown = ["essay", "status", *failed, *first, *(c for c in scores if c not in first)]
    rank = {"error": 0, "warning": 1, "info": 2}
    codes = sorted(
        (c for c in SEVERITY if c in summary.problems),
        key=lambda k: (rank[SEVERITY[k].value], list(SEVERITY).index(k)),
    )
    problems = [
        {
            "code": code,
            "severity": SEVERITY[code].value,
            "what": FLAGGED_WHEN.get(code, code),
            "count": len(summary.problems[code]),
        }
        for code in codes
    ]
    students = [
        [[summary.name(item), link, *rest] for item, link, *rest in summary.problems[code]]
        for code in codes
    ]
    page = template("index.html.j2").render(
        title=title,
        columns=[
            (c, c.replace("_", " "), summary.numeric(c), _is_share(c), _help(c)) for c in shown
        ],
        footer=summary.footer(),
        total=summary.total,
        failed=summary.failed,
        page_rows=PAGE_ROWS,
        problems=problems,
        students_json=raw(json_for_script(students)),
        rows_json=raw(_ROWS_MARK),
    )
    before, after = page.split(_ROWS_MARK)
    fh.write(before + "[")
    for n, rec in enumerate(records):
        row = _row(rec)
        error = str(row["error"])
        prefix = f"{row['essay']}: "
        row["essay"] = summary.name(rec["essay"])
        row["error"] = error[len(prefix) :] if error.startswith(prefix) else error
        cells = [rec["essay"], rec["map"], *(row.get(c, "") for c in shown)]
        fh.write(("," if n else "") + json_for_script(cells) + "\n")
    fh.write("]" + after)


def _write_jsonl(records: Iterable[Record], head: Record, fh: TextIO) -> None:
    fh.write(_dumps(head) + "\n")
    for rec in records:
        fh.write(_dumps(rec) + "\n")


def _write_all(
    records: Callable[[], Iterable[Record]], folder: Path, head: Record, force: bool
) -> tuple[Path, Path, Path]:
    """Write the three summary files of `records` (a fresh iterator per call, in path order)."""
    summary = _gather(records())
    index, sheet, lines = folder / INDEX, folder / CSV, folder / JSONL
    with atomic_writer(sheet, force) as fh:
        _write_csv(records(), summary.columns, fh)
    with atomic_writer(lines, force) as fh:
        _write_jsonl(records(), head, fh)
    with atomic_writer(index, force) as fh:
        _write_html(records(), summary, fh, "Class summary")
    return index, sheet, lines


# In memory, for a few outcomes (tests, the library).


def _sorted_records(outcomes: Iterable[Outcome], folder: Path) -> list[Record]:
    ordered = sorted(outcomes, key=lambda o: (o.item != "-", _natural(o.item), o.index))
    return [record(o, folder) for o in ordered]


def summary_csv(outcomes: Iterable[Outcome], folder: Path) -> str:
    """The summary as CSV (UTF-8, one header line, `\\n` line ends)."""
    import io

    recs = _sorted_records(outcomes, folder)
    out = io.StringIO()
    _write_csv(recs, _gather(recs).columns, out)
    return out.getvalue()


def summary_html(outcomes: Iterable[Outcome], folder: Path, title: str = "Class summary") -> str:
    """The summary as one offline HTML page (see the module doc)."""
    import io

    recs = _sorted_records(outcomes, folder)
    out = io.StringIO()
    _write_html(recs, _gather(recs), out, title)
    return out.getvalue()


def _percent(share: object) -> str:
    """A share from 0 to 1 as a whole percentage.

    >>> _percent(0.666), _percent(1.0)
    ('67%', '100%')
    """
    return f"{round(float(share) * 100)}%" if isinstance(share, int | float) else str(share)


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


def _link(o: Outcome, folder: Path) -> str:
    """The relative URL of the essay's map: its HTML page, else the first file written."""
    if o.error or not o.written:
        return ""
    pages = [p for p in o.written if p.suffix == ".html"]
    page = next((p for p in pages if not p.name.endswith(".feedback.html")), None)
    page = page or (pages[0] if pages else o.written[0])
    return quote(_relative(page, folder))


def _relative(path: Path, folder: Path) -> str:
    """`path` relative to `folder`, with forward slashes."""
    return Path(os.path.relpath(path, folder)).as_posix()
