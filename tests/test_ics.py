"""The follow-up as an iCalendar file: RFC 5545 as the icalendar package reads it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest

from samtalsplan import CheckIn, FollowUp, Plan, PlanError, Talk, parse
from samtalsplan.ics import escape_text, fold, render_ics

FIXTURES = Path(__file__).parent / "fixtures"
FULL = parse((FIXTURES / "valid" / "full.json").read_text(encoding="utf-8"))
NOW = datetime(2026, 12, 3, 15, 4, 5, tzinfo=UTC)


def event_of(text: str) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(text)
    (event,) = calendar.walk("VEVENT")
    return event


def test_the_event_is_on_the_follow_up_date_with_uid_and_dtstamp() -> None:
    text = render_ics(FULL, "sv", NOW)
    calendar = icalendar.Calendar.from_ical(text)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    event = event_of(text)
    assert event.decoded("DTSTART") == date(2027, 3, 10)
    assert event.decoded("DTEND") == date(2027, 3, 11)
    assert event.decoded("DTSTAMP") == NOW
    assert str(event["UID"]).endswith("@samtalsplan")
    assert str(event["SUMMARY"]) == "Uppföljning av medarbetarsamtalet med Åsa Öberg"
    description = str(event["DESCRIPTION"])
    assert "- Boka första mötet med mentorn (Medarbetaren), 2027-01-15" in description.splitlines()


def test_the_uid_is_stable_so_a_new_download_updates_the_event() -> None:
    later = replace(FULL, follow_up=FollowUp(date="2027-04-01"))
    assert event_of(render_ics(FULL, "sv", NOW))["UID"] == event_of(render_ics(later, "en"))["UID"]


def test_a_check_in_moves_the_event_to_the_next_date() -> None:
    plan = replace(FULL, check_ins=(CheckIn(date="2027-03-10", next_date="2027-06-09"),))
    assert event_of(render_ics(plan, "sv", NOW)).decoded("DTSTART") == date(2027, 6, 9)


def test_lines_end_in_crlf_and_fold_at_75_octets_of_utf8() -> None:
    plan = replace(FULL, talk=replace(FULL.talk, employee="Åsa Öberg-Ångström " * 8))
    raw = render_ics(plan, "sv", NOW).encode("utf-8")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines), "the long summary was folded"
    for line in lines:
        line.decode("utf-8")  # no character was split between two lines
    assert str(event_of(raw.decode("utf-8"))["SUMMARY"]).endswith(("Åsa Öberg-Ångström " * 8).strip())


def test_fold_never_splits_a_character() -> None:
    folded = fold("X:" + "å" * 100)  # 2 + 72 octets; then a space and 37 å; then a space and 27
    assert [len(part.encode("utf-8")) for part in folded.split("\r\n")] == [74, 75, 55]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [("a;b,c", "a\\;b\\,c"), ("back\\slash", "back\\\\slash"), ("two\nlines\r\nhere", "two\\nlines\\nhere")],
)
def test_text_is_escaped(text: str, escaped: str) -> None:
    assert escape_text(text) == escaped


def test_special_characters_survive_a_round_trip() -> None:
    plan = replace(FULL, talk=replace(FULL.talk, employee="Bo; Ek, \\ Jr"))
    assert str(event_of(render_ics(plan, "en", NOW))["SUMMARY"]).endswith("Bo; Ek, \\ Jr")


def test_no_date_is_a_clear_error() -> None:
    with pytest.raises(PlanError) as raised:
        render_ics(Plan(talk=Talk(employee="Bo")), "en")
    assert raised.value.message("en") == "The plan has no follow-up date. Write a date under Follow-up first."
