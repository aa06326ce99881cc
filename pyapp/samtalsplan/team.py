"""The team view: many plans at once, aggregated for the manager and HR.

What needs attention (no follow-up booked, actions overdue, not agreed,
changed since the agreement), the period's counts, competence development by
kind and by the quarters it names, obstacles that recur across the team, the
follow-ups that are due, and every development item, obstacle, action and
follow-up one row each for the workbook. Pure functions over plans; the page
and the CLI read the files and pass them in, and take CSV or Markdown out
(the workbook is ``samtalsplan.workbook``).

The period is the set of plans loaded: its counts are over all of them. When
their talks span more than a year (the latest more than twelve months after
the earliest), the view says so and counts each calendar year apart too.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Final

from .agreement import AgreementStatus, status
from .dates import add_months, parse_date
from .filename import slug
from .i18n import plural, translate
from .markdown import escape
from .model import DevelopmentKind, Owner, Plan, Status
from .timing import Timing, timing

DUE_WITHIN: Final = timedelta(days=30)
_FINISHED: Final = frozenset((Status.DONE, Status.DROPPED))


class Flag(StrEnum):
    """Why a plan needs attention, in the order the view lists them."""

    NO_FOLLOW_UP = "no_follow_up"  # neither a follow-up date nor a check-in's next date
    OVERDUE_ACTIONS = "overdue_actions"  # an action past its date, not done or dropped
    NOT_AGREED = "not_agreed"  # no fingerprint: the two have not agreed yet
    CHANGED = "changed"  # the content changed after the agreement


class FollowUpState(StrEnum):
    OVERDUE = "overdue"
    DUE = "due"  # within 30 days
    LATER = "later"
    NONE = "none"  # none booked


@dataclass(frozen=True, slots=True)
class Need:
    """One development item of one employee, with the time its text names."""

    employee: str
    unit: str
    talk: date | None
    kind: DevelopmentKind | None
    what: str
    when: str
    timing: Timing
    source: str = ""


@dataclass(frozen=True, slots=True)
class Obstacle:
    """An obstacle, as written, and the employees whose plans name it."""

    text: str
    employees: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ObstacleRow:
    """One obstacle of one plan; ``named_by``: how many plans name the same one."""

    employee: str
    text: str
    need: str
    owner: Owner | None
    named_by: int
    source: str = ""


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One action of one plan, with its status at the latest check-in."""

    employee: str
    what: str
    owner: Owner | None
    due: date | None
    due_text: str  # as written, when it is no date
    status: Status | None
    overdue: bool
    source: str = ""


@dataclass(frozen=True, slots=True)
class FollowUpDue:
    employee: str
    date: date
    overdue: bool


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    """One plan's follow-ups: planned at the talk, held so far, and the next."""

    employee: str
    talk: date | None
    planned: date | None
    held: int
    last_held: date | None
    next: date | None
    state: FollowUpState
    source: str = ""


@dataclass(frozen=True, slots=True)
class Attention:
    """A plan that needs attention, why, and which of its actions are overdue."""

    employee: str
    talk: date | None
    flags: tuple[Flag, ...]
    overdue: tuple[ActionRow, ...]
    source: str = ""


@dataclass(frozen=True, slots=True)
class PeriodCount:
    """Counts over the plans of a period: all loaded (``year`` None, ``whole``),
    one calendar year of talks, or the plans without a talk date."""

    whole: bool
    year: int | None
    first: date | None
    last: date | None
    plans: int
    agreed: int  # agreed and unchanged since
    changed: int
    not_agreed: int
    followed_up: int  # at least one check-in recorded


@dataclass(frozen=True, slots=True)
class TeamSummary:
    plans: int
    today: date
    unit: str  # the unit the plans name, if they all name the same one
    needs: tuple[Need, ...]
    by_kind: tuple[tuple[DevelopmentKind | None, int], ...]
    by_quarter: tuple[tuple[Timing, int], ...]  # in whole quarters; timed first, earliest first
    obstacles: tuple[Obstacle, ...]  # recurring first, then by text
    follow_ups: tuple[FollowUpDue, ...]  # due within 30 days or overdue, soonest first
    attention: tuple[Attention, ...]  # in the order the plans came
    periods: tuple[PeriodCount, ...]  # all plans first, then per year if they span more than one
    spans_years: bool
    obstacle_rows: tuple[ObstacleRow, ...]
    actions: tuple[ActionRow, ...]
    follow_up_rows: tuple[FollowUpRow, ...]


