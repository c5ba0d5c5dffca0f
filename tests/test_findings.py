"""Findings, the scorecard and `argmap report`.

Each finding has a minimal map that triggers it and one that does not (maps are built from model
objects, so the test does not depend on how the parser reads a sentence), a few checks run end
to end through `parse_essay`, and the sample essays meet issue 6's acceptance: the weak essay
gets the findings it was written to have, the strong one no `unsupported-claim` or
`vague-evidence`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.app.cli import app
from argmap.app.report import ReportFormat, build_from_map, discover, render
from argmap.findings.checks import CHECKS, SEVERITY, analyse
from argmap.findings.measures import (
    counterarguments,
    evidence_quality,
    main_claims,
    quotations,
    sentences,
    specific_evidence,
    sweeping_words,
)
from argmap.findings.scorecard import COLUMNS, causal_depth, scorecard
from argmap.model import ArgumentMap, Finding, Kind, Relation, RelationKind, Severity
from argmap.pipeline import parse_essay
from tests.factories import Part, component, essay, relation

ROOT = Path(__file__).resolve().parent.parent
ESSAYS = ROOT / "essays"
GOLDEN = ROOT / "tests" / "golden"

T, C, E = Kind.THESIS, Kind.CLAIM, Kind.EVIDENCE
CC, R, X = Kind.COUNTERCLAIM, Kind.REBUTTAL, Kind.CONTEXT
SUP, ATT, CAUSES = RelationKind.SUPPORTS, RelationKind.ATTACKS, RelationKind.CAUSES
FACT = "In 2019 a survey of 2,000 pupils found that 61% felt anxious without a phone."


def found(m: ArgumentMap, code: str | None = None) -> list[tuple[str, str | None]]:
    """(code, component) of each finding `analyse` gives the map's components and relations,
    of one code or all."""
    got = [(f.code, f.component) for f in analyse(m.components, m.relations)]
    return [g for g in got if code is None or g[0] == code]


def analysed(m: ArgumentMap) -> ArgumentMap:
    """The map with the findings `analyse` gives it, as `parse_essay` would return it."""
    return replace(m, findings=analyse(m.components, m.relations))


ARGUED: tuple[list[Part], ...] = (
    [(T, "Schools should ban phones.")],
    [(C, "Phones distract pupils."), (E, FACT, "statistic")],
    [(C, "Phones make bullying easier."), (E, "Ofsted reported 300 cases.", "statistic")],
    [(CC, "Some parents want phones for safety."), (R, "However, offices can call.")],
    [(C, "Phones should go.")],
)
ARGUED_LINKS = [
    (2, SUP, 1),
    (3, SUP, 2),
    (4, SUP, 1),
    (5, SUP, 4),
    (6, ATT, 1),
    (7, ATT, 6),
    (8, SUP, 1),
]


def argued() -> ArgumentMap:
    """A sound little essay: thesis, two evidenced claims, a counterclaim and its rebuttal."""
    return essay(*ARGUED, relations=ARGUED_LINKS)


# --- one map that triggers each finding, and one that does not --------------------------------

Case = tuple[Callable[[], ArgumentMap], str | None, Callable[[], ArgumentMap]]

CASES: dict[str, Case] = {
    "missing-thesis": (
        lambda: essay([(C, "Phones distract."), (C, "They buzz.")]),
        None,
        lambda: essay([(T, "Phones distract."), (C, "They buzz.")], relations=[(2, SUP, 1)]),
    ),
    "unsupported-claim": (
        lambda: essay(
            [(T, "Ban phones.")], [(C, "Phones distract pupils.")], relations=[(2, SUP, 1)]
        ),
        "c2",
        lambda: essay(
            [(T, "Ban phones.")],
            [(C, "Phones distract."), (E, FACT, "statistic")],
            relations=[(2, SUP, 1), (3, SUP, 2)],
        ),
    ),
    "general-reasoning": (
        lambda: essay(
            [(T, "Ban phones.")],
            [(C, "Phones distract pupils."), (E, "They check them in lessons.", "reasoning")],
            relations=[(2, SUP, 1), (3, SUP, 2)],
        ),
        "c2",
        lambda: essay(
            [(T, "Ban phones.")],
            [(C, "Phones distract pupils."), (E, "They check them in lessons.", "reasoning")],
            [(E, FACT, "statistic")],
            relations=[(2, SUP, 1), (3, SUP, 2), (4, SUP, 3)],
        ),
    ),
    "evidence-without-claim": (
        lambda: essay([(T, "Ban phones.")], [(E, FACT, "statistic")]),
        "c2",
        lambda: essay([(T, "Ban phones.")], [(E, FACT, "statistic")], relations=[(2, SUP, 1)]),
    ),
    "vague-evidence": (
        lambda: essay(
            [(C, "Phones harm sleep."), (E, "Studies show that phones are bad.")],
            relations=[(2, SUP, 1)],
        ),
        "c2",
        lambda: essay([(C, "Phones harm sleep."), (E, FACT, "statistic")], relations=[(2, SUP, 1)]),
    ),
    "unsourced-quotation": (
        lambda: essay([(E, 'As one teacher put it, "nobody learns while checking a phone."')]),
        "c1",
        lambda: essay([(E, '"Nobody learns while checking a phone," said Dr Helen Carter.')]),
    ),
    "unanswered-counterclaim": (
        lambda: essay(
            [(T, "Ban phones.")], [(CC, "Some parents want phones.")], relations=[(2, ATT, 1)]
        ),
        "c2",
        lambda: essay(
            [(T, "Ban phones.")],
            [(CC, "Some want phones."), (R, "But offices call.")],
            relations=[(2, ATT, 1), (3, ATT, 2)],
        ),
    ),
    "no-counterargument": (
        lambda: essay(
            [(T, "Ban phones.")],
            [(C, "They distract.")],
            [(C, "They enable bullying.")],
            relations=[(2, SUP, 1), (3, SUP, 1)],
        ),
        "c1",
        argued,
    ),
    "paragraph-without-claim": (
        lambda: essay(
            [(T, "Ban phones.")],
            [(E, FACT, "statistic"), (E, "Ofsted reported 300 cases.", "statistic")],
            [(C, "Phones should go.")],
        ),
        "c2",
        lambda: essay(
            [(T, "Ban phones.")],
            [(C, "Phones harm pupils."), (E, FACT, "statistic")],
            [(C, "Phones should go.")],
        ),
    ),
    "repeated-claim": (
        lambda: essay(
            [(C, "Phones ruin concentration in lessons.")],
            [(C, "Lessons: phones ruin concentration.")],
        ),
        "c2",
        lambda: essay(
            [(C, "Phones ruin concentration in lessons.")], [(C, "Bullying spreads online.")]
        ),
    ),
    "sweeping-generalisation": (
        lambda: essay(
            [(T, "Ban phones.")],
            [(C, "Everyone knows that phones ruin lessons.")],
            relations=[(2, SUP, 1)],
        ),
        "c2",
        lambda: essay(
            [(T, "Ban phones.")], [(C, "Phones often ruin lessons.")], relations=[(2, SUP, 1)]
        ),
    ),
    "broken-causal-chain": (
        lambda: essay([(T, "Ban phones.")], [(C, "As a result, pupils sleep less.")]),
        "c2",
        lambda: essay(
            [(T, "Ban phones.")],
            [(C, "Pupils scroll late."), (C, "As a result, pupils sleep less.")],
            relations=[(2, CAUSES, 3)],
        ),
    ),
}


def test_every_finding_code_has_a_case_and_a_check() -> None:
    assert list(CASES) == list(SEVERITY)
    assert [check.__name__ for check in CHECKS] == [code.replace("-", "_") for code in SEVERITY]


@pytest.mark.parametrize("code", list(CASES))
def test_finding_is_triggered(code: str) -> None:
    trigger, component, _ = CASES[code]
    assert (code, component) in found(trigger(), code)


@pytest.mark.parametrize("code", list(CASES))
def test_finding_stays_quiet(code: str) -> None:
    _, _, quiet = CASES[code]
    assert found(quiet(), code) == []


def test_a_sound_essay_has_no_findings() -> None:
    assert found(argued()) == []


@pytest.mark.parametrize("code", list(CASES))
def test_findings_have_their_severity_a_component_and_a_sentence_of_advice(code: str) -> None:
    m = CASES[code][0]()
    ids = {c.id for c in m.components}
    for f in analyse(m.components, m.relations):
        assert f.severity is SEVERITY[f.code]
        assert f.component in ids or f.code == "missing-thesis"
        assert ": " in f.message and f.message.endswith(".")  # what is wrong: what to do
        assert " c1" not in f.message and "c2" not in f.message  # no ids a student cannot read


# --- details of each finding ------------------------------------------------------------------


def test_unsupported_claim_skips_sub_claims_frame_concessions_and_causal_links() -> None:
    e = essay(
        [(X, "Phones are everywhere."), (T, "Schools should ban them"), (C, "because they harm.")],
        [(C, "Phones distract."), (C, "Pupils check them often.")],
        [(CC, "Some parents want phones."), (C, "This is a fair worry."), (R, "But offices call.")],
        [(C, "Pupils scroll late"), (C, "so they sleep less.")],
        [(C, "In conclusion, phones should go.")],
        relations=[
            (3, SUP, 2),
            (4, SUP, 2),
            (5, SUP, 4),  # a sub-claim explains c4: c4 is backed, by reasoning alone
            (6, ATT, 2),
            (7, SUP, 2),  # concession
            (8, ATT, 6),
            (9, SUP, 2),
            (9, CAUSES, 10),  # c10 is a link in c9's chain
            (11, SUP, 2),  # conclusion
        ],
    )
    assert found(e, "unsupported-claim") == [("unsupported-claim", "c9")]
    assert found(e, "general-reasoning") == [("general-reasoning", "c4")]
    assert [c.id for c in main_claims(e.components, e.relations)] == ["c4", "c9"]


def test_unsupported_claim_in_an_introduction_without_a_thesis_is_flagged() -> None:
    e = essay([(C, "Phones are bad.")], [(C, "They distract.")], [(C, "So ban them.")])
    assert ("unsupported-claim", "c1") in found(e, "unsupported-claim")


def test_evidence_reaching_through_a_sub_claim_or_a_cause_counts() -> None:
    e = essay(
        [(T, "Ban phones.")],
        [(C, "Phones distract."), (C, "Pupils look."), (E, FACT, "statistic")],
        relations=[(2, SUP, 1), (3, SUP, 2), (4, SUP, 3)],
    )
    assert found(e, "unsupported-claim") == []
    e = essay(
        [(T, "Ban phones.")],
        [(E, FACT, "statistic"), (C, "So pupils worry.")],
        relations=[(2, CAUSES, 3)],
    )
    assert found(e, "unsupported-claim") == []


def test_evidence_tied_by_attacks_or_causes_is_not_loose() -> None:
    e = essay([(CC, "Phones keep pupils safe."), (E, FACT, "statistic")], relations=[(2, ATT, 1)])
    assert found(e, "evidence-without-claim") == []
    e = essay([(C, "Pupils scroll late."), (E, FACT, "statistic")], relations=[(1, CAUSES, 2)])
    assert found(e, "evidence-without-claim") == []


@pytest.mark.parametrize(
    ("text", "etype", "vague"),
    [
        ("Studies show that social media is bad for your mental health.", None, True),
        ("A lot of people say that they feel depressed after using it.", None, True),
        ("It has been shown by scholars that sleep suffers.", None, True),
        ("Experts at Harvard say that sleep suffers.", None, False),
        ("Pupils check their phones in every lesson.", "reasoning", False),
        ("Research has proven that it is bad for sleep too.", "source", True),
        ("A 2019 Ofsted report found that bans work.", "source", False),
        ("As Conquest believed, the famine was the result of policy.", None, False),
        ("Pupils who sleep less score 12 points lower.", None, False),
        ("My cousin uses it all the time and she is always tired.", "example", False),
    ],
)
def test_vague_evidence(text: str, etype: str | None, vague: bool) -> None:
    e = essay([(C, "Phones harm pupils."), (E, text, etype)], relations=[(2, SUP, 1)])
    assert bool(found(e, "vague-evidence")) is vague


def test_vague_evidence_is_judged_per_sentence() -> None:
    e = essay(
        [
            (C, "Phones harm pupils."),
            (E, "In 2022, 61% felt anxious", "statistic"),
            (E, "so they slept less."),
        ],
        relations=[(2, SUP, 1), (3, SUP, 1)],
    )
    assert [[c.id for c in s] for s in sentences(e.components)] == [["c1"], ["c2", "c3"]]
    assert found(e, "vague-evidence") == []
    assert specific_evidence(e.components) == {"c2", "c3"}


@pytest.mark.parametrize(
    ("text", "unsourced"),
    [
        ("As one headteacher put it, 'the safest place for a phone is in a bag.'", True),
        ('People argue "self-driving cars would eliminate many jobs".', True),
        ('Cars may be "more courteous and defensive than drivers" but they crash.', True),
        ('"A student who is checking a phone is not listening," said Dr Margaret Hill.', False),
        (
            'According to the psychologist Dr Samuel Reyes, "the pressure never stops for them."',
            False,
        ),
        ('Stalin wrote that "the kulaks must be liquidated as a class."', False),
        ('The "bread riots" spread quickly.', False),  # scare quotes
        ('The article "Top 20 Pros and Cons of Cars" is useful.', False),  # a title
        ('The old saying "bread is the head of everything" is still taught.', False),
        ("You are thinking, 'this seems great, sign me up!', right?", False),
        # a question in quotation marks: a voice the writer imagines, not a source's words
        ('"What if we become too reliant on our technology and it stops working?"', False),
        ('They ask "is it really safe?" and add that "the cars will fail in the snow."', True),
        # the text the essay answers, named as such
        ('As the article states, "there is no legal precedent for such a case."', False),
        ('As an article states, "there is no legal precedent for such a case."', True),
    ],
)
def test_unsourced_quotation(text: str, unsourced: bool) -> None:
    e = essay([(E, text)])
    assert bool(found(e, "unsourced-quotation")) is unsourced


def test_unsourced_quotation_looks_at_the_sentence_and_a_pronoun_speakers_antecedent() -> None:
    e = essay([(C, "Dr Carter disagrees."), (E, 'She said "phones are the enemy of attention."')])
    assert found(e, "unsourced-quotation") == []
    e = essay([(C, "Teachers disagree."), (E, 'She said "phones are the enemy of attention."')])
    assert found(e, "unsourced-quotation") == [("unsourced-quotation", "c2")]
    # the quotation opens in the second clause of a sentence whose first clause names no one
    e = essay([(C, "Phones distract"), (E, 'because "nobody learns while checking a phone."')])
    assert found(e, "unsourced-quotation") == [("unsourced-quotation", "c2")]
    e = essay(
        [
            (C, "Dr Carter warned that phones distract"),
            (E, 'because "nobody learns while checking."'),
        ]
    )
    assert found(e, "unsourced-quotation") == []


def test_quotations_are_four_words_or_more_and_apostrophes_are_not_quotes() -> None:
    text = "The child's phone is 'the enemy of attention', not a 'tool'."
    assert [text[a:b] for a, b in quotations(text)] == ["'the enemy of attention'"]
    assert quotations("Pupils' phones and teachers' rules.") == []


def test_one_opposing_view_in_several_counterclaims_is_answered_once() -> None:
    e = essay(
        [(T, "Ban phones.")],
        [
            (CC, "Critics argue bans fail."),
            (CC, "They claim pupils hide phones."),
            (R, "But lockers work."),
        ],
        relations=[(2, ATT, 1), (3, ATT, 1), (4, ATT, 3)],
    )
    assert [[c.id for c in v] for v in counterarguments(e.components, e.relations)] == [
        ["c2", "c3"]
    ]
    assert found(e, "unanswered-counterclaim") == []
    e = essay(
        [(T, "Ban phones.")],
        [(CC, "Critics argue bans fail."), (CC, "They also say pupils hide phones.")],
    )
    assert found(e, "unanswered-counterclaim") == [("unanswered-counterclaim", "c2")]


def test_a_counterclaim_turned_in_its_own_sentence_is_answered_whatever_the_turn_is_called() -> (
    None
):
    """ "X, but Y": the writer answers X in the same sentence, even where Y's role came out as
    context or evidence; a turn in the next sentence is a rebuttal's job."""
    for kind in (X, Kind.EVIDENCE):
        e = essay(
            [(T, "Ban phones.")],
            [(CC, "Pupils do not need phones,"), (kind, "but phones seem a logical next step.")],
        )
        assert found(e, "unanswered-counterclaim") == []
    e = essay(
        [(T, "Ban phones.")],
        [(CC, "Pupils do not need phones."), (X, "But phones seem a logical next step.")],
    )
    assert found(e, "unanswered-counterclaim") == [("unanswered-counterclaim", "c2")]
    e = essay(
        [(T, "Ban phones.")],
        [(CC, "Some say bans fail,"), (CC, "but others say pupils hide phones.")],
    )
    assert found(e, "unanswered-counterclaim") == [("unanswered-counterclaim", "c2")]


