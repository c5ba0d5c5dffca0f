"""Fit the classifier's weights (`argmap/data/weights.json`) on our own gold essays.

    python3 tools/fit_weights.py            # cross-validate, fit on all of essays/gold, write
    python3 tools/fit_weights.py --check    # only report; exit 1 if the file differs from a refit

The role model is a multinomial logistic regression over the named features of
`argmap.argument.roles.features` (per role: a bias and weights for that role's own signals). It is
fitted by maximum a posteriori: the log-likelihood of the gold roles plus a Gaussian prior
centred on hand-set weights (`PRIOR` below: what a reader of essays would set by hand), so
features our six essays rarely show keep their hand-set value, and the data moves what it
has evidence about. The prior's strength is chosen by leave-one-essay-out cross-validation of
the role macro-F1. The thesis scorer's weights (`PRIOR_THESIS`) stay hand-set: six essays are
six thesis choices, too few to fit anything.

Only essays/gold/ is used: the microtexts are NonCommercial data, used to evaluate, never to fit.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from argmap.argument import roles as cls
from argmap.argument.links import RuleLinker
from argmap.evaluation import GoldDoc, GoldFormat, load_gold, score
from argmap.model import ArgumentMap, Kind, Source, Unit
from argmap.nlp.segment import segment
from argmap.text.clean import clean
from argmap.text.structure import structure

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "essays" / "gold"
OUT = ROOT / "argmap" / "data" / "weights.json"
ROLES = (Kind.CLAIM, Kind.EVIDENCE, Kind.COUNTERCLAIM, Kind.REBUTTAL, Kind.CONTEXT)
STRENGTHS = (
    1.0,
    3.0,
    10.0,
    30.0,
    100.0,
)  # prior precision (1 / variance) tried in cross-validation
DIGITS = 2

# Hand-set starting point: the weights a reader of essays would give each signal.
PRIOR: dict[str, dict[str, float]] = {
    "claim": {
        "bias": 1.0,
        "topic_sentence": 2.0,
        "claim_cue": 2.0,
        "modal": 1.0,
        "first_person": 0.5,
        "plain": 1.0,
        "bullet_plain": 1.0,
        "final_paragraph": 0.5,
        "after_claim_clause": 1.5,
        "after_thesis": 1.5,
    },
    "evidence": {
        "specifics": 1.2,
        "percent": 1.5,
        "evidence_cue": 2.0,
        "example": 1.0,
        "reporting_specific": 1.0,
        "vague_source": 1.0,
        "after_evidence_clause": 1.5,
    },
    "counterclaim": {
        "counter_cue": 6.0,
        "concession_lead": 5.5,
        "concession_clause": 4.5,
        "open_counter_reported": 6.0,
        "after_counter_clause": 3.0,
    },
    "rebuttal": {"open_counter_contrast": 5.0, "after_counter_main": 3.0, "answering": 3.0},
    "context": {"before_thesis": 5.0, "introduction": 2.5, "question": 4.0},
}
PRIOR_THESIS: dict[str, float] = {
    "thesis_cue": 4.0,
    "intro": 1.0,
    "intro_last": 1.0,
    "conclusion_cue_last": 1.5,
    "single_first": 1.0,
    "single_last": 0.5,
    "single_drawn": 0.5,
    "single_drawn_modal": 0.5,
    "counter_cue": -2.0,
    "first_person": 0.5,
    "modal": 0.5,
    "single_modal": 0.5,
    "specifics": -0.5,
    # A candidate must score this much to be the thesis (else the map has none and a finding
    # says so). 1.0, chosen on the corpus's train split (82 of its 83 essays have a thesis):
    # thesis accuracy 0.317 -> 0.390, maps with no thesis 30 -> 2 of 83 (2.0 before).
    "threshold": 1.0,
    "threshold_single": 1.0,
}


@dataclass(frozen=True)
class Essay:
    gold: GoldDoc
    text: str
    units: tuple[Unit, ...]
    roles: tuple[Kind | None, ...]  # gold role of each unit, None when it has none


def load_essays() -> list[Essay]:
    essays = []
    for gold in load_gold([GOLD], GoldFormat.ARGMAP):
        cleaned = clean(gold.text)
        text = cleaned.text
        units = segment(text, structure(text))
        to_gold = cleaned.origin  # each character's offset in the gold text
        covering = (gold.covering(to_gold[u.start], to_gold[u.end - 1] + 1) for u in units)
        roles = tuple(c.kind if c is not None else None for c in covering)
        essays.append(Essay(gold, text, units, roles))
    return essays


# --- fitting ---------------------------------------------------------------------------------


def _names(prior: dict[str, float], rows: list[dict[str, float]]) -> list[str]:
    return sorted(set(prior) | {name for x in rows for name in x})


def _matrix(rows: list[dict[str, float]], names: list[str]) -> np.ndarray:
    index = {n: j for j, n in enumerate(names)}
    m = np.zeros((len(rows), len(names)))
    for i, x in enumerate(rows):
        for name, v in x.items():
            m[i, index[name]] = v
    return m


def _descend(
    loss_grad: Callable[[np.ndarray], np.ndarray],
    w0: np.ndarray,
    steps: int = 4000,
    rate: float = 0.05,
) -> np.ndarray:
    """Plain gradient descent on a convex objective (deterministic: no randomness, fixed steps)."""
    w = w0.copy()
    for _ in range(steps):
        w -= rate * loss_grad(w)
    return w


def fit_roles(essays: list[Essay], strength: float) -> dict[str, dict[str, float]]:
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    for e in essays:
        for row, kind in cls.training_rows(e.units, e.roles):
            rows.append(row)
            labels.append(ROLES.index(kind))
    names = _names({n: 0.0 for w in PRIOR.values() for n in w}, rows)
    x = _matrix(rows, names)
    y = np.zeros((len(rows), len(ROLES)))
    y[np.arange(len(rows)), labels] = 1.0
    w0 = np.array([[PRIOR[k.value].get(n, 0.0) for n in names] for k in ROLES])
    # Each role weighs only its own signals (the prior's) and a bias: the file stays readable.
    mask = np.array([[n in PRIOR[k.value] or n == "bias" for n in names] for k in ROLES])
    n = max(len(rows), 1)

    def grad(w: np.ndarray) -> np.ndarray:
        z = x @ w.T
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        return np.asarray(((p - y).T @ x + strength * (w - w0)) / n * mask)

    w = _descend(grad, w0)
    return {
        k.value: {
            name: round(float(v), DIGITS)
            for name, v in zip(names, w[i], strict=True)
            if round(float(v), DIGITS)
        }
        for i, k in enumerate(ROLES)
    }


def fit(essays: list[Essay], strength: float) -> cls.Weights:
    return cls.Weights.from_json({"roles": fit_roles(essays, strength), "thesis": PRIOR_THESIS})


# --- evaluation ------------------------------------------------------------------------------


def predict(essay: Essay, weights: cls.Weights) -> ArgumentMap:
    components = cls.RuleRoles(weights).classify(essay.text, essay.units)
    relations = RuleLinker().link(components, essay.units)  # findings play no part in the score
    return ArgumentMap("", essay.text, components, relations, (), Source("-", "", "txt"))


def macro(essays: list[Essay], weights: list[cls.Weights]) -> float:
    """Role macro-F1 (50% overlap) of essay i mapped with weights[i]."""
    maps = [predict(e, w) for e, w in zip(essays, weights, strict=True)]
    return score([e.gold for e in essays], maps).macro_f1()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="report only; exit 1 if weights.json is stale"
    )
    args = parser.parse_args()
    essays = load_essays()
    labelled = sum(r is not None for e in essays for r in e.roles)
    print(f"{len(essays)} gold essays, {labelled} units with a gold role")
    prior = cls.Weights.from_json({"roles": PRIOR, "thesis": PRIOR_THESIS})
    print(f"hand-set prior, no fitting:       macro-F1 {macro(essays, [prior] * len(essays)):.3f}")
    best = (-1.0, STRENGTHS[0])
    for strength in STRENGTHS:
        held_out = [fit(essays[:i] + essays[i + 1 :], strength) for i in range(len(essays))]
        f1 = macro(essays, held_out)
        print(f"prior strength {strength:5.1f}: leave-one-essay-out macro-F1 {f1:.3f}")
        best = max(best, (f1, strength))
    strength = best[1]
    weights = fit(essays, strength)
    f1 = macro(essays, [weights] * len(essays))
    print(f"chosen strength {strength}; fitted on all essays: macro-F1 {f1:.3f} (training data)")
    out = {
        "_doc": (
            "Weights of argmap's role classifier, written by tools/fit_weights.py: MAP fit on "
            f"essays/gold (prior strength {strength}, centred on hand-set weights). roles: "
            "per role, feature -> weight (argmap.argument.roles.features); thesis (hand-set): "
            "candidate feature -> weight (argmap.argument.roles.thesis_features), a candidate must "
            "score at least 'threshold' ('threshold_single' in one-paragraph texts)."
        ),
        "prior_strength": strength,
        **weights.to_json(),
    }
    text = json.dumps(out, indent=2) + "\n"
    if args.check:
        stale = OUT.read_text("utf-8") != text
        print(f"{OUT.relative_to(ROOT)} is {'STALE' if stale else 'up to date'}")
        return 1 if stale else 0
    OUT.write_text(text, "utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
