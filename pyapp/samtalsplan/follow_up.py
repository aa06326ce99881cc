"""Follow-up: record a check-in on a saved plan, keeping the history of check-ins.

A new check-in starts from the plan's actions, each with its status at the last
check-in, so only what changed needs typing; its next date is proposed from the
organisation's usual interval. Recording appends it to the plan's check-ins.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from .dates import add_months
from .model import ActionStatus, CheckIn, Plan, Status
from .settings import Settings


def start_check_in(plan: Plan, today: date, settings: Settings | None = None) -> CheckIn:
    """A check-in for today, listing every action of the plan with its last status."""
    settings = settings or Settings()
    last: dict[str, Status | None] = {}
    for check_in in plan.check_ins:
        for item in check_in.statuses:
            last[item.action] = item.status
    statuses = tuple(
        ActionStatus(action=action.what.strip(), status=last.get(action.what.strip()))
        for action in plan.actions
        if not action.is_blank()
    )
    next_date = add_months(today, settings.follow_up_months).isoformat()
    return CheckIn(date=today.isoformat(), statuses=statuses, next_date=next_date)


def record_check_in(plan: Plan, check_in: CheckIn) -> Plan:
    """The plan with ``check_in`` added last to its history."""
    return replace(plan, check_ins=(*plan.check_ins, check_in))


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