def test_a_reason_for_a_counterclaim_shares_its_view() -> None:
    e = essay(
        [(CC, "Some say phones are good")],
        [(CC, "because they connect friends.")],
        relations=[(2, SUP, 1)],
    )
    assert [[c.id for c in v] for v in counterarguments(e.components, e.relations)] == [
        ["c1", "c2"]
    ]


def test_no_counterargument_needs_a_thesis_and_two_claims() -> None:
    assert found(essay([(T, "Ban phones.")], [(C, "They distract.")]), "no-counterargument") == []
    assert found(essay([(C, "They distract.")], [(C, "They bully.")]), "no-counterargument") == []
    e = essay(
        [(T, "Ban phones.")],
        [(C, "They distract.")],
        [(C, "They bully."), (R, "Safety is no reason.")],
    )
    assert found(e, "no-counterargument") == []


def test_repeated_claim_quotes_the_earlier_point() -> None:
    e = CASES["repeated-claim"][0]()
    (f,) = [f for f in analyse(e.components, e.relations) if f.code == "repeated-claim"]
    assert '"Phones ruin concentration in lessons"' in f.message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Everyone knows that phones ruin lessons.", ["everyone"]),
        ("Social media is bad for everyone.", ["everyone"]),
        ("Social media has a negative effect on everybody who uses it.", ["everybody"]),
        ("My school has a rule, but nobody follows it.", ["nobody"]),
        ("All historians agree that the famine was man-made.", ["all historians"]),
        ("It is obvious that every student hates homework.", ["every student"]),
        ("Teenagers never read books and always check their phones.", ["never", "always"]),
        ("Bans do not always work.", []),
        ("Almost everyone owns a phone.", []),
        ("Nearly all students own a phone.", []),
        ("If everyone drove less, roads would be safer.", []),
        ("Without everyone adapting, the plan fails.", []),
        ("Everyone should think about screen time.", []),
        ("I can always call my parents.", []),
        ("Someone who has never driven cannot take over.", []),
        ("There is always a chance of failure.", []),
        ("It has always been used to benefit society.", []),
        ("Pupils check phones every day.", []),
        ("A ban gives every student the same chance.", []),  # not the subject
        ("After all, it works.", []),
        ('He said "everyone always lies" to the court.', []),  # quoted
    ],
)
def test_sweeping_words(text: str, words: list[str]) -> None:
    assert sweeping_words(text) == words


