"""Shared fixtures: the repository root, and the --update-golden flag for golden maps.

The builders of maps, components and relations the tests share are plain functions in
`tests/factories.py`: `from tests.factories import make_map` (a conftest cannot be imported
under `--import-mode=importlib`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/*.json from the current pipeline (review the diff!)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test from the repository root, so essay paths read as `essays/<name>`."""
    monkeypatch.chdir(ROOT)
    return ROOT
