"""Fast tests of the HTML renderer (no browser): safety, determinism, embedded data."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

from argmap.model import ArgumentMap, Kind, MapError, RelationKind
from argmap.writers.html.layout import (
    ASPECT,
    NODE_WIDTH,
    argument_layout,
    argument_tree,
    arrange,
    causal_layout,
    node_height,
    node_label,
)
from argmap.writers.html.page import render_html
from argmap.writers.style import EDGE_STYLE, ROLE_STYLE, View
from tests.factories import Part, annotate, component, make_map, relation, sample_map

EVIL_SCRIPT = "</script><script>alert(1)</script>"
EVIL_IMG = "<img src=x onerror=alert(2)>"
GOLDEN = sorted((Path(__file__).resolve().parent / "golden").glob("*.json"))
DATA_RE = re.compile(r'<script type="application/json" id="argmap-data">(.*?)</script>', re.DOTALL)


def embedded(page: str) -> dict[str, Any]:
    """The JSON data block of a rendered page, parsed."""
    blocks = DATA_RE.findall(page)
    assert len(blocks) == 1
    data: dict[str, Any] = json.loads(blocks[0])
    return data


def test_output_is_deterministic() -> None:
    first = render_html(sample_map())
    assert render_html(sample_map()) == first
    assert render_html(ArgumentMap.from_json(sample_map().to_json())) == first


def test_page_is_self_contained() -> None:
    page = render_html(sample_map())
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.IGNORECASE)
    assert not re.search(r"<link\b", page, re.IGNORECASE)
    assert not re.search(r"<img\b", page, re.IGNORECASE)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", page, re.IGNORECASE)
    assert not re.search(r"<iframe|<object|<embed", page, re.IGNORECASE)
    assert "vis.Network" in page and "vis-network" in page  # vis-network is inlined
    assert "default-src 'none'" in page  # the browser refuses any request the page might try


def test_every_script_is_closed_once() -> None:
    page = render_html(sample_map())
    opened = len(re.findall(r"<script\b[^>]*>", page, re.IGNORECASE))
    # The bundle builds "<script>" in a string for old IE; that never ends a script block.
    bundle_strings = page.count('"<script>"')
    assert opened - bundle_strings == 3
    assert page.lower().count("</script") == 3
    assert "<!--" not in page


def test_render_writes_nothing_to_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    render_html(sample_map())
    assert list(tmp_path.iterdir()) == []  # pyvis's write_html would copy a lib/ folder here


@pytest.mark.parametrize(
    "payload",
    [
        EVIL_SCRIPT,
        EVIL_IMG,
        '<svg onload="alert(3)">',
        "<!-- <script>",
        "\u2028\u2029 & \\ \" ' ` ${x}",
    ],
)
def test_untrusted_text_is_never_raw_html(payload: str) -> None:
    m = make_map(
        [
            (Kind.THESIS, "Intro " + payload + " more. "),
            "Plain text " + payload + " here. ",
            (Kind.CLAIM, "A claim with " + payload + "."),
        ],
        relations=[(2, "supports", 1, payload), (1, "causes", 2, payload)],
        findings=[("unsupported-claim", "warning", "Msg " + payload, 2)],
        title="Title " + payload,
        path="/tmp/" + payload,
    )
    assert payload in embedded(render_html(m, View.CAUSAL))["views"]["causal"]["nodes"][0]["title"]
    page = render_html(m, View.CAUSAL)
    for dangerous in (EVIL_SCRIPT, EVIL_IMG, "<script>alert", "<img src=x", "<svg onload"):
        assert dangerous not in page
    block = DATA_RE.findall(page)[0]
    assert "\u2028" not in block and "\u2029" not in block
    assert not re.search(r"[<>&]", block)
    data = embedded(page)
    assert data["map"] == m.to_dict()
    assert ArgumentMap.from_dict(data["map"]) == m


def test_payload_in_essay_stays_out_of_markup() -> None:
    m = make_map([(Kind.CLAIM, "Essay " + EVIL_SCRIPT + " and " + EVIL_IMG)])
    page = render_html(m)
    assert EVIL_SCRIPT not in page
    assert EVIL_IMG not in page
    assert "alert(1)" in DATA_RE.findall(page)[0]  # the text is there, as JSON data only


def test_title_is_escaped_and_shown_once() -> None:
    title = 'Tom & Jerry: <b>"cats"</b> vs mice'
    page = render_html(make_map([(Kind.THESIS, "Cats lose.")], title=title))
    esc = str(escape(title))
    assert page.count(f"<title>{esc}</title>") == 1
    assert page.count(f"<h1>{esc}</h1>") == 1
    assert title not in page
    assert '<b>"cats"' not in page


def test_blank_title_gets_a_default() -> None:
    page = render_html(make_map([(Kind.THESIS, "Cats lose.")], title="  "))
    assert "<title>Argument map</title>" in page


def test_one_node_per_component_and_one_edge_per_relation() -> None:
    m = sample_map()
    data = embedded(render_html(m))
    assert [n["id"] for n in data["views"]["argument"]["nodes"]] == [c.id for c in m.components]
    assert len(data["views"]["argument"]["edges"]) == len(m.relations)
    assert [(e["from"], e["to"]) for e in data["views"]["argument"]["edges"]] == [
        (r.source, r.target) for r in m.relations
    ]
    assert all(e["arrows"] == "to" for e in data["views"]["argument"]["edges"])


def test_nodes_carry_role_position_colour_shape_and_plain_title() -> None:
    m = sample_map()
    data = embedded(render_html(m))
    place = argument_layout(m)
    for c, n in zip(m.components, data["views"]["argument"]["nodes"], strict=True):
        assert n["shape"] == ROLE_STYLE[c.kind]["shape"]
        assert ROLE_STYLE[c.kind]["colour"] in json.dumps(n["color"])
        assert c.text in n["title"]
        assert n["label"].split("\n")[0].endswith(c.kind.value.upper())
        assert (n["x"], n["y"]) == place[c.id]


def test_shapes_and_colours_differ_per_role() -> None:
    looks = {(s["colour"], s["shape"], s["radius"], str(s["dashes"])) for s in ROLE_STYLE.values()}
    assert len(looks) == len(Kind)
    assert len({s["colour"] for s in ROLE_STYLE.values()}) == len(Kind)
    assert set(ROLE_STYLE) == set(Kind)
    assert set(EDGE_STYLE) == set(RelationKind)


def test_edges_are_styled_per_kind() -> None:
    data = embedded(render_html(sample_map()))
    by_kind = {e["kind"]: e for e in data["views"]["argument"]["edges"]}
    assert by_kind["supports"]["color"]["color"] == "#009E73"
    assert by_kind["supports"]["dashes"] is False
    assert by_kind["attacks"]["color"]["color"] == "#D55E00"
    assert by_kind["attacks"]["dashes"]
    assert by_kind["causes"]["color"]["color"] == "#E69F00"
    assert by_kind["attacks"]["label"] == "However" or by_kind["attacks"]["label"] == "Some say"
    assert "supports" in by_kind["supports"]["title"]


def test_findings_mark_nodes_and_are_listed() -> None:
    data = embedded(render_html(sample_map()))
    flagged = {n["id"]: n for n in data["views"]["argument"]["nodes"]}
    assert flagged["c7"]["label"].startswith("\u26a0")
    assert "This claim has no evidence." in flagged["c7"]["title"]
    assert flagged["c7"]["borderWidth"] > flagged["c3"]["borderWidth"]
    assert not flagged["c3"]["label"].startswith("\u26a0")
    assert [f["severity"] for f in data["findings"]] == ["warning", "info"]


def test_layout_is_fixed_in_the_page() -> None:
    view = embedded(render_html(sample_map()))["views"]["argument"]
    options = view["options"]
    assert options["layout"]["hierarchical"]["enabled"] is False
    assert isinstance(options["layout"]["randomSeed"], int)
    assert options["physics"]["enabled"] is False
    assert options["interaction"]["dragNodes"] is False
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in view["nodes"])
    # Labels come wrapped; vis-network must not wrap them again (no maximum width).
    assert set(options["nodes"]["widthConstraint"]) == {"minimum"}


def test_node_label_is_wrapped_short_and_names_the_role() -> None:
    words = " ".join(["word"] * 60)
    c = component("c1", Kind.EVIDENCE, words)
    role, *lines = node_label(c).split("\n")
    assert role == "EVIDENCE"
    assert 1 < len(lines) <= 4 and all(len(line) <= 22 for line in lines)
    assert lines[-1].endswith("\u2026")
    url = "https://example.org/" + "a" * 80
    lines = node_label(component("c2", Kind.EVIDENCE, url)).split("\n")[1:]
    assert all(len(line) <= 22 for line in lines)


# --- The argument view's layout -----------------------------------------------------------------


def boxes(m: ArgumentMap) -> dict[str, tuple[float, float, float, float]]:
    """Each node's rectangle (left, top, right, bottom) as the layout plans it."""
    place = argument_layout(m)
    out = {}
    for c in m.components:
        x, y = place[c.id]
        h = node_height(node_label(c))
        out[c.id] = (x - NODE_WIDTH / 2, y - h / 2, x + NODE_WIDTH / 2, y + h / 2)
    return out


