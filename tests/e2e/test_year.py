"""The plan through the year in Chromium, with real Pyodide: the plan printed as a
document (no control on paper, every typed text there, A4), next year's plan
started from this year's file, two follow-ups each starting from the last, the
new controls with the keyboard alone, and axe on the new states."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from samtalsplan import parse
from samtalsplan.fields import texts

from .planner_page import CATALOGUE, ROOT, open_planner, type_into, walk_plan
from .test_accessibility import SCHEMES, violations
from .test_keyboard import is_focused
from .test_planner import FULL_TEXT, STATE

LAST_YEAR = ROOT / "tests" / "fixtures" / "documents" / "full.json"
FULL_PATH = ROOT / "tests" / "fixtures" / "valid" / "full.json"
PREPARATION = ROOT / "tests" / "fixtures" / "versions" / "preparation" / "v2.json"
# Where a test leaves the PDF of the full plan, to look at (make test leaves none).
PDF_OUT = "SAMTALSPLAN_PRINT_PDF"

# The browser's print dialog stays shut in a test: print() only counts.
NO_DIALOG = "window.print = () => { window.spPrinted = (window.spPrinted ?? 0) + 1; };"
PRINTED = "() => window.spPrinted ?? 0"
PRINT = "body > .sp-print"


def tab_to(page: Page, control: Locator) -> None:
    """Tab forward until `control` has focus (the new controls lie far down the form)."""
    for _ in range(400):
        if is_focused(control):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {control}")


def printed(page: Page, count: int = 1) -> None:
    for _ in range(240):
        if page.evaluate(PRINTED) >= count and page.locator(PRINT).count():
            return
        page.wait_for_timeout(250)
    raise AssertionError("nothing was printed")


def typed_texts(plan_text: str) -> list[str]:
    """Every line a person typed (names, dates and texts), whitespace as a reader sees it."""
    plan = parse(plan_text)
    lines = [line for _, text in texts(plan) for line in text.splitlines()]
    lines += [plan.talk.date, plan.follow_up.date, plan.agreement.date, plan.agreement.keep_until]
    lines += [a.due for a in plan.actions]
    return [" ".join(line.split()) for line in lines if line.strip()]


def page_count_and_size(pdf: bytes) -> tuple[int, list[tuple[float, float]]]:
    """The number of pages of a PDF and each page's MediaBox (width, height in points)."""
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    boxes = [
        (float(w), float(h))
        for w, h in re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    ]
    return pages, boxes


@pytest.mark.parametrize("scheme", SCHEMES)
def test_print_shows_the_plan_as_a_document_without_controls_on_a4(
    page: Page, site_url: str, scheme: str, tmp_path: Path
) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.add_init_script(NO_DIALOG)
    open_planner(page, f"{site_url}/planera/")
    walk_plan(page, STATE, type_into, add=True)
    page.get_by_role("button", name=CATALOGUE["ui.print"], exact=True).click()
    printed(page)
    expect(page.get_by_text(CATALOGUE["ui.printing"])).to_be_visible()
    # The button says what printing gives and that a PDF is the print dialog's.
    expect(page.get_by_role("button", name=CATALOGUE["ui.print"], exact=True)).to_have_accessible_description(
        CATALOGUE["ui.print_hint"]
    )

    page.emulate_media(media="print", color_scheme=scheme)  # type: ignore[arg-type]
    controls = page.locator("input, textarea, select, button, output, [role=status]")
    assert controls.count() > 50
    assert [c.evaluate("el => el.outerHTML.slice(0, 80)") for c in controls.all() if c.is_visible()] == []
    document = page.locator(PRINT)
    expect(document).to_be_visible()
    seen = " ".join(document.inner_text().split())
    assert [text for text in typed_texts(FULL_TEXT) if text not in seen] == []
    for label in ("md.signatures", "md.fingerprint_explained", "field.work_environment"):
        assert CATALOGUE[label] in seen
    # Black on white, whatever the palette.
    colours = page.evaluate(
        """() => [getComputedStyle(document.querySelector('.sp-doc')).color,
                  getComputedStyle(document.querySelector('.sp-doc')).backgroundColor,
                  getComputedStyle(document.body).backgroundColor]"""
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)", "rgb(255, 255, 255)"]

    pdf = page.pdf(prefer_css_page_size=True)
    pages, boxes = page_count_and_size(pdf)
    assert pages >= 2 and len(boxes) == pages
    assert all(abs(w - 595.3) < 1.5 and abs(h - 841.9) < 1.5 for w, h in boxes), boxes  # A4
    if os.environ.get(PDF_OUT) and scheme == "light":
        Path(os.environ[PDF_OUT]).write_bytes(pdf)


