"""Organisation settings in the browser: goals offered as choices. (Drafts, on
by default and turned off by a setting, are tested in test_drafts.py.)"""

from __future__ import annotations

from playwright.sync_api import Page, expect

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
