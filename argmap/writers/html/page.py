"""The HTML page: one self-contained, offline page with an interactive argument map.

pyvis builds the node and edge data (ids, labels, colours, shapes, plain-text tooltips,
positions); the page itself comes from our own Jinja2 template, with vis-network inlined from the
pyvis package, so the file makes no network request. All map data travels in one JSON block that
the page reads with `JSON.parse`; essay text reaches the DOM only through `textContent`. This is
the only module that imports pyvis; where the nodes stand is decided in `layout`.

>>> from argmap.model import ArgumentMap, Component, Kind, Source
>>> c = Component("c1", Kind.THESIS, "Tea is good.", 0, 12, 0, 0.9)
>>> m = ArgumentMap("Tea", "Tea is good.", (c,), (), (), Source("t.txt", "0" * 64, "txt"))
>>> page = render_html(m)
>>> page.startswith("<!DOCTYPE html>") and render_html(m) == page
True
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import json
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup

from argmap.argument.links import POSITIONAL_SIGNALS
from argmap.findings.measures import evidence_quality
from argmap.model import (
    ArgumentMap,
    Component,
    Finding,
    Kind,
    MapError,
    Relation,
    RelationKind,
    Severity,
)
from argmap.text.words import shorten
from argmap.writers._shared import one_line
from argmap.writers.html.layout import (
    ASPECT,
    FONT_SIZE,
    GRID,
    LABEL_LINES,
    LABEL_WRAP,
    NODE_TEXT_WIDTH,
    ArgumentTree,
    argument_tree,
    arrange,
    causal_chains,
    causal_label,
    causal_layout,
    node_label,
    page_outline,
)
from argmap.writers.html.templating import json_for_script, template
from argmap.writers.style import EDGE_STYLE, ROLE_ORDER, ROLE_STYLE, View, tint

__all__ = ["ASSET_NAMES", "asset_files", "render_html"]

_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
_TEXT_COLOUR = "#1b1f24"
_FLAG_SHADOW = {"enabled": True, "color": "rgba(200,0,40,0.9)", "size": 16, "x": 0, "y": 0}
_VIS_DIR = ("lib", "vis-9.1.2")


def render_html(m: ArgumentMap, view: View = View.ARGUMENT, assets: str | None = None) -> str:
    """Return the map as one self-contained HTML page (same map, same bytes); raise MapError.

    The page carries both graphs, the whole argument and the causal chains, and opens on `view`;
    a toggle in the page switches between them. With `assets` (a relative URL ending in "/",
    e.g. "assets/"), the scripts and vis-network's style sheet are not inlined but read from
    that folder, which holds the files of `asset_files()`: the pages of a class share them.
    """
    public = m.to_dict()  # made once: checked, then carried by the page
    _check(public)
    flagged = _flagged(m)
    tree = argument_tree(m)
    arranged = arrange(m, tree)
    quality = evidence_quality(m.components)
    nodes, edges = _network(m, flagged, tree, arranged.place, quality)
    causal_nodes, causal_edges = _causal_network(m, flagged)
    data = {
        "map": public,
        "view": view.value,
        "views": {
            View.ARGUMENT.value: {
                "nodes": nodes,
                "edges": edges,
                "options": _options(),
                # What the page needs to fold blocks and wrap the rows again (layout.arrange),
                # and where the heading of the passages linked to no thesis stands.
                "items": [
                    [i.id, i.width, i.height, i.node_height, i.section, list(i.members), i.thesis]
                    for i in arranged.items
                ],
                "wrap": {
                    "width": arranged.width,
                    "top": arranged.top,
                    "aspect": ASPECT,
                    **GRID,
                },
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
        "outline": page_outline(m, tree),
        "chains": causal_chains(m),
        "positional": sorted(POSITIONAL_SIGNALS),  # signals that are not the essay's words
        "sureness": [list(step) for step in _SURENESS],
        "quality": {cid: QUALITY_WORDS[step] for cid, step in quality.items()},
        "edit": _edit_kit(public),
    }
    js, css, page_js = _vis_assets()
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
                "meaning": GLOSSARY[k][0],
                "example": GLOSSARY[k][1],
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
        assets=assets,
        vis_js=Markup(_script_safe(js)),
        vis_css=Markup(_style_safe(css)),
        page_js=Markup(_script_safe(page_js)),
        data_json=Markup(json_for_script(data)),
    )
    return page


def _edit_kit(public: dict[str, Any]) -> dict[str, Any]:
    """What the page needs to draw a map corrected in the page as this module draws maps: the
    map's hash (corrections are kept in the browser under it), each role's node style (plain
    and flagged), each kind of link's edge style, the routes' curves and the label wrapping."""
    text = json.dumps(public, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    flag = [Finding("x", Severity.WARNING, "x", "x")]
    styles = {}
    for k in Kind:
        c = Component("x", k, "", 0, 0, 0, 1)
        styles[k.value] = [
            {key: v for key, v in _node_style(c, notes).items() if key not in ("title", "kind")}
            for notes in ([], flag)
        ]
    edges = {}
    for rk in RelationKind:
        style = _edge_style(Relation("x", "x", rk, "", 1), 0)
        edges[rk.value] = {key: style[key] for key in ("color", "dashes", "width")}
    return {
        "hash": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "styles": styles,
        "edges": edges,
        "smooth": _ROUTE_SMOOTH,
        "label": {"wrap": LABEL_WRAP, "lines": LABEL_LINES},
    }


def _check(public: dict[str, Any]) -> None:
    """Raise MapError when the map (in its JSON form) is not valid (unknown ids, offsets
    outside the text, ...): a map built in Python may break what the JSON form guarantees."""
    from argmap.validate import validate

    problems = validate(public)
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
        else shorten(one_line(r.signal), 24) or None,
        "title": f"{r.kind.value}" + (f": \u201c{r.signal}\u201d" if r.signal else ""),
        "color": {"color": style["colour"], "highlight": style["colour"], "hover": style["colour"]},
        "dashes": style["dashes"],
        "width": style["width"],
        "kind": r.kind.value,
    }


#: How each kind of edge route is drawn by vis-network (see `ArgumentTree.route`); "top",
#: "stack" and "side" edges are drawn by the page itself, as elbow lines, except when it shows
#: one neighbourhood (then vis-network draws them as these curves).
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
    quality: dict[str, str],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Build the argument view's vis-network node and edge data with pyvis, from our own model:
    nodes placed by `argument_layout`, each edge tagged with its route."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="local")
    for c in m.components:
        notes = flagged.get(c.id, [])
        x, y = place[c.id]
        style = _node_style(c, notes)
        if c.id in quality:
            style["title"] = _node_title(c, notes, quality[c.id])
        net.add_node(c.id, label=node_label(c, flagged=bool(notes)), x=x, y=y, **style)
    for i, r in enumerate(m.relations):
        route = tree.route(m, i)
        net.add_edge(
            r.source,
            r.target,
            **_edge_style(r, i),
            route=route,
            smooth=_ROUTE_SMOOTH[route],
            **({"hidden": True} if route != "free" else {}),
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
        text = causal_label(c.text)
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


#: What each role is, in a sentence, with a short example: the page's glossary
#: (docs/annotation-guide.md section 2, in a student's words).
GLOSSARY: dict[Kind, tuple[str, str]] = {
    Kind.THESIS: (
        "the writer's overall position on the question, usually at the end of the introduction "
        "and restated in the conclusion",
        "Schools should ban mobile phones during the school day.",
    ),
    Kind.CLAIM: (
        "a point that backs (or opposes) the thesis directly, usually a paragraph's topic sentence",
        "Firstly, phones damage concentration.",
    ),
    Kind.EVIDENCE: (
        "what is offered to back a claim: a reason, an example, a fact, a statistic, a "
        "quotation or an anecdote",
        "In a 2015 study, test scores rose by 6% after a ban.",
    ),
    Kind.COUNTERCLAIM: (
        "an opposing view the writer presents, or a point the writer concedes",
        "Some parents argue that children need phones for emergencies.",
    ),
    Kind.REBUTTAL: (
        "the writer's answer to a counterclaim",
        "However, every school office already has a telephone.",
    ),
    Kind.CONTEXT: (
        "background, an introduction to the topic, signposting: not part of the argument",
        "Smartphones have become part of everyday life.",
    ),
}
# (lowest confidence, words) from the top: how sure argmap is of a role, in words.
_SURENESS = (
    (0.8, "sure"),
    (0.6, "fairly sure"),
    (0.4, "unsure: check this"),
    (0.0, "a guess: check this"),
)


def sureness(confidence: float) -> str:
    """How sure argmap is of a role, in words; below 0.6 the reader is asked to check it.

    >>> sureness(0.91), sureness(0.65), sureness(0.45), sureness(0.2)
    ('sure', 'fairly sure', 'unsure: check this', 'a guess: check this')
    """
    return next(words for lowest, words in _SURENESS if confidence >= lowest)


#: The three steps of evidence quality (`measures.evidence_quality`), in words.
QUALITY_WORDS = {
    "sourced": "sourced: it says where it comes from",
    "specific": "specific, but no source named",
    "general": "general reasoning: no figure, name, example or source",
}


def _node_title(c: Component, notes: list[Finding], quality: str | None = None) -> str:
    """Return the plain-text tooltip: role, confidence, evidence type, full text, findings.

    >>> c = Component("c1", Kind.EVIDENCE, "In 2015, scores rose.", 0, 21, 0, 0.75, "statistic")
    >>> print(_node_title(c, [], "specific"))
    Evidence (statistic) · fairly sure (confidence 0.75)
    In 2015, scores rose.
    Evidence quality: specific, but no source named
    """
    head = c.kind.value.capitalize()
    if c.evidence_type:
        head += f" ({c.evidence_type})"
    lines = [f"{head} \u00b7 {sureness(c.confidence)} (confidence {c.confidence:.2f})", c.text]
    if quality:
        lines.append("Evidence quality: " + QUALITY_WORDS[quality])
    if c.why:
        lines.append("Why: it " + "; it ".join(c.why))
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
    least `NODE_TEXT_WIDTH` pixels wide, and its label lines are shorter, so the layout knows each
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
            "font": {"face": _FONT, "size": FONT_SIZE, "color": _TEXT_COLOUR, "multi": False},
            "margin": {"top": 8, "right": 10, "bottom": 8, "left": 10},
            "widthConstraint": {"minimum": NODE_TEXT_WIDTH},
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


# The images vis-network's CSS embeds (205 KB of base64) are the icons of its navigation
# buttons and editing toolbar, both switched off on the page: they are left out.
_DATA_URL = re.compile(r"url\([\"']?data:[^)]*\)")


@functools.cache
def _vis_assets() -> tuple[str, str, str]:
    """vis-network's JavaScript and CSS from the installed pyvis package, the CSS without its
    embedded images (see `_DATA_URL`), and the page's own script (templates/map.js); read once."""
    lib = importlib.resources.files("pyvis").joinpath(*_VIS_DIR)
    js = lib.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = lib.joinpath("vis-network.css").read_text(encoding="utf-8")
    page_js = importlib.resources.files("argmap").joinpath("templates", "map.js")
    return js, _DATA_URL.sub("none", css), page_js.read_text(encoding="utf-8")


#: The files a folder of pages shares (`render_html(..., assets=...)`), each marked as argmap's.
ASSET_NAMES = ("vis-network.min.js", "vis-network.css", "argmap-map.js")


def asset_files() -> dict[str, str]:
    """The shared files of a folder of map pages, by name: vis-network's script and style sheet
    and the page's script, each with argmap's mark in a first comment.

    >>> sorted(asset_files()) == sorted(ASSET_NAMES)
    True
    """
    js, css, page_js = _vis_assets()
    mark = "/* written by argmap: {} */\n"
    return {
        "vis-network.min.js": mark.format("vis-network 9.1.2 (Apache-2.0 or MIT), from pyvis") + js,
        "vis-network.css": mark.format("vis-network 9.1.2 (Apache-2.0 or MIT), from pyvis") + css,
        "argmap-map.js": mark.format("the map page's script") + page_js,
    }
