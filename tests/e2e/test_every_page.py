"""The same situation gets the same behaviour on every page with a form: the
question about special-category data before a download, a file opened over
typed text, a file of the wrong kind, messages that count in words, and each
page naming its own work. Real Chromium, real Pyodide."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Locator, Page, expect

from .planner_page import CATALOGUE, ROOT, open_planner, settled, wait_until

FULL = ROOT / "tests" / "fixtures" / "valid" / "full.json"
HEALTH = "Hen har varit sjukskriven för utmattning"
PREPARATION = json.dumps({"format": "samtalsplan-preparation", "version": 1, "employee": "Åsa Öberg",
                          "date": "2026-12-03", "priorities": ["Leda möten"]}).encode()


def file(name: str, data: bytes) -> dict[str, object]:
    return {"name": name, "mimeType": "application/json", "buffer": data}


def asked_before_download(page: Page, button: Locator, where: str) -> None:
    """Each download asks about the health text, and downloads nothing when the person turns back."""
    downloads: list[object] = []
    page.on("download", lambda download: downloads.append(download))
    dialog = page.get_by_role("dialog", name=CATALOGUE["confirm.sensitive.heading"])
    button.click()
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("listitem").first).to_contain_text(f"{where}: Texten kan innehålla känsliga personuppgifter")
    dialog.get_by_role("button", name=CATALOGUE["confirm.sensitive.cancel"]).click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_text(CATALOGUE["confirm.sensitive.cancelled"])).to_be_visible()
    assert downloads == []
    button.click()
    with page.expect_download():
        dialog.get_by_role("button", name=CATALOGUE["confirm.sensitive.proceed"]).click()


@pytest.mark.parametrize("fmt", ["Ladda ner JSON", "Ladda ner Markdown"])
def test_the_planner_asks_about_health_data_in_any_text_field(page: Page, site_url: str, fmt: str) -> None:
    open_planner(page, f"{site_url}/planera/")
    goal = page.get_by_role("group", name="Mål 1", exact=True)
    goal.get_by_label("Varför målet är viktigt").fill(HEALTH)
    asked_before_download(page, page.get_by_role("button", name=fmt), "Mål 1, Varför målet är viktigt")


def test_the_preparation_asks_about_health_data(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/forbered-dig/")
    page.get_by_label("Lättare att lyckas, rad 1").fill(HEALTH)
    button = page.get_by_role("button", name=CATALOGUE["ui.download_preparation"])
    asked_before_download(page, button, "Lättare att lyckas, rad 1")


@pytest.mark.parametrize("fmt", ["Ladda ner JSON", "Ladda ner Markdown"])
def test_the_follow_up_asks_about_health_data_in_its_note(page: Page, site_url: str, fmt: str) -> None:
    open_planner(page, f"{site_url}/uppfoljning/")
    page.get_by_label(CATALOGUE["ui.open"]).set_input_files(FULL)
    # Typed only once the plan is in: opening it fills the form anew.
    expect(page.get_by_text("Planen för Åsa Öberg i full.json är öppnad.")).to_be_visible()
    page.get_by_label(CATALOGUE["field.check_ins.note"]).fill(HEALTH)
    asked_before_download(page, page.get_by_role("button", name=fmt), "Uppföljning 1, Anteckning från uppföljningen")


def test_the_team_view_asks_about_health_data_in_the_plans_it_exports(page: Page, site_url: str) -> None:
    plan = json.loads(FULL.read_text(encoding="utf-8"))
    plan["conditions"]["obstacles"][0]["obstacle"] = HEALTH
    open_planner(page, f"{site_url}/team/")
    page.get_by_label(CATALOGUE["ui.team_open"]).set_input_files(files=[file("a.json", json.dumps(plan).encode())])
    expect(page.get_by_text(CATALOGUE["ui.team_opened.one"], exact=False)).to_be_visible()
    asked_before_download(page, page.get_by_role("button", name=CATALOGUE["ui.download_csv"]), "Åsa Öberg, Hinder 1, Hinder")


def test_opening_a_plan_over_a_filled_form_asks_first_and_can_keep_the_form(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/planera/")
    employee = page.get_by_label("Medarbetare", exact=True)
    employee.fill("Bo Ek")
    opener = page.get_by_label(CATALOGUE["ui.open"])
    dialog = page.get_by_role("dialog", name=CATALOGUE["confirm.replace.heading"])
    opener.set_input_files(FULL)
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name=CATALOGUE["confirm.replace.cancel"]).click()
    expect(page.get_by_text(CATALOGUE["confirm.replace.cancelled"])).to_be_visible()
    expect(employee).to_have_value("Bo Ek")
    page.reload()  # the draft is untouched too
    expect(employee).to_have_value("Bo Ek")

    open_planner(page, f"{site_url}/planera/")
    opener.set_input_files(FULL)
    dialog.get_by_role("button", name=CATALOGUE["confirm.replace.proceed"]).click()
    expect(employee).to_have_value("Åsa Öberg")
    # Opening the same plan again over its unchanged self asks nothing.
    opener.set_input_files(FULL)
    expect(page.get_by_text("Planen i full.json är öppnad.", exact=False)).to_be_visible()
    expect(dialog).to_be_hidden()


def test_opening_another_plan_over_a_check_in_being_written_asks_first(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/uppfoljning/")
    opener = page.get_by_label(CATALOGUE["ui.open"])
    opener.set_input_files(FULL)
    note = page.get_by_label(CATALOGUE["field.check_ins.note"])
    note.fill("Bra möte")
    opener.set_input_files(FULL)
    dialog = page.get_by_role("dialog", name=CATALOGUE["confirm.replace.heading"])
    dialog.get_by_role("button", name=CATALOGUE["confirm.replace.cancel"]).click()
    expect(note).to_have_value("Bra möte")


def test_remove_buttons_name_their_own_item(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/planera/")
    page.get_by_role("button", name="Lägg till mål").click()
    second = page.get_by_role("group", name="Mål 2", exact=True)
    expect(second.get_by_role("button", name="Ta bort mål 2", exact=True)).to_have_count(1)
    second.get_by_role("button", name="Lägg till steg").click()
    second.get_by_role("button", name="Lägg till steg").click()
    expect(second.get_by_role("button", name="Ta bort steg 2", exact=True)).to_have_count(1)
    page.get_by_role("button", name="Lägg till åtgärd").click()
    expect(page.get_by_role("button", name="Ta bort åtgärd 2", exact=True)).to_have_count(1)
    # Removing the first goal renumbers the rest, buttons included.
    page.get_by_role("button", name="Ta bort mål 1", exact=True).click()
    first = page.get_by_role("group", name="Mål 1", exact=True)
    expect(first.get_by_role("button", name="Ta bort mål 1", exact=True)).to_have_count(1)
    expect(first.get_by_role("button", name="Ta bort steg 2", exact=True)).to_have_count(1)
    expect(page.get_by_role("button", name="Ta bort mål 2", exact=True)).to_have_count(0)


def test_a_file_of_the_other_kind_is_redirected_both_ways(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/planera/")
    page.get_by_label(CATALOGUE["ui.open"]).set_input_files(files=[file("forberedelse.json", PREPARATION)])
    expect(page.get_by_text(CATALOGUE["file.is_preparation"], exact=False)).to_be_visible()
    page.get_by_label(CATALOGUE["ui.import_preparation"]).set_input_files(FULL)
    expect(page.get_by_text(CATALOGUE["file.is_plan"], exact=False)).to_be_visible()
    open_planner(page, f"{site_url}/uppfoljning/")
    page.get_by_label(CATALOGUE["ui.open"]).set_input_files(files=[file("forberedelse.json", PREPARATION)])
    expect(page.get_by_text(CATALOGUE["file.is_preparation"], exact=False)).to_be_visible()


def test_importing_a_preparation_keeps_its_date_and_marks_nothing_red(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/planera/")
    page.get_by_label(CATALOGUE["ui.import_preparation"]).set_input_files(files=[file("f.json", PREPARATION)])
    expect(page.get_by_text(CATALOGUE["ui.imported_preparation.one"].format(filename="f.json"))).to_be_visible()
    expect(page.get_by_label("Medarbetare", exact=True)).to_have_value("Åsa Öberg")
    expect(page.get_by_label("Datum för samtalet")).to_have_value("2026-12-03")
    expect(page.locator("[aria-invalid=true]")).to_have_count(0)
    expect(page.locator("[data-sp-error]:not([hidden])")).to_have_count(0)
    goal = page.get_by_role("group", name="Mål 1", exact=True)
    expect(goal.get_by_text(CATALOGUE["ui.proposal"])).to_be_visible()


def test_messages_count_in_words(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/team/")
    chooser = page.get_by_label(CATALOGUE["ui.team_open"])
    chooser.set_input_files(files=[file("a.json", FULL.read_bytes()), file("b.json", b"{}")])
    expect(page.get_by_text("2 filer är tillagda. 1 plan är sammanställd. 1 fil kunde inte läsas.", exact=True)).to_be_visible()
    open_planner(page, f"{site_url}/en/team/")
    page.get_by_label("Choose the team's plan files").set_input_files(
        files=[file("a.json", FULL.read_bytes()), file("b.json", FULL.read_bytes())]
    )
    expect(page.get_by_text("2 files are added. 2 plans are compiled.", exact=True)).to_be_visible()


@pytest.mark.parametrize(
    ("path", "kind"),
    [("planera/", "planner"), ("forbered-dig/", "preparation"), ("uppfoljning/", "follow_up"), ("team/", "team")],
)
def test_each_page_names_its_own_work(page: Page, site_url: str, path: str, kind: str) -> None:
    open_planner(page, f"{site_url}/{path}")
    expect(page.get_by_role("status").first).to_have_text(CATALOGUE[f"page.{kind}.ready"])
    if f"page.{kind}.storage_link" in CATALOGUE:
        link = page.get_by_role("form").get_by_role("link", name=CATALOGUE[f"page.{kind}.storage_link"])
        expect(link).to_be_visible()


def test_nothing_of_the_build_is_in_the_page_scripts(page: Page, site_url: str) -> None:
    """Guidance pages load none of the form pages' scripts."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto(f"{site_url}/fore-samtalet/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in seen if "form-page.js" in url or "page-" in url or "session.mjs" in url]


