"""The preparation and follow-up pages in Chromium, with real Pyodide:
preparation → import into the planner, a follow-up recorded (the team view:
test_team.py)."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, expect

from .planner_page import CATALOGUE, ROOT, open_planner

FULL = ROOT / "tests" / "fixtures" / "valid" / "full.json"
V1 = ROOT / "tests" / "fixtures" / "versions" / "v1.json"


def test_preparation_is_imported_into_the_planner_as_proposals(page: Page, site_url: str, tmp_path: Path) -> None:
    open_planner(page, f"{site_url}/forbered-dig/")
    form = page.get_by_role("form", name=CATALOGUE["ui.preparation_label"])
    form.get_by_label("Ditt namn").fill("Åsa Öberg")
    form.get_by_label("Det viktigaste, rad 1").fill("Leda teamets veckomöten")
    form.get_by_role("button", name=CATALOGUE["add.preparation.priorities"]).click()
    form.get_by_label("Det viktigaste, rad 2").fill("Bättre rutiner för ärenden")
    form.get_by_label("Lära och stöd, rad 1").fill("Kurs i statistik")
    form.get_by_label("Lättare att lyckas, rad 1").fill("Färre avbrott under förmiddagen")
    with page.expect_download() as download:
        form.get_by_role("button", name=CATALOGUE["ui.download_preparation"]).click()
    assert download.value.suggested_filename == "forberedelse-åsa-öberg.json"
    prepared = tmp_path / download.value.suggested_filename
    download.value.save_as(prepared)
    assert json.loads(prepared.read_text(encoding="utf-8"))["priorities"] == [
        "Leda teamets veckomöten", "Bättre rutiner för ärenden"
    ]

    open_planner(page, f"{site_url}/planera/")
    page.get_by_label("Öppna sparad plan").set_input_files(FULL)
    expect(page.get_by_label("Medarbetare", exact=True)).to_have_value("Åsa Öberg")
    page.get_by_label(CATALOGUE["ui.import_preparation"]).set_input_files(prepared)
    expect(page.get_by_text(CATALOGUE["ui.imported_preparation.other"].format(count=3, filename=prepared.name))).to_be_visible()
    goal = page.get_by_role("group", name="Mål 3", exact=True)
    expect(goal.get_by_label("Mål", exact=True)).to_have_value("Bättre rutiner för ärenden")
    expect(goal.get_by_text(CATALOGUE["ui.proposal"])).to_be_visible()
    # A goal the plan already holds is not added twice.
    expect(page.get_by_role("group", name="Mål 4", exact=True)).to_have_count(0)
    expect(page.get_by_role("group", name="Mål 1", exact=True).get_by_label("Mål", exact=True)).to_have_value(
        "Korta svarstiderna i kundtjänsten"
    )
    expect(page.get_by_role("group", name="Insats 2", exact=True).get_by_label("Vad")).to_have_value("Kurs i statistik")
    expect(page.get_by_role("group", name="Hinder 2", exact=True).get_by_label("Hinder", exact=True)).to_have_value(
        "Färre avbrott under förmiddagen"
    )


def test_a_follow_up_is_recorded_in_the_plan_and_shows_in_the_history(page: Page, site_url: str, tmp_path: Path) -> None:
    open_planner(page, f"{site_url}/uppfoljning/")
    page.get_by_label("Öppna sparad plan").set_input_files(FULL)
    expect(page.get_by_text("Planen för Åsa Öberg i full.json är öppnad.")).to_be_visible()
    expect(page.get_by_text(CATALOGUE["ui.follow_up_no_history"])).to_be_visible()
    first = page.get_by_role("group", name="Åtgärd 1", exact=True)
    expect(first.get_by_label("Åtgärd", exact=True)).to_have_text("Boka första mötet med mentorn")
    first.get_by_label("Läge").select_option("done")
    first.get_by_label("Kommentar").fill("Första mötet var den 12 januari.")
    page.get_by_role("group", name="Åtgärd 2", exact=True).get_by_label("Läge").select_option("ongoing")
    page.get_by_label("Datum för uppföljningen").fill("2027-03-10")
    page.get_by_label("Nästa uppföljning").fill("2027-06-09")
    # The actions come from the plan: none to add or remove here.
    expect(page.get_by_role("button", name="Lägg till åtgärd")).to_have_count(0)

    with page.expect_download() as download:
        page.get_by_role("button", name="Ladda ner JSON").click()
    saved = tmp_path / "plan.json"
    download.value.save_as(saved)
    plan = json.loads(saved.read_text(encoding="utf-8"))
    assert plan["check_ins"] == [{
        "date": "2027-03-10",
        "goals": [
            {"goal": "Korta svarstiderna i kundtjänsten", "status": None, "note": ""},
            {"goal": "Leda teamets veckomöten", "status": None, "note": ""},
        ],
        "statuses": [
            {"action": "Boka första mötet med mentorn", "status": "done", "note": "Första mötet var den 12 januari."},
            {"action": "Ordna behörighet till rapporterna", "status": "ongoing", "note": ""},
        ],
        "note": "",
        "next_date": "2027-06-09",
    }]
    assert plan["agreement"] == json.loads(FULL.read_text(encoding="utf-8"))["agreement"], "still agreed"
    with page.expect_download() as markdown:
        page.get_by_role("button", name="Ladda ner Markdown").click()
    assert "1 av 2 åtgärder klara, 1 pågår." in Path(markdown.value.path()).read_text(encoding="utf-8")

    page.get_by_label("Öppna sparad plan").set_input_files(saved)
    expect(page.get_by_role("list", name=CATALOGUE["ui.follow_up_history"]).get_by_role("listitem")).to_have_text(
        ["2027-03-10: 1 av 2 åtgärder klara, 1 pågår."]
    )
    expect(page.get_by_role("group", name="Åtgärd 1", exact=True).get_by_label("Läge")).to_have_value("done")


def test_every_page_has_an_english_twin(page: Page, site_url: str) -> None:
    for path, label in (("forbered-dig", "ui.preparation_label"), ("uppfoljning", "ui.follow_up_label"), ("team", "ui.team_label")):
        open_planner(page, f"{site_url}/en/{path}/")
        english = json.loads((ROOT / "pyapp" / "samtalsplan" / "locales" / "en.json").read_text(encoding="utf-8"))
        expect(page.get_by_role("form", name=english[label])).to_be_visible()
