"""Bad files and pasted scripts: a clear message in the reader's language, the
form untouched, and nothing a person typed ever read as HTML."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from samtalsplan.codec import VERSION
from samtalsplan.errors import PlanError
from samtalsplan.files import read_plan
from samtalsplan.i18n import translate

from .planner_page import CATALOGUE, READY, open_planner
from .test_csp import RECORD_VIOLATIONS

MB = 1024 * 1024
PLAN = {"format": "samtalsplan", "version": VERSION}

# Files a person might choose by mistake; the one reader's unit tests
# (test_files.py) hold their exact messages, these check that every page says them.
BAD_FILES = [
    ("anteckningar.json", "Det här är bara text.".encode()),
    ("tom.json", b""),
    ("semester.json", json.dumps({"dagar": 25}).encode()),
    ("lista.json", b"[1, 2, 3]"),
    ("framtid.json", json.dumps({**PLAN, "version": 7}).encode()),
    ("utan-version.json", json.dumps({"format": "samtalsplan"}).encode()),
    ("stor.json", b" " * (2 * MB + 1)),
    ("bild.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"),
    ("latin1.json", f'{{"format": "samtalsplan", "version": {VERSION}, "summary": "Åsa"}}'.encode("latin-1")),
    ("utf16.json", json.dumps({**PLAN, "summary": "Åsa"}).encode("utf-16")),
    ("nul.json", json.dumps(PLAN).encode() + b"\x00"),
    ("halv.json", json.dumps({**PLAN, "summary": "\ud800"}).encode()),
    ("plan.md", "# Medarbetarsamtal med Åsa\n".encode()),
    ("forberedelse.json", json.dumps({"format": "samtalsplan-preparation", "version": 1}).encode()),
    ("typer.json", json.dumps({**PLAN, "talk": {"employee": 7}}).encode()),
    ("lista2.json", json.dumps({**PLAN, "goals": {"title": "x"}}).encode()),
    ("val.json", json.dumps({**PLAN, "actions": [{"owner": "chefen"}]}).encode()),
]


def refusal(content: bytes, lang: str) -> str:
    """What the one reader says of a file chosen where a plan belongs."""
    try:
        read_plan(content)
    except PlanError as error:
        return error.message(lang)
    raise AssertionError("the reader took it")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_bad_file_is_explained_and_the_form_is_untouched(
    page: Page, site_url: str, lang: str
) -> None:
    open_planner(page, f"{site_url}/planera/" if lang == "sv" else f"{site_url}/en/planera/")
    employee = page.get_by_label("Medarbetare" if lang == "sv" else "Employee", exact=True)
    employee.fill("Bo Ek")
    opener = page.get_by_label("Öppna sparad plan" if lang == "sv" else "Open a saved plan")
    for name, content in BAD_FILES:
        opener.set_input_files(
            files=[{"name": name, "mimeType": "application/json", "buffer": content}]
        )
        expected = translate("ui.open_failed", lang, filename=name, message=refusal(content, lang))
        expect(page.get_by_text(expected, exact=True)).to_be_visible()
        expect(employee).to_have_value("Bo Ek")
        expect(page.get_by_role("group", name="Mål 2" if lang == "sv" else "Goal 2")).to_have_count(
            0
        )


def test_the_follow_up_and_team_pages_explain_a_bad_file_in_the_same_words(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/uppfoljning/")
    opener = page.get_by_label("Öppna sparad plan")
    for name, content in BAD_FILES:
        opener.set_input_files(files=[{"name": name, "mimeType": "application/json", "buffer": content}])
        expected = translate("ui.open_failed", "sv", filename=name, message=refusal(content, "sv"))
        expect(page.get_by_text(expected, exact=True)).to_be_visible()
    open_planner(page, f"{site_url}/team/")
    page.get_by_label(CATALOGUE["ui.team_open"]).set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": content} for name, content in BAD_FILES]
    )
    errors = page.locator("[data-sp-team-errors] li")
    expect(errors).to_have_text([f"{name}: {refusal(content, 'sv')}" for name, content in BAD_FILES])


# Each sets window.__xss if it ever runs; each would also leave an element behind.
PAYLOADS = [
    '<img src=x onerror="window.__xss=1">',
    "<script>window.__xss=1</script>",
    '"><svg onload="window.__xss=1">',
    '\'><iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    '<a href="javascript:window.__xss=1" id=sp-xss>klicka</a>',
    "</textarea><img src=x onerror=window.__xss=1>",
    "{{constructor.constructor('window.__xss=1')()}}",
    "&lt;img src=x onerror=window.__xss=1&gt;",
]
DANGEROUS = "script, img, svg, iframe, object, embed, #sp-xss"


def test_typed_and_opened_text_is_never_read_as_html(page: Page, site_url: str) -> None:
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("dialog", lambda dialog: dialog.accept())
    open_planner(page, f"{site_url}/planera/")
    form = page.get_by_role("form")
    before = form.locator(DANGEROUS).count()
    date = page.get_by_label("Datum för samtalet")
    opener = page.get_by_label("Öppna sparad plan")

    for payload in PAYLOADS:
        # Typed: the message beside a field and in the list repeats the bad date as typed.
        page.get_by_label("Medarbetare", exact=True).fill(payload)
        page.get_by_role("textbox", name="Sammanfattning", exact=True).fill(payload)
        date.evaluate(
            "(el, value) => { el.type = 'text'; el.value = value; el.dispatchEvent(new Event('input', {bubbles: true})); }",
            payload,
        )
        date.press("Tab")
        message = CATALOGUE["problem.date_invalid"].format(value=payload.strip())
        expect(page.locator("#sp-talk-date-error")).to_have_text(message)
        with page.expect_download():
            page.get_by_role("button", name="Ladda ner JSON").click()
        expect(page.get_by_role("link", name=message)).to_be_visible()

        # Opened from a file, with the payload in the file's name and in the plan.
        plan = {
            "format": "samtalsplan",
            "version": VERSION,
            "talk": {"employee": payload},
            "summary": payload,
        }
        file = {
            "name": f"{payload}.json",
            "mimeType": "application/json",
            "buffer": json.dumps(plan).encode(),
        }
        opener.set_input_files(files=[file])
        expect(
            page.get_by_text(CATALOGUE["ui.opened"].format(filename=f"{payload}.json"), exact=True)
        ).to_be_visible()
        expect(page.get_by_label("Medarbetare", exact=True)).to_have_value(payload)
        opener.set_input_files(files=[{**file, "buffer": b"nej"}])
        expect(page.get_by_text(f"Det gick inte att öppna {payload}.json.")).to_be_visible()

    assert page.evaluate("() => window.__violations") == [], "nothing was even tried"

    # Restored from the draft.
    everything = "\n".join(PAYLOADS)
    page.get_by_role("textbox", name="Sammanfattning", exact=True).fill(everything)
    page.reload()
    page.wait_for_function(READY, timeout=60_000)
    expect(page.get_by_role("textbox", name="Sammanfattning", exact=True)).to_have_value(everything)

    assert page.evaluate("() => window.__xss") is None
    assert page.evaluate("() => window.__violations") == [], "nothing was even tried"
    assert form.locator(DANGEROUS).count() == before