def assert_no_overlap(m: ArgumentMap) -> None:
    rects = sorted(boxes(m).items(), key=lambda kv: kv[1][0])
    for i, (a, ra) in enumerate(rects):
        for b, rb in rects[i + 1 :]:
            if rb[0] >= ra[2]:
                break
            assert ra[3] <= rb[1] or rb[3] <= ra[1], f"{a} and {b} overlap"


def test_thesis_on_top_claims_below_evidence_under_attacks_beside() -> None:
    m = sample_map()  # c1 context, c2 thesis, c3 claim, c4 evidence, c5 counter, c6 rebuttal
    place = argument_layout(m)
    x = {k: v[0] for k, v in place.items()}
    y = {k: v[1] for k, v in place.items()}
    assert y["c2"] < min(y[k] for k in place if k != "c2")  # the thesis is on top
    assert y["c3"] < y["c4"] and x["c3"] < x["c4"] < x["c3"] + 100  # stacked, indented
    assert (y["c3"], x["c3"]) < (y["c5"], x["c5"])  # the blocks follow the essay
    assert y["c6"] == y["c5"] and x["c6"] > x["c5"]  # the rebuttal beside its counterclaim
    tree = ("c2", "c3", "c4", "c5", "c6")
    assert y["c1"] > max(y[k] for k in tree)  # the loose context apart, below the tree
    r = boxes(m)
    assert min(r["c3"][0], r["c5"][0]) < x["c2"] < max(r["c3"][2], r["c5"][2])  # centred over
    assert_no_overlap(m)


