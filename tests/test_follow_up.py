"""Follow-ups that build on each other: a check-in starts from the last one, and
the progress of every goal and action over time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from samtalsplan import ActionStatus, CheckIn, GoalProgress, GoalStatus, Status, parse
from samtalsplan.follow_up import details, history, record_check_in, start_check_in

FIXTURES = Path(__file__).parent / "fixtures"
FULL = parse((FIXTURES / "valid" / "full.json").read_text(encoding="utf-8"))
TRACKED = parse((FIXTURES / "documents" / "full.json").read_text(encoding="utf-8"))


def test_the_first_check_in_lists_every_goal_and_action_with_nothing_recorded() -> None:
    check_in = start_check_in(FULL, date(2027, 3, 10))
    assert check_in.date == "2027-03-10"
    assert check_in.next_date == "2027-06-10", "the organisation's usual three months"
    assert check_in.goals == (
        GoalStatus(goal="Korta svarstiderna i kundtjänsten"),
        GoalStatus(goal="Leda teamets veckomöten"),
    )
    assert [s.action for s in check_in.statuses] == ["Boka första mötet med mentorn", "Ordna behörighet till rapporterna"]
    assert all(s.status is None and s.note == "" for s in check_in.statuses)


def test_a_new_check_in_starts_from_the_last_status_and_note_of_each_line() -> None:
    first = CheckIn(
        date="2027-03-10",
        goals=(GoalStatus(goal="Leda teamets veckomöten", status=GoalProgress.CHANGED, note="Varannan vecka."),),
        statuses=(
            ActionStatus(action="Boka första mötet med mentorn", status=Status.DONE, note="12 januari."),
            ActionStatus(action="Ordna behörighet till rapporterna", status=Status.ONGOING, note="Väntar på IT."),
        ),
    )
    second = CheckIn(
        date="2027-06-09",
        statuses=(ActionStatus(action="Ordna behörighet till rapporterna", status=Status.DONE, note=""),),
    )
    plan = record_check_in(record_check_in(FULL, first), second)
    third = start_check_in(plan, date(2027, 9, 1))
    assert third.goals == (
        GoalStatus(goal="Korta svarstiderna i kundtjänsten"),
        GoalStatus(goal="Leda teamets veckomöten", status=GoalProgress.CHANGED, note="Varannan vecka."),
    )
    assert third.statuses == (
        ActionStatus(action="Boka första mötet med mentorn", status=Status.DONE, note="12 januari."),
        ActionStatus(action="Ordna behörighet till rapporterna", status=Status.DONE, note=""),
    ), "the line of the last check-in that recorded it, its note as it was then"


def test_owner_and_due_date_show_beside_each_action_as_text_from_the_plan() -> None:
    check_in = start_check_in(FULL, date(2027, 3, 10))
    assert details(FULL, check_in, "sv") == [
        {"path": "check_in.goals[0]", "text": "Så vet ni att målet är nått: Mediantiden för svar är under två dagar i juni."},
        {"path": "check_in.goals[1]", "text": "Så vet ni att målet är nått: Teamet tycker att mötena är bra (enkät i maj)."},
        {"path": "check_in.statuses[0]", "text": "Ansvarig: Medarbetaren · Senast: 2027-01-15"},
        {"path": "check_in.statuses[1]", "text": "Ansvarig: Chefen · Senast: 2026-12-20"},
    ]
    no_owner = replace(FULL, actions=(replace(FULL.actions[0], owner=None, due=""),))
    assert details(no_owner, start_check_in(no_owner, date(2027, 3, 10)), "en")[-1] == {
        "path": "check_in.statuses[0]",
        "text": "Owner: – · Due: –",
    }


def test_history_has_a_row_per_goal_and_action_and_a_column_per_check_in() -> None:
    found = history(TRACKED)
    assert found.dates == ("2027-03-10", "2027-06-09")
    assert [row.what for row in found.goals] == ["Korta svarstiderna i kundtjänsten", "Leda teamets veckomöten"]
    assert found.goals[0].cells == (
        (GoalProgress.ON_TRACK, "Kartläggningen är klar."),
        (GoalProgress.REACHED, "Mediantiden är 1,5 dagar."),
    )
    assert found.actions[1].cells == ((Status.ONGOING, "Väntar på IT."), (Status.DONE, "Klart i april."))


def test_history_keeps_a_line_the_plan_no_longer_has_and_marks_what_a_check_in_left_out() -> None:
    renamed = replace(TRACKED, actions=(replace(TRACKED.actions[0], what="Boka mentorn"), TRACKED.actions[1]))
    plan = record_check_in(renamed, CheckIn(date="2027-09-01", statuses=(ActionStatus(action="Boka mentorn", status=Status.DONE),)))
    rows = {row.what: row.cells for row in history(plan).actions}
    assert rows["Boka mentorn"] == (None, None, (Status.DONE, ""))
    assert rows["Boka första mötet med mentorn"][2] is None
