"""The learned role classifier (`LearnedRoles`, registered as "learned"): a multinomial logistic
regression over each unit's features, trained on the project's annotated corpus by
`tools/train_roles.py` and shipped as `argmap/data/roles-learned.json`.

Features (`unit_features`) say what a unit is and where it stands, never what it is about: its
opening cue and cue class, the signals `segment` found (figures, names, quotations, reporting
verbs, modals, first person, ...), its place in its paragraph and the paragraph's place in the
essay, its length, its first words when they are common ones, and the cue classes of its
neighbours. Every role gets a probability; the thesis is the one unit most likely to be it
(and a restatement in the conclusion as likely as not); the others take their best other role.

>>> from argmap.model import BlockKind, Unit
>>> units = (Unit(0, 26, 0, BlockKind.PARAGRAPH, 0, None, None, frozenset(), True, True),)
>>> sorted(unit_features(units, 0, "Homework should be banned."))[:4]
['bias', 'block=paragraph', 'cue=none', 'len=4-8']
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from argmap.argument.roles import evidence_type
from argmap.model import Component, Kind, Unit

__all__ = ["LearnedRoles", "LinearModel", "unit_features", "load_model"]

MODEL_FILE = "roles-learned.json"
_WORD = re.compile(r"[a-z']+")
_ORDER = tuple(Kind)
# Length classes in words: name, most words.
_LENGTHS = (("1-3", 3), ("4-8", 8), ("9-16", 16), ("17-30", 30), ("31+", 1 << 30))


@dataclass(frozen=True)
class LinearModel:
    """Weights per role (feature name -> weight) and the vocabulary of first words it knows."""

    weights: Mapping[Kind, Mapping[str, float]]
    words: frozenset[str]

    @classmethod
    def from_json(cls, raw: Mapping[str, object]) -> LinearModel:
        """Read a model from its JSON form (as `tools/train_roles.py` writes it)."""
        weights = raw.get("weights")
        words = raw.get("words")
        if not isinstance(weights, dict) or not isinstance(words, list):
            raise ValueError(f"{MODEL_FILE}: needs 'weights' (per role) and 'words'")
        unknown = set(weights) - {k.value for k in Kind}
        if unknown:
            raise ValueError(f"{MODEL_FILE}: unknown roles {sorted(unknown)}")
        return cls(
            weights={Kind(k): {str(n): float(v) for n, v in w.items()} for k, w in weights.items()},
            words=frozenset(str(w) for w in words),
        )


@functools.cache
def load_model() -> LinearModel:
    """The shipped model, `argmap/data/roles-learned.json`."""
    path = resources.files("argmap").joinpath(f"data/{MODEL_FILE}")
    return LinearModel.from_json(json.loads(path.read_text("utf-8")))


def unit_features(
    units: Sequence[Unit], k: int, text: str, words: frozenset[str] | None = None
) -> dict[str, float]:
    """The named features of unit `k` (value 1.0 unless said otherwise); first words only when
    they are in `words` (all of them when `words` is None, for training)."""
    u = units[k]
    paragraphs = sorted({x.paragraph for x in units})
    n_par = len(paragraphs)
    where = paragraphs.index(u.paragraph)
    in_par = [x for x in units if x.paragraph == u.paragraph]
    index = in_par.index(u)
    place = (
        "single"
        if n_par == 1
        else "intro"
        if where == 0
        else "conclusion"
        if where == n_par - 1
        else "body"
    )
    tokens = _WORD.findall(text[u.start : u.end].lower())
    n = len(tokens)
    length = (
        "1-3" if n < 4 else "4-8" if n < 9 else "9-16" if n < 17 else "17-30" if n < 31 else "31+"
    )
    out = {
        "bias": 1.0,
        f"cue={u.cue_type.value if u.cue_type else 'none'}": 1.0,
        f"block={u.block.value}": 1.0,
        f"place={place}": 1.0,
        f"index={min(index, 3)}": 1.0,
        f"len={length}": 1.0,
        "rel_position": k / max(len(units) - 1, 1),
    }
    if u.first_in_paragraph:
        out[f"first_in_{place}"] = 1.0
    if u.last_in_paragraph:
        out[f"last_in_{place}"] = 1.0
    if index == len(in_par) - 1 and where == 0:
        out["intro_last"] = 1.0
    for f in u.features:
        out[f"f={f.value}"] = 1.0
    if u.cue:
        out[f"cueword={u.cue}"] = 1.0
    for j, name in ((k - 1, "prev"), (k + 1, "next")):
        if 0 <= j < len(units):
            other = units[j]
            same = "same" if other.sentence == u.sentence else "other"
            out[f"{name}_cue={other.cue_type.value if other.cue_type else 'none'}"] = 1.0
            out[f"{name}_{same}_sentence"] = 1.0
    for w in tokens[:2]:
        if words is None or w in words:
            out[f"w={w}"] = 1.0
    if tokens and (words is None or tokens[0] in words):
        out[f"w1={tokens[0]}"] = 1.0
    return out


def probabilities(x: Mapping[str, float], model: LinearModel) -> dict[Kind, float]:
    """The softmax probability of each role for the features `x`."""
    scores = {k: sum(w.get(n, 0.0) * v for n, v in x.items()) for k, w in model.weights.items()}
    top = max(scores.values())
    exp = {k: math.exp(s - top) for k, s in scores.items()}
    total = sum(exp.values())
    return {k: e / total for k, e in exp.items()}


class LearnedRoles:
    """Roles from the logistic regression in `argmap/data/roles-learned.json` (or `model`)."""

    name = "learned"

    def __init__(self, model: LinearModel | None = None) -> None:
        self.model = model if model is not None else load_model()

    def classify(self, text: str, units: Sequence[Unit]) -> tuple[Component, ...]:
        """Return one component per unit, ids `c1`, `c2`, ... in text order."""
        probs = [
            probabilities(unit_features(units, k, text, self.model.words), self.model)
            for k in range(len(units))
        ]
        thesis = max(range(len(units)), key=lambda k: (probs[k][Kind.THESIS], -k), default=None)
        paragraphs = sorted({u.paragraph for u in units})
        roles: list[tuple[Kind, float]] = []
        for k, p in enumerate(probs):
            restates = (
                len(paragraphs) > 2
                and units[k].paragraph == paragraphs[-1]
                and p[Kind.THESIS] >= 0.5
            )
            if k == thesis or restates:
                roles.append((Kind.THESIS, p[Kind.THESIS]))
                continue
            kind = max(
                (r for r in p if r is not Kind.THESIS), key=lambda r: (p[r], -_ORDER.index(r))
            )
            roles.append((kind, p[kind]))
        return tuple(
            Component(
                id=f"c{k + 1}",
                kind=kind,
                text=text[u.start : u.end],
                start=u.start,
                end=u.end,
                paragraph=u.paragraph,
                confidence=round(conf, 2),
                evidence_type=evidence_type(u.features) if kind is Kind.EVIDENCE else None,
            )
            for k, (u, (kind, conf)) in enumerate(zip(units, roles, strict=True))
        )
