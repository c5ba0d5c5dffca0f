"""The learned role classifier: registered by name, read from package data, rebuilt exactly by
its training command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.argument import role_classifier
from argmap.argument.learned import (
    CONTEXT_KEYS,
    LearnedRoles,
    LinearModel,
    context_features,
    feature_words,
    follow_the_guide,
    load_model,
    stance,
    unit_features,
)
from argmap.model import CueType, Kind
from argmap.nlp.segment import segment
from argmap.pipeline import Pipeline
from argmap.text.structure import structure
from tests.factories import tool_check, unit

ROOT = Path(__file__).resolve().parent.parent
ESSAY = (
    "Phones in schools are everywhere now. Schools should ban phones in lessons.\n"
    "First, phones distract pupils. A 2015 study found scores rose 6% after bans.\n"
    "Some parents say phones keep children safe. However, the office can always call home.\n"
    "In conclusion, phones should be banned in lessons."
)


def test_registered_and_shipped() -> None:
    roles = role_classifier("learned")
    assert isinstance(roles, LearnedRoles) and roles.model is load_model()
    assert set(load_model().weights) == set(Kind)


def test_one_thesis_and_every_unit_a_role() -> None:
    m = Pipeline(roles="learned").parse(ESSAY)
    kinds = [c.kind for c in m.components]
    theses = [c for c in m.components if c.kind is Kind.THESIS]
    assert 1 <= len(theses) <= 2
    assert len(set(kinds)) >= 3
    assert len(kinds) == len(segment(m.text, structure(m.text)))
    assert all(0 < c.confidence <= 1 for c in m.components)
    assert Pipeline(roles="learned").parse(ESSAY) == m  # deterministic


def test_each_role_says_why_in_words() -> None:
    m = Pipeline(roles="learned").parse(ESSAY)
    known = {
        w for n in {n for ws in load_model().final.values() for n in ws} if (w := feature_words(n))
    }
    with_why = [c for c in m.components if c.why]
    assert len(with_why) >= 0.8 * len(m.components)
    for c in with_why:
        assert 1 <= len(c.why) <= 3 and len(set(c.why)) == len(c.why)
        assert set(c.why) <= known  # phrases of feature_words, nothing else
    # Every feature the shipped model weighs is put in words, or said to say nothing a reader
    # can use (the bias, length classes, positions by number, the numbers of the parser's
    # context vector, `Unit.vector`).
    names = {n for ws in load_model().final.values() for n in ws}
    silent = {n for n in names if feature_words(n) is None}
    quiet = {
        "bias",
        "rel_position",
        "block=paragraph",
        "prev_other_sentence",
        "next_other_sentence",
    }
    for n in silent:
        key, _, value = n.partition("=")
        assert (
            n in quiet
            or key.split("|")[-1] in ("len", "index", "par_size", "prev_f", "next_f")
            or value in ("none", "empty")
            or key in CONTEXT_KEYS  # the second stage reading the first's probabilities
            or re.fullmatch(r"vec\d+", n)
        ), n


def test_features_name_what_a_unit_is_and_where_it_stands() -> None:
    units = segment(ESSAY, structure(ESSAY))
    x = unit_features(units, ESSAY)[0]
    assert x["bias"] == 1.0 and x["place=intro"] == 1.0 and "first_in_intro" in x
    known = unit_features(units, ESSAY, words=frozenset({"phones"}))[0]
    assert "w=phones" in known and "w=in" not in known


def test_the_words_that_weigh_sides_are_features_wherever_they_stand() -> None:
    text = "Some praise the car, others fear it.\nIn the end, the benefits outweigh the risks."
    units = segment(text, structure(text))
    x = unit_features(units, text, frozenset())[-1]
    assert {"has=benefits", "has=outweigh", "has=risks"} <= set(x)
    assert feature_words("has=outweigh") == "has the word 'outweigh'"


def test_words_of_any_topic_are_features_and_topic_words_are_not() -> None:
    text = "The main problem is that the evidence was weak.\nSelf-driving cars crash."
    units = segment(text, structure(text))
    first, last = (set(x) for x in unit_features(units, text, frozenset()))
    assert {"bw=main", "bw=problem", "bw=evidence", "bw=was"} <= first
    assert not {n for n in last if n.startswith("bw=")}  # "cars", "crash": what it is about
    assert feature_words("bw=evidence") == "has the word 'evidence'"


def test_a_unit_takes_a_side_against_the_likely_thesis() -> None:
    assert stance("Self-driving cars bring many benefits.") == 1
    assert stance("Critics raise concerns about safety.") == -1
    assert stance("Self-driving cars are not beneficial.") == -1  # a "not" turns the word round
    assert stance("They weigh the benefits and the risks.") == 0
    text = (
        "Self-driving cars are beneficial to society.\n"
        "Critics have many concerns about them. However, the benefits are larger.\n"
        "In the end, we should embrace them."
    )
    units = segment(text, structure(text))
    likely = [0.9 if k == 0 else 0.01 for k in range(len(units))]
    probs = [{r: (p if r is Kind.THESIS else (1 - p) / 5) for r in Kind} for p in likely]
    x = context_features(units, probs, text)
    critics = next(k for k, u in enumerate(units) if text[u.start :].startswith("Critics"))
    assert x[critics]["stance=disagree"] == 1.0
    assert x[critics + 1]["stance=agree"] == 1.0  # the answer takes the thesis's side again
    assert x[critics + 1]["par_stance=disagree"] == 1.0  # in a paragraph opening on the other
    # an essay whose units take no side gives no sides
    plain = "Cars are common.\nThey drive on roads. Some are red.\nThat is all."
    units = segment(plain, structure(plain))
    flat = [{r: 1 / len(Kind) for r in Kind} for _ in units]
    assert not any("stance" in n for x in context_features(units, flat, plain) for n in x)


def test_a_bad_model_file_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown roles"):
        LinearModel.from_json({"weights": {"opinion": {}}, "words": []})
    with pytest.raises(ValueError, match="needs 'weights'"):
        LinearModel.from_json({"weights": {}})


@pytest.mark.skipif(
    not (ROOT / "corpus" / "gold" / "train").is_dir(), reason="corpus/gold/train is missing"
)
def test_the_shipped_model_is_what_training_writes() -> None:
    """`tools/train.py` rebuilds both learned models byte for byte."""
    done = tool_check("train.py")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_thesis_ranker_picks_an_essays_position_and_leaves_short_texts_to_the_rules() -> None:
    from argmap.argument import role_classifier
    from argmap.argument.roles import RuleRoles, essay_facts
    from argmap.argument.thesis import MIN_PARAGRAPHS, load_ranker

    essay = (
        "Phones are everywhere in schools today. Many pupils carry one all day. "
        "I believe that schools should ban phones during lessons.\n"
        "First, phones distract pupils. A 2015 study found scores rose 6% after bans.\n"
        "Some parents say phones keep children safe. However, the office can call home.\n"
        "In conclusion, phones should be banned in lessons."
    )
    ranked = Pipeline(roles="ranked").parse(essay)
    theses = [c for c in ranked.components if c.kind is Kind.THESIS]
    # The position, stated in the introduction or restated in the conclusion (both are theses
    # in the annotation guide): never the opening context or a body paragraph's point.
    assert [c.text[:20] for c in theses] == ["I believe that schoo", "In conclusion, phone"]
    assert theses[0].why[0] == "reads most like a thesis of all the essay's sentences"
    assert theses[1].why == ("restates the thesis in the conclusion",)
    # A unit announcing the argument is the thesis; a new point in the conclusion restates nothing.
    announced = essay.replace("I believe that", "This essay argues that").replace(
        "In conclusion, phones should be banned in lessons.", "Secondly, phones cost money."
    )
    theses = [
        c for c in Pipeline(roles="ranked").parse(announced).components if c.kind is Kind.THESIS
    ]
    assert [(c.text[:22], c.why[0]) for c in theses] == [
        ("This essay argues that", "announces the essay's argument")
    ]
    assert isinstance(role_classifier("ranked"), RuleRoles)
    assert Pipeline(roles="ranked").parse(essay) == ranked  # deterministic
    # A text of fewer paragraphs: the rules choose, as without the ranker.
    short = "Schools should ban phones. Phones distract pupils in every lesson."
    units = segment(short, structure(short))
    assert essay_facts(units).n_par < MIN_PARAGRAPHS
    assert load_ranker().pick(units, short, essay_facts(units)) is None
    assert (
        Pipeline(roles="ranked").parse(short).components
        == Pipeline(roles="rules").parse(short).components
    )


def test_hybrid_is_the_learned_roles_with_the_rankers_thesis() -> None:
    essay = (
        "Phones are everywhere in schools today. Many pupils carry one all day. "
        "This essay argues that schools should ban phones during lessons.\n"
        "First, phones distract pupils. A 2015 study found scores rose 6% after bans.\n"
        "Some parents say phones keep children safe. However, the office can call home.\n"
        "In conclusion, phones should be banned in lessons."
    )
    hybrid = Pipeline(roles="hybrid").parse(essay)
    theses = [c for c in hybrid.components if c.kind is Kind.THESIS]
    assert theses[0].text.startswith("This essay argues that")
    assert theses[0].why == ("announces the essay's argument",)
    learned = Pipeline(roles="learned").parse(essay)
    others = [(c.text, c.kind) for c in hybrid.components if c.kind is not Kind.THESIS]
    assert others == [
        (c.text, c.kind) for c in learned.components if c.text in dict(others)
    ]  # every other unit keeps the learned model's role


def test_the_role_models_thesis_probability_weighs_in_the_rankers_choice() -> None:
    """In `hybrid` the ranker adds LEARNED times the log of the role model's probability that a
    unit is the thesis: a unit the role model all but rules out loses to one it finds likely."""
    from argmap.argument.roles import essay_facts
    from argmap.argument.thesis import LEARNED, load_ranker

    essay = (
        "Phones are everywhere in schools today. Schools should ban phones in lessons.\n"
        "First, phones distract pupils. A 2015 study found scores rose 6% after bans.\n"
        "In conclusion, phones should be banned in lessons."
    )
    units = segment(essay, structure(essay))
    ranker, facts = load_ranker(), essay_facts(units)
    plain = ranker.scores(units, essay)
    likely = [0.5] * len(units)
    mixed = ranker.scores(units, essay, likely)
    assert mixed == pytest.approx([s + LEARNED * -0.6931471805599453 for s in plain])
    alone = ranker.pick(units, essay, facts)
    assert alone is not None and alone.index is not None
    # The role model says the ranker's choice is no thesis and another unit is.
    other = next(k for k in range(len(units)) if k not in (alone.index, alone.restates))
    against = [1e-6] * len(units)
    against[other] = 0.9
    chosen = ranker.pick(units, essay, facts, against)
    assert chosen is not None and chosen.index == other


def test_a_unit_with_no_verb_is_never_the_rankers_thesis() -> None:
    """A title line ("Self-driving cars.") states no position: even when the role model finds
    it the likeliest thesis, the ranker picks a unit with a verb."""
    from argmap.argument.roles import essay_facts
    from argmap.argument.thesis import load_ranker
    from argmap.model import Feature

    essay = (
        "Self-driving cars.\n"
        "Many companies test them today. They should be allowed on every road.\n"
        "First, computers do not get tired. A 2015 study found fewer crashes.\n"
        "In conclusion, they should be allowed."
    )
    units = segment(essay, structure(essay))
    assert Feature.FRAGMENT in units[0].features  # "driving" only modifies "cars"
    assert Feature.FRAGMENT not in units[1].features
    likely = [0.9] + [1e-6] * (len(units) - 1)
    chosen = load_ranker().pick(units, essay, essay_facts(units), likely)
    assert chosen is not None and chosen.index not in (None, 0)


@pytest.mark.parametrize(
    ("first_cue", "second_cue", "second_role", "expected"),
    [
        # "Although X, Y" where X is a counterclaim: Y answers it (guide 3.1) ...
        (CueType.CONCESSION, CueType.MAIN, Kind.EVIDENCE, Kind.REBUTTAL),
        (CueType.CONCESSION, CueType.MAIN, Kind.CONTEXT, Kind.REBUTTAL),
        # ... and so does Y in "X, but Y", unless the model calls it context (background:
        # "They were science fiction, but they have become a reality")
        (None, CueType.CONTRAST, Kind.EVIDENCE, Kind.REBUTTAL),
        (None, CueType.CONTRAST, Kind.CONTEXT, Kind.CONTEXT),
        # a claim stays a claim; a clause with no turn answers nothing
        (CueType.CONCESSION, CueType.MAIN, Kind.CLAIM, Kind.CLAIM),
        (None, CueType.ADDITION, Kind.EVIDENCE, Kind.EVIDENCE),
    ],
)
def test_the_guide_makes_the_answer_to_a_granted_point_a_rebuttal(
    first_cue: CueType | None, second_cue: CueType, second_role: Kind, expected: Kind
) -> None:
    units = [
        unit(0, 30, paragraph=1, sentence=2, cue_type=first_cue),
        unit(32, 60, paragraph=1, sentence=2, cue_type=second_cue),
    ]
    roles = [(Kind.COUNTERCLAIM, 0.6), (second_role, 0.5)]
    probs = [dict.fromkeys(Kind, 0.2), dict.fromkeys(Kind, 0.2)]
    why = follow_the_guide(units, roles, probs)
    assert roles[1][0] is expected
    assert (1 in why) is (expected is not second_role)


def test_the_guide_makes_the_first_turn_after_an_opposing_view_its_rebuttal() -> None:
    # "Some argue X. They cite Y. However, Z. Moreover, W." (one paragraph), then "But V." in
    # the next: only Z answers the view; W follows the answer, V is another paragraph's.
    cues = [CueType.COUNTER, None, CueType.CONTRAST, CueType.CONTRAST, CueType.CONTRAST]
    paragraphs = [1, 1, 1, 1, 2]
    units = [
        unit(10 * k, 10 * k + 8, paragraph=p, sentence=k, cue_type=c)
        for k, (c, p) in enumerate(zip(cues, paragraphs, strict=True))
    ]
    roles = [(Kind.COUNTERCLAIM, 0.6)] + [(Kind.EVIDENCE, 0.5)] * 4
    probs = [dict.fromkeys(Kind, 0.2)] * 5
    why = follow_the_guide(units, roles, probs, frozenset({"answer"}))
    assert [r for r, _ in roles] == [Kind.COUNTERCLAIM] + [Kind.EVIDENCE, Kind.REBUTTAL] + [
        Kind.EVIDENCE
    ] * 2
    assert set(why) == {2}
    # a view the model already sees answered, or a claim that turns, is left as it is
    roles = [(Kind.COUNTERCLAIM, 0.6), (Kind.REBUTTAL, 0.5), (Kind.EVIDENCE, 0.5)]
    roles += [(Kind.CLAIM, 0.5), (Kind.EVIDENCE, 0.5)]
    assert follow_the_guide(units, roles, probs, frozenset({"answer"})) == {}


@pytest.mark.parametrize(
    ("head", "reason", "expected"),
    [
        (Kind.THESIS, Kind.THESIS, Kind.EVIDENCE),  # "We should not X as it will Y."
        (Kind.CLAIM, Kind.CLAIM, Kind.EVIDENCE),
        (Kind.REBUTTAL, Kind.CLAIM, Kind.EVIDENCE),
        (Kind.CLAIM, Kind.CONTEXT, Kind.CONTEXT),  # only a point the model saw is moved
        (Kind.EVIDENCE, Kind.CLAIM, Kind.CLAIM),  # evidence "X because Y": not this rule's
    ],
)
def test_the_guide_makes_the_reason_for_a_point_its_evidence(
    head: Kind, reason: Kind, expected: Kind
) -> None:
    units = [
        unit(0, 30, paragraph=1, sentence=2),
        unit(31, 60, paragraph=1, sentence=2, cue_type=CueType.CAUSAL_BACKWARD),
        unit(62, 90, paragraph=1, sentence=3, cue_type=CueType.CAUSAL_BACKWARD),
    ]
    roles = [(head, 0.6), (reason, 0.5), (Kind.CLAIM, 0.5)]
    probs = [dict.fromkeys(Kind, 0.2)] * 3
    why = follow_the_guide(units, roles, probs, frozenset({"reason"}))
    assert roles[1][0] is expected
    assert roles[2][0] is Kind.CLAIM  # another sentence's "Because ..." is not a reason for it
    assert set(why) == ({1} if expected is not reason else set())
