"""The argmap data model: the only types the pipeline stages pass to each other.

Standard library only. Everything is an immutable dataclass; relations name component ids, never
objects, so a map round-trips through JSON and networkx unchanged.

>>> c = Component("c1", Kind.CLAIM, "Tea is good.", 0, 12, 0, 0.8)
>>> m = ArgumentMap("t", "Tea is good.", (c,), (), (), Source("-", "0" * 64, "txt"))
>>> ArgumentMap.from_dict(m.to_dict()) == m
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = [
    "SCHEMA",
    "Kind",
    "RelationKind",
    "Severity",
    "BlockKind",
    "CueType",
    "Feature",
    "Component",
    "Provenance",
    "Relation",
    "Finding",
    "Source",
    "ArgumentMap",
    "map_checksum",
    "Cleaned",
    "Block",
    "Unit",
    "Cause",
    "MapError",
    "InputError",
    "RawText",
]

SCHEMA = "argmap/1"


class MapError(ValueError):
    """A map (or the input it was built from) is not valid; the message says why, for a person."""


class InputError(Exception):
    """An input file cannot be read as an essay; the message is one line and names the file."""


class Kind(StrEnum):
    """The role of a component in the argument."""

    THESIS = "thesis"
    CLAIM = "claim"
    EVIDENCE = "evidence"
    COUNTERCLAIM = "counterclaim"
    REBUTTAL = "rebuttal"
    CONTEXT = "context"


class RelationKind(StrEnum):
    SUPPORTS = "supports"
    ATTACKS = "attacks"
    CAUSES = "causes"


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class BlockKind(StrEnum):
    """How a stretch of the cleaned text is laid out on the page."""

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    BULLET = "bullet"


@dataclass(frozen=True)
class Provenance:
    """Where a component came from, kept so no later stage derives it again: its offsets in the
    original input (the text as read, before cleaning: `input_start`, `input_end`), the number of
    its sentence in the essay (from 0), and the cue word that opened it ("however", "because",
    "-->"), if any."""

    input_start: int
    input_end: int
    sentence: int
    cue: str | None = None


@dataclass(frozen=True)
class Component:
    """An argumentative unit: `text == map.text[start:end]`; `provenance` is None in maps made
    or corrected by hand."""

    id: str
    kind: Kind
    text: str
    start: int
    end: int
    paragraph: int
    confidence: float
    evidence_type: str | None = None
    #: Key phrases (lemmatised, lowercased, one spelling) this component shares with others.
    concepts: tuple[str, ...] = ()
    provenance: Provenance | None = None
    #: Why the role classifier chose this role, in words ("opens with an opposing view's cue"),
    #: the strongest reasons first; empty when it cannot say (a map made by hand).
    why: tuple[str, ...] = ()


@dataclass(frozen=True)
class Relation:
    """A directed link between two components, with the cue (`signal`) that produced it."""

    source: str
    target: str
    kind: RelationKind
    signal: str
    confidence: float


@dataclass(frozen=True)
class Finding:
    """Something a teacher would write in the margin; `code` is stable kebab-case."""

    code: str
    severity: Severity
    message: str
    component: str | None = None


@dataclass(frozen=True)
class Source:
    path: str
    sha256: str
    format: str


@dataclass(frozen=True)
class ArgumentMap:
    title: str
    text: str
    components: tuple[Component, ...]
    relations: tuple[Relation, ...]
    findings: tuple[Finding, ...]
    source: Source

    def to_dict(self) -> dict[str, Any]:
        """The public JSON form (schema `argmap/1`), with a fixed key order."""
        return {
            "schema": SCHEMA,
            "title": self.title,
            "source": {
                "path": self.source.path,
                "sha256": self.source.sha256,
                "format": self.source.format,
            },
            "text": self.text,
            "components": [
                {
                    "id": c.id,
                    "kind": c.kind.value,
                    "text": c.text,
                    "start": c.start,
                    "end": c.end,
                    "paragraph": c.paragraph,
                    "confidence": c.confidence,
                    "evidence_type": c.evidence_type,
                    "concepts": list(c.concepts),
                    "provenance": _provenance_dict(c.provenance),
                    "why": list(c.why),
                }
                for c in self.components
            ],
            "relations": [
                {
                    "source": r.source,
                    "target": r.target,
                    "kind": r.kind.value,
                    "signal": r.signal,
                    "confidence": r.confidence,
                }
                for r in self.relations
            ],
            "findings": [
                {
                    "code": f.code,
                    "severity": f.severity.value,
                    "message": f.message,
                    "component": f.component,
                }
                for f in self.findings
            ],
        }

    def to_json(self) -> str:
        """Deterministic JSON text (same map, same bytes), ending in a newline.

        The last field, "checksum", is `map_checksum` of the rest: a map whose content no longer
        matches it has been changed since argmap wrote it, and argmap will not overwrite it.
        """
        data = self.to_dict()
        data["checksum"] = map_checksum(data)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArgumentMap:
        """Build a map from its JSON form; raise MapError naming every problem found."""
        from argmap.validate import validate

        problems = validate(data)
        if problems:
            raise MapError("; ".join(problems))
        src = data["source"]
        return cls(
            title=data["title"],
            text=data["text"],
            components=tuple(
                Component(
                    id=c["id"],
                    kind=Kind(c["kind"]),
                    text=c["text"],
                    start=c["start"],
                    end=c["end"],
                    paragraph=c["paragraph"],
                    confidence=float(c["confidence"]),
                    evidence_type=c.get("evidence_type"),
                    concepts=tuple(c.get("concepts", ())),
                    provenance=_provenance(c.get("provenance")),
                    why=tuple(c.get("why") or ()),
                )
                for c in data["components"]
            ),
            relations=tuple(
                Relation(
                    source=r["source"],
                    target=r["target"],
                    kind=RelationKind(r["kind"]),
                    signal=r["signal"],
                    confidence=float(r["confidence"]),
                )
                for r in data["relations"]
            ),
            findings=tuple(
                Finding(
                    code=f["code"],
                    severity=Severity(f["severity"]),
                    message=f["message"],
                    component=f.get("component"),
                )
                for f in data["findings"]
            ),
            source=Source(path=src["path"], sha256=src["sha256"], format=src["format"]),
        )

    @classmethod
    def from_json(cls, text: str) -> ArgumentMap:
        """Read a map from its JSON text (`validate.parse_json`); raise MapError naming every
        problem found."""
        from argmap.validate import parse_json

        data, problems = parse_json(text)
        if data is None:
            raise MapError("; ".join(problems))
        return cls.from_dict(data)


def map_checksum(data: dict[str, Any]) -> str:
    """The checksum of a map in its JSON form: the SHA-256 of its JSON text without the field
    "checksum" (as `ArgumentMap.to_json` lays it out).

    >>> map_checksum({"schema": "argmap/1"}) == map_checksum({"schema": "argmap/1", "checksum": 1})
    True
    """
    import hashlib  # here: `argmap --help` imports this module

    body = {key: value for key, value in data.items() if key != "checksum"}
    text = json.dumps(body, ensure_ascii=False, indent=2)
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _provenance_dict(p: Provenance | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "input_start": p.input_start,
        "input_end": p.input_end,
        "sentence": p.sentence,
        "cue": p.cue,
    }


def _provenance(raw: dict[str, Any] | None) -> Provenance | None:
    if raw is None:
        return None
    return Provenance(raw["input_start"], raw["input_end"], raw["sentence"], raw.get("cue"))


# --- Intermediate types passed between stages (not part of the public JSON) -----------------


@dataclass(frozen=True)
class RawText:
    """Output of `read`: decoded text of one input, before cleaning.

    `source.format` is the detected format ("txt", "md", ...); `encoding` what the bytes were
    decoded from ("utf-8", "utf-16", "cp1252", ...).
    """

    text: str
    source: Source
    encoding: str


@dataclass(frozen=True)
class Cleaned:
    """Output of `clean`: the cleaned text and, per character, its offset in the original text.

    `origin[i]` is the offset in the original text of `text[i]` (for inserted characters, the offset
    of the nearest original character before it), so `len(origin) == len(text)`.
    """

    text: str
    origin: tuple[int, ...]
    repairs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """A layout block of the cleaned text: a paragraph, heading, bullet line or the title.

    `paragraph` numbers the essay's paragraphs from 0; a heading starts a new paragraph number, and
    consecutive bullets under one heading share one. `arrow` is the arrow token (`->`, `-->`, `=>`,
    `→`) when the block is written as "A --> B".
    """

    kind: BlockKind
    start: int
    end: int
    paragraph: int
    arrow: str | None = None


class CueType(StrEnum):
    """The class of the discourse cue that opens a unit (the classes of `argmap/data/cues.json`),
    or MAIN: the main clause after a subordinate or causal clause was split off before it."""

    THESIS = "thesis"
    CONCLUSION = "conclusion"
    COUNTER = "counter"
    CONCESSION = "concession"
    CONTRAST = "contrast"
    CAUSAL_FORWARD = "causal_forward"
    CAUSAL_BACKWARD = "causal_backward"
    EXAMPLE = "example"
    EVIDENCE = "evidence"
    CLAIM = "claim"
    CONDITION = "condition"
    ADDITION = "addition"
    MAIN = "main"


class Feature(StrEnum):
    """A linguistic signal `segment` finds in a unit, for the role classifier."""

    NUMBER = "number"  # a count or measure, not a year
    PERCENT = "percent"
    DATE = "date"  # a date, an event or a year
    PERSON = "person"  # a person's name
    ORG = "org"  # an organisation or a group (NORP)
    PLACE = "place"
    QUOTE = "quote"  # a quotation of a dozen characters or more
    REPORTING = "reporting"  # a reporting verb: says, argues, found, ...
    SOURCE = "source"  # a source word: study, survey, report, ...
    MODAL = "modal"  # should, must, ought, need, cannot
    REPORTED_VIEW = "reported-view"  # "... and they claim that ...": someone else's view
    HEDGE = "hedge"  # may, might, perhaps, ...
    FIRST_PERSON = "first-person"
    VAGUE = "vague"  # "studies show", "some people say"
    EXAMPLE = "example"  # for example, for instance, such as
    QUESTION = "question"
    FRAGMENT = "fragment"  # no verb
    CLAUSE = "clause"  # not the first clause of its sentence


@dataclass(frozen=True)
class Cause:
    """A causal tie between a unit and its neighbour in the same paragraph, found by `segment`.

    `link` says which way it runs: "from-previous" (the previous unit causes this one),
    "to-previous" (this unit causes the previous one), "to-next" or "from-next". `signal` is the
    words that state it ("because", "led to", "-->"), `pattern` the rule that found it (a
    connective class or a pattern name in `argmap/data/causal.json`), `sense` cause, purpose or
    condition.
    """

    signal: str
    link: str
    confidence: float
    pattern: str
    sense: str = "cause"


@dataclass(frozen=True)
class Unit:
    """A segment (sentence or clause) with the linguistic features the classifier reads.

    `cue` is the discourse connective that introduced this unit ("however", "because", "-->") and
    `cue_type` its class (`CueType`); `features` holds the signals (`Feature`) found in it, such
    as a number, a date, a name, a quotation, a reporting verb, a modal verb. `cause` is the
    causal tie to a neighbouring unit, if the text states one; `concepts` the key phrases (noun
    chunks and names, lemmatised, one spelling) the unit mentions; `vector` the parser's context
    vectors of its words averaged (spaCy's `tok2vec`, `Doc.tensor`; empty when the pipeline sets
    none), which the learned role model reads beside the named features.
    """

    start: int
    end: int
    paragraph: int
    block: BlockKind
    sentence: int
    cue: str | None = None
    cue_type: CueType | None = None
    features: frozenset[Feature] = field(default_factory=frozenset)
    first_in_paragraph: bool = False
    last_in_paragraph: bool = False
    cause: Cause | None = None
    concepts: tuple[str, ...] = ()
    vector: tuple[float, ...] = ()
