"""Hostile maps: `render` and `export` keep their promise, and every writer escapes for its format.

A malformed JSON map (nested too deep, too big, a number too long, an unpaired surrogate in any
string, a control character in an id) gets exit 2 and one `PATH: problem` line per problem,
never a traceback; a map saved with a byte order mark is read. Then one property test per writer
puts hostile strings (any text, control characters, Mermaid directives, quotes, `]]>`,
`</script>`) in ids, texts, signals, findings and titles, and reads the output back with a real
parser where one exists (xml.etree, json, csv, markdown-it, html.parser, Graphviz when
installed) or with a strict reader of the lines argmap writes.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from argmap.app.cli import app
from argmap.model import (
    ArgumentMap,
    Component,
    Finding,
    Kind,
    Relation,
    RelationKind,
    Severity,
    Source,
    map_checksum,
)
from argmap.writers import Format, export
from tests.factories import sample_map
from tests.test_export import MERMAID_LINES  # the lines argmap writes

runner = CliRunner()

#: Control characters: `validate` refuses them in ids.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
#: What XML 1.0 cannot hold, even escaped: the XML writers write U+FFFD instead.
XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def flat(text: str) -> str:
    return " ".join(text.split())


def sample_json() -> dict[str, Any]:
    """A valid map in its JSON form, with every role and relation kind and two findings."""
    return sample_map().to_dict()


def write_map(path: Path, data: dict[str, Any] | str | bytes) -> Path:
    if isinstance(data, dict):
        data = json.dumps(data)  # ASCII: an unpaired surrogate is written as the escape \ud800
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def assert_refused(path: Path, *needles: str, problems: int = 1) -> str:
    """`render` and `export` both refuse the map: exit 2, one line per problem naming the file,
    a last line counting them, nothing written, no traceback."""
    for command in (
        ["render", str(path), "-o", str(path.with_suffix(".html"))],
        ["export", str(path), "--to", "graphml", "-o", str(path.with_suffix(".graphml"))],
    ):
        code, out, err = run(*command)
        assert code == 2, err
        lines = err.splitlines()
        assert len(lines) == problems + 1, err
        assert all(line.startswith(f"argmap: error: {path}: ") for line in lines), err
        assert lines[-1].endswith(f"{problems} problem{'s' if problems > 1 else ''}; not written")
        for needle in needles:
            assert needle in err, err
        assert "Traceback" not in err and out == ""
        assert not path.with_suffix(".html").exists()
        assert not path.with_suffix(".graphml").exists()
    return err


def assert_writes(path: Path, *formats: Format) -> dict[Format, str]:
    """`export` writes the map in each format (exit 0), and `render` its page."""
    code, _, err = run("render", str(path), "-o", str(path.with_suffix(".html")), "-q")
    assert code == 0, err
    out = {}
    for fmt in formats:
        code, text, err = run("export", str(path), "--to", fmt.value)
        assert code == 0, err
        out[fmt] = text
    return out


# --- Malformed maps: exit 2, one line per problem ---------------------------------------------


def causal_chain(n: int) -> dict[str, Any]:
    """A map of `n` one-sentence claims, each causing the next."""
    data = sample_json()
    words = [f"s{i}." for i in range(n)]
    data["text"] = " ".join(words)
    data["components"] = []
    start = 0
    for i, w in enumerate(words):
        data["components"].append(
            {
                "id": f"c{i}",
                "kind": "claim",
                "text": w,
                "start": start,
                "end": start + len(w),
                "paragraph": 0,
                "confidence": 0.5,
            }
        )
        start += len(w) + 1
    data["relations"] = [
        {
            "source": f"c{i}",
            "target": f"c{i + 1}",
            "kind": "causes",
            "signal": "so",
            "confidence": 1,
        }
        for i in range(n - 1)
    ]
    data["findings"] = []
    return data


def test_a_causal_chain_longer_than_the_recursion_limit_still_renders(tmp_path: Path) -> None:
    path = write_map(tmp_path / "chain.json", causal_chain(1500))
    for view in ("argument", "causal"):
        code, _, err = run(
            "render", str(path), "-o", str(tmp_path / f"{view}.html"), "--view", view
        )
        assert code == 0, err
    page = (tmp_path / "causal.html").read_text(encoding="utf-8")
    data = json.loads(DataScript.read(page))
    xs = sorted(n["x"] for n in data["views"]["causal"]["nodes"])
    assert len(xs) == 1500 and len(set(xs)) == 1500  # one column per link of the chain
    assert_writes(path, Format.DOT, Format.MERMAID, Format.MD, Format.ARGDOWN)


def test_json_nested_100000_deep_is_one_problem(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    assert_refused(write_map(tmp_path / "deep.json", deep), "nested more than")
    for depth in (200, 100_000):  # in a field argmap does not read, past Python's limit or not
        inside = json.dumps(sample_json())[:-1] + ', "x": ' + "[" * depth + "]" * depth + "}"
        assert_refused(write_map(tmp_path / "inside.json", inside), "nested more than")


def test_a_5000_digit_number_is_one_problem(tmp_path: Path) -> None:
    text = json.dumps(sample_json()).replace('"paragraph": 0', '"paragraph": ' + "9" * 5000, 1)
    assert_refused(write_map(tmp_path / "long.json", text), "a whole number of 5000 digits")


def test_a_paragraph_number_too_big_to_count_on_is_one_problem(tmp_path: Path) -> None:
    data = sample_json()
    data["components"][0]["paragraph"] = 10**29  # one more would not be written exactly
    assert_refused(write_map(tmp_path / "big.json", data), '"paragraph" must be a whole number')


SURROGATE = "\ud800"


def _with_surrogate(data: dict[str, Any], field: str) -> str:
    """Put an unpaired surrogate into `field` of the sample map; return where the problem is."""
    c, r, f = data["components"][1], data["relations"][0], data["findings"][0]
    if field == "id":
        old, new = c["id"], c["id"] + SURROGATE
        for x in data["relations"]:
            x["source"], x["target"] = (new if x[k] == old else x[k] for k in ("source", "target"))
        for x in data["findings"]:
            x["component"] = new if x["component"] == old else x["component"]
        c["id"] = new
        return 'component 2: "id"'
    if field == "text":  # the essay and the component's passage
        data["text"] = data["text"].replace(c["text"], c["text"][:-1] + SURROGATE)
        c["text"] = c["text"][:-1] + SURROGATE
        return '"text"'
    places: dict[str, tuple[dict[str, Any], str, str]] = {
        "title": (data, "title", '"title"'),
        "path": (data["source"], "path", '"source" "path"'),
        "sha256": (data["source"], "sha256", '"source" "sha256"'),
        "evidence_type": (c, "evidence_type", 'component "c2": "evidence_type"'),
        "signal": (r, "signal", 'relation 1: "signal"'),
        "code": (f, "code", 'finding 1: "code"'),
        "message": (f, "message", 'finding 1: "message"'),
    }
    if field in places:
        holder, key, where = places[field]
        holder[key] = f"x{SURROGATE}y"
        return where
    if field in ("concepts", "why"):
        c[field] = ["fine", SURROGATE]
        return f'component "c2": "{field}" item 2'
    if field == "cue":
        c["provenance"] = {"input_start": 0, "input_end": 1, "sentence": 0, "cue": SURROGATE}
        return 'component "c2": "provenance" "cue"'
    assert field == "key"
    c["x" + SURROGATE] = 1
    return 'a key in component "c2", "x\\ud800",'


@pytest.mark.parametrize(
    "field",
    [
        "id",
        "text",
        "title",
        "path",
        "sha256",
        "evidence_type",
        "concepts",
        "why",
        "cue",
        "signal",
        "code",
        "message",
        "key",
    ],
)
def test_an_unpaired_surrogate_in_any_string_is_one_problem(tmp_path: Path, field: str) -> None:
    data = sample_json()
    where = _with_surrogate(data, field)
    path = write_map(tmp_path / f"{field}.json", data)
    problems = json.dumps(data).count("\\ud800")  # one per string that holds it
    assert problems == {"text": 2, "id": 3}.get(field, 1)  # the essay and the passage; the links
    err = assert_refused(path, where, "unpaired surrogate", problems=problems)
    assert SURROGATE not in err


def test_a_control_character_in_an_id_is_one_problem(tmp_path: Path) -> None:
    data = sample_json()
    for x in data["relations"]:
        x["source"] = "x\x01y" if x["source"] == "c1" else x["source"]
        x["target"] = "x\x01y" if x["target"] == "c1" else x["target"]
    data["components"][0]["id"] = "x\x01y"
    data["components"][1]["id"] = "x y"
    for x in data["relations"] + data["findings"]:
        for key in ("source", "target", "component"):
            if x.get(key) == "c2":
                x[key] = "x y"
    err = assert_refused(write_map(tmp_path / "ctrl.json", data), 'component "x\\x01y"')
    assert "control character \\x01" in err and "\x01" not in err


def test_control_characters_in_text_still_give_xml(tmp_path: Path) -> None:
    data = sample_json()
    data["title"] = "Bell\x07 \x01 \ufffe \x0c"
    data["source"]["path"] = "dir/\x1b[31mred.txt"
    data["relations"][0]["signal"] = "\x00so\x08"
    data["findings"][0]["message"] = "x\x0b"
    out = assert_writes(write_map(tmp_path / "ctrl.json", data), Format.GRAPHML, Format.GEXF)
    for fmt in (Format.GRAPHML, Format.GEXF):
        root = ET.fromstring(out[fmt].encode("utf-8"))
        assert len([e for e in root.iter() if e.tag.endswith("}node")]) == len(data["components"])


def test_ids_that_differ_only_in_a_control_character_stay_distinct_nodes(tmp_path: Path) -> None:
    ids = ["x y", "x\x01y", "x\x02y", "x\ufffdy", "x\ufffdy (2)", 'q"\\', "q\\", "a&amp;b", "a&b"]
    m = _map_with_ids(ids)
    for fmt in (Format.GRAPHML, Format.GEXF):
        check_xml(m, export(m, fmt), fmt)
    check_dot(m, export(m, Format.DOT))
    dot = shutil.which("dot")
    if dot is not None:
        check_graphviz(m, export(m, Format.DOT), dot)
    # Through the command line, with the ids a valid map may have.
    m = _map_with_ids([i for i in ids if not CONTROL.search(i)])
    out = assert_writes(write_map(tmp_path / "ids.json", m.to_dict()), Format.DOT)
    check_dot(m, out[Format.DOT])
    if dot is not None:
        check_graphviz(m, out[Format.DOT], dot)


def _map_with_ids(ids: list[str]) -> ArgumentMap:
    text = " ".join(f"s{i}." for i in range(len(ids)))
    comps = tuple(
        Component(cid, Kind.CLAIM, f"s{i}.", text.index(f"s{i}."), text.index(f"s{i}.") + 3, 0, 1)
        for i, cid in enumerate(ids)
    )
    rels = tuple(
        Relation(a.id, b.id, RelationKind.SUPPORTS, "", 1)
        for a, b in zip(comps, comps[1:], strict=False)
    )
    return ArgumentMap("t", text, comps, rels, (), Source("t.txt", "0" * 64, "txt"))


def test_a_map_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    data = sample_map().to_json().encode("utf-8")
    path = write_map(tmp_path / "bom.json", b"\xef\xbb\xbf" + data)
    out = assert_writes(path, Format.JSON)
    read = ArgumentMap.from_json(out[Format.JSON])
    assert replace(read, findings=()) == replace(sample_map(), findings=())  # findings are redone


def test_a_map_over_50_mb_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024 + 1)  # sparse: no disk used
    assert_refused(path, "over 50 MB")


def test_an_unreadable_map_is_one_line_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "latin1.json").write_bytes(b'{"title": "caf\xe9"}')
    for path in (tmp_path / "missing.json", tmp_path, tmp_path / "latin1.json"):
        code, out, err = run("export", str(path), "--to", "dot")
        assert code == 1 and err.count("\n") == 1 and str(path) in err, err
        assert "Traceback" not in err and out == ""


def test_a_mermaid_directive_in_the_essay_is_only_text(tmp_path: Path) -> None:
    data = sample_json()
    directive = "%%{init: {'theme':'dark'}}%%"
    c = data["components"][1]
    data["text"] = data["text"].replace(c["text"], directive + " " + c["text"])
    c["text"] = directive + " " + c["text"]
    c["end"] += len(directive) + 1
    for later in data["components"][2:]:
        later["start"] += len(directive) + 1
        later["end"] += len(directive) + 1
    data["title"] = directive
    mmd = assert_writes(write_map(tmp_path / "directive.json", data), Format.MERMAID)
    m = ArgumentMap.from_dict(data)
    check_mermaid(m, mmd[Format.MERMAID])
    assert "%%" not in mmd[Format.MERMAID]


# --- One property test per writer -------------------------------------------------------------

#: Strings with a meaning in one output format or another.
SNIPPETS = [
    "%%{init: {'theme':'dark'}}%%",
    "%%",
    "%% comment",
    "]]>",
    "<![CDATA[",
    "</script>",
    "<!--",
    "-->",
    "<b>",
    "&amp;",
    "#quot;",
    "#35;",
    '"',
    "'",
    "`",
    "```",
    "#",
    "]",
    "[",
    "}",
    "{",
    ";",
    ":",
    "|",
    "\\",
    "\\n",
    "\\N",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\x00",
    "\x01",
    "\x0c",
    "\x1b",
    "\x7f",
    "\x85",
    "\u2028",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "=SUM(A1)",
    "@home",
    "+44",
    "-1",
    "style x:#f00;",
    "classDef a fill:#f00;",
    "click n1 call alert()",
    "end",
    "subgraph",
    "digraph { a -> b }",
    "<+ [Claim c1]",
    "// not a comment",
    "*b* _i_ ~s~",
    "[a](javascript:x)",
    "x y",
]

HOSTILE = st.one_of(
    st.text(max_size=30),
    st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=4)), max_size=4).map("".join),
)
#: Ids as a valid map may have them (no control characters), and as a writer may be given them.
VALID_IDS = HOSTILE.map(lambda s: CONTROL.sub("", s)).filter(bool)
ANY_IDS = HOSTILE.filter(bool)


@st.composite
def hostile_maps(draw: st.DrawFn, ids: st.SearchStrategy[str] = VALID_IDS) -> ArgumentMap:
    """A map whose every string is hostile; its offsets are right, so a valid id makes it a
    valid map."""
    names = draw(st.lists(ids, min_size=1, max_size=5, unique=True))
    text = ""
    components = []
    for cid in names:
        words = draw(HOSTILE)
        text += " " if text else ""
        start = len(text)
        text += words
        components.append(
            Component(
                cid,
                draw(st.sampled_from(Kind)),
                words,
                start,
                len(text),
                draw(st.integers(0, 3)),
                draw(st.floats(0, 1)),
                draw(st.none() | HOSTILE),
                tuple(draw(st.lists(HOSTILE, max_size=2))),
                None,
                tuple(draw(st.lists(HOSTILE, max_size=2))),
            )
        )
    relations = draw(
        st.lists(
            st.builds(
                Relation,
                st.sampled_from(names),
                st.sampled_from(names),
                st.sampled_from(RelationKind),
                HOSTILE,
                st.floats(0, 1),
            ),
            max_size=6,
        )
    )
    findings = draw(
        st.lists(
            st.builds(
                Finding,
                HOSTILE,
                st.sampled_from(Severity),
                HOSTILE,
                st.none() | st.sampled_from(names),
            ),
            max_size=3,
        )
    )
    source = Source(draw(HOSTILE), "0" * 64, draw(st.sampled_from(["txt", "md", "html"])))
    return ArgumentMap(
        draw(HOSTILE), text, tuple(components), tuple(relations), tuple(findings), source
    )


PROPERTY = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# GraphML and GEXF: XML any parser reads, one node per component, the text kept.

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"


def xml_text(text: str) -> str:
    return XML_BAD.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


def check_xml(m: ArgumentMap, text: str, fmt: Format) -> None:
    root = ET.fromstring(text.encode("utf-8"))
    if fmt is Format.GRAPHML:
        keys = {
            k.get("attr.name"): k.get("id")
            for k in root.iter(f"{GRAPHML}key")
            if k.get("for") == "node"
        }
        nodes = list(root.iter(f"{GRAPHML}node"))
        edges = list(root.iter(f"{GRAPHML}edge"))
        texts = [next((d.text or "" for d in n if d.get("key") == keys["text"]), "") for n in nodes]
    else:
        ids = {a.get("title"): a.get("id") for a in root.iter(f"{GEXF}attribute")}
        nodes = list(root.iter(f"{GEXF}node"))
        edges = list(root.iter(f"{GEXF}edge"))
        values = [{v.get("for"): v.get("value") for v in n.iter(f"{GEXF}attvalue")} for n in nodes]
        texts = [v.get(ids["text"]) or "" for v in values]
    names = [n.get("id") for n in nodes]
    assert len(nodes) == len(m.components) and len(set(names)) == len(names)
    assert texts == [xml_text(c.text) for c in m.components]
    assert {e.get(end) for e in edges for end in ("source", "target")} <= set(names)
    if fmt is Format.GRAPHML or len({(r.source, r.target) for r in m.relations}) == len(
        m.relations
    ):
        assert len(edges) == len(m.relations)
    for c, name in zip(m.components, names, strict=True):
        assert name == c.id or XML_BAD.search(c.id), (name, c.id)


@PROPERTY
@given(hostile_maps(ANY_IDS))
def test_graphml_is_xml_with_a_node_per_component(m: ArgumentMap) -> None:
    check_xml(m, export(m, Format.GRAPHML), Format.GRAPHML)


@PROPERTY
@given(hostile_maps(ANY_IDS))
def test_gexf_is_xml_with_a_node_per_component(m: ArgumentMap) -> None:
    check_xml(m, export(m, Format.GEXF), Format.GEXF)


# DOT: every line made of DOT tokens; a quoted node id per component, all distinct.

DOT_STRING = r'"(?:[^"\\\n]|\\.)*"'
DOT_TOKEN = re.compile(rf"\s*(?:{DOT_STRING}|->|[{{}}\[\];,=]|-?\d+(?:\.\d+)?|[A-Za-z_][\w]*)")
DOT_NODE = re.compile(rf"    ({DOT_STRING}) \[label=({DOT_STRING}), .*\];")
DOT_EDGE = re.compile(rf"  ({DOT_STRING}) -> ({DOT_STRING}) \[.*\];")


def dot_name(quoted: str) -> str:
    """The name Graphviz reads from a quoted DOT id: `\\"` is a quote, other escapes stay."""
    return quoted[1:-1].replace('\\"', '"')


#: What the DOT writer changes in a node name (Graphviz's SVG could not hold it).
DOT_CHANGED = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff]")


def check_dot(m: ArgumentMap, text: str) -> None:
    lines = text.removesuffix("\n").split("\n")  # Graphviz ends lines at \n only
    assert lines[0] == "digraph argmap {" and lines[-1] == "}"
    for line in lines:
        at = 0
        while at < len(line):
            token = DOT_TOKEN.match(line, at)
            assert token is not None and token.end() > at, (line, line[at:])
            at = token.end()
    nodes = [dot_name(n.group(1)) for line in lines if (n := DOT_NODE.fullmatch(line))]
    edges = [
        (dot_name(e.group(1)), dot_name(e.group(2)))
        for line in lines
        if (e := DOT_EDGE.fullmatch(line))
    ]
    assert len(nodes) == len(m.components) and len(set(nodes)) == len(nodes)
    assert not any(DOT_CHANGED.search(n) for n in nodes)
    assert len(edges) == len(m.relations)
    assert {end for e in edges for end in e} <= set(nodes)
    by_paragraph = sorted(m.components, key=lambda c: c.paragraph)  # the clusters' order
    for c, name in zip(by_paragraph, nodes, strict=True):
        shown = name.replace("&amp;", "&").replace("\\\\", "\\")
        assert shown == c.id or DOT_CHANGED.search(c.id), (shown, c.id)


def check_graphviz(m: ArgumentMap, text: str, dot: str) -> None:
    result = subprocess.run([dot, "-Tsvg"], input=text.encode("utf-8"), capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    svg = ET.fromstring(result.stdout)
    nodes = [g for g in svg.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "node"]
    assert len(nodes) == len(m.components)


@PROPERTY
@given(hostile_maps(ANY_IDS))
def test_dot_quotes_every_id_and_keeps_distinct_ids_distinct(m: ArgumentMap) -> None:
    text = export(m, Format.DOT)
    check_dot(m, text)


@settings(PROPERTY, max_examples=15)
@given(hostile_maps(ANY_IDS))
def test_graphviz_reads_the_dot_of_any_map(m: ArgumentMap) -> None:
    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("Graphviz `dot` is not installed")
    check_graphviz(m, export(m, Format.DOT), dot)


# Mermaid: nothing from the essay starts a directive or comment or closes a label.

#: Mermaid's preprocessing, applied to the whole diagram before it is parsed: directives,
#: comments, and the `style`/`classDef` rule of its entity encoder.
MERMAID_PREPROCESSED = [
    re.compile(r"%%\{"),
    re.compile(r"^\s*%%", re.MULTILINE),
    re.compile(r"style.*:\S*#.*;"),
    re.compile(r"classDef.*:\S*#.*;"),
]
MERMAID_SHOWN = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff]")


def check_mermaid(m: ArgumentMap, text: str) -> None:
    for pattern in MERMAID_PREPROCESSED:
        assert not pattern.search(text), pattern
    lines = text.splitlines()
    assert lines[0] == "---" and lines[3] == "---" and lines[4] == "flowchart BT"
    assert lines[1].startswith("title: ")
    assert json.loads(lines[1].removeprefix("title: ")) == flat(m.title)
    labels = {}
    for line in lines[5:]:
        kind, match = next(
            ((k, x) for k, p in MERMAID_LINES.items() if (x := p.fullmatch(line))), (None, None)
        )
        assert match is not None, line
        if kind == "node":
            raw = match.group(2)
            assert line.count('"') == 2, line
            assert not set(re.sub(r"#\d+;", "", raw)) & set('"<>&*_`~|\\%{}[];:#'), raw
            labels[match.group(1)] = re.sub(r"#(\d+);", lambda x: chr(int(x.group(1))), raw)
    shown = [MERMAID_SHOWN.sub("\ufffd", flat(c.text)) for c in m.components]
    assert labels == {f"n{i}": text for i, text in enumerate(shown, 1)}


@PROPERTY
@given(hostile_maps())
def test_mermaid_labels_hold_no_syntax_from_the_essay(m: ArgumentMap) -> None:
    check_mermaid(m, export(m, Format.MERMAID))


# AIF and JSON: JSON that reads back.


@PROPERTY
@given(hostile_maps())
def test_aif_is_json_with_the_essay_texts(m: ArgumentMap) -> None:
    data = json.loads(export(m, Format.AIF))
    inodes = [n for n in data["AIF"]["nodes"] if n["type"] == "I"]
    assert [n["text"] for n in inodes] == [c.text for c in m.components]
    assert [c["id"] for c in data["argmap"]["components"]] == [c.id for c in m.components]
    assert data["text"] == m.text and data["argmap"]["title"] == m.title
    ids = {n["nodeID"] for n in data["AIF"]["nodes"]}
    assert len(ids) == len(data["AIF"]["nodes"]) == 3 * len(m.components) + len(m.relations)
    assert all(e["fromID"] in ids and e["toID"] in ids for e in data["AIF"]["edges"])


@PROPERTY
@given(hostile_maps())
def test_json_reads_back_into_the_same_map(m: ArgumentMap) -> None:
    text = export(m, Format.JSON)
    data = json.loads(text)
    assert data.pop("checksum") == map_checksum(data)
    assert data == m.to_dict()
    assert ArgumentMap.from_json(text) == m


# Argdown: each statement defined once on one line, its text escaped.

ARGDOWN_LINE = re.compile(r"( *)(?:(<\+|<-) )?\[([^\]\\]+)\](?:: (.*))?")


def argdown_text(content: str) -> str:
    """The text of a statement: up to its first tag (an unescaped #), backslash escapes read."""
    out, i = [], 0
    while i < len(content):
        if content[i] == "\\":
            out.append(content[i + 1])
            i += 2
            continue
        if content[i] == "#":
            break
        assert content[i] not in "@*_[]<>{}/", content
        out.append(content[i])
        i += 1
    return "".join(out).strip()


@PROPERTY
@given(hostile_maps())
def test_argdown_statements_hold_their_text_escaped(m: ArgumentMap) -> None:
    statements: dict[str, str] = {}
    for line in export(m, Format.ARGDOWN).splitlines():
        if not line.strip() or line.startswith(("//", "# ", "## ")):
            continue
        match = ARGDOWN_LINE.fullmatch(line)
        assert match is not None, line
        title, content = match.group(3), match.group(4)
        if content is not None:
            assert title not in statements, f"{title} defined twice"
            statements[title] = argdown_text(content)
        else:
            assert title in statements, f"{title} used before it is defined"
    assert len(statements) == len(m.components)
    assert sorted(statements.values()) == sorted(flat(c.text) for c in m.components)


# Markdown: read by markdown-it, no HTML, links or code; each component's text as written.

MARKDOWN = MarkdownIt("commonmark")
MARKDOWN_INLINE = {"text", "text_special", "strong_open", "strong_close", "em_open", "em_close"}


@PROPERTY
@given(hostile_maps())
def test_markdown_is_plain_text_once_read(m: ArgumentMap) -> None:
    tokens = MARKDOWN.parse(export(m, Format.MD))
    assert not {t.type for t in tokens} & {"html_block", "code_block", "fence", "hr", "table_open"}
    plain = []
    for t in tokens:
        if t.type == "inline":
            assert {c.type for c in t.children or []} <= MARKDOWN_INLINE, t.content
            plain.append("".join(c.content for c in t.children or []))
    for c in m.components:
        head = f"{c.kind.value.capitalize()} ({flat(c.id)}, paragraph {c.paragraph + 1}"
        body = f"): {flat(c.text)}".rstrip()
        head, body = (x.replace("\x00", "\ufffd") for x in (head, body))
        assert any(head in p and body in p[p.index(head) :] for p in plain), (head, body, plain)


# CSV: the csv module reads one row per component, ids and texts as they are.


@PROPERTY
@given(hostile_maps())
def test_csv_reads_back_one_row_per_component(m: ArgumentMap) -> None:
    rows = list(csv.reader(io.StringIO(export(m, Format.CSV), newline="")))
    assert len(rows) == len(m.components) + 1

    def cell(value: str) -> str:
        return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value

    assert [(r[0], r[7]) for r in rows[1:]] == [(cell(c.id), cell(c.text)) for c in m.components]


# HTML: html.parser sees the page's own elements only; the data script is the map.


class DataScript(HTMLParser):
    """The start tags of a page, its title, and the text of its `argmap-data` script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.title: list[str] = []
        self.data: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in = "data" if ("id", "argmap-data") in attrs else tag

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title.append(data)
        elif self._in == "data":
            self.data.append(data)

    @classmethod
    def read(cls, page: str) -> str:
        parser = cls()
        parser.feed(page)
        parser.close()
        return "".join(parser.data)


@settings(PROPERTY, max_examples=25)
@given(hostile_maps())
def test_html_holds_the_map_as_data_and_no_markup_from_it(m: ArgumentMap) -> None:
    page = export(m, Format.HTML)
    parser = DataScript()
    parser.feed(page)
    parser.close()
    assert [t for t in parser.tags if t == "script"] == ["script"] * 3
    assert parser.tags.count("title") == 1
    assert "".join(parser.title) == (m.title.strip() or "Argument map")
    data = json.loads("".join(parser.data))
    assert data["map"] == m.to_dict()


# The way `render` and `export` go: any hostile map that is valid is read, its findings made
# again, and written in every format (the feedback sheet too) without an error.


@settings(PROPERTY, max_examples=25)
@given(hostile_maps())
def test_a_valid_hostile_map_is_read_and_written_in_every_format(m: ArgumentMap) -> None:
    from argmap.findings.checks import refreshed
    from argmap.validate import check_json

    text = m.to_json()
    assert check_json(text) == []
    fresh = refreshed(ArgumentMap.from_json(text))
    for fmt in Format:
        assert export(fresh, fmt)