def test_rows_wrap_to_about_a_screens_shape() -> None:
    parts: list[Part] = [(Kind.THESIS, "Thesis. ")]
    for i in range(30):
        parts += [(Kind.CLAIM, f"Claim {i}. "), (Kind.EVIDENCE, f"Evidence {i}. ")]
    relations = [(2 + 2 * i, "supports", 1, "") for i in range(30)]
    relations += [(3 + 2 * i, "supports", 2 + 2 * i, "") for i in range(30)]
    m = make_map(parts, relations=relations)
    r = boxes(m)
    width = max(b[2] for b in r.values()) - min(b[0] for b in r.values())
    height = max(b[3] for b in r.values()) - min(b[1] for b in r.values())
    assert 1 / 1.3 <= width / height / ASPECT <= 1.3  # wrapped into rows, not one long strip
    claims = [argument_layout(m)[f"c{2 + 2 * i}"] for i in range(30)]
    assert claims == sorted(claims, key=lambda p: (p[1], p[0]))  # in essay order, row by row
    assert len({y for _, y in claims}) > 2
    assert_no_overlap(m)
    # The page gets what it needs to fold blocks and wrap the rows again.
    view = embedded(render_html(m))["views"]["argument"]
    assert [i[0] for i in view["items"]] == [f"c{2 + 2 * i}" for i in range(30)]
    assert view["items"][0][5:] == [["c3"], "c1"]  # the members, the thesis it hangs from
    assert view["wrap"]["width"] == arrange(m, argument_tree(m)).width < width + 1


def test_passages_linked_to_no_thesis_stand_apart_below() -> None:
    parts: list[Part] = [(Kind.THESIS, "Thesis. "), (Kind.CLAIM, "Claim. ")]
    parts += [(Kind.CONTEXT, f"Context {i}. ") for i in range(40)]
    m = make_map(parts, relations=[(2, "supports", 1, "")])
    place = argument_layout(m)
    loose = [place[f"c{i}"] for i in range(3, 43)]
    assert min(y for _, y in loose) > place["c2"][1] + 100  # under the tree, after a gap
    rows = sorted({y for _, y in loose})
    assert 2 < len(rows) < 20  # in rows, not one long row
    view = embedded(render_html(m))["views"]["argument"]
    assert view["loose"] == [0, min(y for _, y in loose) - 25]
    assert [i[4] for i in view["items"]] == [0] + [1] * 40
    assert_no_overlap(m)