def test_the_browsers_own_print_menu_prints_the_form_as_filled_in_without_its_controls(
    page: Page, site_url: str
) -> None:
    open_planner(page, f"{site_url}/planera/")
    employee = page.get_by_label("Medarbetare", exact=True)
    employee.fill("Anna Svensson")
    page.emulate_media(media="print")
    expect(employee).to_be_visible()
    expect(employee).to_have_value("Anna Svensson")
    # What does nothing on paper: buttons, file choosers, advice, links to the guidance.
    controls = page.locator(".sp-planner :is(button, input[type=file], .sp-advice, .sp-section__guide a)")
    assert controls.count() > 20
    assert [c.evaluate("el => el.outerHTML.slice(0, 80)") for c in controls.all() if c.is_visible()] == []


# The headings of a form's sections that print over nothing.
ALONE = """() => [...document.querySelectorAll('.sp-planner section')]
  .filter((section) => section.getClientRects().length
    && ![...section.children].some((child) => child.tagName !== 'H2' && child.getClientRects().length))
  .map((section) => section.querySelector('h2')?.textContent)"""


@pytest.mark.parametrize("path", ["planera/", "forbered-dig/", "uppfoljning/", "team/"])
def test_the_browsers_own_print_menu_prints_no_heading_over_nothing(page: Page, site_url: str, path: str) -> None:
    open_planner(page, f"{site_url}/{path}")
    if path in ("uppfoljning/", "team/"):  # these show the plans they have opened
        page.get_by_label(CATALOGUE["ui.team_open" if path == "team/" else "ui.open"]).set_input_files(FULL_PATH)
        expect(page.get_by_text("full.json", exact=False).first).to_be_visible()
    page.emulate_media(media="print")
    assert page.evaluate(ALONE) == []
    assert page.locator(".sp-planner section:visible").count() > 0


def test_the_standalone_copy_opens_and_prints_on_its_own(page: Page, site_url: str, tmp_path: Path) -> None:
    open_planner(page, f"{site_url}/planera/")
    page.get_by_label(CATALOGUE["ui.open"]).set_input_files(FULL_PATH)
    expect(page.get_by_label("Medarbetare", exact=True)).to_have_value("Åsa Öberg")
    with page.expect_download() as download:
        page.get_by_role("button", name=CATALOGUE["ui.download_html"]).click()
    assert download.value.suggested_filename == "samtalsplan-2026-12-03-åsa-öberg.html"
    copy = tmp_path / download.value.suggested_filename
    download.value.save_as(copy)
    page.goto(copy.as_uri())
    expect(page.get_by_role("heading", level=1)).to_have_text("Medarbetarsamtal med Åsa Öberg")
    expect(page.get_by_role("table").first).to_be_visible()
    assert page.locator("script").count() == 0
    pages, boxes = page_count_and_size(page.pdf(prefer_css_page_size=True))
    assert pages >= 2 and all(abs(w - 595.3) < 1.5 for w, _ in boxes)


