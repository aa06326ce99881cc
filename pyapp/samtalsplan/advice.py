"""Advice: what the guidance would say about a plan, field by field.

Validation says what is wrong; advice coaches. Every hint has a stable id
(tests, the page and anyone filtering hints rely on it), a severity, the field
path it concerns and a message from the catalogue (``advice.<id>``):

- ``error``: must be looked at before the plan leaves the browser
  (possible special-category personal data);
- ``warning``: the plan is weaker than the guidance asks (a goal nobody can
  tell is reached, an action without an owner, a date that cannot be right);
  a person reads it as "Att tänka på" (worth a thought), not as an alarm;
- ``tip``: a suggestion (other kinds of development than courses, a link to
  the organisation's goals).

A vague goal is one whose title says nothing but that things should get
better: every word of it is in the list of such words for its language
(``data/vague_goals.json``: "bli bättre på mitt jobb" is vague, "bli bättre
på att planera" is not, since "planera" is not in the list).

Rules read the plan, the organisation's settings and today's date; they are
pure, so the same input always gives the same hints in the same order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any, Final

from .agreement import AgreementStatus, status
from .dates import add_months, parse_date
from .fields import texts, walk
from .i18n import LANGUAGES, translate
from .model import DevelopmentKind, Owner, Plan
from .package_data import read_text
from .settings import Settings


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    TIP = "tip"


@dataclass(frozen=True, slots=True)
class Hint:
    """One piece of advice: ``id`` names the rule, ``path`` the field (or list)."""

    id: str
    severity: Severity
    path: str
    message: str


# Every rule's id and severity. Ids are part of the interface: never rename one.
RULES: Final[dict[str, Severity]] = {
    "special_category": Severity.ERROR,
    "goals.none": Severity.TIP,
    "goals.too_many": Severity.WARNING,
    "goal.vague": Severity.WARNING,
    "goal.no_organisation_link": Severity.TIP,
    "goal.unknown_organisation_goal": Severity.TIP,
    "goal.no_steps": Severity.WARNING,
    "goal.no_measure": Severity.WARNING,
    "development.none": Severity.TIP,
    "development.only_training": Severity.TIP,
    "obstacle.no_owner": Severity.WARNING,
    "obstacle.no_need": Severity.WARNING,
    "actions.none": Severity.WARNING,
    "action.no_owner": Severity.WARNING,
    "action.no_due": Severity.WARNING,
    "action.due_past": Severity.WARNING,
    "actions.all_on_employee": Severity.WARNING,
    "follow_up.missing": Severity.WARNING,
    "follow_up.too_soon": Severity.WARNING,
    "follow_up.too_late": Severity.WARNING,
    "follow_up.past": Severity.WARNING,
    "summary.missing": Severity.TIP,
    "agreement.changed": Severity.WARNING,
    "agreement.before_talk": Severity.WARNING,
    "agreement.keep_until_before_talk": Severity.WARNING,
    "check_in.before_talk": Severity.WARNING,
    "check_in.before_previous": Severity.WARNING,
    "check_in.next_not_after": Severity.WARNING,
}

_Found = tuple[str, str, dict[str, object]]  # rule id, path, message params


def advise(
    plan: Plan, lang: str = "sv", settings: Settings | None = None, today: date | None = None
) -> list[Hint]:
    """Every hint for ``plan``, in form order, with messages in ``lang``."""
    settings = settings or Settings()
    today = today or date.today()
    order = {path: i for i, path in enumerate(field_paths(plan))}
    found = sorted(_found(plan, settings, today), key=lambda f: order.get(f[1], len(order)))
    return [
        Hint(rule, RULES[rule], path, _message(rule, lang, params)) for rule, path, params in found
    ]


def _message(rule: str, lang: str, params: dict[str, object]) -> str:
    """A rule's message; ``form`` picks a variant of it (``advice.<id>.<form>``)."""
    form = params.pop("form", None)
    return translate(f"advice.{rule}" + (f".{form}" if form else ""), lang, **params)


def _found(plan: Plan, settings: Settings, today: date) -> Iterator[_Found]:
    for rule in _RULE_FUNCTIONS:
        yield from rule(plan, settings, today)


# The rules ------------------------------------------------------------------

_Rule = Callable[[Plan, Settings, date], Iterator[_Found]]
_RULE_FUNCTIONS: list[_Rule] = []


def _rule(function: _Rule) -> _Rule:
    _RULE_FUNCTIONS.append(function)
    return function


@_rule
def _goals(plan: Plan, settings: Settings, today: date) -> Iterator[_Found]:
    goals = [(i, g) for i, g in enumerate(plan.goals) if not g.is_blank()]
    if not goals:
        yield "goals.none", "goals", {}
    if len(goals) > settings.max_goals:
        yield "goals.too_many", "goals", {"count": len(goals), "limit": settings.max_goals}
    known = {g.casefold() for g in settings.organisation_goals}
    for i, goal in goals:
        if goal.title.strip() and is_vague(goal.title):
            yield "goal.vague", f"goals[{i}].title", {}
        link = goal.organisation_link.strip()
        if not link:
            yield "goal.no_organisation_link", f"goals[{i}].organisation_link", {}
        elif known and link.casefold() not in known:
            yield "goal.unknown_organisation_goal", f"goals[{i}].organisation_link", {}
        if not any(step.strip() for step in goal.steps):
            yield "goal.no_steps", f"goals[{i}].steps", {}
        if not goal.measure.strip():
            yield "goal.no_measure", f"goals[{i}].measure", {}


