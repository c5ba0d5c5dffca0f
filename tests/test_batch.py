"""Whole-class batch runs: folders, broken files, parallel workers, the class summary."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from argmap.app import batch
from argmap.app.batch import Outcome, Task, map_one
from argmap.app.cli import app
from argmap.app.summary import read_records, summary_csv, summary_html
from argmap.writers import Format, View
from argmap.writers.files import atomic_write

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

ESSAYS = {
    "amy.txt": (
        "Phones in Schools\n\nI believe schools should ban phones.\n\n"
        "Firstly, phones distract pupils. A 2015 LSE study found test scores rose by 6% "
        "after bans.\n\nSome argue that phones keep children safe. However, schools have "
        "telephones for emergencies.\n"
    ),
    "bob.md": (
        "# Homework\n\nHomework should be banned. Everyone knows it is useless.\n\n"
        "Pupils are tired, so they learn less.\n"
    ),
    "cat.txt": (
        "School uniforms should stay. They reduce bullying, because nobody can see who is "
        "poor. In 2019, 62% of teachers in a survey said uniforms help.\n"
    ),
}
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def make_class(folder: Path, broken: bool = True) -> Path:
    folder.mkdir(parents=True)
    for name, text in ESSAYS.items():
        (folder / name).write_text(text, encoding="utf-8")
    if broken:
        (folder / "empty.txt").write_bytes(b"")
        (folder / "scan.txt").write_bytes(BINARY)  # a binary file with an essay's name
    return folder


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_folder_maps_the_good_files_names_the_bad_ones_and_exits_1(tmp_path: Path) -> None:
    essays = make_class(tmp_path / "class")
    out = tmp_path / "out"
    code, stdout, err = run("map", str(essays), "-o", str(out), "-j", "1")
    assert code == 1
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert any("empty.txt" in e and "empty" in e.split("empty.txt", 1)[1] for e in lines)
    assert any("scan.txt: cannot read a PNG image" in e for e in lines)
    assert lines[-1].startswith("argmap: error: 2 of 5 essays failed:")
    assert "empty.txt" in lines[-1] and "scan.txt" in lines[-1]
    written = sorted(files(out))
    assert written == [
        "amy.html",
        "amy.json",
        "assets/argmap-map.js",  # the scripts the pages share
        "assets/vis-network.css",
        "assets/vis-network.min.js",
        "bob.html",
        "bob.json",
        "cat.html",
        "cat.json",
        "index.html",
        "summary.csv",
        "summary.jsonl",
    ]
    assert f"class summary -> {out / 'index.html'}" in stdout
    rows = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8"))))
    assert [(Path(r["essay"]).name, r["status"]) for r in rows] == [
        ("amy.txt", "ok"),
        ("bob.md", "ok"),
        ("cat.txt", "ok"),
        ("empty.txt", "failed"),
        ("scan.txt", "failed"),
    ]
    assert "file is empty" in rows[3]["error"] and rows[3]["map"] == ""
    assert rows[0]["map"] == "amy.html" and int(rows[0]["claims"]) >= 1
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '"amy.html"' in page and '"failed"' in page  # the rows, as data the page shows
    head, *recs = (out / "summary.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(head)["generator"] == "written by argmap"
    assert [(Path(json.loads(r)["essay"]).name, json.loads(r)["status"]) for r in recs] == [
        (Path(r["essay"]).name, r["status"]) for r in rows
    ]


def test_jobs_2_writes_the_same_bytes_as_jobs_1(tmp_path: Path) -> None:
    essays = make_class(tmp_path / "class")
    (essays / "sub").mkdir()
    (essays / "sub" / "dan.txt").write_text(ESSAYS["cat.txt"].replace("2019", "2021"))
    code1, _, _ = run("map", str(essays), "-r", "-o", str(tmp_path / "one"), "-j", "1", "-q")
    code2, _, err2 = run("map", str(essays), "-r", "-o", str(tmp_path / "two"), "-j", "2", "-q")
    assert (code1, code2) == (1, 1), err2
    one, two = files(tmp_path / "one"), files(tmp_path / "two")
    assert "sub/dan.html" in one and "index.html" in one and "summary.csv" in one
    assert one.keys() == two.keys()
    assert [k for k in one if one[k] != two[k]] == []


def test_a_single_essay_gets_no_class_summary_a_folder_always_does(tmp_path: Path) -> None:
    essays = make_class(tmp_path / "class", broken=False)
    code, _, _ = run("map", str(essays / "amy.txt"), "-o", str(tmp_path / "one"), "-q")
    assert code == 0 and sorted(files(tmp_path / "one")) == ["amy.html", "amy.json"]
    solo = tmp_path / "solo"
    solo.mkdir()
    (solo / "amy.txt").write_text(ESSAYS["amy.txt"])
    code, _, _ = run("map", str(solo), "-o", str(tmp_path / "two"), "-q", "-f", "json", "-j1")
    assert code == 0
    assert sorted(files(tmp_path / "two")) == [
        "amy.json",
        "index.html",
        "summary.csv",
        "summary.jsonl",
    ]
    page = (tmp_path / "two" / "index.html").read_text(encoding="utf-8")
    assert '"amy.json"' in page  # no HTML page written: the link goes to the JSON


def test_recursive_mirrors_subfolders_and_skips_the_output_folder(tmp_path: Path) -> None:
    essays = make_class(tmp_path / "class", broken=False)
    (essays / "set2").mkdir()
    (essays / "set2" / "amy.txt").write_text(ESSAYS["cat.txt"])
    (essays / ".hidden").mkdir()
    (essays / ".hidden" / "x.txt").write_text(ESSAYS["cat.txt"])
    out = essays / "graphs"  # inside the class folder: never mapped as essays
    for _ in range(2):
        code, _, err = run("map", str(essays), "-r", "-o", str(out), "-q", "-f", "json", "-j", "1")
        assert code == 0, err
    assert sorted(files(out)) == [
        "amy.json",
        "bob.json",
        "cat.json",
        "index.html",
        "set2/amy.json",
        "summary.csv",
        "summary.jsonl",
    ]
    code, _, _ = run("map", str(essays), "-o", str(tmp_path / "flat"), "-q", "-f", "json", "-j1")
    assert code == 0 and "set2/amy.json" not in files(tmp_path / "flat")
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '"set2/amy.json"' in page


def test_discover_and_plan() -> None:
    assert batch.discover(["-"]) == [("-", None)]
    tasks = batch.plan(
        ["a/essay.txt", "b/essay.txt", "essay.md", "index.txt", "-"],
        [Format.HTML],
        Path("out"),
        reserved=("index", "summary"),
    )
    assert [t.outputs[0][1].as_posix() for t in tasks] == [
        "out/essay.html",
        "out/essay-txt.html",
        "out/essay-md.html",
        "out/index-txt.html",
        "out/stdin.html",
    ]
    one = batch.plan(["e.txt"], [Format.HTML, Format.JSON], Path("out"), Path("x/map.html"))
    assert [p.as_posix() for _, p in one[0].outputs] == ["x/map.html", "x/map.json"]


def test_stdin_in_a_batch(tmp_path: Path) -> None:
    (tmp_path / "amy.txt").write_text(ESSAYS["amy.txt"])
    code, out, err = run(
        "map",
        "-",
        str(tmp_path / "amy.txt"),
        "-o",
        str(tmp_path / "out"),
        "-j",
        "1",
        stdin=ESSAYS["bob.md"],
    )
    assert code == 0, err
    assert "stdin.json" in files(tmp_path / "out") and "amy.json" in files(tmp_path / "out")


def test_summary_escapes_names_links_relatively_and_stays_offline(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    evil = tmp_path / 'class/<img src=x onerror=alert(1)> & "q".txt'
    ok = Outcome(
        0,
        str(evil),
        (folder / "sub" / "a b#1.html",),
        3,
        2,
        {"title": "<script>alert(1)</script>", "claims": 1, "claim_evidence_share": 0.5},
    )
    bad = Outcome(1, str(tmp_path / "class/=cmd.txt"), error="=cmd.txt: file is empty")
    page = summary_html([bad, ok], folder)
    assert "<img" not in page and "<script>alert" not in page
    # Names and titles are data, with < > & written as JSON escapes; the script shows them as text.
    assert "\\u003cimg src=x onerror=alert(1)\\u003e \\u0026" in page
    assert "\\u003cscript\\u003ealert(1)" in page
    assert '"sub/a%20b%231.html"' in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert page == summary_html([ok, bad], folder)  # sorted by path, whatever the order
    sheet = summary_csv([bad, ok], folder)
    rows = list(csv.reader(io.StringIO(sheet)))
    assert rows[0][:3] == ["essay", "status", "map"] and rows[0][-1] == "error"
    assert rows[0][3:6] == ["title", "claims", "claim_evidence_share"]
    failed = next(r for r in rows if r[1] == "failed")
    assert failed[-1] == "'=cmd.txt: file is empty"  # not run as a formula by a spreadsheet


def test_summary_columns_are_the_scorecard_columns(tmp_path: Path) -> None:
    from argmap.findings.scorecard import COLUMNS

    essay = tmp_path / "amy.txt"
    essay.write_text(ESSAYS["amy.txt"])
    tasks = batch.plan([str(essay)], [Format.JSON], tmp_path / "out")
    outcomes = list(batch.run(tasks, jobs=1))
    header = summary_csv(outcomes, tmp_path / "out").splitlines()[0].split(",")
    assert header == ["essay", "status", "map", *COLUMNS, "error"]


def test_a_worker_that_dies_fails_only_its_essay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tasks = batch.plan([str(tmp_path / f"e{i}.txt") for i in range(3)], [Format.JSON], tmp_path)
    for i, t in enumerate(tasks):
        Path(t.item).write_text(ESSAYS["cat.txt"] if i != 1 else "KILL ME. " * 5)
    # Forked workers inherit the patched module: the essay that says so kills its worker.
    monkeypatch.setattr(batch, "map_one", _crash_on_kill_me)
    outcomes = sorted(batch.run(tasks, 2, View.ARGUMENT, "fork"), key=lambda o: o.index)
    assert [o.error is None for o in outcomes] == [True, False, True]
    assert "worker process" in (outcomes[1].error or "")


def _crash_on_kill_me(task: Task, view: View) -> Outcome:
    if "KILL ME" in Path(task.item).read_text():
        os._exit(1)
    return map_one(task, view)


def test_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    essays = make_class(tmp_path / "class", broken=False)
    cmd = [sys.executable, "-m", "argmap", "map", str(essays), "-o", str(tmp_path / "o"), "-j", "1"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100", "TERM": "xterm"}
    piped = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    assert "mapping" not in piped.stderr and "\x1b[" not in piped.stderr
    assert piped.stdout.count(" -> ") == 4  # three essays and the class summary
    leader, follower = pty.openpty()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=follower, env=env, cwd=ROOT)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the command ends
            break
        if not chunk:
            break
        shown += chunk
    stdout = proc.communicate()[0].decode()
    os.close(leader)
    assert proc.returncode == 0
    assert b"mapping" in shown and b"/3" in shown
    assert stdout.count(" -> ") == 4  # the per-essay lines still go to stdout, not the bar


@pytest.mark.parametrize("jobs", ["0", "-1", "x"])
def test_bad_jobs_is_a_usage_error(tmp_path: Path, jobs: str) -> None:
    (tmp_path / "a.txt").write_text(ESSAYS["amy.txt"])
    code, _, _ = run("map", str(tmp_path / "a.txt"), "-j", jobs)
    assert code == 2


@pytest.mark.browser
def _chromium() -> Any:
    """Playwright's sync API, when Debian's chromium is there (CI must have it)."""
    if not os.access(CHROMIUM, os.X_OK):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser tests cannot run under CI: {CHROMIUM} is not installed")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    return pytest.importorskip("playwright.sync_api")


CHROMIUM = "/usr/bin/chromium"


def test_index_sorts_in_a_browser_offline(tmp_path: Path) -> None:
    sync_api = _chromium()
    folder = tmp_path / "out"
    outcomes = [
        Outcome(i, f"class/{name}.txt", (folder / f"{name}.html",), 1, 0, {"claims": n, "share": s})
        for i, (name, n, s) in enumerate([("amy", 3, 0.5), ("bob", 10, ""), ("cat", 2, 1.0)])
    ]
    outcomes.append(Outcome(3, "class/dan.txt", error="class/dan.txt: file is empty"))
    atomic_write(folder / "index.html", summary_html(outcomes, folder))
    requests: list[str] = []
    problems: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        page = browser.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.goto((folder / "index.html").as_uri())

        def column(n: int) -> list[str]:
            cells = page.locator(f"#essays tbody tr td:nth-child({n})").all_inner_texts()
            return [c.strip() for c in cells]

        assert column(1) == ["amy.txt", "bob.txt", "cat.txt", "dan.txt"]  # below class/
        page.get_by_role("button", name="claims").click()
        assert column(4) == ["2", "3", "10", ""]  # numbers, not text; empty cells last
        page.get_by_role("button", name="claims").click()
        assert column(4) == ["10", "3", "2", ""]
        page.get_by_role("button", name="share").click()
        assert column(5) == ["0.5", "1", "", ""]
        assert column(3) == ["", "", "", "file is empty"]  # the reason, beside the status
        assert page.get_by_role("link", name="amy.txt").get_attribute("href") == "amy.html"
        page.fill("#filter", "failed")
        assert column(1) == ["dan.txt"]
        browser.close()
    assert requests == [(folder / "index.html").as_uri()]
    assert problems == []


def test_a_class_of_10000_essays_pages_sorts_and_filters_in_a_browser(tmp_path: Path) -> None:
    """The class page of a district: rows shown 100 at a time, sorted and filtered over all of
    them; the students by problem listed 100 at a time."""
    sync_api = _chromium()
    folder = tmp_path / "out"
    outcomes = [
        Outcome(
            i,
            f"class/pupil{i}.txt",
            (folder / f"pupil{i}.html",),
            20,
            15,
            {"title": f"Essay {i}", "words": 300 + i % 500, "claims": i % 7, "findings": i % 3},
            notes=(("unsupported-claim", "info", f"Point {i} has nothing behind it."),) * (i % 3),
        )
        for i in range(10_000)
    ]
    page_file = folder / "index.html"
    atomic_write(page_file, summary_html(outcomes, folder))
    assert page_file.stat().st_size < 4_000_000
    problems: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        page = browser.new_page()
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(page_file.as_uri())

        def names() -> list[str]:
            return page.locator("#essays tbody td.essay").all_inner_texts()

        assert page.locator("#essays tbody tr").count() == 100
        assert page.inner_text("#range") == "1\u2013100 of 10,000"
        assert names()[:3] == ["pupil0.txt", "pupil1.txt", "pupil2.txt"]  # numbers as numbers
        page.click("#next")
        assert names()[0] == "pupil100.txt" and page.inner_text("#range").startswith("101")
        page.get_by_role("button", name="words").click()  # sorts all 10,000, back to page 1
        assert page.inner_text("#range").startswith("1\u2013100")
        assert names()[:2] == ["pupil0.txt", "pupil500.txt"]  # 300 words each, in class order
        page.fill("#filter", "pupil999")
        assert sorted(names()) == ["pupil999.txt", "pupil9990.txt"] + [
            f"pupil999{d}.txt" for d in range(1, 10)
        ]
        assert page.inner_text("#range") == "1\u201311 of 11 (of 10,000)"
        unsupported = page.locator("details.problem").first
        assert "6,666 students" in unsupported.inner_text()
        unsupported.locator("summary").click()  # info: closed at first; drawn when opened
        listed = unsupported.locator("li:not(.more-button)")
        sync_api.expect(listed).to_have_count(100)  # the toggle event comes after the click
        unsupported.get_by_role("button", name="show 100 more of 6,566").click()
        sync_api.expect(listed).to_have_count(200)
        browser.close()
    assert problems == []


def test_class_page_groups_students_by_problem_and_explains_every_column(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    scores = {"title": "T", "words": 400, "claims": 3, "claim_evidence_share": 0.5}
    amy = Outcome(
        0,
        "class/amy.txt",
        (folder / "amy.html",),
        5,
        4,
        {**scores, "causal_depth": 2, "findings": 2, "vague_evidence": 1},
        notes=(
            ("vague-evidence", "warning", "Studies show that <b>phones</b> harm sleep."),
            ("no-counterargument", "info", ""),
        ),
    )
    bob = Outcome(
        1,
        "class/bob.txt",
        (folder / "bob.html",),
        5,
        4,
        {
            **scores,
            "claim_evidence_share": 1.0,
            "causal_depth": 5,
            "findings": 1,
            "vague_evidence": 1,
        },
        notes=(("vague-evidence", "warning", "Experts say phones are bad."),),
    )
    page = summary_html([amy, bob], folder)
    # The class row: means, maxima, totals (over the whole class, not the page shown).
    assert 'title="the longest in the class">5</td>' in page  # causal depth: not 7
    assert 'title="mean over the essays">75%</td>' in page
    assert 'title="mean per essay">400.0</td>' in page
    assert 'title="total in the class">3</td>' in page  # findings
    # Shares are marked so that the page shows them as percentages (the number kept for sorting).
    assert 'data-key="claim_evidence_share" class="num" data-numeric="1" data-share="1"' in page
    rows = json.loads(script(page, "rows"))
    share = [c for c, _ in enumerate(columns(page)) if _ == "claim_evidence_share"][0]
    assert [r[2 + share] for r in rows] == [0.5, 1.0]
    # Every column explained: a tooltip on its heading and a line in the legend.
    head = page.split("<thead>")[1].split("</thead>")[0]
    assert head.count('title="') == head.count("<th ")
    assert 'title="main claims backed by evidence, of all main claims"' in head
    legend = page.split('id="columns"')[1]
    assert "<dt>claim evidence share</dt>" in legend and "<dt>vague evidence</dt>" in legend
    # The class by problem: each kind of finding, its students and their passages, as data.
    problems = page.split('id="by-problem"')[1].split('id="columns"')[0]
    vague = problems.split("<details")[1]
    assert "vague-evidence" in vague and "2 students" in vague
    assert problems.index("vague-evidence") < problems.index("no-counterargument")  # warnings first
    students = json.loads(script(page, "students"))
    assert students[0] == [
        ["amy.txt", "amy.html", 1, ["Studies show that <b>phones</b> harm sleep."], 0],
        ["bob.txt", "bob.html", 1, ["Experts say phones are bad."], 0],
    ]
    assert "<b>phones" not in page  # written as \\u003cb\\u003e in the data


def script(page: str, name: str) -> str:
    """The JSON data block `name` of a class page."""
    return page.split(f'<script type="application/json" id="{name}">')[1].split("</script>")[0]


def columns(page: str) -> list[str]:
    """The keys of a class page's table columns, in order."""
    return re.findall(r'<th scope="col" data-key="([^"]+)"', page)


