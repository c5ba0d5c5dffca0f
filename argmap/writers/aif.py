"""AIF (the Argument Interchange Format) in AIFdb's JSON, inside the xAIF wrapper, for OVA,
AIFdb and argument-mining tools. Data formats keep the JSON map's 0-based `paragraph`.

>>> import json
>>> from argmap.model import Component, Kind, Source
>>> c = Component("c1", Kind.THESIS, 'Tea is "good".', 0, 14, 0, 0.9)
>>> m = ArgumentMap("Tea", 'Tea is "good".', (c,), (), (), Source("t.txt", "0" * 64, "txt"))
>>> [(n["nodeID"], n["type"]) for n in json.loads(to_aif(m))["AIF"]["nodes"]]
[('1', 'I'), ('2', 'L'), ('3', 'YA')]
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from argmap.model import SCHEMA, ArgumentMap, RelationKind
from argmap.writers._shared import finding_dict

__all__ = ["to_aif", "AIF_SCHEMES"]

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
        "generator": "written by argmap",  # argmap's mark (argmap.writers.files)
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
            "findings": [finding_dict(f) for f in m.findings],
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
