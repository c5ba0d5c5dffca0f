"""argmap: turn essays into argument maps.

The library's face: `parse_essay` maps an essay (text or a file), `Pipeline` chooses the argument
stages by name, `ArgumentMap` is the map, `write` saves it in any format. The names load on
first use, so `import argmap` (and the command line's `--help`) stays fast.

>>> import argmap
>>> m = argmap.parse_essay("Homework should go. A 2019 survey found 62% of pupils sleep less.")
>>> isinstance(m, argmap.ArgumentMap), [c.kind.value for c in m.components]
(True, ['thesis', 'evidence'])
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "parse_essay", "Pipeline", "ArgumentMap", "Format", "View", "write"]

# name -> the module that defines it
_PUBLIC = {
    "parse_essay": "argmap.pipeline",
    "Pipeline": "argmap.pipeline",
    "ArgumentMap": "argmap.model",
    "Format": "argmap.writers",
    "View": "argmap.writers",
    "write": "argmap.writers",
}

if TYPE_CHECKING:
    from argmap.model import ArgumentMap
    from argmap.pipeline import Pipeline, parse_essay
    from argmap.writers import Format, View, write


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")
