"""Standard exports: each format is read back (or checked by its own tool) and is deterministic.

Every check runs on the golden maps of the sample essays, on a small map with every role and
relation kind, and on a map whose essay is hostile: quotes, <script>, newlines, braces,
backslashes and each format's own syntax characters.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from argmap.model import ArgumentMap, Kind, MapError, Relation, RelationKind
from argmap.writers import (
    EXPORTERS,
    Format,
    export,
    format_for_path,
    parse_formats,
    path_for,
)
from argmap.writers.aif import AIF_SCHEMES, to_aif
from argmap.writers.argdown import to_argdown
from argmap.writers.csv import CSV_COLUMNS, to_csv
from argmap.writers.dot import to_dot
from argmap.writers.graph import export_graph, from_networkx, to_gexf, to_graphml, to_networkx
from argmap.writers.markdown import to_markdown
from argmap.writers.mermaid import to_mermaid
from argmap.writers.style import ROLE_STYLE
from tests.factories import CONCEPTS, essay, make_map, sample_map

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = sorted((ROOT / "tests" / "golden").glob("*.json"))


#: Every role and relation kind; c7 also supports the thesis, so one row of the CSV names two
#: kinds of link.
SAMPLE = sample_map((7, "supports", 2, "same paragraph"))

HOSTILE = essay(
    [
        (Kind.THESIS, 'He said "stop" <script>alert(1)</script> now.'),
        (Kind.CLAIM, "Braces {a: 1}, \\backslash\\, \\n, \\N and a trailing \\"),
    ],
    [
        (
            Kind.EVIDENCE,
            "Line one\nline two // not a comment <!-- nor this --> @[x] #tag *b* _i_ `c` ~s~",
            "statistic",
        ),
        (
            Kind.COUNTERCLAIM,
            "[T]: fake +> <- -> |pipe| %% &amp; #quot; #35; .smile. :cry: e.g. 3.5 [a](b)",
        ),
        (Kind.REBUTTAL, '=HYPERLINK("http://evil") \'quoted\' ], \\" end\\\\'),
        (Kind.CLAIM, "-1 is a number; @home; +44 ⚠ ünïcödé “curly” {{ }} </b>"),
    ],
    relations=[
        (2, "supports", 1, 'because "x"'),
        (3, "supports", 2, "<b>"),
        (4, "attacks", 1, "{}"),
        (5, "attacks", 4, "\\"),
        (3, "causes", 4, "-->"),
        (6, "causes", 5, "<script>"),
    ],
    findings=[
        ("unsupported-claim", "warning", 'Claim <b>x</b> & "y"', 2),
        ("missing-thesis", "warning", 'map-level "f" <i>{}</i>', None),
    ],
    title='Evil "title" <script>alert(1)</script> {x} \\',
    path='dir/"evil" <x>.txt',
    concepts={2: CONCEPTS, 6: CONCEPTS},
)

EMPTY = make_map(["Nothing to see here."], title="")


def _maps() -> list[Any]:
    golden = [pytest.param(g, id=g.stem) for g in GOLDEN]
    return [
        pytest.param(SAMPLE, id="sample"),
        pytest.param(HOSTILE, id="hostile"),
        pytest.param(EMPTY, id="empty"),
        *golden,
    ]


@pytest.fixture(params=_maps())
def amap(request: pytest.FixtureRequest) -> ArgumentMap:
    value = request.param
    if isinstance(value, Path):
        return ArgumentMap.from_json(value.read_text(encoding="utf-8"))
    assert isinstance(value, ArgumentMap)
    return value


def flat(text: str) -> str:
    return " ".join(text.split())


# --- The registry -----------------------------------------------------------------------------


def test_every_format_has_one_exporter_and_its_own_suffix() -> None:
    assert set(EXPORTERS) == set(Format)
    assert len({f.suffix for f in Format}) == len(Format)
    for f in Format:
        assert format_for_path(Path(f"out/essay{f.suffix}")) is f
        assert path_for(Path("out/essay.aif.json"), f) == Path(f"out/essay{f.suffix}")
    assert format_for_path(Path("essay")) is None
    assert format_for_path(Path(".json")) is None


def test_format_lists_are_parsed_in_order_without_repeats() -> None:
    assert parse_formats(["dot, CSV", "dot", "", "md,"]) == [Format.DOT, Format.CSV, Format.MD]
    with pytest.raises(ValueError, match="'pdf'.*graphml"):
        parse_formats(["html,pdf"])


@pytest.mark.parametrize("fmt", [f for f in Format if f is not Format.HTML])
def test_every_exporter_is_deterministic(fmt: Format, amap: ArgumentMap) -> None:
    first = export(amap, fmt)
    assert export(ArgumentMap.from_json(amap.to_json()), fmt) == first
    assert first.endswith("\n")


def test_the_page_is_deterministic_too() -> None:
    """(test_render checks the page in depth; here only that the registry's entry is stable.)"""
    first = export(HOSTILE, Format.HTML)
    assert export(ArgumentMap.from_json(HOSTILE.to_json()), Format.HTML) == first


# --- networkx ---------------------------------------------------------------------------------


def test_json_networkx_json_is_identical(amap: ArgumentMap) -> None:
    text = amap.to_json()
    g = to_networkx(ArgumentMap.from_json(text))
    assert from_networkx(g).to_json() == text
    assert list(g.nodes) == [c.id for c in amap.components]
    assert g.number_of_edges() == len(amap.relations)
    values = [*g.graph.values()]
    values += [v for _, d in g.nodes(data=True) for v in d.values()]
    values += [v for *_, d in g.edges(data=True) for v in d.values()]
    assert None not in values


def test_an_edited_graph_comes_back_as_an_edited_map() -> None:
    g = to_networkx(SAMPLE)
    g.nodes["c1"]["kind"] = "claim"
    g.add_edge("c1", "c2", key=len(SAMPLE.relations), kind="supports", signal="", confidence=0.5)
    m = from_networkx(g)
    assert m.components[0].kind is Kind.CLAIM
    assert m.relations[-1] == Relation("c1", "c2", RelationKind.SUPPORTS, "", 0.5)
    g.nodes["c1"]["kind"] = "opinion"
    with pytest.raises(MapError, match="unknown role 'opinion'"):
        from_networkx(g)


# --- GraphML and GEXF -------------------------------------------------------------------------


def _same_attributes(got: dict[str, Any], want: dict[str, Any]) -> None:
    assert got == want
    assert {k: type(v) for k, v in got.items()} == {k: type(v) for k, v in want.items()}


def test_graphml_reads_back_with_the_same_nodes_edges_and_typed_attributes(
    amap: ArgumentMap,
) -> None:
    want = export_graph(amap)
    got = nx.parse_graphml(to_graphml(amap), force_multigraph=True)
    assert list(got.nodes) == list(want.nodes)
    for n in want.nodes:
        _same_attributes(got.nodes[n], want.nodes[n])
    assert sorted(got.edges(keys=True)) == sorted(want.edges(keys=True))
    for u, v, k, d in want.edges(keys=True, data=True):
        _same_attributes(got.edges[u, v, k], d)
    for key, value in want.graph.items():
        assert got.graph[key] == value
    if amap.components:
        c = amap.components[0]
        assert isinstance(got.nodes[c.id]["char_start"], int)
        assert isinstance(got.nodes[c.id]["confidence"], float)
        assert got.nodes[c.id]["text"] == c.text


def test_gexf_reads_back_with_the_same_nodes_edges_and_typed_attributes(
    amap: ArgumentMap,
) -> None:
    text = to_gexf(amap)
    assert "lastmodifieddate" not in text
    want = export_graph(amap)
    got = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    assert list(got.nodes) == list(want.nodes)
    for n in want.nodes:
        attrs = dict(got.nodes[n])
        colour = attrs.pop("viz")["color"]
        role = ROLE_STYLE[Kind(want.nodes[n]["role"])]["colour"]
        assert "#{:02X}{:02X}{:02X}".format(colour["r"], colour["g"], colour["b"]) == role.upper()
        _same_attributes(attrs, want.nodes[n])
    # networkx reads a GEXF file without parallel edges as a DiGraph, so compare edge by edge
    assert _edge_rows(got, drop="id") == _edge_rows(want)


def _edge_rows(g: Any, drop: str = "") -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    rows = []
    for u, v, d in g.edges(data=True):
        attrs = {k: x for k, x in d.items() if k != drop}
        types = sorted((k, type(x).__name__) for k, x in attrs.items())
        rows.append((u, v, json.dumps(attrs, sort_keys=True), types))
    return sorted(rows)


def test_characters_xml_cannot_hold_are_replaced_not_fatal() -> None:
    m = make_map([(Kind.CLAIM, "Bell\x07 and form\x0c feed.")], title="T\x01")
    got = nx.parse_graphml(to_graphml(m), force_multigraph=True)
    assert got.nodes["c1"]["text"] == "Bell\ufffd and form\ufffd feed."
    assert nx.read_gexf(io.BytesIO(to_gexf(m).encode())).nodes["c1"]["role"] == "claim"


# --- Graphviz DOT -----------------------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


def _dot_or_skip() -> str:
    dot = shutil.which("dot")
    if dot is None:
        reason = "Graphviz `dot` is not installed (apt-get install graphviz); CI installs it"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return dot


def test_dot_is_accepted_by_graphviz_and_keeps_the_text(amap: ArgumentMap) -> None:
    dot = _dot_or_skip()
    result = subprocess.run(
        [dot, "-Tsvg"], input=to_dot(amap).encode("utf-8"), capture_output=True, check=False
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""
    svg = ET.fromstring(result.stdout)
    groups = list(svg.iter(f"{SVG}g"))

    def title(g: ET.Element) -> str:
        t = g.find(f"{SVG}title")
        return "" if t is None or t.text is None else t.text

    nodes = {title(g): g for g in groups if g.get("class") == "node"}
    assert sorted(nodes) == sorted(c.id for c in amap.components)
    for c in amap.components:
        lines = [t.text or "" for t in nodes[c.id].iter(f"{SVG}text")]
        assert lines[0] == f"{c.kind.value.upper()} {c.id}"
        body = [line for line in lines[1:] if not line.startswith("\u26a0")]
        shown = "".join("".join(body).split())
        whole = "".join(c.text.split())
        assert whole.startswith(shown.removesuffix("\u2026")), (shown, whole)
    edges = [title(g) for g in groups if g.get("class") == "edge"]
    assert sorted(edges) == sorted(f"{r.source}->{r.target}" for r in amap.relations)
    clusters = [title(g) for g in groups if g.get("class") == "cluster"]
    assert clusters == [f"cluster_p{p}" for p in sorted({c.paragraph for c in amap.components})]
    if amap.title:
        graph_label = [t.text for t in svg.iter(f"{SVG}text")][0]
        assert graph_label == flat(amap.title)


# --- Mermaid ----------------------------------------------------------------------------------

MERMAID_LINES = {
    "node": re.compile(r'    (n\d+)\["([^"]*)"\]'),
    "edge": re.compile(r"  (n\d+) (-->|-\.->|==>)\|(supports|attacks|causes)\| (n\d+)"),
    "subgraph": re.compile(r'  subgraph p(\d+) \["Paragraph \1"\]'),
    "end": re.compile(r"  end"),
    "classDef": re.compile(r"  classDef (\w+) [\w:#,-]+"),
    "class": re.compile(r"  class (n\d+(?:,n\d+)*) (\w+)"),
}


def read_mermaid(text: str) -> tuple[dict[str, str], list[tuple[str, str, str]], dict[str, str]]:
    """A strict reader of the flowchart argmap writes: labels by node, edges, role by node.

    Every line must be one argmap writes; a label must hold no raw quote, angle bracket, #, &,
    *, _, backtick, ~, | or backslash, only entity codes.
    """
    lines = text.splitlines()
    assert lines[0] == "---" and lines[1].startswith("title: ") and lines[3] == "---"
    assert lines[2] == "# written by argmap"  # a YAML comment: argmap's mark
    json.loads(lines[1].removeprefix("title: "))
    assert lines[4] == "flowchart BT"
    labels: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []
    roles: dict[str, str] = {}
    for line in lines[5:]:
        kind, match = next(
            ((k, m) for k, p in MERMAID_LINES.items() if (m := p.fullmatch(line))), (None, None)
        )
        assert match is not None, line
        if kind == "node":
            raw = match.group(2)
            assert not set(raw) & set('"<>&*_`~|\\'), raw
            assert not re.search(r"#(?!\d+;)", raw), raw
            labels[match.group(1)] = re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), raw)
        elif kind == "edge":
            edges.append((match.group(1), match.group(4), match.group(3)))
        elif kind == "class" and match.group(2) != "flagged":
            roles.update(dict.fromkeys(match.group(1).split(","), match.group(2)))
    return labels, edges, roles


