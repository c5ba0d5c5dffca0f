"""The `segment` stage: split blocks into sentences with spaCy, then into clauses where a sentence
joins a cause and an effect, a claim and its reason, condition or concession, or two points, and
record each unit's linguistic features. Clause boundaries follow the dependency parse (a
subordinator must mark a clause with its own subject; a sentence adverb must open its clause).

The only module besides `nlp` that touches spaCy: everything it learns leaves as plain `Unit`s.

>>> from argmap.text.structure import structure
>>> text = "Prices rose sharply, which led to riots in the cities."
>>> [(text[u.start:u.end], u.cue) for u in segment(text, structure(text))]
[('Prices rose sharply', None), ('which led to riots in the cities.', 'which led to')]
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from spacy.language import Language
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from argmap.model import Block, BlockKind, Cause, CueType, Feature, Unit
from argmap.text import cues
from argmap.text.lexicon import QUOTED_RE, REPORTING_VERBS
from argmap.text.structure import arrows
from argmap.text.words import concept_word

__all__ = ["segment", "parse_texts"]

# spaCy needs about 1 GB of memory per 100,000 characters for the parser; long blocks are cut.
_CHUNK = 20_000
_BATCH = 20_000  # the most characters parsed at once (see `_batches`)
_MIN_WORDS = 3
# Subordinators that are only a cue when they introduce a clause ("since 1928" is a date).
_QUOTE_TOKENS = 120  # the longest quotation kept as one unit (a few sentences)
_MARK_ONLY = frozenset({"since", "while", "whilst", "as", "so", "though", "yet", "still"})
# Subordinators of a concession that may follow a connective at a sentence's start, and how far
# in (tokens) they may stand: "However, although X, Y", "With this said, while X, Y".
_CONCEDING = frozenset({"although", "though", "while", "whilst"})
_LATE = 6
# Adverbial cues that may stand inside a sentence between commas ("This, however, ignores ...").
_INNER = frozenset({"however", "therefore", "thus", "consequently", "nevertheless", "hence"})
_SOURCE_WORDS = frozenset(
    "study studies survey surveys report reports research researchers data statistics census "
    "journal university institute archive archives records figures poll polls experiment trial "
    "trials analysis review professor dr historian historians economist scientists ministry "
    "department commission committee government".split()
)
# Verbs of a comment clause ("as Smith argued", "as we have seen"), which gives no reason.
_COMMENT_VERBS = REPORTING_VERBS | frozenset(
    "believe believed believes think thought predict predicted expect expected fear feared "
    "hope hoped see seen saw know known mention mentioned agree agreed".split()
)
# Verbs of a gradual change or a process under way: "as" opening a clause with one tells when
# ("can be minimized as we collect data", "the debate will continue as new methods are
# developed"), not why.
_CHANGE_VERBS = frozenset(
    "become becomes became becoming grow grows grew grown growing rise rises rose risen rising "
    "fall falls fell fallen falling increase increases increased increasing decrease decreases "
    "decreased decreasing develop develops developed developing improve improves improved "
    "improving progress progresses progressed progressing advance advances advanced advancing "
    "age ages aged ageing aging evolve evolves evolved evolving mature matures matured maturing "
    "collect collects collected collecting gather gathers gathered gathering learn learns "
    "learned learnt learning reach reaches reached reaching pass passes passed passing continue "
    "continues continued continuing spread spreads spreading expand expands expanded expanding "
    "change changes changed changing get gets got gotten getting approach approaches approached "
    "approaching".split()
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
# A concession that grants nothing specific ("While both sides make valid points, Y") leaves the
# sentence whole (annotation guide, 3.2).
_BOTH_SIDES = (
    "both sides",
    "each side",
    "either side",
    "both arguments",
    "both views",
    "both positions",
    "both parties",
    "the two sides",
)
# Verbs heading a clause of their own, not a relative clause or a participle phrase.
_CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp"})
# Connectives that make "and" join a further point rather than a list ("and must therefore ...").
_CONNECTIVES = frozenset(
    "also furthermore moreover therefore thus hence consequently besides additionally".split()
)
# Abbreviations spaCy's parser may take for a sentence end ("incl.", "approx.").
_ABBREVIATIONS = frozenset(
    "incl excl approx appr esp ca cf vs etc viz resp fig figs no nos vol vols pp est".split()
    + "p par pars para paras ch chap sec sect".split()  # citations: ("Cars", par. 18, 22)
)
# Words a clause cannot end on: they need what follows ("evidence that", "because of", "the").
_NEEDS_WHAT_FOLLOWS = frozenset({"SCONJ", "ADP", "DET", "CCONJ"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
# Subjects that open a main clause a student ran on from an opening subordinate clause.
_RUN_ON_SUBJECTS = frozenset("i we you he she it they this these".split())
_FINITE = frozenset({"MD", "VBD", "VBZ", "VBP"})  # tags of a verb with a tense of its own
_SUBJECT_POS = frozenset({"DET", "PRON", "NOUN", "PROPN", "ADJ", "NUM", "ADV"})
_OBJECT_PRONOUNS = frozenset({"me", "him", "her", "us", "them", "whom"})
_FIRST_PERSON = frozenset({"i", "my", "me", "we", "our", "us", "myself", "ourselves"})
_MODALS = frozenset({"should", "must", "ought", "need", "needs", "cannot", "can't", "shouldn't"})
# Causal patterns and connective confidences (see the file's "_doc").
_CAUSAL = cues.CAUSAL
_ANAPHORIC: dict[str, frozenset[str]] = {
    k: frozenset(v) for k, v in _CAUSAL["anaphoric"].items() if isinstance(v, list)
}
_CONNECTIVES_CAUSAL: dict[str, Any] = _CAUSAL["connectives"]
_PATTERNS: dict[str, dict[str, Any]] = {p["name"]: p for p in _CAUSAL["patterns"]}
_ARROWS = frozenset({"->", "-->", "=>", "\u2192"})
# Entity types that name a concept (people, places, bodies, events), not an amount or a date.
_CONCEPT_ENTS = frozenset(
    "PERSON ORG GPE NORP LOC EVENT FAC PRODUCT LAW WORK_OF_ART LANGUAGE".split()
)
# Nouns too general to follow an argument by.
_GENERIC = frozenset(
    "essay way ways thing things lot lots part number example fact time times year years reason "
    "reasons point points result results view argument case kind sort one others other "
    "people person someone everyone anything something nothing everything".split()
)
# A clause boundary: (start token, end token, cue, cue class, causal tie).
_Clause = tuple[int, int, str | None, CueType | None, Cause | None]
_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})s?\b")
_PERCENT = re.compile(r"%|\bper ?cent\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Piece:
    """A stretch of one block to parse; `cue` is the arrow that opened it, if any."""

    start: int
    end: int
    block: Block
    cue: str | None


def segment(text: str, blocks: Sequence[Block], nlp: Language | None = None) -> tuple[Unit, ...]:
    """Return the argumentative units of `text`, in order, with offsets into `text`; `nlp` is
    the spaCy pipeline to parse with (the English one of `argmap.nlp.english.load` by default;
    anything with its `pipe` and `vocab`)."""
    return parse_units(text, blocks, nlp)[0]


def parse_units(
    text: str, blocks: Sequence[Block], nlp: Language | None = None
) -> tuple[tuple[Unit, ...], tuple[tuple[int, Span], ...]]:
    """`segment`'s units and the parsed sentences they come from (`Unit.sentence` indexes them),
    each with the offset in `text` of its tokens' `idx` 0, for a later stage that reads the
    parse (a learned causal model)."""
    from argmap.nlp.english import load

    pieces = list(_pieces(text, blocks))
    nlp = nlp if nlp is not None else load()
    matcher = _matcher(nlp.vocab)
    docs = (
        doc for batch in _batches(text, pieces) for doc in nlp.pipe(batch, batch_size=len(batch))
    )
    units: list[Unit] = []
    sentences: list[tuple[int, Span]] = []
    sentence = 0
    for piece, doc in zip(pieces, docs, strict=True):
        found = _causal_matches(doc, matcher)
        concepts = _concept_spans(doc)
        quotes = _quotations(doc)
        opening = [lo for lo, _ in quotes]
        for sent in _sentences(doc, quotes):
            if not any(t.is_alpha or t.like_num for t in sent):
                continue
            # the quotations that overlap the sentence (none is longer than _QUOTE_TOKENS)
            first = bisect.bisect_left(opening, sent.start - _QUOTE_TOKENS)
            last = bisect.bisect_left(opening, sent.end)
            within = [q for q in quotes[first:last] if q[1] > sent.start]
            clauses = _split_causal(sent, _whole_quotations(_clauses(sent), within), found, within)
            for k, (lo, hi, cue, cue_type, cause) in enumerate(clauses):
                if k == 0 and piece.cue and cue is None and sent.start == 0:
                    cue, cue_type = piece.cue, CueType.CAUSAL_FORWARD
                if cause is None:
                    cause = _connective_cause(sent, clauses, k, cue, cue_type)
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
                        cause=cause,
                        concepts=tuple(sorted({c for i, c in concepts if lo <= i < hi})),
                        vector=_vector(doc[lo:hi]),
                    )
                )
            sentences.append((piece.start, sent))
            sentence += 1
    return tuple(_mark_positions(units)), tuple(sentences)


def parse_texts(text: str, blocks: Sequence[Block]) -> list[str]:
    """The stretches of `text` that `segment` hands to spaCy, in order (for a caller that
    parses them elsewhere, such as a benchmark feeding `segment` a pipeline of its own)."""
    return [_parse_text(text, p) for p in _pieces(text, blocks)]


def _parse_text(text: str, piece: _Piece) -> str:
    """The text spaCy parses for `piece`: a line break inside a paragraph (text hard-wrapped
    mid-sentence) is a space to the parser, as to a reader; offsets stay the same."""
    return text[piece.start : piece.end].replace("\n", " ")


def _pieces(text: str, blocks: Sequence[Block]) -> Iterator[_Piece]:
    """Cut each paragraph or bullet at arrows and, when very long, at line or sentence ends."""
    for block in blocks:
        if block.kind in (BlockKind.TITLE, BlockKind.HEADING):
            continue
        start, arrow = block.start, None
        for left, right, found in arrows(text, block.start, block.end):
            if text[start:left].strip():
                yield from _chunks(text, start, left, block, arrow)
            start, arrow = right, found
        if text[start : block.end].strip():
            yield from _chunks(text, start, block.end, block, arrow)


def _batches(text: str, pieces: Sequence[_Piece]) -> Iterator[list[str]]:
    """The pieces' texts in batches of at most `_BATCH` characters (or one piece): the parser's
    memory grows with the text it holds at once, so a batch of 256 long paragraphs (spaCy's
    default) took 560 MB for 20,000 words in one paragraph; this takes 240 MB at the same
    speed."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        length = piece.end - piece.start
        if batch and size + length > _BATCH:
            yield batch
            batch, size = [], 0
        batch.append(_parse_text(text, piece))
        size += length
    if batch:
        yield batch


