"""The `render` stage: one self-contained, offline HTML page with an interactive argument map.

pyvis builds the node and edge data (ids, labels, colours, shapes, plain-text tooltips, levels);
the page itself comes from our own Jinja2 template, with vis-network inlined from the pyvis
package, so the file makes no network request. All map data travels in one JSON block that the
page reads with `JSON.parse`; essay text reaches the DOM only through `textContent`.

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
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from argmap.export import View
from argmap.link import POSITIONAL_SIGNALS
from argmap.model import ArgumentMap, Component, Finding, Kind, MapError, Relation, RelationKind

__all__ = [
    "render_html",
    "node_label",
    "tree_levels",
    "causal_layout",
    "LEVELS",
    "ROLE_STYLE",
    "EDGE_STYLE",
]

#: Column of each role when it is linked to nothing (see `tree_levels`): the map reads left to
#: right, thesis first, then what supports or attacks it, then what backs those.
LEVELS: dict[Kind, int] = {
    Kind.THESIS: 0,
    Kind.CLAIM: 1,
    Kind.COUNTERCLAIM: 1,
    Kind.EVIDENCE: 2,
    Kind.REBUTTAL: 2,
    Kind.CONTEXT: 1,
}

#: Okabe-Ito colour, vis-network shape, corner radius and border dashes per role.
ROLE_STYLE: dict[Kind, dict[str, Any]] = {
    Kind.THESIS: {"colour": "#0072B2", "shape": "box", "radius": 2, "dashes": False},
    Kind.CLAIM: {"colour": "#56B4E9", "shape": "box", "radius": 18, "dashes": False},
    Kind.EVIDENCE: {"colour": "#009E73", "shape": "box", "radius": 0, "dashes": False},
    Kind.COUNTERCLAIM: {"colour": "#D55E00", "shape": "box", "radius": 2, "dashes": [8, 4]},
    Kind.REBUTTAL: {"colour": "#CC79A7", "shape": "box", "radius": 18, "dashes": [8, 4]},
    Kind.CONTEXT: {"colour": "#999999", "shape": "box", "radius": 0, "dashes": [2, 4]},
}

#: Colour, dashes and legend words per relation kind.
EDGE_STYLE: dict[RelationKind, dict[str, Any]] = {
    RelationKind.SUPPORTS: {"colour": "#009E73", "dashes": False, "width": 2, "words": "supports"},
    RelationKind.ATTACKS: {"colour": "#D55E00", "dashes": [8, 6], "width": 2, "words": "attacks"},
    RelationKind.CAUSES: {"colour": "#E69F00", "dashes": False, "width": 3.5, "words": "causes"},
}

_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
_TEXT_COLOUR = "#1b1f24"
_FLAG_SHADOW = {"enabled": True, "color": "rgba(200,0,40,0.9)", "size": 16, "x": 0, "y": 0}
_MAX_LABEL = 72
_MAX_CAUSAL_LABEL = 90
# The causal view's grid: pixels between columns (cause -> effect), between the rows of one
# chain, and between chains.
_CAUSAL_COLUMN = 420
_CAUSAL_ROW_GAP = 36
_CAUSAL_GAP = 72
_VIS_DIR = ("lib", "vis-9.1.2")

# The order of roles in the legend and the filter boxes.
_ROLE_ORDER = (
    Kind.THESIS,
    Kind.CLAIM,
    Kind.EVIDENCE,
    Kind.COUNTERCLAIM,
    Kind.REBUTTAL,
    Kind.CONTEXT,
)


def render_html(m: ArgumentMap, view: View = View.ARGUMENT) -> str:
    """Return the map as one self-contained HTML page (same map, same bytes); raise MapError.

    The page carries both graphs, the whole argument and the causal chains, and opens on `view`;
    a toggle in the page switches between them.
    """
    _check(m)
    flagged = _flagged(m)
    nodes, edges = _network(m, flagged)
    causal_nodes, causal_edges = _causal_network(m, flagged)
    data = {
        "map": m.to_dict(),
        "view": view.value,
        "views": {
            View.ARGUMENT.value: {"nodes": nodes, "edges": edges, "options": _options()},
            View.CAUSAL.value: {
                "nodes": causal_nodes,
                "edges": causal_edges,
                "options": _causal_options(),
            },
        },
        "spans": _spans(m),
        "findings": _finding_rows(m),
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
    page = _template().render(
        title=m.title.strip() or "Argument map",
        source=_source_name(m.source.path),
        view=view.value,
        counts=counts,
        roles=[
            {
                "kind": k.value,
                "colour": ROLE_STYLE[k]["colour"],
                "tint": _tint(ROLE_STYLE[k]["colour"]),
                "radius": ROLE_STYLE[k]["radius"],
                "shape": ROLE_STYLE[k]["shape"],
                "dashes": " ".join(str(v) for v in ROLE_STYLE[k]["dashes"] or ()),
                "present": k in present,
                "count": sum(1 for c in m.components if c.kind is k),
                "causal_count": sum(1 for c in m.components if c.kind is k and c.id in in_chains),
            }
            for k in _ROLE_ORDER
        ],
        edge_kinds=[
            {
                "kind": k.value,
                "colour": s["colour"],
                "dashed": bool(s["dashes"]),
                "words": s["words"],
            }
            for k, s in EDGE_STYLE.items()
        ],
        vis_js=Markup(_script_safe(js)),
        vis_css=Markup(_style_safe(css)),
        data_json=Markup(_json_for_script(data)),
    )
    return page


def node_label(c: Component, flagged: bool = False) -> str:
    """Return the node label: the role on one line, then the text cut to ~72 characters.

    vis-network wraps the text to the node width (`widthConstraint`), measuring the real font,
    which gives even lines of ~20 characters whatever font the reader's system has.

    >>> c = Component("c1", Kind.CLAIM, "Phones  distract\\nstudents.", 0, 26, 0, 1)
    >>> print(node_label(c, flagged=True))
    ⚠ CLAIM
    Phones distract students.
    """
    head = ("\u26a0 " if flagged else "") + c.kind.value.upper()
    return head + "\n" + _shorten(" ".join(c.text.split()), _MAX_LABEL)


def _shorten(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters at a word boundary, ending in an ellipsis.

    >>> _shorten("one two three four", 12)
    'one two…'
    >>> _shorten("short", 12)
    'short'
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "\u2026"


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
    background = colour if strong else _tint(colour)
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
        else _shorten(" ".join(r.signal.split()), 24) or None,
        "title": f"{r.kind.value}" + (f": \u201c{r.signal}\u201d" if r.signal else ""),
        "color": {"color": style["colour"], "highlight": style["colour"], "hover": style["colour"]},
        "dashes": style["dashes"],
        "width": style["width"],
        "kind": r.kind.value,
    }


def _network(
    m: ArgumentMap, flagged: dict[str, list[Finding]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Build the argument view's vis-network node and edge data with pyvis, from our own model."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="local")
    level = tree_levels(m)
    for c in m.components:
        notes = flagged.get(c.id, [])
        net.add_node(
            c.id,
            label=node_label(c, flagged=bool(notes)),
            level=level[c.id],
            **_node_style(c, notes),
        )
    for i, r in enumerate(m.relations):
        net.add_edge(
            r.source,
            r.target,
            **_edge_style(r, i),
            **_same_level_curve(level[r.source], level[r.target]),
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
        text = _shorten(" ".join(c.text.split()), _MAX_CAUSAL_LABEL)
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


def _causal_height(text: str) -> int:
    """About how tall (pixels) the causal view draws a node with this text: wrapped lines of
    ~26 characters at 16 px, plus margins; enough to keep rows apart, whatever the font.

    >>> _causal_height("cheap fuel"), _causal_height("word " * 40)
    (40, 100)
    """
    label = _shorten(" ".join(text.split()), _MAX_CAUSAL_LABEL)
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


def tree_levels(m: ArgumentMap) -> dict[str, int]:
    """Row of each component: one below what it supports or attacks, so evidence sits under its
    claim and a claim's explanations under the claim; unlinked components use `LEVELS`.

    >>> from argmap.model import Relation, Source
    >>> cs = tuple(Component(f"c{i}", k, "x", 0, 1, 0, 1) for i, k in
    ...            enumerate([Kind.THESIS, Kind.CLAIM, Kind.CLAIM, Kind.EVIDENCE]))
    >>> rs = (Relation("c1", "c0", RelationKind.SUPPORTS, "", 1),
    ...       Relation("c2", "c1", RelationKind.SUPPORTS, "", 1),
    ...       Relation("c3", "c2", RelationKind.SUPPORTS, "", 1))
    >>> tree_levels(ArgumentMap("t", "x", cs, rs, (), Source("-", "0" * 64, "txt")))
    {'c0': 0, 'c1': 1, 'c2': 2, 'c3': 3}
    """
    parent: dict[str, str] = {}
    for r in m.relations:
        if r.kind is not RelationKind.CAUSES:
            parent.setdefault(r.source, r.target)
    kinds = {c.id: c.kind for c in m.components}
    level: dict[str, int] = {}

    def find(cid: str, seen: frozenset[str]) -> int:
        if cid not in level:
            up = parent.get(cid)
            if kinds[cid] is Kind.THESIS or up is None or up in seen:
                level[cid] = LEVELS[kinds[cid]]
            else:
                level[cid] = find(up, seen | {cid}) + 1
        return level[cid]

    return {c.id: find(c.id, frozenset()) for c in m.components}


def _same_level_curve(source_level: int, target_level: int) -> dict[str, Any]:
    """Bend an edge between two nodes on one row, so it does not run through the nodes between.

    >>> _same_level_curve(1, 2)
    {}
    """
    if source_level != target_level:
        return {}
    return {"smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.45}}


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
    """vis-network options: fixed hierarchical layout (levels per role), no physics, so the
    drawing is the same on every load."""
    return {
        "autoResize": True,
        "layout": {
            "randomSeed": 7,
            "improvedLayout": True,
            "hierarchical": {
                "enabled": True,
                "direction": "LR",
                "sortMethod": "directed",
                "levelSeparation": 300,
                "nodeSpacing": 96,
                "treeSpacing": 110,
                "blockShifting": True,
                "edgeMinimization": True,
                "parentCentralization": True,
                "shakeTowards": "roots",
            },
        },
        "physics": {"enabled": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 200,
            "multiselect": True,
            "navigationButtons": False,
            "keyboard": False,
        },
        "nodes": {
            "font": {"face": _FONT, "size": 15, "color": _TEXT_COLOUR, "multi": False},
            "margin": {"top": 8, "right": 10, "bottom": 8, "left": 10},
            "widthConstraint": {"minimum": 120, "maximum": 220},
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
    options["layout"] = {
        "randomSeed": 7,
        "improvedLayout": False,
        "hierarchical": {"enabled": False},
    }
    options["nodes"]["font"] = {**options["nodes"]["font"], "size": 16}
    options["nodes"]["widthConstraint"] = {"minimum": 150, "maximum": 240}
    options["edges"]["font"] = {**options["edges"]["font"], "size": 14}
    return options


def _tint(colour: str, amount: float = 0.28) -> str:
    """Mix `colour` with white: `amount` of the colour, the rest white.

    >>> _tint("#0072B2", 0.5)
    '#80b8d8'
    """
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 - (255 - v) * amount) for v in rgb]
    return "#" + "".join(f"{v:02x}" for v in mixed)


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


@functools.cache
def _template() -> jinja2.Template:
    """Load our page template from package data, with autoescaping on."""
    source = (
        importlib.resources.files("argmap")
        .joinpath("templates", "map.html.j2")
        .read_text(encoding="utf-8")
    )
    env = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.from_string(source)
