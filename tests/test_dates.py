"""Dates: months between them, against the standard library's calendar."""

from __future__ import annotations

import calendar
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from samtalsplan.dates import add_months, parse_date


def test_a_shorter_month_gives_its_last_day() -> None:
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 12, 31), 2) == date(2027, 2, 28)
    assert add_months(date(2026, 11, 30), 1) == date(2026, 12, 30)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)), st.integers(-36, 36))
def test_add_months_agrees_with_the_calendar(day: date, months: int) -> None:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    assert add_months(day, months) == date(year, month + 1, min(day.day, last))


def test_only_whole_iso_dates_parse() -> None:
    assert parse_date(" 2026-12-01 ") == date(2026, 12, 1)
    assert parse_date("2026-02-30") is None
    assert parse_date("1/12/2026") is None