def test_edges_are_routed_by_the_tree() -> None:
    m = sample_map()
    edges = embedded(render_html(m))["views"]["argument"]["edges"]
    routes = {(e["from"], e["to"]): e["route"] for e in edges}
    assert routes == {
        ("c3", "c2"): "top",
        ("c4", "c3"): "stack",
        ("c5", "c2"): "top",
        ("c6", "c5"): "side",
        ("c7", "c3"): "free",  # causes run across the tree
    }
    # The page draws the links up to the thesis, stacked and side links itself, as elbow lines;
    # vis-network the others.
    assert {e["route"] for e in edges if e.get("hidden")} == {"top", "stack", "side"}


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_sample_essay_layouts_have_no_overlap(path: Path) -> None:
    m = ArgumentMap.from_json(path.read_text(encoding="utf-8"))
    assert len(m.components) >= 30  # big enough for overlaps to be possible
    assert_no_overlap(m)
    tree = argument_tree(m)
    place = argument_layout(m)
    thesis = [c.id for c in m.components if c.kind is Kind.THESIS]
    for t in thesis:
        assert all(place[t][1] < place[c][1] for c in place if c not in thesis)
    for parent, kids in tree.below.items():
        for k in kids:  # a supporter sits under what it supports, indented
            assert place[k][1] > place[parent][1] and place[k][0] > place[parent][0]
    for parent, kids in tree.beside.items():
        for k in kids:  # an attacker stands to the right of what it attacks
            assert place[k][0] > place[parent][0]


def test_layout_survives_loops_self_links_and_no_thesis() -> None:
    m = make_map(
        [(Kind.CLAIM, "A. "), (Kind.CLAIM, "B. "), (Kind.EVIDENCE, "C. "), (Kind.REBUTTAL, "D. ")],
        relations=[
            (1, "supports", 2, ""),
            (2, "supports", 3, ""),
            (3, "supports", 1, "loop"),
            (4, "attacks", 4, "self"),
            (4, "attacks", 1, ""),
            (4, "attacks", 2, "second target"),
        ],
    )
    tree = argument_tree(m)
    assert len(set(argument_layout(m).values())) == 4
    assert_no_overlap(m)
    assert tree.top == ()
    routes = [e["route"] for e in embedded(render_html(m))["views"]["argument"]["edges"]]
    assert routes.count("free") == 3  # the loop's closing link, the self-link, a second target


def test_a_long_chain_of_supports_lays_out_without_recursion() -> None:
    n = 3000
    parts: list[Part] = [(Kind.THESIS, "Thesis. ")]
    parts += [(Kind.CLAIM, f"Claim {i}. ") for i in range(n)]
    m = make_map(parts, relations=[(i + 2, "supports", i + 1, "") for i in range(n)])
    place = argument_layout(m)
    assert place[f"c{n + 1}"][1] > place["c2"][1] > place["c1"][1]
    outline = embedded(render_html(m))["outline"]
    assert [row[2] for row in outline] == list(range(n + 1))


def test_outline_lists_each_component_once_under_what_it_backs() -> None:
    m = sample_map()
    outline = embedded(render_html(m))["outline"]
    assert sorted(row[0] for row in outline) == sorted(c.id for c in m.components)
    assert outline[0] == ["c2", None, 0]  # the thesis first
    parents: list[str] = []
    for cid, via, depth in outline:
        parents = parents[:depth]
        if depth:
            r = m.relations[via]
            assert (r.source, r.target) == (cid, parents[-1])
        parents.append(cid)
    # What hangs from no thesis comes last: the context, and a claim linked only by a cause.
    assert outline[-2:] == [["c1", None, 0], ["c7", None, 0]]


def test_causal_chains_for_the_outline() -> None:
    m = chain_map()
    chains = embedded(render_html(m))["chains"]
    assert [[(m.relations[i].source, m.relations[i].target) for i in ch] for ch in chains] == [
        [("c1", "c2"), ("c2", "c4")],
        [("c6", "c7")],
    ]


def test_empty_map_shows_a_friendly_message() -> None:
    m = make_map(["Just some words with no argument at all."])
    page = render_html(m)
    assert "No argument components found" in page
    data = embedded(page)
    assert (
        data["views"]["argument"]["nodes"] == []
        and data["views"]["argument"]["edges"] == []
        and data["spans"] == []
    )