def test_mermaid_reads_back_into_the_same_components_and_relations(amap: ArgumentMap) -> None:
    labels, edges, roles = read_mermaid(to_mermaid(amap))
    node = {c.id: f"n{i}" for i, c in enumerate(amap.components, 1)}
    assert labels == {node[c.id]: flat(c.text) for c in amap.components}
    assert roles == {node[c.id]: c.kind.value for c in amap.components}
    assert edges == [(node[r.source], node[r.target], r.kind.value) for r in amap.relations]


# --- AIF / xAIF -------------------------------------------------------------------------------


def read_aif(text: str) -> tuple[list[tuple[str, str, str, int, int]], list[tuple[str, str, str]]]:
    """Components (id, role, text, start, end) and relations (source, target, kind) of an xAIF
    export, with the checks the AIF asks for: unique node ids, edges between existing nodes,
    I-node text in the essay, locutions on L-nodes, one premise and one conclusion per S-node."""
    data = json.loads(text)
    assert "timestamp" not in text
    aif, essay = data["AIF"], data["text"]
    assert set(aif) >= {"nodes", "edges", "locutions", "participants"}
    nodes = {n["nodeID"]: n for n in aif["nodes"]}
    assert len(nodes) == len(aif["nodes"])
    assert len({e["edgeID"] for e in aif["edges"]}) == len(aif["edges"])
    into: dict[str, list[str]] = {}
    out_of: dict[str, list[str]] = {}
    for e in aif["edges"]:
        assert e["fromID"] in nodes and e["toID"] in nodes
        out_of.setdefault(e["fromID"], []).append(e["toID"])
        into.setdefault(e["toID"], []).append(e["fromID"])
    people = {p["participantID"] for p in aif["participants"]}
    for loc in aif["locutions"]:
        assert nodes[loc["nodeID"]]["type"] == "L" and loc["personID"] in people
    extra = {e["nodeID"]: e for e in data["argmap"]["components"]}
    components = []
    for n in aif["nodes"]:
        if n["type"] == "I":
            assert n["text"] in essay
            e = extra[n["nodeID"]]
            assert essay[e["start"] : e["end"]] == n["text"]
            (ya,) = [m for m in into[n["nodeID"]] if nodes[m]["type"] == "YA"]
            (lo,) = into[ya]
            assert nodes[lo]["type"] == "L"
            assert nodes[lo]["text"] == n["text"]
            components.append((e["id"], e["kind"], n["text"], e["start"], e["end"]))
    schemes = {v: k for k, v in AIF_SCHEMES.items()}
    relations = []
    for n in aif["nodes"]:
        if n["type"] in ("RA", "CA"):
            (premise,) = into[n["nodeID"]]
            (conclusion,) = out_of[n["nodeID"]]
            assert nodes[premise]["type"] == nodes[conclusion]["type"] == "I"
            kind = schemes[(n["type"], n["text"])]
            relations.append((extra[premise]["id"], extra[conclusion]["id"], kind.value))
    return components, relations


