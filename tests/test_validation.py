"""Every validation rule, driven by fixture files with the expected problems beside them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samtalsplan import Plan, Talk, parse, validate
from samtalsplan.validation import parse_date

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(
    p for p in [*FIXTURES.glob("valid/*.json"), *FIXTURES.glob("invalid/*.json")]
    if not p.name.endswith(".expected.json")
)


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture_gives_exactly_the_expected_problems(case: Path) -> None:
    expected = json.loads(case.with_suffix(".expected.json").read_text(encoding="utf-8"))
    problems = validate(parse(case.read_text(encoding="utf-8")), "sv")
    assert [{"path": p.path, "key": p.key, "message": p.message} for p in problems] == expected
    assert (case.parent.name == "valid") == (not expected)


def test_messages_follow_the_language() -> None:
    (problem, *_) = validate(Plan(), "en")
    assert problem.message == "Write the employee's name."


def test_an_unknown_language_falls_back_to_swedish() -> None:
    (problem, *_) = validate(Plan(), "fi")
    assert problem.message == "Skriv medarbetarens namn."


def test_follow_up_on_the_day_of_the_talk_is_too_soon() -> None:
    plan = parse((FIXTURES / "valid" / "full.json").read_text(encoding="utf-8"))
    same_day = Plan(talk=plan.talk, follow_up=type(plan.follow_up)(date=plan.talk.date))
    assert [p.key for p in validate(same_day)] == ["problem.follow_up_not_after_talk"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-03-15", (2027, 3, 15)),
        (" 2028-02-29 ", (2028, 2, 29)),
        ("2027-02-29", None),
        ("2027-3-15", None),
        ("20270315", None),
        ("2027-03-15T10:00", None),
        ("", None),
    ],
)
def test_parse_date_accepts_only_real_iso_dates(
    text: str, expected: tuple[int, int, int] | None
) -> None:
    parsed = parse_date(text)
    assert (parsed.timetuple()[:3] if parsed else None) == expected


def test_a_plan_with_only_names_and_date_is_valid() -> None:
    assert validate(Plan(talk=Talk(employee="A", manager="B", date="2026-12-01"))) == []