def test_sweeping_generalisation_backed_by_evidence_or_not_a_claim_is_quiet() -> None:
    e = essay(
        [(T, "Ban phones.")],
        [(C, "Everyone knows that phones ruin lessons."), (E, FACT, "statistic")],
        relations=[(2, SUP, 1), (3, SUP, 2)],
    )
    assert found(e, "sweeping-generalisation") == []
    sub = (  # a sentence explaining an evidenced claim shares its evidence
        essay(
            [(T, "Ban phones.")],
            [(C, "Phones distract."), (C, "Nobody can ignore a buzz."), (E, FACT, "statistic")],
            relations=[(2, SUP, 1), (3, SUP, 2), (4, SUP, 2)],
        )
    )
    assert found(sub, "sweeping-generalisation") == []
    e = essay(
        [(T, "Ban phones.")], [(CC, "Everyone needs a phone for safety.")], relations=[(2, ATT, 1)]
    )
    assert found(e, "sweeping-generalisation") == []


# --- end to end through parse_essay -------------------------------------------------------------


def codes_at(m: ArgumentMap) -> set[tuple[str, str]]:
    """(code, text of the component it points at) for each finding of a parsed map."""
    texts = {c.id: c.text for c in m.components}
    return {(f.code, texts.get(f.component or "", "")) for f in m.findings}


