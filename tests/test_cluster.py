"""A class mapped on a Dask cluster (argmap/app/cluster.py): the same files as the local pool."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.app.cli import app
from tests.test_batch import files, make_class

ARGMAP = str(Path(sys.executable).with_name("argmap"))


def argmap(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ARGMAP, *args], capture_output=True, text=True, timeout=300, check=False)


def test_a_dask_cluster_writes_the_same_bytes_as_jobs_2(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    essays = make_class(tmp_path / "class")  # three essays and two files that fail
    local = argmap("map", str(essays), "-o", str(tmp_path / "local"), "-j", "2", "-q")
    assert local.returncode == 1, local.stderr
    expected = files(tmp_path / "local")
    assert {"index.html", "summary.csv", "summary.jsonl", "amy.html"} <= expected.keys()
    # A local cluster of two worker processes, started by argmap.
    done = argmap("map", str(essays), "-o", str(tmp_path / "dask"), "--engine", "dask", "-j", "2")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1].startswith("argmap: error: 2 of 5 essays failed:")
    assert files(tmp_path / "dask") == expected
    # A running cluster, reached by its scheduler's address: the driver writes every file.
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        out = tmp_path / "scheduler"
        address = cluster.scheduler_address
        done = argmap(
            "map", str(essays), "-o", str(out), "--engine", "dask", "--scheduler", address
        )
        assert done.returncode == 1, done.stderr
        assert files(out) == expected


def test_dask_engine_refusals_are_one_line() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["map", "essays", "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2 and "--scheduler needs --engine dask" in result.stderr


def test_without_dask_the_engine_says_how_to_get_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    essays = make_class(tmp_path / "class", broken=False)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["map", str(essays), "-o", str(out), "--engine", "dask"])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith('the Dask engine needs Dask: pip install "argmap[dask]"')
    assert not (out / "summary.jsonl.part").exists()  # nothing to resume
