"""The team's Excel workbook, read back with openpyxl as Excel would open it."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from samtalsplan import parse
from samtalsplan.errors import PlanError
from samtalsplan.team import summarize
from samtalsplan.workbook import render_team_xlsx

FIXTURES = Path(__file__).parent / "fixtures"
TEAM = sorted(p for p in (FIXTURES / "team").glob("*.json") if not p.name.endswith(".expected.json"))
TODAY = date(2027, 3, 1)


def workbook(lang: str = "sv", evil: str = "") -> openpyxl.Workbook:
    plans = [parse(p.read_text(encoding="utf-8")) for p in TEAM]
    if evil:
        plans[0] = replace(plans[0], talk=replace(plans[0].talk, employee=evil))
    data = render_team_xlsx(summarize(plans, TODAY, [p.name for p in TEAM]), lang)
    assert data[:2] == b"PK", "an xlsx is a zip"
    return openpyxl.load_workbook(io.BytesIO(data))


def rows(sheet: object) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]  # type: ignore[attr-defined]


def test_one_sheet_each_with_its_header() -> None:
    book = workbook()
    assert book.sheetnames == [
        "Behöver uppmärksamhet",
        "Perioden",
        "Kompetensutveckling",
        "Hinder",
        "Åtgärder",
        "Uppföljningar",
    ]
    headers = {name: rows(book[name])[0] for name in book.sheetnames}
    assert headers["Behöver uppmärksamhet"] == ["Medarbetare", "Fil", "Datum för samtalet", "Behöver uppmärksamhet", "Åtgärd", "Senast"]
    assert headers["Åtgärder"] == ["Medarbetare", "Vad ska göras", "Vem", "Senast", "Läge vid senaste uppföljningen", "Försenad", "Fil"]
    assert headers["Uppföljningar"][:3] == ["Medarbetare", "Datum för samtalet", "Uppföljning enligt planen"]
    assert workbook("en").sheetnames == ["Needs attention", "The period", "Development", "Obstacles", "Actions", "Follow-ups"]


def test_headers_are_bold_frozen_and_filter() -> None:
    for sheet in workbook().worksheets:
        assert all(cell.font.bold for cell in sheet[1]), sheet.title
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:"), sheet.title
        widths = [sheet.column_dimensions[letter].width for letter in "ABC"]
        assert all(w and 8 <= w <= 62 for w in widths), (sheet.title, widths)


def test_swedish_letters_dates_and_numbers_stay_what_they_are() -> None:
    book = workbook()
    attention = rows(book["Behöver uppmärksamhet"])
    assert ["Eva Öst", "overdue-actions.json", datetime(2026, 12, 3), "2 åtgärder är försenade", "Gå kursen i ärendehantering", datetime(2027, 1, 15)] in attention
    assert ["Hans Sjöberg", "everything.json", datetime(2025, 11, 20), "Inte godkänd", None, None] in attention
    dates = [row[5] for row in book["Behöver uppmärksamhet"].iter_rows(min_row=2) if row[5].value]
    assert dates and all(cell.is_date and cell.number_format == "yyyy-mm-dd" for cell in dates)
    period = rows(book["Perioden"])
    assert period[1] == ["Alla inlästa planer", datetime(2025, 11, 20), datetime(2026, 12, 3), 7, 4, 1, 2, 3]
    assert [row[0] for row in period[2:]] == ["2025", "2026"]
    development = rows(book["Kompetensutveckling"])
    assert development[1][6:9] == ["2027-Q1–Q2", datetime(2027, 1, 1), datetime(2027, 6, 30)]
    actions = rows(book["Åtgärder"])
    assert ["Eva Öst", "Pröva delade scheman", "Båda", datetime(2027, 1, 31), "Struken", "Nej", "overdue-actions.json"] in actions
    follow_ups = {row[0]: row for row in rows(book["Uppföljningar"])[1:]}
    assert follow_ups["Bo Ek"][3:7] == [1, datetime(2027, 2, 10), datetime(2027, 5, 10), "Senare"]
    assert follow_ups["Dan Ås"][5:7] == [None, "Ingen bokad"]


def test_a_cell_that_looks_like_a_formula_stays_text() -> None:
    book = workbook(evil='=HYPERLINK("http://x","klicka")')
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if str(c.value).startswith("=")]
    assert cells, "the name is in the workbook"
    for cell in cells:
        assert cell.data_type == "s", f"{cell.parent.title}!{cell.coordinate} is {cell.data_type}"
        assert cell.quotePrefix, "stays text when someone edits the cell"


def test_the_same_plans_give_the_same_bytes() -> None:
    plans = [parse(p.read_text(encoding="utf-8")) for p in TEAM]
    assert render_team_xlsx(summarize(plans, TODAY)) == render_team_xlsx(summarize(plans, TODAY))


def test_without_xlsxwriter_the_workbook_is_refused_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)
    with pytest.raises(PlanError) as refused:
        render_team_xlsx(summarize([], TODAY))
    assert refused.value.message("sv") == "Excel-filen kunde inte skapas: paketet XlsxWriter saknas."


def test_the_cli_writes_the_workbook_and_explains_a_missing_package(tmp_path: Path) -> None:
    out = tmp_path / "team.xlsx"
    files = [str(p) for p in TEAM]
    done = subprocess.run([sys.executable, "-m", "samtalsplan", "--today", "2027-03-01", "summary", *files, "--to", "xlsx", "-o", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert openpyxl.load_workbook(out)["Behöver uppmärksamhet"]["B2"].value == "changed.json"
    # The package alone, as `pip install samtalsplan` without [xlsx] leaves it.
    hide = "import sys; sys.modules['xlsxwriter'] = None; from samtalsplan.cli import main; sys.exit(main())"
    missing = subprocess.run([sys.executable, "-c", hide, "--lang", "en", "summary", files[0], "--to", "xlsx", "-o", str(out)], capture_output=True, text=True)
    assert missing.returncode == 69
    assert missing.stderr == "samtalsplan: Excel files need the XlsxWriter package. Install it with: pip install 'samtalsplan[xlsx]'\n"
