"""A learned causal model for one parsed sentence: is it causal, and where are its cause, effect
and signal.

Trained by `tools/train_causal.py` on the Causal News Corpus (CC0; news sentences annotated with
`<ARG0>` cause, `<ARG1>` effect and `<SIG0>` signal spans) and shipped as
`argmap/data/causal-learned.json`:

- `sentence`: a logistic regression over the sentence's words, word pairs and dependency
  triples (`sentence_features`): the probability that the sentence states a cause and effect;
- `spans`: a softmax over the BIO tags of cause and effect (`O B-C I-C B-E I-E`) for each token
  (`token_features`: the word, its neighbours, part of speech, dependency, head and path up the
  tree), decoded with Viterbi so that every span opens with its B- tag;
- `signal`: the same over `O B-S I-S` for the signal words ("because", "led to", "over").

Inference is plain Python over the weights (no new dependency): it reads only the attributes of
spaCy tokens that the sentence was parsed with (`lower_`, `pos_`, `dep_`, `head`, `i`,
`ancestors`), so a `Span` of any parsed `Doc` will do.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Protocol

__all__ = [
    "CE_TAGS",
    "SIGNAL_TAGS",
    "CausalModel",
    "Relation",
    "load_model",
    "sentence_features",
    "token_features",
    "viterbi",
    "spans_of",
]

CE_TAGS = ("O", "B-C", "I-C", "B-E", "I-E")
SIGNAL_TAGS = ("O", "B-S", "I-S")
_WINDOW = (-2, -1, 1, 2)
_MODEL_FILE = "causal-learned.json"


class _Token(Protocol):
    """What the features read of a spaCy token."""

    @property
    def i(self) -> int: ...
    @property
    def lower_(self) -> str: ...
    @property
    def pos_(self) -> str: ...
    @property
    def dep_(self) -> str: ...
    @property
    def head(self) -> Any: ...
    @property
    def ancestors(self) -> Iterable[Any]: ...


def sentence_features(tokens: Sequence[_Token]) -> set[str]:
    """Words, word pairs and (dependency, word, head word) triples of a sentence."""
    words = [t.lower_ for t in tokens]
    out = {f"w={w}" for w in words}
    out.update(f"b={a}_{b}" for a, b in zip(words, words[1:], strict=False))
    for t in tokens:
        out.add(f"d={t.dep_}_{t.lower_}_{t.head.lower_}")
        out.add(f"pd={t.pos_}:{t.dep_}")
    return out


def token_features(tokens: Sequence[_Token], k: int) -> list[str]:
    """The features of the k-th token of a sentence for the span taggers."""
    t = tokens[k]
    first = tokens[0].i
    head = t.head.i - first
    path = "/".join(a.dep_ for a in _take(t.ancestors, 3))
    out = [
        "bias",
        f"w={t.lower_}",
        f"p={t.pos_}",
        f"d={t.dep_}",
        f"pd={t.pos_}_{t.dep_}",
        f"h={t.head.lower_}",
        f"hd={t.head.dep_}",
        f"a={path}",
        f"head={'left' if head < k else 'right' if head > k else 'self'}",
        f"at={min(k, 10)}",
        f"left={min(len(tokens) - 1 - k, 10)}",
    ]
    for o in _WINDOW:
        j = k + o
        if 0 <= j < len(tokens):
            u = tokens[j]
            out += [f"w{o}={u.lower_}", f"p{o}={u.pos_}", f"d{o}={u.dep_}"]
        else:
            out.append(f"w{o}=<pad>")
    return out


def _take(items: Iterable[Any], n: int) -> list[Any]:
    out: list[Any] = []
    for x in items:
        if len(out) == n:
            break
        out.append(x)
    return out


@dataclass(frozen=True)
class Relation:
    """Token offsets (start, end) within the sentence of a cause, its effect and the signal."""

    cause: tuple[int, int]
    effect: tuple[int, int]
    signal: tuple[int, int] | None
    probability: float  # the sentence model's probability that the sentence is causal


@dataclass(frozen=True)
class CausalModel:
    sentence: Mapping[str, float]
    threshold: float
    spans: Mapping[str, Mapping[str, float]]  # tag -> feature -> weight
    signal: Mapping[str, Mapping[str, float]]

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> CausalModel:
        return cls(
            sentence=raw["sentence"]["weights"],
            threshold=float(raw["sentence"]["threshold"]),
            spans=raw["spans"]["weights"],
            signal=raw["signal"]["weights"],
        )

    def probability(self, tokens: Sequence[_Token]) -> float:
        """The probability that the sentence states a cause and its effect."""
        w = self.sentence
        z = w.get("bias", 0.0) + math.fsum(w.get(f, 0.0) for f in sentence_features(tokens))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def tags(self, tokens: Sequence[_Token]) -> tuple[list[str], list[str]]:
        """The cause/effect and signal tags of each token (Viterbi over each tag set)."""
        feats = [token_features(tokens, k) for k in range(len(tokens))]
        return (
            viterbi([_log_softmax(f, self.spans, CE_TAGS) for f in feats], CE_TAGS),
            viterbi([_log_softmax(f, self.signal, SIGNAL_TAGS) for f in feats], SIGNAL_TAGS),
        )

    def relation(self, tokens: Sequence[_Token]) -> Relation | None:
        """The sentence's cause, effect and signal, if it is causal and both spans are found
        (the longest span of each kind when the tagger finds several)."""
        if not tokens:
            return None
        p = self.probability(tokens)
        if p < self.threshold:
            return None
        ce, sig = self.tags(tokens)
        causes, effects = spans_of(ce, "C"), spans_of(ce, "E")
        if not causes or not effects:
            return None
        signals = spans_of(sig, "S")
        return Relation(
            cause=max(causes, key=lambda s: (s[1] - s[0], -s[0])),
            effect=max(effects, key=lambda s: (s[1] - s[0], -s[0])),
            signal=signals[0] if signals else None,
            probability=p,
        )


def _log_softmax(
    feats: Sequence[str], weights: Mapping[str, Mapping[str, float]], tags: Sequence[str]
) -> list[float]:
    scores = [sum(weights[t].get(f, 0.0) for f in feats) for t in tags]
    top = max(scores)
    total = math.log(sum(math.exp(s - top) for s in scores)) + top
    return [s - total for s in scores]


def viterbi(scores: Sequence[Sequence[float]], tags: Sequence[str]) -> list[str]:
    """The best tag sequence under per-token log-probabilities where an I- tag only follows
    the B- or I- tag of its own kind."""
    n = len(tags)
    allowed = [
        [not tags[b].startswith("I-") or tags[a][2:] == tags[b][2:] for b in range(n)]
        for a in range(n)
    ]
    if not scores:
        return []
    best = [s if not tags[j].startswith("I-") else -math.inf for j, s in enumerate(scores[0])]
    back: list[list[int]] = []
    for row in scores[1:]:
        prev = best
        pointers, best = [], []
        for b in range(n):
            a = max((a for a in range(n) if allowed[a][b]), key=lambda a: (prev[a], -a))
            pointers.append(a)
            best.append(prev[a] + row[b])
        back.append(pointers)
    j = max(range(n), key=lambda j: (best[j], -j))
    path = [j]
    for pointers in reversed(back):
        j = pointers[j]
        path.append(j)
    return [tags[j] for j in reversed(path)]


def spans_of(tags: Sequence[str], kind: str) -> list[tuple[int, int]]:
    """The (start, end) token spans of `kind` in a BIO tag sequence."""
    out: list[tuple[int, int]] = []
    start = None
    for k, tag in enumerate([*tags, "O"]):
        if start is not None and tag != f"I-{kind}":
            out.append((start, k))
            start = None
        if tag == f"B-{kind}":
            start = k
    return out


@functools.cache
def load_model() -> CausalModel:
    """The model shipped in `argmap/data/causal-learned.json`."""
    raw = json.loads(
        resources.files("argmap").joinpath("data", _MODEL_FILE).read_text(encoding="utf-8")
    )
    return CausalModel.from_json(raw)