def test_next_years_plan_starts_from_this_years_file_and_takes_the_preparation_on_top(
    page: Page, site_url: str
) -> None:
    open_planner(page, f"{site_url}/planera/")
    page.get_by_label(CATALOGUE["ui.start_from_last_year"]).set_input_files(LAST_YEAR)
    expect(page.get_by_text("En ny plan är startad från full.json.", exact=False)).to_be_visible()
    expect(page.get_by_label("Medarbetare", exact=True)).to_have_value("Åsa Öberg")
    expect(page.get_by_label("Datum för samtalet", exact=True)).to_have_value("")
    look_back = page.locator("#look_back")
    first = look_back.get_by_role("group", name="Förra årets mål 1", exact=True)
    expect(first.get_by_label("Mål", exact=True)).to_have_text("Korta svarstiderna i kundtjänsten")
    expect(first.get_by_label("Hur det gick")).to_have_value("reached")
    expect(look_back.get_by_role("group", name="Förra årets åtgärd 2", exact=True).get_by_label("Kommentar")).to_have_value(
        "Klart i april."
    )
    goal = page.get_by_role("group", name="Mål 1", exact=True)
    expect(goal.get_by_label("Mål", exact=True)).to_have_value("Leda teamets veckomöten")
    expect(goal.get_by_label("Så vet vi att målet är nått")).to_have_value("Teamet tycker att mötena är bra (enkät i maj).")
    expect(goal.get_by_text(CATALOGUE["ui.proposal_last_year"])).to_be_visible()
    expect(page.get_by_role("group", name="Mål 2", exact=True)).to_have_count(0)

    page.get_by_label(CATALOGUE["ui.import_preparation"]).set_input_files(PREPARATION)
    expect(page.get_by_role("group", name="Mål 1", exact=True).get_by_text(CATALOGUE["ui.proposal_last_year"])).to_be_visible()
    expect(page.get_by_role("group", name="Mål 2", exact=True)).to_have_count(0), "the goal it holds already"
    expect(page.get_by_role("group", name="Insats 1", exact=True).get_by_text(CATALOGUE["ui.proposal"])).to_be_visible()
    expect(page.get_by_label(CATALOGUE["field.work_environment.workload"])).to_have_value(
        "Mycket att göra i december\nFasta fokustider skulle hjälpa"
    )

    # Opening another plan over it asks first, as every file over typed text does.
    page.get_by_label(CATALOGUE["ui.start_from_last_year"]).set_input_files(LAST_YEAR)
    # Named, as the other tests do: the theme's search box in the header is a dialog too, and a CI
    # run found both.
    expect(page.get_by_role("dialog", name=CATALOGUE["confirm.replace.heading"])).to_be_visible()
    page.get_by_role("button", name=CATALOGUE["confirm.replace.cancel"]).click()
    expect(page.get_by_role("group", name="Insats 1", exact=True)).to_have_count(1)


def test_two_follow_ups_the_second_starting_from_the_first(page: Page, site_url: str, tmp_path: Path) -> None:
    page.add_init_script(NO_DIALOG)
    open_planner(page, f"{site_url}/uppfoljning/")
    page.get_by_label(CATALOGUE["ui.open"]).set_input_files(FULL_PATH)
    action = page.get_by_role("group", name="Åtgärd 2", exact=True)
    expect(action.get_by_text("Ansvarig: Chefen · Senast: 2026-12-20")).to_be_visible()
    goal = page.get_by_role("group", name="Mål 2", exact=True)
    expect(goal.get_by_label("Mål", exact=True)).to_have_text("Leda teamets veckomöten")
    goal.get_by_label("Läge").select_option("changed")
    goal.get_by_label("Kommentar").fill("Varannan vecka i stället.")
    action.get_by_label("Läge").select_option("ongoing")
    action.get_by_label("Kommentar").fill("Väntar på IT.")
    page.get_by_label("Datum för uppföljningen").fill("2027-03-10")
    page.get_by_label("Nästa uppföljning").fill("2027-06-09")
    with page.expect_download() as download:
        page.get_by_role("button", name=CATALOGUE["ui.download_json"]).click()
    first = tmp_path / "first.json"
    download.value.save_as(first)

    page.get_by_label(CATALOGUE["ui.open"]).set_input_files(first)
    expect(page.get_by_text(CATALOGUE["ui.follow_up_starts_from_last"], exact=False)).to_be_visible()
    goal = page.get_by_role("group", name="Mål 2", exact=True)
    expect(goal.get_by_label("Läge")).to_have_value("changed")
    expect(goal.get_by_label("Kommentar")).to_have_value("Varannan vecka i stället.")
    action = page.get_by_role("group", name="Åtgärd 2", exact=True)
    expect(action.get_by_label("Kommentar")).to_have_value("Väntar på IT.")
    action.get_by_label("Läge").select_option("done")
    action.get_by_label("Kommentar").fill("Klart i april.")

    date = page.get_by_label("Datum för uppföljningen")
    date.fill("2027-02-01")
    date.press("Tab")
    advice = "Uppföljningen (2027-02-01) är före den förra uppföljningen (2027-03-10). Kontrollera datumet."
    expect(page.get_by_text(advice)).to_be_visible()
    expect(date).to_have_accessible_description(re.compile(re.escape(advice)))
    date.fill("2027-06-09")
    date.press("Tab")
    expect(page.get_by_text(advice)).to_have_count(0)
    page.get_by_label("Nästa uppföljning").fill("2027-09-15")

    page.get_by_role("button", name=CATALOGUE["ui.print"], exact=True).click()
    printed(page)
    page.emulate_media(media="print")
    progress = page.locator(PRINT).get_by_role("table").last
    expect(progress.get_by_role("columnheader")).to_have_text(["Vad", "2027-03-10", "2027-06-09"])
    expect(progress.get_by_role("row").last).to_contain_text("PågårVäntar på IT.")
    expect(progress.get_by_role("row").last).to_contain_text("KlarKlart i april.")
    page.emulate_media(media="screen")

    with page.expect_download() as download:
        page.get_by_role("button", name=CATALOGUE["ui.download_json"]).click()
    saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert [c["date"] for c in saved["check_ins"]] == ["2027-03-10", "2027-06-09"]
    assert saved["check_ins"][1]["goals"][1]["note"] == "Varannan vecka i stället.", "carried, not retyped"


