"""Scoring argmap against gold annotations.

`gold` reads gold documents (`load_gold`, one reader per `GoldFormat` in `GOLD_READERS`), `align`
projects predicted offsets onto the gold text, `score` matches spans and counts (`score`,
`evaluate`), `table` prints the scores (`format_table`).
"""

from __future__ import annotations

from argmap.evaluation.align import align
from argmap.evaluation.gold import GOLD_READERS, SUFFIXES, GoldDoc, GoldFormat, load_gold
from argmap.evaluation.score import Counts, RoleScores, Scores, evaluate, score
from argmap.evaluation.table import format_table

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
