"""The whole pipeline, one stage after another: `Pipeline(roles=..., links=..., causes=...)`.

`read` -> `clean` -> `structure` -> `segment` (spaCy) -> causes -> roles -> links -> `analyse`.
The argument stages are chosen by name from the registries in `argmap.argument` (or given as
objects, with weights of their own); everything else is fixed.

>>> m = parse_essay("Homework should be banned. A 2019 survey found 62% of pupils sleep less.")
>>> [(c.id, c.kind.value) for c in m.components]
[('c1', 'thesis'), ('c2', 'evidence')]
>>> [(r.source, r.kind.value, r.target) for r in m.relations]
[('c2', 'supports', 'c1')]
>>> Pipeline(causes="none").names
('hybrid', 'rules', 'none')
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from argmap.argument import (
    DEFAULT_MODELS,
    CausalExtractor,
    Linker,
    RoleClassifier,
    causal_extractor,
    linker,
    role_classifier,
)
from argmap.argument.links import attach_concepts
from argmap.argument.roles import join_same_roles
from argmap.findings.checks import analyse
from argmap.model import (
    ArgumentMap,
    BlockKind,
    Component,
    Provenance,
    RawText,
    Source,
    Unit,
)
from argmap.nlp.segment import parse_units
from argmap.readers import read_path
from argmap.text.clean import clean
from argmap.text.structure import structure

__all__ = ["Pipeline", "pipeline", "parse_essay", "parse_raw"]


@dataclass(frozen=True, init=False)
class Pipeline:
    """The stages that map an essay; the argument stages by registered name or as objects."""

    roles: RoleClassifier
    links: Linker
    causes: CausalExtractor
    nlp: Any

    def __init__(
        self,
        roles: str | RoleClassifier = DEFAULT_MODELS[0],
        links: str | Linker = DEFAULT_MODELS[1],
        causes: str | CausalExtractor = DEFAULT_MODELS[2],
        nlp: Any = None,
    ) -> None:
        """`nlp`, when given, is the spaCy pipeline `segment` parses with (default: the English
        one, loaded once per process)."""
        object.__setattr__(self, "nlp", nlp)
        object.__setattr__(
            self, "roles", role_classifier(roles) if isinstance(roles, str) else roles
        )
        object.__setattr__(self, "links", linker(links) if isinstance(links, str) else links)
        object.__setattr__(
            self, "causes", causal_extractor(causes) if isinstance(causes, str) else causes
        )

    @property
    def names(self) -> tuple[str, str, str]:
        """The registered names of (roles, links, causes): enough to build the same pipeline in
        another process."""
        return self.roles.name, self.links.name, self.causes.name

    def parse(self, essay: str | Path) -> ArgumentMap:
        """Map an essay given as text (`str`) or as a file (`Path`)."""
        if isinstance(essay, Path):
            return self.parse_raw(read_path(essay))
        source = Source("-", hashlib.sha256(essay.encode("utf-8")).hexdigest(), "txt")
        return self.parse_raw(RawText(essay, source, "utf-8"))

    def parse_raw(self, raw: RawText) -> ArgumentMap:
        """Map text that `read` has already decoded."""
        cleaned = clean(raw.text)
        text = cleaned.text
        blocks = structure(text)
        units, sentences = parse_units(text, blocks, self.nlp)
        ties = self.causes.ties(text, units, sentences)
        units = tuple(
            u if u.cause == tie else replace(u, cause=tie)
            for u, tie in zip(units, ties, strict=True)
        )
        units, components = join_same_roles(text, units, self.roles.classify(text, units))
        components = attach_concepts(components, units)
        components = _attach_provenance(components, units, cleaned.origin)
        relations = self.links.link(components, units)
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


@functools.cache
def pipeline(
    roles: str = DEFAULT_MODELS[0], links: str = DEFAULT_MODELS[1], causes: str = DEFAULT_MODELS[2]
) -> Pipeline:
    """The pipeline of these registered names, built once per process with the English spaCy
    pipeline loaded, so that a batch's time limit on its first essay counts mapping only."""
    from argmap.nlp.english import load

    return Pipeline(roles, links, causes, nlp=load())


def parse_essay(essay: str | Path) -> ArgumentMap:
    """Map an essay given as text (`str`) or as a file (`Path`) with the default pipeline."""
    return pipeline().parse(essay)


def parse_raw(raw: RawText) -> ArgumentMap:
    """Map text that `read` has already decoded, with the default pipeline."""
    return pipeline().parse_raw(raw)


def _attach_provenance(
    components: Sequence[Component], units: Sequence[Unit], origin: Sequence[int]
) -> tuple[Component, ...]:
    """`components` (one per unit, same order) with where each came from: offsets in the text
    as read (through clean's map back), sentence number and opening cue."""
    return tuple(
        replace(
            c,
            provenance=Provenance(
                input_start=origin[u.start] if u.start < len(origin) else u.start,
                input_end=origin[u.end - 1] + 1 if 0 < u.end <= len(origin) else u.end,
                sentence=u.sentence,
                cue=u.cue,
            ),
        )
        for c, u in zip(components, units, strict=True)
    )


def _fallback_title(path: str, text: str) -> str:
    if path != "-":
        return Path(path).stem.replace("-", " ").replace("_", " ").strip() or "Untitled essay"
    words = text.split()
    return " ".join(words[:8]) + (" ..." if len(words) > 8 else "") if words else "Untitled essay"