def _chunks(text: str, start: int, end: int, block: Block, cue: str | None) -> Iterator[_Piece]:
    while end - start > _CHUNK:
        cut = max(text.rfind("\n", start, start + _CHUNK), text.rfind(". ", start, start + _CHUNK))
        cut = cut + 1 if cut > start else start + _CHUNK
        yield _Piece(start, cut, block, cue)
        start, cue = cut, None
    yield _Piece(start, end, block, cue)


def _sentences(doc: Doc, quotations: list[tuple[int, int]]) -> Iterator[Span]:
    """spaCy's sentences, rejoined where one was cut after an abbreviation ("incl. the slave
    trade", "approx. 3 times": the period is the abbreviation's and the next word is not a
    sentence start) or inside a quotation ('He said, "Phones distract. They harm." ' is one
    sentence: a quotation of several sentences stays one unit, with its attribution). Linear:
    one pass over the sentences and the quotations (`_quotations`)."""
    start = close = 0
    quotes = iter(quotations)
    pending = next(quotes, None)
    for sent in doc.sents:
        nxt = sent.end
        if nxt <= start:  # a closing quotation mark already taken by the sentence before
            continue
        while pending is not None and pending[0] < nxt:  # quotations opened so far
            close = max(close, pending[1])
            pending = next(quotes, None)
        if nxt < len(doc) and _ends_in_abbreviation(sent) and not doc[nxt].text[:1].isupper():
            continue
        if nxt < len(doc) and _unfinished(sent) and doc[nxt].is_lower:
            continue
        if close == nxt + 1:  # the parser put the closing mark in the next sentence
            nxt = close
        elif close > nxt:
            continue
        yield doc[start:nxt]
        start = nxt
    if start < len(doc):
        yield doc[start:]


def _quotations(doc: Doc) -> list[tuple[int, int]]:
    """The (opening mark, just after the closing mark) token spans of the quotations, in text
    order: straight double quotes pair up in order, curly ones by their shape. An opening mark
    that is never closed opens nothing, nor does a pair more than `_QUOTE_TOKENS` apart."""
    spans: list[tuple[int, int]] = []
    straight: int | None = None
    curly: int | None = None
    for t in doc:
        if t.text == '"':
            if straight is None:
                straight = t.i
            else:
                spans.append((straight, t.i + 1))
                straight = None
        elif t.text == "\u201c":
            curly = t.i
        elif t.text == "\u201d" and curly is not None:
            spans.append((curly, t.i + 1))
            curly = None
    return sorted((lo, hi) for lo, hi in spans if hi - lo <= _QUOTE_TOKENS)


