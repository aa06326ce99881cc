"""Dates as people type them: ISO ``YYYY-MM-DD`` strings, and months between them."""

from __future__ import annotations

import re
from datetime import date, timedelta

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(text: str) -> date | None:
    """The date in an ISO ``YYYY-MM-DD`` string, or None if there is no such date."""
    if not _ISO_DATE.fullmatch(text.strip()):
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day if it is shorter
    (2027-01-31 plus one month is 2027-02-28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, _days_in_month(year, month + 1)))


def _days_in_month(year: int, month: int) -> int:
    # Not calendar.monthrange: importing calendar took 25 ms of every planner
    # start in the browser.
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day
