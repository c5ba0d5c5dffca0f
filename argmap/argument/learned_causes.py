"""The learned causal extractor: the Causal News Corpus model (`argmap/nlp/causal.py`) checks
the causal ties the patterns find between the clauses of one sentence.

A tie inside a sentence ("X because Y", "..., so Y", "..., which led to Y") stands when the
model reads the sentence as causal and puts its cause and its effect on the two sides of the
tie (one in each clause); otherwise it goes. Ties across sentences ("As a result, ...", "This
led to ...") and arrows ("A --> B") stand as the patterns found them (the model reads one
sentence at a time). On the project's corpus (train and dev splits) this keeps recall and
raises precision; letting the model add ties of its own, where no cue word is, lowered it:
news sentences (its training data) call causal many things an essay offers as reasons.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from argmap.model import Cause, Unit
from argmap.nlp.causal import CausalModel, load_model

__all__ = ["LearnedCauses"]


class LearnedCauses:
    """The patterns' causal ties, those inside a sentence checked by the learned model."""

    name = "learned"

    def __init__(self, model: CausalModel | None = None) -> None:
        self.model = model if model is not None else load_model()

    def ties(
        self, text: str, units: Sequence[Unit], sentences: Sequence[tuple[int, Any]] = ()
    ) -> tuple[Cause | None, ...]:
        """Each unit's tie to a neighbour, or None; `sentences` are the parsed sentences with
        their offsets in `text` (`Unit.sentence` indexes them; without them the patterns' ties
        stand)."""
        out = [u.cause for u in units]
        if not sentences:
            return tuple(out)
        groups: dict[int, list[int]] = {}
        for k, u in enumerate(units):
            groups.setdefault(u.sentence, []).append(k)
        for s, idxs in groups.items():
            inside = [k for k in idxs if _within(units, k, idxs)]
            if not inside or s >= len(sentences):
                continue
            offset, sent = sentences[s]
            tokens = list(sent)
            rel = self.model.relation(tokens)
            sides = (
                set()
                if rel is None
                else {
                    _holder(units, idxs, offset, tokens, rel.cause),
                    _holder(units, idxs, offset, tokens, rel.effect),
                }
            )
            for k in inside:
                tie = units[k].cause
                assert tie is not None
                other = k - 1 if tie.link.endswith("previous") else k + 1
                if sides != {k, other}:
                    out[k] = None
        return tuple(out)


def _within(units: Sequence[Unit], k: int, idxs: Sequence[int]) -> bool:
    """Whether unit k's tie points at a unit of its own sentence."""
    tie = units[k].cause
    if tie is None:
        return False
    if tie.link.endswith("previous"):
        return k != idxs[0]
    return k != idxs[-1]


def _holder(
    units: Sequence[Unit],
    idxs: Sequence[int],
    offset: int,
    tokens: Sequence[Any],
    span: tuple[int, int],
) -> int | None:
    """The unit of the sentence holding most of the token span's characters."""
    start = offset + tokens[span[0]].idx
    end = offset + tokens[span[1] - 1].idx + len(tokens[span[1] - 1])
    best, most = None, 0
    for k in idxs:
        share = min(end, units[k].end) - max(start, units[k].start)
        if share > most:
            best, most = k, share
    return best
