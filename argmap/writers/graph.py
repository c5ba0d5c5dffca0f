"""The map as a networkx graph, and the graph formats networkx writes: GraphML and GEXF.

`to_networkx` and `from_networkx` convert without loss; `export_graph` is the flatter graph,
every attribute a typed scalar, that GraphML and GEXF are written from. Data formats keep the
JSON map's 0-based `paragraph`. networkx is imported only when a graph is built.

>>> from argmap.model import Component, Kind, Source
>>> c = Component("c1", Kind.THESIS, 'Tea is "good".', 0, 14, 0, 0.9)
>>> m = ArgumentMap("Tea", 'Tea is "good".', (c,), (), (), Source("t.txt", "0" * 64, "txt"))
>>> from_networkx(to_networkx(m)) == m
True
>>> print(to_graphml(m).splitlines()[0])
<?xml version="1.0" encoding="UTF-8"?>
>>> "<creator>argmap</creator>" in to_gexf(m)
True
"""

from __future__ import annotations

import re
from typing import Any

from argmap.model import SCHEMA, ArgumentMap, Kind, MapError
from argmap.text.words import shorten
from argmap.writers._shared import distinct, finding_dict, one_line
from argmap.writers.style import ROLE_STYLE, rgb

__all__ = ["to_networkx", "from_networkx", "export_graph", "to_graphml", "to_gexf"]


def to_networkx(m: ArgumentMap) -> Any:
    """The map as a `networkx.MultiDiGraph`: one node per component, one edge per relation.

    Nodes carry the component fields (`kind`, `text`, `start`, `end`, `paragraph`, `confidence`,
    `concepts`, `why`, and `evidence_type` and `provenance` (a dict) when there is one); edge
    keys are the relation's position in the map; the graph holds the title, text, source and
    findings. No attribute is None.
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
        findings=[finding_dict(f) for f in m.findings],
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
                    "provenance": d.get("provenance"),
                    "why": list(d.get("why", [])),
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


# Characters XML 1.0 cannot hold, even escaped; they become U+FFFD in XML outputs.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml(text: str) -> str:
    """`text` made safe for XML 1.0 (a parser would turn a carriage return into a newline)."""
    return _XML_BAD.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


def _xml_id(cid: str) -> str:
    """A component id made safe for XML 1.0 (line breaks kept: ids are written in attributes,
    where they are escaped as character references)."""
    return _XML_BAD.sub("\ufffd", cid)


def export_graph(m: ArgumentMap) -> Any:
    """The `networkx.MultiDiGraph` that GraphML and GEXF are written from.

    Every attribute is a typed scalar a graph tool can show as a column: nodes have `label`
    (shortened text), `role`, `text`, `paragraph`, `char_start`, `char_end` (ints),
    `confidence` (float), `evidence_type`, `concepts` ("; "-joined) and `findings` (codes,
    space-separated), "" when empty; edges (keys `r1`, `r2`, ... in map order) have `kind`,
    `label`, `signal` and `confidence`; the graph has the title, essay text and source. The
    offsets are not called start/end because GEXF reserves those names for time. Node ids are
    the component ids, with any character XML cannot hold made U+FFFD (kept distinct).
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
    ends = [end for r in m.relations for end in (r.source, r.target)]
    node = distinct([*(c.id for c in m.components), *ends], _xml_id)
    for c in m.components:
        g.add_node(
            node[c.id],
            label=_xml(shorten(one_line(c.text), 60)),
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
            node[r.source],
            node[r.target],
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

    graphml = "\n".join(nx.generate_graphml(export_graph(m)))
    return _XML_DECLARATION + "<!-- written by argmap -->\n" + graphml + "\n"


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
