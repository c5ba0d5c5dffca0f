"""Essay reports for teachers: the scorecard and the findings of each essay, in four formats.

`discover` turns files and folders into the inputs to report, `build` maps one input (an essay,
or a JSON map corrected by hand) and scores it, `render` writes reports as a rich table for a
terminal, or as Markdown, JSON or CSV for other programs. Nothing here prints: the CLI does.

For a JSON map the findings are computed again from its components and relations, so a map
whose roles or links were corrected by hand is reported as corrected.

>>> from argmap.pipeline import parse_essay
>>> essay = "Phones should go.\\n\\nFirstly, they are bad for everyone.\\n\\nSecondly, they cost."
>>> r = build_from_map(parse_essay(essay))
>>> [(f.code, f.component) for f in r.map.findings]
[('unsupported-claim', 'c2'), ('no-counterargument', 'c1'), ('sweeping-generalisation', 'c2')]
>>> print(render([r], ReportFormat.CSV).splitlines()[0][:40])
path,title,words,thesis,claims,evidence,
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.argument import DEFAULT_MODELS
from argmap.model import ArgumentMap, Component, Finding, MapError, Severity
from argmap.readers import SUPPORTED_SUFFIXES, InputFormat

if TYPE_CHECKING:
    from argmap.findings.scorecard import Scorecard

# The CLI imports this module to build its options, so rich, spaCy and the pipeline are
# imported only by the functions that use them: `argmap --help` stays fast.

__all__ = [
    "ReportFormat",
    "EssayReport",
    "discover",
    "build",
    "build_from_map",
    "render",
]


class ReportFormat(StrEnum):
    """How reports are written: a table for people, Markdown, JSON or CSV for programs."""

    TABLE = "table"
    MD = "md"
    JSON = "json"
    CSV = "csv"
    HTML = "html"

    @property
    def streams(self) -> bool:
        """Whether essays can be written one at a time (the others need the whole list)."""
        return self in (ReportFormat.TABLE, ReportFormat.MD)


@dataclass(frozen=True)
class EssayReport:
    """One essay's report: where it came from, its map (with findings) and its scorecard."""

    path: str
    map: ArgumentMap
    card: Scorecard


def discover(items: Sequence[str]) -> list[str]:
    """Inputs to report: files as given; a folder gives its essays and JSON maps, by name.

    A folder's files are found as `argmap map` finds them (`argmap.app.batch.discover`: hidden
    files and Word's lock files left out); files of other types are skipped, and so is an HTML page
    that has a JSON map of the same name beside it (the page `argmap map` rendered from it), a
    feedback sheet (`.feedback.html`) or a comparison of drafts (`.compare.html`).
    """
    from argmap.app.batch import discover as files_in

    out: list[str] = []
    for item in items:
        if item == "-" or not Path(item).is_dir():
            out.append(item)
            continue
        skipped: list[tuple[str, str]] = []
        found = [f for f, _ in files_in([item], skipped=skipped)]
        found += [  # argmap's JSON maps are read here; its pages and sheets are not essays
            f for f, why in skipped if why == "written by argmap" and f.lower().endswith(".json")
        ]
        files = sorted(
            (Path(f) for f in found if Path(f).suffix.lower() in (*SUPPORTED_SUFFIXES, ".json")),
            key=lambda p: p.parts,
        )
        maps = {f.stem for f in files if f.suffix.lower() == ".json"}
        out.extend(
            str(f)
            for f in files
            if not (f.suffix.lower() in _PAGES and f.stem in maps)
            and not f.name.lower().endswith(_OWN_PAGES)
        )
    return out