def _inside(i: int, quotations: Sequence[tuple[int, int]]) -> bool:
    """True when token `i` stands inside one of the quotations (after its opening mark)."""
    return any(lo < i < hi for lo, hi in quotations)


def _whole_quotations(
    clauses: list[tuple[int, int, str | None, CueType | None]],
    quotations: Sequence[tuple[int, int]],
) -> list[tuple[int, int, str | None, CueType | None]]:
    """`clauses`, each joined to the one before when it starts inside a quotation: a piece of
    a quotation is no unit of its own (guide 1: the quotation, with its attribution, is one).
    A quotation that opens with a concession ('"While X, Y," she said') grants nothing of the
    writer's: the joined unit keeps no concession cue."""
    out: list[tuple[int, int, str | None, CueType | None]] = []
    for clause in clauses:
        if out and _inside(clause[0], quotations):
            lo, _, cue, cls = out[-1]
            if cls is CueType.CONCESSION:
                cue, cls = None, None
            out[-1] = (lo, clause[1], cue, cls)
        else:
            out.append(clause)
    return out


def _unfinished(sent: Span) -> bool:
    """True when `sent` ends on a word or a comma, not a sentence's end: the parser cut "In
    April my parents | and I were in Florida" in two."""
    last = next((t for t in reversed(sent) if not t.is_space), None)
    return last is not None and (last.is_alpha or last.text == ",")


def _ends_in_abbreviation(sent: Span) -> bool:
    toks = [t for t in sent if not t.is_space]
    if len(toks) < 2:
        return False
    last, prev = toks[-1], toks[-2]
    if last.text == "." and not prev.whitespace_:
        return prev.lower_ in _ABBREVIATIONS
    return last.lower_.endswith(".") and last.lower_[:-1] in _ABBREVIATIONS


def _clauses(sent: Span) -> list[tuple[int, int, str | None, CueType | None]]:
    """Split a sentence into (start token, end token, cue, cue class) clauses."""
    doc = sent.doc
    opening = _opening_cue(sent)
    lead = opening or _inner_cue(sent)
    out: list[tuple[int, int, str | None, CueType | None]] = []
    start = sent.start
    cue, cue_type = lead if lead else (None, None)
    # "Although X, Y." / "Because X, Y.": the opening clause is its own unit (not a phrase:
    # "Despite X, Y." is one; nor "This is because X, Y", whose cue is not its opening word).
    if opening and opening[1] in (CueType.CONCESSION, CueType.CAUSAL_BACKWARD):
        first = _first_word(sent)
        cut = _subordinate_end(first, sent)
        if cut is not None and opening[1] is CueType.CONCESSION and _grants_nothing(doc[start:cut]):
            cut, lead, cue, cue_type = None, None, None, None  # one unit, granting no point
        if cut is not None and _opening_clause(sent, cut):
            out.append((start, cut, cue, cue_type))
            start, cue, cue_type = _skip_punct(cut, sent.end, sent), None, CueType.MAIN
    # So is a concession after a connective: "However, although X, Y", "But while X, Y".
    elif (late := _late_concession(sent)) is not None:
        cut = _subordinate_end(doc[late[2]], sent)
        if cut is not None and not _grants_nothing(doc[start:cut]) and _opening_clause(sent, cut):
            out.append((start, cut, late[0], late[1]))
            start, cue, cue_type = _skip_punct(cut, sent.end, sent), None, CueType.MAIN
    i = start + 1
    while i < sent.end:
        # "..., especially because X": the adverb belongs to the clause it focuses.
        at = i - 1 if i - 1 > start and _focuses(doc[i - 1], doc[i]) else i
        hit = _split_cue(i, at, sent)
        if hit and at - 1 > start and doc[at - 1].pos_ == "CCONJ":
            at -= 1  # "X, and | because Y": the "and" opens the second clause
        if (
            hit
            and _words(doc[start:at]) >= _MIN_WORDS
            and _words(doc[at : sent.end]) >= _MIN_WORDS
            and not _dangles(doc[at - 1])
            and not _dangles_before_comma(doc[start:at])
            and not _verbless(doc[start:at], doc[at : sent.end])
        ):
            phrase, cls = hit
            out.append((start, at, cue, cue_type))
            start, cue, cue_type = at, phrase, cls
            i += len(phrase.split())
            continue
        i += 1
    out.append((start, sent.end, cue, cue_type))
    if lead and opening is None and len(out) > 1 and out[0][2] == lead[0]:
        lo, hi, *_ = out[0]  # the first clause's own cue, found inside it
        first_cue = _inner_cue(sent, hi)
        out[0] = (lo, hi, *(first_cue if first_cue else (None, None)))
    return [c for c in out if _words(doc[c[0] : c[1]]) > 0]


@functools.cache
def _matcher(vocab: Vocab) -> DependencyMatcher:
    """The DependencyMatcher holding every pattern of `data/causal.json`, built once per
    vocabulary."""
    matcher = DependencyMatcher(vocab)
    for name, spec in _PATTERNS.items():
        if spec.get("enabled", True):
            matcher.add(name, [spec["pattern"]])
    return matcher


@dataclass(frozen=True)
class _Match:
    """A causal pattern's hit: the clause cut it asks for and the unit that the cut opens."""

    cut: int  # first token of the second part
    lead: bool  # True when the signal opens the first part ("Without X, Y")
    signal: str
    direction: str  # "forward": the part the signal opens is the effect; "backward": the cause
    spec: dict[str, Any]


def _causal_matches(doc: Doc, matcher: DependencyMatcher) -> list[_Match]:
    """Every causal pattern hit in `doc` that names a place to cut, in token order."""
    out: list[_Match] = []
    for match_id, ids in matcher(doc):
        spec = _PATTERNS[doc.vocab.strings[match_id]]
        toks = {node["RIGHT_ID"]: doc[i] for node, i in zip(spec["pattern"], ids, strict=True)}
        hit = _cut(spec, toks)
        if hit is None:
            continue
        cut, lead, direction = hit
        words = sorted((toks[n] for n in spec["signal"] if n in toks), key=lambda t: t.i)
        if spec["split"] == "participle":  # ", thus creating": the adverb is part of the signal
            words = [t for t in doc[cut : toks["participle"].i + 1] if t.is_alpha]
        signal = " ".join(t.lower_ for t in words)
        out.append(_Match(cut, lead, signal, direction, spec))
    return sorted(out, key=lambda m: (m.cut, m.spec["name"]))


