"""The HTML page of a map: `layout` places the nodes (pure Python), `page` builds the page with
pyvis and our Jinja templates (`templating`). `to_html` is the registry's entry; it loads pyvis
and Jinja only when a page is asked for.

>>> from argmap.model import ArgumentMap, Component, Kind, Source
>>> c = Component("c1", Kind.THESIS, "Tea is good.", 0, 12, 0, 0.9)
>>> m = ArgumentMap("Tea", "Tea is good.", (c,), (), (), Source("t.txt", "0" * 64, "txt"))
>>> to_html(m, View.CAUSAL).startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

from argmap.model import ArgumentMap
from argmap.writers.style import View

__all__ = ["to_html"]


def to_html(m: ArgumentMap, view: View = View.ARGUMENT, assets: str | None = None) -> str:
    """The map as one HTML page that opens on `view` (`page.render_html`): self-contained, or
    reading its scripts from the relative folder `assets`."""
    from argmap.writers.html.page import render_html  # pyvis and Jinja load only for a page

    return render_html(m, view, assets)
