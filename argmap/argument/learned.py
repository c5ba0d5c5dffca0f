"""The learned role classifier (`LearnedRoles`, registered as "learned"): a multinomial logistic
regression over each unit's features, trained on the project's annotated corpus by
`tools/train.py` and shipped as `argmap/data/roles-learned.json`.

Features (`unit_features`) say what a unit is and where it stands, not what it is about: its
opening cue and cue class, the signals `segment` found (figures, names, quotations, reporting
verbs, modals, first person, ...), its place in its paragraph and the paragraph's place in the
essay, its length, its first words when they are common ones, the discourse words in it (pronouns,
modals, "think", "however", "because", "example", ...) and the words that essays on any topic use
("problem", "means", "was"), its neighbours' cues and signals, how much of it is the essay's topic
and echoes the introduction or conclusion at the other end, whether it comes before or after a turn
("however", "some argue") in its paragraph, and the parser's context vectors of its words averaged
(`Unit.vector`, features `vec0` ... `vec95` scaled by `VECTOR_SCALE`: how spaCy's tagger and parser
read each word in its place, mostly syntax). A second stage (`LinearModel.context`) reads the same
features and what the first made of the unit and its neighbours in its paragraph
(`context_features`: their role probabilities, whether the unit is the paragraph's likeliest claim,
...; which side the unit and its paragraph's first unit take, by words that praise or fault
("benefits", "risks"), against the position of the units likely to be the thesis), so that a unit's
role depends on its neighbours' (a rebuttal follows a counterclaim; one topic sentence per
paragraph; a paragraph opening on the other side is a counterclaim's); `tools/train.py` fits it on
first stages that never saw the essay (5 folds). Every role gets a probability; the thesis is the
first unit nearly as likely to be it as the likeliest (a restatement in the conclusion, as likely
as not, is one too), or the unit a `ThesisPicker` chooses, with any unit at least 0.4 likely to be
it (a second sentence of it, a restatement); the others take their best other role.

>>> from argmap.model import BlockKind, Unit
>>> units = (Unit(0, 26, 0, BlockKind.PARAGRAPH, 0, None, None, frozenset(), True, True),)
>>> sorted(unit_features(units, "Homework should be banned.")[0])[:4]
['bias', 'block=paragraph', 'bw=be', 'bw=should']
"""

from __future__ import annotations

import functools
import json
import math
import operator
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from argmap.argument.roles import ThesisPicker, components, essay_facts, reasons
from argmap.model import Component, CueType, Feature, Kind, Unit

__all__ = [
    "LearnedRoles",
    "LinearModel",
    "context_features",
    "feature_words",
    "load_model",
    "stance",
    "unit_features",
]

