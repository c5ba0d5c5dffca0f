"""Builders for the model objects tests need: maps, components, relations, units.

Import them with `from tests.factories import ...` (under `--import-mode=importlib` neither
conftest.py nor a plain `factories` module is importable, but pytest makes `tests` a package).

Two ways to get a map whose components carry correct offsets:

- `make_map(parts)` builds the text from parts; `essay(*paragraphs)` is the same with the parts
  of a paragraph joined by a space and paragraphs by a blank line.
- `annotate(text, passages)` finds each passage in a text that is already written.

A part or passage with a role becomes a component. Components made from parts are numbered c1,
c2, ... in text order, and relations and findings may name them by that number:

>>> m = essay([(Kind.THESIS, "Ban phones.")], [(Kind.CLAIM, "They distract.")],
...           relations=[(2, "supports", 1, "because")])
>>> m.text
'Ban phones.\\n\\nThey distract.'
>>> [(c.id, c.start, c.end, c.paragraph) for c in m.components]
[('c1', 0, 11, 0), ('c2', 13, 27, 1)]
>>> m.relations[0].source, m.relations[0].kind.value, m.relations[0].target
('c2', 'supports', 'c1')

`gold_doc(text, passages)` is a gold document annotated like `annotate`. `component(...)` makes
one component outside any text, for checks that read only its words; `unit(...)` a segmenter
unit.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from argmap.evaluation import GoldDoc
from argmap.model import (
    ArgumentMap,
    BlockKind,
    Component,
    Finding,
    Kind,
    Relation,
    RelationKind,
    Severity,
    Source,
    Unit,
)

__all__ = [
    "Part",
    "Link",
    "Note",
    "Passage",
    "CONCEPTS",
    "source",
    "component",
    "relation",
    "passage",
    "make_map",
    "essay",
    "annotate",
    "sample_map",
    "gold_doc",
    "unit",
]

#: Plain text, or `(role, text)` / `(role, text, evidence type)`: a component.
Part = str | tuple[Kind | str, str] | tuple[Kind | str, str, str | None]
#: A relation, or `(source, kind, target)` / `(source, kind, target, signal)`; an end is a
#: component id or the number n of component "cn".
Link = Relation | tuple[Any, ...]
#: A finding, or `(code, severity, message, component or None)`; the component as in `Link`.
Note = Finding | tuple[str, Severity | str, str, int | str | None]
#: A component, or `(id, role, where)` / `(id, role, where, evidence type)`, where `where` is a
#: phrase (its first occurrence in the text) or a `(start, end)` span.
Passage = Component | tuple[Any, ...]

CONFIDENCE = 0.8
#: Key phrases for a component, one holding the separator CSV cells join concepts with.
CONCEPTS = ("phone", "school; day")


def source(path: str = "essay.txt") -> Source:
    """A source record for a text file at `path` (its hash is all zeros)."""
    return Source(path, "0" * 64, "txt")


def component(
    id: str,
    kind: Kind | str = Kind.CLAIM,
    text: str = "Some words here.",
    *,
    paragraph: int = 0,
    start: int = 0,
    confidence: float = CONFIDENCE,
    evidence_type: str | None = None,
    concepts: Sequence[str] = (),
) -> Component:
    """A component on its own, at `start` (0 unless given) of a text that is not there."""
    return Component(
        id,
        Kind(kind),
        text,
        start,
        start + len(text),
        paragraph,
        confidence,
        evidence_type,
        tuple(concepts),
    )


def relation(
    source: int | str,
    kind: RelationKind | str,
    target: int | str,
    signal: str = "",
    confidence: float = CONFIDENCE,
) -> Relation:
    """`source` supports, attacks or causes `target` (ids, or numbers n of components "cn")."""
    return Relation(_id(source), _id(target), RelationKind(kind), signal, confidence)


def passage(
    text: str,
    id: str,
    kind: Kind | str,
    where: str | tuple[int, int],
    *,
    evidence_type: str | None = None,
    confidence: float = CONFIDENCE,
) -> Component:
    """The component `id` at a phrase of `text` (its first occurrence) or at a `(start, end)` span;
    its paragraph counts the blank lines before it."""
    if isinstance(where, str):
        start = text.index(where)
        end = start + len(where)
    else:
        start, end = where
    return Component(
        id,
        Kind(kind),
        text[start:end],
        start,
        end,
        text[:start].count("\n\n"),
        confidence,
        evidence_type,
    )


def make_map(
    parts: Sequence[Part],
    relations: Sequence[Link] = (),
    findings: Sequence[Note] = (),
    *,
    title: str = "Essay",
    path: str = "essay.txt",
    confidence: float = CONFIDENCE,
    concepts: Mapping[int | str, Sequence[str]] | None = None,
) -> ArgumentMap:
    """A map whose text is `parts` joined as they are; each part with a role is a component.

    Components are c1, c2, ... in order; a component's paragraph counts the blank lines before
    it. `concepts` gives key phrases to components by id or number.
    """
    text = ""
    components: list[Component] = []
    concepts_of = {_id(k): v for k, v in (concepts or {}).items()}
    for part in parts:
        if isinstance(part, str):
            text += part
            continue
        kind, words, *rest = part
        cid = f"c{len(components) + 1}"
        components.append(
            component(
                cid,
                kind,
                words,
                paragraph=text.count("\n\n"),
                start=len(text),
                confidence=confidence,
                evidence_type=rest[0] if rest else None,
                concepts=concepts_of.get(cid, ()),
            )
        )
        text += words
    return _map(title, text, components, relations, findings, path)


def essay(*paragraphs: Sequence[Part], **options: Any) -> ArgumentMap:
    """`make_map` with the parts of a paragraph joined by a space, paragraphs by a blank line."""
    parts: list[Part] = []
    for p, paragraph in enumerate(paragraphs):
        for k, part in enumerate(paragraph):
            if p or k:
                parts.append(" " if k else "\n\n")
            parts.append(part)
    return make_map(parts, **options)


def annotate(
    text: str,
    passages: Sequence[Passage],
    relations: Sequence[Link] = (),
    findings: Sequence[Note] = (),
    *,
    title: str = "Essay",
    path: str = "essay.txt",
    confidence: float = CONFIDENCE,
) -> ArgumentMap:
    """A map of `text` with a component at each passage (see `passage`), in the order given."""
    components = [
        p
        if isinstance(p, Component)
        else passage(
            text,
            p[0],
            p[1],
            p[2],
            evidence_type=p[3] if len(p) > 3 else None,
            confidence=confidence,
        )
        for p in passages
    ]
    return _map(title, text, components, relations, findings, path)


def gold_doc(
    text: str, passages: Sequence[Passage], relations: Sequence[Link] = (), name: str = "doc"
) -> GoldDoc:
    """A gold document of `text`, its components and relations given as for `annotate`."""
    m = annotate(text, passages, relations)
    return GoldDoc(name, m.text, m.components, m.relations)


def sample_map(*more: Link) -> ArgumentMap:
    """Phones in schools: every role and every relation kind, an evidence type, concepts, a
    finding on a component and one on the whole essay; `more` relations come last.

    c1 context and c2 thesis open the essay; in the second paragraph c3 (a claim) supports the
    thesis, c4 (evidence) supports c3, c5 (a counterclaim) attacks the thesis and c6 (a
    rebuttal) attacks c5, and c7 (a claim) causes c3 and is linked to nothing else.
    """
    return make_map(
        [
            (Kind.CONTEXT, "Phones are everywhere now. "),
            (Kind.THESIS, "Schools should ban phones. "),
            "\n\n",
            (Kind.CLAIM, "Phones distract students. "),
            (Kind.EVIDENCE, "In 2015 scores rose by 6.4% after bans. ", "statistic"),
            (Kind.COUNTERCLAIM, "Some say phones keep children safe. "),
            (Kind.REBUTTAL, "However, the office can call parents. "),
            (Kind.CLAIM, "Phones make bullying easier."),
        ],
        relations=[
            (3, "supports", 2, "Firstly"),
            (4, "supports", 3, "In 2015"),
            (5, "attacks", 2, "Some say"),
            (6, "attacks", 5, "However"),
            (7, "causes", 3, "-->"),
            *more,
        ],
        findings=[
            ("unsupported-claim", "warning", "This claim has no evidence.", 7),
            ("missing-conclusion", "info", "The essay has no conclusion.", None),
        ],
        title="Phones in schools",
        concepts={3: CONCEPTS, 7: CONCEPTS},
    )


def unit(start: int, end: int, paragraph: int = 0, sentence: int = 0, **fields: Any) -> Unit:
    """A unit of a paragraph block; `fields` sets the rest (cue, cue_type, features, ...)."""
    return Unit(start, end, paragraph, BlockKind.PARAGRAPH, sentence, **fields)


# --- helpers ----------------------------------------------------------------------------------


def _id(ref: int | str) -> str:
    return f"c{ref}" if isinstance(ref, int) else ref


def _relation(link: Link) -> Relation:
    return link if isinstance(link, Relation) else relation(*link)


def _finding(note: Note) -> Finding:
    if isinstance(note, Finding):
        return note
    code, severity, message, about = note
    return Finding(code, Severity(severity), message, None if about is None else _id(about))


def _map(
    title: str,
    text: str,
    components: Sequence[Component],
    relations: Sequence[Link],
    findings: Sequence[Note],
    path: str,
) -> ArgumentMap:
    return ArgumentMap(
        title,
        text,
        tuple(components),
        tuple(_relation(r) for r in relations),
        tuple(_finding(f) for f in findings),
        source(path),
    )


def tool_check(script: str) -> subprocess.CompletedProcess[str]:
    """Run `tools/<script> --check` (a training command's "is the shipped file what I would
    write?") from the repository root, capturing its output."""
    root = Path(__file__).resolve().parent.parent
    return subprocess.run(
        [sys.executable, str(root / "tools" / script), "--check"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