def build(item: str, models: tuple[str, str, str] = DEFAULT_MODELS) -> EssayReport:
    """Map `item` (an essay file, "-" for standard input, or a `.json` map) and score it; an
    essay is mapped by the pipeline of the registered names `models` (roles, links, causes).

    Raises `InputError`, `MapError` or `OSError` with a message naming the file.
    """
    from argmap.findings.scorecard import scorecard

    if item != "-" and Path(item).suffix.lower() == ".json":
        from argmap.validate import read_map_text, too_large

        try:
            text = read_map_text(Path(item))
        except UnicodeDecodeError:
            raise MapError(f"{item}: not UTF-8 text") from None
        if text is None:
            raise MapError(f"{item}: {too_large()}")
        try:
            m = ArgumentMap.from_json(text)
        except MapError as exc:
            raise MapError(f"{item}: {exc}") from None
        return build_from_map(m, item)
    from argmap.pipeline import pipeline
    from argmap.readers import read_bytes

    chosen = pipeline(*models)
    if item == "-":
        m = chosen.parse_raw(read_bytes(sys.stdin.buffer.read(), "-"))
    else:
        m = chosen.parse(Path(item))
    return EssayReport(item, m, scorecard(m))


def build_from_map(m: ArgumentMap, path: str | None = None) -> EssayReport:
    """The report of map `m`, its findings computed from its components and relations."""
    from argmap.findings.checks import refreshed
    from argmap.findings.scorecard import scorecard

    m = refreshed(m)
    return EssayReport(path if path is not None else m.source.path, m, scorecard(m))


def render(
    reports: Sequence[EssayReport], fmt: ReportFormat, *, color: bool = False, width: int = 100
) -> str:
    """The reports written in `fmt`; same reports, same text. `color` and `width` are for the
    table (ANSI colours for a terminal, and its width in characters)."""
    if fmt is ReportFormat.TABLE:
        return "".join(_table(r, color, width) for r in reports)
    if fmt is ReportFormat.MD:
        return "".join(_markdown(r) for r in reports)
    if fmt is ReportFormat.JSON:
        return json.dumps([_json(r) for r in reports], ensure_ascii=False, indent=2) + "\n"
    if fmt is ReportFormat.HTML:
        from argmap.writers.feedback import feedback_html, sheet

        return feedback_html([sheet(r.map, r.path) for r in reports])
    return _csv(reports)


# --- the formats ------------------------------------------------------------------------------

_PAGES = frozenset(InputFormat.HTML.suffixes)
# Pages argmap writes that are never essays: feedback sheets and comparisons of drafts.
_OWN_PAGES = (".feedback.html", ".compare.html")
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_EXCERPT = 70


def _findings(r: EssayReport) -> list[tuple[Finding, Component | None]]:
    by_id = {c.id: c for c in r.map.components}
    return [(f, by_id.get(f.component or "")) for f in r.map.findings]


def _excerpt(text: str, limit: int = _EXCERPT) -> str:
    """`text` on one line, cut at a word boundary to at most `limit` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 3].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "..."


def _ratio(part: int, whole: int, share: float | None) -> str:
    if share is None:
        return f"{part} of {whole}"
    return f"{part} of {whole} ({round(share * 100)}%)"


def _measures(r: EssayReport) -> list[tuple[str, str, str]]:
    """(measure, value, how it is counted) for the scorecard rows of the table and Markdown,
    then the rubric's rows (level, and why)."""
    from argmap.findings.rubric import rubric

    card = r.card
    errors, warnings, infos = (n for _, n in card.severities)
    levels = [
        (f"Rubric: {row.row}", f"{row.level} of 4", row.reason) for row in rubric(r.map, card)
    ]
    return [
        (
            "Roles",
            f"thesis {card.thesis}, claims {card.claims}, evidence {card.evidence}, "
            f"counterclaims {card.counterclaims}, rebuttals {card.rebuttals}, "
            f"context {card.context}",
            f"{card.words} words",
        ),
        (
            "Claims with evidence",
            _ratio(card.claims_with_evidence, card.main_claims, card.claim_evidence_share),
            "main claims that evidence reaches",
        ),
        (
            "Evidence specificity",
            _ratio(card.specific_evidence, card.evidence, card.evidence_specificity),
            "evidence with a figure, date, name, quotation or named source",
        ),
        (
            "Counterarguments answered",
            _ratio(
                card.counterarguments_answered,
                card.counterarguments,
                card.counterargument_handling,
            ),
            "opposing views that a rebuttal attacks"
            if card.considers_other_view
            else "the essay considers no other view",
        ),
        (
            "Evidence sourcing",
            _ratio(card.sourced_evidence, card.evidence, card.evidence_sourcing),
            "evidence that names an author, body, study or document",
        ),
        ("Causal chain depth", str(card.causal_depth), "causes links on the longest chain"),
        (
            "Findings",
            str(card.findings),
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}, "
            f"{infos} info",
        ),
        *levels,
    ]


