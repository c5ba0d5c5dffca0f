"""Output formats: a registry of exporters, each `ArgumentMap -> str`, keyed by `Format`.

The JSON map is the source of every other format; the writers for standard formats live in
`argmap/interop.py`.

>>> sorted(f.value for f in EXPORTERS) == sorted(f.value for f in Format)
True
>>> Format.AIF.suffix, format_for_path(Path("out/map.aif.json"))
('.aif.json', <Format.AIF: 'aif'>)
>>> parse_formats(["html,json", "dot"])
[<Format.HTML: 'html'>, <Format.JSON: 'json'>, <Format.DOT: 'dot'>]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path

from argmap.model import ArgumentMap
from argmap.writers import interop
from argmap.writers.style import View

__all__ = [
    "Format",
    "View",
    "EXPORTERS",
    "export",
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

    @property
    def suffix(self) -> str:
        return _SUFFIXES.get(self, f".{self.value}")


# Endings that are not simply "." + the format's name.
_SUFFIXES = {Format.MERMAID: ".mmd", Format.AIF: ".aif.json"}


def _html(m: ArgumentMap, view: View = View.ARGUMENT) -> str:
    from argmap.writers.render import (
        render_html,  # pyvis and Jinja load only when HTML is asked for
    )

    return render_html(m, view)


EXPORTERS: dict[Format, Callable[[ArgumentMap], str]] = {
    Format.HTML: _html,
    Format.JSON: ArgumentMap.to_json,
    Format.GRAPHML: interop.to_graphml,
    Format.GEXF: interop.to_gexf,
    Format.DOT: interop.to_dot,
    Format.MERMAID: interop.to_mermaid,
    Format.AIF: interop.to_aif,
    Format.ARGDOWN: interop.to_argdown,
    Format.MD: interop.to_markdown,
    Format.CSV: interop.to_csv,
}


def export(m: ArgumentMap, fmt: Format, view: View = View.ARGUMENT) -> str:
    """Return `m` written in `fmt`; `view` is the graph an HTML page opens on."""
    if fmt is Format.HTML:
        return _html(m, view)
    return EXPORTERS[fmt](m)


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
