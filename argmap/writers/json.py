"""The JSON map itself (`argmap/1`), the source of every other format and the file a teacher
corrects by hand; `ArgumentMap.to_json` writes it, `ArgumentMap.from_json` reads it back.

>>> from argmap.model import Component, Kind, Source
>>> c = Component("c1", Kind.THESIS, "Tea is good.", 0, 12, 0, 0.9)
>>> m = ArgumentMap("Tea", "Tea is good.", (c,), (), (), Source("t.txt", "0" * 64, "txt"))
>>> ArgumentMap.from_json(to_json(m)) == m
True
"""

from __future__ import annotations

from argmap.model import ArgumentMap

__all__ = ["to_json"]


def to_json(m: ArgumentMap) -> str:
    """The map as its JSON file (same map, same bytes)."""
    return m.to_json()
