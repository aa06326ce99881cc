"""The organisation's settings: ``extra.samtalsplan`` in mkdocs.yml.

The site's build hands them to the page (in its ``sp-config``), the page sends
them with every request, and the command line reads them from a JSON file, so
the browser and the CLI apply the same limits.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from .errors import PlanError
from .i18n import Key


@dataclass(frozen=True, slots=True)
class Settings:
    """What an organisation may adapt without touching code.

    ``organisation_goals`` are offered when a goal is linked to them;
    ``max_goals`` is how many goals a plan should hold at most (at least 1);
    ``follow_up_months`` the usual time from the talk to the check-in (1-6);
    ``retention_months`` how long a plan is kept (0: no retention date is set);
    ``drafts`` whether the planner keeps a draft in the browser.
    """

    organisation_goals: tuple[str, ...] = ()
    max_goals: int = 5
    follow_up_months: int = 3
    retention_months: int = 0
    drafts: bool = True

    def __post_init__(self) -> None:
        if self.max_goals < 1:
            raise invalid("max_goals")
        if not 1 <= self.follow_up_months <= 6:
            raise invalid("follow_up_months")
        if self.retention_months < 0:
            raise invalid("retention_months")

    @classmethod
    def from_dict(cls, data: Any) -> Settings:
        """Settings from plain data, such as ``extra.samtalsplan``; unknown keys
        (the guide links, for one) are ignored, wrong types fail loudly."""
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise invalid("")
        goals = data.get("organisation_goals", ())
        if not isinstance(goals, (list, tuple)) or not all(isinstance(g, str) for g in goals):
            raise invalid("organisation_goals")
        values: dict[str, Any] = {
            "organisation_goals": tuple(g.strip() for g in goals if g.strip())
        }
        for name in ("max_goals", "follow_up_months", "retention_months"):
            if name in data:
                if type(data[name]) is not int:
                    raise invalid(name)
                values[name] = data[name]
        if "drafts" in data:
            if type(data["drafts"]) is not bool:
                raise invalid("drafts")
            values["drafts"] = data["drafts"]
        return cls(**values)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    def to_dict(self) -> dict[str, Any]:
        return {
            "organisation_goals": list(self.organisation_goals),
            "max_goals": self.max_goals,
            "follow_up_months": self.follow_up_months,
            "retention_months": self.retention_months,
            "drafts": self.drafts,
        }


def invalid(name: str) -> PlanError:
    """A setting with a wrong value: the message names it and says what it takes."""
    return PlanError(
        "settings.invalid",
        name,
        setting=f"extra.samtalsplan.{name}" if name else "extra.samtalsplan",
        rule=Key(f"settings.rule.{name or 'mapping'}"),
    )