def test_spans_use_utf16_offsets_and_cover_components() -> None:
    m = make_map(
        [(Kind.CONTEXT, "\U0001f600 Emoji first. "), (Kind.CLAIM, "Then a claim \U0001f4f1.")]
    )
    data = embedded(render_html(m))
    text16 = m.text.encode("utf-16-le")
    for (start, end, cid), c in zip(data["spans"], m.components, strict=True):
        assert cid == c.id
        assert text16[2 * start : 2 * end].decode("utf-16-le") == c.text


def test_overlapping_components_do_not_overlap_in_the_essay_pane() -> None:
    text = "Phones distract students because they buzz."
    m = annotate(text, [("a", Kind.CLAIM, text), ("b", Kind.EVIDENCE, "because they buzz.")])
    spans = embedded(render_html(m))["spans"]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_invalid_map_is_refused() -> None:
    m = sample_map()
    bad = replace(m, relations=(*m.relations, relation("c1", "supports", "nope")))
    with pytest.raises(MapError, match="nope"):
        render_html(bad)


def test_only_the_file_name_of_the_source_is_shown() -> None:
    page = render_html(make_map([(Kind.THESIS, "Cats.")], path="/home/ann/Class 9B/cats.txt"))
    assert "cats.txt ·" in page
    assert "Class 9B" not in page.split('id="argmap-data"')[0]


def test_huge_text_renders_whole() -> None:
    paragraph = "Phones distract students in class, and that is a problem. " * 45 + "\n\n"
    parts: list[Part] = []
    for i in range(400):
        parts.append(
            (Kind.CLAIM if i % 2 else Kind.EVIDENCE, f"Claim number {i} says phones are bad. ")
        )
        parts.append(paragraph)
    m = make_map(parts)
    assert len(m.text) > 1_000_000
    page = render_html(m)
    assert len(embedded(page)["views"]["argument"]["nodes"]) == 400
    assert len(page) < 2 * len(m.text.encode()) + 1_500_000


# --- The causal view ----------------------------------------------------------------------------


def chain_map(**options: Any) -> ArgumentMap:
    """A chain of three causes across two paragraphs, a second chain, and other relations;
    `options` go to `make_map`."""
    return make_map(
        [
            (Kind.EVIDENCE, "Harvests failed in 1928. "),
            (Kind.CLAIM, "So grain was short in the towns. "),
            (Kind.THESIS, "Stalin wanted industry. "),
            "\n\n",
            (Kind.CLAIM, "As a result, the state took grain by force. "),
            (Kind.COUNTERCLAIM, "Some say the kulaks were to blame. "),
            (Kind.EVIDENCE, "Peasants killed their animals, "),
            (Kind.CLAIM, "so there were fewer horses to plough. "),
        ],
        relations=[
            (1, "causes", 2, "so"),
            (2, "supports", 3, "because"),
            (2, "causes", 4, "As a result"),
            (5, "attacks", 3, "Some say"),
            (6, "causes", 7, "so"),
            (7, "supports", 3, "also"),
        ],
        findings=[("broken-causal-chain", "warning", "Say why the animals died.", 6)],
        **options,
    )


def test_causal_view_shows_only_causes_and_their_components() -> None:
    m = chain_map()
    data = embedded(render_html(m, View.CAUSAL))
    assert data["view"] == "causal"
    causal = data["views"]["causal"]
    causes = [r for r in m.relations if r.kind is RelationKind.CAUSES]
    ends = {x for r in causes for x in (r.source, r.target)}
    assert [n["id"] for n in causal["nodes"]] == [c.id for c in m.components if c.id in ends]
    assert [(e["from"], e["to"]) for e in causal["edges"]] == [(r.source, r.target) for r in causes]
    assert {e["kind"] for e in causal["edges"]} == {"causes"}
    assert all(
        e["color"]["color"] == EDGE_STYLE[RelationKind.CAUSES]["colour"] for e in causal["edges"]
    )
    # Each node is labelled with its own words (no role line), full text and role on hover.
    by_id = {c.id: c for c in m.components}
    for n in causal["nodes"]:
        assert n["label"].lstrip("\u26a0 ") == by_id[n["id"]].text.strip()
        assert by_id[n["id"]].text in n["title"]
    assert causal["options"]["layout"]["hierarchical"]["enabled"] is False
    assert causal["options"]["physics"]["enabled"] is False
    # The argument view is still there for the toggle, whole.
    assert len(data["views"]["argument"]["nodes"]) == len(m.components)