def test_a_slow_press_on_a_download_is_not_lost_to_the_note_s_message(page: Page, site_url: str) -> None:
    """Pressing the button takes focus from the note, and the note's check shows its
    message above the save bar. Shown during the press, it would move the button away
    before the press ends, and the click would go to the form."""
    open_planner(page, f"{site_url}/uppfoljning/")
    page.get_by_label(CATALOGUE["ui.open"]).set_input_files(FULL)
    expect(page.get_by_text("Planen för Åsa Öberg i full.json är öppnad.")).to_be_visible()
    note = page.get_by_label(CATALOGUE["field.check_ins.note"])
    note.fill(HEALTH)
    button = page.get_by_role("button", name="Ladda ner JSON")
    button.scroll_into_view_if_needed()
    settled(page)
    box = button.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    # The note's check has come back from Python while the button is held.
    wait_until(page, "() => performance.getEntriesByName('sp-held').length > 0")
    assert button.bounding_box() == box
    page.mouse.up()
    expect(page.get_by_role("dialog", name=CATALOGUE["confirm.sensitive.heading"])).to_be_visible()
    # The note's message shows once the press has ended.
    expect(page.locator("[data-sp-advice]").filter(has_text="Texten kan innehålla känsliga personuppgifter")).to_be_visible()