def _cut(spec: dict[str, Any], toks: dict[str, Token]) -> tuple[int, bool, str] | None:
    """Where a pattern cuts its sentence, whether its signal opens the first part, and which
    way the cause runs ("forward": the first part causes the second)."""
    what, direction = spec["split"], spec["direction"]
    tok = toks[what]
    doc = tok.doc
    before = doc[tok.i - 1] if tok.i > 0 else tok
    if what == "subject":  # "..., which led to Y" / "..., and it caused Y"
        if before.lower_ == "and":
            return tok.i - 1, False, direction
        return (tok.i, False, direction) if before.text in (",", ";", "\u2014") else None
    if what == "participle":  # "..., thus creating food shortages"
        lo = tok.left_edge.i
        if lo <= tok.head.i or lo == 0 or doc[lo - 1].text not in (",", ";", "\u2014"):
            return None
        if any(t.dep_ in _SUBJECT_DEPS for t in tok.children):
            return None
        return lo, False, direction
    if tok == _first_word(tok.sent):  # "If X, Y" / "Without X, Y" / "In order to X, Y"
        return toks[spec.get("phrase", what)].right_edge.i + 1, True, direction
    if before.lower_ == "and":  # "..., and without workers the factories ...": a chain
        return tok.i - 1, False, "forward"
    return tok.i, False, direction


def _split_causal(
    sent: Span,
    clauses: list[tuple[int, int, str | None, CueType | None]],
    found: list[_Match],
    quotations: Sequence[tuple[int, int]],
) -> list[_Clause]:
    """Cut clauses where a causal pattern finds a cause and an effect with words on both sides
    (not inside a quotation), and record on the part the signal opens how it ties to the other
    part."""
    out: list[_Clause] = [(lo, hi, cue, cls, None) for lo, hi, cue, cls in clauses]
    minimum = int(_CAUSAL["min_words"])
    doc = sent.doc
    for m in found:
        if not sent.start < m.cut < sent.end or _inside(m.cut, quotations):
            continue
        k = next((j for j, c in enumerate(out) if c[0] < m.cut < c[1]), None)
        if k is None:
            continue
        lo, hi, cue, cls, cause = out[k]
        if cause is not None or m.lead and (cue is not None or lo != _first_word(sent).i):
            continue
        cut = m.cut
        if _words(doc[lo:cut]) < minimum or _words(doc[cut:hi]) < minimum:
            continue
        if not m.lead and (_dangles(doc[cut - 1]) or _verbless(doc[lo:cut], doc[cut:hi])):
            continue
        spec = m.spec
        consequence = doc[cut:hi] if m.lead else doc[lo:cut]
        if spec["sense"] == "condition" and Feature.REPORTING in _features(consequence, False):
            continue  # "... said they would feel anxious if ...": a reported view's condition
        forward = m.direction == "forward"
        cue_type = CueType.CAUSAL_FORWARD if forward else CueType.CAUSAL_BACKWARD
        conf = float(spec["confidence"])
        if m.lead:  # the signal opens the first part: it causes the second, or is its aim
            tie = Cause(
                m.signal, "from-next" if forward else "to-next", conf, spec["name"], spec["sense"]
            )
            out[k : k + 1] = [
                (lo, cut, m.signal, cue_type, tie),
                (_skip_punct(cut, hi, sent), hi, None, CueType.MAIN, None),
            ]
        else:
            tie = Cause(
                m.signal,
                "from-previous" if forward else "to-previous",
                conf,
                spec["name"],
                spec["sense"],
            )
            out[k : k + 1] = [(lo, cut, cue, cls, cause), (cut, hi, m.signal, cue_type, tie)]
    return out


def _connective_cause(
    sent: Span, clauses: Sequence[_Clause], k: int, cue: str | None, cue_type: CueType | None
) -> Cause | None:
    """The causal tie a discourse cue or an arrow states for clause k, if it states one.

    "Therefore"/"thus" opening a sentence draw a conclusion (no tie); "because" gives a cause
    unless the clause it explains is an opinion or a verdict.
    """
    if cue is None or cue_type not in (CueType.CAUSAL_FORWARD, CueType.CAUSAL_BACKWARD):
        return None
    conn = _CONNECTIVES_CAUSAL
    doc = sent.doc
    lo, hi = clauses[k][0], clauses[k][1]
    if cue in _ARROWS:
        return Cause(cue, "from-previous", float(conn["arrow"]), "arrow")
    default = conn["same_sentence"] if k > 0 else conn["across_sentences"]
    conf = float(conn["confidence"].get(cue, default))
    if cue_type == CueType.CAUSAL_FORWARD:
        effect = doc[lo:hi]
        if k == 0:  # "As a result, Y": the previous sentence caused this one
            if cue in conn["inference"] and not (cue in ("so", "and so") and _event(effect)):
                return None
            return Cause(cue, "from-previous", conf, "connective")
        after = doc[lo + len(cue.split())] if lo + len(cue.split()) < hi else doc[lo]
        if cue in conn["inference"] and cue not in ("so", "and so"):
            if after.tag_ != "VBG":  # ", thus creating ..." is a consequence
                return None
        if cue in ("so", "and so") and _judgement(effect):
            return None  # "..., so they are a RESULT more than a cause": an inference
        return Cause(cue, "from-previous", conf, "connective")
    if k == 0 and _points_back(doc[lo:hi]):  # "This is because X": X caused the last sentence
        return Cause(cue, "to-previous", conf, "connective")
    if k == 0:  # "Because X, Y"
        if len(clauses) < 2:
            return None
        effect, link = doc[clauses[1][0] : clauses[1][1]], "to-next"
    else:  # "Y because X"
        effect, link = doc[clauses[k - 1][0] : clauses[k - 1][1]], "to-previous"
    if cue in conn["reason"] and _gives_reason(effect):
        return None
    return Cause(cue, link, conf, "connective")


def _points_back(clause: Span) -> bool:
    """True for a clause opening with a subject that points back ("This is because ...")."""
    return clause[0].lower_ in _ANAPHORIC["subjects"]


def _event(span: Span) -> bool:
    """True for a clause that tells what happened ("So millions of peasants starved."): a verb in
    the past tense, no modal, first person or reported view (those draw a conclusion: "So
    schools should ban them.")."""
    if _voices_a_view(span):
        return False
    return any(t.tag_ in ("VBD", "VBN") and t.dep_ in ("ROOT", "conj") for t in span)


def _voices_a_view(span: Span) -> bool:
    """True when a clause has a modal, the first person or a reporting verb: someone's view."""
    return bool(_features(span, False) & {Feature.MODAL, Feature.FIRST_PERSON, Feature.REPORTING})


def _judgement(span: Span) -> bool:
    """True for a present-tense "is"/"are" clause: a verdict, not an event."""
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX")]
    return (
        bool(verbs)
        and all(t.tag_ in ("VBZ", "VBP") for t in verbs)
        and any(t.lower_ in ("is", "are") for t in verbs)
    )


