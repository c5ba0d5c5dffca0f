"""Output formats: a registry of exporters, each `ArgumentMap -> str`.

>>> sorted(f.value for f in EXPORTERS)
['html', 'json']
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from argmap.model import ArgumentMap

__all__ = ["Format", "View", "EXPORTERS", "export"]


class Format(StrEnum):
    """A file format argmap can write; the value is also the file suffix."""

    HTML = "html"
    JSON = "json"


class View(StrEnum):
    """The graph an HTML page opens on: the whole argument, or only its chains of causes."""

    ARGUMENT = "argument"
    CAUSAL = "causal"


def _html(m: ArgumentMap, view: View = View.ARGUMENT) -> str:
    from argmap.render import render_html  # pyvis and Jinja load only when HTML is asked for

    return render_html(m, view)


EXPORTERS: dict[Format, Callable[[ArgumentMap], str]] = {
    Format.HTML: _html,
    Format.JSON: ArgumentMap.to_json,
}


def export(m: ArgumentMap, fmt: Format, view: View = View.ARGUMENT) -> str:
    """Return `m` written in `fmt`; `view` is the graph an HTML page opens on."""
    if fmt is Format.HTML:
        return _html(m, view)
    return EXPORTERS[fmt](m)
