"""The team view: aggregation over many plans, what needs attention, the period's
counts, the times the free text names, and its CSV and Markdown."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from samtalsplan import (
    Conditions,
    Development,
    DevelopmentKind,
    FollowUp,
    Obstacle,
    Plan,
    Talk,
    parse,
)
from samtalsplan.team import (
    export_name,
    next_follow_up,
    render_team_csv,
    render_team_markdown,
    summarize,
    team_tables,
)
from samtalsplan.timing import timing

FIXTURES = Path(__file__).parent / "fixtures"
FULL = parse((FIXTURES / "valid" / "full.json").read_text(encoding="utf-8"))
TEAM = sorted(p for p in (FIXTURES / "team").glob("*.json") if not p.name.endswith(".expected.json"))
TODAY = date(2027, 3, 1)
TALK = date(2026, 12, 1)


# The times free text names -----------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "sv", "en"),
    [
        # ISO dates and months, month names, ranges.
        ("2027-03-15", "2027-Q1", "2027-Q1"),
        ("2027-11", "2027-Q4", "2027-Q4"),
        ("mars 2027", "2027-Q1", "2027-Q1"),
        ("in May", "2027-Q2", "2027-Q2"),  # no year: the first May from the talk on
        ("i maj", "2027-Q2", "2027-Q2"),
        ("Januari–juni 2027", "2027-Q1–Q2", "2027-Q1–Q2"),
        ("2027-03-15 till 2027-06-30", "2027-Q1–Q2", "2027-Q1–Q2"),
        ("nov 2026 – feb 2027", "2026-Q4–2027-Q1", "2026-Q4–2027-Q1"),
        # Quarters, weeks and years as written.
        ("Q2 2027", "2027-Q2", "2027-Q2"),
        ("2027 Q3", "2027-Q3", "2027-Q3"),
        ("kvartal 4 2027", "2027-Q4", "2027-Q4"),
        ("kv2", "2027-Q2", "2027-Q2"),
        ("vecka 12", "2027-Q1", "2027-Q1"),
        ("under 2027", "2027", "2027"),
        # Seasons keep their own name and months: never one quarter.
        ("våren 2027", "våren 2027 (mars–maj)", "spring 2027 (March–May)"),
        ("spring 2027", "våren 2027 (mars–maj)", "spring 2027 (March–May)"),
        ("sommaren", "sommaren 2027 (juni–augusti)", "summer 2027 (June–August)"),
        ("hösten 2027", "hösten 2027 (september–november)", "autumn 2027 (September–November)"),
        ("in the fall", "hösten 2027 (september–november)", "autumn 2027 (September–November)"),
        (
            "vintern 2027",
            "vintern 2027 (december 2026–februari 2027)",
            "winter 2027 (December 2026–February 2027)",
        ),
        # A bound, or no time at all: as written.
        ("före mars", "Som det står under När", "As written under When"),
        ("senast juni 2027", "Som det står under När", "As written under When"),
        ("by Q3", "Som det står under När", "As written under When"),
        ("när det finns tid", "Som det står under När", "As written under When"),
        ("2027-13", "Som det står under När", "As written under When"),
        ("", "Ingen tid angiven", "No time given"),
    ],
)
def test_the_time_a_text_names(when: str, sv: str, en: str) -> None:
    assert (timing(when, TALK).label("sv"), timing(when, TALK).label("en")) == (sv, en)


def test_a_time_without_a_year_follows_the_talk() -> None:
    assert timing("i maj", date(2026, 3, 1)).label("sv") == "2026-Q2"
    assert timing("vintern", date(2026, 1, 10)).first_day() == date(2025, 12, 1), "the winter under way"
    assert timing("i maj").label("sv") == "Som det står under När", "no talk date: no year to give"


def test_a_time_spans_whole_months() -> None:
    spring = timing("våren 2027")
    assert (spring.first_day(), spring.last_day()) == (date(2027, 3, 1), date(2027, 5, 31))
    assert timing("februari 2028").last_day() == date(2028, 2, 29)
    assert timing("mars 2027").in_quarters() == timing("Q1 2027"), "counted together"
    assert timing("våren 2027").in_quarters() == timing("våren 2027"), "a season stays itself"


# What needs attention ----------------------------------------------------------------


@pytest.mark.parametrize("case", TEAM, ids=lambda p: p.stem)
def test_each_reason_for_attention(case: Path) -> None:
    expected = json.loads(case.with_name(f"{case.stem}.expected.json").read_text(encoding="utf-8"))
    summary = summarize([parse(case.read_text(encoding="utf-8"))], TODAY, [case.name])
    found = [
        {"flags": [f.value for f in a.flags], "overdue": [o.what for o in a.overdue]}
        for a in summary.attention
    ]
    assert found == ([expected] if expected["flags"] else [])
    if expected["flags"]:
        assert summary.attention[0].source == case.name


def test_the_next_follow_up_is_the_one_still_to_hold() -> None:
    planned = replace(FULL, follow_up=FollowUp(date="2027-03-10"))
    assert next_follow_up(planned) == date(2027, 3, 10)
    by_check_in = parse((FIXTURES / "team" / "on-track.json").read_text(encoding="utf-8"))
    assert next_follow_up(by_check_in) == date(2027, 5, 10)
    held = parse((FIXTURES / "team" / "held-none-booked.json").read_text(encoding="utf-8"))
    assert next_follow_up(held) is None, "the follow-up set at the talk is held"


def test_attention_in_words_counts_the_actions() -> None:
    team = [parse(p.read_text(encoding="utf-8")) for p in TEAM]
    summary = summarize(team, TODAY, [p.name for p in TEAM])
    tables = {t["heading"]: t for t in team_tables(summary, "sv")}
    rows = tables["Behöver uppmärksamhet"]["rows"]
    assert ["Eva Öst", "overdue-actions.json", "2 åtgärder är försenade"] in rows
    assert [
        "Hans Sjöberg",
        "everything.json",
        "Ingen uppföljning bokad; 1 åtgärd är försenad; Inte godkänd",
    ] in rows
    assert next(iter(tables)) == "Behöver uppmärksamhet", "shown first"
    english = team_tables(summary, "en")[0]
    assert english["heading"] == "Needs attention"
    assert ["Gun Lind", "changed.json", "Changed since the agreement"] in english["rows"]
    assert team_tables(summarize([], TODAY), "sv")[0]["empty"] == "Ingen plan behöver uppmärksamhet just nu."


# The period's counts -----------------------------------------------------------------


def test_the_period_counts_plans_agreed_and_followed_up() -> None:
    team = [parse(p.read_text(encoding="utf-8")) for p in TEAM if p.stem != "everything"]
    summary = summarize(team, TODAY)
    (whole,) = summary.periods
    assert not summary.spans_years
    assert (whole.plans, whole.agreed, whole.changed, whole.not_agreed, whole.followed_up) == (6, 4, 1, 1, 3)
    assert (whole.first, whole.last) == (date(2026, 12, 3), date(2026, 12, 3))
    table = team_tables(summary, "sv")[1]
    assert table["note"] == "Samtalen har datum från 2026-12-03 till 2026-12-03."
    assert table["columns"] == ["Perioden", "Planer", "Godkända", "Ändrade efter överenskommelsen", "Inte godkända", "Uppföljda"]
    assert table["rows"] == [["Alla inlästa planer", "6", "4", "1", "1", "3"]]
    assert "| Alla inlästa planer | 2026-12-03 | 2026-12-03 | 6 | 4 | 1 | 1 | 3 |" in render_team_markdown(summary)


def test_talks_over_more_than_a_year_are_said_and_counted_per_year() -> None:
    team = [parse(p.read_text(encoding="utf-8")) for p in TEAM]
    undated = replace(FULL, talk=replace(FULL.talk, date=""))
    summary = summarize([*team, undated], TODAY)
    assert summary.spans_years
    assert [(p.whole, p.year, p.plans) for p in summary.periods] == [
        (True, None, 8),
        (False, 2025, 1),
        (False, 2026, 6),
        (False, None, 1),
    ]
    table = team_tables(summary, "en")[1]
    assert table["note"].startswith("The talks are dated from 2025-11-20 to 2026-12-03: more than a year.")
    assert [row[0] for row in table["rows"]] == ["All plans loaded", "2025", "2026", "Without a date for the talk"]


def test_twelve_months_apart_is_still_one_period() -> None:
    first = replace(FULL, talk=replace(FULL.talk, date="2026-01-15"))
    last = replace(FULL, talk=replace(FULL.talk, date="2027-01-15"))
    assert not summarize([first, last], TODAY).spans_years


# Aggregation, Markdown, CSV --------------------------------------------------------------


def plan(name: str, *, obstacles: tuple[str, ...] = (), kinds: tuple[DevelopmentKind, ...] = (), follow_up: str = "", when: str = "våren 2027") -> Plan:
    return Plan(
        talk=Talk(employee=name, date="2026-12-01", unit="Kundtjänst"),
        development=tuple(Development(kind=k, what=f"{k.value} för {name}", when=when) for k in kinds),
        conditions=Conditions(obstacles=tuple(Obstacle(obstacle=o) for o in obstacles)),
        follow_up=FollowUp(date=follow_up),
    )


def test_needs_by_kind_and_quarter_recurring_obstacles_and_follow_ups_due() -> None:
    team = [
        plan("Bo", obstacles=("För många möten.",), kinds=(DevelopmentKind.TRAINING,), follow_up="2027-02-20"),
        plan("Eva", obstacles=("för  många möten", "Gammal dator"), kinds=(DevelopmentKind.TRAINING, DevelopmentKind.MENTORING), follow_up="2027-03-15", when="mars 2027"),
        plan("Ali", follow_up="2027-06-01"),
    ]
    summary = summarize(team, today=TODAY)
    assert summary.by_kind == ((DevelopmentKind.TRAINING, 2), (DevelopmentKind.MENTORING, 1))
    assert [(q.label("sv"), n) for q, n in summary.by_quarter] == [("2027-Q1", 2), ("våren 2027 (mars–maj)", 1)]
    assert [(o.text, o.employees) for o in summary.obstacles] == [
        ("För många möten.", ("Bo", "Eva")),
        ("Gammal dator", ("Eva",)),
    ]
    assert [(o.employee, o.named_by) for o in summary.obstacle_rows] == [("Bo", 2), ("Eva", 2), ("Eva", 1)]
    assert [(f.employee, f.date.isoformat(), f.overdue) for f in summary.follow_ups] == [
        ("Bo", "2027-02-20", True),
        ("Eva", "2027-03-15", False),
    ]
    markdown = render_team_markdown(summary, "en")
    assert "| Formal training | 2 |" in markdown
    assert "| spring 2027 (March–May) | 1 |" in markdown
    assert "- 2027-02-20: Bo **overdue**" in markdown
    assert "| Bo |  | Not agreed |" in markdown
    assert "## Needs attention" in markdown and markdown.index("## Needs attention") < markdown.index("## The period")


def test_the_files_are_named_after_the_unit_the_plans_share_and_the_day() -> None:
    team = [plan("Bo"), plan("Eva"), replace(plan("Ali"), talk=Talk(employee="Ali"))]
    assert export_name(summarize(team, TODAY), "xlsx") == "team-kundtjänst-2027-03-01.xlsx"
    other = replace(plan("Ola"), talk=Talk(employee="Ola", unit="Ekonomi"))
    assert export_name(summarize([*team, other], TODAY), "csv") == "team-2027-03-01.csv"


def read_as_swedish_excel(text: str) -> list[list[str]]:
    """CSV as Swedish Excel reads it: UTF-8 when a byte order mark comes first,
    cells split at ";" (the list separator of a Swedish computer)."""
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf"), "no BOM: Excel would read the ANSI code page"
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=";"))


def test_the_csv_opens_right_in_swedish_excel() -> None:
    summary = summarize([FULL, plan("Sjöberg; Åke", kinds=(DevelopmentKind.OTHER,))], TODAY, ["asa.json", "ake.json"])
    text = render_team_csv(summary, "sv")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    rows = read_as_swedish_excel(text)
    assert rows[0] == ["Medarbetare", "Enhet eller roll", "Datum för samtalet", "Typ av insats", "Vad", "När", "Kvartal", "Fil"]
    assert rows[1] == [
        "Åsa Öberg",
        "Kundtjänst, teamledare",
        "2026-12-03",
        "Mentorskap",
        "Mentor från en annan enhet med erfarenhet av att leda team",
        "Januari–juni 2027",
        "2027-Q1–Q2",
        "asa.json",
    ]
    assert rows[2][0] == "Sjöberg; Åke", "a ; in a cell is quoted, not a new column"
    assert len(rows) == 3


def test_csv_cells_cannot_become_formulas() -> None:
    evil = replace(FULL, talk=replace(FULL.talk, employee="=HYPERLINK(\"http://x\")"))
    rows = read_as_swedish_excel(render_team_csv(summarize([evil], date(2027, 1, 1)), "sv"))
    assert rows[1][0] == "'=HYPERLINK(\"http://x\")"


def test_an_empty_team() -> None:
    markdown = render_team_markdown(summarize([], date(2027, 1, 1)))
    assert "Inget angivet." in markdown
    assert "Ingen plan har ett datum för samtalet." in markdown
