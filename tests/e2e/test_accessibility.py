"""Accessibility: axe-core finds nothing on any page, in the light and the dark
palette, the planner included with its hints, errors and messages showing;
and the whole plan can be made and saved with the keyboard alone."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .planner_page import CATALOGUE, READY, open_planner
from .site_pages import built_pages

AXE = Axe()
SCHEMES = ["light", "dark"]


def violations(page: Page) -> list[str]:
    results = AXE.run(page)
    found: list[dict[str, Any]] = results.response["violations"]
    return [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]}" for v in found]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", built_pages())
def test_every_page_has_no_violations(page: Page, site_url: str, path: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(f"{site_url}/{path}")
    if path.endswith("planera/"):
        page.wait_for_function(READY, timeout=60_000)
    assert violations(page) == []


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_planner_with_errors_and_messages_showing_has_no_violations(
    page: Page, site_url: str, scheme: str
) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    open_planner(page, f"{site_url}/planera/")
    page.get_by_label("Datum för samtalet").fill("2026-12-01")
    page.get_by_label("Datum för kort avstämning").fill("2026-11-01")
    page.get_by_role("button", name="Lägg till mål").click()
    page.get_by_role("group", name="Mål 2").get_by_label("Varför målet är viktigt").fill(
        "Utan titel"
    )
    with page.expect_download():
        page.get_by_role("button", name="Ladda ner JSON").click()
    expect(page.get_by_role("link", name=CATALOGUE["problem.employee_missing"])).to_be_visible()
    # Announced: the count in a live status, each message tied to its field.
    expect(page.get_by_role("status").nth(2)).to_contain_text("Planen har 4 saker att rätta")
    employee = page.get_by_label("Medarbetare", exact=True)
    expect(employee).to_have_attribute("aria-invalid", "true")
    expect(employee).to_have_accessible_description(CATALOGUE["problem.employee_missing"])
    page.get_by_label("Öppna sparad plan").set_input_files(
        files=[{"name": "fel.json", "mimeType": "application/json", "buffer": b"nej"}]
    )
    expect(page.get_by_text("Det gick inte att öppna fel.json.")).to_be_visible()
    assert violations(page) == []


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_planner_that_cannot_start_has_no_violations(
    page: Page, site_url: str, scheme: str
) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.route("**/*.whl", lambda route: route.fulfill(status=404))
    page.goto(f"{site_url}/planera/")
    expect(page.get_by_role("button", name=CATALOGUE["ui.fallback.download"])).to_be_visible(
        timeout=60_000
    )
    assert violations(page) == []
