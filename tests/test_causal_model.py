"""The learned causal model (argmap/nlp/causal.py) and the `learned` causal extractor."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from argmap.argument import causal_extractor
from argmap.argument.roles import components
from argmap.model import Component, Kind, RelationKind, Unit
from argmap.nlp.causal import CE_TAGS, load_model, spans_of, viterbi
from argmap.nlp.english import parse_words
from argmap.pipeline import Pipeline
from tests.factories import tool_check

ROOT = Path(__file__).resolve().parent.parent
CNC = ROOT.parent / "shared" / "data" / "causal-news"


def test_viterbi_never_opens_a_span_with_an_inside_tag() -> None:
    # The likeliest tag of each token alone would be I-C, I-C, O: not a valid sequence.
    scores = [[-5.0, -1.0, -0.1, -5.0, -5.0], [-5.0, -5.0, -0.1, -5.0, -5.0], [-0.1] + [-5.0] * 4]
    assert viterbi(scores, CE_TAGS) == ["B-C", "I-C", "O"]
    assert viterbi([], CE_TAGS) == []


def test_spans_of_reads_bio_tags() -> None:
    tags = ["B-C", "I-C", "O", "B-E", "B-E", "I-E"]
    assert spans_of(tags, "C") == [(0, 2)]
    assert spans_of(tags, "E") == [(3, 4), (4, 6)]


def test_the_model_finds_cause_and_effect_of_a_plain_causal_sentence() -> None:
    words = "Thousands of workers went on strike because their wages had not been paid .".split()
    (tokens,) = parse_words([words])
    rel = load_model().relation(tokens)
    assert rel is not None
    cause = " ".join(words[rel.cause[0] : rel.cause[1]])
    effect = " ".join(words[rel.effect[0] : rel.effect[1]])
    assert "wages" in cause and "strike" in effect


def test_the_model_finds_no_cause_in_a_description() -> None:
    words = "The meeting was held in a large hall near the station on Tuesday .".split()
    (tokens,) = parse_words([words])
    assert load_model().probability(tokens) < 0.5


class _CuedIsAClaim:
    """Roles by hand (a clause opened by a cue word is a claim, the other evidence), so the
    clauses stay apart, and a "because" clause is no evidence given for a point (which would
    support it rather than cause it)."""

    name = "by-hand"

    def classify(self, text: str, units: Sequence[Unit]) -> tuple[Component, ...]:
        roles = [(Kind.CLAIM if u.cue else Kind.EVIDENCE, 1.0) for u in units]
        return components(text, units, roles)


def _causes(text: str, causes: str) -> list[tuple[str, str, str]]:
    m = Pipeline(roles=_CuedIsAClaim(), causes=causes).parse(text)
    by_id = {c.id: c.text for c in m.components}
    return [
        (by_id[r.source], by_id[r.target], r.signal)
        for r in m.relations
        if r.kind is RelationKind.CAUSES
    ]


@pytest.mark.parametrize(
    ("text", "cause", "effect"),
    [
        (
            "Thousands of workers went on strike because their wages had not been paid.",
            "because their wages had not been paid.",
            "Thousands of workers went on strike",
        ),
        (
            "The river flooded the town, so hundreds of families lost their homes.",
            "The river flooded the town",
            "so hundreds of families lost their homes.",
        ),
    ],
)
def test_learned_extractor_keeps_a_cause_in_the_world(text: str, cause: str, effect: str) -> None:
    assert [(c, e) for c, e, _ in _causes(text, "learned")] == [(cause, effect)]


def test_learned_extractor_drops_an_inference() -> None:
    # "so" draws a conclusion here: the patterns read a cause, the model does not.
    text = "I like this idea, so we should do it."
    assert _causes(text, "patterns") and not _causes(text, "learned")
    assert causal_extractor("learned").name == "learned"


@pytest.mark.skipif(not CNC.is_dir(), reason="../shared/data/causal-news is missing")
def test_training_rebuilds_the_shipped_model() -> None:
    """`tools/train_causal.py` rebuilds the model byte for byte."""
    run = tool_check("train_causal.py")
    assert run.returncode == 0, run.stdout + run.stderr
