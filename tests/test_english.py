"""argmap's English pipeline: the attribute ruler's rules as a table give the shipped tags."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.nlp.english import AttributeTable, load, stock

ESSAYS = Path(__file__).resolve().parent.parent / "essays"

# Each line exercises rules of en_core_web_sm's ruler: pronouns and auxiliaries by word,
# "there is" (two tokens), "but" as an adverb, "that" as a relative pronoun, whitespace
# tokens (tag _SP, dependency "dep"), contractions, determiners standing alone.
TRICKY = [
    "There is a cat, and there were two dogs.",
    "They ain't gonna go; let's see what he's had.",
    "   \t Although it rained,  we went.\n\nThat is all.",
    "I'd have done it, but she did not. He does, doesn't he?",
    "The book that I read was good; this is mine and those are yours.",
    "Nobody knows everything, yet everyone has something to say.",
    "Where's that? It's here, then there, once and well.",
]


def _annotations(doc: object) -> list[tuple[object, ...]]:
    return [
        (t.text, t.pos_, t.tag_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_, t.is_sent_start)
        for t in doc  # type: ignore[attr-defined]
    ]


def test_the_table_gives_the_shipped_pipelines_annotations() -> None:
    texts = TRICKY + [
        p for f in sorted(ESSAYS.glob("*.txt")) for p in f.read_text("utf-8").split("\n\n")
    ]
    ours, shipped = load(), stock()
    assert type(ours.get_pipe("attribute_ruler")) is AttributeTable
    assert type(shipped.get_pipe("attribute_ruler")) is not AttributeTable
    for mine, theirs in zip(ours.pipe(texts), shipped.pipe(texts), strict=True):
        assert _annotations(mine) == _annotations(theirs)


def test_the_table_refuses_patterns_it_cannot_read() -> None:
    with pytest.raises(ValueError, match="unsupported"):
        AttributeTable([{"patterns": [[{"LENGTH": 3}]], "attrs": {"POS": "NOUN"}}])
    with pytest.raises(ValueError, match="unsupported"):
        AttributeTable([{"patterns": [[{"TAG": {">=": 2}}]], "attrs": {"POS": "NOUN"}}])
    # Rules that set nothing argmap reads (lemmas, morphology) are left out.
    table = AttributeTable([{"patterns": [[{"LENGTH": 3}]], "attrs": {"LEMMA": "x"}}])
    assert table.rules == []


def test_later_rules_win_as_in_the_ruler() -> None:
    nlp = load()
    table = AttributeTable(
        [
            {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
            {"patterns": [[{"LOWER": "cat"}]], "attrs": {"POS": "PROPN"}},
            {"patterns": [[{"LOWER": "a"}, {"LOWER": "cat"}]], "attrs": {"POS": "X"}, "index": 1},
        ]
    )
    doc = nlp.make_doc("a cat and the dog")
    for name, proc in nlp.pipeline:
        if name in ("tok2vec", "tagger"):
            doc = proc(doc)
    doc = table(doc)
    assert [t.pos_ for t in doc if t.tag_ == "NN"] == ["X", "NOUN"]
    assert table(nlp.make_doc("")).text == ""
