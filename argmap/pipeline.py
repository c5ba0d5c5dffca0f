"""`parse_essay`: the whole pipeline, one stage after another.

>>> m = parse_essay("Homework should be banned. A 2019 survey found 62% of pupils sleep less.")
>>> [(c.id, c.kind.value) for c in m.components]
[('c1', 'thesis'), ('c2', 'evidence')]
>>> [(r.source, r.kind.value, r.target) for r in m.relations]
[('c2', 'supports', 'c1')]
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from argmap.argument.links import attach_concepts, link
from argmap.argument.roles import classify
from argmap.findings.checks import analyse
from argmap.model import ArgumentMap, BlockKind, RawText, Source
from argmap.nlp.segment import segment
from argmap.readers.read import read_path
from argmap.text.clean import clean
from argmap.text.structure import structure

__all__ = ["parse_essay", "parse_raw"]


def parse_essay(essay: str | Path) -> ArgumentMap:
    """Map an essay given as text (`str`) or as a file (`Path`)."""
    if isinstance(essay, Path):
        return parse_raw(read_path(essay))
    source = Source("-", hashlib.sha256(essay.encode("utf-8")).hexdigest(), "txt")
    return parse_raw(RawText(essay, source, "utf-8"))


def parse_raw(raw: RawText) -> ArgumentMap:
    """Map text that `read` has already decoded."""
    text = clean(raw.text).text
    blocks = structure(text)
    units = segment(text, blocks)
    components = attach_concepts(classify(text, units), units)
    relations = link(components, units)
    findings = analyse(components, relations)
    title = next((text[b.start : b.end] for b in blocks if b.kind is BlockKind.TITLE), "")
    return ArgumentMap(
        title=title or _fallback_title(raw.source.path, text),
        text=text,
        components=components,
        relations=relations,
        findings=findings,
        source=raw.source,
    )


def _fallback_title(path: str, text: str) -> str:
    if path != "-":
        return Path(path).stem.replace("-", " ").replace("_", " ").strip() or "Untitled essay"
    words = text.split()
    return " ".join(words[:8]) + (" ..." if len(words) > 8 else "") if words else "Untitled essay"