MODEL_FILE = "roles-learned.json"
_WORD = re.compile(r"[a-z']+")
_ORDER = tuple(Kind)
# A unit this share as likely to be the thesis as the likeliest, and earlier, is the thesis.
_FIRST_THESIS = 0.4
# Beside a `ThesisPicker`'s choice, a unit the role model finds at least this likely to be the
# thesis states it too (guide 3.2: a thesis of two sentences, its restatement in the
# conclusion). By 5-fold cross-validation over train + dev (the test split read once, after):
# macro-F1 0.520 -> 0.531, thesis units' F1 0.490 -> 0.562, supports+attacks 0.327 -> 0.344,
# thesis accuracy 130 -> 129 of 179 (a first try at 0.6, 0.5, 0.3: macro-F1 0.524, 0.529,
# 0.529; only after the chosen unit: 0.527; only in the conclusion, at 0.5: 0.524).
_ALSO_THESIS = 0.4
# Words that say how a unit argues, whatever it argues about: anywhere in a unit they are features.
# The last lines are the words a persuasive essay weighs sides with ("the benefits outweigh the
# risks", "I support", "both sides", "pros and cons"): a position against a neutral overview.
# 5-fold cross-validation over train + dev: macro-F1 0.531 -> 0.535, thesis units' F1 0.562 ->
# 0.575, supports+attacks 0.344 -> 0.348, thesis accuracy 129 of 179 both.
_DISCOURSE = frozenset(
    "i we you my our your me us they people some many others critics opponents should must "
    "could would may might will can cannot think believe feel argue argues claim claims say "
    "says said agree disagree opinion view however but although though while yet because since "
    "therefore thus so hence example instance such like study studies research survey percent "
    "conclusion overall first firstly second secondly third finally also another additionally "
    "furthermore moreover true fact indeed if not no never always every all "
    "outweigh outweighs benefit benefits beneficial advantage advantages disadvantage "
    "disadvantages drawbacks risks worth support oppose favor favour against side sides both "
    "position stance pros cons debate debated controversial better worse best necessary "
    "personally clearly ultimately".split()
)
# Words that students and the project's other essays alike use, whatever the topic: every word
# in 6 or more of the 32 essays of other kinds (history, science, literature, opinion, notes,
# web pages) and in 10 or more of the 148 student essays of train + dev. Anywhere in a unit they
# are features (`bw=`), as the discourse words are: how a unit argues ("because", "means",
# "problem", "evidence", "example", "was", "had") more than what it argues about. 5-fold
# cross-validation over train + dev (`tools/cv.py`, `--alt`): macro-F1 0.560 -> 0.561 and
# 0.556 -> 0.561, thesis 134 -> 133 and 127 -> 136 of 179, supports+attacks 0.366 -> 0.373 and
# 0.364 -> 0.373.
_GENERAL = frozenset(
    "a about after all almost alone already also although an and any are argue argument around "
    "as at away back bad be because been before being better between but by can cannot case "
    "cause caused causes century change changes come cost could day decades different do does "
    "doing done down during effects end enough even every evidence far faster few first for "
    "free from get give go good great had hand hard has have health help home how however i if "
    "important in into is it its itself just keep know large last least less let life light "
    "like little long longer look made main make makes many means million millions money more "
    "most much my need never new next no not now of off often old on once one ones only opinion "
    "or other others our out over own part pay people place problem question rather read reason "
    "remember s same say second see sense serious several should simply since small so some "
    "something start still stop such system takes term than that the their them then there "
    "these they this through time to too true turn two under up us use very was way we well "
    "were what when where which while who whole why will with within without work world would "
    "year years yet you".split()
)
# Length classes in words: name, most words.
_LENGTHS = (("1-3", 3), ("4-8", 8), ("9-16", 16), ("17-30", 30), ("31+", 1 << 30))
# The concept words shared by most units that make an essay's topic.
_TOPIC_WORDS = 8
#: The factor of the context vector's numbers as features (about 0.15 apart from unit to unit;
#: the other features are 0 or 1). Chosen by 5-fold cross-validation over train + dev
#: (`tools/cv.py`; 0.5, 1, 2 and 5 tried): macro-F1 0.563 -> 0.564, thesis 134 -> 136 of 179,
#: supports+attacks 0.373 -> 0.375, causes 0.602 -> 0.612 (`--alt`: 0.560 -> 0.570, 136 -> 138,
#: 0.373 -> 0.377, 0.604 -> 0.612); at 1 and 2 about the same, at 5 it overfits (0.511).
VECTOR_SCALE = 0.5
_VECTOR = "vec"  # the prefix of the vector's features: vec0, vec1, ...
# Words that praise or fault what an essay weighs, whatever it is about ("the benefits", "safer",
# "the risks", "many concerns"): a unit's side against the position (`stance`, `_sides`). In the
# gold of train + dev, against the gold thesis's side, 163 claims agree and 55 disagree, 45
# counterclaims agree and 173 disagree (the others have no side, or their essay none).
_PRAISE = frozenset(
    "benefit benefits beneficial advantage advantages advantageous positive positives pro pros "
    "promising good great improve improves improved improvement improvements safer better best "
    "helpful useful valuable worth worthwhile support supports favor favour perk perks boon "
    "opportunity opportunities solution solutions efficient convenient convenience embrace "
    "success successful effective gain gains ready feasible".split()
)
_FAULT = frozenset(
    "drawback drawbacks disadvantage disadvantages negative negatives con cons risk risks risky "
    "danger dangers dangerous concern concerns concerned worry worries worried fear fears feared "
    "threat threats hazard hazards problem problems issue issues harm harms harmful skeptical "
    "sceptical skepticism doubt doubts oppose opposed critics criticism caveat objection "
    "objections downside downsides flaw flaws costly unsafe worse worst bad hindrance wary "
    "cautious uncertain uncertainty fail fails failure failed against".split()
)
_NEGATORS = frozenset("not no never nor cannot without".split())
_OUTWEIGH = frozenset({"outweigh", "outweighs", "outweighed", "outshine", "outshines"})
# Cues that turn a paragraph towards or against another view.
_TURNS = frozenset({CueType.COUNTER, CueType.CONCESSION, CueType.CONTRAST})


