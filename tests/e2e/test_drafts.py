"""Drafts: what is typed survives a reload and a closed tab, can be cleared,
is never silently overwritten by a second tab, and leaving asks first."""

from __future__ import annotations

import json
from typing import Any

from playwright.sync_api import BrowserContext, Dialog, Page, expect

from .planner_page import (
    CATALOGUE,
    ROOT,
    READY,
    open_planner,
    read_json_download,
    type_into,
    walk_plan,
    with_settings,
)
from .test_planner import STATE

DRAFT_KEY = "/samtalsplan.draft.planner"


def draft_status(page: Page) -> Any:
    return page.locator("[data-sp-draft-status]")


def stored(page: Page) -> Any:
    text = page.evaluate("(key) => localStorage.getItem(key)", DRAFT_KEY)
    return json.loads(text) if text else None


def accept_leaving(page: Page) -> list[str]:
    """Accept every beforeunload prompt, and record that it came."""
    prompts: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        prompts.append(dialog.type)
        dialog.accept()

    page.on("dialog", on_dialog)
    return prompts


def test_the_whole_plan_survives_a_reload(page: Page, site_url: str) -> None:
    prompts = accept_leaving(page)
    open_planner(page, f"{site_url}/planera/")
    expect(draft_status(page)).to_have_text(CATALOGUE["ui.draft.saving"])
    walk_plan(page, STATE, type_into, add=True)
    assert stored(page)["state"]["form"]["summary"] == STATE["summary"]

    page.reload()
    assert prompts == ["beforeunload"], "leaving with changes not downloaded asks first"
    walk_plan(
        page, STATE, lambda control, value: expect(control).to_have_value(value or ""), add=False
    )
    expect(draft_status(page)).to_contain_text("Ditt utkast från")


def test_a_closed_tab_loses_nothing(context: BrowserContext, site_url: str) -> None:
    first = context.new_page()
    open_planner(first, f"{site_url}/planera/")
    first.get_by_label("Medarbetare", exact=True).fill("Bo Ek")
    first.get_by_role("button", name="Lägg till mål").click()
    first.get_by_role("group", name="Mål 2").get_by_label("Mål", exact=True).fill("Andra målet")
    first.close()  # as a crash or a closed window: no chance to save on the way out

    second = context.new_page()
    second.goto(f"{site_url}/planera/")  # restored before Python is even ready
    expect(second.get_by_label("Medarbetare", exact=True)).to_have_value("Bo Ek")
    expect(second.get_by_role("group", name="Mål 2").get_by_label("Mål", exact=True)).to_have_value(
        "Andra målet"
    )