def test_end_to_end_no_counterargument_and_its_answer() -> None:
    body = (
        "Firstly, phones distract pupils in lessons. A 2015 LSE study found test scores rose by "
        "6% after bans.\n\n"
    )
    one_sided = parse_essay(
        "Schools should ban phones.\n\n" + body + "Secondly, phones enable bullying. In 2022 a "
        "survey of 2,000 pupils found that 40% had been bullied online.\n\nIn conclusion, "
        "phones should be banned."
    )
    thesis = next(c for c in one_sided.components if c.kind is Kind.THESIS)
    assert ("no-counterargument", thesis.text) in codes_at(one_sided)  # on the (first) thesis
    answered = parse_essay(
        "Schools should ban phones.\n\n" + body + "Some parents argue that children need phones "
        "for safety. However, the school office can call parents at any time.\n\nIn "
        "conclusion, phones should be banned."
    )
    assert answered.findings == ()


def test_end_to_end_quotations_and_sweeping_claims() -> None:
    m = parse_essay(
        'Schools should ban phones.\n\nPhones distract pupils. As one teacher put it, "nobody '
        'can learn while checking a phone."\n\nPhones harm sleep. "Screens keep the brain '
        'awake for hours," said Dr Helen Carter of Leeds University.'
    )
    found = codes_at(m)
    unsourced = {t for code, t in found if code == "unsourced-quotation"}
    assert unsourced == {'As one teacher put it, "nobody can learn while checking a phone."'}
    m = parse_essay(
        "Schools should ban phones.\n\nEveryone knows that phones ruin concentration.\n\n"
        "Phones are not always a problem."
    )
    sweeping = {t for code, t in codes_at(m) if code == "sweeping-generalisation"}
    assert sweeping == {"Everyone knows that phones ruin concentration."}
    # A quotation followed by a parenthetical citation (MLA: a title, a page or a paragraph)
    # names its source; the citation stays with its quotation.
    m = parse_essay(
        'Self-driving cars should be allowed.\n\nThey ease traffic. "Sensors let cars ride '
        'closer together, so more cars fit on the road" (par. 28). "Traffic would ease and '
        'commutes would be shorter" ("Self-Driving Cars", par. 18, 22). Cities would gain.'
    )
    assert not [t for code, t in codes_at(m) if code == "unsourced-quotation"]
    assert not [c for c in m.components if c.text.startswith(("18", "22"))]


