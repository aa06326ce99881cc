"""The whole plan made and saved with the keyboard alone: Tab to move, typing
to fill, arrow keys to choose, Enter and Space on buttons; no mouse at all."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page, expect

from .planner_page import open_planner, walk_plan
from .test_planner import FULL, STATE

MAX_TABS = 80  # between two fields: the header, nav and list buttons on the way


def is_focused(control: Locator) -> bool:
    return bool(control.evaluate("el => el === document.activeElement"))


def tab_to(page: Page, control: Locator) -> None:
    """Tab forward until `control` has focus, Shift+Tab back if it lies behind."""
    for key in ("Tab", "Shift+Tab"):
        for _ in range(MAX_TABS):
            if is_focused(control):
                return
            page.keyboard.press(key)
    raise AssertionError(f"Tab never reached {control}")


def type_with_keys(page: Page, control: Locator, value: Any) -> None:
    tab_to(page, control)
    kind = control.evaluate("el => el.tagName === 'SELECT' ? 'select' : el.type")
    if not value:
        return
    if kind == "select":
        options = control.evaluate("el => [...el.options].map((o) => o.value)")
        for _ in range(options.index(value)):
            page.keyboard.press("ArrowDown")
    elif kind == "date":
        year, month, day = value.split("-")
        page.keyboard.type(month + day + year)  # the field's order under --lang=en-US
    else:
        for i, line in enumerate(value.split("\n")):
            if i:
                page.keyboard.press("Enter")  # a new line in a textarea
            page.keyboard.type(line)
    expect(control).to_have_value(value)


def test_the_whole_plan_with_the_keyboard_alone(page: Page, site_url: str, tmp_path: Path) -> None:
    open_planner(page, f"{site_url}/planera/")
    page.keyboard.press("Tab")  # from the top of the page, as a person arrives

    def press(button: Locator) -> None:
        tab_to(page, button)
        page.keyboard.press("Enter")

    walk_plan(
        page,
        STATE,
        lambda control, value: type_with_keys(page, control, value),
        add=True,
        press=press,
    )

    download_button = page.get_by_role("button", name="Ladda ner JSON")
    tab_to(page, download_button)
    with page.expect_download() as download:
        page.keyboard.press("Space")
    saved = tmp_path / "plan.json"
    download.value.save_as(saved)
    assert json.loads(saved.read_text(encoding="utf-8")) == FULL
    expect(page.get_by_role("status").nth(2)).to_have_text(
        f"Filen {download.value.suggested_filename} är nedladdad."
    )
