"""Next year's talk from this year's plan: a look back, and what was not finished
carried over as proposals, whole; last year's plan itself untouched."""

from __future__ import annotations

from pathlib import Path

from samtalsplan import GoalProgress, Plan, Status, parse, serialize
from samtalsplan.agreement import AgreementStatus, status
from samtalsplan.fields import texts
from samtalsplan.next_year import start_next_plan

LAST_YEAR_TEXT = (Path(__file__).parent / "fixtures" / "documents" / "full.json").read_text(encoding="utf-8")
LAST_YEAR = parse(LAST_YEAR_TEXT)


def test_finished_lines_are_looked_back_on_and_unfinished_ones_carried_over() -> None:
    # At the last check-in: goal 1 reached, goal 2 on track; both actions done.
    started = start_next_plan(LAST_YEAR)
    assert [g.title for g in started.plan.goals] == ["Leda teamets veckomöten"]
    assert started.plan.actions == ()
    assert started.goals == (0,) and started.actions == ()
    look_back = started.plan.look_back
    assert [(g.goal, g.status) for g in look_back.goals] == [
        ("Korta svarstiderna i kundtjänsten", GoalProgress.REACHED),
        ("Leda teamets veckomöten", GoalProgress.ON_TRACK),
    ]
    assert [(a.action, a.status, a.note) for a in look_back.actions] == [
        ("Boka första mötet med mentorn", Status.DONE, "Första mötet var 12 januari."),
        ("Ordna behörighet till rapporterna", Status.DONE, "Klart i april."),
    ]


def test_without_check_ins_everything_is_unfinished_and_no_text_is_dropped() -> None:
    plan = Plan(talk=LAST_YEAR.talk, goals=LAST_YEAR.goals, actions=LAST_YEAR.actions)
    started = start_next_plan(plan)
    assert started.plan.goals == plan.goals, "whole: link, why, steps and measure too"
    assert started.plan.actions == plan.actions, "owner and due date too"
    assert started.goals == (0, 1) and started.actions == (0, 1)
    carried = {text for _, text in texts(started.plan)}
    assert {text for path, text in texts(plan) if path.startswith(("goals", "actions"))} <= carried


def test_a_new_talk_keeps_the_names_and_starts_without_date_agreement_or_check_ins() -> None:
    plan = start_next_plan(LAST_YEAR).plan
    assert (plan.talk.employee, plan.talk.manager, plan.talk.unit, plan.talk.date) == (
        "Åsa Öberg", "Karin Lund", "Kundtjänst, teamledare", ""
    )
    assert plan.agreement.fingerprint == "" and plan.check_ins == ()
    assert plan.development == () and plan.summary == "" and plan.follow_up.date == ""


def test_last_years_plan_is_only_read() -> None:
    assert status(LAST_YEAR) is AgreementStatus.AGREED
    start_next_plan(LAST_YEAR)
    assert serialize(LAST_YEAR) == LAST_YEAR_TEXT
    assert status(LAST_YEAR) is AgreementStatus.AGREED