def test_the_new_controls_with_the_keyboard_alone(page: Page, site_url: str) -> None:
    page.add_init_script(NO_DIALOG)
    open_planner(page, f"{site_url}/planera/")
    page.keyboard.press("Tab")
    with page.expect_file_chooser() as chooser:
        tab_to(page, page.get_by_label(CATALOGUE["ui.start_from_last_year"]))
        page.keyboard.press("Space")
    chooser.value.set_files(LAST_YEAR)
    expect(page.get_by_text(CATALOGUE["ui.proposal_last_year"])).to_be_visible()

    tab_to(page, page.get_by_role("button", name=CATALOGUE["add.work_environment.changes"]))
    page.keyboard.press("Enter")  # the new line takes the focus
    expect(page.get_by_label("Förändring 1", exact=True)).to_be_focused()
    page.keyboard.type("Två fasta fokustimmar i veckan")
    tab_to(page, page.get_by_role("button", name=CATALOGUE["ui.changes_to_actions"]))
    page.keyboard.press("Enter")
    action = page.get_by_role("group", name="Åtgärd 1", exact=True)
    expect(action.get_by_label("Vad ska göras")).to_have_value("Två fasta fokustimmar i veckan")
    expect(action.get_by_text(CATALOGUE["ui.proposal_change"])).to_be_visible()

    tab_to(page, page.get_by_role("button", name=CATALOGUE["ui.print"], exact=True))
    page.keyboard.press("Enter")
    printed(page)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_new_states_have_no_violations(page: Page, site_url: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    open_planner(page, f"{site_url}/planera/")
    page.get_by_label(CATALOGUE["ui.start_from_last_year"]).set_input_files(LAST_YEAR)
    expect(page.get_by_text(CATALOGUE["ui.proposal_last_year"])).to_be_visible()
    page.get_by_role("button", name=CATALOGUE["ui.changes_to_actions"]).click()
    expect(page.get_by_text(CATALOGUE["ui.changes_added.none"])).to_be_visible()
    assert violations(page) == []

    open_planner(page, f"{site_url}/uppfoljning/")
    page.get_by_label(CATALOGUE["ui.open"]).set_input_files(LAST_YEAR)
    date = page.get_by_label("Datum för uppföljningen")
    date.fill("2026-11-01")
    date.press("Tab")
    expect(page.get_by_text("är före samtalet", exact=False)).to_be_visible()
    assert violations(page) == []