def test_a_batch_writes_a_feedback_sheet_per_essay(tmp_path: Path) -> None:
    folder = make_class(tmp_path / "class", broken=False)
    out = tmp_path / "out"
    code, _, err = run("map", str(folder), "-o", str(out), "-f", "feedback,html,json", "-q")
    assert code == 0, err
    sheets = sorted(p.name for p in out.glob("*.feedback.html"))
    assert sheets and len(sheets) == len(list(out.glob("*.feedback.html")))
    page = (out / sheets[0]).read_text(encoding="utf-8")
    assert page.count('<section class="sheet">') == 1 and "Three things to work on" in page
    index = (out / "index.html").read_text(encoding="utf-8")
    first = sheets[0].removesuffix(".feedback.html")
    assert f'"{first}.html"' in index and f'"{first}.feedback.html"' not in index  # map, not sheet
    # A report on the folder reads the maps, never the pages or sheets as essays.
    code, out_json, _ = run("report", str(out), "-f", "json")
    paths = [d["path"] for d in json.loads(out_json)]
    assert paths and all(p.endswith(".json") for p in paths)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_a_parallel_batch_and_its_workers(tmp_path: Path, signum: int) -> None:
    """SIGTERM (as a scheduler or `kill` sends it) or SIGINT (Ctrl-C) stops the pool within
    seconds: no worker, forkserver or resource tracker left, no temporary file, one line."""
    import time

    folder = tmp_path / "class"
    folder.mkdir()
    long_essay = " ".join(ESSAYS.values()) * 8
    for i in range(40):
        (folder / f"e{i:02}.txt").write_text(long_essay, encoding="utf-8")
    out = tmp_path / "out"
    argmap = Path(sys.executable).with_name("argmap")
    proc = subprocess.Popen(
        [str(argmap), "map", str(folder), "-o", str(out), "-j", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_ctrl_c_as_in_a_terminal,
    )
    deadline = time.monotonic() + 120
    while not list(out.glob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert proc.poll() is None, "the batch ended before it could be stopped"
    family = _descendants(proc.pid)
    assert family, "no worker processes"
    proc.send_signal(signum)
    start = time.monotonic()
    _, err = proc.communicate(timeout=10)
    assert time.monotonic() - start < 5
    assert proc.returncode == 130
    assert err.splitlines()[-1] == (
        f"argmap: error: stopped: the essays mapped so far are written and listed in "
        f"{out / 'summary.jsonl.part'}; the same command with --resume goes on from there"
    )
    time.sleep(1.0)
    assert [pid for pid in family if _running(pid)] == []
    assert not list(out.glob(".*.tmp")) and len(list(out.glob("*.json"))) < 40
    _, recorded = read_records(out / "summary.jsonl.part")  # what --resume will keep
    assert {r["essay"] for r in recorded} <= {str(p) for p in folder.iterdir()}


def _ctrl_c_as_in_a_terminal() -> None:
    """In the child before it starts: SIGINT back to its default. A shell starts a background
    command (`pytest ... &`) with SIGINT ignored, its children inherit that, and Python then
    installs no Ctrl-C handler: argmap would rightly ignore the test's SIGINT."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_resume_keeps_what_an_earlier_run_mapped_and_maps_the_rest(tmp_path: Path) -> None:
    essays = make_class(tmp_path / "class")
    out = tmp_path / "out"
    args = ["map", str(essays), "-o", str(out), "-j", "1", "-f", "json"]
    assert run(*args)[0] == 1  # two broken files
    first = files(out)
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    code, stdout, err = run(*args, "--resume")
    assert code == 1 and "--resume: kept 3 of 5 essays mapped before; mapping the rest" in err
    assert "amy.txt ->" not in stdout and err.count("empty.txt") == 2  # failed ones: again
    assert files(out) == first  # the same bytes as the first run
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")} == stamps
    # An essay changed since: mapped again; a map corrected by hand is not kept either.
    os.utime(essays / "amy.txt", ns=(stamps["amy.json"] + 10**6,) * 2)  # 1 ms newer
    code, stdout, err = run(*args, "--resume")
    assert "kept 2 of 5" in err and "amy.txt ->" in stdout and "bob.md ->" not in stdout
    assert files(out) == first
    # An interrupted run: its journal (torn last line and all) is what --resume reads.
    lines = (out / "summary.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (out / "summary.jsonl").unlink()
    (out / "summary.jsonl.part").write_text("".join(lines[:2]) + lines[2][:30], "utf-8")
    code, _, err = run(*args, "--resume")
    assert "kept 1 of 5" in err and files(out) == first
    # Other argument stages map differently: nothing kept.
    code, _, err = run(*args, "--resume", "--roles", "rules")
    assert "kept" not in err
    # One essay has no class summary to resume from.
    code, _, err = run("map", str(essays / "amy.txt"), "-o", str(out), "--resume")
    assert code == 2 and "--resume needs a folder or several essays" in err


def _running(pid: int) -> bool:
    """True while process `pid` runs (a zombie waiting for its parent to reap it does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _descendants(pid: int) -> list[int]:
    """Every process under `pid` (Linux: /proc/<pid>/task/<tid>/children)."""
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            children = (task / "children").read_text().split()
            found.extend(int(c) for c in children)
            todo.extend(int(c) for c in children)
    return found


def test_a_class_shares_its_pages_scripts_in_assets(tmp_path: Path) -> None:
    """The pages of a folder read vis-network and their script from OUT/assets/ (relative, still
    offline): each page is a small file; --self-contained puts them back in every page, and a
    single essay's page is always self-contained."""
    folder = tmp_path / "class"
    (folder / "set2").mkdir(parents=True)
    (folder / "amy.txt").write_text(ESSAYS["amy.txt"], encoding="utf-8")
    (folder / "set2" / "bob.md").write_text(ESSAYS["bob.md"], encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run("map", str(folder), "-r", "-o", str(out), "-j", "1", "-q")
    assert code == 0, err
    assert sorted(p.name for p in (out / "assets").iterdir()) == [
        "argmap-map.js",
        "vis-network.css",
        "vis-network.min.js",
    ]
    amy = (out / "amy.html").read_text(encoding="utf-8")
    bob = (out / "set2" / "bob.html").read_text(encoding="utf-8")
    assert '<script src="assets/vis-network.min.js"></script>' in amy
    assert '<script src="../assets/argmap-map.js"></script>' in bob
    assert len(amy.encode()) < 150_000 and "visjs.github.io" not in amy  # no bundle inside
    code, _, err = run("map", str(folder), "-r", "-o", str(out), "-j", "1", "-q")
    assert code == 0, err  # the assets are argmap's: written again, never mapped as essays
    alone = tmp_path / "alone"
    code, _, err = run("map", str(folder), "-r", "-o", str(alone), "--self-contained", "-q")
    assert code == 0, err
    assert not (alone / "assets").exists()
    assert "<script src=" not in (alone / "amy.html").read_text(encoding="utf-8")
