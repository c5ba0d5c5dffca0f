"""CSV for spreadsheets and gradebooks: one row per component, RFC 4180 quoting and line ends;
`csv_cell` is the one guard against CSV injection, also used by the essay reports and the class
summary. Data formats keep the JSON map's 0-based `paragraph`.

>>> from argmap.model import Component, Kind, Source
>>> c = Component("c1", Kind.THESIS, "=Tea is good.", 0, 13, 0, 0.9)
>>> m = ArgumentMap("Tea", "=Tea is good.", (c,), (), (), Source("t.txt", "0" * 64, "txt"))
>>> print(to_csv(m).splitlines()[1])
c1,thesis,0,0,13,0.9,,'=Tea is good.,,,,,
"""

from __future__ import annotations

import csv
import io

from argmap.model import ArgumentMap, RelationKind
from argmap.writers._shared import codes_by_component

__all__ = ["to_csv", "csv_cell", "Cell", "CSV_COLUMNS"]

#: What a CSV cell holds.
Cell = int | float | str

#: The CSV header: one row per component; `supports`, `attacks` and `causes` list the ids this
#: component points at, `findings` the codes about it ("; "-separated).
CSV_COLUMNS = (
    "id",
    "role",
    "paragraph",
    "start",
    "end",
    "confidence",
    "evidence_type",
    "text",
    "findings",
    "supports",
    "attacks",
    "causes",
    "concepts",
)


def csv_cell(value: Cell) -> Cell:
    """A CSV cell a spreadsheet will not run as a formula (CSV injection: essay text, titles and
    file names are untrusted): text opening with = + - @, a tab or a carriage return gets a
    leading apostrophe; numbers pass unchanged.

    >>> csv_cell("=HYPERLINK(1)"), csv_cell("-"), csv_cell("a-b"), csv_cell(-1)
    ("'=HYPERLINK(1)", "'-", 'a-b', -1)
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(m: ArgumentMap) -> str:
    """One row per component (see `CSV_COLUMNS`), RFC 4180 quoting and line ends, for
    gradebooks and spreadsheets. Text that starts like a formula gets a leading `'`."""
    flagged = codes_by_component(m)
    targets: dict[tuple[str, RelationKind], list[str]] = {}
    for r in m.relations:
        targets.setdefault((r.source, r.kind), []).append(r.target)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for c in m.components:
        writer.writerow(
            [
                csv_cell(c.id),
                c.kind.value,
                c.paragraph,
                c.start,
                c.end,
                c.confidence,
                csv_cell(c.evidence_type or ""),
                csv_cell(c.text),
                csv_cell("; ".join(flagged.get(c.id, []))),
                *(csv_cell("; ".join(targets.get((c.id, k), []))) for k in RelationKind),
                csv_cell("; ".join(c.concepts)),
            ]
        )
    return buf.getvalue()
