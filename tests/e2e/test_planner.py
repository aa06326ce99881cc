"""The planner end to end in Chromium, with real Pyodide, against the built site."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, Request, expect

from .planner_page import CATALOGUE, ROOT, open_planner, type_into, walk_plan

FULL_TEXT = (ROOT / "tests" / "fixtures" / "valid" / "full.json").read_text(encoding="utf-8")
FULL = json.loads(FULL_TEXT)
STATE = {k: v for k, v in FULL.items() if k not in ("format", "version")}


@pytest.fixture
def requests(context: BrowserContext) -> Iterator[list[Request]]:
    """Every request the browser makes, the worker's included."""
    seen: list[Request] = []
    context.on("request", lambda request: seen.append(request))
    yield seen


def texts_of(state: Any) -> Iterator[str]:
    if isinstance(state, dict):
        for value in state.values():
            yield from texts_of(value)
    elif isinstance(state, list):
        for value in state:
            yield from texts_of(value)
    elif isinstance(state, str) and state:
        yield state


def test_python_gets_ready_and_nothing_leaves_the_origin(
    page: Page, site_url: str, requests: list[Request]
) -> None:
    failed: list[str] = []
    page.on(
        "response", lambda response: failed.append(response.url) if response.status >= 400 else None
    )
    open_planner(page, f"{site_url}/planera/")
    expect(page.get_by_role("status").first).to_have_text(CATALOGUE["page.planner.ready"])
    urls = [r.url for r in requests]
    assert any(u.endswith("/pyodide.asm.wasm") for u in urls), "the capture saw the runtime load"
    assert any(re.search(r"/assets/python/[0-9a-f]{16}/samtalsplan-.*\.whl$", u) for u in urls)
    foreign = [u for u in urls if not u.startswith((site_url, "blob:", "data:"))]
    assert foreign == []
    page.wait_for_load_state("networkidle")
    assert failed == [], "every request the page makes succeeds"


