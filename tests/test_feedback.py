"""What shows where: a hint about part of a list item waits until the person has
reached that part, and the summary names the item ("Mål 2: …")."""

from __future__ import annotations

from datetime import date

from samtalsplan import Goal, Plan, Talk
from samtalsplan.advice import advise
from samtalsplan.feedback import feedback, visible_paths

PLAN = Plan(
    talk=Talk(employee="Åsa", manager="Karin", date="2026-12-03"),
    goals=(Goal(title="Korta svarstiderna"), Goal(title="Leda möten", steps=("",))),
)


def test_a_goals_steps_wait_until_the_person_reaches_them() -> None:
    leaving_the_title = visible_paths(PLAN, ["goals[1].title"], reveal=False)
    assert leaving_the_title is not None and "goals[1].steps" not in leaving_the_title
    at_the_steps = visible_paths(PLAN, ["goals[1].title", "goals[1].steps[0]"], reveal=False)
    assert at_the_steps is not None and "goals[1].steps" in at_the_steps
    past_them = visible_paths(PLAN, ["goals[1].measure"], reveal=False)
    assert past_them is not None and {"goals[1].steps", "goals[1].organisation_link"} <= past_them
    assert "goals[0].steps" not in past_them, "another goal is not reached by this one"


def test_the_field_shows_only_its_hints_and_the_summary_names_the_item() -> None:
    hints = advise(PLAN, "sv", today=date(2026, 12, 1))
    view = feedback(PLAN, [], hints, "sv", touched=["goals[1].title"])
    assert [f["path"] for f in view["fields"]] == [], "the title itself has no hint"
    texts = [a["text"] for a in view["advice"]]
    assert "Att tänka på: Mål 2: Dela upp målet i steg, så att det går att börja direkt." in texts
    assert "Tips: Mål 2: Koppla målet till ett av organisationens mål, så att det syns vad det bidrar till." in texts
