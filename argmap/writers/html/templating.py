"""Our Jinja templates (package data in `argmap/templates/`), loaded once each, autoescaped."""

from __future__ import annotations

import functools
import importlib.resources
import json
from typing import Any

import jinja2
from markupsafe import Markup

__all__ = ["template", "json_for_script", "raw"]


@functools.cache
def template(name: str) -> jinja2.Template:
    """The template `argmap/templates/<name>`: HTML autoescaping on, undefined names an error."""
    source = importlib.resources.files("argmap").joinpath("templates", name).read_text("utf-8")
    env = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.from_string(source)


def json_for_script(data: Any) -> str:
    """JSON that is safe inside `<script type="application/json">`: no `<`, `>`, `&`, U+2028/9.

    >>> json_for_script({"t": "</script><!-- & \\u2028"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003c!-- \\\\u0026 \\\\u2028"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, esc)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def raw(text: str) -> Markup:
    """`text` for a template to insert as it is: markup argmap made safe already (as
    `json_for_script` does), never essay text."""
    return Markup(text)
