"""Train argmap's causal model (`argmap/nlp/causal.py`) on the Causal News Corpus.

    python3 tools/train_causal.py            # train, report on our dev part, write the model
    python3 tools/train_causal.py --check    # report only; exit 1 if the model file differs

Reads `../shared/data/causal-news/` (CC0 1.0, Tan et al. 2022: `train_subtask1.csv`, sentences
labelled causal or not; `train_subtask2.csv`, cause/effect/signal spans) and splits it by
document into our train and dev parts (a stable hash of the document id; 20% dev). Only the
train part is fitted on; the L2 strengths are chosen on an inner split of the train part (again
by document), so the dev figures printed at the end are measured on text nothing was fitted or
tuned on. Every sentence is parsed with argmap's own spaCy pipeline, on the corpus's tokens.

Models: multinomial logistic regressions on binary features (`sentence_features`,
`token_features`; the sentence model's features scaled by their naive-Bayes log-count ratio
while fitting, NBSVM-style: dev causal-sentence F1 0.771 -> 0.778), fitted by full-batch
gradient descent from zero (deterministic: no randomness, a fixed number of steps); features
seen fewer than `MIN_COUNT` times in training are left out. The sentence model's decision
threshold is chosen with its L2 strength on the inner split. Writes
`argmap/data/causal-learned.json`.

Scores on dev: causal-sentence precision/recall/F1 (subtask 1); cause/effect token-overlap F1
on the causal sentences (each sentence's predicted cause and effect against the gold relation
they overlap most); exact-span F1 of cause, effect and signal as the shared task's scorer
counts it (a span counts when its start and end are both right; the best pairing of predicted
and gold relations in a sentence with several), overall weighted by the number of gold spans.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from train import DIGITS, weights  # tools/train.py: the same rounding of fitted weights

from argmap.nlp.causal import (
    CE_TAGS,
    SIGNAL_TAGS,
    CausalModel,
    sentence_features,
    spans_of,
    token_features,
)
from argmap.nlp.english import parse_words

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "causal-news"
OUT = ROOT / "argmap" / "data" / "causal-learned.json"
DEV_SHARE = 20  # percent of documents in dev (and in the inner split used to choose L2)
MIN_COUNT = 2
STRENGTHS = (1.0, 3.0, 10.0)
STEPS = 400
RATE = 1.0
THRESHOLD = 0.5  # while choosing the taggers' L2 (their scores do not read it)
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)  # tried for the sentence model
Tags = dict[str, dict[str, float]]  # tag -> feature -> weight
Spans = dict[str, set[tuple[int, int]]]  # "C"/"E"/"S" -> token spans


@dataclass(frozen=True)
class Sentence:
    doc: str
    tokens: tuple[Any, ...]  # spaCy tokens of the parsed sentence
    causal: bool


@dataclass(frozen=True)
class Tagged:
    doc: str
    tokens: tuple[Any, ...]
    relations: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # (cause/effect, signal) tags


def bucket(doc: str) -> int:
    return int(hashlib.sha256(doc.encode()).hexdigest(), 16) % 100


def _read(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _parse(word_lists: Sequence[Sequence[str]]) -> list[tuple[Any, ...]]:
    return list(parse_words(word_lists))


def load_sentences() -> list[Sentence]:
    rows = _read("train_subtask1.csv")
    toks = _parse([r["text"].split(" ") for r in rows])
    return [
        Sentence(r["index"].rsplit("_", 1)[0], t, r["label"] == "1")
        for r, t in zip(rows, toks, strict=True)
    ]


def bio(text_w_pairs: str) -> tuple[list[str], list[str], list[str]]:
    """Words, cause/effect tags and signal tags of one annotated relation (the scorer's
    reading of `<ARG0>`, `<ARG1>` and `<SIGn>`)."""
    words, ce, sig = [], [], []
    tag = nxt = stag = snxt = "O"
    for tok in text_w_pairs.split(" "):
        if "<ARG0>" in tok:
            tag, nxt = "B-C", "I-C"
        elif "</ARG0>" in tok:
            tag, nxt = "I-C", "O"
        elif "<ARG1>" in tok:
            tag, nxt = "B-E", "I-E"
        elif "</ARG1>" in tok:
            tag, nxt = "I-E", "O"
        if re.search(r"<SIG\d*>", tok):
            stag, snxt = "B-S", "I-S"
            if re.search(r"</SIG\d*>", tok):
                snxt = "O"
        elif re.search(r"</SIG\d*>", tok):
            stag, snxt = "I-S", "O"
        words.append(re.sub(r"</*[A-Z]+\d*>", "", tok))
        ce.append(tag)
        sig.append(stag)
        tag, stag = nxt, snxt
    return words, ce, sig


def load_tagged() -> list[Tagged]:
    grouped: dict[tuple[str, str], tuple[list[str], list[Any]]] = {}
    for r in _read("train_subtask2.csv"):
        words, ce, sig = bio(r["text_w_pairs"])
        key = (r["doc_id"], r["sent_id"])
        grouped.setdefault(key, (words, []))[1].append((tuple(ce), tuple(sig)))
    keys = sorted(grouped)
    toks = _parse([grouped[k][0] for k in keys])
    return [Tagged(k[0], t, tuple(grouped[k][1])) for k, t in zip(keys, toks, strict=True)]


# -- fitting ------------------------------------------------------------------------------------


class Index:
    """Feature names seen at least MIN_COUNT times in training, numbered in sorted order."""

    def __init__(self, rows: Sequence[Sequence[str]]) -> None:
        counts = Counter(f for row in rows for f in set(row))
        self.names = sorted(f for f, c in counts.items() if c >= MIN_COUNT)
        self.of = {f: j for j, f in enumerate(self.names)}

    def encode(self, rows: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        r, c = [], []
        for i, row in enumerate(rows):
            for j in sorted({self.of[f] for f in row if f in self.of}):
                r.append(i)
                c.append(j)
        return np.array(r, dtype=np.int64), np.array(c, dtype=np.int64)


def fit(
    rows: Sequence[Sequence[str]],
    ys: Sequence[int],
    n_classes: int,
    strength: float,
    scaled: bool = False,
) -> tuple[list[str], np.ndarray]:
    """A multinomial logistic regression on binary features (bias unpenalised). `scaled` (two
    classes): each feature is scaled by its naive-Bayes log-count ratio (`nb_ratios`) while
    fitting (Wang & Manning 2012, "NBSVM"); the weights returned are for the binary features
    (the fitted weight times the ratio), so the model reads the same features as without."""
    index = Index([[*row, "bias"] for row in rows])
    r, c = index.encode([[*row, "bias"] for row in rows])
    n, d = len(rows), len(index.names)
    y = np.zeros((n, n_classes))
    y[np.arange(n), np.asarray(ys)] = 1.0
    scale = nb_ratios(r, c, np.asarray(ys), d) if scaled else np.ones(d)
    if "bias" in index.of:
        scale[index.of["bias"]] = 1.0
    x = scale[c]
    w = np.zeros((n_classes, d))
    penalty = np.ones(d)
    if "bias" in index.of:
        penalty[index.of["bias"]] = 0.0
    for _ in range(STEPS):
        z = np.stack(
            [np.bincount(r, weights=w[k, c] * x, minlength=n) for k in range(n_classes)], 1
        )
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        err = p - y
        grad = np.stack(
            [np.bincount(c, weights=err[r, k] * x, minlength=d) for k in range(n_classes)]
        )
        w -= RATE * (grad / n + strength / n * w * penalty)
    return index.names, w * scale


def nb_ratios(r: np.ndarray, c: np.ndarray, ys: np.ndarray, d: int) -> np.ndarray:
    """Each feature's log-count ratio between the classes 1 and 0 (add-one smoothed): how much
    likelier it is among the positives' features than among the negatives'."""
    pos = 1.0 + np.bincount(c, weights=(ys[r] == 1).astype(float), minlength=d)
    neg = 1.0 + np.bincount(c, weights=(ys[r] == 0).astype(float), minlength=d)
    return np.asarray(np.log((pos / pos.sum()) / (neg / neg.sum())))


def fit_sentences(sents: Sequence[Sentence], strength: float) -> dict[str, float]:
    rows = [sorted(sentence_features(s.tokens)) for s in sents]
    names, w = fit(rows, [int(s.causal) for s in sents], 2, strength, scaled=True)
    both = weights(names, w, ("no", "yes"))
    # two-class softmax as one logistic regression: weight = yes - no
    return {
        f: round(both["yes"].get(f, 0.0) - both["no"].get(f, 0.0), DIGITS)
        for f in sorted(set(both["yes"]) | set(both["no"]))
        if round(both["yes"].get(f, 0.0) - both["no"].get(f, 0.0), DIGITS)
    }


def fit_tags(
    tagged: Sequence[Tagged], strength: float, which: int, labels: Sequence[str]
) -> dict[str, dict[str, float]]:
    """The tagger of cause/effect (`which` 0) or signal (1) tags, on each sentence's first
    relation."""
    rows, ys = [], []
    for s in tagged:
        tags = s.relations[0][which]
        for k in range(len(s.tokens)):
            rows.append(token_features(s.tokens, k))
            ys.append(labels.index(tags[k]))
    names, w = fit(rows, ys, len(labels), strength)
    return weights(names, w, labels)


def model(sentence: dict[str, float], spans: Tags, signal: Tags) -> CausalModel:
    return CausalModel(sentence=sentence, threshold=THRESHOLD, spans=spans, signal=signal)


# -- scoring ------------------------------------------------------------------------------------


def f1(tp: float, pred: float, gold: float) -> float:
    return 2 * tp / (pred + gold) if pred + gold else 0.0


def sentence_scores(m: CausalModel, sents: Sequence[Sentence]) -> dict[str, float]:
    pred = [m.probability(s.tokens) >= m.threshold for s in sents]
    tp = sum(p and s.causal for p, s in zip(pred, sents, strict=True))
    return {
        "precision": tp / max(sum(pred), 1),
        "recall": tp / max(sum(s.causal for s in sents), 1),
        "f1": f1(tp, sum(pred), sum(s.causal for s in sents)),
    }


def span_scores(m: CausalModel, tagged: Sequence[Tagged], end_to_end: bool) -> dict[str, float]:
    """Token-overlap F1 of cause and effect, and the scorer's exact-span F1 of cause, effect and
    signal. `end_to_end`: a sentence the sentence model calls non-causal predicts nothing."""
    overlap = {k: [0, 0, 0] for k in "CE"}
    exact = {k: [0, 0, 0] for k in "CES"}
    for s in tagged:
        ce, sig = m.tags(s.tokens)
        if end_to_end and m.probability(s.tokens) < m.threshold:
            ce, sig = ["O"] * len(ce), ["O"] * len(sig)
        pred = {
            "C": set(spans_of(ce, "C")),
            "E": set(spans_of(ce, "E")),
            "S": set(spans_of(sig, "S")),
        }
        golds = [
            {"C": set(spans_of(g, "C")), "E": set(spans_of(g, "E")), "S": set(spans_of(gs, "S"))}
            for g, gs in s.relations
        ]

        # one predicted relation: pair it with the gold relation it matches best
        best = max(range(len(golds)), key=lambda j: (_hits(pred, golds[j]), -j))
        for j, g in enumerate(golds):
            mine = pred if j == best else {"C": set(), "E": set(), "S": set()}
            for k in "CES":
                exact[k][0] += len(mine[k] & g[k])
                exact[k][1] += len(mine[k])
                exact[k][2] += len(g[k])
            if j == best:
                for k in "CE":
                    overlap[k][0] += len(_tokens(mine[k]) & _tokens(g[k]))
                    overlap[k][1] += len(_tokens(mine[k]))
                    overlap[k][2] += len(_tokens(g[k]))
    out = {f"overlap_{k}": f1(*overlap[k]) for k in "CE"}
    out["overlap"] = (out["overlap_C"] + out["overlap_E"]) / 2
    for k in "CES":
        out[f"exact_{k}"] = f1(*exact[k])
    support = sum(exact[k][2] for k in "CES")
    out["exact"] = sum(out[f"exact_{k}"] * exact[k][2] for k in "CES") / max(support, 1)
    return out


def _hits(pred: Spans, gold: Spans) -> tuple[int, int]:
    """Exact spans and overlapping cause/effect tokens that `pred` shares with `gold`."""
    exact = sum(len(pred[k] & gold[k]) for k in "CES")
    overlap = sum(len(_tokens(pred[k]) & _tokens(gold[k])) for k in "CE")
    return exact, overlap


def _tokens(spans: set[tuple[int, int]]) -> set[int]:
    return {i for a, b in spans for i in range(a, b)}


# -- main ---------------------------------------------------------------------------------------


_D = TypeVar("_D", Sentence, Tagged)


def _split(items: Sequence[_D], inner: bool = False) -> tuple[list[_D], list[_D]]:
    """(train, dev) by document; `inner` splits the train part again (to choose L2)."""
    train = [x for x in items if bucket(x.doc) >= DEV_SHARE]
    dev = [x for x in items if bucket(x.doc) < DEV_SHARE]
    if not inner:
        return train, dev
    key = [bucket(x.doc + "/inner") < DEV_SHARE for x in train]
    return [x for x, k in zip(train, key, strict=True) if not k], [
        x for x, k in zip(train, key, strict=True) if k
    ]


def train() -> tuple[dict[str, Any], dict[str, dict[str, float]]]:
    sents, tagged = load_sentences(), load_tagged()
    s_train, s_dev = _split(sents)
    t_train, t_dev = _split(tagged)
    s_fit, s_val = _split(sents, inner=True)
    t_fit, t_val = _split(tagged, inner=True)
    print(f"sentences: {len(s_train)} train, {len(s_dev)} dev; ", end="")
    print(f"tagged: {len(t_train)} train, {len(t_dev)} dev")
    empty: dict[str, dict[str, float]] = {t: {} for t in CE_TAGS}
    no_signal: dict[str, dict[str, float]] = {t: {} for t in SIGNAL_TAGS}
    # L2 strength and decision threshold of the sentence model, by F1 on the inner split
    choices = []
    for a in STRENGTHS:
        w = fit_sentences(s_fit, a)
        for t in THRESHOLDS:
            m = CausalModel(sentence=w, threshold=t, spans=empty, signal=no_signal)
            choices.append((sentence_scores(m, s_val)["f1"], -a, -t))
    _, neg_a, neg_t = max(choices)
    best_s, threshold = -neg_a, -neg_t
    best_t = max(
        STRENGTHS,
        key=lambda a: span_scores(
            model({}, fit_tags(t_fit, a, 0, CE_TAGS), no_signal), t_val, False
        )["overlap"],
    )
    print(f"chosen on the inner split: sentences L2 {best_s}, threshold {threshold}; ", end="")
    print(f"spans L2 {best_t}")
    sentence = fit_sentences(s_train, best_s)
    spans = fit_tags(t_train, best_t, 0, CE_TAGS)
    signal = fit_tags(t_train, best_t, 1, SIGNAL_TAGS)
    m = CausalModel(sentence=sentence, threshold=threshold, spans=spans, signal=signal)
    scores = {
        "sentence": sentence_scores(m, s_dev),
        "spans given causal sentences": span_scores(m, t_dev, False),
        "spans end to end": span_scores(m, t_dev, True),
    }
    raw = {
        "_doc": (
            "argmap's causal model (argmap/nlp/causal.py), written by tools/train_causal.py from "
            "the Causal News Corpus (CC0 1.0, Tan et al. 2022), train part; scores on the dev part."
        ),
        "trained_on": f"{len(s_train)} sentences, {len(t_train)} with spans",
        "l2_strength": {"sentence": best_s, "spans": best_t},
        "threshold_chosen_on": "the inner split of the train part",
        "dev_scores": {k: {n: round(v, 3) for n, v in d.items()} for k, d in scores.items()},
        "sentence": {"threshold": threshold, "weights": sentence},
        "spans": {"tags": list(CE_TAGS), "weights": spans},
        "signal": {"tags": list(SIGNAL_TAGS), "weights": signal},
    }
    return raw, scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the model file is stale")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} is missing (the Causal News Corpus is in ../shared/data)")
        return 0
    raw, scores = train()
    for name, d in scores.items():
        print(f"dev, {name}: " + ", ".join(f"{k} {v:.3f}" for k, v in d.items()))
    text = json.dumps(raw, indent=1, ensure_ascii=False, sort_keys=False) + "\n"
    if args.check:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        state = "up to date" if same else "STALE: run tools/train_causal.py"
        print(f"{OUT.relative_to(ROOT)} is {state}")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