def next_follow_up(plan: Plan) -> date | None:
    """The follow-up the plan has booked and not yet held: the latest check-in's
    next date; before any check-in, the follow-up date set at the talk (which
    also stands while it is later than the latest check-in)."""
    held = [c for c in plan.check_ins if not c.is_blank()]
    planned = parse_date(plan.follow_up.date)
    if not held:
        return planned
    booked = parse_date(held[-1].next_date)
    if booked:
        return booked
    last = parse_date(held[-1].date)
    return planned if planned and last and planned > last else None


def _last_statuses(plan: Plan) -> dict[str, Status | None]:
    """Each action's status at the latest check-in that lists it, by its text."""
    last: dict[str, Status | None] = {}
    for check_in in plan.check_ins:
        for item in check_in.statuses:
            last[item.action.strip()] = item.status
    return last


def _normalised(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".")


def _unit(plans: Sequence[Plan]) -> str:
    """The unit the plans name, if every plan that names one names the same."""
    units = {_normalised(p.talk.unit): p.talk.unit.strip() for p in plans if p.talk.unit.strip()}
    return next(iter(units.values())) if len(units) == 1 else ""


def summarize(plans: Sequence[Plan], today: date, sources: Sequence[str] = ()) -> TeamSummary:
    """The team's view over ``plans``, judged against ``today``; ``sources`` names
    the file each plan came from, in the same order (optional)."""
    names = [*sources, *[""] * (len(plans) - len(sources))]
    needs: list[Need] = []
    obstacles: dict[str, tuple[str, list[str]]] = {}
    obstacle_plans: list[tuple[str, str, str, Owner | None, str, str]] = []
    follow_ups: list[FollowUpDue] = []
    attention: list[Attention] = []
    actions: list[ActionRow] = []
    follow_up_rows: list[FollowUpRow] = []
    counted: list[tuple[date | None, AgreementStatus, bool]] = []
    for plan, source in zip(plans, names, strict=True):
        employee = plan.talk.employee.strip()
        talk = parse_date(plan.talk.date)
        for item in plan.development:
            if item.is_blank():
                continue
            needs.append(
                Need(
                    employee,
                    plan.talk.unit.strip(),
                    talk,
                    item.kind,
                    " ".join(item.what.split()),
                    item.when.strip(),
                    timing(item.when, talk),
                    source,
                )
            )
        for obstacle in plan.conditions.obstacles:
            if obstacle.obstacle.strip():
                key = _normalised(obstacle.obstacle)
                text = " ".join(obstacle.obstacle.split())
                _, named = obstacles.setdefault(key, (text, []))
                named.append(employee)
                obstacle_plans.append(
                    (employee, key, text, obstacle.owner, " ".join(obstacle.need.split()), source)
                )

        last = _last_statuses(plan)
        own: list[ActionRow] = []
        for action in plan.actions:
            if action.is_blank():
                continue
            due = parse_date(action.due)
            state = last.get(action.what.strip())
            late = due is not None and due < today and state not in _FINISHED
            own.append(
                ActionRow(
                    employee,
                    " ".join(action.what.split()),
                    action.owner,
                    due,
                    "" if due else action.due.strip(),
                    state,
                    late,
                    source,
                )
            )
        actions.extend(own)

        booked = next_follow_up(plan)
        if booked and booked <= today + DUE_WITHIN:
            follow_ups.append(FollowUpDue(employee, booked, booked < today))
        held = [c for c in plan.check_ins if not c.is_blank()]
        follow_up_rows.append(
            FollowUpRow(
                employee,
                talk,
                parse_date(plan.follow_up.date),
                len(held),
                max((d for c in held if (d := parse_date(c.date))), default=None),
                booked,
                _follow_up_state(booked, today),
                source,
            )
        )

        agreement = status(plan)
        flags = [
            *([Flag.NO_FOLLOW_UP] if booked is None else []),
            *([Flag.OVERDUE_ACTIONS] if any(a.overdue for a in own) else []),
            *([Flag.NOT_AGREED] if agreement is AgreementStatus.NONE else []),
            *([Flag.CHANGED] if agreement is AgreementStatus.CHANGED else []),
        ]
        if flags:
            late_actions = tuple(a for a in own if a.overdue)
            attention.append(Attention(employee, talk, tuple(flags), late_actions, source))
        counted.append((talk, agreement, bool(held)))

    kinds = Counter(need.kind for need in needs)
    quarters = Counter(need.timing.in_quarters() for need in needs)
    periods, spans_years = _periods(counted)
    return TeamSummary(
        plans=len(plans),
        today=today,
        unit=_unit(plans),
        needs=tuple(needs),
        by_kind=tuple((kind, kinds[kind]) for kind in [*DevelopmentKind, None] if kinds[kind]),
        by_quarter=tuple(sorted(quarters.items(), key=lambda q: q[0].order)),
        obstacles=tuple(
            sorted(
                (Obstacle(text, tuple(named)) for text, named in obstacles.values()),
                key=lambda o: (-len(o.employees), o.text.casefold()),
            )
        ),
        follow_ups=tuple(sorted(follow_ups, key=lambda f: (f.date, f.employee))),
        attention=tuple(attention),
        periods=periods,
        spans_years=spans_years,
        obstacle_rows=tuple(
            ObstacleRow(employee, text, need, owner, len(obstacles[key][1]), source)
            for employee, key, text, owner, need, source in obstacle_plans
        ),
        actions=tuple(actions),
        follow_up_rows=tuple(follow_up_rows),
    )


