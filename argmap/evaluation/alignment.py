"""Align a predicted map's text (the cleaned text) with the gold text, character by character.

Predicted offsets point into the predicted map's text; `align` projects them onto the gold text
before spans are compared. Standard library only (difflib).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

__all__ = ["align"]


def align(pred_text: str, gold_text: str) -> Callable[[int], int]:
    """Map a character offset in `pred_text` to the offset of the same character in `gold_text`.

    Whitespace is ignored; other differences are bridged with difflib.

    >>> to_gold = align("Tea is good. Cake too.", "Tea is\\n good.\\n\\nCake too.")
    >>> to_gold(13)
    15
    """
    if pred_text == gold_text:
        return lambda i: max(0, min(i, len(gold_text)))
    a_pos = [i for i, c in enumerate(pred_text) if not c.isspace()]
    b_pos = [j for j, c in enumerate(gold_text) if not c.isspace()]
    a = "".join(pred_text[i] for i in a_pos)
    b = "".join(gold_text[j] for j in b_pos)
    table = [-1] * (len(pred_text) + 1)
    for ai, bj in _matching_chars(a, b):
        table[a_pos[ai]] = b_pos[bj]
    table[-1] = len(gold_text)
    matched = [j >= 0 for j in table]
    last_i, last_j = -1, -1  # unmatched offsets: step on from the last matched character ...
    for i, j in enumerate(table):
        if matched[i]:
            last_i, last_j = i, j
        else:
            table[i] = last_j + (i - last_i)
    upper = len(gold_text)  # ... but never past the next matched one
    for i in range(len(table) - 1, -1, -1):
        if matched[i]:
            upper = table[i]
        else:
            table[i] = min(table[i], upper)
    return lambda i: table[max(0, min(i, len(pred_text)))]


def _matching_chars(a: str, b: str) -> Iterable[tuple[int, int]]:
    """Pairs (i, j) with a[i] matched to b[j]: common ends directly, the middle with difflib."""
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    pairs = [(k, k) for k in range(head)]
    pairs += [(len(a) - 1 - k, len(b) - 1 - k) for k in range(tail)]
    middle = difflib.SequenceMatcher(None, a[head : len(a) - tail], b[head : len(b) - tail], False)
    for block in middle.get_matching_blocks():
        pairs += [(head + block.a + k, head + block.b + k) for k in range(block.size)]
    return pairs
