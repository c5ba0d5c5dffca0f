"""`argmap compare`: two drafts of an essay, what changed in the argument."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.app.cli import app
from argmap.app.compare import compare, compare_html, pair_drafts
from argmap.findings.checks import refreshed
from argmap.model import Kind, RelationKind
from tests.factories import annotate

ROOT = Path(__file__).resolve().parent.parent
ARGREWRITE = ROOT.parent / "shared" / "data" / "argrewrite" / "essays"
T, C, E = Kind.THESIS, Kind.CLAIM, Kind.EVIDENCE
SUP = RelationKind.SUPPORTS

OLD = (
    "Cars should drive themselves. They are safer. People get tired. "
    "Everyone knows robots never crash."
)
NEW = (
    "Cars should drive themselves. They are much safer on long roads. "
    "A 2019 study by the RAC found that crashes fell by 40%. People get tired."
)


def drafts():
    old = refreshed(
        annotate(
            OLD,
            [
                ("c1", T, "Cars should drive themselves."),
                ("c2", C, "They are safer."),
                ("c3", E, "People get tired."),
                ("c4", C, "Everyone knows robots never crash."),
            ],
            [("c2", SUP, "c1"), ("c3", SUP, "c2"), ("c4", SUP, "c1")],
        )
    )
    new = refreshed(
        annotate(
            NEW,
            [
                ("c1", T, "Cars should drive themselves."),
                ("c2", C, "They are much safer on long roads."),
                ("c3", E, "A 2019 study by the RAC found that crashes fell by 40%."),
                ("c4", E, "People get tired."),
            ],
            [("c2", SUP, "c1"), ("c3", SUP, "c2"), ("c4", SUP, "c2")],
        )
    )
    return old, new


def test_passages_are_aligned_by_their_words() -> None:
    old, new = drafts()
    c = compare(old, new)
    assert [(p.change, p.old, p.new) for p in c.passages] == [
        ("same", "c1", "c1"),
        ("revised", "c2", "c2"),
        ("added", None, "c3"),
        ("same", "c3", "c4"),
        ("removed", "c4", None),
    ]


def test_evidence_findings_and_scorecard_before_and_after() -> None:
    old, new = drafts()
    c = compare(old, new)
    (claim,) = c.evidence_changes()
    assert claim["claim"] == "They are much safer on long roads."
    assert claim["gained"] == ["A 2019 study by the RAC found that crashes fell by 40%."]
    assert claim["lost"] == []
    changes = c.finding_changes()
    fixed = {f["code"] for f in changes["fixed"]}
    assert "sweeping-generalisation" in fixed  # the "Everyone knows ..." point is gone
    assert not {f["code"] for f in changes["new"]} & fixed
    measures = {m["measure"]: (m["old"], m["new"]) for m in c.measures()}
    assert measures["pieces of evidence"] == (1, 2)
    assert measures["evidence that names its source"] == (0.0, 0.5)
    data = json.loads(json.dumps(c.to_dict()))
    keys = ["generator", "old", "new", "passages", "evidence", "findings", "scorecard"]
    assert list(data) == keys
    assert data["passages"][2] == {
        "change": "added",
        "old": None,
        "new": {"id": "c3", "kind": "evidence", "text": new.components[2].text},
    }


def test_the_page_escapes_essay_text_and_stays_offline() -> None:
    old, new = drafts()
    evil = annotate(
        NEW + " <script>alert(1)</script>",
        [("c1", T, "Cars should drive themselves."), ("c2", C, "<script>alert(1)</script>")],
    )
    page = compare_html(compare(old, evil))
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "default-src 'none'" in page and "http" not in page.replace("http-equiv", "")
    assert compare_html(compare(old, new)) == compare_html(compare(old, new))


def test_drafts_are_paired_by_name() -> None:
    pairs, alone = pair_drafts(
        ["D1/draft1_amy.txt", "D1/draft1_bob.txt", "D1/carl.txt"],
        ["D2/draft2_bob.txt", "D2/draft2_amy.txt", "D2/dora.txt"],
    )
    assert pairs == [
        ("D1/draft1_amy.txt", "D2/draft2_amy.txt"),
        ("D1/draft1_bob.txt", "D2/draft2_bob.txt"),
    ]
    assert alone == ["D1/carl.txt", "D2/dora.txt"]


runner = CliRunner()


def test_compare_folders_writes_one_page_per_pair_and_names_the_unpaired(tmp_path: Path) -> None:
    one, two = tmp_path / "Draft1", tmp_path / "Draft2"
    one.mkdir()
    two.mkdir()
    (one / "draft1_amy.txt").write_text(OLD + "\n", encoding="utf-8")
    (two / "draft2_amy.txt").write_text(NEW + "\n", encoding="utf-8")
    (one / "draft1_bob.txt").write_text(OLD + "\n", encoding="utf-8")
    result = runner.invoke(app, ["compare", str(one), str(two), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1  # bob has no second draft
    assert "draft1_bob.txt: no draft of the same name" in result.stderr
    assert "Traceback" not in result.stderr
    page = (tmp_path / "out" / "draft2_amy.compare.html").read_text(encoding="utf-8")
    assert "What changed in the argument" in page
    missing = runner.invoke(app, ["compare", str(one), str(two)])
    assert missing.exit_code == 2 and "-o FOLDER" in missing.stderr


@pytest.mark.skipif(not ARGREWRITE.is_dir(), reason=f"{ARGREWRITE} is absent (../shared/data)")
def test_compare_real_drafts_one_two_three(tmp_path: Path) -> None:
    drafts = [
        ARGREWRITE / "Draft1" / "draft1_2018argrewrite_39.txt",
        ARGREWRITE / "Draft2" / "draft2_2018argrewrite_39.txt",
        ARGREWRITE / "Draft3" / "2018argrewrite_39.txt",
    ]
    for old, new in zip(drafts, drafts[1:], strict=False):
        result = runner.invoke(app, ["compare", str(old), str(new), "-f", "json"])
        assert result.exit_code == 0, result.stderr
        data = json.loads(result.stdout)
        changes = {p["change"] for p in data["passages"]}
        assert changes <= {"same", "revised", "added", "removed"} and len(changes) > 1
        new_ids = [p["new"]["id"] for p in data["passages"] if p["new"]]
        assert len(new_ids) == len(set(new_ids))  # each passage of the new draft once
        out = tmp_path / f"{new.stem}.html"
        result = runner.invoke(app, ["compare", str(old), str(new), "-o", str(out)])
        assert result.exit_code == 0 and "Scorecard before and after" in out.read_text("utf-8")
