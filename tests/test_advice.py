"""Every advice rule, driven by fixture files: a plan, and beside it the context
(today, language, settings) and exactly the hints expected."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from samtalsplan import Plan, parse
from samtalsplan.advice import RULES, Severity, advise, sensitive_words
from samtalsplan.i18n import LANGUAGES, catalogue
from samtalsplan.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "advice"
CASES = sorted(p for p in FIXTURES.glob("*.json") if not p.name.endswith(".expected.json"))


def expected_of(case: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(case.with_suffix(".expected.json").read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_fixture_gives_exactly_the_expected_hints(case: Path) -> None:
    expected = expected_of(case)
    hints = advise(
        parse(case.read_text(encoding="utf-8")),
        str(expected["lang"]),
        Settings.from_dict(expected.get("settings")),
        date.fromisoformat(str(expected["today"])),
    )
    assert [{"id": h.id, "severity": h.severity.value, "path": h.path, "message": h.message} for h in hints] == expected["hints"]


def test_every_rule_has_a_fixture_and_messages_in_both_languages() -> None:
    covered = {hint["id"] for case in CASES for hint in expected_of(case)["hints"]}  # type: ignore[attr-defined]
    assert covered == set(RULES)
    for lang in LANGUAGES:
        assert {f"advice.{rule}" for rule in RULES} <= set(catalogue(lang)), lang


def test_the_goal_limit_defaults_to_five() -> None:
    plan = parse((FIXTURES / "good-plan.json").read_text(encoding="utf-8"))
    goals = plan.goals[:1] * 6
    five = [h.id for h in advise(Plan(talk=plan.talk, goals=goals[:5]), today=date(2026, 12, 1))]
    six = [h.id for h in advise(Plan(talk=plan.talk, goals=goals), today=date(2026, 12, 1))]
    assert "goals.too_many" not in five and "goals.too_many" in six


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Hon är sjukskriven sedan mars", ["sjukskriven"]),
        ("Diagnosen kom i våras; diagnosen är ADHD.", ["diagnosen", "adhd"]),
        ("He is a trade  union rep", ["trade union"]),
        ("Leder gudstjänst i kyrkan", ["kyrkan"]),
        ("Burnout last year", ["burnout"]),
        ("Vill addera en kurs i Excel och läsa om facklitteratur", []),
        ("Jobba med kundtjänstens rutiner", []),
    ],
)
def test_special_category_words_match_whole_words_in_both_languages(text: str, words: list[str]) -> None:
    assert sensitive_words(text) == words


def test_only_special_categories_are_errors() -> None:
    assert [rule for rule, severity in RULES.items() if severity is Severity.ERROR] == ["special_category"]


@pytest.mark.parametrize(
    ("title", "vague"),
    [
        ("Bli bättre", True),
        ("bli bättre på mitt jobb", True),
        ("Utvecklas i min roll", True),
        ("Get better at my job", True),
        ("Bli bättre på att planera veckan", False),
        ("Korta svarstiderna i kundtjänsten", False),
        ("Excel", False),
        ("  ", False),
    ],
)
def test_a_vague_goal_is_one_made_only_of_words_that_say_get_better(title: str, vague: bool) -> None:
    from samtalsplan.advice import is_vague

    assert is_vague(title) is vague


def test_a_missing_link_to_the_organisations_goals_is_a_tip_and_warnings_read_gently() -> None:
    assert RULES["goal.no_organisation_link"] is Severity.TIP
    assert catalogue("sv")["advice.severity.warning"] == "Att tänka på"
    assert catalogue("en")["advice.severity.warning"] == "Consider"
