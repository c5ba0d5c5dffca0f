"""The `render` stage: one self-contained, offline HTML page with an interactive argument map.

pyvis builds the node and edge data (ids, labels, colours, shapes, plain-text tooltips,
positions); the page itself comes from our own Jinja2 template, with vis-network inlined from the
pyvis package, so the file makes no network request. All map data travels in one JSON block that
the page reads with `JSON.parse`; essay text reaches the DOM only through `textContent`.

Both graphs are laid out here, in Python, so a map is drawn the same way on every load and in
every browser: the argument view as a tree (`argument_layout`: thesis on top, what supports it in
a row below, evidence stacked under its claim, attacks beside what they attack), the causal view
as chains read left to right (`causal_layout`).

>>> from argmap.model import ArgumentMap, Component, Kind, Source
>>> c = Component("c1", Kind.THESIS, "Tea is good.", 0, 12, 0, 0.9)
>>> m = ArgumentMap("Tea", "Tea is good.", (c,), (), (), Source("t.txt", "0" * 64, "txt"))
>>> page = render_html(m)
>>> page.startswith("<!DOCTYPE html>") and render_html(m) == page
True
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from argmap.argument.links import POSITIONAL_SIGNALS
from argmap.model import ArgumentMap, Component, Finding, Kind, MapError, Relation, RelationKind
from argmap.text.words import shorten
from argmap.writers.style import EDGE_STYLE, ROLE_ORDER, ROLE_STYLE, View, tint
from argmap.writers.templating import template

__all__ = [
    "render_html",
    "node_label",
    "argument_tree",
    "argument_layout",
    "causal_layout",
    "ArgumentTree",
]

_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
_TEXT_COLOUR = "#1b1f24"
_FLAG_SHADOW = {"enabled": True, "color": "rgba(200,0,40,0.9)", "size": 16, "x": 0, "y": 0}
# Argument-view labels: the text wrapped here to lines of at most _WRAP characters, at most _LINES
# of them, so the layout knows each node's height. Nodes have a minimum width and no maximum, so
# vis-network never wraps a label again (its wrapping counts each space three times); _WRAP
# characters of a common sans-serif font at _FONT_SIZE fit in _NODE_TEXT pixels.
_FONT_SIZE = 15
_NODE_TEXT = 220
_WRAP = 22
_LINES = 4
# The argument view's grid, in pixels: node width (text + margins), line height, the indent of
# a stacked supporter, the gaps between stacked nodes, between a node and its attacker beside
# it, between the blocks of the row under the thesis, and between the thesis and that row.
_NODE_W = _NODE_TEXT + 20  # a box is its width constraint plus the side margins
_LINE_H = _FONT_SIZE
_INDENT = 30
_STACK_GAP = 18
_SIDE_GAP = 90
_BLOCK_GAP = 46
_ROW_GAP = 130
# Components that hang from no thesis: the gap before their columns, and the least height of one.
_LOOSE_GAP = 150
_LOOSE_HEIGHT = 520
_MAX_CAUSAL_LABEL = 90
# The causal view's grid: pixels between columns (cause -> effect), between the rows of one
# chain, and between chains.
_CAUSAL_COLUMN = 420
_CAUSAL_ROW_GAP = 36
_CAUSAL_GAP = 72
_VIS_DIR = ("lib", "vis-9.1.2")


def render_html(m: ArgumentMap, view: View = View.ARGUMENT) -> str:
    """Return the map as one self-contained HTML page (same map, same bytes); raise MapError.

    The page carries both graphs, the whole argument and the causal chains, and opens on `view`;
    a toggle in the page switches between them.
    """
    _check(m)
    flagged = _flagged(m)
    tree = argument_tree(m)
    arranged = _arrange(m, tree)
    nodes, edges = _network(m, flagged, tree, arranged.place)
    causal_nodes, causal_edges = _causal_network(m, flagged)
    data = {
        "map": m.to_dict(),
        "view": view.value,
        "views": {
            View.ARGUMENT.value: {
                "nodes": nodes,
                "edges": edges,
                "options": _options(),
                # Where the blocks under the thesis start and end, so the page can open on
                # whole blocks; where the passages linked to no thesis stand.
                "blocks": arranged.blocks,
                "loose": arranged.loose,
            },
            View.CAUSAL.value: {
                "nodes": causal_nodes,
                "edges": causal_edges,
                "options": _causal_options(),
            },
        },
        "spans": _spans(m),
        "findings": _finding_rows(m),
        "outline": _outline(m, tree),
        "chains": _causal_chains(m),
        "positional": sorted(POSITIONAL_SIGNALS),  # signals that are not the essay's words
    }
    js, css = _vis_assets()
    counts = {
        "components": len(m.components),
        "relations": len(m.relations),
        "findings": len(m.findings),
        "causal_components": len(causal_nodes),
        "causal_relations": len(causal_edges),
    }
    present = {c.kind for c in m.components}
    in_chains = {n["id"] for n in causal_nodes}
    page = template("map.html.j2").render(
        title=m.title.strip() or "Argument map",
        source=_source_name(m.source.path),
        view=view.value,
        counts=counts,
        roles=[
            {
                "kind": k.value,
                "colour": ROLE_STYLE[k]["colour"],
                "tint": tint(ROLE_STYLE[k]["colour"], 0.72),
                "passage": ROLE_STYLE[k]["passage"],
                "radius": ROLE_STYLE[k]["radius"],
                "shape": ROLE_STYLE[k]["shape"],
                "dashes": " ".join(str(v) for v in ROLE_STYLE[k]["dashes"] or ()),
                "present": k in present,
                "count": sum(1 for c in m.components if c.kind is k),
                "causal_count": sum(1 for c in m.components if c.kind is k and c.id in in_chains),
            }
            for k in ROLE_ORDER
        ],
        edge_kinds=[
            {
                "kind": k.value,
                "colour": s["colour"],
                "dashed": bool(s["dashes"]),
                "words": s["words"],
                "count": sum(1 for r in m.relations if r.kind is k),
            }
            for k, s in EDGE_STYLE.items()
        ],
        vis_js=Markup(_script_safe(js)),
        vis_css=Markup(_style_safe(css)),
        data_json=Markup(_json_for_script(data)),
    )
    return page


def node_label(c: Component, flagged: bool = False) -> str:
    """Return the node label: the role on one line, then the text in short lines, cut to four.

    The lines are wrapped here, not by the browser, so the layout knows how tall each node is;
    the full text is in the hover text (`_node_title`).

    >>> text = "Phones  distract\\nstudents in every lesson, all day."
    >>> print(node_label(Component("c1", Kind.CLAIM, text, 0, 48, 0, 1), flagged=True))
    ⚠ CLAIM
    Phones distract
    students in every
    lesson, all day.
    """
    head = ("\u26a0 " if flagged else "") + c.kind.value.upper()
    return "\n".join([head, *_wrap(" ".join(c.text.split()), _WRAP, _LINES)])


def _wrap(text: str, width: int, lines: int) -> list[str]:
    """Wrap `text` to lines of at most `width` characters; past `lines` lines, cut with "…".

    >>> _wrap("one two three four five six", 9, 2)
    ['one two', 'three…']
    >>> _wrap("", 9, 2)
    ['']
    """
    out = textwrap.wrap(text, width, break_on_hyphens=False) or [""]
    if len(out) > lines:
        out = out[: lines - 1] + [shorten(" ".join(out[lines - 1 :]), width)]
    return out


def _check(m: ArgumentMap) -> None:
    """Raise MapError when the map is not valid (unknown ids, offsets outside the text, ...)."""
    from argmap.validate import validate

    problems = validate(m.to_dict())
    if problems:
        raise MapError("; ".join(problems))


def _flagged(m: ArgumentMap) -> dict[str, list[Finding]]:
    """The findings about each component, in map order."""
    flagged: dict[str, list[Finding]] = {}
    for f in m.findings:
        if f.component is not None:
            flagged.setdefault(f.component, []).append(f)
    return flagged


def _node_style(c: Component, notes: list[Finding]) -> dict[str, Any]:
    """The vis-network node options shared by both views: role colour, shape, marker, tooltip."""
    style = ROLE_STYLE[c.kind]
    strong = c.kind is Kind.THESIS
    colour = style["colour"]
    background = colour if strong else tint(colour, 0.72)
    return {
        "shape": style["shape"],
        "color": {
            "background": background,
            "border": colour,
            "highlight": {"background": background, "border": "#1b1f24"},
            "hover": {"background": background, "border": "#1b1f24"},
        },
        "title": _node_title(c, notes),
        "kind": c.kind.value,
        "borderWidth": 4 if notes else (3 if strong else 2),
        "borderWidthSelected": 5,
        "shadow": _FLAG_SHADOW if notes else False,
        "shapeProperties": {"borderDashes": style["dashes"], "borderRadius": style["radius"]},
        "font": {"color": "#ffffff" if strong else _TEXT_COLOUR},
    }


def _edge_style(r: Relation, i: int) -> dict[str, Any]:
    """The vis-network edge options shared by both views: colour, dashes, cue-word label."""
    style = EDGE_STYLE[r.kind]
    return {
        "id": f"e{i}",
        # Cue words label the edge; positional signals stay in the tooltip, out of the way.
        "label": None
        if r.signal in POSITIONAL_SIGNALS
        else shorten(" ".join(r.signal.split()), 24) or None,
        "title": f"{r.kind.value}" + (f": \u201c{r.signal}\u201d" if r.signal else ""),
        "color": {"color": style["colour"], "highlight": style["colour"], "hover": style["colour"]},
        "dashes": style["dashes"],
        "width": style["width"],
        "kind": r.kind.value,
    }


#: How each kind of edge route is drawn by vis-network (see `ArgumentTree.route`); "stack" and
#: "side" edges are drawn by the page itself, as elbow lines, except when it shows one
#: neighbourhood (then vis-network draws them as these curves).
_ROUTE_SMOOTH: dict[str, dict[str, Any]] = {
    "top": {"enabled": True, "type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.5},
    "stack": {
        "enabled": True,
        "type": "cubicBezier",
        "forceDirection": "vertical",
        "roundness": 0.5,
    },
    "side": {
        "enabled": True,
        "type": "cubicBezier",
        "forceDirection": "vertical",
        "roundness": 0.5,
    },
    "free": {"enabled": True, "type": "curvedCW", "roundness": 0.25},
}


def _network(
    m: ArgumentMap,
    flagged: dict[str, list[Finding]],
    tree: ArgumentTree,
    place: dict[str, tuple[int, int]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Build the argument view's vis-network node and edge data with pyvis, from our own model:
    nodes placed by `argument_layout`, each edge tagged with its route."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="local")
    for c in m.components:
        notes = flagged.get(c.id, [])
        x, y = place[c.id]
        net.add_node(
            c.id, label=node_label(c, flagged=bool(notes)), x=x, y=y, **_node_style(c, notes)
        )
    for i, r in enumerate(m.relations):
        route = tree.route(m, i)
        net.add_edge(
            r.source,
            r.target,
            **_edge_style(r, i),
            route=route,
            smooth=_ROUTE_SMOOTH[route],
            **({"hidden": True} if route in ("stack", "side") else {}),
        )
    return _plain(net)


def _causal_network(
    m: ArgumentMap, flagged: dict[str, list[Finding]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Build the causal view with pyvis: only `causes` relations and the components they join,
    each node labelled with its text and placed by `causal_layout`."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="local")
    place = causal_layout(m)
    for c in m.components:
        if c.id not in place:
            continue
        notes = flagged.get(c.id, [])
        x, y = place[c.id]
        text = shorten(" ".join(c.text.split()), _MAX_CAUSAL_LABEL)
        net.add_node(
            c.id,
            label=("\u26a0 " if notes else "") + text,
            x=x,
            y=y,
            **_node_style(c, notes),
        )
    for i, r in enumerate(m.relations):
        if r.kind is not RelationKind.CAUSES or r.source == r.target:
            continue
        backwards = place[r.target][0] <= place[r.source][0]
        edge = _edge_style(r, i)
        if not any(ch.isalpha() for ch in r.signal):
            edge["label"] = None  # an arrow "->" on an arrow says nothing
        net.add_edge(
            r.source,
            r.target,
            **edge,
            **(
                {"smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.4}}
                if backwards
                else {}
            ),
        )
    return _plain(net)


def _plain(net: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """pyvis's node and edge lists as plain dicts, without empty (None) options."""
    nodes: list[dict[str, Any]] = [dict(n) for n in net.nodes]
    edges: list[dict[str, Any]] = [{k: v for k, v in e.items() if v is not None} for e in net.edges]
    return nodes, edges


