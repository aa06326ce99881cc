"""The team view: many plans at once, aggregated for the manager.

Competence development by kind and by quarter, obstacles that recur across
the team, and the follow-ups that are due. Pure functions over plans; the
page and the CLI read the files and pass them in, and take CSV or Markdown out.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from .dates import parse_date
from .i18n import plural, translate
from .ics import check_in_date
from .markdown import escape
from .model import DevelopmentKind, Plan

DUE_WITHIN: Final = timedelta(days=30)
_MONTHS: Final = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "january", "jan"),
            ("februari", "february", "feb"),
            ("mars", "march", "mar"),
            ("april", "apr"),
            ("maj", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("augusti", "august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
# A season counts from its first month (spring from March, as in "våren 2027").
_SEASONS: Final = {
    "vår": 3,
    "våren": 3,
    "spring": 3,
    "sommar": 6,
    "sommaren": 6,
    "summer": 6,
    "höst": 9,
    "hösten": 9,
    "autumn": 9,
    "fall": 9,
    "vinter": 12,
    "vintern": 12,
    "winter": 12,
}
_YEAR = re.compile(r"\b(20\d\d)\b")
_ISO_MONTH = re.compile(r"\b(20\d\d)-(\d\d)\b")
_QUARTER = re.compile(r"\b(?:q|kv|kvartal\s*|quarter\s*)([1-4])\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Need:
    """One development item of one employee, placed in a quarter if its time allows."""

    employee: str
    kind: DevelopmentKind | None
    what: str
    when: str
    quarter: str  # "2027-Q1", or "" when the time is not given as a date


@dataclass(frozen=True, slots=True)
class Obstacle:
    """An obstacle, as written, and the employees whose plans name it."""

    text: str
    employees: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FollowUpDue:
    employee: str
    date: date
    overdue: bool


@dataclass(frozen=True, slots=True)
class TeamSummary:
    plans: int
    needs: tuple[Need, ...]
    by_kind: tuple[tuple[DevelopmentKind | None, int], ...]
    by_quarter: tuple[tuple[str, int], ...]
    obstacles: tuple[Obstacle, ...]  # recurring first, then by text
    follow_ups: tuple[FollowUpDue, ...]  # due within 30 days or overdue, soonest first


def quarter(when: str, fallback_year: int | None = None) -> str:
    """The quarter a free-text time points at: ``"2027-03-15"``, ``"mars 2027"``,
    ``"Q2 2027"``, ``"Januari–juni 2027"`` or ``"hösten 2027"`` (its start); without
    a year, the talk's; ``""`` if it names no time."""
    text = when.strip().lower()
    iso = _ISO_MONTH.search(text)
    if iso and 1 <= int(iso[2]) <= 12:
        return f"{iso[1]}-Q{(int(iso[2]) - 1) // 3 + 1}"
    year_match = _YEAR.search(text)
    year = int(year_match[1]) if year_match else fallback_year
    if year is None:
        return ""
    named = _QUARTER.search(text)
    if named:
        return f"{year}-Q{named[1]}"
    for word in _WORD.findall(text):
        month = _MONTHS.get(word) or _SEASONS.get(word)
        if month:
            return f"{year}-Q{(month - 1) // 3 + 1}"
    return ""


def _normalised(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".")


def summarize(plans: Sequence[Plan], today: date) -> TeamSummary:
    """The team's view over ``plans``; follow-ups are judged against ``today``."""
    needs: list[Need] = []
    obstacles: dict[str, tuple[str, list[str]]] = {}
    follow_ups: list[FollowUpDue] = []
    for plan in plans:
        employee = plan.talk.employee.strip()
        talk = parse_date(plan.talk.date)
        for item in plan.development:
            if item.is_blank():
                continue
            when = quarter(item.when, talk.year if talk else None)
            needs.append(Need(employee, item.kind, item.what.strip(), item.when.strip(), when))
        for obstacle in plan.conditions.obstacles:
            if obstacle.obstacle.strip():
                key = _normalised(obstacle.obstacle)
                _, names = obstacles.setdefault(key, (" ".join(obstacle.obstacle.split()), []))
                names.append(employee)
        next_date = check_in_date(plan)
        if next_date and next_date <= today + DUE_WITHIN:
            follow_ups.append(FollowUpDue(employee, next_date, next_date < today))
    kinds = Counter(need.kind for need in needs)
    quarters = Counter(need.quarter for need in needs)
    order = [*DevelopmentKind, None]
    return TeamSummary(
        plans=len(plans),
        needs=tuple(needs),
        by_kind=tuple((kind, kinds[kind]) for kind in order if kinds[kind]),
        by_quarter=tuple(sorted(quarters.items(), key=lambda q: (q[0] == "", q[0]))),
        obstacles=tuple(
            sorted(
                (Obstacle(text, tuple(names)) for text, names in obstacles.values()),
                key=lambda o: (-len(o.employees), o.text.casefold()),
            )
        ),
        follow_ups=tuple(sorted(follow_ups, key=lambda f: (f.date, f.employee))),
    )


def exported_texts(plan: Plan) -> Iterator[tuple[str, str]]:
    """The texts of ``plan`` that the team view's files carry, with their paths."""
    for i, item in enumerate(plan.development):
        for name in ("what", "when"):
            yield f"development[{i}].{name}", getattr(item, name)
    for i, obstacle in enumerate(plan.conditions.obstacles):
        yield f"conditions.obstacles[{i}].obstacle", obstacle.obstacle