def test_clearing_the_draft_empties_the_form_after_asking(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/planera/")
    page.get_by_label("Medarbetare", exact=True).fill("Bo Ek")
    page.get_by_role("button", name="Lägg till åtgärd").click()

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Rensa utkast").click()
    expect(page.get_by_label("Medarbetare", exact=True)).to_have_value("Bo Ek")
    assert stored(page) is not None

    messages: list[str] = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Rensa utkast").click()
    assert messages == [CATALOGUE["ui.draft.confirm_clear"]]
    expect(draft_status(page)).to_have_text(CATALOGUE["ui.draft.cleared"])
    expect(page.get_by_label("Medarbetare", exact=True)).to_have_value("")
    expect(page.get_by_role("group", name="Åtgärd 2")).to_have_count(0)
    expect(page.get_by_role("group", name="Åtgärd 1")).to_have_count(1)
    assert stored(page) is None

    page.reload()
    expect(page.get_by_label("Medarbetare", exact=True)).to_have_value("")


def test_after_a_json_download_leaving_does_not_ask(page: Page, site_url: str) -> None:
    prompts = accept_leaving(page)
    open_planner(page, f"{site_url}/planera/")
    page.get_by_label("Medarbetare", exact=True).fill("Bo Ek")
    read_json_download(page, page.get_by_role("button", name="Ladda ner JSON").click)
    page.reload()
    assert prompts == []
    expect(page.get_by_label("Medarbetare", exact=True)).to_have_value("Bo Ek")

    page.get_by_label("Chef", exact=True).fill("Karin")
    page.reload()
    assert prompts == ["beforeunload"]


def test_two_tabs_never_silently_overwrite_each_other(
    context: BrowserContext, site_url: str
) -> None:
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        accept_leaving(tab)
        open_planner(tab, f"{site_url}/planera/")
    first.get_by_label("Medarbetare", exact=True).fill("Från första fliken")
    expect(draft_status(second)).to_have_text(CATALOGUE["ui.draft.taken_over"])

    # The warned tab no longer saves: the first tab's draft stays as it was.
    second.get_by_label("Medarbetare", exact=True).fill("Från andra fliken")
    second.get_by_label("Chef", exact=True).fill("Karin")
    assert stored(first)["state"]["form"]["talk"]["employee"] == "Från första fliken"
    expect(draft_status(first)).to_have_text(CATALOGUE["ui.draft.saving"])
    # ...and what it shows can still be downloaded.
    _, document = read_json_download(
        second, second.get_by_role("button", name="Ladda ner JSON").click
    )
    assert document["talk"]["employee"] == "Från andra fliken"


def test_an_organisation_can_turn_drafts_off(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/planera/")
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [DRAFT_KEY, '{"version": 1, "state": {}}'],
    )
    with_settings(page, drafts=False)
    accept_leaving(page)
    open_planner(page, f"{site_url}/planera/")
    expect(draft_status(page)).to_have_text(CATALOGUE["ui.draft.off"])
    expect(page.get_by_role("button", name="Rensa utkast")).to_be_hidden()
    assert stored(page) is None, "an older draft is deleted too"
    page.get_by_label("Medarbetare", exact=True).fill("Bo Ek")
    assert stored(page) is None
    page.reload()
    expect(page.get_by_label("Medarbetare", exact=True)).to_have_value("")


def test_a_damaged_draft_is_ignored(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/planera/")
    page.evaluate("(key) => localStorage.setItem(key, '{not json')", DRAFT_KEY)
    open_planner(page, f"{site_url}/planera/")
    expect(draft_status(page)).to_have_text(CATALOGUE["ui.draft.saving"])
    expect(page.get_by_label("Medarbetare", exact=True)).to_have_value("")


def test_the_draft_controls_link_to_where_it_is_stored(page: Page, site_url: str) -> None:
    for planner, link, heading in [
        ("planera/", "Var sparas planen?", "Var sparas planen?"),
        ("en/planera/", "Where is the plan stored?", "Where is the plan stored?"),
    ]:
        page.goto(f"{site_url}/{planner}")
        page.get_by_role("form").get_by_role("link", name=link).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        # The page names the very key the planner uses.
        expect(page.get_by_text(DRAFT_KEY.lstrip("/"), exact=True).first).to_be_visible()
        expect(page.get_by_text(DRAFT_KEY, exact=True)).to_be_visible()


def test_the_preparation_survives_a_reload_and_can_be_cleared(page: Page, site_url: str) -> None:
    prompts = accept_leaving(page)
    open_planner(page, f"{site_url}/forbered-dig/")
    form = page.get_by_role("form", name=CATALOGUE["ui.preparation_label"])
    form.get_by_label("Ditt namn").fill("Åsa Öberg")
    form.get_by_role("button", name=CATALOGUE["add.preparation.priorities"]).click()
    form.get_by_label("Det viktigaste, rad 2").fill("Bättre rutiner för ärenden")
    page.reload()
    assert prompts == ["beforeunload"], "leaving with changes not downloaded asks first"
    page.wait_for_function(READY)
    form = page.get_by_role("form", name=CATALOGUE["ui.preparation_label"])
    expect(form.get_by_label("Ditt namn")).to_have_value("Åsa Öberg")
    expect(form.get_by_label("Det viktigaste, rad 2")).to_have_value("Bättre rutiner för ärenden")
    expect(draft_status(page)).to_contain_text("Ditt utkast från")

    form.get_by_role("button", name=CATALOGUE["ui.draft.clear"]).click()
    assert prompts == ["beforeunload", "confirm"], "clearing what was not downloaded asks first"
    expect(form.get_by_label("Ditt namn")).to_have_value("")
    expect(form.get_by_label("Det viktigaste, rad 2")).to_have_count(0)
    expect(draft_status(page)).to_have_text(CATALOGUE["ui.draft.cleared"])


def test_the_follow_up_in_progress_survives_a_reload(page: Page, site_url: str) -> None:
    accept_leaving(page)
    open_planner(page, f"{site_url}/uppfoljning/")
    page.get_by_label("Öppna sparad plan").set_input_files(
        ROOT / "tests" / "fixtures" / "valid" / "full.json"
    )
    first = page.get_by_role("group", name="Åtgärd 1", exact=True)
    first.get_by_label("Läge").select_option("done")
    first.get_by_label("Kommentar").fill("Första mötet var den 12 januari.")
    page.reload()
    page.wait_for_function(READY)
    first = page.get_by_role("group", name="Åtgärd 1", exact=True)
    expect(first.get_by_label("Åtgärd", exact=True)).to_have_text("Boka första mötet med mentorn")
    expect(first.get_by_label("Läge")).to_have_value("done")
    expect(first.get_by_label("Kommentar")).to_have_value("Första mötet var den 12 januari.")
