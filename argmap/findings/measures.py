"""Measures the checks and the scorecard share, so the scorecard counts exactly what the
findings flag: sentences, main claims, what evidence reaches, specific evidence, opposing views
and whether they are answered, sweeping words, and who a quotation is from.

>>> from argmap.model import Component, Kind, Relation, RelationKind
>>> claim = Component("c1", Kind.CLAIM, "Phones distract pupils.", 0, 23, 0, 0.9)
>>> fact = Component("c2", Kind.EVIDENCE, "In 2019, 62% did.", 24, 41, 0, 0.9)
>>> support = Relation("c2", "c1", RelationKind.SUPPORTS, "", 0.9)
>>> comps, rels = (claim, fact), (support,)
>>> [c.id for c in main_claims(comps, rels)], sorted(evidence_reaches(comps, rels))
(['c1'], ['c1'])
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from argmap.model import Component, Kind, Relation, RelationKind
from argmap.text.lexicon import SPEECH_VERBS, quotations

__all__ = [
    "sentences",
    "sentence_text",
    "component_at",
    "main_claims",
    "evidence_reaches",
    "backed",
    "evidence_behind",
    "specific_evidence",
    "evidence_quality",
    "vague_attribution",
    "counterarguments",
    "answered",
    "sweeping_words",
    "names_a_source",
    "quotations",
]


def sentences(comps: Sequence[Component]) -> list[tuple[Component, ...]]:
    """The components grouped by sentence, in order.

    Components that segmenting found in one sentence are one sentence (their provenance). In a
    map made by hand, a component continues the sentence of the one before it when both are in
    one paragraph, the earlier one does not end a sentence (".", "!" or "?", maybe before a
    closing quotation mark), at most two characters (", " or a space) separate them, and it
    starts with a small letter: "Teenagers are the worst | because they are on Instagram all day."

    >>> from argmap.model import Component, Kind
    >>> a = Component("c1", Kind.CLAIM, "Pupils sleep less", 0, 17, 1, 1)
    >>> b = Component("c2", Kind.CLAIM, "because they scroll.", 18, 38, 1, 1)
    >>> c = Component("c3", Kind.CLAIM, "Grades fall.", 39, 51, 1, 1)
    >>> [[x.id for x in s] for s in sentences((a, b, c))]
    [['c1', 'c2'], ['c3']]
    """
    groups: list[list[Component]] = []
    for c in comps:
        if groups and _same_sentence(groups[-1][-1], c):
            groups[-1].append(c)
        else:
            groups.append([c])
    return [tuple(g) for g in groups]


def _same_sentence(prev: Component, c: Component) -> bool:
    """Whether `c` continues the sentence of `prev`, the component before it: as segmenting
    found (their provenance), or, in a map made by hand, as the text shows."""
    if prev.provenance is not None and c.provenance is not None:
        return prev.provenance.sentence == c.provenance.sentence
    return (
        prev.paragraph == c.paragraph
        and not _SENTENCE_END.search(prev.text.rstrip())
        and 0 <= c.start - prev.end <= 2
        and c.text[:1].islower()
    )


def main_claims(comps: Sequence[Component], rels: Sequence[Relation]) -> list[Component]:
    """The claims that need evidence of their own: a paragraph's points.

    Left out: claims that support another claim (they explain it and share its evidence), and
    claims that only cause or are caused by another component ("because they have more time to
    rest" in "Workers are healthier because they have more time to rest"), whose point is
    carried by the component the causal chain supports;
    in an essay of three or more paragraphs, claims in the conclusion (the last paragraph) and
    in an introduction that states the thesis (the first paragraph), which sum up or preview
    the body, where the evidence belongs;
    and concessions, a claim standing between a counterclaim and a rebuttal in one paragraph
    ("This is an understandable worry. However, ...").

    >>> from argmap.model import Component, Kind, Relation, RelationKind
    >>> a = Component("c1", Kind.CLAIM, "Phones distract.", 0, 16, 0, 0.9)
    >>> b = Component("c2", Kind.CLAIM, "Pupils check them.", 17, 35, 0, 0.9)
    >>> [c.id for c in main_claims((a, b), (Relation("c2", "c1", RelationKind.SUPPORTS, "", 1),))]
    ['c1']
    """
    kinds = {c.id: c.kind for c in comps}
    sub_claims = {
        r.source
        for r in rels
        if r.kind is RelationKind.SUPPORTS and kinds.get(r.target) is Kind.CLAIM
    }
    arguing = {r.source for r in rels if r.kind is not RelationKind.CAUSES}
    sub_claims |= {  # a link in a causal chain that backs no point itself
        end
        for r in rels
        if r.kind is RelationKind.CAUSES
        for end in (r.source, r.target)
        if end not in arguing
    }
    paragraphs = sorted({c.paragraph for c in comps})
    frame = set()  # the introduction, when it states the thesis, and the conclusion
    if len(paragraphs) >= 3:
        frame.add(paragraphs[-1])
        if any(c.kind is Kind.THESIS and c.paragraph == paragraphs[0] for c in comps):
            frame.add(paragraphs[0])
    out = []
    for k, c in enumerate(comps):
        if c.kind is not Kind.CLAIM or c.id in sub_claims or c.paragraph in frame:
            continue
        before, after = comps[k - 1] if k else None, comps[k + 1] if k + 1 < len(comps) else None
        if (
            before is not None
            and after is not None
            and before.kind is Kind.COUNTERCLAIM
            and after.kind is Kind.REBUTTAL
            and before.paragraph == c.paragraph == after.paragraph
        ):
            continue
        out.append(c)
    return out


def evidence_reaches(
    comps: Sequence[Component], rels: Sequence[Relation], sources: set[str] | None = None
) -> set[str]:
    """Ids of the components that evidence reaches through `supports` or `causes` relations,
    directly or through other components (evidence -> sub-claim -> claim counts): from all the
    evidence, or from the evidence components in `sources`. One walk, linear in the map.

    >>> from argmap.model import Component, Kind, Relation, RelationKind
    >>> c = [Component(i, k, "x", 0, 1, 0, 1) for i, k in
    ...      (("c1", Kind.CLAIM), ("c2", Kind.EVIDENCE), ("c3", Kind.EVIDENCE))]
    >>> r = [Relation("c2", "c1", RelationKind.SUPPORTS, "", 1),
    ...      Relation("c3", "c2", RelationKind.SUPPORTS, "", 1)]
    >>> sorted(evidence_reaches(c, r)), sorted(evidence_reaches(c, r, {"c2"}))
    (['c1', 'c2'], ['c1'])
    """
    ids = {c.id for c in comps}
    onward: dict[str, list[str]] = {}
    for r in rels:
        if r.kind in (RelationKind.SUPPORTS, RelationKind.CAUSES):
            onward.setdefault(r.source, []).append(r.target)
    todo = [c.id for c in comps if c.kind is Kind.EVIDENCE and (sources is None or c.id in sources)]
    seen: set[str] = set()
    while todo:
        for nxt in onward.get(todo.pop(), []):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen & ids


def backed(rels: Sequence[Relation]) -> set[str]:
    """Ids of the components something backs: the target of a `supports` or `causes` relation
    from any component (evidence, or a claim explaining a claim). Every component evidence
    reaches is one of them.

    >>> from argmap.model import Relation, RelationKind
    >>> sorted(backed([Relation("c2", "c1", RelationKind.SUPPORTS, "", 1),
    ...                Relation("c3", "c1", RelationKind.ATTACKS, "", 1)]))
    ['c1']
    """
    return {r.target for r in rels if r.kind in (RelationKind.SUPPORTS, RelationKind.CAUSES)}


def evidence_behind(comps: Sequence[Component], rels: Sequence[Relation], target: str) -> set[str]:
    """Ids of the evidence that reaches `target` through `supports` or `causes` relations,
    directly or through other components (the other way round from `evidence_reaches`).

    >>> from argmap.model import Component, Kind, Relation, RelationKind
    >>> c = [Component(i, k, "x", 0, 1, 0, 1) for i, k in
    ...      (("c1", Kind.CLAIM), ("c2", Kind.CLAIM), ("c3", Kind.EVIDENCE))]
    >>> r = [Relation("c2", "c1", RelationKind.SUPPORTS, "", 1),
    ...      Relation("c3", "c2", RelationKind.SUPPORTS, "", 1)]
    >>> evidence_behind(c, r, "c1")
    {'c3'}
    """
    back: dict[str, list[str]] = {}
    for r in rels:
        if r.kind in (RelationKind.SUPPORTS, RelationKind.CAUSES):
            back.setdefault(r.target, []).append(r.source)
    evidence = {c.id for c in comps if c.kind is Kind.EVIDENCE}
    seen, todo = {target}, [target]
    while todo:
        for x in back.get(todo.pop(), []):
            if x not in seen:
                seen.add(x)
                todo.append(x)
    return (seen - {target}) & evidence


def specific_evidence(comps: Sequence[Component]) -> set[str]:
    """Ids of the evidence components that are specific.

    Judged per sentence (see `sentences`): evidence is specific when its sentence has a figure
    or a name (a capitalised word that does not open the sentence, as in "Viola found", "in
    Kazakhstan"), or has evidence with an `evidence_type` (a statistic, a date or event, a named
    expert, an example, a quotation) other than general reasoning or a bare source: "Research
    has proven that ..." names no source, "A 2019 Ofsted report found" does.

    >>> from argmap.model import Component, Kind
    >>> t = "Research has proven that it harms sleep."
    >>> specific_evidence((Component("c1", Kind.EVIDENCE, t, 0, len(t), 1, 1, "source"),))
    set()
    >>> t = "As Conquest believed, the famine was the result of policy."
    >>> specific_evidence((Component("c1", Kind.EVIDENCE, t, 0, len(t), 1, 1),))
    {'c1'}
    """
    out: set[str] = set()
    for sentence in sentences(comps):
        text = sentence_text(sentence)
        if (
            _DIGIT.search(text)
            or _NUMBER_WORDS.search(text)
            or _has_name(text)
            or any(c.evidence_type not in _GENERAL for c in sentence)
        ):
            out.update(c.id for c in sentence if c.kind is Kind.EVIDENCE)
    return out


def evidence_quality(comps: Sequence[Component]) -> dict[str, str]:
    """Each evidence component's quality, in three steps, judged per sentence (see
    `sentences`): "sourced" when the sentence names where it comes from (a named author,
    organisation, study or document: "Beland and Murphy found", "a 2019 Ofsted report",
    "according to the BBC"), "specific" when it gives figures, names or examples but no source
    ("81 percent of crashes are caused by human error"), "general" when it is reasoning only.
    An appeal to unnamed authority ("studies show") is never sourced.

    >>> from argmap.model import Component, Kind
    >>> def q(t): return evidence_quality((Component("c", Kind.EVIDENCE, t, 0, len(t), 1, 1),))
    >>> q("A 2015 study by Beland and Murphy found that scores rose by 6 percent.")
    {'c': 'sourced'}
    >>> q("Research shows that 81 percent of crashes are caused by human error.")
    {'c': 'specific'}
    >>> q("Phones distract pupils, so they learn less.")
    {'c': 'general'}
    """
    specific = specific_evidence(comps)
    out: dict[str, str] = {}
    for sentence in sentences(comps):
        ids = [c.id for c in sentence if c.kind is Kind.EVIDENCE]
        if not ids:
            continue
        text = sentence_text(sentence)
        step = (
            "sourced"
            if _sourced(text)
            else "specific"
            if any(i in specific for i in ids)
            else "general"
        )
        out.update((i, step) for i in ids)
    return out


def _sourced(text: str) -> bool:
    """Whether the sentence `text` names where its evidence comes from: someone named saying or
    finding it, "according to" a name, or a study, report, book ... with a name or a year."""
    if vague_attribution(text):
        return False
    words = {w.lower() for w in _TOKEN.findall(_AN_ESTIMATED.sub(" ", text))}
    named = _has_name(text)
    if named and (words & _SOURCE_VERBS or (quotations(text) and words & SPEECH_VERBS)):
        return True
    if _ACCORDING_TO_NAME.search(text):
        return True
    return bool(words & _SOURCE_WORDS) and (named or bool(_YEAR.search(text)))


def vague_attribution(text: str) -> str | None:
    """The appeal to an unnamed authority in `text` ("studies show", "experts say", "it has been
    shown by scholars", "it is a known fact"), or None.

    >>> vague_attribution("Studies have shown that phones distract pupils.")
    'Studies have shown'
    >>> vague_attribution("Evidence from trials involving thousands of workers shows that ...")
    'Evidence from trials involving thousands of workers shows'
    >>> vague_attribution("Trials in Iceland in 2019 showed that ...") is None
    True
    """
    m = _VAGUE_ATTRIBUTION.search(text)
    if m is None:
        return None
    # "trials in Iceland show", "experts at Harvard say": the authority is named after all.
    named = any(w[0].isupper() or w[0].isdigit() for w in m.group(0).split()[1:])
    return None if named or _NAMED_AUTHORITY.match(text, m.end()) else m.group(0)


def counterarguments(
    comps: Sequence[Component], rels: Sequence[Relation]
) -> list[tuple[Component, ...]]:
    """The opposing views the essay states, each as the counterclaims that make it up.

    Counterclaims next to each other in one paragraph are one view ("Critics argue X. They claim
    Y."), and so is a counterclaim with the counterclaims that support or cause it (its reasons).

    >>> from argmap.model import Component, Kind
    >>> cc = [Component(f"c{i}", Kind.COUNTERCLAIM, "Some say so.", 0, 12, p, 1)
    ...       for i, p in ((1, 1), (2, 1), (3, 2))]
    >>> [[c.id for c in view] for view in counterarguments(cc, ())]
    [['c1', 'c2'], ['c3']]
    """
    order = {c.id: k for k, c in enumerate(comps)}
    parent = {c.id: c.id for c in comps if c.kind is Kind.COUNTERCLAIM}

    def root(cid: str) -> str:
        while parent[cid] != cid:
            parent[cid] = parent[parent[cid]]
            cid = parent[cid]
        return cid

    def join(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb, key=order.__getitem__)] = min(ra, rb, key=order.__getitem__)

    for a, b in zip(comps, comps[1:], strict=False):
        if a.id in parent and b.id in parent and a.paragraph == b.paragraph:
            join(a.id, b.id)
    for r in rels:
        if r.kind is not RelationKind.ATTACKS and r.source in parent and r.target in parent:
            join(r.source, r.target)
    views: dict[str, list[Component]] = {}
    for c in comps:
        if c.id in parent:
            views.setdefault(root(c.id), []).append(c)
    return [tuple(v) for v in views.values()]


def answered(
    view: Sequence[Component], rels: Sequence[Relation], comps: Sequence[Component] = ()
) -> bool:
    """Whether an opposing view is answered: something attacks (a rebuttal answers) one of its
    counterclaims, or one is a concession whose own sentence goes on with the writer's point
    ("Though they are efficient, they should not be allowed": the thesis, a claim or a rebuttal
    right after it in the same sentence, or any clause but another counterclaim that turns
    with "but", "yet" or "however": "Society does not need them, but given ... they seem a
    logical next step"; `comps` are the map's components in text order). The turn counts
    whatever role the clause got: on the cross-validation's held-out maps of train + dev,
    unanswered-counterclaim findings 151 -> 139, precision 0.18 -> 0.19, none right lost.

    >>> from argmap.model import Component, Kind
    >>> cc = Component("c1", Kind.COUNTERCLAIM, "Though they are efficient", 0, 25, 1, 1)
    >>> own = Component("c2", Kind.THESIS, "they should not be allowed.", 27, 54, 1, 1)
    >>> answered([cc], (), [cc, own]), answered([cc], ())
    (True, False)
    >>> turn = Component("c2", Kind.CONTEXT, "but they seem a next step.", 27, 53, 1, 1)
    >>> answered([cc], (), [cc, turn])
    True
    """
    ids = {c.id for c in view}
    if any(r.kind is RelationKind.ATTACKS and r.target in ids for r in rels):
        return True
    for a, b in zip(comps, comps[1:], strict=False):
        if a.id in ids and _same_sentence(a, b) and (b.kind in _OWN_POINTS or _turns(b)):
            return True
    return False


_OWN_POINTS = frozenset({Kind.THESIS, Kind.CLAIM, Kind.REBUTTAL})
_TURN_WORDS = frozenset({"but", "yet", "however"})


def _turns(c: Component) -> bool:
    """Whether a component other than a counterclaim opens on a turn ("but", "yet", "however")."""
    first = c.text.split(maxsplit=1)[:1]
    return (
        c.kind is not Kind.COUNTERCLAIM
        and bool(first)
        and first[0].lower().strip(",") in _TURN_WORDS
    )


def sweeping_words(text: str) -> list[str]:
    """The universal words that make `text` a sweeping generalisation, in text order.

    Kept to the forms that make a claim about all people or all times: "everyone", "everybody",
    "nobody" or "no one" as the subject of a clause ("Everyone knows", "..., but nobody cares")
    or after a judgement ("bad for everyone", "a negative effect on everybody"); "always" or
    "never" with a plain verb ("Teenagers never read"); "all" or "every" with a noun opening the
    statement or a "that" clause ("All historians agree", "It is clear that every student ...").
    Not counted: quoted words, a qualifier before the word ("not always", "almost everyone",
    "hardly ever"), a condition ("if everyone ...", "without everyone ..."), a modal, perfect or
    infinitive ("can always", "has never driven", "told me to always wash"), advice ("everyone
    should"), "always a chance", "I never", "every day", "after all", "never (seen) before".

    >>> sweeping_words("Everyone knows that all teenagers are always online.")
    ['everyone', 'all teenagers', 'always']
    >>> sweeping_words("Bans do not always work, and almost everyone keeps a phone every day.")
    []
    >>> sweeping_words("If everyone drove less, there would always be a chance of fewer crashes.")
    []
    >>> sweeping_words("Solutions now work at a level never seen before, and phones never help.")
    ['never']
    >>> sweeping_words("My father told me to always check the mirrors.")
    []
    """
    low = text.lower()
    for start, end in quotations(text, min_words=1):
        low = low[:start] + " " * (end - start) + low[end:]
    hits: list[tuple[int, str]] = []
    for pattern in (_EVERYONE_SUBJECT, _EVERYONE_JUDGED):
        for m in pattern.finditer(low):
            if not _ADVICE.match(low, m.end()):
                hits.append((m.start(1), m.group(1)))
    for m in _ALWAYS.finditer(low):
        novel = m.group(1) == "never" and _NOVEL.match(low, m.end())
        if not (_MODAL.search(low[: m.start()]) or _CHANCE.match(low, m.end()) or novel):
            hits.append((m.start(), m.group(1)))
    for m in _ALL_EVERY.finditer(low):
        det, noun = m.group(2), m.group(3)
        if noun in _NOT_PEOPLE:
            continue
        if det == "all" and not (noun.endswith("s") and not noun.endswith("ss")):
            if noun not in ("people", "men", "women", "children"):
                continue
        hits.append((m.start(2), f"{det} {noun}"))
    return [w for at, w in sorted(set(hits)) if not _qualified(low, at)]


def _qualified(low: str, at: int) -> bool:
    """Whether the universal word at `at` is qualified or stands in a condition."""
    before = low[:at]
    clause = re.split(r"[,;:(\u2014]", before)[-1]
    return bool(_HEDGE.search(before) or _CONDITION.search(clause))


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
# Sources: "according to" a name; the documents a source is; a year.
_ACCORDING_TO_NAME = re.compile(r"\b(?i:according\s+to\s+(?:the\s+)?)[A-Z0-9]")
_SOURCE_WORDS = frozenset(
    "study studies survey surveys report reports research article articles book books paper "
    "papers poll polls census journal newspaper review reviews analysis investigation inquiry "
    "experiment experiments interview interviews documentary letter letters diary "
    "speech speeches website statistics data".split()
)
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
# Verbs with which a named author or body gives a finding or a view ("Viola estimated", "the
# Pew Research Center found"); "said", "told", "announced" name a source only for a quotation
# (an actor's deed, "Stalin told officials to ...", is not a source).
_SOURCE_VERBS = frozenset(
    "found finds showed shows shown wrote writes argued argues concluded concludes estimated "
    "estimates reported reports noted notes observed observes calculated calculates documented "
    "recorded suggests suggested warned warns claims claimed believed believes".split()
)
_AN_ESTIMATED = re.compile(r"\b(?:an|the)\s+estimated\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
# A figure in words: "nine to eleven hours", "two thirds of pupils", "a million people" (not
# "thousands of workers", "two sides").
_NUMBER_WORDS = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion)\s+(?:to\s+\w+\s+)?(?:of\s+)?(?:the\s+)?(?!sides?\b|ways?\b|"
    r"reasons?\b|things?\b|points?\b|arguments?\b|aspects?\b)[a-z]+",
    re.IGNORECASE,
)
# Evidence types that show nothing specific (general reasoning, a bare unnamed source, a vague
# appeal to authority).
_GENERAL = frozenset({None, "source", "reasoning"})
_UNNAMED = (
    r"(?:studies|research|researchers|experts|scientists|scholars|doctors|specialists|"
    r"statistics|surveys|reports|data|psychologists|economists|historians|analysts|people|"
    r"evidence|trials|tests|experiments)"
)
_SOME = r"(?:(?:many|some|most|several|numerous|recent|other|countless|a\s+lot\s+of|lots\s+of)\s+)?"
_VAGUE_ATTRIBUTION = re.compile(
    rf"\b{_SOME}{_UNNAMED}(?:\s+(?:from|of|on|in|into|involving|with)(?:\s+[\w'’-]+){{1,6}}?)?"
    r"\s+(?:have\s+|has\s+)?(?:been\s+|also\s+|even\s+)?"
    r"(?:show|shows|shown|showed|prove|proves|proved|proven|find|finds|found|suggest|suggests|"
    r"suggested|say|says|said|agree|agrees|agreed|indicate|indicates|indicated|claim|claims|"
    r"confirm|confirms|confirmed|believe|believes|warn|warns)\b"
    rf"|\b(?:has|have)\s+been\s+(?:shown|proven|proved|found|confirmed|suggested)\s+by\s+"
    rf"{_SOME}{_UNNAMED}\b"
    rf"|\baccording\s+to\s+{_SOME}{_UNNAMED}\b"
    r"|\b(?:it\s+is|it's|it\s+has\s+been)\s+(?:a\s+)?(?:well[- ]known|known|proven|"
    r"common\s+knowledge|a\s+known\s+fact|a\s+proven\s+fact|a\s+fact)\b"
    r"|\b(?:everyone|everybody)\s+knows\b",
    re.IGNORECASE,
)
# What names the authority right after the appeal: "studies by Ofsted", "experts at Harvard".
_NAMED_AUTHORITY = re.compile(r"\s+(?:by|at|from|of|in)\s+(?:the\s+)?[A-Z0-9]")
# A double-quoted passage, or a single-quoted one whose marks are not apostrophes ("child's").
_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*")
_EVERYONE = r"(everyone|everybody|nobody|no[- ]one)\b"
_EVERYONE_SUBJECT = re.compile(
    r"(?:^|\bthat\s+|[,;:]\s+|\b(?:and|but|because|so|yet)\s+)" + _EVERYONE
)
_EVERYONE_JUDGED = re.compile(
    r"\b(?:bad|good|harmful|dangerous|better|worse|best|worst|beneficial|damaging|unfair|fair"
    r"|effect|effects|impact|useful|useless|important)\s+(?:for|to|on)\s+" + _EVERYONE
)
# "Everyone should ...": advice to all, not a statement about all.
_ADVICE = re.compile(r"\s+(?:should|must|ought|needs to|need to)\b")
_ALWAYS = re.compile(r"\b(always|never)\b")
# A modal, a perfect or an infinitive before "always"/"never" ("can always", "has never", "told
# me to always wash"): a possibility, an experience or advice, not a sweeping present.
_MODAL = re.compile(
    r"(?:\b(?:can|could|may|might|will|would|shall|should|must|has|have|had|to)|'ve|'d|'ll|’ve"
    r"|’d|’ll)\s+$"
)
# "always a chance", "always been": a possibility or a perfect, not a sweeping present.
_CHANCE = re.compile(
    r"\s+(?:been\b|(?:be\s+)?(?:a|an|the|some)\s+(?:chance|risk|possibility|danger|way))"
)
# "a level never seen before", "never before": something new, not a claim about all times.
_NOVEL = re.compile(r"\s+(?:[a-z]+\s+)?before\b")
_ALL_EVERY = re.compile(
    r"(^|\bthat\s+|^(?:and|but|so|because|yet|also|moreover|furthermore)[, ]+)"
    r"(all|every)\s+([a-z]+)"
)
# A qualifier just before a universal word takes the sweep out of it.
_HEDGE = re.compile(
    r"(?:\bnot|n't|n’t|\balmost|\bnearly|\bvirtually|\bpractically|\bhardly|\bscarcely"
    r"|\bquite|\bi|\bafter|\babove|\bat|\bof)\s+$"
)
# Words opening a condition: "if everyone ...", "without everyone ...", "in case that ...".
_CONDITION = re.compile(r"\b(?:if|unless|whether|without|when|whenever|case)\b")
# Nouns after "all"/"every" that measure time or quantity rather than people or things.
_NOT_PEOPLE = frozenset(
    "day days week weeks year years month months time times night nights morning mornings "
    "evening evenings hour hours minute minutes lesson lessons weekend weekends term terms "
    "summer winter season seasons the of over in that this these those their his her its our "
    "my your we they but and kinds sorts sort kind other others one".split()
)
# Capitalised words that open a sentence before a reporting verb without naming anyone.
_NOT_NAMES = frozenset(
    "as a an the this that these those he she it they we you i one someone somebody people "
    "experts critics historians scientists researchers teachers parents students doctors "
    "officials many some most others another everyone everybody studies research reports "
    "surveys witnesses supporters opponents politicians journalists commentators economists "
    "according when while in if but and so yet".split()
)
_PRONOUN_SPEAKERS = frozenset({"he", "she", "they"})
_WRITER = frozenset({"i", "we", "you", "you're", "you’re", "i'm", "i’m"})
# Quotations that belong to no one: "the old saying", "the slogan".
_SAYINGS = frozenset("saying proverb motto slogan catchphrase expression".split())
# The text the essay answers, named as such: "as the article states", "the author writes".
_THE_READING = re.compile(r"\b(?:the|this) (?:article|author|text|passage|reading)\b", re.I)


def sentence_text(sentence: Sequence[Component]) -> str:
    """The text of a sentence's components at their own offsets, gaps filled with spaces."""
    base = sentence[0].start
    out = ""
    for c in sentence:
        out += " " * max(0, c.start - base - len(out)) + c.text
    return out


def component_at(sentence: Sequence[Component], pos: int) -> Component:
    """The component of `sentence` at offset `pos` of its `sentence_text`."""
    base = sentence[0].start
    return next((c for c in sentence if pos < c.end - base), sentence[-1])


def _has_name(text: str, outside: str | None = None) -> bool:
    """Whether `text` (or its `outside` version, with quotations blanked) names someone.

    A name is a capitalised word that does not open the sentence ("I" aside), or an opening one
    followed by another capitalised word, a possessive or a reporting verb, and not a pronoun or
    a common noun for a group ("Experts said").
    """
    tokens = [m.group() for m in _TOKEN.finditer(text if outside is None else outside)]
    for i, word in enumerate(tokens):
        if not word[0].isupper() or word == "I":
            continue
        if i > 0:
            return True
        nxt = tokens[1] if len(tokens) > 1 else ""
        if word.lower() in _NOT_NAMES:
            continue
        if nxt[:1].isupper() or word.endswith(("'s", "’s")) or nxt.lower() in SPEECH_VERBS:
            return True
    return False


# A parenthetical citation right after a quotation: ("Self-Driving Cars", par. 18), (Smith 42),
# (par. 28): a page, a paragraph, a title or a name in brackets.
_CITATION = re.compile(r"""[\s,]*\((?=[^()]*[0-9A-Z"\u201c])[^()]{1,100}(?:\)|$)""")


def names_a_source(text: str, quotes: Sequence[tuple[int, int]], previous: str) -> bool:
    """Whether the sentence `text`, outside its `quotes`, names who said them (or, for a "he",
    "she" or "they", whether the `previous` sentence names someone) or the text the essay
    answers ("as the article states"), or a parenthetical citation follows a quotation
    ("..." (Smith 42); "..." (par. 28)).

    >>> names_a_source('"Cars talk to each other" (par. 28).', [(0, 25)], "")
    True
    >>> names_a_source('"Cars talk to each other" (they do).', [(0, 25)], "")
    False
    """
    if any(_CITATION.match(text, end) for _, end in quotes):
        return True
    outside = text
    for start, end in quotes:
        outside = outside[:start] + " " * (end - start) + outside[end:]
    if _has_name(text, outside) or _SAYINGS & {w.lower() for w in _TOKEN.findall(outside)}:
        return True
    if _THE_READING.search(outside):  # "As the article states, '...'"
        return True
    words = {w.lower() for w in _TOKEN.findall(outside)}
    if words & _WRITER:  # the writer's or the reader's own words: "you're thinking, '...'"
        return True
    return bool(words & _PRONOUN_SPEAKERS) and bool(previous) and _has_name(previous)
