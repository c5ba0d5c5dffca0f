"""Standard exports of a map: networkx, GraphML, GEXF, Graphviz DOT, Mermaid, AIF, Argdown,
Markdown and CSV.

Every writer is a pure function `ArgumentMap -> str` and deterministic (same map, same bytes: no
dates, no random ids). Essay text is untrusted, so each writer escapes it for its own syntax.
Human-facing formats (DOT, Mermaid, Markdown) number paragraphs from 1; data formats (CSV, GraphML,
GEXF, AIF) keep the JSON map's 0-based `paragraph`. networkx is imported only when a graph is built.

>>> from argmap.model import Component, Kind, Source
>>> c = Component("c1", Kind.THESIS, 'Tea is "good".', 0, 14, 0, 0.9)
>>> m = ArgumentMap("Tea", 'Tea is "good".', (c,), (), (), Source("t.txt", "0" * 64, "txt"))
>>> from_networkx(to_networkx(m)) == m
True
>>> print(to_argdown(m).splitlines()[-1])
[Thesis c1]: Tea is "good". #thesis
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from argmap.model import (
    SCHEMA,
    ArgumentMap,
    Component,
    Finding,
    Kind,
    MapError,
    Relation,
    RelationKind,
)
from argmap.text.words import shorten
from argmap.writers.style import EDGE_STYLE, FLAG_COLOUR, ROLE_STYLE, rgb, tint

Cell = int | float | str

__all__ = [
    "csv_cell",
    "to_networkx",
    "from_networkx",
    "export_graph",
    "to_graphml",
    "to_gexf",
    "to_dot",
    "to_mermaid",
    "to_aif",
    "to_argdown",
    "to_markdown",
    "to_csv",
    "CSV_COLUMNS",
    "AIF_SCHEMES",
]

# --- networkx -------------------------------------------------------------------------------


def to_networkx(m: ArgumentMap) -> Any:
    """The map as a `networkx.MultiDiGraph`: one node per component, one edge per relation.

    Nodes carry the component fields (`kind`, `text`, `start`, `end`, `paragraph`, `confidence`,
    `concepts`, and `evidence_type` when there is one); edge keys are the relation's position in
    the map; the graph holds the title, text, source and findings. No attribute is None.
    `from_networkx` turns it back into the same map.
    """
    import networkx as nx

    g = nx.MultiDiGraph(
        schema=SCHEMA,
        title=m.title,
        text=m.text,
        source_path=m.source.path,
        source_sha256=m.source.sha256,
        source_format=m.source.format,
        findings=[_finding_dict(f) for f in m.findings],
    )
    data = m.to_dict()  # the JSON form's fields, so the graph and the JSON never drift apart
    for c in data["components"]:
        g.add_node(c.pop("id"), **{k: v for k, v in c.items() if v is not None})
    for i, r in enumerate(data["relations"]):
        g.add_edge(r.pop("source"), r.pop("target"), key=i, **r)
    return g


def from_networkx(g: Any) -> ArgumentMap:
    """Rebuild a map from a graph made by `to_networkx` (perhaps edited); raise MapError.

    Relations come back in key order for a multigraph, in edge order otherwise.
    """
    try:
        if g.is_multigraph():
            edges = [(u, v, d) for u, v, _, d in sorted(g.edges(keys=True, data=True), key=_key)]
        else:
            edges = list(g.edges(data=True))
        data = {
            "schema": g.graph.get("schema", SCHEMA),
            "title": g.graph.get("title", ""),
            "source": {
                "path": g.graph.get("source_path", ""),
                "sha256": g.graph.get("source_sha256", ""),
                "format": g.graph.get("source_format", ""),
            },
            "text": g.graph.get("text", ""),
            "components": [
                {
                    "id": n,
                    "kind": d.get("kind"),
                    "text": d.get("text"),
                    "start": d.get("start"),
                    "end": d.get("end"),
                    "paragraph": d.get("paragraph"),
                    "confidence": d.get("confidence"),
                    "evidence_type": d.get("evidence_type"),
                    "concepts": list(d.get("concepts", [])),
                }
                for n, d in g.nodes(data=True)
            ],
            "relations": [
                {
                    "source": u,
                    "target": v,
                    "kind": d.get("kind"),
                    "signal": d.get("signal", ""),
                    "confidence": d.get("confidence"),
                }
                for u, v, d in edges
            ],
            "findings": [dict(f) for f in g.graph.get("findings", [])],
        }
    except (AttributeError, TypeError) as exc:
        raise MapError(f"not an argmap graph: {exc}") from None
    return ArgumentMap.from_dict(data)


def _key(edge: tuple[Any, Any, Any, Any]) -> tuple[str, Any]:
    return (type(edge[2]).__name__, edge[2])


def _finding_dict(f: Finding) -> dict[str, str]:
    out = {"code": f.code, "severity": f.severity.value, "message": f.message}
    if f.component is not None:
        out["component"] = f.component
    return out


# --- GraphML and GEXF -------------------------------------------------------------------------

# Characters XML 1.0 cannot hold, even escaped; they become U+FFFD in XML outputs.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml(text: str) -> str:
    """`text` made safe for XML 1.0 (a parser would turn a carriage return into a newline)."""
    return _XML_BAD.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


def export_graph(m: ArgumentMap) -> Any:
    """The `networkx.MultiDiGraph` that GraphML and GEXF are written from.

    Every attribute is a typed scalar a graph tool can show as a column: nodes have `label`
    (shortened text), `role`, `text`, `paragraph`, `char_start`, `char_end` (ints),
    `confidence` (float), `evidence_type`, `concepts` ("; "-joined) and `findings` (codes,
    space-separated), "" when empty; edges (keys `r1`, `r2`, ... in map order) have `kind`,
    `label`, `signal` and `confidence`; the graph has the title, essay text and source. The
    offsets are not called start/end because GEXF reserves those names for time.
    """
    import networkx as nx

    codes: dict[str | None, list[str]] = {}
    for f in m.findings:
        codes.setdefault(f.component, []).append(f.code)
    g = nx.MultiDiGraph(
        schema=SCHEMA,
        title=_xml(m.title),
        text=_xml(m.text),
        source_path=_xml(m.source.path),
        source_sha256=_xml(m.source.sha256),
        source_format=_xml(m.source.format),
        findings=_xml(" ".join(codes.get(None, []))),
    )
    for c in m.components:
        g.add_node(
            c.id,
            label=_xml(shorten(_one_line(c.text), 60)),
            role=c.kind.value,
            text=_xml(c.text),
            paragraph=c.paragraph,
            char_start=c.start,
            char_end=c.end,
            confidence=float(c.confidence),
            evidence_type=_xml(c.evidence_type or ""),
            concepts=_xml("; ".join(c.concepts)),
            findings=_xml(" ".join(codes.get(c.id, []))),
        )
    for i, r in enumerate(m.relations, 1):
        g.add_edge(
            r.source,
            r.target,
            key=f"r{i}",
            kind=r.kind.value,
            label=r.kind.value,
            signal=_xml(r.signal),
            confidence=float(r.confidence),
        )
    return g


_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def to_graphml(m: ArgumentMap) -> str:
    """GraphML (yEd, Gephi, Cytoscape, networkx), written by networkx from `export_graph`."""
    import networkx as nx

    return _XML_DECLARATION + "\n".join(nx.generate_graphml(export_graph(m))) + "\n"


def to_gexf(m: ArgumentMap) -> str:
    """GEXF 1.2 (Gephi), written by networkx from `export_graph`, nodes coloured by role.

    networkx stamps today's date on the file; argmap removes it so the same map gives the same
    bytes.
    """
    from networkx.readwrite.gexf import GEXFWriter

    g = export_graph(m)
    for _, d in g.nodes(data=True):
        r, gr, b = rgb(ROLE_STYLE[Kind(d["role"])]["colour"])
        d["viz"] = {"color": {"r": r, "g": gr, "b": b, "a": 1.0}}
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:
            creator.text = "argmap"
        description = meta.makeelement("description", {})
        description.text = _xml(m.title)
        meta.append(description)
    writer.add_graph(g)
    return _XML_DECLARATION + str(writer)


# --- Graphviz DOT -----------------------------------------------------------------------------

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


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


def _wrap(text: str, width: int = 36, lines: int = 6) -> str:
    out = textwrap.wrap(_one_line(text), width, break_long_words=True) or [""]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1].rstrip(" ,;:.") + "\u2026"
    return "\n".join(out)


def to_dot(m: ArgumentMap) -> str:
    """Graphviz DOT: one cluster per paragraph, nodes coloured by role, edges by kind.

    Render it with `dot -Tsvg map.dot > map.svg`. Supporters sit below what they support
    (`rankdir=BT`); a component with findings has a thick red border and lists their codes.
    """
    flagged = _codes_by_component(m)
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
                f"tooltip={_dot_string(_one_line(c.text))}",
                f'fillcolor="{tint(style["colour"], 0.72)}"',
            ]
            if style["dashes"]:
                attrs.append('style="rounded,filled,dashed"')
            if c.id in flagged:
                attrs += [f'color="{FLAG_COLOUR}"', "penwidth=2.5"]
            else:
                attrs.append(f'color="{style["colour"]}"')
            out.append(f"    {_dot_string(c.id)} [{', '.join(attrs)}];")
        out.append("  }")
    for r in m.relations:
        style = EDGE_STYLE[r.kind]
        attrs = [f'label="{r.kind.value}"', f'color="{style["colour"]}"']
        attrs.append(f"penwidth={2.5 if r.kind is RelationKind.CAUSES else 1.5}")
        if style["dashes"]:
            attrs.append("style=dashed")
        if r.signal:
            attrs.append(f"tooltip={_dot_string(r.kind.value + ': ' + _one_line(r.signal))}")
        out.append(f"  {_dot_string(r.source)} -> {_dot_string(r.target)} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"


# --- Mermaid ----------------------------------------------------------------------------------

# Characters Mermaid would read as syntax, HTML or Markdown inside a quoted label; they are
# written as Mermaid entity codes (`#34;` is a double quote).
_MERMAID_SPECIAL = set('"#&<>*_`~\\|')


def _mermaid_text(text: str) -> str:
    return "".join(f"#{ord(ch)};" if ch in _MERMAID_SPECIAL else ch for ch in _one_line(text))


def to_mermaid(m: ArgumentMap) -> str:
    """A Mermaid flowchart: one subgraph per paragraph, node classes per role.

    Nodes are `n1`, `n2`, ... in map order (component ids may hold any character); labels are
    the component text on one line, with special characters as Mermaid entity codes. Supports
    are solid arrows, attacks dotted, causes thick.
    """
    node = {c.id: f"n{i}" for i, c in enumerate(m.components, 1)}
    flagged = _codes_by_component(m)
    out = [
        "---",
        f"title: {json.dumps(_one_line(m.title), ensure_ascii=False)}",
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


# --- AIF / xAIF -------------------------------------------------------------------------------

#: The AIF node (type, text) each relation kind goes through: supports and causes are rule
#: applications (RA; causes with the "Cause To Effect" scheme), attacks conflicts (CA).
AIF_SCHEMES: dict[RelationKind, tuple[str, str]] = {
    RelationKind.SUPPORTS: ("RA", "Default Inference"),
    RelationKind.ATTACKS: ("CA", "Default Conflict"),
    RelationKind.CAUSES: ("RA", "Cause To Effect"),
}


def to_aif(m: ArgumentMap) -> str:
    """AIF in AIFdb's JSON, inside the xAIF wrapper: `{"AIF": {...}, "text": essay, ...}`.

    Each component is an I-node (its text, an exact substring of the essay) asserted by an L-node
    with the same text through a YA "Asserting" node, with a locution by one participant, the
    author; each relation goes premise -> RA/CA node -> conclusion (see `AIF_SCHEMES`). Node and
    edge ids are "1", "2", ... in map order; there are no timestamps. AIF has no roles or offsets,
    so the wrapper's "argmap" entry maps each I-node to its component id, role and offsets
    (xAIF allows such extra entries).
    """
    counter = itertools.count(1)
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    locutions: list[dict[str, Any]] = []
    inode: dict[str, str] = {}
    extension: list[dict[str, Any]] = []

    def edge(source: str, target: str) -> None:
        edges.append(
            {"edgeID": str(len(edges) + 1), "fromID": source, "toID": target, "formEdgeID": None}
        )

    for c in m.components:
        i, lo, ya = (str(next(counter)) for _ in range(3))
        inode[c.id] = i
        nodes.append({"nodeID": i, "text": c.text, "type": "I"})
        nodes.append({"nodeID": lo, "text": c.text, "type": "L"})
        nodes.append({"nodeID": ya, "text": "Asserting", "type": "YA"})
        edge(lo, ya)
        edge(ya, i)
        locutions.append({"nodeID": lo, "personID": "1"})
        extension.append(
            {
                "nodeID": i,
                "id": c.id,
                "kind": c.kind.value,
                "start": c.start,
                "end": c.end,
                "paragraph": c.paragraph,
                "confidence": c.confidence,
                "evidence_type": c.evidence_type,
            }
        )
    for r in m.relations:
        s = str(next(counter))
        node_type, scheme = AIF_SCHEMES[r.kind]
        nodes.append({"nodeID": s, "text": scheme, "type": node_type, "scheme": scheme})
        edge(inode[r.source], s)
        edge(s, inode[r.target])
    data = {
        "AIF": {
            "nodes": nodes,
            "edges": edges,
            "locutions": locutions,
            "participants": [{"participantID": "1", "firstname": "Author", "surname": ""}],
            "schemefulfillments": [],
            "descriptorfulfillments": [],
        },
        "text": m.text,
        "dialog": False,
        "argmap": {
            "schema": SCHEMA,
            "title": m.title,
            "source": {
                "path": m.source.path,
                "sha256": m.source.sha256,
                "format": m.source.format,
            },
            "components": extension,
            "findings": [_finding_dict(f) for f in m.findings],
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- The argument as a tree (Argdown and Markdown) ---------------------------------------------


@dataclass(frozen=True)
class _Row:
    """One line of the outline: `component` at `depth`, reached through `relation` (None for a
    root); `first` is False when the component was already written higher up."""

    depth: int
    component: Component
    relation: Relation | None
    first: bool


def _outline(m: ArgumentMap) -> Iterator[_Row]:
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
            yield _Row(depth, c, via, first)
            if first:
                seen.add(c.id)
                for r in reversed(children.get(c.id, [])):
                    stack.append((depth + 1, by_id[r.source], r))


# --- Argdown ----------------------------------------------------------------------------------

# Characters with a meaning inside an Argdown statement (escapes, mentions, tags, bold/italic,
# statement and argument titles, data, comments); written with a backslash before them.
_ARGDOWN_SPECIAL = set("\\@#*_[]<>{}/")


def _argdown_text(text: str) -> str:
    """`text` on one line with Argdown syntax escaped (`.x.` and `:x:` would be special chars)."""
    flat = _one_line(text)
    out = []
    for i, ch in enumerate(flat):
        following = flat[i + 1 : i + 2]
        if ch in _ARGDOWN_SPECIAL or (ch in ".:" and following and not following.isspace()):
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _argdown_tag(name: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9-]+", name):
        return f"#{name}"
    inner = _one_line(name).replace(")", "")
    return f"#({inner})" if inner else ""


def _argdown_titles(m: ArgumentMap) -> dict[str, str]:
    """A unique statement title per component: its role and id, without Argdown brackets."""
    titles: dict[str, str] = {}
    used: set[str] = set()
    for i, c in enumerate(m.components, 1):
        cid = _one_line(re.sub(r"[\[\]\\]", "", c.id)) or str(i)
        title = f"{c.kind.value.capitalize()} {cid}"
        if title in used:
            title = f"{title} ({i})"
        used.add(title)
        titles[c.id] = title
    return titles


def to_argdown(m: ArgumentMap) -> str:
    """Argdown (argdown.org): the thesis with what supports (`<+`) or attacks (`<-`) it below.

    Each component is a statement `[Role id]: text #role #finding-code ...`, defined once and
    referred to by title after; Argdown has no causal relation, so causes are listed as support
    under a "Causes" heading. Map-level findings are comments.
    """
    titles = _argdown_titles(m)
    flagged = _codes_by_component(m)
    out = [f"// Argument map of {_one_line(m.source.path)}, written by argmap ({SCHEMA})"]
    for f in m.findings:
        if f.component is None:
            out.append(f"// {f.severity.value} {_one_line(f.code)}: {_one_line(f.message)}")
    out += ["", f"# {_argdown_text(m.title) or 'Argument'}", ""]
    rel = {RelationKind.SUPPORTS: "<+ ", RelationKind.ATTACKS: "<- "}
    for row in _outline(m):
        c = row.component
        if row.depth == 0 and row.first and len(out) > 4 and out[-1] != "":
            out.append("")
        line = "  " * row.depth + (rel[row.relation.kind] if row.relation else "")
        line += f"[{titles[c.id]}]"
        if row.first:
            tags = [_argdown_tag(c.kind.value)]
            if c.evidence_type:
                tags.append(_argdown_tag(c.evidence_type))
            tags += [_argdown_tag(code) for code in flagged.get(c.id, [])]
            line += f": {_argdown_text(c.text)} {' '.join(t for t in tags if t)}"
        out.append(line)
    causes = [r for r in m.relations if r.kind is RelationKind.CAUSES]
    if causes:
        out += ["", "## Causes", ""]
        by_effect: dict[str, list[str]] = {}
        for r in causes:
            by_effect.setdefault(r.target, []).append(r.source)
        for effect, sources in by_effect.items():
            out.append(f"[{titles[effect]}]")
            out += [f"  <+ [{titles[s]}]" for s in sources]
            out.append("")
        out.pop()
    return "\n".join(out) + "\n"


# --- Markdown ---------------------------------------------------------------------------------

_MD_SPECIAL = set("\\`*_[]<>#|~&")


def _md(text: str) -> str:
    """`text` on one line, with the characters Markdown or HTML would act on backslash-escaped."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in _one_line(text))