def test_causal_page_opens_on_the_causal_view_and_the_default_is_the_argument() -> None:
    m = chain_map()
    causal = render_html(m, View.CAUSAL)
    assert '<body class="view-causal">' in causal
    assert render_html(m, View.CAUSAL) == causal
    default = render_html(m)
    assert '<body class="view-argument">' in default
    assert embedded(default)["view"] == "argument"
    assert default == render_html(m, View.ARGUMENT)


def test_causal_layout_runs_left_to_right_one_line_per_chain() -> None:
    m = chain_map()
    place = causal_layout(m)
    assert list(place) == ["c1", "c2", "c4", "c6", "c7"]
    # Cause left of effect; the chain across the paragraph break reads as one line.
    assert place["c1"][0] < place["c2"][0] < place["c4"][0]
    assert place["c1"][1] == place["c2"][1] == place["c4"][1]
    # The second chain starts at the left again, below the first.
    assert place["c6"][0] == place["c1"][0] and place["c6"][0] < place["c7"][0]
    assert place["c6"][1] > place["c1"][1]
    assert len(set(place.values())) == len(place)


def test_causal_layout_survives_branches_and_cycles() -> None:
    m = make_map(
        [(Kind.CLAIM, "A. "), (Kind.CLAIM, "B. "), (Kind.CLAIM, "C. "), (Kind.CLAIM, "D. ")],
        relations=[
            (1, "causes", 2, "so"),
            (1, "causes", 3, "so"),
            (2, "causes", 4, "so"),
            (3, "causes", 4, "so"),
            (4, "causes", 1, "which again"),
        ],
    )
    place = causal_layout(m)
    assert place["c1"][0] < place["c2"][0] == place["c3"][0] < place["c4"][0]
    assert place["c2"][1] != place["c3"][1]
    edges = embedded(render_html(m, View.CAUSAL))["views"]["causal"]["edges"]
    back = [e for e in edges if e["from"] == "c4"]
    assert back and back[0]["smooth"]["type"] == "curvedCW"  # the loop bends round the chain


def test_map_without_causes_says_so() -> None:
    m = make_map(
        [(Kind.THESIS, "Schools should ban phones. "), (Kind.CLAIM, "Phones distract. ")],
        relations=[(2, "supports", 1, "because")],
    )
    page = render_html(m, View.CAUSAL)
    causal = embedded(page)["views"]["causal"]
    assert causal["nodes"] == [] and causal["edges"] == []
    assert 'class="empty only-causal"' in page and "No causes and effects found" in page
    assert "No causes and effects found" not in render_html(chain_map(), View.CAUSAL)


def test_concepts_show_in_the_hover_text_when_present() -> None:
    m = chain_map(concepts={1: ("harvest", "grain crisis")})
    for view in View:
        node = embedded(render_html(m, view))["views"][view.value]["nodes"][0]
        assert "Concepts: harvest, grain crisis" in node["title"]
    plain = embedded(render_html(chain_map(), View.CAUSAL))["views"]["causal"]["nodes"][0]
    assert "Concepts" not in plain["title"]


def test_page_explains_the_roles_and_says_how_sure_it_is() -> None:
    m = sample_map()
    low = replace(m.components[1], confidence=0.45)
    m = replace(m, components=(m.components[0], low, *m.components[2:]))
    page = render_html(m)
    assert "What the roles mean" in page
    for kind in ("Thesis", "Claim", "Evidence", "Counterclaim", "Rebuttal", "Context"):
        assert f"<dt>{kind}</dt>" in page
    titles = {n["id"]: n["title"] for n in embedded(page)["views"]["argument"]["nodes"]}
    assert "unsure: check this (confidence 0.45)" in titles[low.id]
    assert embedded(page)["sureness"][0] == [0.8, "sure"]


def test_page_says_why_a_passage_got_its_role() -> None:
    m = sample_map()
    first = replace(m.components[0], why=("ends the introduction", "says what should be"))
    page = render_html(replace(m, components=(first, *m.components[1:])))
    titles = {n["id"]: n["title"] for n in embedded(page)["views"]["argument"]["nodes"]}
    assert "Why: it ends the introduction; it says what should be" in titles[first.id]
    assert embedded(page)["map"]["components"][0]["why"] == list(first.why)