# --- acceptance: the sample essays --------------------------------------------------------------


@pytest.fixture(scope="module")
def weak() -> ArgumentMap:
    return parse_essay(ESSAYS / "weak-unsupported-claims.txt")


@pytest.fixture(scope="module")
def strong() -> ArgumentMap:
    return parse_essay(ESSAYS / "persuasive-phones-in-schools.txt")


def test_weak_essay_findings_point_at_the_right_passages(weak: ArgumentMap) -> None:
    found = codes_at(weak)
    # In the field's scheme the reasons under each claim are evidence: the claims are backed by
    # reasoning alone (general-reasoning), the appeals to unnamed authority are vague.
    expected = {
        ("general-reasoning", "Social media has a negative effect on everybody who uses it."),
        ("vague-evidence", "Studies show that social media is bad for your mental health."),
        ("vague-evidence", "A lot of people say that they feel depressed after using it."),
        ("vague-evidence", "Research has proven that it is bad for sleep too."),
    }
    assert expected <= found
    # the opposing view, with or without its reason ("because it helps people stay in touch")
    unanswered = [t for code, t in found if code == "unanswered-counterclaim"]
    assert any(t.startswith("Some people say that social media is good") for t in unanswered)
    experts = [t for code, t in found if code == "vague-evidence" and t.startswith("Experts")]
    assert experts  # "Experts have said that ...": no one named