@dataclass(frozen=True)
class LinearModel:
    """Weights per role (feature name -> weight) and the vocabulary of first words it knows;
    with `context`, a second stage: weights per role over a unit's features and what the first
    stage made of it and its neighbours (`context_features`)."""

    weights: Mapping[Kind, Mapping[str, float]]
    words: frozenset[str]
    context: Mapping[Kind, Mapping[str, float]] | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, object]) -> LinearModel:
        """Read a model from its JSON form (as `tools/train.py` writes it)."""
        weights = raw.get("weights")
        words = raw.get("words")
        context = raw.get("context")
        if not isinstance(weights, dict) or not isinstance(words, list):
            raise ValueError(f"{MODEL_FILE}: needs 'weights' (per role) and 'words'")
        if context is not None and not isinstance(context, dict):
            raise ValueError(f"{MODEL_FILE}: 'context' must be an object (weights per role)")
        return cls(
            weights=_per_role(weights),
            words=frozenset(str(w) for w in words),
            context=_per_role(context) if context is not None else None,
        )

    @property
    def final(self) -> Mapping[Kind, Mapping[str, float]]:
        """The weights of the stage that gives the roles (the second, when there is one)."""
        return self.context if self.context is not None else self.weights

    def predict(self, units: Sequence[Unit], text: str) -> list[dict[Kind, float]]:
        """Each unit's role probabilities."""
        return self.explain(units, text)[1]

    def explain(
        self, units: Sequence[Unit], text: str
    ) -> tuple[list[dict[str, float]], list[dict[Kind, float]]]:
        """Each unit's features (as the final stage reads them) and role probabilities."""
        xs = unit_features(units, text, self.words)
        first = [probabilities(x, self._by_name[0]) for x in xs]
        if self.context is None or len({u.paragraph for u in units}) < CONTEXT_PARAGRAPHS:
            return xs, first
        xs = [x | c for x, c in zip(xs, context_features(units, first, text), strict=True)]
        return xs, [probabilities(x, self._by_name[1]) for x in xs]

    @functools.cached_property
    def _by_name(self) -> tuple[_ByName, _ByName]:
        """Both stages' weights by feature name (the second's empty when there is none)."""
        return _ByName.of(self.weights), _ByName.of(self.context or {})


#: The second stage reads texts of at least this many paragraphs (essays, as it was trained
#: on); in a shorter text it was unsure of everything but the thesis (a two-sentence text's
#: "X, which led to Y" became context, its cause unlinked), and the first stage's roles stand.
CONTEXT_PARAGRAPHS = 3
# Neighbours (in the same paragraph) whose first-stage roles are context features: offset, name.
_NEIGHBOURS = ((-2, "prev2"), (-1, "prev"), (1, "next"), (2, "next2"))
#: The names (before "=") of the context features.
CONTEXT_KEYS = frozenset({"p", "best"} | {f"{name}_p" for _, name in _NEIGHBOURS})


def stance(passage: str) -> int:
    """Whether a passage praises (1) or faults (-1) what it speaks of, by the words of `_PRAISE`
    and `_FAULT` (a word after "not", "no", "never", "cannot", "without" or an "n't" among the
    three before it counts for the other side, as does a word after "outweigh": "the benefits
    outweigh the risks" praises), or neither (0).

    >>> stance("The benefits outweigh the risks of self-driving cars."), stance("not safer")
    (1, -1)
    >>> stance("It does not only bring benefits."), stance("There is no risk.")
    (1, 1)
    >>> stance("There are many concerns and dangers."), stance("They are not dangerous.")
    (-1, 1)
    """
    words = _WORD.findall(passage.lower())
    score = 0
    weighed = False  # after "outweigh": what is outweighed counts for the other side
    for i, w in enumerate(words):
        weighed = weighed or w in _OUTWEIGH
        side = (w in _PRAISE) - (w in _FAULT)
        if side and any(_negates(words, j) for j in range(max(0, i - 3), i)):
            side = -side
        score += -side if weighed else side
    return (score > 0) - (score < 0)


def _negates(words: Sequence[str], k: int) -> bool:
    """Whether the k-th of `words` turns what follows round ("not", but not "not only")."""
    w = words[k]
    return (w in _NEGATORS or w.endswith("n't")) and words[k + 1 : k + 2] != ["only"]


def _sides(
    units: Sequence[Unit], probs: Sequence[Mapping[Kind, float]], text: str
) -> list[dict[str, float]]:
    """Each unit's side against the essay's position (the units' stances weighted by how likely
    each is to be the thesis): `stance=agree` or `stance=disagree` when both take one;
    `par_stance=...` for the other units of a paragraph whose first unit takes one (a paragraph
    opening on the other side is the other side's, its turn the writer's answer)."""
    marks = [stance(text[u.start : u.end]) for u in units]
    total = sum(p[Kind.THESIS] * m for p, m in zip(probs, marks, strict=True))
    position = (total > 0) - (total < 0)
    out: list[dict[str, float]] = [{} for _ in units]
    if not position:
        return out
    opener: dict[int, int] = {}
    for k, u in enumerate(units):
        first = opener.setdefault(u.paragraph, k)
        if marks[k]:
            out[k]["stance=" + ("agree" if marks[k] == position else "disagree")] = 1.0
        if first != k and marks[first]:
            out[k]["par_stance=" + ("agree" if marks[first] == position else "disagree")] = 1.0
    return out