def _kind(kind: DevelopmentKind | None, lang: str) -> str:
    return translate(f"choice.DevelopmentKind.{kind.value}" if kind else "md.not_set", lang)


def _quarter(value: str, lang: str) -> str:
    return value or translate("team.no_quarter", lang)


def render_team_markdown(summary: TeamSummary, lang: str = "sv") -> str:
    """The team view as a Markdown document."""
    return "\n".join(_team_lines(summary, lang)).rstrip() + "\n"


def _team_lines(summary: TeamSummary, lang: str) -> Iterator[str]:
    def t(key: str, **params: object) -> str:
        return translate(key, lang, **params)

    yield f"# {t('team.title')}"
    yield ""
    yield plural("team.count", summary.plans, lang)
    yield ""
    yield f"## {t('team.by_kind')}"
    yield ""
    if summary.by_kind:
        yield f"| {t('field.development.kind')} | {t('team.number')} |"
        yield "| --- | --- |"
        for kind, count in summary.by_kind:
            yield f"| {_kind(kind, lang)} | {count} |"
    else:
        yield t("md.nothing")
    yield ""
    yield f"## {t('team.by_quarter')}"
    yield ""
    if summary.by_quarter:
        yield f"| {t('team.quarter')} | {t('team.number')} |"
        yield "| --- | --- |"
        for value, count in summary.by_quarter:
            yield f"| {_quarter(value, lang)} | {count} |"
    else:
        yield t("md.nothing")
    yield ""
    yield f"## {t('team.needs')}"
    yield ""
    if summary.needs:
        yield f"| {t('field.talk.employee')} | {t('field.development.kind')} | {t('field.development.what')} | {t('field.development.when')} | {t('team.quarter')} |"
        yield "| --- | --- | --- | --- | --- |"
        for need in summary.needs:
            cells = [
                escape(need.employee),
                _kind(need.kind, lang),
                escape(" ".join(need.what.split())),
                escape(need.when),
                _quarter(need.quarter, lang),
            ]
            yield "| " + " | ".join(cells) + " |"
    else:
        yield t("md.nothing")
    yield ""
    yield f"## {t('team.obstacles')}"
    yield ""
    for obstacle in summary.obstacles:
        names = ", ".join(escape(name) for name in obstacle.employees)
        yield f"- {escape(obstacle.text)} ({t('team.named_by', count=len(obstacle.employees), names=names)})"
    if not summary.obstacles:
        yield t("md.nothing")
    yield ""
    yield f"## {t('team.follow_ups')}"
    yield ""
    for due in summary.follow_ups:
        late = f" **{t('team.overdue')}**" if due.overdue else ""
        yield f"- {due.date.isoformat()}: {escape(due.employee)}{late}"
    if not summary.follow_ups:
        yield t("md.nothing")
    yield ""


def _safe_cell(value: str) -> str:
    """A spreadsheet would run a cell starting with = + - @ as a formula (CSV
    injection); a leading apostrophe keeps it text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def render_team_csv(summary: TeamSummary, lang: str = "sv") -> str:
    """The team's development needs, one row each, as CSV (RFC 4180, CRLF)."""
    import csv  # here, not at the top: it took 10 ms of every planner start in the browser

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")

    def t(key: str) -> str:
        return translate(key, lang)

    writer.writerow(
        [
            t("field.talk.employee"),
            t("field.development.kind"),
            t("field.development.what"),
            t("field.development.when"),
            t("team.quarter"),
        ]
    )
    for need in summary.needs:
        writer.writerow(
            [
                _safe_cell(v)
                for v in (
                    need.employee,
                    _kind(need.kind, lang),
                    " ".join(need.what.split()),
                    need.when,
                    need.quarter,
                )
            ]
        )
    return out.getvalue()


def team_tables(summary: TeamSummary, lang: str = "sv") -> list[dict[str, object]]:
    """The team view as plain tables (heading, columns, rows of text) for a page to show."""

    def t(key: str, **params: object) -> str:
        return translate(key, lang, **params)

    return [
        {
            "heading": t("team.by_kind"),
            "columns": [t("field.development.kind"), t("team.number")],
            "rows": [[_kind(kind, lang), str(count)] for kind, count in summary.by_kind],
        },
        {
            "heading": t("team.by_quarter"),
            "columns": [t("team.quarter"), t("team.number")],
            "rows": [[_quarter(q, lang), str(count)] for q, count in summary.by_quarter],
        },
        {
            "heading": t("team.obstacles"),
            "columns": [
                t("field.conditions.obstacles.obstacle"),
                t("team.number"),
                t("field.talk.employee"),
            ],
            "rows": [
                [o.text, str(len(o.employees)), ", ".join(o.employees)] for o in summary.obstacles
            ],
        },
        {
            "heading": t("team.follow_ups"),
            "columns": [t("field.follow_up.date"), t("field.talk.employee"), t("team.state")],
            "rows": [
                [f.date.isoformat(), f.employee, t("team.overdue") if f.overdue else t("team.due")]
                for f in summary.follow_ups
            ],
        },
        {
            "heading": t("team.needs"),
            "columns": [
                t("field.talk.employee"),
                t("field.development.kind"),
                t("field.development.what"),
                t("field.development.when"),
                t("team.quarter"),
            ],
            "rows": [
                [
                    n.employee,
                    _kind(n.kind, lang),
                    " ".join(n.what.split()),
                    n.when,
                    _quarter(n.quarter, lang),
                ]
                for n in summary.needs
            ],
        },
    ]
