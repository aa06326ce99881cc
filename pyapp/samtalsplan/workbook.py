"""The team view as an Excel workbook (.xlsx), the complete export for HR.

One sheet each for the plans that need attention, the period's counts, the
development items, the obstacles, the actions and the follow-ups. Each sheet
has a bold header row that stays in view and filters, dates as Excel dates
(shown as ISO dates), numbers as numbers, and columns as wide as their text.

Written with XlsxWriter, imported here, when a workbook is asked for: the
package stays stdlib-only at import, the browser loads XlsxWriter's wheel only
for this, and the CLI needs ``pip install samtalsplan[xlsx]``.

Text never becomes a formula: every text cell is written as a string, and one
that a person typing it would have made a formula (``=``, ``+``, ``-``, ``@``)
gets Excel's quote prefix, as if typed with a leading apostrophe, so it stays
text when someone edits the cell.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Final

from .errors import PlanError
from .i18n import translate
from .team import (
    Flag,
    TeamSummary,
    employee_name,
    flag_text,
    follow_up_state_name,
    is_formula_like,
    kind_name,
    owner_name,
    period_name,
    status_name,
)

MIME: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a workbook needs beyond this package: the browser fetches these wheels
# (named in the site's lockfile) before it asks for one.
NEEDS: Final = ("xlsxwriter",)
_MAX_WIDTH: Final = 60
_DATE_WIDTH: Final = 11

Cell = str | int | date | None


def render_team_xlsx(summary: TeamSummary, lang: str = "sv") -> bytes:
    """The workbook's bytes. Raises a PlanError (``team.xlsx_missing``) when
    XlsxWriter is not installed."""
    try:
        import xlsxwriter  # type: ignore[import-untyped]  # no stubs
    except ImportError:
        raise PlanError("team.xlsx_missing") from None

    def t(key: str) -> str:
        return translate(key, lang)

    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    # The day of the export as the creation date: the same plans give the same file.
    created = datetime(summary.today.year, summary.today.month, summary.today.day)
    book.set_properties({"title": t("team.title"), "created": created})
    styles = {
        "header": book.add_format({"bold": True, "bottom": 1}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "quoted": book.add_format({"quote_prefix": True}),
    }
    for name, columns, rows in _sheets(summary, lang):
        _sheet(book.add_worksheet(name), styles, columns, rows)
    book.close()
    return out.getvalue()


def _sheet(
    sheet: Any, styles: dict[str, Any], columns: Sequence[str], rows: Sequence[Sequence[Cell]]
) -> None:
    widths = [len(column) for column in columns]
    for col, column in enumerate(columns):
        sheet.write_string(0, col, column, styles["header"])
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, date):
                sheet.write_datetime(
                    r, col, datetime(value.year, value.month, value.day), styles["date"]
                )
                width = _DATE_WIDTH
            elif isinstance(value, int):
                sheet.write_number(r, col, value)
                width = len(str(value))
            else:
                style = styles["quoted"] if is_formula_like(value) else None
                sheet.write_string(r, col, value, style)
                width = len(value)
            widths[col] = max(widths[col], width)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, min(width, _MAX_WIDTH) + 2)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)


def _sheets(summary: TeamSummary, lang: str) -> list[tuple[str, list[str], list[list[Cell]]]]:
    """Each sheet's name, header and rows."""

    def t(key: str) -> str:
        return translate(key, lang)

    def yes_no(value: bool) -> str:
        return t("team.yes") if value else t("team.no")

    attention: list[list[Cell]] = []
    for a in summary.attention:
        for flag in a.flags:
            late = a.overdue if flag is Flag.OVERDUE_ACTIONS else ()
            reason = flag_text(a, flag, lang)
            if late:
                for action in late:
                    attention.append(
                        [
                            employee_name(a.employee, lang),
                            a.source,
                            a.talk,
                            reason,
                            action.what,
                            action.due,
                        ]
                    )
            else:
                attention.append(
                    [employee_name(a.employee, lang), a.source, a.talk, reason, None, None]
                )
    return [
        (
            t("team.sheet.attention"),
            [
                t("field.talk.employee"),
                t("team.file"),
                t("field.talk.date"),
                t("team.attention"),
                t("md.action"),
                t("field.actions.due"),
            ],
            attention,
        ),
        (
            t("team.sheet.period"),
            [
                t(k)
                for k in (
                    "team.period",
                    "team.period.first",
                    "team.period.last",
                    "team.period.plans",
                    "team.period.agreed",
                    "team.period.changed",
                    "team.period.not_agreed",
                    "team.period.followed_up",
                )
            ],
            [
                [
                    period_name(p, lang),
                    p.first,
                    p.last,
                    p.plans,
                    p.agreed,
                    p.changed,
                    p.not_agreed,
                    p.followed_up,
                ]
                for p in summary.periods
            ],
        ),
        (
            t("team.sheet.development"),
            [
                t("field.talk.employee"),
                t("field.talk.unit"),
                t("field.talk.date"),
                t("field.development.kind"),
                t("field.development.what"),
                t("field.development.when"),
                t("team.quarter"),
                t("team.column.from"),
                t("team.column.to"),
                t("team.file"),
            ],
            [
                [
                    employee_name(n.employee, lang),
                    n.unit,
                    n.talk,
                    kind_name(n.kind, lang),
                    n.what,
                    n.when,
                    n.timing.label(lang),
                    n.timing.first_day(),
                    n.timing.last_day(),
                    n.source,
                ]
                for n in summary.needs
            ],
        ),
        (
            t("team.sheet.obstacles"),
            [
                t("field.talk.employee"),
                t("field.conditions.obstacles.obstacle"),
                t("field.conditions.obstacles.need"),
                t("field.conditions.obstacles.owner"),
                t("team.column.named_by"),
                t("team.file"),
            ],
            [
                [
                    employee_name(o.employee, lang),
                    o.text,
                    o.need,
                    owner_name(o.owner, lang) if o.owner else None,
                    o.named_by,
                    o.source,
                ]
                for o in summary.obstacle_rows
            ],
        ),
        (
            t("team.sheet.actions"),
            [
                t("field.talk.employee"),
                t("field.actions.what"),
                t("field.actions.owner"),
                t("field.actions.due"),
                t("team.column.status"),
                t("team.column.overdue"),
                t("team.file"),
            ],
            [
                [
                    employee_name(a.employee, lang),
                    a.what,
                    owner_name(a.owner, lang) if a.owner else None,
                    a.due or a.due_text,
                    status_name(a.status, lang),
                    yes_no(a.overdue),
                    a.source,
                ]
                for a in summary.actions
            ],
        ),
        (
            t("team.sheet.follow_ups"),
            [
                t("field.talk.employee"),
                t("field.talk.date"),
                t("team.column.planned"),
                t("team.column.held"),
                t("team.column.last_held"),
                t("team.column.next"),
                t("team.state"),
                t("team.file"),
            ],
            [
                [
                    employee_name(f.employee, lang),
                    f.talk,
                    f.planned,
                    f.held,
                    f.last_held,
                    f.next,
                    follow_up_state_name(f.state, lang),
                    f.source,
                ]
                for f in summary.follow_up_rows
            ],
        ),
    ]
