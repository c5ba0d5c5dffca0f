"""Our Jinja templates (package data in `argmap/templates/`), loaded once each, autoescaped."""

from __future__ import annotations

import functools
import importlib.resources

import jinja2

__all__ = ["template"]


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
