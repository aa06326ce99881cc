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
    assert run("render", source, "--to", "html").stdout.startswith('<!DOCTYPE html>\n<html lang="sv">')
    out = tmp_path / "plan.json"
    assert run("render", source, "--to", "json", "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8") == (FIXTURES / "valid" / "full.json").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("command", ["validate", "render", "ics", "summary"])
def test_every_subcommand_has_help(command: str) -> None:
    done = run(command, "--help")
    assert done.returncode == 0 and "FILE" in done.stdout


def test_every_subcommand_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for command in commands:
        assert f"python -m samtalsplan {command}" in readme, command


V1 = FIXTURES / "versions" / "v1.json"
CHECK_INS = FIXTURES / "versions" / "v2-check-ins.json"


def test_validate_with_advice_and_settings(tmp_path: Path) -> None:
    settings = tmp_path / "settings.json"
    settings.write_text('{"max_goals": 1, "organisation_goals": []}', encoding="utf-8")
    done = run("--lang", "en", "--settings", str(settings), "--today", "2026-12-01", "validate", "--advice", str(V1))
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        (
            f"{V1}: goals: warning: The plan has 2 goals, more than the organisation's limit of 1. "
            "Prioritise: keep the most important and save the rest for next year. [goals.too_many]"
        )
    ]


def test_bad_settings_exit_2_naming_the_setting(tmp_path: Path) -> None:
    settings = tmp_path / "settings.json"
    settings.write_text('{"max_goals": 0}', encoding="utf-8")
    done = run("--settings", str(settings), "validate", "--advice", str(V1))
    assert done.returncode == 2
    assert "max_goals" in done.stderr


def test_ics_to_stdout_is_a_calendar() -> None:
    import icalendar

    done = run("ics", "-", stdin=CHECK_INS.read_text(encoding="utf-8"))
    assert done.returncode == 0
    (event,) = icalendar.Calendar.from_ical(done.stdout).walk("VEVENT")
    assert event.decoded("DTSTART").isoformat() == "2027-06-09", "the next check-in's date"


def test_ics_without_a_date_exits_1() -> None:
    done = run("--lang", "en", "ics", "-", stdin='{"format": "samtalsplan", "version": 2}')
    assert done.returncode == 1
    assert done.stdout == "-: follow_up.date: The plan has no follow-up date. Write a date under Follow-up first.\n"


def test_summary_over_many_files_as_markdown_and_csv(tmp_path: Path) -> None:
    files = [str(FIXTURES / "valid" / "full.json"), str(V1), str(CHECK_INS)]
    md = run("--today", "2027-03-01", "summary", *files)
    assert md.returncode == 0
    assert md.stdout.startswith("# Teamets planer\n\nSammanställt från 3 planer.\n")
    assert "| Mentorskap | 3 |" in md.stdout
    assert "- Ärendesystemet saknar rapporter om svarstider (3 st: Åsa Öberg, Åsa Öberg, Åsa Öberg)" in md.stdout
    out = tmp_path / "team.csv"
    assert run("--lang", "en", "summary", *files, "--to", "csv", "-o", str(out)).returncode == 0
    rows = out.read_bytes().split(b"\r\n")
    assert rows[0] == b"\xef\xbb\xbfEmployee;Unit or role;Date of the talk;Kind of development;What;When;Quarter;File"
    assert len([r for r in rows if r]) == 4
    assert rows[1].endswith(b";2027-Q1\xe2\x80\x93Q2;full.json")


def test_summary_names_the_file_it_cannot_read(tmp_path: Path) -> None:
    bad = tmp_path / "semester.json"
    bad.write_text('{"dagar": 25}', encoding="utf-8")
    done = run("summary", str(V1), str(bad))
    assert done.returncode == 2
    assert done.stderr.startswith(f"samtalsplan: {bad}: Filen är JSON men ingen fil från Samtalsplan.")


def test_a_wrong_command_line_exits_64() -> None:
    assert run("render", str(V1), "--to", "pdf").returncode == 64
    assert run("--today", "tomorrow", "validate", str(V1)).returncode == 64