def _follow_up_state(booked: date | None, today: date) -> FollowUpState:
    if booked is None:
        return FollowUpState.NONE
    if booked < today:
        return FollowUpState.OVERDUE
    return FollowUpState.DUE if booked <= today + DUE_WITHIN else FollowUpState.LATER


def _periods(
    counted: list[tuple[date | None, AgreementStatus, bool]],
) -> tuple[tuple[PeriodCount, ...], bool]:
    """All plans as one period; and each calendar year apart when the talks span
    more than a year (the plans without a talk date last)."""

    def count(
        whole: bool, year: int | None, rows: list[tuple[date | None, AgreementStatus, bool]]
    ) -> PeriodCount:
        dates = [talk for talk, _, _ in rows if talk]
        return PeriodCount(
            whole=whole,
            year=year,
            first=min(dates, default=None),
            last=max(dates, default=None),
            plans=len(rows),
            agreed=sum(a is AgreementStatus.AGREED for _, a, _ in rows),
            changed=sum(a is AgreementStatus.CHANGED for _, a, _ in rows),
            not_agreed=sum(a is AgreementStatus.NONE for _, a, _ in rows),
            followed_up=sum(held for _, _, held in rows),
        )

    whole = count(True, None, counted)
    spans = bool(whole.first and whole.last and whole.last > add_months(whole.first, 12))
    if not spans:
        return (whole,), False
    years = sorted({talk.year for talk, _, _ in counted if talk})
    rows = [count(False, y, [r for r in counted if r[0] and r[0].year == y]) for y in years]
    undated = [r for r in counted if r[0] is None]
    if undated:
        rows.append(count(False, None, undated))
    return (whole, *rows), True


def export_name(summary: TeamSummary, extension: str) -> str:
    """``team-kundtjänst-2026-12-01.xlsx``: the unit the plans share, if they do,
    and the day of the export."""
    parts = ["team", slug(summary.unit), summary.today.isoformat()]
    return "-".join(part for part in parts if part) + "." + extension


def exported_texts(plan: Plan, workbook: bool = False) -> Iterator[tuple[str, str]]:
    """The texts of ``plan`` that the team view's files carry, with their paths;
    the workbook also carries what each obstacle needs and the actions."""
    for i, item in enumerate(plan.development):
        for name in ("what", "when"):
            yield f"development[{i}].{name}", getattr(item, name)
    for i, obstacle in enumerate(plan.conditions.obstacles):
        yield f"conditions.obstacles[{i}].obstacle", obstacle.obstacle
        if workbook:
            yield f"conditions.obstacles[{i}].need", obstacle.need
    if workbook:
        for i, action in enumerate(plan.actions):
            yield f"actions[{i}].what", action.what


# Words ---------------------------------------------------------------------------


def kind_name(kind: DevelopmentKind | None, lang: str) -> str:
    return translate(f"choice.DevelopmentKind.{kind.value}" if kind else "md.not_set", lang)


def owner_name(owner: Owner | None, lang: str) -> str:
    return translate(f"choice.Owner.{owner.value}" if owner else "md.not_set", lang)


def status_name(state: Status | None, lang: str) -> str:
    return translate(f"choice.Status.{state.value}" if state else "team.no_status", lang)


def employee_name(employee: str, lang: str) -> str:
    return employee or translate("team.no_name", lang)


def flag_text(attention: Attention, flag: Flag, lang: str) -> str:
    """One reason in words: "2 åtgärder är försenade" counts them."""
    if flag is Flag.OVERDUE_ACTIONS:
        return plural("team.flag.overdue_actions", len(attention.overdue), lang)
    return translate(f"team.flag.{flag.value}", lang)


def reasons(attention: Attention, lang: str) -> str:
    return "; ".join(flag_text(attention, flag, lang) for flag in attention.flags)