@_rule
def _development(plan: Plan, settings: Settings, today: date) -> Iterator[_Found]:
    items = [d for d in plan.development if not d.is_blank()]
    if not items:
        yield "development.none", "development", {}
    elif all(d.kind is DevelopmentKind.TRAINING for d in items):
        yield "development.only_training", "development", {}


@_rule
def _obstacles(plan: Plan, settings: Settings, today: date) -> Iterator[_Found]:
    for i, obstacle in enumerate(plan.conditions.obstacles):
        if obstacle.is_blank():
            continue
        path = f"conditions.obstacles[{i}]"
        if not obstacle.need.strip():
            yield "obstacle.no_need", f"{path}.need", {}
        if obstacle.owner is None:
            yield "obstacle.no_owner", f"{path}.owner", {}


@_rule
def _actions(plan: Plan, settings: Settings, today: date) -> Iterator[_Found]:
    actions = [(i, a) for i, a in enumerate(plan.actions) if not a.is_blank()]
    if not actions:
        yield "actions.none", "actions", {}
    for i, action in actions:
        if action.owner is None:
            yield "action.no_owner", f"actions[{i}].owner", {}
        due = parse_date(action.due)
        if not action.due.strip():
            yield "action.no_due", f"actions[{i}].due", {}
        elif due and due < today:
            yield "action.due_past", f"actions[{i}].due", {"date": due.isoformat()}
    # Actions without an owner have their own hint; the rest must not all be one person's.
    if {a.owner for _, a in actions if a.owner} == {Owner.EMPLOYEE}:
        yield "actions.all_on_employee", "actions", {}


@_rule
def _follow_up(plan: Plan, settings: Settings, today: date) -> Iterator[_Found]:
    path = "follow_up.date"
    if not plan.follow_up.date.strip():
        yield "follow_up.missing", path, {"months": settings.follow_up_months}
        return
    follow_up, talk = parse_date(plan.follow_up.date), parse_date(plan.talk.date)
    if follow_up is None:
        return  # validation explains the date itself
    if talk and follow_up > talk:  # on or before the talk is a validation problem
        if follow_up < add_months(talk, 1):
            yield "follow_up.too_soon", path, {}
        elif follow_up > add_months(talk, 6):
            yield "follow_up.too_late", path, {}
    if follow_up < today:
        yield "follow_up.past", path, {"date": follow_up.isoformat()}


@_rule
def _summary(plan: Plan, settings: Settings, today: date) -> Iterator[_Found]:
    if not plan.summary.strip():
        yield "summary.missing", "summary", {}


@_rule
def _agreement(plan: Plan, settings: Settings, today: date) -> Iterator[_Found]:
    if status(plan) is AgreementStatus.CHANGED:
        date = plan.agreement.date.strip()
        yield "agreement.changed", "agreement.date", {"date": date} if date else {"form": "undated"}
    talk = parse_date(plan.talk.date)
    if talk is None:
        return
    agreed, keep_until = parse_date(plan.agreement.date), parse_date(plan.agreement.keep_until)
    if agreed and agreed < talk:
        yield "agreement.before_talk", "agreement.date", {"date": agreed, "talk_date": talk}
    if keep_until and keep_until < talk:
        params: dict[str, object] = {"date": keep_until, "talk_date": talk}
        yield "agreement.keep_until_before_talk", "agreement.keep_until", params


@_rule
def _check_ins(plan: Plan, settings: Settings, today: date) -> Iterator[_Found]:
    talk, previous = parse_date(plan.talk.date), None
    for i, check_in in enumerate(plan.check_ins):
        if check_in.is_blank():
            continue
        held, following = parse_date(check_in.date), parse_date(check_in.next_date)
        path = f"check_ins[{i}]"
        if held and talk and held < talk:
            yield "check_in.before_talk", f"{path}.date", {"date": held, "talk_date": talk}
        elif held and previous and held < previous:
            yield "check_in.before_previous", f"{path}.date", {"date": held, "previous": previous}
        if held and following and following <= held:
            yield "check_in.next_not_after", f"{path}.next_date", {"date": held, "next": following}
        previous = held or previous


@_rule
def _special_categories(plan: Plan, settings: Settings, today: date) -> Iterator[_Found]:
    for path, text in texts(plan):
        words = sensitive_words(text)
        if words:
            yield "special_category", path, {"words": ", ".join(words)}


# Vague goals -------------------------------------------------------------------


@cache
def _vague_words() -> frozenset[str]:
    data = json.loads(read_text("data", "vague_goals.json"))
    return frozenset(word.casefold() for lang in LANGUAGES for word in data[lang])


def is_vague(title: str) -> bool:
    """Whether every word of a goal's title is one that only says "get better"."""
    words = re.findall(r"\w+", title.casefold())
    return bool(words) and all(word in _vague_words() for word in words)


# Special categories of personal data ------------------------------------------


@cache
def _sensitive_pattern() -> re.Pattern[str]:
    data = json.loads(read_text("data", "special_categories.json"))
    stems = sorted({stem for lang in LANGUAGES for stem in data[lang]}, key=len, reverse=True)
    alternatives = "|".join(re.escape(stem).replace(r"\ ", r"\s+") for stem in stems)
    # A stem matches at the start of a word and takes the rest of the word with it.
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def sensitive_words(text: str) -> list[str]:
    """The words in ``text`` that hint at special-category data, once each, in order."""
    found: dict[str, None] = {}
    for match in _sensitive_pattern().finditer(text):
        found.setdefault(" ".join(match.group().split()).lower(), None)
    return list(found)


# Ordering -------------------------------------------------------------------


def field_paths(obj: Any) -> Iterator[str]:
    """Every field path in ``obj`` in form order; a list before its items."""
    return (path for path, _, _ in walk(obj))
