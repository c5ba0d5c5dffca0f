"""Output formats: a registry of exporters, each `ArgumentMap -> str`.

>>> sorted(f.value for f in EXPORTERS)
['html', 'json']
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from argmap.model import ArgumentMap

__all__ = ["Format", "EXPORTERS", "export"]


class Format(StrEnum):
    """A file format argmap can write; the value is also the file suffix."""

    HTML = "html"
    JSON = "json"


def _html(m: ArgumentMap) -> str:
    from argmap.render import render_html  # pyvis and Jinja load only when HTML is asked for

    return render_html(m)


EXPORTERS: dict[Format, Callable[[ArgumentMap], str]] = {
    Format.HTML: _html,
    Format.JSON: ArgumentMap.to_json,
}


def export(m: ArgumentMap, fmt: Format) -> str:
    """Return `m` written in `fmt`."""
    return EXPORTERS[fmt](m)