def test_weak_essay_second_point_is_a_claim_backed_by_reasoning(weak: ArgumentMap) -> None:
    found = codes_at(weak)
    assert ("general-reasoning", "Another thing is that social media spreads fake news.") in found


def test_strong_essay_has_no_unsupported_claim_or_vague_evidence(strong: ArgumentMap) -> None:
    codes = {f.code for f in strong.findings}
    assert not codes & {"unsupported-claim", "vague-evidence", "unanswered-counterclaim"}
    card = scorecard(strong)
    assert card.claim_evidence_share == 1.0
    # reasons are evidence too (general); most of this essay's evidence is specific
    assert card.evidence_specificity is not None and card.evidence_specificity > 0.5
    assert card.counterargument_handling == 1.0


# --- the scorecard ------------------------------------------------------------------------------


def test_scorecard_formulas_on_a_small_map() -> None:
    *paragraphs, last = ARGUED
    e = essay(*paragraphs, [*last, (E, "Studies show it.")], relations=[*ARGUED_LINKS, (9, SUP, 8)])
    card = scorecard(analysed(e))
    row = card.row()
    assert list(row) == list(COLUMNS)
    assert (row["thesis"], row["claims"], row["evidence"], row["counterclaims"]) == (1, 3, 3, 1)
    assert (row["rebuttals"], row["context"]) == (1, 0)
    assert (row["main_claims"], row["claims_with_evidence"], row["claim_evidence_share"]) == (
        2,
        2,
        1.0,
    )
    assert (row["specific_evidence"], row["evidence_specificity"]) == (2, 0.67)
    assert (row["counterarguments"], row["counterarguments_answered"]) == (1, 1)
    assert (row["counterargument_handling"], row["considers_other_view"]) == (1.0, "yes")
    assert (row["findings"], row["findings_warning"], row["vague_evidence"]) == (1, 1, 1)


def test_scorecard_without_denominators_leaves_shares_empty() -> None:
    e = essay([(T, "Ban phones.")], [(C, "They distract.")], [(C, "So ban them.")])
    row = scorecard(analysed(e)).row()
    assert row["evidence_specificity"] == "" and row["counterargument_handling"] == ""
    assert (row["considers_other_view"], row["causal_depth"]) == ("no", 0)
    assert row["claim_evidence_share"] == 0.0


def test_causal_depth_follows_the_longest_chain_and_survives_cycles() -> None:
    def rels(*pairs: str) -> list[Relation]:
        return [relation(p[0], CAUSES, p[1], "->") for p in pairs]

    assert causal_depth([]) == 0
    assert causal_depth(rels("ab", "bc", "cd", "xd")) == 3
    assert causal_depth(rels("ab", "ba")) == 1
    assert causal_depth(rels("ab", "bc", "ca", "cd")) == 3
    supports = [relation("a", SUP, "b")]
    assert causal_depth(supports) == 0


@pytest.mark.parametrize(
    "path",
    sorted([*GOLDEN.glob("*.json"), *(ESSAYS / "gold").glob("*.json")]),
    ids=lambda p: f"{p.parent.name}/{p.stem}",
)
def test_scorecard_counts_exactly_what_the_findings_flag(path: Path) -> None:
    r = build_from_map(ArgumentMap.from_json(path.read_text(encoding="utf-8")))
    row = {k: v for k, v in r.card.row().items() if isinstance(v, int)}
    assert row["unsupported_claim"] == row["main_claims"] - row["claims_with_evidence"]
    # the evidence that is not specific is general reasoning or a vague appeal: only the
    # appeals are flagged, and only claims backed by no specific evidence at all
    assert row["vague_evidence"] <= row["evidence"] - row["specific_evidence"]
    assert row["general_reasoning"] <= row["claims_with_evidence"]
    unanswered = row["counterarguments"] - row["counterarguments_answered"]
    assert row["unanswered_counterclaim"] == unanswered
    assert row["findings"] == len(r.map.findings)
    assert sum(row[f"findings_{s.value}"] for s in Severity) == row["findings"]


def test_a_finding_with_an_unknown_code_counts_only_in_the_totals() -> None:
    m = analysed(argued())
    extra = Finding("teacher-note", Severity.INFO, "Nice.", "c1")
    row = scorecard(replace(m, findings=(*m.findings, extra))).row()
    assert list(row) == list(COLUMNS)
    assert (row["findings"], row["findings_info"]) == (1, 1)


