"""Golden maps: every sample essay maps to the reviewed JSON in tests/golden/.

After a deliberate change, regenerate with `python3 -m pytest tests/test_golden.py --update-golden`
and review the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.pipeline import parse_essay
from argmap.validate import validate
from argmap.writers import Format, export

ROOT = Path(__file__).resolve().parent.parent
ESSAYS = sorted(p.name for p in (ROOT / "essays").iterdir() if p.is_file())


@pytest.mark.parametrize("name", ESSAYS)
def test_essay_matches_golden(name: str, in_root: Path, update_golden: bool) -> None:
    m = parse_essay(Path("essays") / name)
    golden = ROOT / "tests" / "golden" / f"{Path(name).stem}.json"
    if update_golden:
        golden.write_text(m.to_json(), encoding="utf-8")
    assert golden.exists(), f"no golden map for {name}: run pytest --update-golden and review it"
    assert m.to_json() == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ESSAYS)
def test_essay_map_is_valid_and_deterministic(name: str, in_root: Path) -> None:
    first, second = (parse_essay(Path("essays") / name) for _ in range(2))
    assert validate(json.loads(first.to_json())) == []
    assert first.to_json() == second.to_json()
    assert export(first, Format.HTML) == export(second, Format.HTML)
    assert all(first.text[c.start : c.end] == c.text for c in first.components)


def test_webpage_sample_loses_its_boilerplate_and_keeps_its_numbers(in_root: Path) -> None:
    m = parse_essay(Path("essays/webpage-copy-grain-crisis.txt"))
    texts = [c.text for c in m.components]
    junk = (
        "Skip to content",
        "Home | About",
        "Home > History",
        "Related articles",
        "Share this",
        "Copyright",
        "All rights reserved",
        "Bookmark this site",
        "No comments yet",
        "Leave a reply",
        "Privacy Policy",
        "3 of 7",
        "Posted on",
        "Tags:",
        "Read more",
    )
    for j in junk:
        assert not any(j in t for t in texts), j
    assert any("250.4 per cent" in t for t in texts)
    assert any("23.6%" in t for t in texts)
    assert any("don\u2019t" in t for t in texts) and not any("\u00e2\u20ac" in t for t in texts)
    assert "хлеб — всему голова" in m.text
    assert m.title == "The 2007-08 Food Price Crisis" or "Food Price Crisis" in m.title