def test_aif_reads_back_into_the_same_components_and_relations(amap: ArgumentMap) -> None:
    components, relations = read_aif(to_aif(amap))
    assert components == [(c.id, c.kind.value, c.text, c.start, c.end) for c in amap.components]
    assert relations == [(r.source, r.target, r.kind.value) for r in amap.relations]
    assert json.loads(to_aif(amap))["text"] == amap.text


# --- Argdown ----------------------------------------------------------------------------------

ARGDOWN_LINE = re.compile(r"( *)(?:(<\+|<-) )?\[([^\]]+)\](?:: (.*))?")
ARGDOWN_TAG = re.compile(r"#(?:\(([^)]*)\)|([A-Za-z0-9-]+))")


def _argdown_statement(content: str) -> tuple[str, list[str]]:
    """Text and tags of a statement; fails on an Argdown character left unescaped."""
    text: list[str] = []
    tags: list[str] = []
    i = 0
    while i < len(content):
        ch = content[i]
        if ch == "\\":
            text.append(content[i + 1])
            i += 2
        elif ch == "#":
            tag = ARGDOWN_TAG.match(content, i)
            assert tag is not None, content[i:]
            tags.append(tag.group(1) or tag.group(2))
            i = tag.end()
        else:
            assert ch not in "@*_[]<>{}/", f"unescaped {ch!r} in {content!r}"
            text.append(ch)
            i += 1
    return "".join(text).strip(), tags


