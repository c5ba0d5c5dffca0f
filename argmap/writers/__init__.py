"""Maps to files: the registry of output formats, each `ArgumentMap -> str`, keyed by `Format`.

One module per format, each with its `to_<format>` function: `json` (the map itself, the source
of every other format), `html` (the interactive page: `html.layout`, `html.page`), `graph`
(networkx, GraphML, GEXF), `dot`, `mermaid`, `aif`, `argdown`, `markdown`, `csv` and
`feedback` (a student's printable feedback sheet); every one
reads its colours from `style`. Adding a format is a new module, a `Format` member and one line
in `EXPORTERS` (writer modules load on first use). `write` writes a map in a format atomically
(`files.atomic_write`).

Every writer is a pure function and deterministic (same map, same bytes: no dates, no random
ids). Essay text is untrusted, so each writer escapes it for its own syntax. Human-facing formats
(DOT, Mermaid, Markdown) number paragraphs from 1; data formats (CSV, GraphML, GEXF, AIF) keep the
JSON map's 0-based `paragraph`.

>>> sorted(f.value for f in EXPORTERS) == sorted(f.value for f in Format)
True
>>> Format.AIF.suffix, format_for_path(Path("out/map.aif.json"))
('.aif.json', <Format.AIF: 'aif'>)
>>> parse_formats(["html,json", "dot"])
[<Format.HTML: 'html'>, <Format.JSON: 'json'>, <Format.DOT: 'dot'>]
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path

from argmap.model import ArgumentMap
from argmap.writers.files import atomic_write
from argmap.writers.style import View

__all__ = [
    "Format",
    "View",
    "EXPORTERS",
    "export",
    "write",
    "parse_formats",
    "format_for_path",
    "path_for",
]


class Format(StrEnum):
    """A file format argmap can write; `suffix` is the file ending it is written with."""

    HTML = "html"
    JSON = "json"
    GRAPHML = "graphml"
    GEXF = "gexf"
    DOT = "dot"
    MERMAID = "mermaid"
    AIF = "aif"
    ARGDOWN = "argdown"
    MD = "md"
    CSV = "csv"
    FEEDBACK = "feedback"

    @property
    def suffix(self) -> str:
        return _SUFFIXES.get(self, f".{self.value}")


# Endings that are not simply "." + the format's name.
_SUFFIXES = {Format.MERMAID: ".mmd", Format.AIF: ".aif.json", Format.FEEDBACK: ".feedback.html"}


#: The writer of each format. The HTML page opens on the argument view; `export` passes a view.
def _lazy(module: str, function: str) -> Callable[..., str]:
    """`argmap.writers.<module>.<function>`, imported when first used (the command line's
    start-up needs none of the writers: networkx, jinja2 and the findings come with them)."""

    def write(m: ArgumentMap, *args: object) -> str:
        found: Callable[..., str] = getattr(
            importlib.import_module(f"argmap.writers.{module}"), function
        )
        return found(m, *args)

    return write


EXPORTERS: dict[Format, Callable[..., str]] = {
    Format.HTML: _lazy("html", "to_html"),
    Format.JSON: _lazy("json", "to_json"),
    Format.GRAPHML: _lazy("graph", "to_graphml"),
    Format.GEXF: _lazy("graph", "to_gexf"),
    Format.DOT: _lazy("dot", "to_dot"),
    Format.MERMAID: _lazy("mermaid", "to_mermaid"),
    Format.AIF: _lazy("aif", "to_aif"),
    Format.ARGDOWN: _lazy("argdown", "to_argdown"),
    Format.MD: _lazy("markdown", "to_markdown"),
    Format.CSV: _lazy("csv", "to_csv"),
    Format.FEEDBACK: _lazy("feedback", "to_feedback"),
}


def export(
    m: ArgumentMap, fmt: Format, view: View = View.ARGUMENT, assets: str | None = None
) -> str:
    """Return `m` written in `fmt`; `view` is the graph an HTML page opens on, `assets` the
    relative folder its scripts are read from (None: inlined, one self-contained file).

    >>> from argmap.model import Component, Kind, Source
    >>> c = Component("c1", Kind.THESIS, "Tea is good.", 0, 12, 0, 0.9)
    >>> m = ArgumentMap("Tea", "Tea is good.", (c,), (), (), Source("t.txt", "0" * 64, "txt"))
    >>> export(m, Format.JSON) == m.to_json()
    True
    """
    if fmt is Format.HTML:
        return EXPORTERS[fmt](m, view, assets)
    return EXPORTERS[fmt](m)


def write(m: ArgumentMap, fmt: Format, path: Path, view: View = View.ARGUMENT) -> None:
    """Write `m` in `fmt` to `path` atomically (a temporary file in the same folder, renamed).

    >>> import tempfile
    >>> from argmap.model import Component, Kind, Source
    >>> c = Component("c1", Kind.THESIS, "Tea is good.", 0, 12, 0, 0.9)
    >>> m = ArgumentMap("Tea", "Tea is good.", (c,), (), (), Source("t.txt", "0" * 64, "txt"))
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write(m, Format.DOT, Path(tmp) / "map.dot")
    ...     (Path(tmp) / "map.dot").read_text(encoding="utf-8") == export(m, Format.DOT)
    True
    """
    atomic_write(path, export(m, fmt, view))


def parse_formats(values: Iterable[str]) -> list[Format]:
    """Formats named in `values`, each a name or a comma-separated list; no repeats, in order.

    Raise ValueError naming the first unknown format and the known ones.
    """
    out: list[Format] = []
    for value in values:
        for name in value.split(","):
            name = name.strip().lower()
            if not name:
                continue
            try:
                fmt = Format(name)
            except ValueError:
                known = ", ".join(f.value for f in Format)
                raise ValueError(f"unknown format {name!r} (use {known})") from None
            if fmt not in out:
                out.append(fmt)
    return out


def format_for_path(path: Path) -> Format | None:
    """The format whose file ending `path` has (the longest that fits), or None."""
    name = path.name.lower()
    fits = [f for f in Format if name.endswith(f.suffix) and len(name) > len(f.suffix)]
    return max(fits, key=lambda f: len(f.suffix), default=None)


def path_for(path: Path, fmt: Format) -> Path:
    """`path` with its format ending (if it has one) replaced by `fmt`'s."""
    known = format_for_path(path)
    stem = path.name[: -len(known.suffix)] if known is not None else path.name
    return path.with_name(stem + fmt.suffix)