def test_english_planner_links_to_english_guidance(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/en/planera/")
    page.get_by_role("link", name="Guidance: Joint action plan").click()
    expect(page).to_have_url(f"{site_url}/en/gemensam-plan/")


def test_fill_download_both_files_and_open_again(
    page: Page, context: BrowserContext, site_url: str, tmp_path: Path
) -> None:
    open_planner(page, f"{site_url}/planera/")
    walk_plan(page, STATE, type_into, add=True)

    with page.expect_download() as json_download:
        page.get_by_role("button", name="Ladda ner JSON").click()
    assert json_download.value.suggested_filename == "samtalsplan-2026-12-03-åsa-öberg.json"
    saved = tmp_path / json_download.value.suggested_filename
    json_download.value.save_as(saved)
    assert json.loads(saved.read_text(encoding="utf-8")) == FULL
    expect(
        page.get_by_text("Filen samtalsplan-2026-12-03-åsa-öberg.json är nedladdad.")
    ).to_be_visible()

    with page.expect_download() as md_download:
        page.get_by_role("button", name="Ladda ner Markdown").click()
    assert md_download.value.suggested_filename == "samtalsplan-2026-12-03-åsa-öberg.md"
    markdown = Path(md_download.value.path()).read_text(encoding="utf-8")
    assert markdown.startswith("# Medarbetarsamtal med Åsa Öberg\n")
    for text in texts_of(STATE):
        if text not in ("mentoring", "manager", "employee"):  # choices appear by their label
            for line in text.splitlines():
                assert line in markdown, line
    assert "Mentorskap" in markdown and "Chefen" in markdown and "Medarbetaren" in markdown

    fresh = context.new_page()
    open_planner(fresh, f"{site_url}/planera/")
    fresh.get_by_label("Öppna sparad plan").set_input_files(saved)
    expect(
        fresh.get_by_text("Planen i samtalsplan-2026-12-03-åsa-öberg.json är öppnad.")
    ).to_be_visible()
    walk_plan(
        fresh, STATE, lambda control, value: expect(control).to_have_value(value or ""), add=False
    )
    expect(fresh.get_by_role("group", name="Mål 3", exact=True)).to_have_count(0)


def test_lists_grow_and_shrink(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/planera/")
    form = page.get_by_role("form")
    form.get_by_role("button", name="Lägg till åtgärd").click()
    expect(form.get_by_role("group", name="Åtgärd 2")).to_be_visible()
    expect(form.get_by_role("group", name="Åtgärd 2").get_by_label("Vad ska göras")).to_be_focused()
    form.get_by_role("group", name="Åtgärd 2").get_by_label("Vad ska göras").fill("Andra")
    form.get_by_role("button", name="Ta bort åtgärd 1").click()
    expect(form.get_by_role("group", name="Åtgärd 2")).to_have_count(0)
    expect(form.get_by_role("group", name="Åtgärd 1").get_by_label("Vad ska göras")).to_have_value(
        "Andra"
    )


def test_a_validation_error_shows_next_to_its_field(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/planera/")
    page.get_by_label("Datum för samtalet").fill("2026-12-01")
    follow_up = page.get_by_label("Datum för kort avstämning")
    follow_up.fill("2026-11-15")
    follow_up.press("Tab")
    message = "Uppföljningen måste komma efter samtalet (2026-12-01). Välj ett senare datum."
    expect(follow_up).to_have_accessible_description(message)
    expect(follow_up).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#sp-follow-up-date-error")).to_have_text(message)

    follow_up.fill("2027-03-01")
    follow_up.press("Tab")
    expect(follow_up).not_to_have_attribute("aria-invalid", "true")


def test_download_lists_what_to_fix_and_still_saves(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/planera/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Ladda ner JSON").click()
    assert download.value.suggested_filename == "samtalsplan.json"
    expect(page.get_by_role("link", name="Skriv medarbetarens namn.")).to_be_visible()
    expect(page.get_by_label("Medarbetare", exact=True)).to_have_accessible_description(
        "Skriv medarbetarens namn."
    )


def test_a_bad_file_is_explained_and_the_form_is_untouched(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/planera/")
    page.get_by_label("Medarbetare", exact=True).fill("Bo Ek")
    page.get_by_label("Öppna sparad plan").set_input_files(
        files=[
            {"name": "semester.json", "mimeType": "application/json", "buffer": b'{"dagar": 25}'}
        ]
    )
    expect(
        page.get_by_text(
            re.compile(r"Det gick inte att öppna semester\.json\. Filen är JSON men ingen fil från Samtalsplan")
        )
    ).to_be_visible()
    expect(page.get_by_label("Medarbetare", exact=True)).to_have_value("Bo Ek")


def test_english_planner(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/en/planera/")
    page.get_by_label("Employee", exact=True).fill("Bo Ek")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download Markdown").click()
    assert (
        Path(download.value.path())
        .read_text(encoding="utf-8")
        .startswith("# Development talk with Bo Ek\n")
    )
    expect(page.get_by_role("link", name="The talk: Write the manager's name.")).to_be_visible()


def test_typing_works_before_python_is_ready(page: Page, site_url: str) -> None:
    page.route("**/*.whl", lambda route: None)  # hold the wheel back: Python cannot finish starting
    page.goto(f"{site_url}/planera/")
    field = page.get_by_label("Medarbetare", exact=True)
    field.fill("Bo Ek")
    expect(field).to_have_value("Bo Ek")
    expect(page.get_by_role("status").first).to_have_text(CATALOGUE["page.planner.loading"])


def test_opening_an_old_or_changed_plan_says_so(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/planera/")
    opener = page.get_by_label("Öppna sparad plan")
    v1 = (ROOT / "tests" / "fixtures" / "versions" / "v1.json").read_bytes()
    opener.set_input_files(files=[{"name": "gammal.json", "mimeType": "application/json", "buffer": v1}])
    expect(page.get_by_text(CATALOGUE["ui.opened_migrated"].format(version=1))).to_be_visible()
    expect(page.get_by_label("Medarbetare", exact=True)).to_have_value("Åsa Öberg")

    changed = FULL_TEXT.replace("under två dagar", "under tre dagar").encode()
    opener.set_input_files(files=[{"name": "andrad.json", "mimeType": "application/json", "buffer": changed}])
    expect(page.get_by_text(CATALOGUE["ui.opened_changed"])).to_be_visible()
    expect(page.get_by_label(CATALOGUE["field.agreement.date"])).to_have_accessible_description(
        re.compile(re.escape("Planen har ändrats sedan ni kom överens 2026-12-03."))
    )


def test_calendar_event_for_the_follow_up(page: Page, site_url: str) -> None:
    import icalendar

    open_planner(page, f"{site_url}/planera/")
    page.get_by_role("button", name=CATALOGUE["ui.download_ics"]).click()
    expect(page.get_by_text(CATALOGUE["ics.no_date"])).to_be_visible()

    page.get_by_label("Öppna sparad plan").set_input_files(
        files=[{"name": "plan.json", "mimeType": "application/json", "buffer": FULL_TEXT.encode()}]
    )
    expect(page.get_by_label("Medarbetare", exact=True)).to_have_value("Åsa Öberg")
    with page.expect_download() as download:
        page.get_by_role("button", name=CATALOGUE["ui.download_ics"]).click()
    assert download.value.suggested_filename == "samtalsplan-2026-12-03-åsa-öberg.ics"
    calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART").isoformat() == "2027-03-10"
    assert str(event["SUMMARY"]) == "Uppföljning av medarbetarsamtalet med Åsa Öberg"