def context_features(
    units: Sequence[Unit], probs: Sequence[Mapping[Kind, float]], text: str
) -> list[dict[str, float]]:
    """What a first stage made of each unit and of its neighbours in its paragraph: their role
    probabilities, and which roles the unit is its paragraph's likeliest for (the topic
    sentence is the paragraph's likeliest claim; a rebuttal follows a counterclaim); and the
    side the unit, and its paragraph's first unit, take against the position of the units the
    first stage finds likely to be the thesis (`_sides`: a counterclaim takes the other side).

    >>> from argmap.model import BlockKind, Unit
    >>> u = Unit(0, 5, 0, BlockKind.PARAGRAPH, 0, None, None, frozenset(), True, True)
    >>> p = {k: 1 / len(Kind) for k in Kind}
    >>> sorted(context_features((u,), (p,), "Risks.")[0])[:2]
    ['best=claim', 'best=context']
    """
    out = _sides(units, probs, text)
    top: dict[int, dict[Kind, float]] = {}  # paragraph -> the highest probability of each role
    for u, p in zip(units, probs, strict=True):
        most = top.setdefault(u.paragraph, dict(p))
        for role, v in p.items():
            most[role] = max(most[role], v)
    for k, u in enumerate(units):
        x = out[k]
        for offset, name in _NEIGHBOURS:
            j = k + offset
            if 0 <= j < len(units) and units[j].paragraph == u.paragraph:
                for role, v in probs[j].items():
                    x[f"{name}_p={role.value}"] = round(v, 6)
        for role, v in probs[k].items():
            x[f"p={role.value}"] = round(v, 6)
            if v >= top[u.paragraph][role]:
                x[f"best={role.value}"] = 1.0
    return out


def _per_role(raw: Mapping[str, object]) -> dict[Kind, dict[str, float]]:
    unknown = set(raw) - {k.value for k in Kind}
    if unknown:
        raise ValueError(f"{MODEL_FILE}: unknown roles {sorted(unknown)}")
    out = {}
    for k, w in raw.items():
        if not isinstance(w, dict):
            raise ValueError(f"{MODEL_FILE}: the weights of {k!r} must be an object")
        out[Kind(k)] = {str(n): float(v) for n, v in w.items()}
    return out


@functools.cache
def load_model() -> LinearModel:
    """The shipped model, `argmap/data/roles-learned.json`."""
    path = resources.files("argmap").joinpath(f"data/{MODEL_FILE}")
    return LinearModel.from_json(json.loads(path.read_text("utf-8")))


def unit_features(
    units: Sequence[Unit],
    text: str,
    words: frozenset[str] | None = None,
    vectors: bool = True,
) -> list[dict[str, float]]:
    """The named features of each unit (value 1.0 unless said otherwise); first words only when
    they are in `words` (all of them when `words` is None, for training); the context vector's
    numbers unless `vectors` is false. Linear in the units."""
    essay = _Essay.of(units)
    return [_features(units, k, text, words, essay, vectors) for k in range(len(units))]


@dataclass(frozen=True)
class _Essay:
    """What the features of one unit read from the whole essay, computed once."""

    n_par: int
    rank: Mapping[int, int]  # paragraph -> its place (0, 1, ...)
    sizes: Mapping[int, int]  # paragraph -> its number of units
    index: tuple[int, ...]  # each unit's place in its paragraph (0, 1, ...)
    concepts: tuple[frozenset[str], ...]  # each unit's concept words
    topic: frozenset[str]  # the concept words most units share
    by_place: Mapping[str, Counter[str]]  # "intro"/"conclusion" -> concept words there
    turns: Mapping[int, tuple[int, ...]]  # paragraph -> indexes of its contrast/counter cues

    @classmethod
    def of(cls, units: Sequence[Unit]) -> _Essay:
        paragraphs = sorted({u.paragraph for u in units})
        rank = {p: i for i, p in enumerate(paragraphs)}
        n_par = len(paragraphs)
        spread: Counter[str] = Counter()
        by_place: dict[str, Counter[str]] = {"intro": Counter(), "conclusion": Counter()}
        turns: dict[int, list[int]] = {}
        seen: Counter[int] = Counter()
        indexes, concepts = [], []
        for u in units:
            index = seen[u.paragraph]
            seen[u.paragraph] += 1
            concept_words = _concept_words(u)
            indexes.append(index)
            concepts.append(concept_words)
            spread.update(concept_words)
            if n_par > 1 and rank[u.paragraph] in (0, n_par - 1):
                place = "intro" if rank[u.paragraph] == 0 else "conclusion"
                by_place[place].update(concept_words)
            if u.cue_type in _TURNS:
                turns.setdefault(u.paragraph, []).append(index)
        top = sorted(spread.items(), key=lambda kv: (-kv[1], kv[0]))[:_TOPIC_WORDS]
        return cls(
            n_par=n_par,
            rank=rank,
            sizes=seen,
            index=tuple(indexes),
            concepts=tuple(concepts),
            topic=frozenset(w for w, c in top if c > 1),
            by_place=by_place,
            turns={p: tuple(v) for p, v in turns.items()},
        )


