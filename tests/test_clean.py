"""Tests for argmap.text.clean: each pass, the offset map, and properties over any text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.readers import read_path
from argmap.text.clean import apply_edits, clean

ESSAYS = Path(__file__).parent.parent / "essays"
BAD = Path(__file__).parent / "data" / "bad"

PARA = "The state took grain from the villages by force in 1929."


def _mojibake_1251(text: str) -> str:
    """Cyrillic saved as cp1251 and read back as cp1250."""
    return text.encode("cp1251").decode("cp1250")


def _check_origin(original: str, cleaned_text: str, origin: tuple[int, ...]) -> None:
    assert len(origin) == len(cleaned_text)
    assert list(origin) == sorted(origin)
    assert all(0 <= o < max(len(original), 1) for o in origin)


# --- the edit helper -----------------------------------------------------------------------


def test_apply_replace_delete_insert() -> None:
    text, origin = apply_edits("abcdef", range(6), [(4, 6, ""), (1, 3, "XYZW"), (3, 3, "+")])
    assert text == "aXYZW+d"
    # "XYZW" spreads over the offsets of "bc"; "+" takes the offset before it.
    assert origin == (0, 1, 1, 2, 2, 2, 3)


def test_apply_keeps_an_existing_map() -> None:
    text, origin = apply_edits("xyz", (10, 20, 30), [(1, 2, "")])
    assert (text, origin) == ("xz", (10, 30))


def test_apply_insert_into_empty_text() -> None:
    assert apply_edits("", (), [(0, 0, "ab")]) == ("ab", (0, 0))


def test_apply_rejects_overlapping_edits() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits("abcdef", range(6), [(0, 3, ""), (2, 4, "")])


# --- 1. encoding repair --------------------------------------------------------------------


def test_utf8_mojibake_is_repaired() -> None:
    c = clean("The caf\u00c3\u00a9 owner said he didn\u00e2\u20ac\u2122t know.")
    assert c.text == "The caf\u00e9 owner said he didn\u2019t know."
    assert c.repairs == ("repaired mojibake (cp1252) in 2 places",)


def test_mojibake_with_c1_controls_is_repaired() -> None:
    # UTF-8 read as Latin-1 leaves C1 control characters behind.
    c = clean("They called them \u00e2\u0080\u009cbread riots\u00e2\u0080\u009d.")
    assert c.text == "They called them \u201cbread riots\u201d."
    assert c.repairs == ("repaired mojibake (latin-1) in 2 places",)


def test_mojibake_repair_keeps_offsets() -> None:
    source = "caf\u00c3\u00a9 au lait"
    c = clean(source)
    assert c.text == "caf\u00e9 au lait"
    assert c.origin[3] == 3  # "é" comes from "Ã"
    assert c.text[5:] == source[c.origin[5] :]


def test_only_encoding_is_fixed() -> None:
    # Curly quotes, HTML entities, ligatures, full-width letters and NFD are left as they are.
    text = "\u201cTea\u201d &amp; \ufb01sh \uff21 cafe\u0301"
    assert clean(text).text == text


def test_cyrillic_mojibake_is_repaired() -> None:
    broken = _mojibake_1251("хлеб")
    assert broken == "őëĺá"
    c = clean(f"The Russian word {broken} means bread.")
    assert c.text == "The Russian word хлеб means bread."
    assert c.repairs == ("repaired Cyrillic mojibake (cp1251 read as cp1250) in 1 place",)


def test_cyrillic_run_spans_short_words_digits_and_punctuation() -> None:
    saying = "«хлеб — всему голова», 1917 г."
    c = clean(f'The saying "{_mojibake_1251(saying)}" is old.')
    assert c.text == f'The saying "{saying}" is old.'


def test_cyrillic_repair_keeps_offsets() -> None:
    source = f"Word: {_mojibake_1251('Коллективизация')}!"
    c = clean(source)
    assert c.text == "Word: Коллективизация!"
    assert c.origin == tuple(range(len(source)))


@pytest.mark.parametrize(
    "text",
    [
        "Łódź is a city in Poland.",
        "Antonín Dvořák wrote the New World Symphony.",
        "Paul Erdős published with hundreds of mathematicians.",
        "Győr, Škoda, Čapek, Kraków and Žižek.",
        "Tőkés László spoke in Temesvár.",
        "In Hungarian, ő and ű are long vowels: őű.",
        "Über die Straße gingen Müller und Schröder.",
    ],
)
def test_latin2_words_are_not_taken_for_cyrillic(text: str) -> None:
    assert clean(text).text == text


# --- 2. boilerplate lines ------------------------------------------------------------------

JUNK = [
    "Skip to content",
    "Skip to main content",
    "Menu",
    "Search",
    "Home",
    "Home | About | Contact",
    "Home • Topics • Shop",
    "Home > History > Russia",
    "Home > History > Economics > The 2007-08 Food Price Crisis",
    "History › Russia › The Famine",
    "Share this: Facebook Twitter Email",
    "Share",
    "Facebook Twitter",
    "Copyright © 2024 HistoryHub Learning Ltd.",
    "© 2024 History Site",
    "Copyright 2019 Foo",
    "All rights reserved",
    "Bookmark this site",
    "Bookmark this page!",
    "No comments yet.",
    "12 comments",
    "Leave a reply",
    "Leave a comment",
    "Privacy Policy | Terms of Use",
    "Terms and conditions",
    "Posted on 14 March 2019 by HistoryHub Editors",
    "Posted by admin on 3 May",
    "Click here to read more",
    "Subscribe to our newsletter",
    "We use cookies.",
    "Accept cookies",
    "Cookie settings",
    "3 of 7",
    "Slide 3 of 7",
    "3/7",
    "Page 2 of 5",
    "Page 2",
    "Read more",
    "Tags: food prices, wheat, rice, biofuels, economics",
    "  Skip   to   content  ",
]


@pytest.mark.parametrize("line", JUNK)
def test_boilerplate_line_is_removed(line: str) -> None:
    c = clean(f"{PARA}\n{line}\n{PARA}")
    assert c.text == f"{PARA}\n{PARA}"
    assert c.repairs == ("removed 1 boilerplate line",)


LONG_JUNK = [
    "Copyright © 2024 HistoryHub Learning Ltd, a company registered in England and Wales.",
    "This website uses cookies to improve your experience, which we hope you do not mind.",
    "All rights reserved: no part of this page may be copied without our written consent.",
]


@pytest.mark.parametrize("line", LONG_JUNK)
def test_copyright_and_cookie_sentences_are_removed(line: str) -> None:
    assert clean(f"{PARA}\n\n{line}").text == PARA


KEEP = [
    "Copyright law in the Soviet Union gave authors very few rights at all.",
    "Posted by rail, the orders reached the villages within a week of being signed.",
    "Click here and there, the peasants said, and nothing in the village will change.",
    "Search parties went from farm to farm looking for hidden grain in 1928.",
    "# Home",
    "## Search",
    "- Menu",
    "• Home • About",
    "* Related articles",
    "1. Share of grain taken",
    "Home -> work --> factory",
    "Share of grain => famine",
    "Q: Search",
    "Question 2: Who was to blame?",
    "| Year | Event | Deaths |",
    "Share prices",
    "Causes and consequences",
    "1928: the grain crisis",
    "Wages > prices",
    "3 of 7 peasants",
]


@pytest.mark.parametrize("line", KEEP)
def test_real_lines_are_kept(line: str) -> None:
    text = f"{PARA}\n\n{line}\n\n{PARA}"
    assert clean(text).text == text


def test_related_header_takes_its_links_with_it() -> None:
    text = (
        f"{PARA}\n\n"
        "Related articles\n"
        "The Irish Famine and the Corn Laws\n"
        "Why Did the Bread Riots of 1917 Topple the Tsar?\n"
        "Ten Facts About Rice\n\n"
        f"{PARA}"
    )
    c = clean(text)
    assert c.text == f"{PARA}\n\n{PARA}"
    assert c.repairs == ("removed 4 boilerplate lines",)


def test_related_links_after_a_blank_line() -> None:
    text = f"{PARA}\n\nYou may also like\n\nHow the Famine Began\nWhy It Ended\n\n{PARA}"
    assert clean(text).text == f"{PARA}\n\n{PARA}"


def test_related_run_stops_at_a_real_paragraph() -> None:
    text = f"{PARA}\n\nRelated posts\nFive Year Plans\n{PARA}\n\nConclusion"
    assert clean(text).text == f"{PARA}\n\n{PARA}\n\nConclusion"


def test_related_run_keeps_bullets() -> None:
    text = f"Related posts\n- Five Year Plans\n- Kulaks\n\n{PARA}"
    assert clean(text).text == f"- Five Year Plans\n- Kulaks\n\n{PARA}"


def test_removing_lines_collapses_blank_lines() -> None:
    text = f"Skip to content\n\nMenu\n\n{PARA}\n\n3 of 7\n\n{PARA}\n\nAll rights reserved\n"
    c = clean(text)
    assert c.text == f"{PARA}\n\n{PARA}"
    assert c.repairs == ("removed 4 boilerplate lines",)


def test_removing_the_last_line_keeps_offsets() -> None:
    text = f"{PARA}\nAll rights reserved"
    c = clean(text)
    assert c.text == PARA
    assert c.origin == tuple(range(len(PARA)))


def test_revision_notes_keep_their_structure() -> None:
    notes = (
        "# The Industrial Revolution\n\n"
        "Q: Why did it begin in Britain?\n\n"
        "1 of 7\n\n"
        "## Natural resources\n\n"
        "• Lots of coal\n"
        "• coal near the surface -> cheap fuel -> steam engines\n\n"
        "2 of 7\n\n"
        "Money and trade\n\n"
        "- enclosure --> labour for factories"
    )
    c = clean(notes)
    assert c.text == notes.replace("1 of 7\n\n", "").replace("2 of 7\n\n", "")
    assert c.repairs == ("removed 2 boilerplate lines",)


# --- 3. broken numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rice rose by 250. 4 per cent.", "Rice rose by 250.4 per cent."),
        ("It cost £3. 50 then.", "It cost £3.50 then."),
        ("A rise of 12. 5%.", "A rise of 12.5%."),
        ("A rise of 1928. 5%.", "A rise of 1928.5%."),
        ("A rise of 1999. 5 per cent.", "A rise of 1999.5 per cent."),
        # Years end sentences: "1928. 3 million" is two sentences, not a decimal.
        ("Famine began in 1928. 3 million died.", "Famine began in 1928. 3 million died."),
        ("It ended in 2019. 40 people left.", "It ended in 2019. 40 people left."),
        # A number that starts its line is a numbered list.
        ("1. 4 reasons\n2. 5 more", "1. 4 reasons\n2. 5 more"),
        # Only one space, digits on both sides, nothing glued on.
        ("Version 2.1. 4 is out.", "Version 2.1. 4 is out."),
        ("Chapter 3. Four men.", "Chapter 3. Four men."),
        ("Score 3. 4th place.", "Score 3. 4th place."),
        ("Number v3. 4 is old.", "Number v3. 4 is old."),
    ],
)
def test_split_decimal(text: str, expected: str) -> None:
    assert clean(text).text == expected


def test_split_decimal_note_and_offsets() -> None:
    c = clean("Rice rose by 250. 4 per cent.")
    assert c.repairs == ("joined broken number 250. 4 -> 250.4",)
    assert c.origin[c.text.index("4")] == "Rice rose by 250. 4 per cent.".index("4")


def test_number_split_over_a_paragraph_break() -> None:
    text = "Wheat prices rose by 23.\n\n6% in a single year, and queues grew."
    c = clean(text)
    assert c.text == "Wheat prices rose by 23.6% in a single year, and queues grew."
    assert c.repairs == ("joined number split over a paragraph break: 23. | 6% -> 23.6%",)
    assert c.origin[c.text.index("6%")] == text.index("6%")


def test_number_split_over_a_paragraph_break_per_cent() -> None:
    c = clean("Output fell by 12. \n \n\n 4 per cent.")
    assert c.text == "Output fell by 12.4 per cent."
    assert c.repairs == (
        "joined number split over a paragraph break: 12. | 4 per cent -> 12.4 per cent",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Output fell by 12.\n\n4 million people starved.",  # no percent: a new paragraph
        "The year was 1932.\n\n1933 was worse.",
        "1.\n\n6% of the grain",  # "1." alone is a list number
    ],
)
def test_paragraph_break_without_percent_is_kept(text: str) -> None:
    assert clean(text).text == text


# --- 4. whitespace -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a  b\t\tc", "a b c"),
        ("a\u00a0b\u202fc\u2009d", "a b c d"),
        ("trailing   \nspaces\t", "trailing\nspaces"),
        ("   indented line", "indented line"),
        ("a\n\n\n\nb", "a\n\nb"),
        ("a\n  \n\t\n \nb", "a\n\nb"),
        ("\n\n  \na\nb\n\n\n", "a\nb"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("a\x00b\x07c", "abc"),
        ("   \n\t\n", ""),
        ("", ""),
    ],
)
def test_whitespace(text: str, expected: str) -> None:
    c = clean(text)
    assert c.text == expected
    _check_origin(text, c.text, c.origin)


def test_whitespace_offsets() -> None:
    text = "  one  two \n\n\n three"
    c = clean(text)
    assert c.text == "one two\n\nthree"
    assert [text[o] for o in c.origin] == list("one two\n\nthree")


def test_clean_empty() -> None:
    c = clean("")
    assert (c.text, c.origin, c.repairs) == ("", (), ())


# --- whole files ---------------------------------------------------------------------------


def test_web_page_copy() -> None:
    raw = read_path(ESSAYS / "webpage-copy-grain-crisis.txt").text
    c = clean(raw)
    assert c.text.startswith("When Bread Became a Luxury: The World Food Price Crisis of 2007-08\n")
    assert c.text.endswith("think carefully before turning food into fuel.")
    for junk in ("Skip to content", "Home |", "Related articles", "Share this", "Copyright"):
        assert junk not in c.text
    assert "3 of 7" not in c.text
    assert "\u201cbread riots\u201d" in c.text
    assert "хлеб — всему голова" in c.text
    assert "rose by 23.6% in a single year" in c.text
    assert "250.4 per cent" in c.text
    _check_origin(raw, c.text, c.origin)
    assert clean(c.text).text == c.text


@pytest.mark.parametrize(
    "name",
    [
        "history-collectivisation.txt",
        "persuasive-phones-in-schools.txt",
        "weak-unsupported-claims.txt",
        "argumentative-four-day-week.md",
    ],
)
def test_clean_essays_are_left_alone(name: str) -> None:
    raw = read_path(ESSAYS / name).text
    c = clean(raw)
    assert c.text == raw.strip()
    assert c.repairs == ()


def test_script_injection_is_kept_verbatim() -> None:
    raw = read_path(BAD / "script-injection.txt").text
    assert clean(raw).text == raw.strip()


# --- properties ----------------------------------------------------------------------------

# Fragments that exercise every pass, mixed with arbitrary text (including any code point).
FRAGMENTS = st.sampled_from(
    [
        "\n",
        "\n\n",
        "\r\n",
        " ",
        "  ",
        "\t",
        "\u00a0",
        "\u2028",
        "\x00",
        "\x85",
        "\x9d",
        "caf\u00c3\u00a9",
        "don\u00e2\u20ac\u2122t",
        "\u00e2\u0080\u009c",
        "őëĺá",
        "÷ĺëîâĺę",
        "Łódź",
        "Erdős",
        "250. 4",
        "1928. 3",
        "23.",
        "6%",
        " per cent",
        "1. ",
        "Skip to content",
        "Home | About | Contact",
        "Home > History > Russia",
        "Related articles",
        "Ten Facts About Rice",
        "Copyright © 2024 Foo.",
        "3 of 7",
        "# Title",
        "- bullet",
        "a -> b",
        "Q: why?",
        PARA,
    ]
)
TEXTS = st.lists(FRAGMENTS | st.text(max_size=12), max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_origin_is_a_valid_map(text: str) -> None:
    c = clean(text)
    _check_origin(text, c.text, c.origin)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_clean_is_idempotent(text: str) -> None:
    once = clean(text).text
    assert clean(once).text == once


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_clean_is_deterministic(text: str) -> None:
    assert clean(text) == clean(text)
