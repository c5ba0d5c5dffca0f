"""Never destroy work (issue 18): argmap writes only over its own outputs, never maps them as
essays, and leaves a map corrected by hand alone unless told `--force`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.app.cli import app
from argmap.writers import Format, export
from argmap.writers.files import OverwriteError, atomic_write, written_by_argmap
from tests.factories import sample_map

runner = CliRunner()
ESSAY = (
    "Phones in Schools\n\nI believe schools should ban phones.\n\n"
    "Firstly, phones distract pupils. A 2015 LSE study found test scores rose by 6% after bans.\n"
)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("fmt", list(Format))
def test_every_output_carries_argmaps_mark(fmt: Format) -> None:
    assert written_by_argmap(export(sample_map(), fmt).encode("utf-8"))


def test_an_essay_quoting_a_mark_is_still_an_essay() -> None:
    assert not written_by_argmap(b'The map said "schema": "argmap/1", written by argmap.')


def test_mapping_into_the_essays_folder_works_twice(tmp_path: Path) -> None:
    (tmp_path / "amy.txt").write_text(ESSAY, encoding="utf-8")
    (tmp_path / "bob.md").write_text(ESSAY.replace("phones", "homework"), encoding="utf-8")
    code, _, err = run("map", str(tmp_path), "-o", str(tmp_path))
    assert code == 0, err
    first = snapshot(tmp_path)
    assert {"amy.html", "amy.json", "bob.json", "index.html", "summary.csv"} <= set(first)
    code, _, err = run("map", str(tmp_path), "-o", str(tmp_path))
    assert code == 0, err
    assert "skipped 7 files argmap wrote (maps and pages, not essays)" in err
    assert snapshot(tmp_path) == first  # the same essays, the same bytes; nothing mapped twice


def test_a_map_corrected_by_hand_is_kept_unless_forced(tmp_path: Path) -> None:
    essay = tmp_path / "amy.txt"
    essay.write_text(ESSAY, encoding="utf-8")
    out = tmp_path / "maps"
    assert run("map", str(essay), "-o", str(out))[0] == 0
    corrected = json.loads((out / "amy.json").read_text(encoding="utf-8"))
    corrected["components"][0]["kind"] = "context"
    text = json.dumps(corrected, ensure_ascii=False, indent=2) + "\n"
    (out / "amy.json").write_text(text, encoding="utf-8")
    page = (out / "amy.html").read_bytes()
    code, _, err = run("map", str(essay), "-o", str(out))
    assert code == 1
    assert err.strip().splitlines() == [
        f"argmap: error: {essay}: not mapped: {out / 'amy.json'} is a map changed since argmap"
        " wrote it (corrected by hand?); --force replaces it"
    ]
    assert (out / "amy.json").read_text(encoding="utf-8") == text
    assert (out / "amy.html").read_bytes() == page  # nothing of the essay is written
    assert run("render", str(out / "amy.json"))[0] == 0  # its page can be made again
    code, _, err = run("map", str(essay), "-o", str(out), "--force")
    assert code == 0, err
    assert json.loads((out / "amy.json").read_text(encoding="utf-8"))["components"][0]["kind"] != (
        "context"
    )


def test_files_argmap_did_not_write_are_never_replaced(tmp_path: Path) -> None:
    essay = tmp_path / "amy.txt"
    essay.write_text(ESSAY, encoding="utf-8")
    notes = tmp_path / "notes.html"
    notes.write_text("<p>My own notes.</p>", encoding="utf-8")
    code, _, err = run("map", str(essay), "-o", str(notes))
    assert code == 1
    assert "notes.html exists and was not written by argmap; --force replaces it" in err
    assert notes.read_text(encoding="utf-8") == "<p>My own notes.</p>"
    assert run("map", str(essay), "-o", str(tmp_path / "amy.json"))[0] == 0
    code, _, err = run("render", str(tmp_path / "amy.json"), "-o", str(notes))
    assert code == 1 and "not written by argmap" in err
    code, _, err = run("export", str(tmp_path / "amy.json"), "-t", "dot", "-o", str(essay))
    assert code == 1 and "not written by argmap" in err
    assert essay.read_text(encoding="utf-8") == ESSAY
    assert run("render", str(tmp_path / "amy.json"), "-o", str(notes), "--force")[0] == 0


def test_an_output_named_like_a_folder_is_one_line_naming_it(tmp_path: Path) -> None:
    essay = tmp_path / "amy.txt"
    essay.write_text(ESSAY, encoding="utf-8")
    (tmp_path / "taken.json").mkdir()
    code, _, err = run("map", str(essay), "-o", str(tmp_path / "taken.json"))
    assert code == 1
    assert (
        err.strip() == f"argmap: error: {essay}: not mapped: {tmp_path / 'taken.json'} is a folder"
    )
    assert not list((tmp_path / "taken.json").iterdir())
    with pytest.raises(OverwriteError, match="taken.json: is a folder; not overwritten"):
        atomic_write(tmp_path / "taken.json", "{}")


def test_an_output_named_as_an_essay_is_refused(tmp_path: Path) -> None:
    essay = tmp_path / "amy.txt"
    essay.write_text(ESSAY, encoding="utf-8")
    assert run("map", str(essay), "-o", str(tmp_path / "out"))[0] == 0
    page = tmp_path / "out" / "amy.html"
    code, _, err = run("map", str(page), "-o", str(tmp_path / "again"))
    assert code == 1
    assert err.strip() == (
        f"argmap: error: {page}: written by argmap (a map, page or summary), not an essay"
    )


def test_a_folders_odd_entries_are_named_and_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "amy.txt").write_text(ESSAY, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    code, _, err = run("map", str(folder), "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert sorted(line for line in err.splitlines() if "skipped" in line) == [
        f"argmap: {folder / 'gone.txt'}: skipped, a broken link",
        f"argmap: {folder / 'loop.txt'}: skipped, a loop of links",
        f"argmap: {folder / 'pipe.txt'}: skipped, not a regular file (a FIFO, a device or a"
        " socket)",
    ]
    assert (tmp_path / "out" / "amy.json").exists()


def test_an_output_on_standard_input_is_refused(tmp_path: Path) -> None:
    page = export(sample_map(), Format.HTML)
    result = runner.invoke(app, ["map", "-", "-o", str(tmp_path / "x.json")], input=page)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "argmap: error: -: written by argmap (a map, page or summary), not an essay"
    )


def test_report_refuses_a_map_over_the_size_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.validate

    path = tmp_path / "big.json"
    path.write_text(export(sample_map(), Format.JSON), encoding="utf-8")
    monkeypatch.setattr(argmap.validate, "MAX_MAP_BYTES", 100)
    code, _, err = run("report", str(path))
    assert code == 1
    assert f"{path}: over 0 MB, more than any argmap map" in err
