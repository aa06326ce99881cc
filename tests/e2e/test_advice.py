"""Advice in the planner, in Chromium with real Pyodide: beside the field, in the
summary, updated as the person types, and a question before sensitive text leaves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .planner_page import CATALOGUE, on_day, open_planner

SENSITIVE = "Texten kan innehålla känsliga personuppgifter (sjukskriven)"


def test_advice_shows_beside_the_field_and_in_the_summary_as_you_type(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/planera/")
    summary = page.get_by_role("textbox", name="Sammanfattning", exact=True)
    advice = page.get_by_role("list", name=CATALOGUE["ui.advice_heading"])
    missing = f"Tips: Sammanfattning: {CATALOGUE['advice.summary.missing']}"
    expect(advice.get_by_role("link", name=missing)).to_be_visible()

    summary.fill("Åsa är sjukskriven i januari.")
    summary.press("Tab")
    expect(summary).to_have_accessible_description(re.compile(re.escape(SENSITIVE)))
    expect(advice.get_by_role("link", name=re.compile(re.escape(f"Kontrollera: Sammanfattning: {SENSITIVE}")))).to_be_visible()
    expect(advice.get_by_role("link", name=missing)).to_have_count(0)

    summary.fill("Åsa börjar med mentorn i januari.")
    expect(advice.get_by_role("link", name=re.compile(re.escape(SENSITIVE)))).to_have_count(0)


def test_the_organisation_goal_limit_and_a_goal_without_steps(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/planera/")
    group = page.get_by_role("group", name="Mål 1", exact=True)
    group.get_by_label("Mål", exact=True).fill("Bättre rutiner")
    group.get_by_label("Mål", exact=True).press("Tab")
    # Advice on the steps waits until the person reaches them (or passes them).
    expect(group.get_by_label("Koppling till organisationens mål")).to_be_focused()
    expect(group.get_by_text(CATALOGUE["advice.goal.no_steps"])).to_have_count(0)
    group.get_by_label("Så vet vi att målet är nått").fill("Färre fel")
    group.get_by_label("Så vet vi att målet är nått").press("Tab")
    expect(group.get_by_text(CATALOGUE["advice.goal.no_steps"])).to_be_visible()
    group.get_by_role("button", name="Lägg till steg").click()
    group.get_by_label("Steg 1", exact=True).fill("Skriv ner dagens rutin")
    expect(group.get_by_text(CATALOGUE["advice.goal.no_steps"])).to_have_count(0)


def test_sensitive_text_is_questioned_before_download(page: Page, site_url: str, tmp_path: Path) -> None:
    open_planner(page, f"{site_url}/planera/")
    page.get_by_label("Medarbetare", exact=True).fill("Bo Ek")
    page.get_by_role("textbox", name="Sammanfattning", exact=True).fill("Bo har ADHD.")

    downloads: list[object] = []
    page.on("download", lambda d: downloads.append(d))
    page.get_by_role("button", name="Ladda ner JSON").click()
    dialog = page.get_by_role("dialog", name=CATALOGUE["confirm.sensitive.heading"])
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("listitem")).to_contain_text("Sammanfattning: Texten kan innehålla känsliga personuppgifter (adhd)")
    dialog.get_by_role("button", name=CATALOGUE["confirm.sensitive.cancel"]).click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_text(CATALOGUE["confirm.sensitive.cancelled"])).to_be_visible()
    assert downloads == []

    page.get_by_role("button", name="Ladda ner JSON").click()
    with page.expect_download() as download:
        dialog.get_by_role("button", name=CATALOGUE["confirm.sensitive.proceed"]).click()
    saved = tmp_path / "plan.json"
    download.value.save_as(saved)
    assert "Bo har ADHD." in saved.read_text(encoding="utf-8")


@pytest.mark.parametrize(("day", "past"), [("2026-12-03", False), ("2026-12-05", True)])
def test_advice_counts_from_the_page_s_date(browser: Browser, site_url: str, day: str, past: bool) -> None:
    """A short check-in on 2026-12-04 is ahead on the 3rd and has passed on the
    5th: Python counts from the person's date by the page's clock."""
    context = browser.new_context()
    context.add_init_script(on_day(day))
    page = context.new_page()
    open_planner(page, f"{site_url}/planera/")
    check_in = page.get_by_label("Datum för kort avstämning")
    check_in.fill("2026-12-04")
    check_in.press("Tab")
    passed = CATALOGUE["advice.follow_up.past"].format(date="2026-12-04")
    expect(check_in).to_have_accessible_description(re.compile(re.escape(passed)) if past else re.compile(r"^(?!.*passerat)"))
    context.close()
