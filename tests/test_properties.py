"""Property tests: any text in -> a valid map out, offsets consistent, JSON round-trips."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.model import ArgumentMap
from argmap.pipeline import parse_essay
from argmap.validate import validate

WORDS = st.sampled_from(
    "the grain crisis because prices rose however some argue that I believe 23.6% in 1930 "
    "therefore --> - # \n \n\n . , ; : \u201c \u201d \" ' Stalin said which led to although "
    "<script> & é ж 😀 Firstly for example".split(" ")
)
ESSAYISH = st.lists(WORDS, max_size=60).map(" ".join)
ANY_TEXT = st.text(max_size=300)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(ESSAYISH, ANY_TEXT))
def test_any_text_gives_a_valid_map(text: str) -> None:
    m = parse_essay(text)
    data = m.to_dict()
    assert validate(data) == []
    for c in m.components:
        assert m.text[c.start : c.end] == c.text and c.text.strip() == c.text
    assert sum(c.kind.value == "thesis" for c in m.components) <= 1
    again = ArgumentMap.from_json(m.to_json())
    assert again == m and again.to_json() == m.to_json()
