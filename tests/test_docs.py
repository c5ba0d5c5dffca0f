"""The README is tested: its commands are the ones CI runs, and every command is documented."""

from __future__ import annotations

import re
from pathlib import Path

from typer.main import get_command

from argmap.app.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def bash_blocks() -> list[str]:
    return [b.strip() for b in re.findall(r"```bash\n(.*?)```", README, re.DOTALL)]


VENV = "python3 -m venv --without-pip .venv && python3 -m pip --python .venv/bin/python install"


def test_readme_starts_with_setup_and_test_commands() -> None:
    """Both commands set up a virtual environment first: a system Python refuses `pip install`
    outside one (PEP 668), and each command is pasted into a new shell."""
    setup, tests = bash_blocks()[:2]
    assert setup.startswith(VENV + ' -e ".[dev]" && .venv/bin/argmap map essays/')
    essay = setup.split("argmap map ", 1)[1]
    assert (ROOT / essay).is_file()
    assert tests == VENV + ' -q -e ".[dev]" && .venv/bin/python -m pytest'


def test_ci_runs_the_readme_commands() -> None:
    """CI sets up with the README's first command and ends with its test command, both as
    written."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lines = [line for line in ci.splitlines() if line.strip() and not line.startswith("#")]
    assert lines[-1] == bash_blocks()[1]
    assert bash_blocks()[0] in lines


def test_every_command_is_in_the_readme() -> None:
    group = get_command(app)
    commands = getattr(group, "commands", {})
    assert commands
    for name in commands:
        assert f"argmap {name}" in README, name
