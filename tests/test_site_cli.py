"""The build's command line (python -m samtalsplan_site): every step has help
and is in the README."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from samtalsplan_site.__main__ import _parser

from tests.conftest import ROOT

COMMANDS = ("assets", "stamp", "dist", "serve")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "samtalsplan_site", *args], capture_output=True, text=True, check=False
    )


def test_the_commands_are_these() -> None:
    assert tuple(_parser()._subparsers._group_actions[0].choices) == COMMANDS  # type: ignore[union-attr]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    done = _run(command, "--help")
    assert done.returncode == 0 and "SITE_DIR" in done.stdout


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"python -m samtalsplan_site {command}" in readme, command


def test_a_wrong_command_line_exits_2_and_a_failed_step_1(tmp_path: Path) -> None:
    assert _run("publish").returncode == 2
    done = _run("stamp", str(tmp_path))
    assert done.returncode == 1
    assert done.stderr.startswith("samtalsplan_site stamp: ") and "sw.js is missing" in done.stderr
    assert "Traceback" not in done.stderr
