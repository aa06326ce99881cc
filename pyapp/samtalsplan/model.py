"""The plan for one medarbetarsamtal, as frozen dataclasses.

The model holds what a person typed, as typed: text stays text and dates stay
ISO strings (``"2027-03-15"`` or ``""``), so a half-finished plan is always
representable and nothing is lost between the form, the file and back.
Whether the content makes sense is the validator's job, not the model's.

Field metadata drives the form: ``widget`` says how a text field is edited
(``"text"``, ``"textarea"`` or ``"date"``; ``"computed"`` fields are filled by
the logic, never typed; ``"readonly"`` ones are shown, not edited); ``suggestions`` names the organisation setting whose
values the form offers for it. ``page`` says which page edits a section: the
planner, or the follow-up page (check-ins). Enum fields become choices and
tuple fields become lists a person can add to and remove from.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import cache
from typing import Any


def _text(widget: str = "text", suggestions: str = "") -> Any:
    return field(default="", metadata={"widget": widget, "suggestions": suggestions})


class Owner(StrEnum):
    """Who carries out an action or removes an obstacle."""

    EMPLOYEE = "employee"
    MANAGER = "manager"
    BOTH = "both"


class Status(StrEnum):
    """How an action is going, as recorded at a check-in."""

    NOT_STARTED = "not_started"
    ONGOING = "ongoing"
    DONE = "done"
    DROPPED = "dropped"


class GoalProgress(StrEnum):
    """How a goal is going, as recorded at a check-in."""

    ON_TRACK = "on_track"
    REACHED = "reached"
    CHANGED = "changed"
    DROPPED = "dropped"


class DevelopmentKind(StrEnum):
    """Kinds of competence development; courses are only one of them."""

    TRAINING = "training"
    MENTORING = "mentoring"
    KNOWLEDGE_SHARING = "knowledge_sharing"
    NEW_RESPONSIBILITY = "new_responsibility"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Item:
    """Base of every list item: an item with no text at all is a blank row."""

    def is_blank(self) -> bool:
        kind: type = type(self)
        return not any(_has_content(getattr(self, name)) for name in _field_names(kind))


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    # Once per class: the team view asks this of every item of every plan.
    return tuple(f.name for f in fields(cls))


def _has_content(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, tuple):
        return any(_has_content(v) for v in value)
    return value is not None


@dataclass(frozen=True, slots=True)
class Talk:
    """Who talks, when, and in which unit or role."""

    employee: str = _text()
    manager: str = _text()
    date: str = _text("date")
    unit: str = _text()


@dataclass(frozen=True, slots=True)
class WorkEnvironment:
    """Workload and the work environment, as the two talked about them.

    What the employee chooses to say about the load and what would help, and
    the ``changes`` both agree on (one a line, each can become an action).
    Health stays out of it: that belongs in a separate talk.
    """

    workload: str = _text("textarea")
    energy: str = _text("textarea")
    helps: str = _text("textarea")
    changes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Goal(Item):
    """A goal for the coming year, tied to the organisation's goals.

    ``steps`` break the goal into manageable parts, in order.
    """

    title: str = _text()
    organisation_link: str = _text(suggestions="organisation_goals")
    why: str = _text("textarea")
    steps: tuple[str, ...] = ()
    measure: str = _text("textarea")


@dataclass(frozen=True, slots=True)
class Development(Item):
    """Competence development or support: what, of which kind, and when."""

    kind: DevelopmentKind | None = None
    what: str = _text("textarea")
    when: str = _text()


@dataclass(frozen=True, slots=True)
class Obstacle(Item):
    """Something in the way, and the resources or mandate that would remove it."""

    obstacle: str = _text("textarea")
    need: str = _text("textarea")
    owner: Owner | None = None


@dataclass(frozen=True, slots=True)
class Conditions:
    """Conditions for success: obstacles to remove, and the manager's commitment."""

    obstacles: tuple[Obstacle, ...] = ()
    manager_commitment: str = _text("textarea")


@dataclass(frozen=True, slots=True)
class Action(Item):
    """One line of the joint action plan: what, who, and by when."""

    what: str = _text("textarea")
    owner: Owner | None = None
    due: str = _text("date")


@dataclass(frozen=True, slots=True)
class FollowUp:
    """The short check-in a few months after the talk."""

    date: str = _text("date")


@dataclass(frozen=True, slots=True)
class Agreement:
    """Both parties agree to the plan, by name and date; and how long it is kept.

    ``fingerprint`` is the SHA-256 of the plan's canonical JSON when it was
    agreed (see ``samtalsplan.agreement``); it is computed, never typed.
    """

    employee: str = _text()
    manager: str = _text()
    date: str = _text("date")
    keep_until: str = _text("date")
    fingerprint: str = _text("computed")


@dataclass(frozen=True, slots=True)
class ActionStatus(Item):
    """One action's progress at a check-in; ``action`` is the action's text (its
    owner and due date stay in the plan's action of that text)."""

    action: str = _text("readonly")
    status: Status | None = None
    note: str = _text("textarea")


@dataclass(frozen=True, slots=True)
class GoalStatus(Item):
    """One goal's progress at a check-in; ``goal`` is the goal's title."""

    goal: str = _text("readonly")
    status: GoalProgress | None = None
    note: str = _text("textarea")


@dataclass(frozen=True, slots=True)
class CheckIn(Item):
    """One follow-up meeting: when, how each goal and action is going, and the next one."""

    date: str = _text("date")
    goals: tuple[GoalStatus, ...] = ()
    statuses: tuple[ActionStatus, ...] = ()
    note: str = _text("textarea")
    next_date: str = _text("date")


@dataclass(frozen=True, slots=True)
class LookBack:
    """Last year's plan looked back on: each of its goals and actions with how it
    went (from its last check-in, as the new plan was started from it, and
    updated in the talk), and what the two take with them."""

    goals: tuple[GoalStatus, ...] = ()
    actions: tuple[ActionStatus, ...] = ()
    note: str = _text("textarea")


def _page(page: str, default: Any) -> Any:
    return field(default=default, metadata={"page": page})


@dataclass(frozen=True, slots=True)
class Plan:
    """The whole plan. Its top-level fields are the planner's sections, in order,
    then the check-ins, which the follow-up page records (oldest first)."""

    talk: Talk = field(default_factory=Talk)
    look_back: LookBack = field(default_factory=LookBack)
    goals: tuple[Goal, ...] = ()
    development: tuple[Development, ...] = ()
    conditions: Conditions = field(default_factory=Conditions)
    work_environment: WorkEnvironment = field(default_factory=WorkEnvironment)
    actions: tuple[Action, ...] = ()
    follow_up: FollowUp = field(default_factory=FollowUp)
    summary: str = _text("textarea")
    agreement: Agreement = field(default_factory=Agreement)
    check_ins: tuple[CheckIn, ...] = _page("follow_up", ())


@dataclass(frozen=True, slots=True)
class Preparation:
    """The employee's answers to the four questions before the talk.

    Each answer is a list of single lines, one proposal each, so every line can
    become a goal, a development item, an obstacle or a line about the workload
    in the plan.
    """

    employee: str = _text()
    date: str = _text("date")
    priorities: tuple[str, ...] = ()
    learning: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    workload: tuple[str, ...] = ()