def read_argdown(
    text: str,
) -> tuple[dict[str, tuple[str, list[str]]], list[tuple[str, str, str]]]:
    """Statements (title -> text, tags) and relations (source, target, kind) of argmap's
    Argdown: `<+` under a statement supports it, `<-` attacks it; under "## Causes", `<+` is a
    cause."""
    statements: dict[str, tuple[str, list[str]]] = {}
    relations: list[tuple[str, str, str]] = []
    section = ""
    parents: list[str] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("//"):
            continue
        if line.startswith("#"):
            section = line.lstrip("#").strip()
            continue
        match = ARGDOWN_LINE.fullmatch(line)
        assert match is not None, line
        indent, arrow, title, content = match.groups()
        depth = len(indent) // 2
        assert len(indent) % 2 == 0 and (depth == 0) == (arrow is None), line
        if content is not None:
            assert title not in statements, f"{title} defined twice"
            statements[title] = _argdown_statement(content)
        else:
            assert title in statements, f"{title} used before it is defined"
        parents[depth:] = [title]
        if arrow is not None:
            kind = "causes" if section == "Causes" else "supports" if arrow == "<+" else "attacks"
            relations.append((title, parents[depth - 1], kind))
    return statements, relations


def test_argdown_reads_back_into_the_same_statements_and_relations(amap: ArgumentMap) -> None:
    statements, relations = read_argdown(to_argdown(amap))
    titles = {c.id: f"{c.kind.value.capitalize()} {c.id}" for c in amap.components}
    assert set(statements) == set(titles.values())
    codes: dict[str, list[str]] = {}
    for f in amap.findings:
        if f.component is not None:
            codes.setdefault(f.component, []).append(f.code)
    for c in amap.components:
        text, tags = statements[titles[c.id]]
        assert text == flat(c.text)
        evidence = [c.evidence_type] if c.evidence_type else []
        assert tags == [c.kind.value, *evidence, *codes.get(c.id, [])]
    want = [(titles[r.source], titles[r.target], r.kind.value) for r in amap.relations]
    assert sorted(relations) == sorted(want)
    thesis = [c for c in amap.components if c.kind is Kind.THESIS]
    if thesis:  # the thesis opens the argument
        first = next(line for line in to_argdown(amap).splitlines() if line.startswith("["))
        assert first.startswith(f"[{titles[thesis[0].id]}]: ")


