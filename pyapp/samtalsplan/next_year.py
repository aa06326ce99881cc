"""Next year's talk from this year's plan.

A new plan starts from last year's: the same employee, manager and unit, no
date yet, and a look back on last year's plan (each goal and action with its
status and note from its last check-in, for the two to update in the talk).
The goals and actions that were not finished (not reached, not done, not
dropped) come along as proposals, whole and as they were written: nothing is
added that the two do not see marked, and no text is dropped. Last year's plan
itself is only read: its file and its fingerprint stay as they are, and the
new plan has neither a fingerprint nor check-ins of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from .follow_up import current_lines, last_lines
from .model import ActionStatus, GoalProgress, GoalStatus, LookBack, Plan, Status, Talk

# What counts as finished: these lines are looked back on, not carried over.
FINISHED_GOALS = frozenset({GoalProgress.REACHED, GoalProgress.DROPPED})
FINISHED_ACTIONS = frozenset({Status.DONE, Status.DROPPED})


@dataclass(frozen=True, slots=True)
class Started:
    plan: Plan
    goals: tuple[int, ...]  # indices of the goals carried over (proposals)
    actions: tuple[int, ...]


def start_next_plan(last: Plan) -> Started:
    """A new plan from ``last``, last year's plan."""
    goal_lines, action_lines = current_lines(last)
    goals, actions = last_lines(last)

    def goal_done(line: GoalStatus | None) -> bool:
        return line is not None and line.status in FINISHED_GOALS

    def action_done(line: ActionStatus | None) -> bool:
        return line is not None and line.status in FINISHED_ACTIONS

    carried_goals = tuple(
        g for g in last.goals if not g.is_blank() and not goal_done(goals.get(g.title.strip()))
    )
    carried_actions = tuple(
        a for a in last.actions if not a.is_blank() and not action_done(actions.get(a.what.strip()))
    )
    talk = Talk(employee=last.talk.employee, manager=last.talk.manager, unit=last.talk.unit)
    plan = Plan(
        talk=talk,
        look_back=LookBack(goals=goal_lines, actions=action_lines),
        goals=carried_goals,
        actions=carried_actions,
    )
    return Started(plan, tuple(range(len(carried_goals))), tuple(range(len(carried_actions))))