def _concept_words(u: Unit) -> frozenset[str]:
    return frozenset(w for c in u.concepts for w in c.split() if len(w) > 2)


def _share(words: frozenset[str], other: Mapping[str, int] | frozenset[str]) -> str:
    """How much of `words` is in `other`, as a class: none, some (under half), most."""
    if not words:
        return "empty"
    hits = sum(1 for w in words if w in other)
    return "none" if not hits else "some" if 2 * hits < len(words) else "most"


def _features(
    units: Sequence[Unit],
    k: int,
    text: str,
    words: frozenset[str] | None,
    essay: _Essay,
    vectors: bool,
) -> dict[str, float]:
    u = units[k]
    index = essay.index[k]
    where = essay.rank[u.paragraph]
    n_par = essay.n_par
    place = (
        "single"
        if n_par == 1
        else "intro"
        if where == 0
        else "conclusion"
        if where == n_par - 1
        else "body"
    )
    tokens = _WORD.findall(text[u.start : u.end].lower())
    length = next(name for name, most in _LENGTHS if len(tokens) <= most)
    out = {
        "bias": 1.0,
        f"cue={u.cue_type.value if u.cue_type else 'none'}": 1.0,
        f"block={u.block.value}": 1.0,
        f"place={place}": 1.0,
        f"index={min(index, 3)}": 1.0,
        f"len={length}": 1.0,
        "rel_position": k / max(len(units) - 1, 1),
    }
    if u.first_in_paragraph:
        out[f"first_in_{place}"] = 1.0
    if u.last_in_paragraph:
        out[f"last_in_{place}"] = 1.0
    if index == essay.sizes[u.paragraph] - 1 and where == 0:
        out["intro_last"] = 1.0
    for f in u.features:
        out[f"f={f.value}"] = 1.0
        out[f"{place}|f={f.value}"] = 1.0
    out[f"{place}|cue={u.cue_type.value if u.cue_type else 'none'}"] = 1.0
    if u.cue:
        out[f"cueword={u.cue}"] = 1.0
    for j, name in ((k - 1, "prev"), (k + 1, "next")):
        if 0 <= j < len(units):
            other = units[j]
            same = "same" if other.sentence == u.sentence else "other"
            out[f"{name}_cue={other.cue_type.value if other.cue_type else 'none'}"] = 1.0
            out[f"{name}_{same}_sentence"] = 1.0
            for f in other.features:
                out[f"{name}_f={f.value}"] = 1.0
            if other.paragraph != u.paragraph:
                out[f"{name}_other_paragraph"] = 1.0
    present = set(tokens)
    for w in present & _DISCOURSE:
        out[f"has={w}"] = 1.0
    for w in present & _GENERAL:
        out[f"bw={w}"] = 1.0
    for w in tokens[:2]:
        if words is None or w in words:
            out[f"w={w}"] = 1.0
    if tokens and (words is None or tokens[0] in words):
        out[f"w1={tokens[0]}"] = 1.0
    # What the unit shares with the essay: its main topic, and the introduction or conclusion
    # (a thesis is restated at the other end; a claim echoes the thesis).
    mine = essay.concepts[k]
    topic = _share(mine, essay.topic)
    out[f"topic={topic}"] = 1.0
    out[f"{place}|topic={topic}"] = 1.0
    if place != "single":
        other_end = "intro" if place == "conclusion" else "conclusion"
        out[f"{place}|echo={_share(mine, essay.by_place[other_end])}"] = 1.0
    # Where the unit stands against the paragraph's turns ("however", "some argue", ...).
    turns = essay.turns.get(u.paragraph, ())
    if any(t > index for t in turns):
        out["before_turn"] = 1.0
    if any(t < index for t in turns):
        out["after_turn"] = 1.0
    size = essay.sizes[u.paragraph]
    out[f"par_size={min(size, 6)}"] = 1.0
    if vectors:
        for i, v in enumerate(u.vector):
            out[f"{_VECTOR}{i}"] = VECTOR_SCALE * v
    return out


