r"""Graphviz DOT: one cluster per paragraph (numbered from 1), nodes coloured by role, edges by
kind, colours from the style table.

>>> from argmap.model import Component, Kind, Source
>>> c = Component("c1", Kind.THESIS, 'Tea is "good".', 0, 14, 0, 0.9)
>>> m = ArgumentMap("Tea", 'Tea is "good".', (c,), (), (), Source("t.txt", "0" * 64, "txt"))
>>> dot = to_dot(m)
>>> dot.splitlines()[0], 'label="THESIS c1\\nTea is \\"good\\"."' in dot
('digraph argmap {', True)
"""

from __future__ import annotations

import re
import textwrap

from argmap.model import ArgumentMap, Component, RelationKind
from argmap.writers._shared import codes_by_component, distinct, one_line
from argmap.writers.style import EDGE_STYLE, FLAG_COLOUR, ROLE_STYLE, tint

__all__ = ["to_dot"]

# Control characters, and the two noncharacters an SVG (XML) cannot hold: written as a space in
# labels, as U+FFFD in node names.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_ID_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff]")


def _dot_string(text: str) -> str:
    """A DOT double-quoted string whose label shows `text` literally.

    Backslashes are doubled (Graphviz reads `\\n`, `\\l`, `\\N`... in labels as escapes),
    quotes escaped and `&` written `&amp;` (Graphviz decodes entities such as `&lt;`); line
    breaks are written as Graphviz's `\\n`.
    """
    lines = _CONTROL.sub(" ", text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    body = "\\n".join(
        line.replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"') for line in lines
    )
    return f'"{body}"'


def _dot_id(name: str) -> str:
    """A DOT double-quoted id for a node named `name`, escaped as `_dot_string` escapes a label
    line (the escapes are one-to-one, so distinct names stay distinct nodes)."""
    return '"' + name.replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"') + '"'


def _node_names(m: ArgumentMap) -> dict[str, str]:
    """Each component's node name: its id, with control characters (which `validate` refuses
    in ids) and U+FFFE, U+FFFF made U+FFFD; distinct ids stay distinct names.

    >>> from argmap.model import Component, Kind, Source
    >>> cs = [Component(i, Kind.CLAIM, "x", 0, 1, 0, 1) for i in ("x y", "x\\x01y", "x\\ny")]
    >>> m = ArgumentMap("t", "x", tuple(cs), (), (), Source("-", "0" * 64, "txt"))
    >>> list(_node_names(m).values())
    ['x y', 'x\ufffdy', 'x\ufffdy (2)']
    """
    ids = [c.id for c in m.components] + [end for r in m.relations for end in (r.source, r.target)]
    return distinct(ids, lambda cid: _ID_CONTROL.sub("\ufffd", cid))


def _wrap(text: str, width: int = 36, lines: int = 6) -> str:
    """`text` on lines of at most `width` characters; past `lines` lines, the last kept one ends
    in "…". (The page's labels wrap differently: `argmap.writers.html.layout.node_label`.)

    >>> print(_wrap("one two three four five six", 9, 2))
    one two
    three…
    """
    out = textwrap.wrap(one_line(text), width, break_long_words=True) or [""]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1].rstrip(" ,;:.") + "\u2026"
    return "\n".join(out)


def to_dot(m: ArgumentMap) -> str:
    """Graphviz DOT: one cluster per paragraph, nodes coloured by role, edges by kind.

    Render it with `dot -Tsvg map.dot > map.svg`. Supporters sit below what they support
    (`rankdir=BT`); a component with findings has a thick red border and lists their codes.
    """
    flagged = codes_by_component(m)
    node = _node_names(m)
    out = [
        "digraph argmap {",
        f"  graph [label={_dot_string(m.title)}, labelloc=t, rankdir=BT, "
        'fontname="Helvetica", nodesep=0.3, ranksep=0.5];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    paragraphs: dict[int, list[Component]] = {}
    for c in m.components:
        paragraphs.setdefault(c.paragraph, []).append(c)
    for p in sorted(paragraphs):
        out.append(f"  subgraph cluster_p{p} {{")
        out.append(f'    label="Paragraph {p + 1}"; style=rounded; color="#b0b0b0";')
        for c in paragraphs[p]:
            style = ROLE_STYLE[c.kind]
            label = f"{c.kind.value.upper()} {c.id}\n{_wrap(c.text)}"
            if c.id in flagged:
                label += "\n\u26a0 " + ", ".join(flagged[c.id])
            attrs = [
                f"label={_dot_string(label)}",
                f"tooltip={_dot_string(one_line(c.text))}",
                f'fillcolor="{tint(style["colour"], 0.72)}"',
            ]
            if style["dashes"]:
                attrs.append('style="rounded,filled,dashed"')
            if c.id in flagged:
                attrs += [f'color="{FLAG_COLOUR}"', "penwidth=2.5"]
            else:
                attrs.append(f'color="{style["colour"]}"')
            out.append(f"    {_dot_id(node[c.id])} [{', '.join(attrs)}];")
        out.append("  }")
    for r in m.relations:
        style = EDGE_STYLE[r.kind]
        attrs = [f'label="{r.kind.value}"', f'color="{style["colour"]}"']
        attrs.append(f"penwidth={2.5 if r.kind is RelationKind.CAUSES else 1.5}")
        if style["dashes"]:
            attrs.append("style=dashed")
        if r.signal:
            attrs.append(f"tooltip={_dot_string(r.kind.value + ': ' + one_line(r.signal))}")
        out.append(
            f"  {_dot_id(node[r.source])} -> {_dot_id(node[r.target])} [{', '.join(attrs)}];"
        )
    out.append("}")
    return "\n".join(out) + "\n"
