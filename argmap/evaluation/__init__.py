"""Scoring argmap against gold annotations.

`gold` reads gold documents (`load_gold`, one reader per `GoldFormat` in `GOLD_READERS`),
`alignment` projects predicted offsets onto the gold text (`align`), `scoring` matches spans
and counts (`score`, `evaluate`), `tables` prints the scores (`format_table`). The gold
formats load with the package (the command line lists them); the scoring modules on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from argmap.evaluation.gold import GOLD_READERS, SUFFIXES, GoldDoc, GoldFormat, load_gold

if TYPE_CHECKING:
    from argmap.evaluation.alignment import align
    from argmap.evaluation.scoring import Counts, RoleScores, Scores, evaluate, score
    from argmap.evaluation.tables import format_table

__all__ = [
    "GoldFormat",
    "SUFFIXES",
    "GOLD_READERS",
    "GoldDoc",
    "Counts",
    "RoleScores",
    "Scores",
    "load_gold",
    "align",
    "score",
    "evaluate",
    "format_table",
]

# name -> the module (in this package) that defines it, imported on first use
_LAZY = {
    "align": "alignment",
    "Counts": "scoring",
    "RoleScores": "scoring",
    "Scores": "scoring",
    "evaluate": "scoring",
    "score": "scoring",
    "format_table": "tables",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f"argmap.evaluation.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'argmap.evaluation' has no attribute {name!r}")