def period_name(period: PeriodCount, lang: str) -> str:
    if period.whole:
        return translate("team.period.all", lang)
    return str(period.year) if period.year else translate("team.period.undated", lang)


def period_note(summary: TeamSummary, lang: str) -> str:
    """What the counts cover: the talks' first and last date, and a word when they span years."""
    whole = summary.periods[0]
    if not (whole.first and whole.last):
        return translate("team.period.no_dates", lang)
    key = "team.period.spans_years" if summary.spans_years else "team.period.span"
    return translate(key, lang, first=whole.first.isoformat(), last=whole.last.isoformat())


def follow_up_state_name(state: FollowUpState, lang: str) -> str:
    return translate(f"team.follow_up_state.{state.value}", lang)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


# Markdown --------------------------------------------------------------------------


def render_team_markdown(summary: TeamSummary, lang: str = "sv") -> str:
    """The team view as a Markdown document."""
    return "\n".join(_team_lines(summary, lang)).rstrip() + "\n"


def _table(columns: list[str], rows: list[list[str]]) -> Iterator[str]:
    yield "| " + " | ".join(columns) + " |"
    yield "|" + " --- |" * len(columns)
    for row in rows:
        yield "| " + " | ".join(row) + " |"


def _team_lines(summary: TeamSummary, lang: str) -> Iterator[str]:
    def t(key: str, **params: object) -> str:
        return translate(key, lang, **params)

    yield f"# {t('team.title')}"
    yield ""
    yield plural("team.count", summary.plans, lang)
    yield ""
    yield f"## {t('team.attention')}"
    yield ""
    if summary.attention:
        yield from _table(
            [t("field.talk.employee"), t("team.file"), t("team.attention")],
            [
                [
                    escape(employee_name(a.employee, lang)),
                    escape(a.source),
                    escape(reasons(a, lang)),
                ]
                for a in summary.attention
            ],
        )
    else:
        yield t("team.attention_none")
    yield ""
    yield f"## {t('team.period')}"
    yield ""
    yield period_note(summary, lang)
    yield ""
    yield from _table(_period_columns(lang), [_period_cells(p, lang) for p in summary.periods])
    yield ""
    yield f"## {t('team.by_kind')}"
    yield ""
    if summary.by_kind:
        yield from _table(
            [t("field.development.kind"), t("team.number")],
            [[kind_name(kind, lang), str(count)] for kind, count in summary.by_kind],
        )
    else:
        yield t("md.nothing")
    yield ""
    yield f"## {t('team.by_quarter')}"
    yield ""
    if summary.by_quarter:
        yield from _table(
            [t("team.quarter"), t("team.number")],
            [[value.label(lang), str(count)] for value, count in summary.by_quarter],
        )
    else:
        yield t("md.nothing")
    yield ""
    yield f"## {t('team.needs')}"
    yield ""
    if summary.needs:
        yield from _table(
            [
                t("field.talk.employee"),
                t("field.development.kind"),
                t("field.development.what"),
                t("field.development.when"),
                t("team.quarter"),
            ],
            [
                [
                    escape(employee_name(need.employee, lang)),
                    kind_name(need.kind, lang),
                    escape(need.what),
                    escape(need.when),
                    need.timing.label(lang),
                ]
                for need in summary.needs
            ],
        )
    else:
        yield t("md.nothing")
    yield ""
    yield f"## {t('team.obstacles')}"
    yield ""
    for obstacle in summary.obstacles:
        names = ", ".join(escape(employee_name(name, lang)) for name in obstacle.employees)
        yield f"- {escape(obstacle.text)} ({t('team.named_by', count=len(obstacle.employees), names=names)})"
    if not summary.obstacles:
        yield t("md.nothing")
    yield ""
    yield f"## {t('team.follow_ups')}"
    yield ""
    for due in summary.follow_ups:
        late = f" **{t('team.overdue')}**" if due.overdue else ""
        yield f"- {due.date.isoformat()}: {escape(employee_name(due.employee, lang))}{late}"
    if not summary.follow_ups:
        yield t("md.nothing")
    yield ""


def _period_columns(lang: str) -> list[str]:
    return [
        translate(key, lang)
        for key in (
            "team.period",
            "team.period.first",
            "team.period.last",
            "team.period.plans",
            "team.period.agreed",
            "team.period.changed",
            "team.period.not_agreed",
            "team.period.followed_up",
        )
    ]


def _period_cells(period: PeriodCount, lang: str) -> list[str]:
    numbers = (period.plans, period.agreed, period.changed, period.not_agreed, period.followed_up)
    return [period_name(period, lang), _iso(period.first), _iso(period.last), *map(str, numbers)]


