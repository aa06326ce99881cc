"""The employee's preparation: a file of their own, merged into the plan as proposals.

The preparation file is ``{"format": "samtalsplan-preparation", "version": 1, ...}``
(read by ``samtalsplan.files``, as every file is).
Merging it into a plan never drops text: each answer line becomes a new goal
(question 1), development item (question 2) or obstacle (question 3), filling
blank rows first, and a line the plan already holds word for word is not added twice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any, Final

from .codec import build, to_dict
from .model import Development, Goal, Obstacle, Plan, Preparation

FORMAT: Final = "samtalsplan-preparation"
VERSION: Final = 1


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


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _merge(
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
    goals, new_goals = _merge(
        plan.goals, preparation.priorities, lambda t: Goal(title=t), lambda g: g.title
    )
    development, new_development = _merge(
        plan.development, preparation.learning, lambda t: Development(what=t), lambda d: d.what
    )
    obstacles, new_obstacles = _merge(
        plan.conditions.obstacles,
        preparation.support,
        lambda t: Obstacle(obstacle=t),
        lambda o: o.obstacle,
    )
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
    )
    return Merged(merged, new_goals, new_development, new_obstacles)
