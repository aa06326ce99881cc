"""Organisation settings in the browser: goals offered as choices, drafts kept
in the browser only when the site turns them on."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, Route, expect

from .planner_page import CATALOGUE, open_planner


def test_organisation_goals_are_offered_when_linking_a_goal(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/planera/")
    link = page.get_by_role("group", name="Mål 1", exact=True).get_by_label("Koppling till organisationens mål")
    options = link.evaluate("el => [...el.list.options].map(o => o.value)")
    assert "Hållbar arbetsmiljö" in options
    link.fill("Hållbar arbetsmiljö")
    link.press("Tab")
    expect(page.get_by_text(CATALOGUE["advice.goal.unknown_organisation_goal"])).to_have_count(0)
    link.fill("Något eget")
    link.press("Tab")
    expect(page.get_by_text(CATALOGUE["advice.goal.unknown_organisation_goal"])).to_have_count(2)  # field and summary


DRAFTS = "Object.keys(localStorage).filter((key) => key.startsWith('samtalsplan:'))"


def _with_drafts(route: Route) -> None:
    response = route.fetch()
    route.fulfill(response=response, body=response.text().replace('"drafts": false', '"drafts": true'))


def test_a_draft_survives_a_reload_only_when_drafts_are_on(browser: Browser, site_url: str) -> None:
    # The offline service worker would answer the reloads itself, past page.route.
    page = browser.new_context(service_workers="block").new_page()
    open_planner(page, f"{site_url}/planera/")
    page.get_by_label("Medarbetare", exact=True).fill("Bo Ek")
    page.wait_for_timeout(500)  # time for a draft to be saved, were drafts on
    open_planner(page, f"{site_url}/planera/")
    expect(page.get_by_label("Medarbetare", exact=True)).to_have_value("")
    assert page.evaluate(DRAFTS) == []

    page.route("**/planera/", _with_drafts)
    open_planner(page, f"{site_url}/planera/")
    page.get_by_label("Medarbetare", exact=True).fill("Bo Ek")
    page.wait_for_function(f"{DRAFTS}.length > 0")
    open_planner(page, f"{site_url}/planera/")
    expect(page.get_by_label("Medarbetare", exact=True)).to_have_value("Bo Ek")
    expect(page.get_by_text(CATALOGUE["ui.draft_restored"])).to_be_visible()
    page.get_by_role("button", name=CATALOGUE["ui.clear_draft"]).click()
    expect(page.get_by_label("Medarbetare", exact=True)).to_have_value("")
    expect(page.get_by_text(CATALOGUE["ui.draft_cleared"])).to_be_visible()