# --- argmap report ------------------------------------------------------------------------------

runner = CliRunner()


def report(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["report", *args])
    return result.exit_code, result.stdout, result.stderr


def test_report_table_on_an_essay() -> None:
    code, out, err = report(str(ESSAYS / "weak-unsupported-claims.txt"))
    assert (code, err) == (0, "")
    assert "Claims with evidence" in out and "Evidence specificity" in out
    assert "general-reasoning" in out and '"Studies show that social media' in out
    assert "\x1b[" not in out  # no colour codes when piped


def test_report_formats_are_deterministic_and_parse(tmp_path: Path) -> None:
    path = str(ESSAYS / "weak-unsupported-claims.txt")
    code, out, _ = report(path, "--format", "json")
    assert code == 0 and report(path, "--format", "json")[1] == out
    (doc,) = json.loads(out)
    assert doc["path"] == path and list(doc["scorecard"]) == list(COLUMNS)
    assert {f["code"] for f in doc["findings"]} >= {"general-reasoning", "vague-evidence"}
    assert all(f["excerpt"] for f in doc["findings"] if f["component"])
    code, out, _ = report(path, str(GOLDEN / "persuasive-phones-in-schools.json"), "-f", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["path", *COLUMNS] and len(rows) == 3
    code, out, _ = report(path, "-f", "md")
    assert out.startswith("## Social Media\n") and "| vague-evidence |" in out


def test_report_on_a_corrected_json_map_recomputes_its_findings(tmp_path: Path) -> None:
    data = json.loads((GOLDEN / "weak-unsupported-claims.json").read_text(encoding="utf-8"))
    for c in data["components"]:
        if c["text"].startswith("Studies show"):
            c["kind"], c["evidence_type"] = "context", None  # a teacher's correction
    corrected = tmp_path / "weak.json"
    corrected.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = report(str(corrected), "-f", "json")
    (doc,) = json.loads(out)
    assert code == 0
    vague = [f["excerpt"] or "" for f in doc["findings"] if f["code"] == "vague-evidence"]
    assert vague and not any(e.startswith("Studies show") for e in vague)
    # vague evidence is evidence without specifics (reasoning without specifics is not vague)
    assert (
        doc["scorecard"]["vague_evidence"]
        <= doc["scorecard"]["evidence"] - doc["scorecard"]["specific_evidence"]
    )


def test_report_names_bad_files_reports_the_others_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "a-good.txt").write_text("Schools should ban phones. Everyone is distracted.\n")
    (folder / "b-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (folder / "c-empty.txt").write_text("")
    (folder / "d-broken.json").write_text('{"schema": "argmap/1"', encoding="utf-8")
    code, out, err = report(str(folder), "-f", "csv")
    assert code == 1
    rows = list(csv.reader(io.StringIO(out)))
    assert [r[0] for r in rows[1:]] == [str(folder / "a-good.txt")]
    lines = err.strip().splitlines()
    assert len(lines) == 3 and "Traceback" not in err
    for name, line in zip(("b-binary.txt", "c-empty.txt", "d-broken.json"), lines, strict=True):
        assert line.startswith(f"argmap: error: {folder / name}: "), line


def test_report_folder_skips_pages_beside_their_maps(tmp_path: Path) -> None:
    for name in ("essay.txt", "map.json", "map.html", "page.html", ".hidden.txt", "notes.csv"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert discover([str(tmp_path)]) == [
        str(tmp_path / n) for n in ("essay.txt", "map.json", "page.html")
    ]


def test_report_escapes_essay_text_in_markdown() -> None:
    e = essay(
        [(T, "Ban phones.")],
        [(C, "Phones | <script>alert(1)</script> *always* fail.")],
        relations=[(2, SUP, 1)],
    )
    out = render([build_from_map(analysed(e), "essay.txt")], ReportFormat.MD)
    assert "<script>" not in out and "\\<script\\>" in out
    assert "Phones \\| " in out and "\\*always\\*" in out


def test_report_csv_cells_never_start_a_formula() -> None:
    m = replace(analysed(argued()), title='=HYPERLINK("http://x")')
    out = render([build_from_map(m, "essay.txt")], ReportFormat.CSV)
    assert list(csv.reader(io.StringIO(out)))[1][1].startswith("'=")


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("A 2015 study by Beland and Murphy found that test scores rose by 6 percent.", "sourced"),
        ("According to the BBC, 61% of pupils felt anxious without a phone.", "sourced"),
        ("Conquest wrote that the famine was the result of policy.", "sourced"),
        ("A 2019 report found that half of all teachers ban phones.", "sourced"),
        ("1.3 million people died, and 81 percent of them were peasants.", "specific"),
        ("Research shows that 81 percent of crashes are caused by human error.", "specific"),
        ("For example, in Kazakhstan whole villages were emptied.", "specific"),
        ("It has been shown by scholars that the famine was man-made.", "general"),
        ("Phones distract pupils, so they learn less.", "general"),
        ("Experts say children need nine to eleven hours of sleep a night.", "specific"),
        ("There are two sides to every argument, and both matter.", "general"),
    ],
)
def test_evidence_quality_in_three_steps(text: str, step: str) -> None:
    assert evidence_quality((component("c1", Kind.EVIDENCE, text),)) == {"c1": step}