_VERBS = {RelationKind.SUPPORTS: "supports", RelationKind.ATTACKS: "attacks"}


def to_markdown(m: ArgumentMap) -> str:
    """A readable outline of the argument in Markdown: thesis, what supports and attacks it (and
    what supports or attacks those), the causal links, then the findings."""
    flagged = _codes_by_component(m)
    n_par = len({c.paragraph for c in m.components})
    out = [
        f"# {_md(m.title) or 'Argument map'}",
        "",
        f"Argument map of {_md(m.source.path)}: {len(m.components)} components in {n_par} "
        f"paragraphs, {len(m.relations)} relations, {len(m.findings)} findings.",
        "",
        "## Argument",
        "",
    ]
    if not m.components:
        out.append("No argumentative units were found.")
    for row in _outline(m):
        c = row.component
        lead = "  " * row.depth + "- "
        if row.relation is not None:
            lead += f"*{_VERBS[row.relation.kind]}:* "
        name = f"**{c.kind.value.capitalize()}** ({_md(c.id)}"
        if not row.first:
            out.append(f"{lead}{name}, see above)")
            continue
        name += f", paragraph {c.paragraph + 1}"
        if c.evidence_type:
            name += f", {_md(c.evidence_type)}"
        line = f"{lead}{name}): {_md(c.text)}"
        if c.id in flagged:
            line += " \u26a0 " + ", ".join(f"*{_md(code)}*" for code in flagged[c.id])
        out.append(line)
    causes = [r for r in m.relations if r.kind is RelationKind.CAUSES]
    if causes:
        by_id = {c.id: c for c in m.components}
        out += ["", "## Causes", ""]
        for r in causes:
            signal = f" (*{_md(r.signal)}*)" if r.signal else ""
            out.append(
                f"- {_md(by_id[r.source].text)} ({_md(r.source)}) \u2192 "
                f"{_md(by_id[r.target].text)} ({_md(r.target)}){signal}"
            )
    out += ["", "## Findings", ""]
    if not m.findings:
        out.append("None.")
    for f in m.findings:
        where = f" ({_md(f.component)})" if f.component is not None else ""
        out.append(f"- **{f.severity.value}** {_md(f.code)}{where}: {_md(f.message)}")
    return "\n".join(out) + "\n"


