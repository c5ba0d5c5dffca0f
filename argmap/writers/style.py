"""How roles and links look, decided once: every writer (the HTML page, its CSS, DOT, Mermaid,
GEXF) reads its colours, shapes and dashes from these tables.

>>> ROLE_STYLE[Kind.THESIS]["colour"], EDGE_STYLE[RelationKind.ATTACKS]["dashes"]
('#0072B2', [8, 6])
>>> tint("#0072B2", 0.72), rgb("#0072B2")
('#b8d8e9', (0, 114, 178))
>>> sorted(ROLE_STYLE) == sorted(Kind) and sorted(EDGE_STYLE) == sorted(RelationKind)
True
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from argmap.model import Kind, RelationKind

__all__ = ["View", "ROLE_STYLE", "ROLE_ORDER", "EDGE_STYLE", "FLAG_COLOUR", "tint", "rgb"]


class View(StrEnum):
    """The graph a page opens on: the whole argument, or only its chains of causes."""

    ARGUMENT = "argument"
    CAUSAL = "causal"


#: Per role: Okabe-Ito colour (colour-blind safe), vis-network shape, corner radius, border
#: dashes, and the background of its passages in the essay pane (`passage`).
ROLE_STYLE: dict[Kind, dict[str, Any]] = {
    Kind.THESIS: {
        "colour": "#0072B2",
        "shape": "box",
        "radius": 2,
        "dashes": False,
        "passage": "#c7ddec",
    },
    Kind.CLAIM: {
        "colour": "#56B4E9",
        "shape": "box",
        "radius": 18,
        "dashes": False,
        "passage": "#e3f2fb",
    },
    Kind.EVIDENCE: {
        "colour": "#009E73",
        "shape": "box",
        "radius": 0,
        "dashes": False,
        "passage": "#dcf1ea",
    },
    Kind.COUNTERCLAIM: {
        "colour": "#D55E00",
        "shape": "box",
        "radius": 2,
        "dashes": [8, 4],
        "passage": "#f8e3d6",
    },
    Kind.REBUTTAL: {
        "colour": "#CC79A7",
        "shape": "box",
        "radius": 18,
        "dashes": [8, 4],
        "passage": "#f6e7f0",
    },
    Kind.CONTEXT: {
        "colour": "#999999",
        "shape": "box",
        "radius": 0,
        "dashes": [2, 4],
        "passage": "#efefef",
    },
}

#: The order of roles in legends and filters.
ROLE_ORDER: tuple[Kind, ...] = (
    Kind.THESIS,
    Kind.CLAIM,
    Kind.EVIDENCE,
    Kind.COUNTERCLAIM,
    Kind.REBUTTAL,
    Kind.CONTEXT,
)

#: Per relation kind: colour, dashes, line width and legend words.
EDGE_STYLE: dict[RelationKind, dict[str, Any]] = {
    RelationKind.SUPPORTS: {"colour": "#009E73", "dashes": False, "width": 2, "words": "supports"},
    RelationKind.ATTACKS: {"colour": "#D55E00", "dashes": [8, 6], "width": 2, "words": "attacks"},
    RelationKind.CAUSES: {"colour": "#E69F00", "dashes": False, "width": 3.5, "words": "causes"},
}

#: The outline of a component with findings, in the exports that mark it (DOT, Mermaid).
FLAG_COLOUR = "#c80028"


def rgb(colour: str) -> tuple[int, int, int]:
    """The red, green and blue of a `#rrggbb` colour."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def tint(colour: str, white: float) -> str:
    """`colour` mixed with white, `white` the share of white (0: the colour, 1: white)."""
    return "#" + "".join(f"{round(v + (255 - v) * white):02x}" for v in rgb(colour))