def test_scorecard_counts_sourced_evidence_and_vague_appeals_are_flagged() -> None:
    m = essay(
        [(Kind.THESIS, "Phones should be banned in schools.")],
        [
            (Kind.CLAIM, "Phones hurt learning."),
            (Kind.EVIDENCE, "A 2015 study by Beland and Murphy found that scores rose by 6%."),
            (Kind.EVIDENCE, "Over 80 percent of pupils own a phone."),
            (Kind.EVIDENCE, "It has been shown by scholars that phones distract pupils."),
            (Kind.EVIDENCE, "Pupils who check messages cannot listen at the same time."),
        ],
        relations=[(2, "supports", 1)] + [(k, "supports", 2) for k in (3, 4, 5, 6)],
    )
    card = scorecard(m)
    assert (card.evidence, card.specific_evidence, card.sourced_evidence) == (4, 2, 1)
    assert card.evidence_sourcing == 0.25
    row = card.row()
    assert list(row) == list(COLUMNS)
    assert row["sourced_evidence"] == 1 and row["evidence_sourcing"] == 0.25
    vague = [f.component for f in analyse(m.components, m.relations) if f.code == "vague-evidence"]
    assert vague == [m.components[4].id]


def test_rubric_levels_follow_the_map() -> None:
    from argmap.findings.rubric import ROWS, rubric

    levels = {r.row: r.level for r in rubric(analysed(argued()))}
    assert list(levels) == list(ROWS) and all(1 <= v <= 4 for v in levels.values())
    weak = parse_essay(ESSAYS / "weak-unsupported-claims.txt")
    strong = parse_essay(ESSAYS / "persuasive-phones-in-schools.txt")
    weak_rows, strong_rows = rubric(weak), rubric(strong)
    assert all(r.reason.endswith(".") for r in weak_rows + strong_rows)
    by_row = {r.row: (w.level, r.level) for w, r in zip(weak_rows, strong_rows, strict=True)}
    assert by_row["Evidence"][0] < by_row["Evidence"][1]  # reasoning only against sources
    assert by_row["Counterargument and rebuttal"] == (2, 4)  # stated, unanswered / answered
    no_thesis = essay([(C, "Phones distract pupils.")], [(E, "Scores fell by 6% in 2015.")])
    assert rubric(analysed(no_thesis))[0].level == 1


def test_report_rubric_in_every_format() -> None:
    path = str(ESSAYS / "weak-unsupported-claims.txt")
    (doc,) = json.loads(report(path, "-f", "json")[1])
    assert [r["row"] for r in doc["rubric"]][0] == "Position"
    assert all(set(r) == {"row", "level", "reason"} for r in doc["rubric"])
    assert (
        "Rubric: Evidence" in report(path)[1]
        and "| Rubric: Evidence |" in report(path, "-f", "md")[1]
    )


def test_report_html_is_one_feedback_sheet_per_essay() -> None:
    paths = [
        str(ESSAYS / "weak-unsupported-claims.txt"),
        str(ESSAYS / "persuasive-phones-in-schools.txt"),
    ]
    code, out, err = report(*paths, "-f", "html")
    assert (code, err) == (0, "")
    assert out.startswith("<!DOCTYPE html>") and out.count('<section class="sheet">') == 2
    assert report(*paths, "-f", "html")[1] == out  # same essays, same bytes
    first = out.split('<section class="sheet">')[1]
    for heading in (
        "Your argument at a glance",
        "What works",
        "Three things to work on",
        "Scorecard",
    ):
        assert heading in first
    fixes = first.split("Three things to work on")[1].split("Scorecard")[0]
    assert fixes.count("<li>") == 3 and "<blockquote>" in fixes  # quoted passages
    assert "Name your source" in fixes and "Everyone knows" in fixes
    assert first.count("of 4</td>") == 5
    assert "http" not in out.replace("http-equiv", "")  # no request leaves the page


def test_feedback_sheet_escapes_essay_text() -> None:
    from argmap.writers.feedback import feedback_html, sheet

    e = essay(
        [(T, "Ban phones <script>alert(1)</script> now.")],
        [(C, 'Studies show "<img src=x onerror=alert(2)>" is bad.')],
        relations=[(2, SUP, 1)],
    )
    out = feedback_html([sheet(analysed(e), "essay.txt")])
    assert "<script>alert" not in out and "<img" not in out
    assert "&lt;script&gt;" in out