# --- CSV --------------------------------------------------------------------------------------

#: The CSV header: one row per component; `supports`, `attacks` and `causes` list the ids this
#: component points at, `findings` the codes about it ("; "-separated).
CSV_COLUMNS = (
    "id",
    "role",
    "paragraph",
    "start",
    "end",
    "confidence",
    "evidence_type",
    "text",
    "findings",
    "supports",
    "attacks",
    "causes",
    "concepts",
)


def csv_cell(value: Cell) -> Cell:
    """A CSV cell a spreadsheet will not run as a formula (CSV injection: essay text, titles and
    file names are untrusted): text opening with = + - @, a tab or a carriage return gets a
    leading apostrophe; numbers pass unchanged.

    >>> csv_cell("=HYPERLINK(1)"), csv_cell("-"), csv_cell("a-b"), csv_cell(-1)
    ("'=HYPERLINK(1)", "'-", 'a-b', -1)
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(m: ArgumentMap) -> str:
    """One row per component (see `CSV_COLUMNS`), RFC 4180 quoting and line ends, for
    gradebooks and spreadsheets. Text that starts like a formula gets a leading `'`."""
    flagged = _codes_by_component(m)
    targets: dict[tuple[str, RelationKind], list[str]] = {}
    for r in m.relations:
        targets.setdefault((r.source, r.kind), []).append(r.target)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for c in m.components:
        writer.writerow(
            [
                csv_cell(c.id),
                c.kind.value,
                c.paragraph,
                c.start,
                c.end,
                c.confidence,
                csv_cell(c.evidence_type or ""),
                csv_cell(c.text),
                csv_cell("; ".join(flagged.get(c.id, []))),
                *(csv_cell("; ".join(targets.get((c.id, k), []))) for k in RelationKind),
                csv_cell("; ".join(c.concepts)),
            ]
        )
    return buf.getvalue()


# --- Shared helpers ---------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _codes_by_component(m: ArgumentMap) -> dict[str, list[str]]:
    """Finding codes per component id, in map order."""
    codes: dict[str, list[str]] = {}
    for f in m.findings:
        if f.component is not None:
            codes.setdefault(f.component, []).append(f.code)
    return codes