def _gives_reason(effect: Span) -> bool:
    """True when the clause a "because" explains states a view (an opinion, a verdict such as
    "this is dangerous", what someone argues) rather than a state of affairs."""
    if _voices_a_view(effect):
        return True
    return any(
        t.lower_ in _CONNECTIVES_CAUSAL["evaluative"]
        and not any(c.lower_ == "for" for c in t.children)  # "good for spinning": a function
        for t in effect
    )


def _concept_spans(doc: Doc) -> list[tuple[int, str]]:
    """(token index, key) of each noun chunk and named entity in `doc` that names a concept:
    its nouns, lowercased, singular and in one spelling ("the grain crises" -> "grain crisis")."""
    out: list[tuple[int, str]] = []
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.pos_ not in ("NOUN", "PROPN") or not root.is_alpha:
            continue
        nouns = [
            t
            for t in chunk
            if t.is_alpha and (t == root or (t.dep_ == "compound" and t.head == root))
        ]
        key = " ".join(concept_word(t.text, t.tag_ in ("NNS", "NNPS")) for t in nouns)
        if key and key not in _GENERIC and len(key) > 2:
            out.append((root.i, key))
    for ent in doc.ents:
        if ent.label_ in _CONCEPT_ENTS:
            words = [t for t in ent if t.is_alpha and t.lower_ != "the"]
            key = " ".join(concept_word(t.text) for t in words)
            if key and key not in _GENERIC:
                out.append((ent.start, key))
    return out


def _opening_cue(sent: Span) -> tuple[str, CueType] | None:
    """The cue the sentence opens with ("However, ...", "Because X, Y")."""
    first = _first_word(sent)
    words = [t.lower_ for t in sent.doc[first.i : sent.end]]
    hit = cues.match(words, cues.LEAD)
    if hit and not (hit[0] in _MARK_ONLY and first.dep_ not in ("mark", "advmod", "cc")):
        return hit
    return None


def _inner_cue(sent: Span, end: int | None = None) -> tuple[str, CueType] | None:
    """The cue of a sentence that opens with none: an adverb inside its first clause or a
    subject pointing back; `end`: the token the first clause ends before, when it is cut."""
    # An adverbial cue inside the sentence: "This, however, ignores ...", "It therefore fell";
    # inside the first clause only ("This will lead to crashes, | therefore ...": the cue of
    # the clause cut there).
    for k, t in enumerate(sent[1 : min(12, (end or sent.end) - sent.start)]):
        if t.lower_ in _INNER and (k < 4 or t.doc[t.i - 1].text in (",", ";")):
            hit = cues.match([t.lower_], cues.LEAD)
            if hit:
                return hit
    return _anaphoric_effect(sent if end is None else sent.doc[sent.start : end])


_HAVE = frozenset({"have", "has", "had"})
_VERB_GROUP = frozenset({"aux", "auxpass", "neg"})  # "could (not) lead", "was reduced"
_BE = frozenset({"am", "is", "are", "was", "were", "be", "been", "'m", "'re"})


