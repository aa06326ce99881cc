"""The employee's preparation: a file of their own, merged into the plan as proposals.

The preparation file is ``{"format": "samtalsplan-preparation", "version": 2, ...}``
(read by ``samtalsplan.files``, as every file is, which migrates it with
``MIGRATIONS``). Version 2 adds the fourth question, on the workload.
Merging it into a plan never drops text: each answer line becomes a new goal
(question 1), development item (question 2) or obstacle (question 3), filling
blank rows first, or a line of the work environment's "how the load feels"
(question 4); a line the plan already holds word for word is not added twice.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Final

from .codec import build, to_dict
from .model import Development, Goal, Obstacle, Plan, Preparation

FORMAT: Final = "samtalsplan-preparation"
VERSION: Final = 2


def _from_1(document: dict[str, Any]) -> dict[str, Any]:
    """Version 1 had three questions: the fourth starts empty."""
    return {**document, "workload": [], "version": 2}


# Each step takes a document of version N to version N + 1.
MIGRATIONS: Final[dict[int, Callable[[dict[str, Any]], dict[str, Any]]]] = {1: _from_1}


def serialize_preparation(preparation: Preparation) -> str:
    document = {"format": FORMAT, "version": VERSION, **to_dict(preparation)}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def preparation_from_dict(data: object) -> Preparation:
    preparation: Preparation = build(Preparation, data)
    return preparation


@dataclass(frozen=True, slots=True)
class Merged:
    plan: Plan
    goals: tuple[int, ...]  # indices of the goals the preparation added
    development: tuple[int, ...]
    obstacles: tuple[int, ...]
    workload: bool = False  # whether it added lines to the work environment's workload


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def add_items(
    items: tuple[Any, ...], lines: tuple[str, ...], make: Any, text_of: Any
) -> tuple[tuple[Any, ...], tuple[int, ...]]:
    """``items`` with one new item per line not already there; blank rows are reused."""
    result = list(items)
    seen = {_key(text_of(item)) for item in result if not item.is_blank()}
    added: list[int] = []
    for line in lines:
        if not line.strip() or _key(line) in seen:
            continue
        seen.add(_key(line))
        blank = next(
            (i for i, item in enumerate(result) if item.is_blank() and i not in added), None
        )
        if blank is None:
            result.append(make(line.strip()))
            added.append(len(result) - 1)
        else:
            result[blank] = make(line.strip())
            added.append(blank)
    return tuple(result), tuple(added)


def merge_preparation(plan: Plan, preparation: Preparation) -> Merged:
    """The plan with the employee's answers added as proposals; nothing is removed."""
    goals, new_goals = add_items(
        plan.goals, preparation.priorities, lambda t: Goal(title=t), lambda g: g.title
    )
    development, new_development = add_items(
        plan.development, preparation.learning, lambda t: Development(what=t), lambda d: d.what
    )
    obstacles, new_obstacles = add_items(
        plan.conditions.obstacles,
        preparation.support,
        lambda t: Obstacle(obstacle=t),
        lambda o: o.obstacle,
    )
    workload, new_workload = _merge_lines(plan.work_environment.workload, preparation.workload)
    # The employee's name and the date of the talk fill the plan's only where it has none.
    talk = plan.talk
    if not talk.employee.strip() and preparation.employee.strip():
        talk = replace(talk, employee=preparation.employee.strip())
    if not talk.date.strip() and preparation.date.strip():
        talk = replace(talk, date=preparation.date.strip())
    merged = replace(
        plan,
        talk=talk,
        goals=goals,
        development=development,
        conditions=replace(plan.conditions, obstacles=obstacles),
        work_environment=replace(plan.work_environment, workload=workload),
    )
    return Merged(merged, new_goals, new_development, new_obstacles, new_workload)


def _merge_lines(text: str, lines: tuple[str, ...]) -> tuple[str, bool]:
    """``text`` with each of ``lines`` it does not hold yet added as a line of its own."""
    seen = {_key(line) for line in text.splitlines() if line.strip()}
    added = []
    for line in lines:
        if line.strip() and _key(line) not in seen:
            seen.add(_key(line))
            added.append(line.strip())
    if not added:
        return text, False
    return "\n".join([text.rstrip()] * bool(text.strip()) + added), True