def causal_layout(m: ArgumentMap) -> dict[str, tuple[int, int]]:
    """Place each component that takes part in a `causes` relation: `(x, y)` in pixels.

    Causes stand left of their effects: a node's column is the length of the longest chain of
    causes leading to it. Each chain (causes linked to each other, across paragraphs too) gets
    its own band of rows, bands in the order of the essay; inside a band, a node sits in the row
    of its causes where it can. Components in no causal relation are left out.

    >>> from argmap.model import Relation, Source
    >>> cs = tuple(Component(f"c{i}", Kind.CLAIM, "x", i, i + 1, i, 1) for i in range(5))
    >>> rs = (Relation("c1", "c2", RelationKind.CAUSES, "so", 1),
    ...       Relation("c3", "c1", RelationKind.CAUSES, "because", 1),
    ...       Relation("c0", "c4", RelationKind.SUPPORTS, "", 1))
    >>> causal_layout(ArgumentMap("t", "xxxxx", cs, rs, (), Source("-", "0" * 64, "txt")))
    {'c1': (420, 20), 'c2': (840, 20), 'c3': (0, 20)}
    """
    rels = [
        (r.source, r.target)
        for r in m.relations
        if r.kind is RelationKind.CAUSES and r.source != r.target
    ]
    order = {c.id: i for i, c in enumerate(m.components)}
    ids = sorted({x for pair in rels for x in pair}, key=order.__getitem__)
    causes: dict[str, list[str]] = {i: [] for i in ids}
    effects: dict[str, list[str]] = {i: [] for i in ids}
    for s, t in dict.fromkeys(rels):
        causes[t].append(s)
        effects[s].append(t)
    column = _columns(ids, causes, effects)
    text = {c.id: c.text for c in m.components}
    out: dict[str, tuple[int, int]] = {}
    top = 0
    for chain in _chains(ids, causes, effects):
        rows = _rows(chain, column, causes, order)
        # Each row is as tall as its tallest node, so short notes do not leave wide gaps.
        height = [0] * (max(rows.values()) + 1)
        for cid in chain:
            height[rows[cid]] = max(height[rows[cid]], _causal_height(text[cid]))
        centre = []
        for h in height:
            centre.append(top + h // 2)
            top += h + _CAUSAL_ROW_GAP
        top += _CAUSAL_GAP - _CAUSAL_ROW_GAP
        for cid in chain:
            out[cid] = (column[cid] * _CAUSAL_COLUMN, centre[rows[cid]])
    return {cid: out[cid] for cid in ids}


def _causal_chains(m: ArgumentMap) -> list[list[int]]:
    """The causal links for the page's outline: one list of relation indices per chain (as in
    `causal_layout`), each in essay order of the cause, then of the effect.

    >>> from argmap.model import Relation, Source
    >>> cs = tuple(Component(f"c{i}", Kind.CLAIM, "x", i, i + 1, i, 1) for i in range(4))
    >>> rs = (Relation("c2", "c3", RelationKind.CAUSES, "so", 1),
    ...       Relation("c1", "c2", RelationKind.CAUSES, "so", 1),
    ...       Relation("c0", "c1", RelationKind.SUPPORTS, "", 1))
    >>> _causal_chains(ArgumentMap("t", "xxxx", cs, rs, (), Source("-", "0" * 64, "txt")))
    [[1, 0]]
    """
    order = {c.id: i for i, c in enumerate(m.components)}
    links = [
        i
        for i, r in enumerate(m.relations)
        if r.kind is RelationKind.CAUSES and r.source != r.target
    ]
    ids = sorted(
        {x for i in links for x in (m.relations[i].source, m.relations[i].target)},
        key=order.__getitem__,
    )
    causes: dict[str, list[str]] = {i: [] for i in ids}
    effects: dict[str, list[str]] = {i: [] for i in ids}
    for i in links:
        causes[m.relations[i].target].append(m.relations[i].source)
        effects[m.relations[i].source].append(m.relations[i].target)
    out = []
    for chain in _chains(ids, causes, effects):
        members = set(chain)
        mine = [i for i in links if m.relations[i].source in members]
        mine.sort(key=lambda i: (order[m.relations[i].source], order[m.relations[i].target], i))
        out.append(mine)
    return out


def _causal_height(text: str) -> int:
    """About how tall (pixels) the causal view draws a node with this text: wrapped lines of
    ~26 characters at 16 px, plus margins; enough to keep rows apart, whatever the font.

    >>> _causal_height("cheap fuel"), _causal_height("word " * 40)
    (40, 100)
    """
    label = shorten(" ".join(text.split()), _MAX_CAUSAL_LABEL)
    return 20 + 20 * max(1, -(-len(label) // 26))


def _columns(
    ids: list[str], causes: dict[str, list[str]], effects: dict[str, list[str]]
) -> dict[str, int]:
    """Longest path of causes leading to each node; a cycle is cut where it closes (essay order)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    kept: dict[str, list[str]] = {i: [] for i in ids}

    def visit(cid: str) -> None:
        state[cid] = 1
        for nxt in effects[cid]:
            if state.get(nxt) == 1:
                continue  # closes a cycle: not used for columns
            kept[nxt].append(cid)
            if nxt not in state:
                visit(nxt)
        state[cid] = 2

    for cid in ids:
        if cid not in state and not causes[cid]:
            visit(cid)
    for cid in ids:  # what is left lies on cycles with no first cause
        if cid not in state:
            visit(cid)
    column: dict[str, int] = {}

    def find(cid: str) -> int:
        if cid not in column:
            column[cid] = 1 + max((find(c) for c in kept[cid]), default=-1)
        return column[cid]

    for cid in ids:
        find(cid)
    return column


def _chains(
    ids: list[str], causes: dict[str, list[str]], effects: dict[str, list[str]]
) -> list[list[str]]:
    """Groups of nodes joined by causal links, each in essay order, first-starting group first."""
    rank = {cid: i for i, cid in enumerate(ids)}
    seen: set[str] = set()
    chains: list[list[str]] = []
    for start in ids:
        if start in seen:
            continue
        group, todo = [], [start]
        seen.add(start)
        while todo:
            cid = todo.pop()
            group.append(cid)
            for nxt in causes[cid] + effects[cid]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        chains.append(sorted(group, key=rank.__getitem__))
    return chains


def _rows(
    chain: list[str], column: dict[str, int], causes: dict[str, list[str]], order: dict[str, int]
) -> dict[str, int]:
    """Row of each node in its band: as near the mean row of its causes as free rows allow."""
    row: dict[str, int] = {}
    for col in sorted({column[c] for c in chain}):
        here = [c for c in chain if column[c] == col]
        wish = {
            c: (
                sum(row[p] for p in causes[c] if p in row) / len([p for p in causes[c] if p in row])
                if any(p in row for p in causes[c])
                else 0.0
            )
            for c in here
        }
        taken = -1
        for c in sorted(here, key=lambda c: (wish[c], order[c])):
            taken = max(round(wish[c]), taken + 1)
            row[c] = taken
    return row


@dataclass(frozen=True)
class ArgumentTree:
    """How the argument view arranges a map: each component hangs from one relation.

    `top` is the thesis row; `row` the row under it: what supports or attacks a thesis, and the
    components linked to nothing above them, in essay order. Under every other component,
    `below` lists what supports it (stacked under it) and `beside` what attacks it (placed to
    its right). `via[cid]` is the index in `m.relations` of the relation that places `cid`;
    the other relations are drawn across the tree.
    """

    top: tuple[str, ...]
    row: tuple[str, ...]
    below: dict[str, list[str]]
    beside: dict[str, list[str]]
    via: dict[str, int]

    def route(self, m: ArgumentMap, i: int) -> str:
        """How relation `i` is drawn: "top" (up to a thesis), "stack" (to the component a
        supporter is stacked under), "side" (to the component an attacker stands beside) or
        "free" (any other, drawn as a curve across the tree)."""
        r = m.relations[i]
        if self.via.get(r.source) != i:
            return "free"
        if r.target in self.top:
            return "top"
        return "side" if r.kind is RelationKind.ATTACKS else "stack"


def argument_tree(m: ArgumentMap) -> ArgumentTree:
    """Arrange the components as a tree: each hangs from its first `supports` or `attacks`
    relation (causes run across the tree), unless that would close a loop; theses stay on top.

    >>> from argmap.model import Relation, Source
    >>> kinds = [Kind.THESIS, Kind.CLAIM, Kind.EVIDENCE, Kind.COUNTERCLAIM, Kind.REBUTTAL]
    >>> cs = tuple(Component(f"c{i}", k, "x", 0, 1, 0, 1) for i, k in enumerate(kinds))
    >>> rs = (Relation("c1", "c0", RelationKind.SUPPORTS, "", 1),
    ...       Relation("c2", "c1", RelationKind.SUPPORTS, "", 1),
    ...       Relation("c3", "c0", RelationKind.ATTACKS, "", 1),
    ...       Relation("c4", "c3", RelationKind.ATTACKS, "", 1))
    >>> t = argument_tree(ArgumentMap("t", "x", cs, rs, (), Source("-", "0" * 64, "txt")))
    >>> t.top, t.row, t.below["c1"], t.beside["c3"]
    (('c0',), ('c1', 'c3'), ['c2'], ['c4'])
    """
    kinds = {c.id: c.kind for c in m.components}
    parent: dict[str, str] = {}
    via: dict[str, int] = {}
    for i, r in enumerate(m.relations):
        if r.kind is RelationKind.CAUSES or r.source in parent or kinds[r.source] is Kind.THESIS:
            continue
        up: str | None = r.target
        while up is not None and up != r.source:
            up = parent.get(up)
        if up is None:  # the target does not hang (directly or not) from the source
            parent[r.source] = r.target
            via[r.source] = i
    top = tuple(c.id for c in m.components if c.kind is Kind.THESIS)
    below: dict[str, list[str]] = {c.id: [] for c in m.components}
    beside: dict[str, list[str]] = {c.id: [] for c in m.components}
    row: list[str] = []
    for c in m.components:
        up = parent.get(c.id)
        if c.kind is Kind.THESIS:
            continue
        if up is None or up in top:
            row.append(c.id)
        elif m.relations[via[c.id]].kind is RelationKind.ATTACKS:
            beside[up].append(c.id)
        else:
            below[up].append(c.id)
    return ArgumentTree(top, tuple(row), below, beside, via)


def argument_layout(m: ArgumentMap, tree: ArgumentTree | None = None) -> dict[str, tuple[int, int]]:
    """Place each component of the argument view: the `(x, y)` of its centre, in pixels.

    The thesis is on top, centred over what supports and attacks it, which stand in one row
    below, in essay order. Under each of those, what supports it is stacked, indented, one
    under the other (and what supports those, indented again); what attacks a component
    stands beside it, to its right (several attackers one under the other), with its own
    supporters under it. So the map reads like the essay's plan, and no two nodes overlap
    (node heights come from `node_label`'s lines). The page draws the links inside a block
    as elbow lines down the indent and across the gap, so they cross no node either.

    >>> from argmap.model import Relation, Source
    >>> kinds = [Kind.THESIS, Kind.CLAIM, Kind.EVIDENCE, Kind.COUNTERCLAIM, Kind.REBUTTAL]
    >>> cs = tuple(Component(f"c{i}", k, "x", 0, 1, 0, 1) for i, k in enumerate(kinds))
    >>> rs = (Relation("c1", "c0", RelationKind.SUPPORTS, "", 1),
    ...       Relation("c2", "c1", RelationKind.SUPPORTS, "", 1),
    ...       Relation("c3", "c0", RelationKind.ATTACKS, "", 1),
    ...       Relation("c4", "c3", RelationKind.ATTACKS, "", 1))
    >>> argument_layout(ArgumentMap("t", "xxxxx", cs, rs, (), Source("-", "0" * 64, "txt")))
    {'c0': (278, 25), 'c1': (120, 205), 'c2': (150, 273), 'c3': (436, 205), 'c4': (766, 205)}
    """
    return _arrange(m, tree or argument_tree(m)).place


def _arrange(m: ArgumentMap, tree: ArgumentTree) -> _Arrangement:
    """Lay the argument view out (see `argument_layout`)."""
    height = {c.id: _node_height(node_label(c)) for c in m.components}
    # Pass 1, leaves first: the size of each component's block (it, what is stacked under it,
    # what stands beside it) and where each child's block starts inside its parent's.
    size: dict[str, tuple[int, int]] = {}
    offset: dict[str, tuple[int, int]] = {}
    for cid in _post_order(tree):
        width, bottom = _NODE_W, height[cid]
        for child in tree.below[cid]:
            bottom += _STACK_GAP
            offset[child] = (_INDENT, bottom)
            width = max(width, _INDENT + size[child][0])
            bottom += size[child][1]
        side_x, side_w, side_y = width + _SIDE_GAP, 0, 0
        for child in tree.beside[cid]:
            offset[child] = (side_x, side_y)
            side_w = max(side_w, size[child][0])
            side_y += size[child][1] + _STACK_GAP
            bottom = max(bottom, side_y - _STACK_GAP)
        size[cid] = (side_x + side_w if side_w else width, bottom)
    # Pass 2: the row's blocks left to right, the theses over them, then every block's inside.
    # What hangs from no thesis stands apart, right of the tree, in columns no taller than
    # the tallest block, so a map with many loose passages stays a tree, not a long row.
    corner: dict[str, tuple[int, int]] = {}
    top_h = max((height[t] for t in tree.top), default=0)
    row_y = top_h + _ROW_GAP if tree.top else 0
    hanging = [c for c in tree.row if any(_hangs_from(m, tree, c, t) for t in tree.top)]
    loose = [c for c in tree.row if c not in set(hanging)] if tree.top else []
    if not tree.top:
        hanging = list(tree.row)
    blocks: list[tuple[int, int]] = []
    x = 0
    for cid in hanging:
        corner[cid] = (x, row_y)
        blocks.append((x, x + size[cid][0]))
        x += size[cid][0] + _BLOCK_GAP
    loose_at: tuple[int, int] | None = None
    if loose:
        limit = max([size[c][1] for c in hanging] + [_LOOSE_HEIGHT])
        x = x - _BLOCK_GAP + _LOOSE_GAP if hanging else 0
        loose_at = (x, row_y)
        y, width = row_y, 0
        for cid in loose:
            if y > row_y and y + size[cid][1] > row_y + limit:
                blocks.append((x, x + width))
                x, y, width = x + width + _BLOCK_GAP, row_y, 0
            corner[cid] = (x, y)
            y += size[cid][1] + _STACK_GAP
            width = max(width, size[cid][0])
        blocks.append((x, x + width))
    row_right = max(max((b[1] for b in blocks), default=0), _NODE_W)
    placed_right = -_BLOCK_GAP
    for i, t in enumerate(tree.top):
        kids = [corner[c][0] for c in hanging if _hangs_from(m, tree, c, t)]
        centre = (min(kids) + max(kids)) / 2 + _NODE_W / 2 if kids else row_right / 2
        if not kids and len(tree.top) > 1:
            centre = (i + 0.5) * (_NODE_W + _BLOCK_GAP)
        left = max(round(centre - _NODE_W / 2), placed_right + _BLOCK_GAP)
        corner[t] = (left, (top_h - height[t]) // 2)
        placed_right = left + _NODE_W
    for cid in _pre_order(tree):
        left, top = corner[cid]
        for child in tree.below[cid] + tree.beside[cid]:
            dx, dy = offset[child]
            corner[child] = (left + dx, top + dy)
    place = {
        c.id: (corner[c.id][0] + _NODE_W // 2, corner[c.id][1] + height[c.id] // 2)
        for c in m.components
    }
    return _Arrangement(place, blocks, loose_at)


@dataclass(frozen=True)
class _Arrangement:
    """`argument_layout`'s positions; the left and right edge of each block (or column of
    loose blocks) under the thesis; the top left corner of the loose ones, if any."""

    place: dict[str, tuple[int, int]]
    blocks: list[tuple[int, int]]
    loose: tuple[int, int] | None


def _hangs_from(m: ArgumentMap, tree: ArgumentTree, cid: str, thesis: str) -> bool:
    """Whether `cid` (in the row) hangs from `thesis`."""
    return cid in tree.via and m.relations[tree.via[cid]].target == thesis


def _node_height(label: str) -> int:
    """How tall (pixels) vis-network draws a box with this label: one line per label line at
    the font size, the node's margins, and room for a thick border.

    >>> _node_height("CLAIM\\nPhones distract.")
    50
    """
    return 20 + _LINE_H * (label.count("\n") + 1)


def _post_order(tree: ArgumentTree) -> list[str]:
    """Every component, each after all the components that hang from it (no recursion, so a
    long chain of supports cannot overflow the stack)."""
    out: list[str] = []
    for root in tree.top + tree.row:
        todo: list[tuple[str, bool]] = [(root, False)]
        while todo:
            cid, done = todo.pop()
            if done:
                out.append(cid)
                continue
            todo.append((cid, True))
            todo.extend((k, False) for k in reversed(tree.below[cid] + tree.beside[cid]))
    return out


def _pre_order(tree: ArgumentTree) -> list[str]:
    """Every component, each before the components that hang from it, in outline order."""
    out: list[str] = []
    for root in tree.top + tree.row:
        todo = [root]
        while todo:
            cid = todo.pop()
            out.append(cid)
            todo.extend(reversed(tree.below[cid] + tree.beside[cid]))
    return out


def _outline(m: ArgumentMap, tree: ArgumentTree) -> list[list[Any]]:
    """The argument for the page's outline, in reading order: `[id, relation index or None,
    depth]` for each component, each thesis followed by what hangs from it (supporters first,
    then attackers, each in essay order), then the components that hang from no thesis.

    >>> from argmap.model import Relation, Source
    >>> cs = tuple(Component(f"c{i}", k, "x", 0, 1, 0, 1) for i, k in
    ...            enumerate([Kind.CONTEXT, Kind.THESIS, Kind.CLAIM, Kind.EVIDENCE]))
    >>> rs = (Relation("c2", "c1", RelationKind.SUPPORTS, "", 1),
    ...       Relation("c3", "c2", RelationKind.SUPPORTS, "", 1))
    >>> m = ArgumentMap("t", "x", cs, rs, (), Source("-", "0" * 64, "txt"))
    >>> _outline(m, argument_tree(m))
    [['c1', None, 0], ['c2', 0, 1], ['c3', 1, 2], ['c0', None, 0]]
    """
    hanging = {t: [c for c in tree.row if _hangs_from(m, tree, c, t)] for t in tree.top}
    loose = [c for c in tree.row if not any(c in kids for kids in hanging.values())]
    out: list[list[Any]] = []
    todo = [(cid, 0) for cid in reversed([*tree.top, *loose])]
    while todo:
        cid, depth = todo.pop()
        out.append([cid, tree.via.get(cid), depth])
        kids = hanging.get(cid) or tree.below[cid] + tree.beside[cid]
        todo.extend((k, depth + 1) for k in reversed(kids))
    return out


def _node_title(c: Component, notes: list[Finding]) -> str:
    """Return the plain-text tooltip: role, confidence, evidence type, full text, findings.

    >>> c = Component("c1", Kind.EVIDENCE, "In 2015, scores rose.", 0, 21, 0, 0.75, "statistic")
    >>> print(_node_title(c, []))
    Evidence (statistic) · confidence 0.75
    In 2015, scores rose.
    """
    head = c.kind.value.capitalize()
    if c.evidence_type:
        head += f" ({c.evidence_type})"
    lines = [f"{head} \u00b7 confidence {c.confidence:.2f}", c.text]
    concepts = getattr(c, "concepts", None)  # key phrases, when the pipeline provides them
    if concepts:
        lines.append("Concepts: " + ", ".join(str(k) for k in concepts))
    lines += [f"\u26a0 {f.message}" for f in notes]
    return "\n".join(lines)


def _finding_rows(m: ArgumentMap) -> list[dict[str, Any]]:
    """Findings for the panel, most serious first (stable within a severity)."""
    rank = {"error": 0, "warning": 1, "info": 2}
    order = sorted(range(len(m.findings)), key=lambda i: (rank[m.findings[i].severity.value], i))
    return [
        {
            "code": m.findings[i].code,
            "severity": m.findings[i].severity.value,
            "message": m.findings[i].message,
            "component": m.findings[i].component,
        }
        for i in order
    ]


def _spans(m: ArgumentMap) -> list[list[Any]]:
    """Return `[start, end, id]` per component, sorted, without overlaps, in UTF-16 offsets.

    JavaScript strings count UTF-16 code units, Python counts code points, so offsets are
    converted for text with characters outside the Basic Multilingual Plane.

    >>> from argmap.model import Source
    >>> a = Component("a", Kind.CLAIM, "😀b", 0, 2, 0, 1)
    >>> cs = (a, Component("b", Kind.CLAIM, "c", 2, 3, 0, 1))
    >>> _spans(ArgumentMap("t", "😀bc", cs, (), (), Source("-", "0" * 64, "txt")))
    [[0, 3, 'a'], [3, 4, 'b']]
    """
    out: list[list[Any]] = []
    last = 0
    for c in sorted(m.components, key=lambda c: (c.start, c.end, c.id)):
        start = max(c.start, last)
        if c.end <= start:
            continue
        out.append([start, c.end, c.id])
        last = c.end
    if any(ord(ch) > 0xFFFF for ch in m.text):
        u16 = [0]
        for ch in m.text:
            u16.append(u16[-1] + (2 if ord(ch) > 0xFFFF else 1))
        out = [[u16[s], u16[e], i] for s, e, i in out]
    return out


def _options() -> dict[str, Any]:
    """vis-network options for the argument view: positions come from `argument_layout`, so no
    automatic layout and no physics; the drawing is the same on every load. Every node is at
    least `_NODE_TEXT` pixels wide, and its label lines are shorter, so the layout knows each
    node's size."""
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": False, "hierarchical": {"enabled": False}},
        "physics": {"enabled": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 200,
            "multiselect": True,
            "navigationButtons": False,
            "keyboard": False,
            "dragNodes": False,
        },
        "nodes": {
            "font": {"face": _FONT, "size": _FONT_SIZE, "color": _TEXT_COLOUR, "multi": False},
            "margin": {"top": 8, "right": 10, "bottom": 8, "left": 10},
            "widthConstraint": {"minimum": _NODE_TEXT},
            "labelHighlightBold": False,
            "chosen": True,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.8}},
            "smooth": {
                "enabled": True,
                "type": "cubicBezier",
                "forceDirection": "horizontal",
                "roundness": 0.45,
            },
            "font": {
                "face": _FONT,
                "size": 13,
                "color": "#3b4148",
                "strokeWidth": 0,
                "background": "rgba(255,255,255,0.9)",
                "align": "horizontal",
            },
            "selectionWidth": 1.5,
            "hoverWidth": 0.5,
        },
    }


def _causal_options() -> dict[str, Any]:
    """vis-network options for the causal view: positions come from `causal_layout`, so no
    automatic layout and no physics; larger text, since nodes carry only their words."""
    options = _options()
    options["nodes"]["font"] = {**options["nodes"]["font"], "size": 16}
    options["nodes"]["widthConstraint"] = {"minimum": 150, "maximum": 240}
    options["edges"]["font"] = {**options["edges"]["font"], "size": 14}
    return options


def _source_name(path: str) -> str:
    """Show only the file name of the source, never the reader's folders.

    >>> _source_name("/home/ann/class 9/essay.txt")
    'essay.txt'
    >>> _source_name("-")
    ''
    """
    if path in ("", "-"):
        return ""
    return Path(path.replace("\\", "/")).name


def _json_for_script(data: Any) -> str:
    """JSON that is safe inside `<script type="application/json">`: no `<`, `>`, `&`, U+2028/9.

    >>> _json_for_script({"t": "</script><!-- & \\u2028"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003c!-- \\\\u0026 \\\\u2028"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, esc)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


_SCRIPT_END = re.compile(r"<(/script|!--)", re.IGNORECASE)
_STYLE_END = re.compile(r"<(/style)", re.IGNORECASE)


def _script_safe(js: str) -> str:
    r"""Make JavaScript safe to inline in `<script>`: `</script` and `<!--` become `\x3C...`.

    `\x3C` means `<` in JavaScript strings and regular expressions, where these sequences can
    legally occur; the vis-network 9.1.2 bundle has none, so it is inlined unchanged.

    >>> _script_safe('s = "</SCRIPT><!--"')
    's = "\\x3C/SCRIPT>\\x3C!--"'
    """
    return _SCRIPT_END.sub(r"\\x3C\1", js)


def _style_safe(css: str) -> str:
    r"""Make CSS safe to inline in `<style>`: `</style` becomes the CSS escape `\3C /style`.

    >>> _style_safe('a::after { content: "</style>" }')
    'a::after { content: "\\3C /style>" }'
    """
    return _STYLE_END.sub(r"\\3C \1", css)


@functools.cache
def _vis_assets() -> tuple[str, str]:
    """Read vis-network's JavaScript and CSS from the installed pyvis package (once)."""
    lib = importlib.resources.files("pyvis").joinpath(*_VIS_DIR)
    js = lib.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = lib.joinpath("vis-network.css").read_text(encoding="utf-8")
    return js, css
