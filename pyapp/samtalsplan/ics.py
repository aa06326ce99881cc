"""The follow-up check-in as an iCalendar file (RFC 5545), for any calendar.

One all-day event on the next check-in's date: the latest check-in's "next"
date if the plan has check-ins, else the follow-up date of the talk. The UID is
derived from the talk, so downloading again updates the same event instead of
adding a second one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from .dates import parse_date
from .errors import PlanError
from .i18n import translate
from .model import Plan

PRODID = "-//Samtalsplan//Samtalsplan//SV"


def check_in_date(plan: Plan) -> date | None:
    """The date of the next check-in, or None if the plan names none."""
    for check_in in reversed(plan.check_ins):
        if parse_date(check_in.next_date):
            return parse_date(check_in.next_date)
    return parse_date(plan.follow_up.date)


def escape_text(text: str) -> str:
    """A TEXT value, escaped as RFC 5545 section 3.3.11 says:

    text = *(TSAFE-CHAR / ":" / DQUOTE / ESCAPED-CHAR)
    ESCAPED-CHAR = ("\\\\" / "\\;" / "\\," / "\\N" / "\\n")
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line, folded as RFC 5545 section 3.1 says:

        Lines of text SHOULD NOT be longer than 75 octets, excluding the line
        break.  Long content lines SHOULD be split into a multiple line
        representations using a line "folding" technique.  That is, a long
        line can be split between any two characters by inserting a CRLF
        immediately followed by a single linear white-space character (i.e.,
        SPACE or HTAB).

    Octets, not characters: "å" is two octets in UTF-8. A character is never
    split, so a multi-octet sequence stays whole.
    """
    parts: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, 74  # continuation lines start with a space
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def render_ics(plan: Plan, lang: str = "sv", now: datetime | None = None) -> str:
    """The next check-in as a VCALENDAR with one VEVENT, lines ending in CRLF."""
    day = check_in_date(plan)
    if day is None:
        raise PlanError("ics.no_date", "follow_up.date")
    now = (now or datetime.now(UTC)).astimezone(UTC)
    return "".join(fold(line) + "\r\n" for line in _lines(plan, lang, day, now))


def _lines(plan: Plan, lang: str, day: date, now: datetime) -> Iterator[str]:
    def t(key: str, **params: object) -> str:
        return translate(key, lang, **params)

    employee = plan.talk.employee.strip() or t("md.not_set")
    talk = plan.talk
    parts = (talk.employee, talk.manager, talk.date)
    seed = "\0".join(part.strip() for part in parts)
    uid = hashlib.sha256(seed.encode("utf-8")).hexdigest()[:32]
    actions = [a for a in plan.actions if not a.is_blank()]
    description = [t("ics.description", date=plan.talk.date.strip() or t("md.not_set"))]
    description += [
        "- "
        + " ".join(a.what.split())
        + (f" ({t(f'choice.Owner.{a.owner.value}')})" if a.owner else "")
        + (f", {a.due.strip()}" if a.due.strip() else "")
        for a in actions
    ]
    yield "BEGIN:VCALENDAR"
    yield "VERSION:2.0"
    yield f"PRODID:{PRODID}"
    yield "CALSCALE:GREGORIAN"
    yield "METHOD:PUBLISH"
    yield "BEGIN:VEVENT"
    # RFC 5545 3.8.4.7: "The UID itself MUST be a globally unique identifier."
    yield f"UID:{uid}@samtalsplan"
    # RFC 5545 3.8.7.2: DTSTAMP "MUST be specified in the UTC time format".
    yield f"DTSTAMP:{now:%Y%m%dT%H%M%SZ}"
    yield f"DTSTART;VALUE=DATE:{day:%Y%m%d}"
    yield f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}"
    yield f"SUMMARY:{escape_text(t('ics.summary', employee=employee))}"
    yield f"DESCRIPTION:{escape_text(chr(10).join(description))}"
    yield "TRANSP:TRANSPARENT"
    yield "END:VEVENT"
    yield "END:VCALENDAR"