_PLACES = {
    "intro": "the introduction",
    "body": "a body paragraph",
    "conclusion": "the conclusion",
    "single": "a one-paragraph text",
}
_CUES = {
    CueType.THESIS: "a position cue ('I believe', 'this essay argues')",
    CueType.CONCLUSION: "a concluding cue ('in conclusion')",
    CueType.COUNTER: "a cue that reports another view ('some people argue')",
    CueType.CONCESSION: "a concession ('although')",
    CueType.CONTRAST: "a turn ('however', 'but')",
    CueType.CAUSAL_FORWARD: "a consequence cue ('so', 'as a result')",
    CueType.CAUSAL_BACKWARD: "a reason cue ('because')",
    CueType.EXAMPLE: "an example cue ('for example')",
    CueType.EVIDENCE: "an evidence cue ('according to')",
    CueType.CLAIM: "a cue that sets out a point ('firstly', 'another reason')",
    CueType.CONDITION: "a condition ('if')",
    CueType.ADDITION: "an adding cue ('also', 'moreover')",
    CueType.MAIN: "a cue that marks the main point",
}
_SIGNALS = {
    Feature.NUMBER: "a figure",
    Feature.PERCENT: "a percentage",
    Feature.DATE: "a date",
    Feature.PERSON: "a person's name",
    Feature.ORG: "an organisation's name",
    Feature.PLACE: "a place's name",
    Feature.QUOTE: "a quotation",
    Feature.REPORTING: "a reporting verb ('says', 'found')",
    Feature.SOURCE: "a source ('a study', 'a survey')",
    Feature.MODAL: "'should', 'must' or 'cannot'",
    Feature.REPORTED_VIEW: "someone else's view",
    Feature.HEDGE: "a hedge ('may', 'perhaps')",
    Feature.FIRST_PERSON: "the first person ('I', 'we')",
    Feature.VAGUE: "an unnamed source ('studies show')",
    Feature.EXAMPLE: "an example ('for instance', 'such as')",
    Feature.QUESTION: "a question",
    Feature.FRAGMENT: "no verb",
}
_SHARES = {"most": "most of", "some": "some of", "none": "none of"}
_CUE_NAMES = frozenset(c.value for c in CueType)
_SIGNAL_NAMES = frozenset(f.value for f in Feature)


@functools.lru_cache(maxsize=8192)  # the same names, unit after unit
def feature_words(name: str) -> str | None:
    """What a feature of `unit_features` says about a unit, in words (None: it says nothing a
    reader can use, like the bias or the length class).

    >>> feature_words("first_in_body"), feature_words("has=because")
    ('is the first sentence of a body paragraph', "has the word 'because'")
    >>> feature_words("body|f=percent"), feature_words("bias") is None
    ('gives a percentage in a body paragraph', True)
    >>> feature_words("best=claim") is None  # the second stage's reading of the first's
    True
    >>> feature_words("stance=disagree")
    "takes the other side ('benefits', 'risks')"
    >>> feature_words("vec7") is None  # a number of the parser's context vector
    True
    """
    if name.startswith(_VECTOR):  # a number of the parser's context vector (most features)
        return None
    key, _, value = name.partition("=")
    if key in CONTEXT_KEYS:  # what the first stage made of it: no reason a reader can check
        return None
    place, bar, rest = key.partition("|")
    if bar:  # a feature in a place: "body|f=percent", "intro|topic=most", "conclusion|echo=..."
        inner = feature_words(f"{rest}={value}")
        if rest == "echo":
            other = "conclusion" if place == "intro" else "introduction"
            share = _SHARES.get(value) if value != "none" else None
            return f"echoes {share} the {other}'s words" if share else None
        return f"{inner} in {_PLACES[place]}" if inner and place in _PLACES else inner
    cue = _CUES.get(CueType(value)) if value in _CUE_NAMES else None
    signal = _SIGNALS.get(Feature(value)) if value in _SIGNAL_NAMES else None
    where = "follows" if key.startswith("prev_") else "comes before"
    if key == "cue" and cue:
        return "opens with " + cue
    if key == "f" and signal:
        return "gives " + signal
    if key == "f" and value == Feature.CLAUSE:
        return "is a later clause of its sentence"
    if key in ("prev_f", "next_f") and signal:
        return f"{where} a passage with {signal}"
    if key in ("prev_cue", "next_cue") and cue:
        return f"{where} a passage that opens with {cue}"
    if key == "place" and value in _PLACES:
        return f"stands in {_PLACES[value]}"
    if key.startswith(("first_in_", "last_in_")) and key.split("_in_")[1] in _PLACES:
        first = "first" if key.startswith("first") else "last"
        return f"is the {first} sentence of {_PLACES[key.split('_in_')[1]]}"
    if key == "intro_last":
        return "is the last sentence of the introduction"
    if key == "cueword":
        return f"opens with '{value}'"
    if key in ("has", "bw"):
        return f"has the word '{value}'"
    if key == "w1":
        return f"starts with '{value}'"
    if key == "w":
        return f"has '{value}' among its first two words"
    if key == "topic" and value in ("most", "some"):
        return f"uses {_SHARES[value]} the essay's main topic words"
    if key == "block" and value in ("heading", "bullet"):
        return f"is a {value}"
    if key in ("stance", "par_stance") and value in ("agree", "disagree"):
        side = "the likely thesis's side" if value == "agree" else "the other side"
        where = "stands in a paragraph that opens on" if key == "par_stance" else "takes"
        return f"{where} {side} ('benefits', 'risks')"
    return {
        "before_turn": "comes before a turn in its paragraph ('however', 'some argue')",
        "after_turn": "comes after a turn in its paragraph ('however', 'some argue')",
        "prev_other_paragraph": "opens its paragraph",
        "next_other_paragraph": "closes its paragraph",
        "prev_same_sentence": "shares its sentence with the passage before",
        "next_same_sentence": "shares its sentence with the passage after",
    }.get(key)


