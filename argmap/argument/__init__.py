"""The argument itself: roles of units, links between components, causes.

Each stage is an interface (`RoleClassifier`, `Linker`, `CausalExtractor` in `base`) with
implementations registered here by name, next to an enum of the names; `argmap map --roles NAME
--links NAME --causes NAME` and `Pipeline(roles=..., links=..., causes=...)` choose them. A new
implementation is one new module and one line in its registry (and its enum member).

>>> sorted(ROLE_CLASSIFIERS) == sorted(RoleModel), sorted(LINKERS) == sorted(LinkModel)
(True, True)
>>> sorted(CAUSAL_EXTRACTORS) == sorted(CauseModel)
True
>>> role_classifier("rules").name, linker("rules").name, causal_extractor("none").name
('rules', 'rules', 'none')
>>> role_classifier("neural")
Traceback (most recent call last):
ValueError: unknown role classifier 'neural' (choose from: rules, learned, ranked, hybrid, position)
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from argmap.argument.base import CausalExtractor, Linker, RoleClassifier

__all__ = [
    "RoleClassifier",
    "Linker",
    "CausalExtractor",
    "RoleModel",
    "LinkModel",
    "CauseModel",
    "ROLE_CLASSIFIERS",
    "LINKERS",
    "CAUSAL_EXTRACTORS",
    "role_classifier",
    "linker",
    "causal_extractor",
    "DEFAULT_MODELS",
]


class RoleModel(StrEnum):
    """The role classifiers argmap ships."""

    RULES = "rules"
    LEARNED = "learned"
    RANKED = "ranked"  # the rules, the thesis chosen by the learned ranker (argument/thesis.py)
    HYBRID = "hybrid"  # the learned roles, the thesis chosen by the ranker
    POSITION = "position"  # roles by place alone: a yardstick for `argmap eval`


class LinkModel(StrEnum):
    """The linkers argmap ships."""

    RULES = "rules"
    LEARNED = "learned"


class CauseModel(StrEnum):
    """The causal extractors argmap ships."""

    PATTERNS = "patterns"
    LEARNED = "learned"
    NONE = "none"


def _lazy(module: str, name: str) -> Callable[[], Any]:
    """The constructor `name` of `argmap.argument.<module>`, imported when first called (the
    command line lists these names without loading weights or cue lexicons)."""

    def make() -> Any:
        return getattr(importlib.import_module(f"argmap.argument.{module}"), name)()

    return make


#: The registered names a pipeline is built from unless told otherwise: (roles, links, causes).
DEFAULT_MODELS: tuple[str, str, str] = (RoleModel.HYBRID, LinkModel.RULES, CauseModel.LEARNED)

#: Name -> constructor (called with no arguments for the shipped settings and weights).
ROLE_CLASSIFIERS: dict[str, Callable[[], RoleClassifier]] = {
    RoleModel.RULES: _lazy("roles", "RuleRoles"),
    RoleModel.LEARNED: _lazy("learned", "LearnedRoles"),
    RoleModel.RANKED: _lazy("thesis", "ranked_rules"),
    RoleModel.HYBRID: _lazy("thesis", "ranked_learned"),
    RoleModel.POSITION: _lazy("roles", "PositionRoles"),
}
LINKERS: dict[str, Callable[[], Linker]] = {
    LinkModel.RULES: _lazy("links", "RuleLinker"),
    LinkModel.LEARNED: _lazy("learned_links", "LearnedLinker"),
}
CAUSAL_EXTRACTORS: dict[str, Callable[[], CausalExtractor]] = {
    CauseModel.PATTERNS: _lazy("causes", "PatternCauses"),
    CauseModel.LEARNED: _lazy("learned_causes", "LearnedCauses"),
    CauseModel.NONE: _lazy("causes", "NoCauses"),
}

_T = TypeVar("_T")


def _build(registry: Mapping[str, Callable[[], _T]], what: str, name: str) -> _T:
    try:
        make = registry[name]
    except KeyError:
        raise ValueError(f"unknown {what} {name!r} (choose from: {', '.join(registry)})") from None
    return make()


def role_classifier(name: str) -> RoleClassifier:
    """The role classifier registered as `name`, with its shipped weights."""
    return _build(ROLE_CLASSIFIERS, "role classifier", name)


def linker(name: str) -> Linker:
    """The linker registered as `name`."""
    return _build(LINKERS, "linker", name)


def causal_extractor(name: str) -> CausalExtractor:
    """The causal extractor registered as `name`."""
    return _build(CAUSAL_EXTRACTORS, "causal extractor", name)
