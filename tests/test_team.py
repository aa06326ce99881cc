"""The team view: aggregation over many plans, and its CSV and Markdown."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from samtalsplan import (
    Conditions,
    Development,
    DevelopmentKind,
    FollowUp,
    Obstacle,
    Plan,
    Talk,
    parse,
)
from samtalsplan.team import quarter, render_team_csv, render_team_markdown, summarize

FULL = parse((Path(__file__).parent / "fixtures" / "valid" / "full.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("2027-03-15", "2027-Q1"),
        ("2027-11", "2027-Q4"),
        ("Januari–juni 2027", "2027-Q1"),
        ("hösten 2027", "2027-Q3"),
        ("Q2 2027", "2027-Q2"),
        ("kvartal 4 2027", "2027-Q4"),
        ("in May", "2026-Q2"),  # no year: the talk's
        ("när det finns tid", ""),
        ("", ""),
    ],
)
def test_quarter_from_free_text(when: str, expected: str) -> None:
    assert quarter(when, 2026) == expected


def plan(name: str, *, obstacles: tuple[str, ...] = (), kinds: tuple[DevelopmentKind, ...] = (), follow_up: str = "") -> Plan:
    return Plan(
        talk=Talk(employee=name, date="2026-12-01"),
        development=tuple(Development(kind=k, what=f"{k.value} för {name}", when="våren 2027") for k in kinds),
        conditions=Conditions(obstacles=tuple(Obstacle(obstacle=o) for o in obstacles)),
        follow_up=FollowUp(date=follow_up),
    )


def test_needs_by_kind_and_quarter_recurring_obstacles_and_follow_ups_due() -> None:
    team = [
        plan("Bo", obstacles=("För många möten.",), kinds=(DevelopmentKind.TRAINING,), follow_up="2027-02-20"),
        plan("Eva", obstacles=("för  många möten", "Gammal dator"), kinds=(DevelopmentKind.TRAINING, DevelopmentKind.MENTORING), follow_up="2027-03-15"),
        plan("Ali", follow_up="2027-06-01"),
    ]
    summary = summarize(team, today=date(2027, 3, 1))
    assert summary.by_kind == ((DevelopmentKind.TRAINING, 2), (DevelopmentKind.MENTORING, 1))
    assert summary.by_quarter == (("2027-Q1", 3),)
    assert [(o.text, o.employees) for o in summary.obstacles] == [
        ("För många möten.", ("Bo", "Eva")),
        ("Gammal dator", ("Eva",)),
    ]
    assert [(f.employee, f.date.isoformat(), f.overdue) for f in summary.follow_ups] == [
        ("Bo", "2027-02-20", True),
        ("Eva", "2027-03-15", False),
    ]
    markdown = render_team_markdown(summary, "en")
    assert "| Formal training | 2 |" in markdown
    assert "- 2027-02-20: Bo **overdue**" in markdown


def test_csv_cells_cannot_become_formulas() -> None:
    evil = replace(FULL, talk=replace(FULL.talk, employee="=HYPERLINK(\"http://x\")"))
    csv = render_team_csv(summarize([evil], date(2027, 1, 1)), "sv")
    assert csv.splitlines()[1].startswith("\"'=HYPERLINK(\"\"http://x\"\")\"")


def test_an_empty_team() -> None:
    assert "Inget angivet." in render_team_markdown(summarize([], date(2027, 1, 1)))