# CSV -------------------------------------------------------------------------------


def safe_cell(value: str) -> str:
    """A spreadsheet would run a cell starting with = + - @ as a formula (CSV
    injection); a leading apostrophe keeps it text."""
    return "'" + value if is_formula_like(value) else value


def is_formula_like(value: str) -> bool:
    return value[:1] in ("=", "+", "-", "@", "\t", "\r")


def render_team_csv(summary: TeamSummary, lang: str = "sv") -> str:
    """The team's development items, one row each, as Swedish Excel opens CSV:
    a byte order mark (else Excel reads the ANSI code page, and "ö" breaks),
    ";" between cells (Excel splits at the list separator of the computer's
    region, which is ";" in Sweden and wherever "," is the decimal sign), and
    CRLF line ends (RFC 4180)."""
    import csv  # here, not at the top: it took 10 ms of every planner start in the browser

    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")

    def t(key: str) -> str:
        return translate(key, lang)

    writer.writerow(
        [
            t("field.talk.employee"),
            t("field.talk.unit"),
            t("field.talk.date"),
            t("field.development.kind"),
            t("field.development.what"),
            t("field.development.when"),
            t("team.quarter"),
            t("team.file"),
        ]
    )
    for need in summary.needs:
        writer.writerow(
            [
                safe_cell(v)
                for v in (
                    need.employee,
                    need.unit,
                    _iso(need.talk),
                    kind_name(need.kind, lang),
                    need.what,
                    need.when,
                    need.timing.label(lang),
                    need.source,
                )
            ]
        )
    return out.getvalue()


# The page's tables -------------------------------------------------------------------


def team_tables(summary: TeamSummary, lang: str = "sv") -> list[dict[str, object]]:
    """The team view as plain tables (heading, columns, rows of text; a note
    under the heading, and what to say when there are no rows) for a page to show."""

    def t(key: str, **params: object) -> str:
        return translate(key, lang, **params)

    nothing = t("ui.team_nothing")
    return [
        {
            "heading": t("team.attention"),
            "note": "",
            "empty": t("team.attention_none"),
            "columns": [t("field.talk.employee"), t("team.file"), t("team.attention")],
            "rows": [
                [employee_name(a.employee, lang), a.source, reasons(a, lang)]
                for a in summary.attention
            ],
        },
        {
            "heading": t("team.period"),
            "note": period_note(summary, lang),
            "empty": nothing,
            # The note gives the dates; the workbook and the Markdown have them per row.
            "columns": [c for i, c in enumerate(_period_columns(lang)) if i not in (1, 2)],
            "rows": [[c for i, c in enumerate(_period_cells(p, lang)) if i not in (1, 2)] for p in summary.periods],
        },
        {
            "heading": t("team.by_kind"),
            "note": "",
            "empty": nothing,
            "columns": [t("field.development.kind"), t("team.number")],
            "rows": [[kind_name(kind, lang), str(count)] for kind, count in summary.by_kind],
        },
        {
            "heading": t("team.by_quarter"),
            "note": "",
            "empty": nothing,
            "columns": [t("team.quarter"), t("team.number")],
            "rows": [[q.label(lang), str(count)] for q, count in summary.by_quarter],
        },
        {
            "heading": t("team.obstacles"),
            "note": "",
            "empty": nothing,
            "columns": [
                t("field.conditions.obstacles.obstacle"),
                t("team.number"),
                t("field.talk.employee"),
            ],
            "rows": [
                [
                    o.text,
                    str(len(o.employees)),
                    ", ".join(employee_name(e, lang) for e in o.employees),
                ]
                for o in summary.obstacles
            ],
        },
        {
            "heading": t("team.follow_ups"),
            "note": "",
            "empty": nothing,
            "columns": [t("field.follow_up.date"), t("field.talk.employee"), t("team.state")],
            "rows": [
                [
                    f.date.isoformat(),
                    employee_name(f.employee, lang),
                    t("team.overdue") if f.overdue else t("team.due"),
                ]
                for f in summary.follow_ups
            ],
        },
        {
            "heading": t("team.needs"),
            "note": "",
            "empty": nothing,
            "columns": [
                t("field.talk.employee"),
                t("field.development.kind"),
                t("field.development.what"),
                t("field.development.when"),
                t("team.quarter"),
            ],
            "rows": [
                [
                    employee_name(n.employee, lang),
                    kind_name(n.kind, lang),
                    n.what,
                    n.when,
                    n.timing.label(lang),
                ]
                for n in summary.needs
            ],
        },
    ]
