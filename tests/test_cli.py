"""The command line as a user meets it: outputs, exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap import __version__
from argmap.app.cli import app

runner = CliRunner()
ESSAY = (
    "Phones in Schools\n\nMany pupils own a phone. I believe schools should ban phones.\n\n"
    "Firstly, phones distract pupils. A 2015 LSE study found test scores rose by 6% after bans.\n"
)


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert (code, out.strip()) == (0, f"argmap {__version__}")
    for command in ([], ["map"], ["render"], ["export"]):
        code, out, _ = run(*command, "--help")
        assert code == 0 and "Usage" in out


def test_map_writes_html_and_json_to_graphs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("essay.txt").write_text(ESSAY, encoding="utf-8")
    code, out, err = run("map", "essay.txt")
    assert code == 0, err
    assert "graphs/essay.html" in out and "graphs/essay.json" in out
    data = json.loads(Path("graphs/essay.json").read_text(encoding="utf-8"))
    assert data["schema"] == "argmap/1" and data["title"] == "Phones in Schools"
    assert Path("graphs/essay.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in Path("graphs").iterdir()) == ["essay.html", "essay.json"]
    umask = os.umask(0)
    os.umask(umask)
    assert Path("graphs/essay.json").stat().st_mode & 0o777 == 0o666 & ~umask


def test_map_output_file_and_format(tmp_path: Path) -> None:
    essay = tmp_path / "e.md"
    essay.write_text(ESSAY, encoding="utf-8")
    code, _, err = run("map", str(essay), "-o", str(tmp_path / "out.json"))
    assert code == 0, err
    assert json.loads((tmp_path / "out.json").read_text())["schema"] == "argmap/1"
    code, _, _ = run("map", str(essay), "-o", str(tmp_path / "dir"), "--format", "html", "-q")
    assert code == 0
    assert [p.name for p in (tmp_path / "dir").iterdir()] == ["e.html"]


def test_map_reads_stdin(tmp_path: Path) -> None:
    code, _, err = run("map", "-", "-o", str(tmp_path), "-f", "json", "-q", stdin=ESSAY)
    assert code == 0, err
    data = json.loads((tmp_path / "stdin.json").read_text())
    assert data["source"]["path"] == "-" and data["components"]


def test_batch_with_broken_files_keeps_going(tmp_path: Path) -> None:
    essays = tmp_path / "class"
    essays.mkdir()
    for i in range(3):
        (essays / f"pupil{i}.txt").write_text(ESSAY, encoding="utf-8")
    (essays / "broken.txt").write_bytes(b"")
    (essays / "photo.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    out_dir = tmp_path / "out"
    code, out, err = run("map", str(essays), "-o", str(out_dir))
    assert code == 1
    errors = err.strip().splitlines()
    assert any("broken.txt" in e and "empty" in e for e in errors)
    assert any("photo.bin" in e for e in errors)
    assert "Traceback" not in err
    assert len(list(out_dir.glob("pupil*.json"))) == 3
    assert len(list(out_dir.glob("pupil*.html"))) == 3
    assert (out_dir / "index.html").exists() and (out_dir / "summary.csv").exists()
    assert not list(out_dir.glob(".*tmp"))  # no half-written temporary files left behind


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ESSAY)
    b.write_text(ESSAY)
    code, _, err = run("map", str(a), str(b), "-o", str(tmp_path / "x.html"))
    assert code == 2 and "exactly one essay" in err
    code, _, _ = run("map", str(a), "--format", "pdf")
    assert code == 2
    code, _, _ = run("map")
    assert code == 2


def test_missing_file_is_one_line_error(tmp_path: Path) -> None:
    code, _, err = run("map", str(tmp_path / "nope.txt"), "-o", str(tmp_path))
    assert code == 1
    assert err.count("\n") == 1 and "nope.txt" in err and "Traceback" not in err


def test_render_rerenders_a_corrected_map(tmp_path: Path) -> None:
    essay = tmp_path / "e.txt"
    essay.write_text(ESSAY)
    assert run("map", str(essay), "-o", str(tmp_path), "-q")[0] == 0
    data = json.loads((tmp_path / "e.json").read_text())
    data["components"][0]["kind"] = "claim"  # a teacher's correction
    fixed = tmp_path / "fixed.json"
    fixed.write_text(json.dumps(data))
    code, out, err = run("render", str(fixed))
    assert code == 0, err
    assert (tmp_path / "fixed.html").exists()
    data["components"][0]["kind"] = "opinion"
    fixed.write_text(json.dumps(data))
    code, _, err = run("render", str(fixed))
    assert code == 2 and "unknown role 'opinion'" in err and "Traceback" not in err


def test_view_causal_on_map_and_render(tmp_path: Path) -> None:
    essay = tmp_path / "e.txt"
    essay.write_text(ESSAY + "\nPhones buzz in class, so pupils lose focus.\n", encoding="utf-8")
    code, _, err = run("map", str(essay), "-o", str(tmp_path / "causal.html"), "--view", "causal")
    assert code == 0, err
    assert '<body class="view-causal">' in (tmp_path / "causal.html").read_text(encoding="utf-8")
    assert run("map", str(essay), "-o", str(tmp_path), "-q")[0] == 0
    assert '<body class="view-argument">' in (tmp_path / "e.html").read_text(encoding="utf-8")
    code, _, err = run(
        "render", str(tmp_path / "e.json"), "-o", str(tmp_path / "r.html"), "--view", "causal"
    )
    assert code == 0, err
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == (
        tmp_path / "causal.html"
    ).read_text(encoding="utf-8")
    code, _, err = run("map", str(essay), "--view", "timeline")
    assert code == 2 and "timeline" in err


def test_help_is_fast_without_spacy() -> None:
    """`argmap --help` must not import spaCy or pyvis (it would cost over a second)."""
    code = (
        "import sys; from argmap.app.cli import app\n"
        "assert 'spacy' not in sys.modules and 'pyvis' not in sys.modules, sorted(sys.modules)"
    )
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def test_eval_prints_a_table_and_json() -> None:
    brat = Path(__file__).resolve().parent / "data" / "brat"
    code, out, err = run("eval", str(brat))
    assert code == 0, err
    assert "macro-F1" in out and "thesis accuracy" in out
    code, out, _ = run("eval", str(brat), "--format", "brat", "--json")
    assert code == 0 and json.loads(out)["documents"] == 2
    code, out, _ = run("eval", str(brat), "--json", "--intervals")
    assert code == 0 and set(json.loads(out)["intervals_95"]) >= {"macro-F1", "thesis accuracy"}


def test_eval_bad_gold_is_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text("{not json")
    code, _, err = run("eval", str(bad))
    assert code == 1 and "x.json" in err and err.count("\n") == 1


GOLDEN = Path(__file__).resolve().parent / "golden" / "weak-unsupported-claims.json"
DATA_RE = re.compile(r'<script type="application/json" id="argmap-data">(.*?)</script>', re.DOTALL)


def test_render_rebuilds_the_page_with_hand_edits(tmp_path: Path) -> None:
    """Acceptance: a teacher changes a role, removes a link and adds one; the page shows it."""
    data = json.loads(GOLDEN.read_text(encoding="utf-8"))
    data["components"][0]["kind"] = "claim"
    removed = data["relations"].pop(0)
    data["relations"].append(
        {"source": "c1", "target": "c2", "kind": "attacks", "signal": "teacher", "confidence": 1}
    )
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data, indent=1), encoding="utf-8")
    code, out, err = run("render", str(edited), "-o", str(tmp_path / "page.html"))
    assert code == 0, err
    assert "page.html" in out
    page = json.loads(DATA_RE.findall((tmp_path / "page.html").read_text(encoding="utf-8"))[0])
    nodes = {n["id"]: n for n in page["views"]["argument"]["nodes"]}
    assert nodes["c1"]["kind"] == "claim"
    assert nodes["c1"]["label"].split("\n")[0].endswith("CLAIM")
    edges = [(e["from"], e["to"], e["kind"]) for e in page["views"]["argument"]["edges"]]
    assert ("c1", "c2", "attacks") in edges
    assert (removed["source"], removed["target"], removed["kind"]) not in edges
    assert len(edges) == len(data["relations"])
    # The findings are those of the corrected map, not of the one it was made from.
    from argmap.findings.checks import analyse
    from argmap.model import ArgumentMap

    m = ArgumentMap.from_json(json.dumps(data))
    fresh = analyse(m.components, m.relations)
    assert sorted(f["code"] for f in page["findings"]) == sorted(f.code for f in fresh)
    stale = {"code": "made-up", "severity": "error", "message": "stale", "component": None}
    data["findings"] = [stale]
    edited.write_text(json.dumps(data), encoding="utf-8")
    assert run("render", str(edited), "-o", str(tmp_path / "page.html"))[0] == 0
    page = json.loads(DATA_RE.findall((tmp_path / "page.html").read_text(encoding="utf-8"))[0])
    assert "made-up" not in {f["code"] for f in page["findings"]}


def test_invalid_map_gets_every_problem_named_and_exit_2(tmp_path: Path) -> None:
    data = json.loads(GOLDEN.read_text(encoding="utf-8"))
    data["components"][0]["kind"] = "opinion"
    data["components"][2]["start"] += 1
    data["relations"][0]["target"] = "c99"
    data["findings"][0]["component"] = "nowhere"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    for command in (
        ["render", str(bad)],
        ["export", str(bad), "--to", "csv", "-o", str(tmp_path / "x.csv")],
    ):
        code, out, err = run(*command)
        assert code == 2, err
        lines = err.strip().splitlines()
        assert all(line.startswith(f"argmap: error: {bad}: ") for line in lines)
        assert "component \"c1\": unknown role 'opinion'" in err
        assert 'component "c3": offsets' in err and "do not match its text" in err
        assert "its text is at" in err
        assert "target 'c99' is not a component id (dangling link)" in err
        assert "component 'nowhere' is not a component id" in err
        assert lines[-1].endswith("4 problems; not written")
        assert "Traceback" not in err and out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]
    bad.write_text('{"schema": "argmap/1", "title": ', encoding="utf-8")
    code, _, err = run("export", str(bad), "--to", "dot")
    assert code == 2 and "not JSON" in err and "line 1 column" in err
    code, _, err = run("export", str(tmp_path / "missing.json"), "--to", "dot")
    assert code == 1 and "missing.json" in err and err.count("\n") == 1


def test_export_writes_to_standard_output_or_a_file(tmp_path: Path) -> None:
    code, out, err = run("export", str(GOLDEN), "--to", "dot")
    assert code == 0, err
    assert out.startswith("digraph argmap {") and out.endswith("}\n")
    code, out, err = run("export", str(GOLDEN), "-t", "aif", "-o", str(tmp_path / "m.aif.json"))
    assert code == 0, err
    assert f"-> {tmp_path / 'm.aif.json'}" in out
    aif = json.loads((tmp_path / "m.aif.json").read_text(encoding="utf-8"))
    assert set(aif) >= {"AIF", "text"}
    assert [p.name for p in tmp_path.iterdir()] == ["m.aif.json"]  # no temporary file left
    code, out, _ = run("export", str(GOLDEN), "-t", "csv", "-o", str(tmp_path / "m.csv"), "-q")
    assert code == 0 and out == ""
    code, _, err = run("export", str(GOLDEN), "--to", "pdf")
    assert code == 2 and "pdf" in err


def test_map_takes_a_comma_separated_format_list(tmp_path: Path) -> None:
    essay = tmp_path / "e.txt"
    essay.write_text(ESSAY, encoding="utf-8")
    out_dir = tmp_path / "out"
    code, _, err = run("map", str(essay), "-o", str(out_dir), "--format", "dot,csv", "-f", "md")
    assert code == 0, err
    assert sorted(p.name for p in out_dir.iterdir()) == ["e.csv", "e.dot", "e.md"]
    code, _, err = run("map", str(essay), "-o", str(tmp_path / "one.mmd"), "-q")
    assert code == 0, err
    assert (tmp_path / "one.mmd").read_text(encoding="utf-8").startswith("---\ntitle: ")
    code, _, err = run("map", str(essay), "-o", str(out_dir), "--format", "html,pdf")
    assert code == 2 and "unknown format 'pdf'" in err and "graphml" in err
