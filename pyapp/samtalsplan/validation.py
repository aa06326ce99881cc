"""Validation: every problem in a plan, each with its field path and a message.

Only what makes a plan wrong is a problem here: missing names, dates that do
not exist, a follow-up before the talk, list items that say nothing about what
they are. A blank list item (a row added but not filled in) is no problem; the
renderers leave it out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .dates import parse_date
from .i18n import translate
from .model import Plan

__all__ = ["Problem", "parse_date", "validate"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing to fix: where (a field path like ``goals[0].title``), and what."""

    path: str
    key: str
    message: str


def validate(plan: Plan, lang: str = "sv") -> list[Problem]:
    """All problems in ``plan``, in form order, with messages in ``lang``."""
    return [
        Problem(path, key, translate(key, lang, **params)) for path, key, params in _problems(plan)
    ]


_Found = tuple[str, str, dict[str, object]]


def _problems(plan: Plan) -> Iterator[_Found]:
    talk = plan.talk
    if not talk.employee.strip():
        yield "talk.employee", "problem.employee_missing", {}
    if not talk.manager.strip():
        yield "talk.manager", "problem.manager_missing", {}
    if not talk.date.strip():
        yield "talk.date", "problem.talk_date_missing", {}
    yield from _date_problems("talk.date", talk.date)

    for i, goal in enumerate(plan.goals):
        if not goal.is_blank() and not goal.title.strip():
            yield f"goals[{i}].title", "problem.goal_title_missing", {}

    for i, item in enumerate(plan.development):
        if item.is_blank():
            continue
        if not item.what.strip():
            yield f"development[{i}].what", "problem.development_what_missing", {}
        if item.kind is None:
            yield f"development[{i}].kind", "problem.development_kind_missing", {}

    for i, obstacle in enumerate(plan.conditions.obstacles):
        if not obstacle.is_blank() and not obstacle.obstacle.strip():
            path = f"conditions.obstacles[{i}].obstacle"
            yield path, "problem.obstacle_missing", {}

    for i, action in enumerate(plan.actions):
        if not action.is_blank() and not action.what.strip():
            yield f"actions[{i}].what", "problem.action_what_missing", {}
        yield from _date_problems(f"actions[{i}].due", action.due)

    yield from _date_problems("follow_up.date", plan.follow_up.date)
    talk_date, follow_up = parse_date(talk.date), parse_date(plan.follow_up.date)
    if talk_date and follow_up and follow_up <= talk_date:
        yield "follow_up.date", "problem.follow_up_not_after_talk", {"talk_date": talk_date}

    yield from _date_problems("agreement.date", plan.agreement.date)
    yield from _date_problems("agreement.keep_until", plan.agreement.keep_until)
    for i, check_in in enumerate(plan.check_ins):
        yield from _date_problems(f"check_ins[{i}].date", check_in.date)
        yield from _date_problems(f"check_ins[{i}].next_date", check_in.next_date)


def _date_problems(path: str, text: str) -> Iterator[_Found]:
    if text.strip() and parse_date(text) is None:
        yield path, "problem.date_invalid", {"value": text.strip()}