def _anaphoric_effect(sent: Span) -> tuple[str, CueType] | None:
    """ "This creates ...", "This disaster led to ...", "This is why ...": a subject pointing
    back and a verb that brings something about make the sentence (or its first clause, `sent`
    then that clause) the previous one's effect; the cue is the words from the subject to the
    verb ("this disaster led"). "This is because X" gives the previous one's cause instead: a
    backward cue ("this is because")."""
    root, ana = sent.root, _ANAPHORIC
    subj = next((t for t in root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.i > root.i:
        return None
    noun = subj.lower_
    points_back = noun in ana["subjects"] or (
        (_points_back_np(subj) or any(_points_back_np(o) for o in _of_objects(subj)))
        and (
            noun in ana["event_nouns"]
            or noun.endswith(tuple(ana["event_suffixes"]))
            or any(t.tag_ == "VBN" and t.dep_ in ("amod", "acl") for t in subj.children)
        )
    )  # "This disaster", "Such nervousness", "The loss of these customers", "This saved time"
    if not points_back:
        return None
    if _has_verb(sent.doc[sent.start : subj.left_edge.i]):
        return None  # "X does Y, this will help Z": "this" points at X, in the same sentence
    verb = root.lower_
    if noun in ana["subjects"] and verb in _BE:  # "This is because X": the cause of the last
        why = next((t for t in root.children if t.dep_ == "advcl" and t.i > root.i), None)
        mark = next((t for t in why.children if t.dep_ == "mark"), None) if why else None
        between = sent.doc[root.i + 1 : mark.i] if mark is not None else ()
        if (  # "This is (mainly) because X"
            mark is not None
            and mark.lower_ in ana["reason"]
            and all(t.dep_ == "advmod" for t in between)
        ):
            return f"{noun} {verb} {mark.lower_}", CueType.CAUSAL_BACKWARD
    acts = (
        verb in ana["verbs"]
        or (
            verb in ana["complement_verbs"]
            and any(t.dep_ in ("ccomp", "xcomp", "oprd") for t in root.children)
        )
        or any(
            t.lower_ in ana["why"] and t.i > root.i and t.head.head == root and t.dep_ == "advmod"
            for t in sent
        )
        or any(  # "This would be detrimental", "This could have a negative impact on ..."
            (t.dep_ == "acomp" and t.lower_ in ana["effect_adjectives"])
            or (t.dep_ == "dobj" and t.lower_ in ana["effect_nouns"] and verb in _HAVE)
            for t in root.children
        )
    )
    if not acts:
        return None
    start = subj.left_edge.i
    words = [t.lower_ for t in sent.doc[start : root.i + 1] if not t.is_punct]
    if len(words) > 6:  # "this increase [in safety] could eventually lead": subject, verb
        group = min(
            [t.i for t in root.children if t.dep_ in _VERB_GROUP and t.i < root.i], default=root.i
        )
        words = [t.lower_ for t in sent.doc[start : subj.i + 1] if not t.is_punct][:3]
        words += [t.lower_ for t in sent.doc[group : root.i + 1] if not t.is_punct][-3:]
    if any(t.lower_ in ana["why"] for t in sent if t.i == root.i + 1):
        words.append(sent.doc[root.i + 1].lower_)
    return " ".join(words), CueType.CAUSAL_FORWARD


def _points_back_np(noun: Token) -> bool:
    """True when a noun phrase points back: "this"/"these"/"such" before its noun ("amod": the
    parser's word for "such" in "Such nervousness"), or a pronoun "this"/"these" itself."""
    ana = _ANAPHORIC
    return noun.lower_ in ana["subjects"] or any(
        t.dep_ in ("det", "predet", "amod") and t.lower_ in ana["determiners"]
        for t in noun.children
    )


def _of_objects(noun: Token) -> Iterator[Token]:
    """The objects of a noun's "of" ("the loss of [these customers]")."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            yield from (t for t in prep.children if t.dep_ == "pobj")


def _first_word(sent: Span) -> Token:
    for t in sent:
        if not (t.is_punct or t.is_space):
            return t
    return sent[0]


def _clause_opens(part: Span) -> bool:
    """True when the opening part of a sentence is a clause of its own, a subordinator and a
    finite verb ("Although prices rose, ..."), not a phrase ("Despite the cost, ...", "Because of
    this, ...", "Though risky, ...", "While driving to work, ..."), which stays with its sentence
    (annotation guide, 3.1)."""
    return any(t.dep_ == "mark" for t in part) and _has_finite_verb(part)


def _opening_clause(sent: Span, cut: int) -> bool:
    """True when the words of `sent` before token `cut` make a unit of their own: a clause (not
    a phrase) of two words or more, before a main clause of at least _MIN_WORDS."""
    doc = sent.doc
    return (
        _words(doc[sent.start : cut]) > 1
        and _words(doc[cut : sent.end]) >= _MIN_WORDS
        and _clause_opens(doc[sent.start : cut])
    )


def _late_concession(sent: Span) -> tuple[str, CueType, int] | None:
    """A concession that opens the sentence after a connective or a short opening phrase
    ("However, although X, Y", "But while X, Y", "With this said, while X, Y"): its cue, class
    and the subordinator's token; none when the main clause starts before it ("This car, while
    braking, ...", "I think that, although X, Y")."""
    doc = sent.doc
    first = _first_word(sent)
    for t in doc[first.i + 1 : min(first.i + _LATE, sent.end)]:
        if t.lower_ in _CONCEDING and t.dep_ == "mark":
            # what stands before it holds no main clause, only a phrase or a clause hanging on
            # the sentence's ("That being said, while X, Y")
            lo, hi = first.i, t.i
            for b in doc[lo:hi]:
                if b.dep_ == "ROOT" or (b.dep_ in _SUBJECT_DEPS and not lo <= b.head.i < hi):
                    return None
            even = t.lower_ == "though" and doc[t.i - 1].lower_ == "even"
            return ("even though" if even else t.lower_), CueType.CONCESSION, t.i
    return None


def _grants_nothing(clause: Span) -> bool:
    """True for a concession about both sides at once ("While both sides make valid points"):
    it grants the other side no point of its own."""
    text = " ".join(t.lower_ for t in clause)
    return any(phrase in text for phrase in _BOTH_SIDES)


def _subordinate_end(cue: Token, sent: Span) -> int | None:
    """Token index just after the opening subordinate clause or phrase, if the parse shows one."""
    nxt = sent.doc[cue.i + 1] if cue.i + 1 < sent.end else cue
    if cue.dep_ != "mark" and nxt.dep_ == "mark":
        cue = nxt  # "Even though X": the subordinator is the second word
    head = cue.head if cue.dep_ == "mark" else cue  # "Although [X ...]" / "[Despite X]"
    end = head.right_edge.i + 1
    inside = sent.start < end < sent.end - 1
    if inside and sent.doc[end].text in (",", ";", "\u2014"):
        return end
    comma = next((t.i for t in sent if t.text == "," and t.i > cue.i and not _in_a_list(t)), None)
    if comma is not None:
        return comma
    # No comma at all: a concession is cut where the main clause starts ("Although X a
    # self-driving car does not ...", "While X they are ..."); a reason is not ("Since they have
    # been on the market they have ...": "since" is as often a time, and one unit).
    if cue.lower_ in ("because", "since", "as"):
        return None
    main = _main_subject(head, end) if inside else None
    return main if main is not None else _run_on(cue, sent)


def _main_subject(clause: Token, end: int) -> int | None:
    """Where the main clause that `clause` (an opening subordinate clause's verb, ending before
    token `end`) hangs on starts with its subject, when no comma marks it: "Although X [a
    self-driving car] does not ..."; a phrase the parser gave the main verb between them, with
    no verb or comma of its own, stays with the opening clause ("While it is true that drivers
    face distractions while driving [they] still have ...")."""
    doc, main = clause.doc, clause.head
    if clause.dep_ != "advcl" or main.i < end:
        return None
    for t in main.children:
        i = t.left_edge.i
        if (
            t.dep_ in _SUBJECT_DEPS
            and end <= i < main.i
            and not any(w.is_punct or w.tag_ in _FINITE for w in doc[end:i])
            and not _dangles(doc[i - 1])  # "Although experts say they are | safe many ..."
        ):
            return i
    return None


def _run_on(cue: Token, sent: Span) -> int | None:
    """Where the main clause starts after an opening subordinate clause with no comma that the
    parser ran on into it ("While it may seem that X [they] are simply replacing it", "Although
    they are promising [they] are not the solution"): a pronoun subject whose verb has no
    subordinator of its own and hangs deeper in the clause than the subordinate verb itself (not
    "Although experts say they are safe", what is said)."""
    for t in sent.doc[cue.i + 3 : sent.end - 1]:
        verb, before = t.head, sent.doc[t.i - 1]
        if (
            t.dep_ in ("nsubj", "nsubjpass")
            and t.lower_ in _RUN_ON_SUBJECTS
            and verb.i > t.i
            and verb.dep_ in ("ccomp", "conj", "parataxis")
            and verb.head.i != cue.head.i
            and not any(c.dep_ == "mark" for c in verb.children)
            and not (before.is_punct or _dangles(before) or before.tag_ in ("WDT", "WP"))
        ):
            return t.i
    return None


def _in_a_list(comma: Token) -> bool:
    """True when `comma` separates the items of a list ("braking, parking and sensors"): the
    word before it has a conjunct after it."""
    return any(t.dep_ == "conj" and t.i > comma.i for t in comma.head.rights)


def _skip_punct(i: int, end: int, sent: Span) -> int:
    while i < end and (sent.doc[i].is_punct or sent.doc[i].is_space):
        i += 1
    return i


def _split_cue(i: int, at: int, sent: Span) -> tuple[str, CueType] | None:
    """The cue at token `i` when it opens a new clause there (or at `at`, an adverb before it)."""
    d = sent.doc
    if d[i].lower_ not in cues.SPLIT:  # most tokens open no cue: skip building the window
        return None
    words = [t.lower_ for t in d[i : min(i + 5, sent.end)]]
    hit = cues.match(words, cues.SPLIT)
    if not hit:
        return None
    tok, prev = d[i], d[at - 1]
    after_comma = prev.text in (",", ";", ":", "\u2014", "-")
    phrase = hit[0]
    if phrase.startswith(("which", "leading", "resulting", "causing", "and ")):
        return hit if after_comma or phrase.startswith(("which", "and ")) else None
    if phrase == "so":  # "..., so prices rose", not "so many", "so the" or "so that" (a purpose)
        nxt = d[i + 1] if i + 1 < sent.end else tok
        if nxt.lower_ in ("that", "to", "as"):  # "so that", "so to speak", "so as to": no clause
            return None
        joins = after_comma or tok.dep_ in ("mark", "cc")
        # "..., so the supply fell" / "..., so many went": a clause with its own subject follows
        clause = after_comma and (
            _finite_clause_follows(d, i + 1, sent.end)
            or (tok.head.i > i and tok.head.pos_ in ("VERB", "AUX") and _has_subject(tok.head))
        )
        return hit if clause or (joins and nxt.pos_ not in ("ADJ", "ADV", "DET")) else None
    if phrase in ("but", "yet") and tok.dep_ == "cc" and not _joins_a_clause(tok):
        return None  # "means it seriously but not simply", "cheap but very effective in use"
    if phrase == "but" and _correlative(tok):
        return None  # "not only meets but exceeds standards": one clause
    if phrase in ("because", "although", "even though", "whereas", "but", "yet"):
        last = d[i + len(phrase.split()) - 1]  # "even though": "even" is an adverb
        return hit if last.dep_ in ("mark", "cc") or after_comma else None
    if phrase == "as":  # "..., as prices rose": a reason, not "as we do" or "as X believed, Y"
        if i + 1 < sent.end and d[i + 1].pos_ == "AUX":
            return None  # "..., as would taxi drivers", "as is the case": a comparison
        joins = (
            tok.dep_ == "mark"
            and (after_comma or _reason_as(tok, sent))
            and not _comment_clause(tok)
        )
        return hit if joins and _after_main_verb(tok, sent) else None
    if phrase == "and":  # "..., and, moreover, Y" / "and must therefore Y": a second point
        conj = _conjoined_clause(tok)
        return hit if conj is not None and _adds_a_point(tok, conj) else None
    if phrase == "for":  # "..., for it ignored the harvest", not "for them to" nor "for example"
        return hit if after_comma and _finite_clause_follows(d, i + 1, sent.end) else None
    if phrase in _MARK_ONLY:  # "..., while prices rose", not "while driving" nor "as though"
        follows_as = d[i - 1].lower_ in ("as", "even")
        return hit if tok.dep_ == "mark" and _has_subject(tok.head) and not follows_as else None
    # Sentence adverbs (however, therefore, thus, hence, consequently, as a result) need a break,
    # and the main clause before it: "Over the last decade, however, X" is one clause.
    if prev.text in (";", "\u2014"):
        return hit
    # "X, however, this percentage is small": a subject and a finite verb after the adverb's
    # comma open a clause, even where the parser hangs the adverb on the clause before it
    opens = (
        after_comma
        and _followed_by_clause(d, i)
        and (
            _opens_clause(tok)
            or (
                i + 1 < sent.end
                and d[i + 1].text == ","
                and _finite_clause_follows(d, i + 2, sent.end)
            )
        )
    )
    return hit if opens and _clause_before(sent, i) else None


def _clause_before(sent: Span, i: int) -> bool:
    """True when the words of `sent` before token `i` hold a clause of their own: a subject
    whose verb is there too and does not hang on another ("Prices rose, however ...", not "Over
    the last decade, however, ..." nor "Before they can be built, however, ...")."""
    return any(
        t.dep_ in _SUBJECT_DEPS and t.head.i < i and not _subordinate(t.head)
        for t in sent.doc[sent.start : i]
    )


def _subordinate(verb: Token) -> bool:
    """True for the verb of a relative clause or of one opened by a subordinator ("before",
    "if", "when"); not for a clause the parser merely hung on a later one ("X, therefore Y")."""
    if verb.dep_ in ("acl", "relcl", "pcomp"):
        return True
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children)


def _dangles(last: Token) -> bool:
    """True when a clause cannot end on `last`, a word that needs what follows it: "evidence
    that | though it is not perfect, X" would leave "... evidence that" a fragment; nor on a
    copula whose complement follows, or on an adverb of it ("that is | because X", "The reason
    was | because X", "This is mainly | because X")."""
    verb = last.head if last.dep_ == "advmod" and last.head.i < last.i else last
    copula = (
        verb.lower_ in _BE
        and verb.tag_ in _FINITE
        and verb.dep_ not in ("aux", "auxpass")
        and not any(c.dep_ in ("acomp", "attr") for c in verb.children)
    )
    return last.pos_ in _NEEDS_WHAT_FOLLOWS or last.tag_ == "TO" or copula


def _dangles_before_comma(span: Span) -> bool:
    """True when `span` ends on a comma after a word that needs what follows it ("It will argue
    that, | although X" would leave "It will argue that" a fragment), a particle aside ("He
    gave up, | because X")."""
    last = next((t for t in reversed(span) if not t.is_punct), span[-1])
    needs = last.pos_ in _NEEDS_WHAT_FOLLOWS and last.dep_ != "prt"
    return last.i != span[-1].i and needs


def _focuses(adverb: Token, cue: Token) -> bool:
    """True for "especially" in "especially because X" or "partly" in "partly due to X"."""
    return (
        adverb.pos_ == "ADV"
        and adverb.dep_ == "advmod"
        and cue.dep_ in ("mark", "prep")
        and adverb.head in (cue, cue.head)
        and adverb.head.i > adverb.i
    )


def _comment_clause(mark: Token) -> bool:
    """True for a parenthetical "as Smith argued" / "as we have seen": no reason is given."""
    verb = mark.head
    return verb.lower_ in _COMMENT_VERBS and not any(
        t.dep_ in ("dobj", "ccomp", "xcomp") for t in verb.children
    )


def _reason_as(mark: Token, sent: Span) -> bool:
    """True for "as" with no comma before it opening a clause with a subject and a finite verb
    of its own, a reason like "because" ("we should not popularize them as it will promote
    ..."), not a comparison or a fixed phrase ("as fast as they can", "the same as it was",
    "such as", "as if", "as long as")."""
    verb, d = mark.head, sent.doc
    if verb.i < mark.i or not _has_subject(verb) or not _has_finite_verb(d[mark.i : verb.i + 1]):
        return False
    if d[mark.i + 1].lower_ in ("if", "though", "long", "well", "much", "soon", "far"):
        return False
    if verb.lower_ in _CHANGE_VERBS or (
        verb.tag_ == "VBG" and any(t.dep_ == "aux" and t.lower_ in _BE for t in verb.children)
    ):
        return False  # "as we collect data", "as they are driving": when, not why
    before = d[max(sent.start, mark.i - 6) : mark.i]
    return not any(t.lower_ in ("as", "same", "such", "so") for t in before)


def _after_main_verb(tok: Token, sent: Span) -> bool:
    """True when `tok` comes after the sentence's main verb: "Y, as X", not "As X, Y"."""
    return sent.root.i < tok.i


def _conjoined_clause(cc: Token) -> Token | None:
    """The verb that coordinator `cc` joins to another verb ("rose, and wages fell"), if any."""
    head = cc.head
    if cc.dep_ != "cc" or head.pos_ not in ("VERB", "AUX") or head.dep_ not in _CLAUSE_DEPS:
        return None
    conj = _conjunct(cc)
    if conj is None or conj.pos_ not in ("VERB", "AUX") or conj.tag_ == "VBG":
        return None
    return conj


def _conjunct(cc: Token) -> Token | None:
    """The word coordinator `cc` joins to its head ("rose, and wages fell": "fell"), if any."""
    return next((t for t in cc.head.rights if t.dep_ == "conj" and t.i > cc.i), None)


def _joins_a_clause(cc: Token) -> bool:
    """True when coordinator `cc` joins a verb or a clause ("it failed, but wages rose"), not
    a word or phrase ("seriously but not simply")."""
    conj = _conjunct(cc)
    return conj is None or conj.pos_ in ("VERB", "AUX")


def _correlative(cc: Token) -> bool:
    """True when coordinator `cc` closes a "not only ... but (also)" pair: the words it joins
    are one clause's ("not only meets but exceeds", "not just cheaper but also safer")."""
    doc = cc.doc
    before = [t.lower_ for t in doc[max(cc.sent.start, cc.i - 10) : cc.i]]
    pairs = set(zip(before, before[1:], strict=False))
    return (
        ("not", "only") in pairs
        or ("not", "just") in pairs
        or any(t.dep_ == "preconj" and t.lower_ == "not" for t in cc.head.children)
    )


def _adds_a_point(cc: Token, conj: Token) -> bool:
    """True when the conjunct opens with, or its verb takes, a connective such as "moreover"."""
    return any(t.lower_ in _CONNECTIVES for t in conj.children if t.dep_ == "advmod" and t.i > cc.i)


def _opens_clause(adverb: Token) -> bool:
    """True when a sentence adverb opens the clause it modifies ("..., however, wages fell"),
    not when it stands inside one ("The plan, however, failed"; "It is clear, however, that")."""
    verb = adverb.head
    return verb.i > adverb.i and not any(
        t.dep_ in _SUBJECT_DEPS and t.i < adverb.i for t in verb.children
    )


def _verbless(before: Span, after: Span) -> bool:
    """True when a cut would leave a piece with no clause of its own as a unit: an opening
    phrase with no finite verb ("At the same time, | while X", "In recent years, | this has
    caused Y", "When talking about safety, | so Y") or a short tail with no verb ("X, | and so
    on.", "X | but not right now.")."""
    opens = _first_word(before)
    # any verb will do after "As": the parser reads many "As prices rise, | so ..." as a phrase
    clause = _has_verb(before) if opens.lower_ == "as" else _has_finite_verb(before)
    subordinate = opens.pos_ in ("ADP", "SCONJ") or opens.tag_ == "WRB"
    return (subordinate and not clause) or (not _has_verb(after) and _words(after) <= 5)


def _has_verb(span: Span) -> bool:
    """True when `span` has a verb of its own, not only a noun's modifier ("Self-driving cars.")."""
    return any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in span)


def _has_finite_verb(span: Span) -> bool:
    """True when `span` has a verb with a tense of its own ("rose", "is", "will")."""
    return any(t.tag_ in _FINITE for t in span)


def _has_subject(verb: Token) -> bool:
    return any(t.dep_ in _SUBJECT_DEPS for t in verb.children)


def _finite_clause_follows(doc: Doc, i: int, end: int) -> bool:
    """True when a subject and a finite verb start at `i`: "it ignored", "the plan has"."""
    for j in range(i, min(i + 6, end)):
        t = doc[j]
        if t.tag_ in _FINITE:
            return j > i
        if t.pos_ not in _SUBJECT_POS or t.tag_ in ("WP", "WDT") or t.lower_ in _OBJECT_PRONOUNS:
            return False
    return False


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


def _vector(span: Span) -> tuple[float, ...]:
    """The mean of the parse's context vectors over the span's tokens (spaCy's `tok2vec` output,
    `Doc.tensor`, 96 numbers for the English pipeline), rounded to 3 places (the last digits of
    float arithmetic, which may differ between machines, do not reach the role model); empty
    when the pipeline sets no tensor."""
    tensor = span.doc.tensor
    if tensor.ndim != 2 or tensor.shape[0] != len(span.doc) or not len(span):
        return ()
    return tuple(round(float(v), 3) for v in tensor[span.start : span.end].mean(axis=0))


def _features(span: Span, inner: bool) -> frozenset[Feature]:
    text = span.text
    low = text.lower()
    words = {t.lower_ for t in span}
    ents = {e.label_ for e in span.ents}
    f: set[Feature] = set()
    if any(_is_quantity(t) for t in span):
        f.add(Feature.NUMBER)
    if _PERCENT.search(text) or "PERCENT" in ents:
        f.add(Feature.PERCENT)
    if ents & {"DATE", "EVENT"} or _YEAR.search(text):
        f.add(Feature.DATE)
    if "PERSON" in ents:
        f.add(Feature.PERSON)
    if ents & {"ORG", "NORP"}:
        f.add(Feature.ORG)
    if ents & {"GPE", "LOC"}:
        f.add(Feature.PLACE)
    if QUOTED_RE.search(text):
        f.add(Feature.QUOTE)
    if words & REPORTING_VERBS:
        f.add(Feature.REPORTING)
    if words & _SOURCE_WORDS:
        f.add(Feature.SOURCE)
    if words & _MODALS or any(t.tag_ == "MD" and t.lower_ in ("should", "must") for t in span):
        f.add(Feature.MODAL)
    if Feature.REPORTING in f and words & {"they", "these", "opponents", "critics"}:
        f.add(Feature.REPORTED_VIEW)  # "... and they claim that ...": someone else's view
    if words & _HEDGES:
        f.add(Feature.HEDGE)
    if words & _FIRST_PERSON:
        f.add(Feature.FIRST_PERSON)
    if any(v in low for v in _VAGUE):
        f.add(Feature.VAGUE)
    if "for example" in low or "for instance" in low or "such as" in low or "e.g." in low:
        f.add(Feature.EXAMPLE)
    if text.rstrip().endswith("?"):
        f.add(Feature.QUESTION)
    if not _has_verb(span):
        f.add(Feature.FRAGMENT)
    if inner:
        f.add(Feature.CLAUSE)
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