@dataclass(frozen=True)
class _ByName:
    """A stage's weights arranged by feature name: each name's weight for every role in one
    tuple, so that scoring a unit looks each of its features up once, not once per role."""

    kinds: tuple[Kind, ...]
    rows: Mapping[str, tuple[float, ...]]

    @classmethod
    def of(cls, weights: Mapping[Kind, Mapping[str, float]]) -> _ByName:
        kinds = tuple(weights)
        names = sorted({n for w in weights.values() for n in w})
        return cls(kinds, {n: tuple(weights[k].get(n, 0.0) for k in kinds) for n in names})


def probabilities(x: Mapping[str, float], table: _ByName) -> dict[Kind, float]:
    """The softmax probability of each role for the features `x` (each role's score the exact
    sum of its weights times the values, `math.fsum`: the same on every machine and Python;
    a feature without a weight adds nothing).

    >>> table = _ByName.of({Kind.CLAIM: {"a": 1.0}, Kind.EVIDENCE: {"b": 1.0}})
    >>> {k.value: round(p, 3) for k, p in probabilities({"a": 1.0, "c": 1.0}, table).items()}
    {'claim': 0.731, 'evidence': 0.269}
    """
    none = (0.0,) * len(table.kinds)
    rows = [table.rows.get(n, none) for n in x]
    values = list(x.values())
    # one role's weights at a time, in C (zip and map), not one feature and role at a time
    scores = [math.fsum(map(operator.mul, values, col)) for col in zip(*rows, strict=True)]
    if not scores:  # no features at all
        scores = list(none)
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    total = sum(exp)
    return {k: e / total for k, e in zip(table.kinds, exp, strict=True)}


#: The annotation guide's structural rules that `follow_the_guide` applies to the model's roles.
GUIDE_RULES = frozenset({"concession", "reason", "answer", "topic"})
_ARGUED = (Kind.THESIS, Kind.CLAIM, Kind.COUNTERCLAIM, Kind.REBUTTAL)


def follow_the_guide(
    units: Sequence[Unit],
    roles: list[tuple[Kind, float]],
    probs: Sequence[Mapping[Kind, float]],
    rules: frozenset[str] = GUIDE_RULES,
) -> dict[int, tuple[str, ...]]:
    """Apply the guide's rules about structure that the model sees one unit at a time, in place;
    return {unit: why} for the units they changed.

    - `concession` (guide 3.1): in "Although X, Y", where X is a counterclaim, the main clause Y
      answers it: a rebuttal unless it is a thesis or claim.
    - `reason` (guide 3.1): in "X because Y" (or "since Y", "as Y"), where X is a thesis, claim,
      counterclaim or rebuttal, Y is the evidence for X, whatever point the model saw in it
      (5-fold cross-validation over train + dev, both fold assignments: 8 and 6 units changed,
      13 of the 14 to the gold's role).
    - `answer` (guide 3.1, 3.4): after a counterclaim, the first unit of its paragraph that
      turns ("X, but Y"; "However, ...", "In fact, ...") answers it: a rebuttal where the model
      saw evidence. Not where it saw context: "They were science fiction, but they have become
      a reality" is mostly background in an introduction. (5-fold cross-validation over train +
      dev: 16 units changed, 10 of them to the gold's rebuttal; 20 fewer unanswered
      counterclaims, none of them one the gold has.)
    - `topic` (guide 3.3): a body paragraph where nothing is argued (no thesis, claim,
      counterclaim or rebuttal) still makes a point: its likeliest claim is the claim.
    """
    why: dict[int, tuple[str, ...]] = {}
    for k in range(1, len(units)):
        before, unit = units[k - 1], units[k]
        if before.sentence != unit.sentence or before.paragraph != unit.paragraph:
            continue  # `concession` and `reason` read two clauses of one sentence
        if (
            "concession" in rules
            and before.cue_type is CueType.CONCESSION
            and roles[k - 1][0] is Kind.COUNTERCLAIM
            and roles[k][0] in (Kind.EVIDENCE, Kind.CONTEXT)
        ):
            roles[k] = (Kind.REBUTTAL, probs[k][Kind.REBUTTAL])
            why[k] = ("answers the concession ('although ...') before it in its sentence",)
        if (
            "reason" in rules
            and unit.cue_type is CueType.CAUSAL_BACKWARD
            and roles[k - 1][0] in _ARGUED
            and roles[k][0] in _ARGUED
        ):
            roles[k] = (Kind.EVIDENCE, probs[k][Kind.EVIDENCE])
            why[k] = ("gives the reason for the point before it in its sentence",)
    if "answer" in rules:
        open_view = False  # a counterclaim earlier in the paragraph that no rebuttal answered
        for k, unit in enumerate(units):
            if k and units[k - 1].paragraph != unit.paragraph:
                open_view = False
            kind = roles[k][0]
            if kind in (Kind.COUNTERCLAIM, Kind.REBUTTAL):
                open_view = kind is Kind.COUNTERCLAIM
            elif open_view and kind is Kind.EVIDENCE and unit.cue_type is CueType.CONTRAST:
                roles[k] = (Kind.REBUTTAL, probs[k][Kind.REBUTTAL])
                why[k] = ("turns against the opposing view before it in its paragraph",)
                open_view = False
    if "topic" in rules:
        paragraphs = sorted({u.paragraph for u in units})
        for p in paragraphs[1:-1] if len(paragraphs) >= 3 else ():
            members = [k for k, u in enumerate(units) if u.paragraph == p]
            if any(roles[k][0] in _ARGUED for k in members):
                continue
            best = max(members, key=lambda k: (probs[k][Kind.CLAIM], -k))
            roles[best] = (Kind.CLAIM, probs[best][Kind.CLAIM])
            why[best] = ("states the point of a body paragraph that argues nothing else",)
    return why