def _table(r: EssayReport, color: bool, width: int) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    heading = Text(r.map.title or Path(r.path).name, style="bold")
    heading.append(f"  {r.path}", style="dim")
    console.print(heading)
    card = Table(box=box.SIMPLE, show_header=False, pad_edge=False, expand=False)
    card.add_column("measure", style="bold", no_wrap=True)
    card.add_column("value")
    card.add_column("counted as", style="dim")
    for measure, value, how in _measures(r):
        card.add_row(measure, value, how)
    console.print(card)
    rows = _findings(r)
    if not rows:
        console.print(Text("No findings: nothing to flag.", style="green"))
        console.print()
        return _trim(out.getvalue())
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=False, show_lines=False)
    table.add_column("severity", no_wrap=True)
    table.add_column("finding", no_wrap=True)
    table.add_column("where", no_wrap=True)
    table.add_column("excerpt and advice", ratio=1)
    for f, c in rows:
        where = f"{c.id} {c.kind.value}" if c is not None else "whole essay"
        about = Text()
        if c is not None:
            about.append(f'"{_excerpt(c.text)}"', style="italic")
            about.append("\n")
        about.append(f.message)
        table.add_row(Text(f.severity.value, style=_STYLE[f.severity]), f.code, where, about)
    console.print(table)
    return _trim(out.getvalue())


def _trim(text: str) -> str:
    """Text without the spaces rich pads each line with."""
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def _md(text: str) -> str:
    """Essay text made inert in Markdown: one line, special characters escaped (not `&`)."""
    from argmap.writers.markdown import escape_markdown

    return escape_markdown(text, ampersand=False)


def _markdown(r: EssayReport) -> str:
    lines = [
        f"## {_md(r.map.title or Path(r.path).name)}",
        "",
        f"`{r.path.replace('`', '')}`",
        "",
        "| measure | value | counted as |",
        "|---|---|---|",
    ]
    lines += [f"| {m} | {v} | {_md(h)} |" for m, v, h in _measures(r)]
    lines += ["", "| severity | finding | where | excerpt | advice |", "|---|---|---|---|---|"]
    for f, c in _findings(r):
        where = f"{c.id} {c.kind.value}" if c is not None else "whole essay"
        excerpt = _md(_excerpt(c.text)) if c is not None else ""
        lines.append(f"| {f.severity.value} | {f.code} | {where} | {excerpt} | {_md(f.message)} |")
    if not r.map.findings:
        lines.append("| | | | | No findings: nothing to flag. |")
    return "\n".join(lines) + "\n\n"


def _json(r: EssayReport) -> dict[str, object]:
    from argmap.findings.rubric import rubric

    return {
        "path": r.path,
        "title": r.map.title,
        "scorecard": r.card.row(),
        "rubric": [row.to_dict() for row in rubric(r.map, r.card)],
        "findings": [
            {
                "code": f.code,
                "severity": f.severity.value,
                "message": f.message,
                "component": f.component,
                "kind": c.kind.value if c is not None else None,
                "excerpt": _excerpt(c.text) if c is not None else None,
            }
            for f, c in _findings(r)
        ],
    }


def _csv(reports: Sequence[EssayReport]) -> str:
    from argmap.findings.scorecard import COLUMNS
    from argmap.writers.csv import csv_cell

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["path", *COLUMNS])
    for r in reports:
        row = r.card.row()
        writer.writerow([csv_cell(r.path), *(csv_cell(row[c]) for c in COLUMNS)])
    return out.getvalue()
