"""The `segment` stage: split blocks into sentences with spaCy, then into clauses where a sentence
joins a cause and an effect or a concession and a claim, and record each unit's linguistic features.

The only module besides `nlp` that touches spaCy: everything it learns leaves as plain `Unit`s.

>>> from argmap.structure import structure
>>> text = "Prices rose sharply, which led to riots in the cities."
>>> [(text[u.start:u.end], u.cue) for u in segment(text, structure(text))]
[('Prices rose sharply', None), ('which led to riots in the cities.', 'which led to')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from argmap import cues
from argmap.model import Block, BlockKind, Unit
from argmap.structure import ARROW_RE

__all__ = ["segment"]

# spaCy needs about 1 GB of memory per 100,000 characters for the parser; long blocks are cut.
_CHUNK = 20_000
_MIN_WORDS = 3
# Subordinators that are only a cue when they introduce a clause ("since 1928" is a date).
_MARK_ONLY = frozenset({"since", "while", "whilst", "as", "so", "though", "yet", "still"})
# Adverbial cues that may stand inside a sentence between commas ("This, however, ignores ...").
_INNER = frozenset({"however", "therefore", "thus", "consequently", "nevertheless", "hence"})
_REPORTING = frozenset(
    "say said says state stated states argue argued argues claim claimed claims report reported "
    "reports find found finds show showed shown shows suggest suggested suggests estimate "
    "estimated estimates write wrote writes note noted notes explain explained conclude concluded "
    "warn warned according recorded records observed observes told".split()
)
_SOURCE_WORDS = frozenset(
    "study studies survey surveys report reports research researchers data statistics census "
    "journal university institute archive archives records figures poll polls experiment trial "
    "trials analysis review professor dr historian historians economist scientists ministry "
    "department commission committee government".split()
)
_VAGUE = (
    "studies show",
    "research shows",
    "experts say",
    "scientists say",
    "a lot of",
    "lots of",
    "many people",
    "some people",
    "everyone knows",
    "everybody knows",
    "it is a fact",
    "it is well known",
    "most people",
    "obviously",
    "clearly",
)
# Words that grant a point before turning against it ("Of course X may ..., but ...").
_HEDGES = frozenset(
    "may might could can admittedly certainly indeed true course yes granted perhaps sure "
    "although though".split()
)
_FIRST_PERSON = frozenset({"i", "my", "me", "we", "our", "us", "myself", "ourselves"})
_MODALS = frozenset({"should", "must", "ought", "need", "needs", "cannot", "can't", "shouldn't"})
_QUOTE = re.compile(r"[\"\u201c\u2018'][^\"\u201c\u201d\u2018\u2019]{12,}[\"\u201d\u2019']")
_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})s?\b")
_PERCENT = re.compile(r"%|\bper ?cent\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Piece:
    """A stretch of one block to parse; `cue` is the arrow that opened it, if any."""

    start: int
    end: int
    block: Block
    cue: str | None


def segment(text: str, blocks: Sequence[Block]) -> tuple[Unit, ...]:
    """Return the argumentative units of `text`, in order, with offsets into `text`."""
    from argmap.nlp import load

    pieces = list(_pieces(text, blocks))
    nlp = load()
    docs = nlp.pipe(text[p.start : p.end] for p in pieces)
    units: list[Unit] = []
    sentence = 0
    for piece, doc in zip(pieces, docs, strict=True):
        for sent in doc.sents:
            if not any(t.is_alpha or t.like_num for t in sent):
                continue
            for k, (lo, hi, cue, cue_type) in enumerate(_clauses(sent)):
                if k == 0 and piece.cue and cue is None and sent.start == 0:
                    cue, cue_type = piece.cue, "causal_forward"
                units.append(
                    Unit(
                        start=piece.start + doc[lo].idx,
                        end=piece.start + _end_char(doc[lo:hi]),
                        paragraph=piece.block.paragraph,
                        block=piece.block.kind,
                        sentence=sentence,
                        cue=cue,
                        cue_type=cue_type,
                        features=_features(doc[lo:hi], k > 0),
                    )
                )
            sentence += 1
    return tuple(_mark_positions(units))


def _pieces(text: str, blocks: Sequence[Block]) -> Iterator[_Piece]:
    """Cut each paragraph or bullet at arrows and, when very long, at line or sentence ends."""
    for block in blocks:
        if block.kind in (BlockKind.TITLE, BlockKind.HEADING):
            continue
        start, arrow = block.start, None
        for m in ARROW_RE.finditer(text, block.start, block.end):
            if text[start : m.start()].strip():
                yield from _chunks(text, start, m.start(), block, arrow)
            start, arrow = m.end(), m.group(1)
        if text[start : block.end].strip():
            yield from _chunks(text, start, block.end, block, arrow)


def _chunks(text: str, start: int, end: int, block: Block, cue: str | None) -> Iterator[_Piece]:
    while end - start > _CHUNK:
        cut = max(text.rfind("\n", start, start + _CHUNK), text.rfind(". ", start, start + _CHUNK))
        cut = cut + 1 if cut > start else start + _CHUNK
        yield _Piece(start, cut, block, cue)
        start, cue = cut, None
    yield _Piece(start, end, block, cue)


def _clauses(sent: Span) -> list[tuple[int, int, str | None, str | None]]:
    """Split a sentence into (start token, end token, cue, cue class) clauses."""
    doc = sent.doc
    lead = _lead_cue(sent)
    out: list[tuple[int, int, str | None, str | None]] = []
    start = sent.start
    cue, cue_type = lead if lead else (None, None)
    # "Although X, Y." / "Because X, Y." / "Despite X, Y.": the opening clause is its own unit.
    if lead and lead[1] in ("concession", "causal_backward"):
        first = _first_word(sent)
        cut = _subordinate_end(first, sent)
        if cut is not None and _words(doc[cut : sent.end]) >= _MIN_WORDS:
            out.append((start, cut, cue, cue_type))
            start, cue, cue_type = _skip_punct(cut, sent.end, sent), None, "main"
    i = start + 1
    while i < sent.end:
        hit = _split_cue(i, sent)
        if hit and _words(doc[start:i]) >= _MIN_WORDS and _words(doc[i : sent.end]) >= _MIN_WORDS:
            phrase, cls = hit
            out.append((start, i, cue, cue_type))
            start, cue, cue_type = i, phrase, cls
            i += len(phrase.split())
            continue
        i += 1
    out.append((start, sent.end, cue, cue_type))
    return [c for c in out if _words(doc[c[0] : c[1]]) > 0]


def _lead_cue(sent: Span) -> tuple[str, str] | None:
    first = _first_word(sent)
    words = [t.lower_ for t in sent.doc[first.i : sent.end]]
    hit = cues.match(words, cues.LEAD)
    if hit and not (hit[0] in _MARK_ONLY and first.dep_ not in ("mark", "advmod", "cc")):
        return hit
    # An adverbial cue inside the sentence: "This, however, ignores ...", "It therefore fell".
    for k, t in enumerate(sent[1:12]):
        if t.lower_ in _INNER and (k < 4 or t.doc[t.i - 1].text in (",", ";")):
            hit = cues.match([t.lower_], cues.LEAD)
            if hit:
                return hit
    return None


def _first_word(sent: Span) -> Token:
    for t in sent:
        if not (t.is_punct or t.is_space):
            return t
    return sent[0]


def _subordinate_end(cue: Token, sent: Span) -> int | None:
    """Token index just after the opening subordinate clause or phrase, if the parse shows one."""
    head = cue.head if cue.dep_ == "mark" else cue  # "Although [X ...]" / "[Despite X]"
    end = head.right_edge.i + 1
    if sent.start < end < sent.end - 1 and sent.doc[end].text in (",", ";", "\u2014"):
        return end
    return next((t.i for t in sent if t.text == "," and t.i > cue.i), None)


def _skip_punct(i: int, end: int, sent: Span) -> int:
    while i < end and (sent.doc[i].is_punct or sent.doc[i].is_space):
        i += 1
    return i


def _split_cue(i: int, sent: Span) -> tuple[str, str] | None:
    d = sent.doc
    words = [t.lower_ for t in d[i : min(i + 5, sent.end)]]
    hit = cues.match(words, cues.SPLIT)
    if not hit:
        return None
    tok, prev = d[i], d[i - 1]
    after_comma = prev.text in (",", ";", ":", "\u2014", "-")
    phrase = hit[0]
    if phrase.startswith(("which", "leading", "resulting", "causing", "and ")):
        return hit if after_comma or phrase.startswith(("which", "and ")) else None
    if phrase in ("so", "so that"):  # "..., so prices rose", not "so many" or "so the"
        nxt = d[i + 1] if i + 1 < sent.end else tok
        joins = after_comma or tok.dep_ in ("mark", "cc")
        return hit if joins and nxt.pos_ not in ("ADJ", "ADV", "DET") else None
    if phrase in ("because", "although", "even though", "whereas", "but", "yet"):
        return hit if tok.dep_ in ("mark", "cc") or after_comma else None
    if phrase in _MARK_ONLY:
        return hit if tok.dep_ == "mark" else None
    if phrase in ("due to", "owing to", "as a result of"):
        return hit
    # Sentence adverbs (however, therefore, thus, hence, consequently, as a result) need a break.
    return (
        hit if prev.text in (";", "\u2014") or (after_comma and _followed_by_clause(d, i)) else None
    )


def _followed_by_clause(doc: Doc, i: int) -> bool:
    nxt = doc[i + 1] if i + 1 < len(doc) else doc[i]
    return nxt.text == "," or nxt.pos_ in ("PRON", "DET", "NOUN", "PROPN", "NUM")


def _words(span: Span) -> int:
    return sum(1 for t in span if t.is_alpha or t.like_num)


def _end_char(span: Span) -> int:
    """End offset (in the doc) of `span` without trailing spaces, commas or semicolons."""
    toks = list(span)
    while len(toks) > 1 and (toks[-1].is_space or toks[-1].text in (",", ";", ":", "\u2014", "-")):
        toks.pop()
    last = toks[-1]
    return last.idx + len(last.text)


def _features(span: Span, inner: bool) -> frozenset[str]:
    text = span.text
    low = text.lower()
    words = {t.lower_ for t in span}
    ents = {e.label_ for e in span.ents}
    f: set[str] = set()
    if any(_is_quantity(t) for t in span):
        f.add("number")
    if _PERCENT.search(text) or "PERCENT" in ents:
        f.add("percent")
    if ents & {"DATE", "EVENT"} or _YEAR.search(text):
        f.add("date")
    if "PERSON" in ents:
        f.add("person")
    if ents & {"ORG", "NORP"}:
        f.add("org")
    if ents & {"GPE", "LOC"}:
        f.add("place")
    if _QUOTE.search(text):
        f.add("quote")
    if words & _REPORTING:
        f.add("reporting")
    if words & _SOURCE_WORDS:
        f.add("source")
    if words & _MODALS or any(t.tag_ == "MD" and t.lower_ in ("should", "must") for t in span):
        f.add("modal")
    if "reporting" in f and words & {"they", "these", "opponents", "critics"}:
        f.add("reported-view")  # "... and they claim that ...": someone else's view continues
    if words & _HEDGES:
        f.add("hedge")
    if words & _FIRST_PERSON:
        f.add("first-person")
    if any(v in low for v in _VAGUE):
        f.add("vague")
    if "for example" in low or "for instance" in low or "such as" in low or "e.g." in low:
        f.add("example")
    if text.rstrip().endswith("?"):
        f.add("question")
    if not any(t.pos_ in ("VERB", "AUX") for t in span):
        f.add("fragment")
    if inner:
        f.add("clause")
    return frozenset(f)


def _is_quantity(t: Token) -> bool:
    """A count or measure ("13,000", "5.5", "seven million"), not a year, date or ordinal."""
    if t.ent_type_ in ("DATE", "TIME", "ORDINAL") or _YEAR.fullmatch(t.text):
        return False
    if t.lower_ == "one":  # "one country", "one of them": a word, not a figure
        return False
    return any(ch.isdigit() for ch in t.text) or (t.like_num and t.pos_ == "NUM")


def _mark_positions(units: list[Unit]) -> Iterator[Unit]:
    for k, u in enumerate(units):
        first = k == 0 or units[k - 1].paragraph != u.paragraph
        last = k == len(units) - 1 or units[k + 1].paragraph != u.paragraph
        yield replace(u, first_in_paragraph=first, last_in_paragraph=last)
