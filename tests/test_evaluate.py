"""Tests for evaluation: gold readers, span matching, scores, alignment and the table."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.evaluation import (
    GoldDoc,
    GoldFormat,
    Scores,
    align,
    evaluate,
    format_table,
    load_gold,
    score,
)
from argmap.model import ArgumentMap, Component, InputError, Kind, RelationKind
from tests.factories import annotate, gold_doc, passage

BRAT = Path(__file__).parent / "data" / "brat"
MICROTEXTS = Path(__file__).resolve().parents[2] / "shared" / "data" / "microtexts"
needs_microtexts = pytest.mark.skipif(
    not MICROTEXTS.is_dir(), reason=f"microtext corpus not found at {MICROTEXTS}"
)

TH, CL, EV = Kind.THESIS, Kind.CLAIM, Kind.EVIDENCE
CC, RB, CX = Kind.COUNTERCLAIM, Kind.REBUTTAL, Kind.CONTEXT
SUP, ATT = RelationKind.SUPPORTS, RelationKind.ATTACKS

#: `gold(text, passages, links)` and `pred(...)`, the same with a map: the gold and the
#: predicted annotation of a text, side by side in `score([gold(...)], [pred(...)])`.
gold, pred = gold_doc, annotate


def role(scores: Scores, name: str) -> tuple[int, int, int, int, int, int]:
    """(gold, predicted, matched by overlap, gold, predicted, matched exactly) for one role."""
    r = next(r for r in scores.roles if r.role == name)
    o, e = r.overlap, r.exact
    return o.gold, o.predicted, o.matched, e.gold, e.predicted, e.matched


def relation(scores: Scores, name: str) -> tuple[int, int, int]:
    c = dict(scores.relations)[name]
    return c.gold, c.predicted, c.matched


def _error(call: Callable[[], object]) -> str:
    """Run `call`, return the InputError message, and check that it is one line."""
    with pytest.raises(InputError) as info:
        call()
    message = str(info.value)
    assert "\n" not in message
    return message


# --- span matching ------------------------------------------------------------------------

TEXT = "x" * 300


@pytest.mark.parametrize(
    ("gold_span", "pred_span", "matched"),
    [
        ((0, 100), (50, 150), True),  # 50 shared of 100: exactly half
        ((0, 100), (51, 151), False),  # 49 shared of 100
        ((0, 50), (0, 100), True),  # the longer span is the predicted one: 50 of 100
        ((0, 50), (0, 102), False),  # 50 of 102 is under half
        ((0, 100), (100, 200), False),  # touching is not overlapping
    ],
)
def test_overlap_needs_half_of_the_longer_span(
    gold_span: tuple[int, int], pred_span: tuple[int, int], matched: bool
) -> None:
    s = score([gold(TEXT, [("g", CL, gold_span)])], [pred(TEXT, [("p", CL, pred_span)])])
    assert role(s, "claim")[:3] == (1, 1, int(matched))
    assert role(s, "claim")[5] == 0


def test_exact_ignores_surrounding_whitespace_and_punctuation() -> None:
    text = "Tea is good. Cake is better!  Coffee wins."
    g = gold(text, [("a", CL, "Tea is good."), ("b", CL, "Cake is better!")])
    p = pred(
        text,
        [
            ("p1", CL, "Tea is good"),  # no full stop: still exact
            ("p2", CL, "Cake is better!  "),  # trailing spaces: still exact
        ],
    )
    assert role(score([g], [p]), "claim") == (2, 2, 2, 2, 2, 2)
    near = pred(text, [("p1", CL, "Tea is goo")])
    assert role(score([g], [near]), "claim") == (2, 1, 1, 2, 1, 0)


def test_exact_needs_the_same_role() -> None:
    text = "Tea is good."
    s = score([gold(text, [("g", CL, (0, 12))])], [pred(text, [("p", EV, (0, 12))])])
    assert role(s, "claim") == (1, 0, 0, 1, 0, 0)
    assert role(s, "evidence") == (0, 1, 0, 0, 1, 0)
    assert s.segmentation.overlap.matched == s.segmentation.exact.matched == 1


def test_matching_is_one_to_one_and_prefers_the_largest_overlap() -> None:
    g = gold(TEXT, [("g", CL, (0, 100))])
    p = pred(TEXT, [("small", CL, (0, 60)), ("big", CL, (0, 90))])
    s = score([g], [p])
    assert role(s, "claim")[:3] == (1, 2, 1)
    # one long prediction over two gold spans matches at most one of them
    g2 = gold(TEXT, [("a", CL, (0, 60)), ("b", CL, (60, 100))])
    s2 = score([g2], [pred(TEXT, [("p", CL, (0, 100))])])
    assert role(s2, "claim")[:3] == (2, 1, 1)


# --- per-role, macro and micro arithmetic --------------------------------------------------


def test_per_role_and_macro_f1() -> None:
    text = "Alpha one. Beta two. Gamma three. Delta four. Eps five."
    g = gold(
        text,
        [
            ("t", TH, "Alpha one."),
            ("c1", CL, "Beta two."),
            ("c2", CL, "Gamma three."),
            ("e", EV, "Delta four."),
        ],
    )
    p = pred(
        text,
        [
            ("t", TH, "Alpha one."),  # right
            ("c1", CL, "Beta two."),  # right
            ("c2", CL, "Delta four."),  # wrong role
            ("x", CX, "Eps five."),  # context: a role only the prediction uses
        ],
    )
    s = score([g], [p])
    claim = next(r for r in s.roles if r.role == "claim").overlap
    assert (claim.precision, claim.recall) == (0.5, 0.5)
    assert claim.f1 == pytest.approx(0.5)
    assert [r.role for r in s.roles] == ["thesis", "claim", "evidence", "context"]
    # macro over the gold roles (thesis 1.0, claim 0.5, evidence 0.0); context is left out
    assert s.macro_f1("overlap") == pytest.approx(0.5)
    assert s.macro_f1("exact") == pytest.approx(0.5)
    # segmentation ignores roles and context: 3 predicted units, all on gold units
    assert (s.segmentation.overlap.gold, s.segmentation.overlap.predicted) == (4, 3)
    assert s.segmentation.overlap.matched == 3


def test_counts_are_summed_over_documents() -> None:
    text = "Tea is good. Cake is bad."
    g = gold(text, [("a", CL, (0, 12)), ("b", CL, (13, 25))])
    hit = pred(text, [("p", CL, (0, 12))])
    miss = pred(text, [("p", CL, (13, 18))])
    s = score([g, g], [hit, miss])
    claim = next(r for r in s.roles if r.role == "claim").overlap
    assert (claim.gold, claim.predicted, claim.matched) == (4, 2, 1)
    assert (claim.precision, claim.recall) == (0.5, 0.25)
    assert s.documents == 2


def test_score_needs_one_map_per_document() -> None:
    with pytest.raises(ValueError, match="1 gold documents but 0 predicted maps"):
        score([gold("Tea.", [])], [])


# --- relations -----------------------------------------------------------------------------

REL_TEXT = "We should walk. Walking is healthy. Cars are faster. But time is not all."


def _rel_gold() -> GoldDoc:
    t = REL_TEXT
    return gold(
        t,
        [
            ("t", TH, "We should walk."),
            ("c", CL, "Walking is healthy."),
            ("k", CC, "Cars are faster."),
            ("r", RB, "But time is not all."),
        ],
        [("c", SUP, "t"), ("k", ATT, "t"), ("r", ATT, "k")],
    )


def test_relations_match_on_both_ends_and_kind_ignoring_roles() -> None:
    t = REL_TEXT
    p = pred(
        t,
        [
            ("p1", EV, "We should walk."),  # wrong role: ends still match
            ("p2", EV, "Walking is healthy."),
            ("p3", CL, "Cars are faster."),
            ("p4", CL, "But time is not"),
        ],
        [
            ("p2", SUP, "p1"),  # right
            ("p3", SUP, "p1"),  # wrong kind
            ("p1", ATT, "p4"),  # wrong direction
            ("p4", ATT, "p3"),  # right
        ],
    )
    s = score([_rel_gold()], [p])
    assert relation(s, "supports") == (1, 2, 1)
    assert relation(s, "attacks") == (2, 2, 1)
    assert relation(s, "supports+attacks") == (3, 4, 2)
    assert "causes" not in dict(s.relations)


def test_relation_ends_must_be_matched_components() -> None:
    t = REL_TEXT
    p = pred(t, [("a", CL, "We"), ("b", CL, "healthy.")], [("b", SUP, "a")])
    assert relation(score([_rel_gold()], [p]), "supports") == (1, 1, 0)


def test_causes_are_reported_when_the_gold_has_them() -> None:
    t = "Prices rose. People bought less."
    g = gold(t, [("a", EV, (0, 12)), ("b", EV, (13, 32))], [("a", RelationKind.CAUSES, "b")])
    p = pred(t, [("x", EV, (0, 12)), ("y", EV, (13, 32))], [("x", RelationKind.CAUSES, "y")])
    assert relation(score([g], [p]), "causes") == (1, 1, 1)


# --- thesis accuracy -----------------------------------------------------------------------


def test_thesis_accuracy() -> None:
    t = REL_TEXT
    g = _rel_gold()
    right = pred(t, [("p", TH, "We should walk")])
    wrong = pred(t, [("p", TH, "Cars are faster.")])
    missing = pred(t, [("p", CL, "We should walk.")])
    no_gold_thesis = gold(t, [("c", CL, (0, 15))])
    s = score([g, g, g, no_gold_thesis], [right, wrong, missing, right])
    assert (s.thesis_correct, s.thesis_documents) == (1, 3)
    assert s.thesis_accuracy == pytest.approx(1 / 3)


def test_thesis_accuracy_uses_the_most_confident_thesis() -> None:
    t = REL_TEXT
    low = passage(t, "a", TH, "We should walk.", confidence=0.4)
    high = passage(t, "b", TH, "Cars are faster.", confidence=0.9)
    m = pred(t, [low, high])
    assert score([_rel_gold()], [m]).thesis_correct == 0
    m2 = pred(t, [high, low])
    assert score([_rel_gold()], [m2]).thesis_correct == 0
    m3 = pred(t, [low])
    assert score([_rel_gold()], [m3]).thesis_correct == 1


# --- alignment of cleaned text with gold text ----------------------------------------------


def test_align_across_whitespace() -> None:
    gold_text = "Title\n\n  Tea is\n good.\r\n\r\nCake   too."
    pred_text = "Title\n\nTea is good.\n\nCake too."
    to_gold = align(pred_text, gold_text)
    for word in ("Title", "Tea", "good", "Cake", "too."):
        assert to_gold(pred_text.index(word)) == gold_text.index(word)
    assert to_gold(len(pred_text)) == len(gold_text)


def test_align_bridges_changed_and_removed_characters() -> None:
    gold_text = "Menu | Home\nIt’s 23. 6% of “all” cases. Copyright 2020"
    pred_text = 'It\'s 23.6% of "all" cases.'
    to_gold = align(pred_text, gold_text)
    for word in ("It", "23", "6%", "all", "cases"):
        assert to_gold(pred_text.index(word)) == gold_text.index(word)
    assert to_gold(pred_text.index("'")) == gold_text.index("’")


def test_align_identity_and_monotone() -> None:
    assert [align("abc", "abc")(i) for i in range(4)] == [0, 1, 2, 3]
    to_gold = align("a b xx c", "a  b c")
    offsets = [to_gold(i) for i in range(9)]
    assert offsets == sorted(offsets)
    assert offsets[-1] == 6


def test_score_projects_predicted_spans_onto_the_gold_text() -> None:
    gold_text = "Tea   is\ngood.\n\n\nCake is   bad."
    g = gold(gold_text, [("a", CL, "Tea   is\ngood."), ("b", EV, (17, 31))])
    pred_text = "Tea is good.\n\nCake is bad."
    p = pred(pred_text, [("x", CL, (0, 12)), ("y", EV, (14, 26))])
    s = score([g], [p])
    assert role(s, "claim") == (1, 1, 1, 1, 1, 1)
    assert role(s, "evidence") == (1, 1, 1, 1, 1, 1)


def test_evaluate_passes_the_gold_text_to_the_predictor() -> None:
    g = _rel_gold()
    seen: list[str] = []

    def predict(text: str) -> ArgumentMap:
        seen.append(text)
        cleaned = " ".join(text.split())
        return pred(cleaned, [("p", TH, "We should walk.")])

    s = evaluate([g], predict)
    assert seen == [g.text]
    assert s.thesis_accuracy == 1.0


# --- the table and the JSON form -----------------------------------------------------------


def test_format_table_and_to_dict() -> None:
    t = REL_TEXT
    p = pred(t, [("p", TH, "We should walk."), ("q", CL, "Cars are faster.")])
    s = score([_rel_gold()], [p])
    table = format_table(s)
    lines = table.splitlines()
    assert lines[0].split()[:3] == ["role", "gold", "pred"]
    for needle in ("thesis", "counterclaim", "macro-F1", "segmentation", "supports+attacks"):
        assert any(line.startswith(needle) for line in lines), needle
    assert "thesis accuracy   1.000 (1/1)" in table
    assert lines[-1] == "documents         1"
    data = s.to_dict()
    assert list(data) == [
        "documents",
        "roles",
        "macro_f1",
        "segmentation",
        "relations",
        "thesis",
        "findings",
    ]
    assert data["roles"]["claim"]["overlap"] == {
        "gold": 1,
        "predicted": 1,
        "matched": 0,
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
    }
    assert data["macro_f1"]["overlap"] == 0.25
    assert json.dumps(data) == json.dumps(score([_rel_gold()], [p]).to_dict())
    floats = [v for v in json.dumps(data).replace(",", " ").replace("}", " ").split() if "." in v]
    assert all(len(f.split(".")[1]) <= 3 for f in floats)


def test_intervals_bracket_the_figures_and_repeat() -> None:
    text = "Tea is good. Cake is bad."
    g = gold(text, [("a", TH, (0, 12)), ("b", CL, (13, 25))])
    hit = pred(text, [("p", TH, (0, 12)), ("q", CL, (13, 25))])
    miss = pred(text, [("p", CL, (0, 12))])
    s = score([g] * 4, [hit, miss, hit, hit], resamples=200)
    assert [name for name, _, _ in s.intervals] == [
        "macro-F1",
        "thesis accuracy",
        "supports+attacks F1",
    ]
    figures = dict(s.headline())
    for name, low, high in s.intervals:
        assert low <= figures[name] <= high, name
    thesis = next(i for i in s.intervals if i[0] == "thesis accuracy")
    assert thesis[1] < thesis[2]  # 3 of 4 right: draws differ
    assert s.intervals == score([g] * 4, [hit, miss, hit, hit], resamples=200).intervals
    assert score([g] * 4, [hit, miss, hit, hit]).intervals == ()
    assert "95% intervals" in format_table(s)
    assert "95% intervals" not in format_table(score([g], [hit]))
    assert s.to_dict()["intervals_95"]["thesis accuracy"] == [thesis[1], thesis[2]]


# --- brat ----------------------------------------------------------------------------------


def _by_id(doc: GoldDoc) -> dict[str, Component]:
    return {c.id: c for c in doc.components}


def test_brat_roles_stance_and_implicit_relations() -> None:
    doc = load_gold([BRAT / "essay1.ann"])[0]
    assert doc.name == "essay1"
    kinds = {c.id: c.kind.value for c in doc.components}
    assert kinds == {
        "T1": "thesis",
        "T2": "claim",
        "T3": "evidence",
        "T4": "evidence",
        "T5": "counterclaim",  # Stance Against
        "T6": "rebuttal",  # a premise attacking a counterclaim
    }
    links = {(r.source, r.kind.value, r.target) for r in doc.relations}
    assert links == {
        ("T3", "supports", "T2"),
        ("T4", "supports", "T2"),
        ("T6", "attacks", "T5"),
        ("T2", "supports", "T1"),  # implicit: a claim For supports the major claim
        ("T5", "attacks", "T1"),  # implicit: a claim Against attacks it
    }
    assert all(c.text == doc.text[c.start : c.end] for c in doc.components)


def test_brat_discontinuous_span_and_several_major_claims() -> None:
    doc = load_gold([BRAT / "essay2.ann"])[0]
    comps = _by_id(doc)
    assert comps["T3"].text == "as Tallinn showed after 2013, more people leave the car at home"
    assert [c.id for c in doc.components if c.kind == TH] == ["T1", "T6"]
    assert comps["T6"].paragraph == 2
    links = {(r.source, r.kind.value, r.target) for r in doc.relations}
    # T2 has an explicit relation to T6, so no implicit one; T4 attacks the first major claim
    assert links == {
        ("T3", "supports", "T2"),
        ("T5", "attacks", "T4"),
        ("T2", "supports", "T6"),
        ("T4", "attacks", "T1"),
    }


def test_brat_folder_is_read_in_name_order() -> None:
    docs = load_gold([BRAT])
    assert [d.name for d in docs] == ["essay1", "essay2"]
    assert load_gold([BRAT], GoldFormat.BRAT) == docs


def test_brat_gold_scores_perfectly_against_itself() -> None:
    docs = load_gold([BRAT])
    maps = [annotate(d.text, d.components, d.relations, title=d.name) for d in docs]
    s = score(docs, maps)
    assert s.macro_f1("overlap") == s.macro_f1("exact") == 1.0
    assert dict(s.relations)["supports+attacks"].f1 == 1.0
    assert s.thesis_accuracy == 1.0


# --- argmap JSON and format guessing -------------------------------------------------------


def _write_map(path: Path) -> ArgumentMap:
    t = REL_TEXT
    m = pred(
        t,
        [("t", TH, "We should walk."), ("c", CL, "Walking is healthy.")],
        [("c", RelationKind.CAUSES, "t")],
    )
    path.write_text(m.to_json(), encoding="utf-8")
    return m


def test_argmap_json_reader(tmp_path: Path) -> None:
    m = _write_map(tmp_path / "walk.json")
    (doc,) = load_gold([tmp_path / "walk.json"])
    assert doc == GoldDoc("walk", m.text, m.components, m.relations)


def test_format_is_guessed_from_the_suffix(tmp_path: Path) -> None:
    _write_map(tmp_path / "b.json")
    for name in ("essay1.ann", "essay1.txt"):
        (tmp_path / name).write_bytes((BRAT / name).read_bytes())
    (tmp_path / "notes.md").write_text("not gold", encoding="utf-8")
    docs = load_gold([tmp_path])
    assert [d.name for d in docs] == ["b", "essay1"]  # .txt and .md are not gold files
    assert [d.name for d in load_gold([tmp_path], GoldFormat.ARGMAP)] == ["b"]
    message = _error(lambda: load_gold([tmp_path / "notes.md"]))
    assert message.startswith(f"{tmp_path / 'notes.md'}: unknown gold format")


# --- bad gold files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bad.xml", "<arggraph><edu", "not valid XML"),
        ("bad.json", "{", "not JSON"),
        ("bad.json", '{"schema": "argmap/1"}', 'missing field "title"'),
        ("bad.ann", "T1\tMajorClaim 0 4\tTea.\n", "cannot read"),  # no bad.txt beside it
        ("bad.ann", "T1\tMajorClaim zero four\tTea.\n", "line 1"),
        ("bad.ann", "R1\tcauses Arg1:T1 Arg2:T2\n", "line 1"),
        ("bad.ann", "R1\tsupports Arg1:T1 Arg2:T2\n", "not both components"),
        ("bad.ann", "T1\tOpinion 0 4\tTea.\n", "unknown label"),
        ("bad.bin", "\xff", "unknown gold format"),
    ],
)
def test_bad_gold_files(tmp_path: Path, name: str, content: str, expected: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="latin-1")
    if name == "bad.ann" and expected != "cannot read":
        (tmp_path / "bad.txt").write_text("Tea. Cake.", encoding="utf-8")
    message = _error(lambda: load_gold([path]))
    assert message.startswith(f"{path}: ")
    assert expected in message


def test_brat_offsets_must_match_the_text(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_text("Tea is good.", encoding="utf-8")
    (tmp_path / "e.ann").write_text("T1\tClaim 0 3\tCake\n", encoding="utf-8")
    assert "do not match" in _error(lambda: load_gold([tmp_path / "e.ann"]))


def test_missing_and_empty_paths(tmp_path: Path) -> None:
    assert "no such file or folder" in _error(lambda: load_gold([tmp_path / "nope"]))
    assert "no gold files" in _error(lambda: load_gold([tmp_path]))


def test_non_utf8_gold_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "latin.json"
    path.write_bytes(b'{"title": "caf\xe9"}')
    assert _error(lambda: load_gold([path])) == f"{path}: not UTF-8 text"


# --- microtext XML -------------------------------------------------------------------------

# A hand-made graph in the microtext scheme (not from the corpus): a1 is the central claim, a2
# supports it, a3 joins a2's support (add), a4 gives an example for a2, a5 (opponent) rebuts a1,
# a6 undercuts a5's attack, and a7 undercuts a2's support of a1.
SMALL_TXT = (
    "Towns should plant more trees.\nTrees cool the streets in summer and they clean the air."
    " Paris planted 20,000 trees. Trees cost money. But the savings on cooling are larger."
    " Cooling matters less in the north."
)
SMALL_XML = """<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="small" stance="pro">
  <edu id="e1">Towns should plant more trees.</edu>
  <edu id="e2">Trees cool the streets in summer</edu>
  <edu id="e3">and they clean the air.</edu>
  <edu id="e4">Paris planted 20,000 trees.</edu>
  <edu id="e5">TREES COST   MONEY.</edu>
  <edu id="e6">But the savings on cooling are larger.</edu>
  <edu id="e7">Cooling matters less in the north.</edu>
  <edu id="e8">This sentence is not in the text.</edu>
  <adu id="a1" type="pro"/><adu id="a2" type="pro"/><adu id="a3" type="pro"/>
  <adu id="a4" type="pro"/><adu id="a5" type="opp"/><adu id="a6" type="pro"/>
  <adu id="a7" type="opp"/><adu id="a8" type="pro"/>
  <edge id="s1" src="e1" trg="a1" type="seg"/><edge id="s2" src="e2" trg="a2" type="seg"/>
  <edge id="s3" src="e3" trg="a3" type="seg"/><edge id="s4" src="e4" trg="a4" type="seg"/>
  <edge id="s5" src="e5" trg="a5" type="seg"/><edge id="s6" src="e6" trg="a6" type="seg"/>
  <edge id="s7" src="e7" trg="a7" type="seg"/><edge id="s8" src="e8" trg="a8" type="seg"/>
  <edge id="c1" src="a2" trg="a1" type="sup"/>
  <edge id="c2" src="a3" trg="c1" type="add"/>
  <edge id="c3" src="a4" trg="a2" type="exa"/>
  <edge id="c4" src="a5" trg="a1" type="reb"/>
  <edge id="c5" src="a6" trg="c4" type="und"/>
  <edge id="c6" src="a7" trg="c1" type="und"/>
