"""The team view in Chromium, with real Pyodide, as HR uses it: files chosen in
two rounds add up, one is removed, what needs attention comes first, and the
workbook and the CSV download and read back as Excel would open them."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect
from samtalsplan.agreement import fingerprint
from samtalsplan.codec import from_dict, serialize

from .planner_page import CATALOGUE, ROOT, open_planner
from .test_accessibility import violations

FIXTURES = ROOT / "tests" / "fixtures"
TEAM = FIXTURES / "team"


def file(name: str, path: Path) -> dict[str, object]:
    return {"name": name, "mimeType": "application/json", "buffer": path.read_bytes()}


def overdue_file(name: str) -> dict[str, object]:
    """overdue-actions.json with its actions due years ago, sealed again: the
    page judges dates against the real today."""
    plan = json.loads((TEAM / "overdue-actions.json").read_text(encoding="utf-8"))
    for action in plan["actions"]:
        action["due"] = action["due"].replace("2026-", "2019-").replace("2027-", "2020-")
    sealed = from_dict(plan)
    sealed = replace(sealed, agreement=replace(sealed.agreement, fingerprint=fingerprint(sealed)))
    return {"name": name, "mimeType": "application/json", "buffer": serialize(sealed).encode()}


# No offline worker: it would fetch every Python file for later (sw.js), and
# this test counts what the page itself fetches.
@pytest.mark.browser_context_args(service_workers="block", accept_downloads=True)
def test_files_added_in_two_rounds_one_removed_and_the_workbook_read_back(page: Page, site_url: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    open_planner(page, f"{site_url}/team/")
    assert not [u for u in fetched if "xlsxwriter" in u], "the start does not fetch the workbook's wheel"
    chooser = page.get_by_label(CATALOGUE["ui.team_open"])

    chooser.set_input_files(files=[overdue_file("eva.json"), file("fia.json", TEAM / "not-agreed.json")])
    expect(page.get_by_text("2 filer är tillagda. 2 planer är sammanställda.", exact=True)).to_be_visible()
    # The second round adds to the first; a name chosen again replaces its file.
    chooser.set_input_files(
        files=[
            file("bo.json", TEAM / "on-track.json"),
            file("fia.json", TEAM / "changed.json"),
            file("semester.json", FIXTURES / "files" / "notes.json"),
        ]
    )
    expect(page.get_by_text(
        "3 filer är tillagda. Filen fia.json fanns redan och är ersatt av den nya. "
        "3 planer är sammanställda. 1 fil kunde inte läsas.",
        exact=True,
    )).to_be_visible()
    loaded = page.get_by_role("list", name=CATALOGUE["ui.team_files_heading"])
    expect(loaded.get_by_role("listitem")).to_have_count(4)
    expect(loaded.get_by_role("listitem").first).to_contain_text("eva.json: Eva Öst, samtalet 2026-12-03")

    attention = page.get_by_role("table", name=CATALOGUE["team.attention"])
    expect(attention.get_by_role("row")).to_have_text([
        "MedarbetareFilBehöver uppmärksamhet",
        "Eva Östeva.json3 åtgärder är försenade",
        "Gun Lindfia.jsonÄndrad efter överenskommelsen",
    ])
    headings = page.locator("[data-sp-team-results] h2")
    expect(headings.first).to_have_text(CATALOGUE["team.attention"])

    # Removing a file by its own button; the focus stays in the list.
    page.get_by_role("button", name="Ta bort eva.json").click()
    expect(page.get_by_text("Filen eva.json är borttagen. 2 planer är sammanställda. 1 fil kunde inte läsas.", exact=True)).to_be_visible()
    expect(loaded.get_by_role("listitem")).to_have_count(3)
    expect(page.get_by_role("button", name="Ta bort fia.json")).to_be_focused()
    expect(attention.get_by_role("row")).to_have_count(2)
    period = page.get_by_role("table", name=CATALOGUE["team.period"])
    expect(period.get_by_role("row").nth(1)).to_have_text("Alla inlästa planer21101")

    with page.expect_download() as workbook:
        page.get_by_role("button", name=CATALOGUE["ui.download_xlsx"]).click()
    assert workbook.value.suggested_filename.startswith("team-kundtjänst-teamledare-")
    assert workbook.value.suggested_filename.endswith(".xlsx")
    assert len([u for u in fetched if "/xlsxwriter-" in u]) == 1, "fetched when the workbook was asked for"
    book = openpyxl.load_workbook(io.BytesIO(Path(workbook.value.path()).read_bytes()))
    assert book.sheetnames[0] == "Behöver uppmärksamhet"
    rows = [list(r) for r in book["Behöver uppmärksamhet"].iter_rows(values_only=True)]
    assert rows[1][:2] == ["Gun Lind", "fia.json"]
    assert book["Behöver uppmärksamhet"]["C2"].is_date
    names = [r[0] for r in book["Åtgärder"].iter_rows(min_row=2, values_only=True)]
    assert names == ["Gun Lind", "Gun Lind", "Bo Ek", "Bo Ek"], "fia.json keeps its place when replaced"

    with page.expect_download() as second:
        page.get_by_role("button", name=CATALOGUE["ui.download_xlsx"]).click()
    assert second.value.suggested_filename == workbook.value.suggested_filename
    assert len([u for u in fetched if "/xlsxwriter-" in u]) == 1, "fetched once per visit"

    with page.expect_download() as table:
        page.get_by_role("button", name=CATALOGUE["ui.download_csv"]).click()
    data = Path(table.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "a BOM, so Excel reads UTF-8"
    cells = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=";"))
    assert cells[0][:2] == ["Medarbetare", "Enhet eller roll"]
    assert {row[0] for row in cells[1:]} == {"Bo Ek", "Gun Lind"}

    with page.expect_download() as markdown:
        page.get_by_role("button", name="Ladda ner Markdown").click()
    assert Path(markdown.value.path()).read_text(encoding="utf-8").startswith("# Teamets planer\n")

    page.get_by_role("button", name=CATALOGUE["ui.team_clear"]).click()
    expect(page.get_by_text("3 filer är borttagna. Inga filer är inlästa.", exact=True)).to_be_visible()
    expect(loaded).to_be_hidden()
    expect(chooser).to_be_focused()


@pytest.mark.browser_context_args(service_workers="block")
def test_a_wheel_that_cannot_load_is_said_and_the_page_goes_on(page: Page, site_url: str) -> None:
    page.route("**/xlsxwriter-*.whl", lambda route: route.fulfill(status=404, body="Not found"))
    open_planner(page, f"{site_url}/team/")
    page.get_by_label(CATALOGUE["ui.team_open"]).set_input_files(files=[file("bo.json", TEAM / "on-track.json")])
    page.get_by_role("button", name=CATALOGUE["ui.download_xlsx"]).click()
    expect(page.get_by_text("Filen kunde inte skapas, eftersom en del av Python-miljön (xlsxwriter)", exact=False)).to_be_visible()
    with page.expect_download() as table:
        page.get_by_role("button", name=CATALOGUE["ui.download_csv"]).click()
    assert table.value.suggested_filename.endswith(".csv")
    # Served again, the next try works.
    page.unroute("**/xlsxwriter-*.whl")
    with page.expect_download() as workbook:
        page.get_by_role("button", name=CATALOGUE["ui.download_xlsx"]).click()
    assert workbook.value.suggested_filename.endswith(".xlsx")


def test_the_english_team_page_names_its_files_in_english(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/en/team/")
    page.get_by_label("Choose the team's plan files").set_input_files(files=[file("bo.json", TEAM / "on-track.json")])
    expect(page.get_by_text("The file bo.json is added. 1 plan is compiled.", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Remove bo.json")).to_be_visible()
    expect(page.get_by_role("table", name="Needs attention")).to_have_count(0)
    expect(page.get_by_text("No plan needs attention now.", exact=True)).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.browser_context_args(service_workers="block", viewport={"width": 390, "height": 844})
def test_the_loaded_team_page_has_no_violations_on_a_phone(page: Page, site_url: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    open_planner(page, f"{site_url}/team/")
    page.get_by_label(CATALOGUE["ui.team_open"]).set_input_files(
        files=[overdue_file("eva.json"), *(file(p.name, p) for p in sorted(TEAM.glob("*.json")) if ".expected" not in p.name)]
    )
    expect(page.get_by_role("table", name=CATALOGUE["team.attention"])).to_be_visible()
    assert violations(page) == []
