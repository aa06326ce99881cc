"""Follow-up: record a check-in on a saved plan, keeping the history of check-ins.

A new check-in starts from the last one: every goal and action of the plan,
each with its status and note from the last check-in that recorded it, so only
what changed needs typing; its next date is proposed from the organisation's
usual interval. A goal is known by its title and an action by its text (what
the check-in records of it); its owner and due date stay in the plan, where
they are changed, and ``details`` shows them beside the action. Recording
appends the check-in to the plan's check-ins. ``history`` is the progress of
every goal and action over time, for the documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from .dates import add_months
from .i18n import translate
from .model import (
    ActionStatus,
    CheckIn,
    GoalProgress,
    GoalStatus,
    Plan,
    Status,
)
from .settings import Settings


def _key(text: str) -> str:
    return text.strip()


def last_lines(plan: Plan) -> tuple[dict[str, GoalStatus], dict[str, ActionStatus]]:
    """Each goal's and action's line at the last check-in that recorded it."""
    goals: dict[str, GoalStatus] = {}
    actions: dict[str, ActionStatus] = {}
    for check_in in plan.check_ins:
        for goal in check_in.goals:
            goals[_key(goal.goal)] = goal
        for action in check_in.statuses:
            actions[_key(action.action)] = action
    return goals, actions


def current_lines(plan: Plan) -> tuple[tuple[GoalStatus, ...], tuple[ActionStatus, ...]]:
    """A line for every goal and action of the plan, with the status and note of
    its last check-in (none yet: empty)."""
    goals, actions = last_lines(plan)
    goal_lines = tuple(
        replace(goals.get(_key(g.title), GoalStatus()), goal=_key(g.title))
        for g in plan.goals
        if g.title.strip()
    )
    action_lines = tuple(
        replace(actions.get(_key(a.what), ActionStatus()), action=_key(a.what))
        for a in plan.actions
        if a.what.strip()
    )
    return goal_lines, action_lines


def start_check_in(plan: Plan, today: date, settings: Settings | None = None) -> CheckIn:
    """A check-in for today that starts from the last one."""
    settings = settings or Settings()
    goals, statuses = current_lines(plan)
    next_date = add_months(today, settings.follow_up_months).isoformat()
    return CheckIn(date=today.isoformat(), goals=goals, statuses=statuses, next_date=next_date)


def record_check_in(plan: Plan, check_in: CheckIn) -> Plan:
    """The plan with ``check_in`` added last to its history."""
    return replace(plan, check_ins=(*plan.check_ins, check_in))


def details(
    plan: Plan, check_in: CheckIn, lang: str, path: str = "check_in"
) -> list[dict[str, str]]:
    """What shows beside each line of ``check_in`` (at ``path`` in the page's form),
    from the plan: an action's owner and due date, a goal's measure."""
    found = []
    goals = {_key(g.title): g for g in plan.goals}
    actions = {_key(a.what): a for a in plan.actions}
    for i, line in enumerate(check_in.goals):
        goal = goals.get(_key(line.goal))
        if goal and goal.measure.strip():
            text = translate("follow_up.goal_details", lang, measure=" ".join(goal.measure.split()))
            found.append({"path": f"{path}.goals[{i}]", "text": text})
    for i, status in enumerate(check_in.statuses):
        action = actions.get(_key(status.action))
        if action is None:
            continue
        owner = translate(
            f"choice.Owner.{action.owner.value}" if action.owner else "md.not_set", lang
        )
        due = action.due.strip() or translate("md.not_set", lang)
        text = translate("follow_up.action_details", lang, owner=owner, due=due)
        found.append({"path": f"{path}.statuses[{i}]", "text": text})
    return found


@dataclass(frozen=True, slots=True)
class Progress:
    date: str
    done: int
    ongoing: int
    total: int


def progress(plan: Plan) -> list[Progress]:
    """Each recorded check-in: how many actions were done and ongoing."""
    return [
        Progress(
            c.date,
            sum(s.status is Status.DONE for s in c.statuses),
            sum(s.status is Status.ONGOING for s in c.statuses),
            len([s for s in c.statuses if not s.is_blank()]),
        )
        for c in plan.check_ins
    ]


# Progress over time ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    """One goal or action over the check-ins: its text, and at each check-in its
    status and note (``None``: that check-in did not record it)."""

    what: str
    cells: tuple[tuple[GoalProgress | Status | None, str] | None, ...]


@dataclass(frozen=True, slots=True)
class History:
    """The check-ins as columns (their dates), the goals and the actions as rows."""

    dates: tuple[str, ...]
    goals: tuple[Row, ...]
    actions: tuple[Row, ...]


def history(plan: Plan) -> History:
    """Every goal and action of the plan (and any a check-in recorded that the plan
    no longer has) with its status and note at each check-in, oldest first."""
    check_ins = [c for c in plan.check_ins if not c.is_blank()]

    def rows(
        names: Iterable[str], lines: list[dict[str, GoalStatus] | dict[str, ActionStatus]]
    ) -> tuple[Row, ...]:
        order = list(dict.fromkeys([*names, *(name for found in lines for name in found)]))
        return tuple(
            Row(name, tuple(_cell(found.get(name)) for found in lines))
            for name in order
            if name and any(name in found for found in lines)
        )

    goal_lines: list[dict[str, GoalStatus] | dict[str, ActionStatus]] = [
        {_key(g.goal): g for g in c.goals if not g.is_blank()} for c in check_ins
    ]
    action_lines: list[dict[str, GoalStatus] | dict[str, ActionStatus]] = [
        {_key(s.action): s for s in c.statuses if not s.is_blank()} for c in check_ins
    ]
    return History(
        tuple(c.date for c in check_ins),
        rows((_key(g.title) for g in plan.goals), goal_lines),
        rows((_key(a.what) for a in plan.actions), action_lines),
    )


def _cell(
    line: GoalStatus | ActionStatus | None,
) -> tuple[GoalProgress | Status | None, str] | None:
    return None if line is None else (line.status, line.note)
