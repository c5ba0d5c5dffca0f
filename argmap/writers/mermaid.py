"""Mermaid flowcharts (GitHub, GitLab, Obsidian): one subgraph per paragraph (numbered from 1),
node classes per role, colours from the style table.

>>> from argmap.model import Component, Kind, Source
>>> c = Component("c1", Kind.THESIS, 'Tea is "good".', 0, 14, 0, 0.9)
>>> m = ArgumentMap("Tea", 'Tea is "good".', (c,), (), (), Source("t.txt", "0" * 64, "txt"))
>>> print(to_mermaid(m).splitlines()[6])
    n1["Tea is #34;good#34;."]
"""

from __future__ import annotations

import json
import re

from argmap.model import ArgumentMap, Component, Kind, RelationKind
from argmap.writers._shared import codes_by_component, one_line
from argmap.writers.style import FLAG_COLOUR, ROLE_STYLE, tint

__all__ = ["to_mermaid"]

# Characters Mermaid would read as syntax, HTML or Markdown inside a quoted label, or that its
# preprocessing looks for anywhere in a diagram (`%%{init: ...}%%` directives, `%%` comments,
# `style ...: ...#...;`); they are written as Mermaid entity codes (`#34;` is a double quote).
_MERMAID_SPECIAL = set('"#&<>*_`~\\|%{}[];:')
# Characters no label should hold (controls, and what XML, which an SVG is, cannot hold).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# What a YAML double-quoted string cannot hold as it is, or Mermaid's preprocessing might read
# (some versions run it over the front matter too): `%%` directives, `#...;` entity codes.
_YAML_ESCAPE = re.compile("[%#\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def _mermaid_text(text: str) -> str:
    """`text` on one line, every character Mermaid could act on written as an entity code.

    >>> _mermaid_text('%%{init: {"theme": "dark"}}%%')
    '#37;#37;#123;init#58; #123;#34;theme#34;#58; #34;dark#34;#125;#125;#37;#37;'
    """
    flat = _UNPRINTABLE.sub("\ufffd", one_line(text))
    return "".join(f"#{ord(ch)};" if ch in _MERMAID_SPECIAL else ch for ch in flat)


def _yaml_string(text: str) -> str:
    r"""`text` on one line as a YAML double-quoted string that is also a JSON string; `%` and
    `#` are written `\u0025` and `\u0023`, so no directive or entity code reaches Mermaid.

    >>> print(_yaml_string('50% "off" %%{init}%% #35;'))
    "50\u0025 \"off\" \u0025\u0025{init}\u0025\u0025 \u002335;"
    """
    quoted = json.dumps(one_line(text), ensure_ascii=False)
    return _YAML_ESCAPE.sub(lambda ch: f"\\u{ord(ch.group()):04x}", quoted)


def to_mermaid(m: ArgumentMap) -> str:
    """A Mermaid flowchart: one subgraph per paragraph, node classes per role.

    Nodes are `n1`, `n2`, ... in map order (component ids may hold any character); labels are
    the component text on one line, with special characters as Mermaid entity codes, so no
    essay text can close a label or start a directive or comment; the title is a YAML string.
    Supports are solid arrows, attacks dotted, causes thick.
    """
    node = {c.id: f"n{i}" for i, c in enumerate(m.components, 1)}
    flagged = codes_by_component(m)
    out = [
        "---",
        f"title: {_yaml_string(m.title)}",
        "# written by argmap",
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