class LearnedRoles:
    """Roles from the logistic regression in `argmap/data/roles-learned.json` (or `model`)."""

    name = "learned"

    def __init__(
        self,
        model: LinearModel | None = None,
        thesis: ThesisPicker | None = None,
        guide: frozenset[str] = GUIDE_RULES,
    ) -> None:
        self.model = model if model is not None else load_model()
        self.thesis = thesis
        self.guide = guide

    def classify(self, text: str, units: Sequence[Unit]) -> tuple[Component, ...]:
        """Return one component per unit, ids `c1`, `c2`, ... in text order."""
        features, probs = self.model.explain(units, text)
        likely = [p[Kind.THESIS] for p in probs]
        choice = self.thesis(units, text, essay_facts(units), likely) if self.thesis else None
        # The thesis is where the position is first stated: the earliest unit nearly as likely
        # to be it as the likeliest (a restatement in the conclusion is often likelier still).
        top = max((p[Kind.THESIS] for p in probs), default=0.0)
        thesis = next(
            (k for k, p in enumerate(probs) if p[Kind.THESIS] >= _FIRST_THESIS * top), None
        )
        paragraphs = sorted({u.paragraph for u in units})
        roles: list[tuple[Kind, float]] = []
        picked: dict[int, tuple[str, ...]] = {}
        if choice is not None and choice.index is not None:
            picked[choice.index] = (choice.why,)
            if choice.restates is not None:
                picked[choice.restates] = ("restates the thesis in the conclusion",)
        for k, p in enumerate(probs):
            if choice is not None:
                if k in picked:
                    roles.append((Kind.THESIS, choice.confidence))
                    continue
                if choice.index is not None and p[Kind.THESIS] >= _ALSO_THESIS:
                    # the chosen unit stays the thesis: the most confident, the first on a tie
                    below = choice.confidence - (0.01 if k < choice.index else 0.0)
                    roles.append((Kind.THESIS, max(0.0, min(p[Kind.THESIS], below))))
                    picked[k] = ("is likely to state the thesis too",)
                    continue
            elif k == thesis or (
                len(paragraphs) > 2
                and units[k].paragraph == paragraphs[-1]
                and p[Kind.THESIS] >= 0.5
            ):
                roles.append((Kind.THESIS, p[Kind.THESIS]))
                continue
            kind = max(
                (r for r in p if r is not Kind.THESIS), key=lambda r: (p[r], -_ORDER.index(r))
            )
            roles.append((kind, p[kind]))
        ruled = follow_the_guide(units, roles, probs, self.guide)
        picked.update(ruled)
        whys = [
            picked.get(k) or self._why(x, p, kind)
            for k, (x, p, (kind, _)) in enumerate(zip(features, probs, roles, strict=True))
        ]
        return components(text, units, [(kind, round(conf, 2)) for kind, conf in roles], whys)

    def _why(self, x: Mapping[str, float], p: Mapping[Kind, float], kind: Kind) -> tuple[str, ...]:
        """The features that most favoured `kind` over the runner-up role, in words."""
        runner = max((r for r in p if r is not kind), key=lambda r: (p[r], -_ORDER.index(r)))
        words = {n: w for n in x if (w := feature_words(n)) is not None}
        out: list[str] = []  # strongest first, none saying what a stronger one says
        for w in reasons(x, self.model.final[kind], self.model.final[runner], words, most=9):
            if not any(w.startswith(o) or o.startswith(w) for o in out):
                out.append(w)
        return tuple(out[:3])