# --- Markdown and CSV -------------------------------------------------------------------------


def test_markdown_outlines_every_component_and_finding(amap: ArgumentMap) -> None:
    md = to_markdown(amap)
    assert not re.search(r"(?<!\\)[<>]", md.replace("\u2192", "")), "raw HTML in Markdown"
    plain = re.sub(r"\\(.)", r"\1", md)
    lines = plain.splitlines()
    assert lines[0] == f"# {flat(amap.title) or 'Argument map'}"
    for c in amap.components:
        mine = [line for line in lines if f"**{c.kind.value.capitalize()}** ({c.id}, " in line]
        assert any(
            line.endswith(flat(c.text)) or f"): {flat(c.text)} \u26a0" in line for line in mine
        )
    findings = lines[lines.index("## Findings") :]
    for f in amap.findings:
        assert any(f.code in line and line.endswith(flat(f.message)) for line in findings)
    if not amap.findings:
        assert findings[2] == "None."


def test_markdown_nests_support_under_what_it_supports() -> None:
    lines = to_markdown(SAMPLE).splitlines()
    thesis = lines.index("- **Thesis** (c2, paragraph 1): Schools should ban phones.")
    assert lines[thesis + 1].startswith("  - *supports:* **Claim** (c3, paragraph 2)")
    assert lines[thesis + 2].startswith(
        "    - *supports:* **Evidence** (c4, paragraph 2, statistic)"
    )
    assert (
        "- Phones make bullying easier. (c7) \u2192 Phones distract students. (c3) (*--\\>*)"
        in (lines)
    )


def test_csv_has_one_row_per_component(amap: ArgumentMap) -> None:
    rows = list(csv.reader(io.StringIO(to_csv(amap), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert to_csv(amap).count("\r\n") >= len(amap.components) + 1
    records = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]]
    assert len(records) == len(amap.components)
    codes: dict[str, list[str]] = {}
    for f in amap.findings:
        if f.component is not None:
            codes.setdefault(f.component, []).append(f.code)
    for c, row in zip(amap.components, records, strict=True):
        text = row["text"].removeprefix("'") if c.text[:1] in "=+-@" else row["text"]
        assert text == c.text
        assert (row["id"], row["role"]) == (c.id, c.kind.value)
        assert (int(row["paragraph"]), int(row["start"]), int(row["end"])) == (
            c.paragraph,
            c.start,
            c.end,
        )
        assert float(row["confidence"]) == c.confidence
        assert row["evidence_type"] == (c.evidence_type or "")
        assert row["findings"] == "; ".join(codes.get(c.id, []))
        for kind in RelationKind:
            targets = [r.target for r in amap.relations if r.source == c.id and r.kind is kind]
            assert row[kind.value] == "; ".join(targets)


def test_csv_cells_that_look_like_formulas_are_quoted() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(HOSTILE), newline="")))
    assert rows[4]["text"].startswith("'=HYPERLINK(")
    assert rows[5]["text"].startswith("'-1 is a number")
    assert all(not row["text"].startswith(("=", "+", "-", "@")) for row in rows)