</arggraph>
"""


def test_microtext_mapping(tmp_path: Path) -> None:
    (tmp_path / "small.txt").write_text(SMALL_TXT, encoding="utf-8")
    (tmp_path / "small.xml").write_text(SMALL_XML, encoding="utf-8")
    (doc,) = load_gold([tmp_path / "small.xml"])
    kinds = {c.id: c.kind.value for c in doc.components}
    assert kinds == {
        "a1": "thesis",
        "a2": "claim",
        "a3": "claim",  # added premise of a2's support: its own component, same relation
        "a4": "evidence",  # example
        "a5": "counterclaim",
        "a6": "rebuttal",  # undercuts a5's attack: attacks a5
        "a7": "counterclaim",
    }
    links = {(r.source, r.kind.value, r.target) for r in doc.relations}
    assert links == {
        ("a2", "supports", "a1"),
        ("a3", "supports", "a1"),
        ("a4", "supports", "a2"),
        ("a5", "attacks", "a1"),
        ("a6", "attacks", "a5"),
        ("a7", "attacks", "a2"),
    }
    assert _by_id(doc)["a5"].text == "Trees cost money."  # found ignoring case and spaces
    assert all(c.text == doc.text[c.start : c.end] for c in doc.components)
    assert doc.warnings == (
        "EDU \"e8\" not found in the text: 'This sentence is not in the text.'",
        'ADU "a8" has no located text',
    )


@needs_microtexts
def test_microtext_part1_loads() -> None:
    docs = load_gold([MICROTEXTS / "part1"])
    assert len(docs) == 112
    for doc in docs:
        assert [c.kind for c in doc.components].count(TH) == 1, doc.name
        assert doc.relations, doc.name
        assert not doc.warnings, doc.name
        assert all(c.text == doc.text[c.start : c.end] for c in doc.components), doc.name
        ids = {c.id for c in doc.components}
        assert all({r.source, r.target} <= ids for r in doc.relations), doc.name


@needs_microtexts
def test_microtext_part2_loads() -> None:
    docs = load_gold([MICROTEXTS / "part2"], GoldFormat.MICROTEXT)
    assert len(docs) == 171
    assert all([c.kind for c in d.components].count(TH) == 1 for d in docs)
    assert not any(d.warnings for d in docs)


@needs_microtexts
def test_microtext_b001_roles() -> None:
    (doc,) = load_gold([MICROTEXTS / "part1" / "micro_b001.xml"])
    kinds = [c.kind.value for c in doc.components]
    assert kinds == ["counterclaim", "counterclaim", "rebuttal", "rebuttal", "thesis"]


def test_findings_are_scored_against_the_gold_maps_findings() -> None:
    """argmap's findings against those the same checks give on the gold map: by code and by
    the passage they are about."""
    from argmap.findings.checks import refreshed

    text = "Schools should ban phones. Phones distract pupils. Everyone knows this is true."
    thesis = ("g1", TH, "Schools should ban phones.")
    claims = [("g2", CL, "Phones distract pupils."), ("g3", CL, "Everyone knows this is true.")]
    g = gold(text, [thesis, *claims], [("g2", SUP, "g1"), ("g3", SUP, "g1")])
    m = refreshed(pred(text, [thesis, claims[0]], [("g2", SUP, "g1")]))
    s = score([g], [m])
    table = dict(s.findings)
    claim = table["unsupported-claim"]  # g2 and g3 in the gold; argmap found g2, missed g3
    assert (claim.gold, claim.predicted, claim.matched) == (2, 1, 1)
    assert all(c.matched <= min(c.gold, c.predicted) for c in table.values())
    assert "unsupported-claim" in format_table(s)
    assert s.to_dict()["findings"]["unsupported-claim"]["recall"] == 0.5
