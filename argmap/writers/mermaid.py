"""Mermaid flowcharts (GitHub, GitLab, Obsidian): one subgraph per paragraph (numbered from 1),
node classes per role, colours from the style table.

>>> from argmap.model import Component, Kind, Source
>>> c = Component("c1", Kind.THESIS, 'Tea is "good".', 0, 14, 0, 0.9)
>>> m = ArgumentMap("Tea", 'Tea is "good".', (c,), (), (), Source("t.txt", "0" * 64, "txt"))
>>> print(to_mermaid(m).splitlines()[5])
    n1["Tea is #34;good#34;."]
"""

from __future__ import annotations

import json

from argmap.model import ArgumentMap, Component, Kind, RelationKind
from argmap.writers._shared import codes_by_component, one_line
from argmap.writers.style import FLAG_COLOUR, ROLE_STYLE, tint

__all__ = ["to_mermaid"]

# Characters Mermaid would read as syntax, HTML or Markdown inside a quoted label; they are
# written as Mermaid entity codes (`#34;` is a double quote).
_MERMAID_SPECIAL = set('"#&<>*_`~\\|')


def _mermaid_text(text: str) -> str:
    return "".join(f"#{ord(ch)};" if ch in _MERMAID_SPECIAL else ch for ch in one_line(text))


def to_mermaid(m: ArgumentMap) -> str:
    """A Mermaid flowchart: one subgraph per paragraph, node classes per role.

    Nodes are `n1`, `n2`, ... in map order (component ids may hold any character); labels are
    the component text on one line, with special characters as Mermaid entity codes. Supports
    are solid arrows, attacks dotted, causes thick.
    """
    node = {c.id: f"n{i}" for i, c in enumerate(m.components, 1)}
    flagged = codes_by_component(m)
    out = [
        "---",
        f"title: {json.dumps(one_line(m.title), ensure_ascii=False)}",
        "---",
        "flowchart BT",
    ]
    paragraphs: dict[int, list[Component]] = {}
    for c in m.components:
        paragraphs.setdefault(c.paragraph, []).append(c)
    for p in sorted(paragraphs):
        out.append(f'  subgraph p{p + 1} ["Paragraph {p + 1}"]')
        for c in paragraphs[p]:
            out.append(f'    {node[c.id]}["{_mermaid_text(c.text)}"]')
        out.append("  end")
    arrows = {
        RelationKind.SUPPORTS: "-->",
        RelationKind.ATTACKS: "-.->",
        RelationKind.CAUSES: "==>",
    }
    for r in m.relations:
        out.append(f"  {node[r.source]} {arrows[r.kind]}|{r.kind.value}| {node[r.target]}")
    for kind in Kind:
        members = [node[c.id] for c in m.components if c.kind is kind]
        if members:
            colour = ROLE_STYLE[kind]["colour"]
            out.append(f"  classDef {kind.value} fill:{tint(colour, 0.72)},stroke:{colour}")
            out.append(f"  class {','.join(members)} {kind.value}")
    if flagged:
        out.append(f"  classDef flagged stroke:{FLAG_COLOUR},stroke-width:3px")
        out.append(f"  class {','.join(node[c] for c in flagged if c in node)} flagged")
    return "\n".join(out) + "\n"
