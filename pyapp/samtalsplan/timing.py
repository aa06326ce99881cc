"""When a development item is planned, read from the free text a person wrote.

The "När" field is free text: "2027-03-15", "mars 2027", "Q2 2027",
"januari–juni 2027", "våren 2027", "vecka 12", "när det finns tid". The team
view places each item in the quarters its text names, and never guesses: a
text it cannot read as a time is shown as written, never as some quarter.

The rules:
- An ISO date or month, a month's name, a quarter ("Q2", "kv 2", "kvartal 2",
  "quarter 2"), a week ("vecka 12", "v. 12", "week 12") or a year names a time.
  Several of them name the span from the first to the last ("januari–juni 2027"
  covers 2027-Q1 to 2027-Q2).
- A season keeps its own name, with the months it covers: spring is March to
  May, summer June to August, autumn September to November, winter December to
  February ("vintern 2027" is December 2026 to February 2027, the winter whose
  new year is 2027). A season so spans two quarters; it is never put in one.
- A time without a year takes the year from the talk: the first such time that
  does not end before the talk's month ("i maj" after a talk in December 2026
  is May 2027). Without a talk date it is shown as written.
- A bound ("före mars", "senast juni", "after the summer", "by Q3") around one
  time says when it must be done by or may start, not when it is: shown as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from .i18n import translate

Month = tuple[int, int]  # (year, month)

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
# Each season's first and last month; winter's first month is in the year before.
SEASON_MONTHS: Final = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}
_SEASONS: Final = {
    **dict.fromkeys(("vår", "våren", "spring"), "spring"),
    **dict.fromkeys(("sommar", "sommaren", "summer"), "summer"),
    **dict.fromkeys(("höst", "hösten", "autumn", "fall"), "autumn"),
    **dict.fromkeys(("vinter", "vintern", "winter"), "winter"),
}
_BOUNDS: Final = frozenset(
    ("före", "innan", "senast", "tidigast", "efter", "tills", "before", "by", "until", "after")
)
_TOKEN: Final = re.compile(
    r"(?P<date>\b(?P<date_year>20\d\d)-(?P<date_month>\d\d)-\d\d\b)"
    r"|(?P<month>\b(?P<month_year>20\d\d)-(?P<month_number>\d\d)\b)"
    r"|(?P<week>\b(?:v\.?|vecka|week)\s*(?P<week_number>\d{1,2})\b)"
    r"|(?P<quarter>\b(?:q|kv\.?|kvartal|quarter)\s*(?P<quarter_number>[1-4])\b)"
    r"|(?P<year>\b20\d\d\b)"
    r"|(?P<word>[^\W\d_]+)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Timing:
    """The time a text names: the first and last month it covers (``start``,
    ``end``, both set or both None), and the season if it named one. ``written``:
    there is text, but no time to read from it (shown as written). All None and
    not written: no time was given."""

    start: Month | None = None
    end: Month | None = None
    season: str = ""
    written: bool = False

    @property
    def order(self) -> tuple[int, Month, Month]:
        """For sorting: timed first, earliest first; then as written; then none."""
        if self.start and self.end:
            return (0, self.start, self.end)
        return (1 if self.written else 2, (0, 0), (0, 0))

    def first_day(self) -> date | None:
        return date(*self.start, 1) if self.start else None

    def last_day(self) -> date | None:
        if not self.end:
            return None
        year, month = self.end
        return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)

    def in_quarters(self) -> Timing:
        """The same time widened to whole quarters (a season stays itself): what
        the team view counts by, so "mars 2027" and "Q1 2027" count together."""
        if self.season or not (self.start and self.end):
            return self
        (y1, m1), (y2, m2) = self.start, self.end
        return Timing(start=(y1, m1 - (m1 - 1) % 3), end=(y2, m2 + 2 - (m2 - 1) % 3))

    def label(self, lang: str) -> str:
        """ "2027-Q1", "2027-Q1–Q2", "2027", "våren 2027 (mars–maj)", or what stands
        in for no time or a time as written."""
        if not (self.start and self.end):
            return translate("team.as_written" if self.written else "team.no_quarter", lang)
        if self.season:
            year = self.end[0]
            return translate(f"team.season.{self.season}", lang, year=year, previous=year - 1)
        return _quarters(self.start, self.end)


def _quarters(start: Month, end: Month) -> str:
    (y1, m1), (y2, m2) = start, end
    q1, q2 = (m1 - 1) // 3 + 1, (m2 - 1) // 3 + 1
    if q1 == 1 and q2 == 4:
        return str(y1) if y1 == y2 else f"{y1}–{y2}"
    if (y1, q1) == (y2, q2):
        return f"{y1}-Q{q1}"
    if y1 == y2:
        return f"{y1}-Q{q1}–Q{q2}"
    return f"{y1}-Q{q1}–{y2}-Q{q2}"


@dataclass(frozen=True, slots=True)
class _Point:
    """A time named in the text: its months (``first`` may be 12 with ``last`` in
    the next year, for winter), its year if written beside it, and its place."""

    first: int
    last: int
    year: int | None
    at: int
    season: str = ""
    week: int = 0

    def span(self, year: int) -> tuple[Month, Month] | None:
        if self.week:
            try:
                month = date.fromisocalendar(year, self.week, 4).month  # the week's Thursday
            except ValueError:
                return None
            return (year, month), (year, month)
        if self.first > self.last:  # winter: December of the year before
            return (year - 1, self.first), (year, self.last)
        return (year, self.first), (year, self.last)


def timing(when: str, talk: date | None = None) -> Timing:
    """The time ``when`` names (see the module's rules); ``talk`` gives the year
    to a time written without one."""
    text = when.strip()
    if not text:
        return Timing()
    points: list[_Point] = []
    years: list[tuple[int, int]] = []  # (place, year)
    bound = False
    for match in _TOKEN.finditer(text):
        at = match.start()
        if match["date"] or match["month"]:
            year = int(match["date_year"] or match["month_year"])
            month = int(match["date_month"] or match["month_number"])
            if not 1 <= month <= 12:
                return Timing(written=True)
            points.append(_Point(month, month, year, at))
        elif match["week"]:
            week = int(match["week_number"])
            if not 1 <= week <= 53:
                return Timing(written=True)
            points.append(_Point(1, 1, None, at, week=week))
        elif match["quarter"]:
            number = int(match["quarter_number"])
            points.append(_Point(3 * number - 2, 3 * number, None, at))
        elif match["year"]:
            years.append((at, int(match["year"])))
        else:
            word = match["word"].lower()
            if word in _MONTHS:
                points.append(_Point(_MONTHS[word], _MONTHS[word], None, at))
            elif word in _SEASONS:
                season = _SEASONS[word]
                first, last = SEASON_MONTHS[season]
                points.append(_Point(first, last, None, at, season=season))
            elif word in _BOUNDS:
                bound = True
    if not points:
        if not years or bound:
            return Timing(written=True)
        first_year, last_year = min(y for _, y in years), max(y for _, y in years)
        return Timing(start=(first_year, 1), end=(last_year, 12))
    if bound and len(points) == 1:
        return Timing(written=True)
    spans = []
    for point in points:
        span = _placed(point, years, talk)
        if span is None:
            return Timing(written=True)
        spans.append(span)
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    season = points[0].season if len(points) == 1 else ""
    return Timing(start=start, end=end, season=season)


def _placed(
    point: _Point, years: list[tuple[int, int]], talk: date | None
) -> tuple[Month, Month] | None:
    """The point's months in a year: its own, the nearest year written after it
    (else before it), or the first that does not end before the talk."""
    year = point.year
    if year is None and years:
        after = [y for at, y in years if at > point.at]
        year = after[0] if after else [y for at, y in years if at < point.at][-1]
    if year is not None:
        return point.span(year)
    if talk is None:
        return None
    for candidate in (talk.year, talk.year + 1, talk.year + 2):
        span = point.span(candidate)
        if span and span[1] >= (talk.year, talk.month):
            return span
    return None
