"""Hostile input (issue 18): no file may hang argmap, blow up its memory or end in a traceback.

The files come from `tests/hostile.py` (generated, not stored); `benchmarks/hostile.py` times
the same files and measures their memory. Here each is mapped in this process and must give a
map or one line naming it, and every regular expression argmap runs on essay text is fuzzed
with 100 KB inputs the way its module uses it.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import argmap
from argmap.app.batch import Task, map_one
from argmap.readers import check_words, read_bytes
from argmap.writers import Format
from tests.hostile import files

# --- regular expressions ----------------------------------------------------------------------

_METHODS = ("match", "fullmatch", "search", "finditer", "findall", "split", "sub", "subn")


def _patterns() -> list[tuple[str, re.Pattern[str] | re.Pattern[bytes], tuple[str, ...]]]:
    """Every compiled pattern at the top level of an argmap module, with the methods its module
    calls on it (found in the source; `search` when none is named there)."""
    found: dict[int, tuple[str, re.Pattern[str] | re.Pattern[bytes], set[str]]] = {}
    for info in pkgutil.walk_packages(argmap.__path__, "argmap."):
        module = importlib.import_module(info.name)
        source = inspect.getsource(module)
        for name, value in vars(module).items():
            if not isinstance(value, re.Pattern):
                continue
            calls = re.findall(rf"\b{re.escape(name)}\.({'|'.join(_METHODS)})\(", source)
            entry = found.setdefault(id(value), (f"{info.name}.{name}", value, set()))
            entry[2].update(calls)
    return sorted((name, p, tuple(sorted(m or {"search"}))) for name, p, m in found.values())


PATTERNS = _patterns()


def _alphabet(pattern: re.Pattern[str] | re.Pattern[bytes]) -> str:
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode()
    return "".join(sorted({c for c in source if c.isprintable()} | set(" \t\n<>-#.a1A")))


def test_every_pattern_is_found() -> None:
    names = [name for name, _, _ in PATTERNS]
    assert len(names) > 40
    assert "argmap.readers.sniff._HTML_TAG_RE" in names
    assert "argmap.text.clean._CRUMB_SPLIT_RE" in names


@pytest.mark.parametrize(
    ("name", "pattern", "methods"), PATTERNS, ids=[name for name, _, _ in PATTERNS]
)
def test_pattern_is_linear_on_100_kb(
    name: str, pattern: re.Pattern[str] | re.Pattern[bytes], methods: tuple[str, ...]
) -> None:
    """A short string pumped to 100 KB (the shape that makes a backtracking regex slow) runs
    through each method in far less than a second; a quadratic pattern takes minutes."""

    @settings(
        max_examples=12,
        derandomize=True,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(
        st.text(alphabet=_alphabet(pattern), min_size=1, max_size=3),
        st.text(alphabet=_alphabet(pattern), max_size=3),
    )
    def pumped(unit: str, tail: str) -> None:
        text = unit * (100_000 // len(unit)) + tail
        subject = text if isinstance(pattern.pattern, str) else text.encode("utf-8")
        for method in methods:
            start = time.perf_counter()
            if method in ("finditer", "findall"):
                for _ in pattern.finditer(subject):  # type: ignore[arg-type]
                    pass
            elif method in ("sub", "subn"):
                pattern.sub(subject[:0], subject)  # type: ignore[arg-type]
            else:
                getattr(pattern, method)(subject)
            elapsed = time.perf_counter() - start
            assert elapsed < 1.5, f"{name}.{method} took {elapsed:.1f} s on {unit!r} * 100 KB"

    pumped()


# --- hostile files ----------------------------------------------------------------------------

# The "limit-" files are long ordinary essays just under the word limit: mapped in
# benchmarks/hostile.py (7-8 s each), not here.
FILES = {name: data for name, data in files().items() if not name.startswith("limit-")}
# What the one line says for files that are refused (the rest must be mapped).
REFUSED = {
    "arrow-run.md": "too long to map (30,044 words",
    "comment-no-end.md": "punctuation marks",
    "control-chars.txt": "looks like a binary file",
    "docx-bomb.docx": "unpacks to more than 20 MB of XML",
    "docx-deep.docx": "nests elements more than 200 deep",
    "docx-elements.docx": "more than 1,000,000 XML elements",
    "docx-many-lists.docx": "too long to map",
    "hash-run.md": "punctuation marks",
    "long-document.txt": "too long to map",
    "long-line.txt": "too long to map",
    "long-prose.txt": "too long to map",
    "many-a.html": "punctuation marks",
    "many-bullets.md": "too long to map",
    "many-headings.md": "too long to map",
    "many-pages.pdf": "the PDF has 95,000 pages",
    "nested-quotes.md": "punctuation marks",
    "one-word-lines.txt": "too long to map (50,001 words",
}


def test_every_refusal_names_a_hostile_file() -> None:
    assert set(REFUSED) < set(FILES)


@pytest.mark.parametrize("name", sorted(FILES))
def test_hostile_file_gives_a_map_or_one_line(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(FILES[name])
    outcome = map_one(Task(0, str(path), ((Format.JSON, tmp_path / "out.json"),)))
    if name in REFUSED:
        assert outcome.error is not None, name
        assert outcome.error.startswith(f"{path}: ")
        assert REFUSED[name] in outcome.error
        assert "\n" not in outcome.error and "internal error" not in outcome.error
        assert not (tmp_path / "out.json").exists()
    else:
        assert outcome.error is None, outcome.error
        assert outcome.components > 0


def test_word_limit_can_be_raised_or_lifted() -> None:
    raw = read_bytes(b"Phones distract. " * 30, "e.txt")
    with pytest.raises(argmap.model.InputError, match="60 words; the limit is 50"):
        check_words(raw, 50)
    check_words(raw, 60)
    check_words(raw, 0)
    check_words(raw, None)


def test_time_limit_stops_an_essay_with_one_line(tmp_path: Path) -> None:
    essay = tmp_path / "e.txt"
    essay.write_text("Phones distract students. A 2019 survey found lower marks.\n" * 200)
    out = tmp_path / "e.json"
    outcome = map_one(Task(0, str(essay), ((Format.JSON, out),), time_limit=0.001))
    assert outcome.error == (
        f"{essay}: took more than 0.001 s to map (--time-limit sets the limit)"
    )
    assert not out.exists()
    assert map_one(Task(0, str(essay), ((Format.JSON, out),), time_limit=0)).error is None


def test_time_limit_holds_in_worker_processes(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from argmap.app.cli import app

    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Phones distract students. A survey found it.\n" * 300)
    result = CliRunner().invoke(
        app, ["map", str(tmp_path), "-o", str(tmp_path / "out"), "-j", "2", "--time-limit", "0.01"]
    )
    assert result.exit_code == 1
    # Workers report in the order they finish: compare the lines in name order.
    lines = sorted(line for line in result.stderr.splitlines() if "took more than" in line)
    assert lines == [
        f"argmap: error: {tmp_path / n}: took more than 0.01 s to map (--time-limit sets the limit)"
        for n in ("a.txt", "b.txt")
    ]
