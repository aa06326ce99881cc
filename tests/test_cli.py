"""The command line, run as a user would: python -m samtalsplan."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from samtalsplan import __version__
from samtalsplan.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "pyapp")}
    return subprocess.run(
        [sys.executable, "-m", "samtalsplan", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_version() -> None:
    assert run("--version").stdout.strip() == f"samtalsplan {__version__}"


def test_validate_a_good_plan() -> None:
    done = run("validate", str(FIXTURES / "valid" / "full.json"))
    assert (done.returncode, done.stdout) == (0, "")


def test_validate_lists_problems_and_exits_1() -> None:
    done = run(
        "--lang",
        "en",
        "validate",
        "-",
        stdin=(FIXTURES / "invalid" / "missing-names.json").read_text(),
    )
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == "-: talk.employee: Write the employee's name."


def test_an_unreadable_file_exits_2_with_a_message() -> None:
    done = run("validate", "-", stdin="not json")
    assert done.returncode == 2
    assert "går inte att läsa som JSON" in done.stderr


def test_render_markdown_to_stdout_and_json_to_a_file(tmp_path: Path) -> None:
    source = str(FIXTURES / "valid" / "full.json")
    assert run("render", source).stdout.startswith("# Medarbetarsamtal med Åsa Öberg")
    out = tmp_path / "plan.json"
    assert run("render", source, "--to", "json", "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8") == (FIXTURES / "valid" / "full.json").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("command", ["validate", "render"])
def test_every_subcommand_has_help(command: str) -> None:
    done = run(command, "--help")
    assert done.returncode == 0 and "FILE" in done.stdout


def test_every_subcommand_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for command in commands:
        assert f"python -m samtalsplan {command}" in readme, command
