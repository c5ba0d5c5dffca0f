"""Gold annotations (microtext XML, brat standoff, argmap JSON) read into `GoldDoc`s.

A `GoldDoc` holds the document text, its components (role and offsets into that text) and the
relations between them. `load_gold` reads files and folders; `GOLD_READERS` has one reader per
`GoldFormat`. Standard library only.

Microtext XML (Peldszus & Stede) to our roles and relations
-----------------------------------------------------------
- Text: the `.txt` beside the `.xml`. Each EDU is found in it by a sequential search that ignores
  whitespace and letter case; an EDU that cannot be found is skipped and named in
  `GoldDoc.warnings` (none are, in part1 and part2).
- Components: one per ADU, id = the ADU id, span = from the first to the last character of the EDUs
  (or joints) segmented into it (`seg` edges).
- Relations: `sup` and `exa` -> supports (source ADU -> target ADU); `reb` -> attacks. `und`
  attacks an edge; we read it as an attack on that edge's *source* ADU (an undercutter of an
  opponent's objection rebuts the objection). `add` joins an ADU to an edge as a further premise;
  the added ADU stays its own component and gets the relation of the edge it joins (same kind,
  same target).
- Roles: the ADU(s) with no outgoing argumentative edge (the central claim) -> thesis; `opp` ADUs
  -> counterclaim; `pro` ADUs attacking an `opp` ADU -> rebuttal; `pro` ADUs supporting the thesis
  directly (`sup`, or `add` to such a `sup`) -> claim; every other `pro` ADU (examples, premises of
  claims or rebuttals) -> evidence.

brat standoff (`.ann` beside a `.txt` of the same stem)
-------------------------------------------------------
MajorClaim -> thesis (all of them); Claim with `Stance ... Against` -> counterclaim; other Claims
-> claim; Premise -> evidence, or rebuttal when it attacks a counterclaim. A claim without an
explicit outgoing relation supports the first MajorClaim in the text, a counterclaim without one
attacks it. A discontinuous span ("0 5;7 10") becomes one span from its first to its last
character.

argmap JSON: the map's own text, components and relations, unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.model import ArgumentMap, Component, InputError, Kind, MapError, Relation, RelationKind

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET  # imported where microtexts are read

__all__ = ["GoldFormat", "SUFFIXES", "GoldDoc", "GOLD_READERS", "load_gold"]


class GoldFormat(StrEnum):
    """A gold annotation format `load_gold` reads, with one suffix and one reader each.

    >>> list(GoldFormat) == list(SUFFIXES) == list(GOLD_READERS)
    True
    """

    MICROTEXT = "microtext"
    BRAT = "brat"
    ARGMAP = "argmap"


SUFFIXES: dict[GoldFormat, str] = {
    GoldFormat.MICROTEXT: ".xml",
    GoldFormat.BRAT: ".ann",
    GoldFormat.ARGMAP: ".json",
}


@dataclass(frozen=True)
class GoldDoc:
    """One gold document: components carry offsets into `text`; `warnings` lists skipped parts."""

    name: str
    text: str
    components: tuple[Component, ...]
    relations: tuple[Relation, ...]
    warnings: tuple[str, ...] = ()

    def covering(self, start: int, end: int) -> Component | None:
        """The gold component covering most of [start, end), if it covers half of it (how a
        unit found by argmap takes a gold role for training)."""
        best, found = 0, None
        for c in self.components:
            covered = min(end, c.end) - max(start, c.start)
            if covered > best:
                best, found = covered, c
        return found if best * 2 >= end - start else None


class _GoldError(ValueError):
    """A problem in one gold file; `load_gold` adds the file name."""


# --- reading gold -----------------------------------------------------------------------------


def load_gold(paths: Sequence[Path], fmt: GoldFormat | None = None) -> list[GoldDoc]:
    """Read gold documents from files and folders (a folder's matching files, sorted by name).

    >>> load_gold([Path("missing-folder")])
    Traceback (most recent call last):
    argmap.model.InputError: missing-folder: no such file or folder
    """
    docs: list[GoldDoc] = []
    for path in paths:
        for file in _gold_files(Path(path), fmt):
            docs.append(_read_gold(file, fmt or _guess_format(file)))
    return docs


def _gold_files(path: Path, fmt: GoldFormat | None) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise InputError(f"{path}: no such file or folder")
    wanted = {SUFFIXES[fmt]} if fmt else set(SUFFIXES.values())
    files = sorted(
        (f for f in path.iterdir() if f.is_file() and f.suffix.lower() in wanted),
        key=lambda f: f.name,
    )
    if not files:
        raise InputError(f"{path}: no gold files ({', '.join(sorted(wanted))}) in this folder")
    return files


def _guess_format(path: Path) -> GoldFormat:
    for fmt, suffix in SUFFIXES.items():
        if path.suffix.lower() == suffix:
            return fmt
    raise InputError(f"{path}: unknown gold format (use .xml microtext, .ann brat or .json argmap)")


def _read_gold(path: Path, fmt: GoldFormat) -> GoldDoc:
    try:
        return GOLD_READERS[fmt](path)
    except OSError as exc:
        message = f"cannot read {exc.filename or path} ({exc.strerror})"
    except UnicodeDecodeError:
        message = "not UTF-8 text"
    except (_GoldError, MapError) as exc:
        message = str(exc)
    except RecursionError:
        message = "the edges of the graph form a cycle"
    raise InputError(f"{path}: {' '.join(message.split())}")


def _read_text(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as f:  # newline="": keep offsets exact
        return f.read()


def _paragraph(text: str, start: int) -> int:
    return len(re.findall(r"\n[^\S\n]*\n", text[:start]))


def _component(text: str, cid: str, kind: Kind, start: int, end: int) -> Component:
    return Component(cid, kind, text[start:end], start, end, _paragraph(text, start), 1.0)


def _relation(source: str, target: str, kind: RelationKind) -> Relation:
    return Relation(source, target, kind, "", 1.0)


# --- argmap JSON ------------------------------------------------------------------------------


def _read_argmap(path: Path) -> GoldDoc:
    m = ArgumentMap.from_json(_read_text(path))
    return GoldDoc(path.stem, m.text, m.components, m.relations)


# --- microtext XML ----------------------------------------------------------------------------


def _read_microtext(path: Path) -> GoldDoc:
    import xml.etree.ElementTree as ET

    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise _GoldError(f"not valid XML ({exc})") from None
    text = _read_text(path.with_suffix(".txt"))

    def attr(element: ET.Element, name: str) -> str:
        value = element.get(name)
        if value is None:
            raise _GoldError(f'<{element.tag}> without "{name}"')
        return value

    edus = [(attr(e, "id"), e.text or "") for e in root.iter("edu")]
    adus = {attr(a, "id"): attr(a, "type") for a in root.iter("adu")}
    edges = {
        attr(e, "id"): (attr(e, "src"), attr(e, "trg"), attr(e, "type")) for e in root.iter("edge")
    }
    spans, warnings = _locate_edus(text, edus)

    def span(node: str) -> tuple[int, int] | None:  # an EDU's span, or the union of its parts
        if node in spans:
            return spans[node]
        parts = [span(s) for s, t, kind in edges.values() if kind == "seg" and t == node]
        found = [p for p in parts if p is not None]
        return (min(p[0] for p in found), max(p[1] for p in found)) if found else None

    def resolve(edge_id: str) -> tuple[str, RelationKind, str]:  # (target ADU, kind, edge type)
        if edge_id not in edges:
            raise _GoldError(f'edge "{edge_id}" is not in the graph')
        src, trg, kind = edges[edge_id]
        if kind in ("sup", "exa"):
            return trg, RelationKind.SUPPORTS, kind
        if kind == "reb":
            return trg, RelationKind.ATTACKS, kind
        if kind == "und":  # attacks an edge: read as an attack on that edge's source
            return _edge_source(edges, trg), RelationKind.ATTACKS, kind
        if kind == "add":  # a further premise of the joined edge
            return resolve(trg)
        raise _GoldError(f'edge "{edge_id}" of type "{kind}" does not join two ADUs')

    links = [(src, *resolve(eid)) for eid, (src, _, kind) in edges.items() if kind != "seg"]
    for src, trg, _, _ in links:
        if src not in adus or trg not in adus:
            raise _GoldError(f'an edge links "{src}" to "{trg}", which are not both ADUs')
    kinds = _microtext_roles(adus, links)
    components = []
    for adu in adus:
        adu_span = span(adu)
        if adu_span is None:
            warnings.append(f'ADU "{adu}" has no located text')
            continue
        components.append(_component(text, adu, kinds[adu], *adu_span))
    kept = {c.id for c in components}
    relations = tuple(
        dict.fromkeys(
            _relation(src, trg, kind) for src, trg, kind, _ in links if {src, trg} <= kept
        )
    )
    return GoldDoc(path.stem, text, tuple(components), relations, tuple(warnings))


def _edge_source(edges: dict[str, tuple[str, str, str]], edge_id: str) -> str:
    if edge_id not in edges:
        raise _GoldError(f'edge "{edge_id}" is not in the graph')
    return edges[edge_id][0]


def _microtext_roles(
    adus: dict[str, str], links: list[tuple[str, str, RelationKind, str]]
) -> dict[str, Kind]:
    sources = {src for src, *_ in links}
    thesis = {a for a in adus if a not in sources}
    if not thesis:
        raise _GoldError("no central claim (every ADU has an outgoing edge)")
    kinds: dict[str, Kind] = {}
    for adu, side in adus.items():
        out = [(trg, kind, edge) for src, trg, kind, edge in links if src == adu]
        if adu in thesis:
            kinds[adu] = Kind.THESIS
        elif side == "opp":
            kinds[adu] = Kind.COUNTERCLAIM
        elif any(k == RelationKind.ATTACKS and adus.get(t) == "opp" for t, k, _ in out):
            kinds[adu] = Kind.REBUTTAL
        elif any(
            t in thesis and e in ("sup", "add") and k == RelationKind.SUPPORTS for t, k, e in out
        ):
            kinds[adu] = Kind.CLAIM
        else:
            kinds[adu] = Kind.EVIDENCE
    return kinds


def _fold(s: str) -> tuple[str, list[int]]:
    """`s` without whitespace, lower-cased character by character, and each kept offset."""
    offsets = [i for i, c in enumerate(s) if not c.isspace()]
    chars = (s[i].lower() if len(s[i].lower()) == 1 else s[i] for i in offsets)
    return "".join(chars), offsets


def _locate_edus(
    text: str, edus: list[tuple[str, str]]
) -> tuple[dict[str, tuple[int, int]], list[str]]:
    folded, offsets = _fold(text)
    spans: dict[str, tuple[int, int]] = {}
    warnings: list[str] = []
    at = 0
    for edu, edu_text in edus:
        needle = _fold(edu_text)[0]
        found = folded.find(needle, at) if needle else -1
        if found < 0:
            warnings.append(f'EDU "{edu}" not found in the text: {" ".join(edu_text.split())!r}')
            continue
        at = found + len(needle)
        spans[edu] = (offsets[found], offsets[at - 1] + 1)
    return spans, warnings


# --- brat standoff ----------------------------------------------------------------------------


_BRAT_LINE = re.compile(r"(?P<label>\S+) (?P<spans>\d+ \d+(?:;\d+ \d+)*)")


def _read_brat(path: Path) -> GoldDoc:
    text = _read_text(path.with_suffix(".txt"))
    spans: dict[str, tuple[str, int, int]] = {}
    explicit: list[tuple[str, str, RelationKind]] = []
    against: set[str] = set()
    for number, line in enumerate(_read_text(path).splitlines(), 1):
        fields = line.split("\t")
        where = f"line {number}"
        if line.startswith("T"):
            match = _BRAT_LINE.fullmatch(fields[1]) if len(fields) > 1 else None
            if match is None:
                raise _GoldError(f"{where}: expected 'T1<tab>Label start end<tab>text'")
            offsets = [int(n) for n in re.findall(r"\d+", match["spans"])]
            start, end = min(offsets), max(offsets)
            pieces = " ".join(text[a:b] for a, b in zip(offsets[::2], offsets[1::2], strict=True))
            if end > len(text) or (len(fields) > 2 and pieces.split() != fields[2].split()):
                raise _GoldError(f"{where}: the offsets do not match the text of {fields[0]}")
            spans[fields[0]] = (match["label"], start, end)
        elif line.startswith("R"):
            parts = fields[1].split() if len(fields) > 1 else []
            if len(parts) != 3 or parts[0].lower() not in ("supports", "attacks"):
                raise _GoldError(f"{where}: expected 'R1<tab>supports|attacks Arg1:T2 Arg2:T1'")
            kind = RelationKind(parts[0].lower())
            explicit.append((parts[1].split(":")[-1], parts[2].split(":")[-1], kind))
        elif line.startswith("A"):
            parts = fields[1].split() if len(fields) > 1 else []
            if len(parts) == 3 and parts[0] == "Stance" and parts[2].lower() == "against":
                against.add(parts[1])
    return _brat_doc(path, text, spans, explicit, against)


def _brat_doc(
    path: Path,
    text: str,
    spans: dict[str, tuple[str, int, int]],
    explicit: list[tuple[str, str, RelationKind]],
    against: set[str],
) -> GoldDoc:
    for src, trg, _ in explicit:
        if src not in spans or trg not in spans:
            raise _GoldError(f"a relation links {src} to {trg}, which are not both components")
    kinds: dict[str, Kind] = {}
    for tid, (label, _, _) in spans.items():
        if label == "MajorClaim":
            kinds[tid] = Kind.THESIS
        elif label == "Claim":
            kinds[tid] = Kind.COUNTERCLAIM if tid in against else Kind.CLAIM
        elif label == "Premise":
            kinds[tid] = Kind.EVIDENCE
        else:
            raise _GoldError(f"{tid}: unknown label {label!r} (MajorClaim, Claim or Premise)")
    for src, trg, kind in explicit:
        if (
            kind == RelationKind.ATTACKS
            and kinds[src] == Kind.EVIDENCE
            and kinds[trg] == Kind.COUNTERCLAIM
        ):
            kinds[src] = Kind.REBUTTAL
    relations = [_relation(*r) for r in explicit]
    majors = sorted(
        (start, tid) for tid, (_, start, _) in spans.items() if kinds[tid] == Kind.THESIS
    )
    linked = {src for src, _, _ in explicit}
    for tid in spans:
        if majors and tid not in linked and kinds[tid] in (Kind.CLAIM, Kind.COUNTERCLAIM):
            kind = RelationKind.SUPPORTS if kinds[tid] == Kind.CLAIM else RelationKind.ATTACKS
            relations.append(_relation(tid, majors[0][1], kind))
    components = tuple(
        _component(text, tid, kinds[tid], start, end) for tid, (_, start, end) in spans.items()
    )
    return GoldDoc(path.stem, text, components, tuple(relations))


# --- the registry -----------------------------------------------------------------------------


GOLD_READERS: dict[GoldFormat, Callable[[Path], GoldDoc]] = {
    GoldFormat.MICROTEXT: _read_microtext,
    GoldFormat.BRAT: _read_brat,
    GoldFormat.ARGMAP: _read_argmap,
}
