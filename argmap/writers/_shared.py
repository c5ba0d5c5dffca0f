"""Small helpers the writers share: text on one line, finding codes per component, findings as
plain dicts, the supports/attacks graph as an outline (Argdown and Markdown), and component ids
a format can hold, still distinct.

>>> one_line(" Tea\\n is   good. ")
'Tea is good.'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from argmap.model import ArgumentMap, Component, Finding, Kind, Relation, RelationKind

__all__ = ["one_line", "codes_by_component", "finding_dict", "distinct", "Row", "outline"]


def one_line(text: str) -> str:
    """`text` with every run of white space (line breaks too) made one space, and no space at
    either end."""
    return " ".join(text.split())


def distinct(ids: Iterable[str], clean: Callable[[str], str]) -> dict[str, str]:
    """Each id as `clean` makes it safe for a format, kept distinct from the others.

    An id `clean` leaves alone keeps its name; one it changes gets the cleaned name, with
    " (2)", " (3)"... added when another id already has it. (Valid maps have no ids to clean:
    `validate` refuses control characters in ids.)

    >>> distinct(["a?b", "a*b", "a%b", "c"], lambda s: s.replace("*", "?").replace("%", "?"))
    {'a?b': 'a?b', 'a*b': 'a?b (2)', 'a%b': 'a?b (3)', 'c': 'c'}
    """
    ids = list(dict.fromkeys(ids))
    names = {i: i for i in ids if clean(i) == i}
    taken = set(names)
    for i in ids:
        if i in names:
            continue
        name, n = clean(i), 1
        while name in taken:
            n += 1
            name = f"{clean(i)} ({n})"
        names[i] = name
        taken.add(name)
    return {i: names[i] for i in ids}


def codes_by_component(m: ArgumentMap) -> dict[str, list[str]]:
    """Finding codes per component id, in map order."""
    codes: dict[str, list[str]] = {}
    for f in m.findings:
        if f.component is not None:
            codes.setdefault(f.component, []).append(f.code)
    return codes


def finding_dict(f: Finding) -> dict[str, str]:
    """A finding as the JSON map writes it: `component` only when it is about one."""
    out = {"code": f.code, "severity": f.severity.value, "message": f.message}
    if f.component is not None:
        out["component"] = f.component
    return out


@dataclass(frozen=True)
class Row:
    """One line of the outline: `component` at `depth`, reached through `relation` (None for a
    root); `first` is False when the component was already written higher up."""

    depth: int
    component: Component
    relation: Relation | None
    first: bool


def outline(m: ArgumentMap) -> Iterator[Row]:
    """The supports/attacks graph as an outline: each component under what it supports or
    attacks, roots first (thesis, then components that support or attack nothing, then any left
    in a cycle); a component met again is named, not expanded."""
    by_id = {c.id: c for c in m.components}
    children: dict[str, list[Relation]] = {}
    arguing: set[str] = set()
    for r in m.relations:
        if r.kind is not RelationKind.CAUSES:
            children.setdefault(r.target, []).append(r)
            arguing.add(r.source)
    order = sorted(
        m.components, key=lambda c: (c.kind is not Kind.THESIS, c.id in arguing)
    )  # stable: map order within each group
    seen: set[str] = set()
    for root in order:
        if root.id in seen:
            continue
        stack: list[tuple[int, Component, Relation | None]] = [(0, root, None)]
        while stack:
            depth, c, via = stack.pop()
            first = c.id not in seen
            yield Row(depth, c, via, first)
            if first:
                seen.add(c.id)
                for r in reversed(children.get(c.id, [])):
                    stack.append((depth + 1, by_id[r.source], r))
