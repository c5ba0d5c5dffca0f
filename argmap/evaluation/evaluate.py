"""Score argument maps against gold annotations (microtext XML, brat standoff, argmap JSON).

Gold is read into `GoldDoc`s: the document text, its components (role and offsets into that text)
and the relations between them. `score` compares predicted maps with them; `evaluate` runs a
predictor over the gold texts first. Standard library only.

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

Scoring
-------
Predicted offsets point into the predicted map's text (the cleaned text); `align` projects them
onto the gold text first. Spans are compared after trimming surrounding whitespace.

- overlap match: same role, and the shared characters cover at least half of the *longer* span;
- exact match: same role, and the same span once whitespace and punctuation (``.,;:!?``) are
  trimmed from both ends.

Matching is one-to-one and greedy: candidate pairs are taken by largest overlap, ties by gold then
predicted position. All counts are summed over the documents before P/R/F1 (micro average).
Macro-F1 is the mean F1 over the roles that occur in the gold. Segmentation and relation scores
ignore roles and leave out `context` components (they are not argumentative units). A predicted
relation is correct when both ends are overlap-matched (ignoring roles) to the ends of a gold
relation of the same kind. Thesis accuracy: over documents with a gold thesis, how often the
predicted thesis (the most confident one, the first on a tie) overlap-matches a gold thesis.
"""

from __future__ import annotations

import difflib
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from argmap.model import ArgumentMap, Component, InputError, Kind, MapError, Relation, RelationKind

__all__ = [
    "GoldFormat",
    "SUFFIXES",
    "GoldDoc",
    "Counts",
    "RoleScores",
    "Scores",
    "load_gold",
    "align",
    "score",
    "evaluate",
    "format_table",
]


class GoldFormat(StrEnum):
    """A gold annotation format `load_gold` reads."""

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
        return _READERS[fmt](path)
    except OSError as exc:
        message = f"cannot read {exc.filename or path} ({exc.strerror})"
    except UnicodeDecodeError:
        message = "not UTF-8 text"
    except ET.ParseError as exc:
        message = f"not valid XML ({exc})"
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


def _read_argmap(path: Path) -> GoldDoc:
    m = ArgumentMap.from_json(_read_text(path))
    return GoldDoc(path.stem, m.text, m.components, m.relations)


def _read_microtext(path: Path) -> GoldDoc:
    root = ET.parse(path).getroot()
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


_READERS: dict[GoldFormat, Callable[[Path], GoldDoc]] = {
    GoldFormat.MICROTEXT: _read_microtext,
    GoldFormat.BRAT: _read_brat,
    GoldFormat.ARGMAP: _read_argmap,
}


# --- aligning predicted text with gold text ---------------------------------------------------


def align(pred_text: str, gold_text: str) -> Callable[[int], int]:
    """Map a character offset in `pred_text` to the offset of the same character in `gold_text`.

    Whitespace is ignored; other differences are bridged with difflib.

    >>> to_gold = align("Tea is good. Cake too.", "Tea is\\n good.\\n\\nCake too.")
    >>> to_gold(13)
    15
    """
    if pred_text == gold_text:
        return lambda i: max(0, min(i, len(gold_text)))
    a_pos = [i for i, c in enumerate(pred_text) if not c.isspace()]
    b_pos = [j for j, c in enumerate(gold_text) if not c.isspace()]
    a = "".join(pred_text[i] for i in a_pos)
    b = "".join(gold_text[j] for j in b_pos)
    table = [-1] * (len(pred_text) + 1)
    for ai, bj in _matching_chars(a, b):
        table[a_pos[ai]] = b_pos[bj]
    table[-1] = len(gold_text)
    matched = [j >= 0 for j in table]
    last_i, last_j = -1, -1  # unmatched offsets: step on from the last matched character ...
    for i, j in enumerate(table):
        if matched[i]:
            last_i, last_j = i, j
        else:
            table[i] = last_j + (i - last_i)
    upper = len(gold_text)  # ... but never past the next matched one
    for i in range(len(table) - 1, -1, -1):
        if matched[i]:
            upper = table[i]
        else:
            table[i] = min(table[i], upper)
    return lambda i: table[max(0, min(i, len(pred_text)))]


def _matching_chars(a: str, b: str) -> Iterable[tuple[int, int]]:
    """Pairs (i, j) with a[i] matched to b[j]: common ends directly, the middle with difflib."""
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    pairs = [(k, k) for k in range(head)]
    pairs += [(len(a) - 1 - k, len(b) - 1 - k) for k in range(tail)]
    middle = difflib.SequenceMatcher(None, a[head : len(a) - tail], b[head : len(b) - tail], False)
    for block in middle.get_matching_blocks():
        pairs += [(head + block.a + k, head + block.b + k) for k in range(block.size)]
    return pairs


# --- scores -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """Gold, predicted and matched counts, with precision, recall and F1 (0.0 when undefined).

    >>> Counts(gold=4, predicted=2, matched=1).f1
    0.3333333333333333
    """

    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        """Matched / predicted."""
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Matched / gold."""
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.matched + other.matched,
        )

    def to_dict(self) -> dict[str, Any]:
        """Counts and rounded P/R/F1."""
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }


@dataclass(frozen=True)
class RoleScores:
    """Counts for one role (or "all" roles, for segmentation) in both matching modes."""

    role: str
    overlap: Counts
    exact: Counts

    def to_dict(self) -> dict[str, Any]:
        """Both modes, rounded."""
        return {"overlap": self.overlap.to_dict(), "exact": self.exact.to_dict()}


@dataclass(frozen=True)
class Scores:
    """Micro-averaged scores over a set of documents."""

    documents: int
    roles: tuple[RoleScores, ...]
    segmentation: RoleScores
    relations: tuple[tuple[str, Counts], ...]
    thesis_correct: int
    thesis_documents: int

    def macro_f1(self, mode: Literal["overlap", "exact"] = "overlap") -> float:
        """Mean F1 (mode "overlap" or "exact") over the roles that occur in the gold."""
        f1s = [getattr(r, mode).f1 for r in self.roles if r.overlap.gold]
        return sum(f1s) / len(f1s) if f1s else 0.0

    @property
    def thesis_accuracy(self) -> float:
        """Correct theses / documents with a gold thesis."""
        return self.thesis_correct / self.thesis_documents if self.thesis_documents else 0.0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form with a fixed key order, floats rounded to 3 decimals."""
        return {
            "documents": self.documents,
            "roles": {r.role: r.to_dict() for r in self.roles},
            "macro_f1": {
                "overlap": round(self.macro_f1("overlap"), 3),
                "exact": round(self.macro_f1("exact"), 3),
            },
            "segmentation": self.segmentation.to_dict(),
            "relations": {name: counts.to_dict() for name, counts in self.relations},
            "thesis": {
                "accuracy": round(self.thesis_accuracy, 3),
                "correct": self.thesis_correct,
                "documents": self.thesis_documents,
            },
        }


_Span = tuple[int, int]
_EXACT_TRIM = ".,;:!?"


def _trim(text: str, span: _Span, chars: str = "") -> _Span:
    start, end = span
    while start < end and (text[start].isspace() or text[start] in chars):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in chars):
        end -= 1
    return start, end


def _match(gold: Sequence[_Span], pred: Sequence[_Span], exact: bool) -> dict[int, int]:
    """One-to-one matching, greedy by largest overlap: predicted index -> gold index."""
    pairs = []
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(pred):
            shared = min(ge, pe) - max(gs, ps)
            if exact:
                good = (gs, ge) == (ps, pe)
            else:
                good = 2 * shared >= max(ge - gs, pe - ps)  # at least half of the longer span
            if shared > 0 and good:
                pairs.append((-shared, gi, pi))
    matches: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in sorted(pairs):
        if pi not in matches and gi not in used:
            matches[pi] = gi
            used.add(gi)
    return matches


def _counter() -> defaultdict[Any, Counts]:
    return defaultdict(Counts)


@dataclass
class _Tally:
    """Counts summed over documents; keys say what is counted (`exact` selects the mode)."""

    roles: defaultdict[tuple[Kind, bool], Counts] = field(default_factory=_counter)
    segmentation: defaultdict[bool, Counts] = field(default_factory=_counter)
    relations: defaultdict[RelationKind, Counts] = field(default_factory=_counter)
    thesis_correct: int = 0
    thesis_documents: int = 0


def score(golds: Sequence[GoldDoc], predicted: Sequence[ArgumentMap]) -> Scores:
    """Compare predicted maps with gold documents, pairwise in order.

    >>> from argmap.model import Source
    >>> tea = Component("t", Kind.THESIS, "Tea is good.", 0, 12, 0, 1.0)
    >>> gold = GoldDoc("d", "Tea is good.", (tea,), ())
    >>> pred = ArgumentMap("d", "Tea  is good.", (), (), (), Source("-", "", "txt"))
    >>> score([gold], [pred]).thesis_accuracy
    0.0
    """
    if len(golds) != len(predicted):
        raise ValueError(f"{len(golds)} gold documents but {len(predicted)} predicted maps")
    tally = _Tally()
    for gold, pred in zip(golds, predicted, strict=True):
        _score_doc(gold, pred, tally)
    roles = tuple(
        RoleScores(kind.value, tally.roles[kind, False], tally.roles[kind, True])
        for kind in Kind
        if tally.roles[kind, False].gold or tally.roles[kind, False].predicted
    )
    supports = tally.relations[RelationKind.SUPPORTS]
    attacks = tally.relations[RelationKind.ATTACKS]
    relations = [
        ("supports", supports),
        ("attacks", attacks),
        ("supports+attacks", supports + attacks),
    ]
    if tally.relations[RelationKind.CAUSES].gold:
        relations.append(("causes", tally.relations[RelationKind.CAUSES]))
    return Scores(
        documents=len(golds),
        roles=roles,
        segmentation=RoleScores("all", tally.segmentation[False], tally.segmentation[True]),
        relations=tuple(relations),
        thesis_correct=tally.thesis_correct,
        thesis_documents=tally.thesis_documents,
    )


def _score_doc(gold: GoldDoc, pred: ArgumentMap, tally: _Tally) -> None:
    text = gold.text
    to_gold = align(pred.text, text)
    gold_spans = {c.id: _trim(text, (c.start, c.end)) for c in gold.components}
    pred_spans: dict[str, _Span] = {}
    for c in pred.components:
        start, end = _trim(pred.text, (c.start, c.end))
        projected = (to_gold(start), to_gold(end - 1) + 1) if start < end else (0, 0)
        pred_spans[c.id] = _trim(text, projected)

    for exact in (False, True):
        trim = _EXACT_TRIM if exact else ""
        g = [(c.kind, _trim(text, gold_spans[c.id], trim)) for c in gold.components]
        p = [(c.kind, _trim(text, pred_spans[c.id], trim)) for c in pred.components]
        for kind in Kind:
            counts = _counts([s for k, s in g if k == kind], [s for k, s in p if k == kind], exact)
            tally.roles[kind, exact] += counts
        g_args = [s for k, s in g if k != Kind.CONTEXT]
        p_args = [s for k, s in p if k != Kind.CONTEXT]
        tally.segmentation[exact] += _counts(g_args, p_args, exact)

    # relations: both ends overlap-matched, ignoring roles and leaving out context components
    g_ids = [c.id for c in gold.components if c.kind != Kind.CONTEXT]
    p_ids = [c.id for c in pred.components if c.kind != Kind.CONTEXT]
    pairs = _match([gold_spans[i] for i in g_ids], [pred_spans[i] for i in p_ids], exact=False)
    to_gold_id = {p_ids[pi]: g_ids[gi] for pi, gi in pairs.items()}
    for rel_kind in RelationKind:
        gold_links = {(r.source, r.target) for r in gold.relations if r.kind == rel_kind}
        pred_links = {(r.source, r.target) for r in pred.relations if r.kind == rel_kind}
        found = {(to_gold_id.get(s), to_gold_id.get(t)) for s, t in pred_links} & gold_links
        tally.relations[rel_kind] += Counts(len(gold_links), len(pred_links), len(found))

    # thesis: the most confident predicted thesis (the first on a tie) against any gold thesis
    g_theses = [gold_spans[c.id] for c in gold.components if c.kind == Kind.THESIS]
    p_theses = [c for c in pred.components if c.kind == Kind.THESIS]
    if g_theses:
        tally.thesis_documents += 1
        best = max(p_theses, key=lambda c: c.confidence, default=None)
        if best is not None and _match(g_theses, [pred_spans[best.id]], exact=False):
            tally.thesis_correct += 1


def _counts(gold: Sequence[_Span], pred: Sequence[_Span], exact: bool) -> Counts:
    return Counts(len(gold), len(pred), len(_match(gold, pred, exact)))


def evaluate(golds: Sequence[GoldDoc], predict: Callable[[str], ArgumentMap]) -> Scores:
    """Run `predict` on each gold text and score the maps it returns.

    >>> from argmap.model import Source
    >>> gold = GoldDoc("d", "Tea is good.", (), ())
    >>> empty = lambda text: ArgumentMap("d", text, (), (), (), Source("-", "", "txt"))
    >>> evaluate([gold], empty).documents
    1
    """
    return score(golds, [predict(gold.text) for gold in golds])


# --- the table --------------------------------------------------------------------------------


def format_table(scores: Scores) -> str:
    """A plain-text table of the scores, fixed-width, for a terminal.

    >>> print(format_table(score([], [])).splitlines()[0])
    role                gold   pred |  P ovl  R ovl F1 ovl |  P ex   R ex  F1 ex
    """

    def prf(c: Counts) -> str:
        return f"{c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}"

    def row(name: str, s: RoleScores) -> str:
        o = s.overlap
        return f"{name:<17} {o.gold:>6} {o.predicted:>6} | {prf(o)} | {prf(s.exact)}"

    lines = [f"{'role':<17} {'gold':>6} {'pred':>6} |  P ovl  R ovl F1 ovl |  P ex   R ex  F1 ex"]
    lines.append("-" * len(lines[0]))
    lines += [row(r.role, r) for r in scores.roles]
    blank = " " * 13
    lines.append(
        f"{'macro-F1':<17} {'':>6} {'':>6} | {blank} {scores.macro_f1('overlap'):6.3f} |"
        f" {blank} {scores.macro_f1('exact'):6.3f}"
    )
    lines.append(row("segmentation", scores.segmentation))
    lines.append("")
    lines.append(f"{'relation':<17} {'gold':>6} {'pred':>6} |      P      R     F1")
    lines.append("-" * len(lines[-1]))
    lines += [f"{name:<17} {c.gold:>6} {c.predicted:>6} | {prf(c)}" for name, c in scores.relations]
    lines.append("")
    lines.append(
        f"thesis accuracy   {scores.thesis_accuracy:.3f}"
        f" ({scores.thesis_correct}/{scores.thesis_documents})"
    )
    lines.append(f"documents         {scores.documents}")
    return "\n".join(lines)
