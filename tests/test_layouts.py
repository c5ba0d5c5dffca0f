"""Paragraphs as real essays are typed: blank lines, single line breaks, or text hard-wrapped
mid-sentence all give the same paragraphs, and so the same map."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from argmap.model import ArgumentMap
from argmap.pipeline import parse_essay
from argmap.text.structure import structure

ESSAYS = Path(__file__).resolve().parent.parent / "essays"


def blocks(text: str) -> list[tuple[str, int, str]]:
    """(kind, paragraph, text with line breaks as spaces) of each block."""
    return [
        (b.kind.value, b.paragraph, " ".join(text[b.start : b.end].split()))
        for b in structure(text)
    ]


def shape(m: ArgumentMap) -> tuple[object, ...]:
    """A map with its offsets and line breaks left out: roles and texts, links, findings."""
    index = {c.id: k for k, c in enumerate(m.components)}
    return (
        [(c.kind, " ".join(c.text.split()), c.paragraph, c.evidence_type) for c in m.components],
        [(index[r.source], r.kind, index[r.target], r.signal) for r in m.relations],
        [(f.code, f.component and index[f.component]) for f in m.findings],
        m.title,
    )


def wrap(paragraph: str) -> str:
    return textwrap.fill(paragraph, 72, break_on_hyphens=False, break_long_words=False)


@pytest.mark.parametrize(
    "name",
    [
        "persuasive-phones-in-schools.txt",
        "history-collectivisation.txt",
        "weak-unsupported-claims.txt",
        "argumentative-four-day-week.md",
    ],
)
def test_three_layouts_of_one_essay_give_one_map(name: str) -> None:
    title, *body = [p.strip() for p in (ESSAYS / name).read_text("utf-8").split("\n\n")]
    blank_lines = "\n\n".join([title, *body])
    single_breaks = "\n".join([title, *body])
    hard_wrapped = "\n\n".join([title, *(wrap(p) for p in body)])
    expected = shape(parse_essay(blank_lines))
    assert len({p for _, p, _ in blocks(blank_lines)}) >= 5
    assert shape(parse_essay(single_breaks)) == expected
    assert shape(parse_essay(hard_wrapped)) == expected


def test_a_line_that_ends_a_sentence_ends_its_paragraph() -> None:
    text = "Phones should be banned.\nThey distract pupils.\nSome say they keep children safe."
    assert [p for _, p, _ in blocks(text)] == [0, 1, 2]


def test_a_line_broken_mid_sentence_goes_on() -> None:
    first = (
        "Pupils use phones all day, in lessons, at lunch and on the bus home, and parents worry."
    )
    second = "Phones should be banned in lessons because they distract pupils. e.g. in maths."
    third = "A new point starts here and runs on for a while, longer than the others do."
    broken = second.replace(" because ", " because\n").replace(" in maths", "\nin maths")
    assert blocks(f"{first}\n{broken}\n{third}") == [
        ("paragraph", 0, first),
        ("paragraph", 1, second),
        ("paragraph", 2, third),
    ]


def test_hard_wrapped_text_breaks_where_a_line_had_room_left() -> None:
    first = (
        "Schools across the country have begun to ban phones in lessons, and the early reports"
        " from teachers are positive."
    )
    second = (
        "Critics reply that a phone keeps a child safe on the way home, and that parents want"
        " to reach their children at any moment of the day."
    )
    text = wrap(first) + "\n" + wrap(second)
    assert wrap(first).count("\n") >= 1  # each paragraph really is wrapped
    assert [t for _, _, t in blocks(text)] == [first, second]


def test_a_full_line_that_ends_a_sentence_does_not_end_a_hard_wrapped_paragraph() -> None:
    # The first line is full (the next word would not fit) and happens to end a sentence.
    text = (
        "The ban began in September and it was welcomed by most of the teachers.\n"
        "Parents were less sure about it at first, but the results since then\n"
        "have changed their minds about phones in school."
    )
    assert len(blocks(text)) == 1


def test_an_indented_line_starts_a_paragraph_in_hard_wrapped_text() -> None:
    text = (
        "The ban began in September and it was welcomed by most of the teachers\n"
        "and by many parents, who had seen how their children slept after a day\n"
        "without a phone in their pocket or a screen in front of their eyes.\n"
        "    Critics still say that a phone keeps a child safe on the way home,\n"
        "and that no school should come between a parent and a child."
    )
    assert [p for _, p, _ in blocks(text)] == [0, 1]


def test_headings_bullets_and_arrows_are_as_before() -> None:
    text = "Causes\n\n- bad harvests --> high prices\n- war\n\nSo prices rose.\nRiots followed."
    assert blocks(text) == [
        ("title", 0, "Causes"),
        ("bullet", 1, "bad harvests --> high prices"),
        ("bullet", 1, "war"),
        ("paragraph", 2, "So prices rose."),
        ("paragraph", 3, "Riots followed."),
    ]


def test_a_long_headline_in_title_case_is_a_heading_not_a_paragraph() -> None:
    # a web page: the site's menu is the first line, the article's headline comes after it
    text = (
        "GreenPlot | Home Garden Wildlife Shop\n\n"
        "Put Down the Mower: Why Half Your Lawn Should Grow Wild This Summer\n\n"
        "Every spring the same sound drifts across the suburbs. We mow too often.\n\n"
        "Letting the grass grow long all the way to the back fence helps the bees\n\n"
        "That is all."
    )
    assert [k for k, _, _ in blocks(text)] == [
        "title",
        "heading",
        "paragraph",
        "paragraph",
        "paragraph",
    ]


def test_a_short_label_with_a_colon_is_a_heading_and_a_lead_in_sentence_is_not() -> None:
    # ArgRewrite #57 opens with "OP-ED:" on a line of its own; the gold leaves it out
    text = "OP-ED:\n\nCars drive themselves now.\n\nKey dates:\n\nIn 2018 a car crashed."
    assert [k for k, _, _ in blocks(text)] == ["title", "paragraph", "heading", "paragraph"]
    lead_in = "Phones distract.\n\nMy reasons are these three:\n\n- noise\n- cheating"
    assert [k for k, _, _ in blocks(lead_in)] == ["paragraph", "paragraph", "bullet", "bullet"]


# A wall of text: an essay of WALL_WORDS words or more typed with no line break at all.
FILLER = "Phones in class pull attention away from the lesson for a long while. " * 25


def test_a_wall_of_text_breaks_into_paragraphs_at_its_signposts() -> None:
    wall = (
        f"Schools should ban phones. {FILLER}First, they distract pupils. {FILLER}"
        f'Another reason is bullying. "Stop." First-time offenders {FILLER}'
        "In conclusion, phones should stay at home."
    )
    got = [(p, text.split()[0]) for _, p, text in blocks(wall)]
    assert got == [(0, "Schools"), (1, "First,"), (2, "Another"), (3, "In")]
    # the paragraphs cover the essay, in order, and the essay's text is untouched
    spans = [(b.start, b.end) for b in structure(wall)]
    assert spans[0][0] == 0 and spans[-1][1] == len(wall)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_a_short_block_or_a_typed_layout_is_not_a_wall() -> None:
    short = "Schools should ban phones. First, they distract pupils. In conclusion, ban them."
    assert len(blocks(short)) == 1
    typed = f"Schools should ban phones. {FILLER}\nFirst, they distract. {FILLER}In short, no."
    assert [p for _, p, _ in blocks(typed)] == [0, 1]  # as typed: no signpost breaks
    titled = f"Phones\n\nSchools should ban phones. {FILLER}First, they distract pupils."
    assert [(k, p) for k, p, _ in blocks(titled)] == [
        ("title", 0),
        ("paragraph", 1),
        ("paragraph", 2),
    ]
