"""The accessibility statement as a reader finds it: the footer of every page
links to it, in the page's language (axe checks the page itself with every
other page, test_accessibility.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .site_pages import built_pages

STATEMENT = {"sv": ("Tillgänglighetsredogörelse", "tillganglighet/"), "en": ("Accessibility statement", "en/tillganglighet/")}


@pytest.mark.parametrize("path", [p for p in built_pages() if p != "404.html"])
def test_every_page_links_to_the_statement_from_its_footer(page: Page, site_url: str, path: str) -> None:
    page.goto(f"{site_url}/{path}")
    lang = page.locator("html").get_attribute("lang") or "sv"
    label, target = STATEMENT[lang]
    page.get_by_role("contentinfo").get_by_role("link", name=label, exact=True).click()
    expect(page).to_have_url(f"{site_url}/{target}")
    expect(page.get_by_role("heading", level=1, name=label)).to_be_visible()
