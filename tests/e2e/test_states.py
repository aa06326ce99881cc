"""Our buttons and links are readable in every state, and big enough to tap.

axe checks the resting page; this measures the computed colours of every kind
of button and link of ours at rest, hovered, focused and pressed, in both
palettes and in the question dialog: text at least 4.5:1 against what is
behind it, and a focus indicator at least 3:1 against its surroundings
(WCAG 1.4.3 and 2.4.11). On a phone, each of them is at least 44 × 44 px
(WCAG 2.5.5) and textareas grow with their text. In the theme's parts, keyboard
focus shows in the header in both palettes, and on a phone it stays in sight
through the header and the navigation drawer (WCAG 2.4.7).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from .planner_page import CATALOGUE, ROOT, open_planner, settled, wait_until

FULL = ROOT / "tests" / "fixtures" / "valid" / "full.json"

# What the page computes: colours as the browser resolves them, composited
# over what is behind each element, and the WCAG contrast ratio.
MEASURE = """(el) => {
  const parse = (text) => {
    const m = text.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [r, g, b, a];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
  };
  const behind = (node) => {
    const layers = [];
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c && c[3] > 0) layers.push(c);
      if (c && c[3] === 1) break;
    }
    let colour = matchMedia("(prefers-color-scheme: dark)").matches ? [0, 0, 0, 1] : [255, 255, 255, 1];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const luminance = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const style = getComputedStyle(el);
  const background = behind(el);
  const text = over(parse(style.color), background);
  const outline = parse(style.outlineColor);
  const around = behind(el.parentElement);
  return {
    text: ratio(text, background),
    focusRing: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 && outline
      ? ratio(over(outline, around), around) : 0,
    focusVisible: el.matches(":focus-visible"),
  };
}"""

OURS = ".sp-planner button, .sp-planner a[href], .sp-check a[href]"
IN_THE_DIALOG = ".sp-confirm[open] button"


def kinds(page: Page, selector: str) -> list[Locator]:
    """One visible element of each kind of ours (tag, classes, variant)."""
    found: dict[str, Locator] = {}
    every = page.locator(selector)
    for i in range(every.count()):
        element = every.nth(i)
        if not element.is_visible():
            continue
        kind = element.evaluate("el => `${el.tagName}.${el.className}.${el.closest('[data-sp-savebar]') ? 'bar' : ''}`")
        found.setdefault(kind, element)
    return list(found.values())


def states(page: Page, element: Locator) -> Iterator[tuple[str, dict[str, Any]]]:
    element.scroll_into_view_if_needed()
    page.mouse.move(0, 0)
    page.evaluate("() => document.activeElement?.blur()")
    settled(page)
    yield "resting", element.evaluate(MEASURE)
    element.hover()
    settled(page)
    yield "hovered", element.evaluate(MEASURE)
    page.mouse.move(0, 0)
    page.keyboard.press("Shift")  # focus after a key press is :focus-visible
    element.focus()
    settled(page)
    yield "focused", element.evaluate(MEASURE)
    page.evaluate("() => document.activeElement?.blur()")
    box = element.bounding_box()
    assert box
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    settled(page)
    pressed = element.evaluate(MEASURE)
    page.mouse.move(0, 0)  # released elsewhere: no click
    page.mouse.up()
    yield "pressed", pressed


def check_page(page: Page, selector: str = OURS) -> list[str]:
    failures = []
    for element in kinds(page, selector):
        name = element.evaluate("el => el.textContent.trim() || el.getAttribute('aria-label')")
        for state, measured in states(page, element):
            if measured["text"] < 4.5:
                failures.append(f"{name} {state}: text {measured['text']:.2f}:1")
            if state == "focused" and measured["focusVisible"] and measured["focusRing"] < 3:
                failures.append(f"{name} focused: focus ring {measured['focusRing']:.2f}:1")
    return failures


def opened(page: Page, url: str, path: str) -> None:
    open_planner(page, f"{url}/{path}")
    if path == "uppfoljning/":
        page.get_by_label(CATALOGUE["ui.open"]).set_input_files(FULL)
        expect(page.get_by_role("group", name="Åtgärd 1", exact=True)).to_be_visible()
    elif path == "team/":
        page.get_by_label(CATALOGUE["ui.team_open"]).set_input_files(FULL)
        expect(page.locator("[data-sp-team-results] table").first).to_be_visible()


FORM_PAGES = ["planera/", "forbered-dig/", "uppfoljning/", "team/", "systemkontroll/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", FORM_PAGES)
def test_buttons_and_links_are_readable_in_every_state(browser: Browser, site_url: str, path: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    if path == "systemkontroll/":
        page.goto(f"{site_url}/{path}")
        page.wait_for_function("() => performance.getEntriesByName('selfcheck-done').length > 0", timeout=60_000)
    else:
        opened(page, site_url, path)
    assert check_page(page) == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_question_dialog_is_readable_in_every_state(browser: Browser, site_url: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    open_planner(page, f"{site_url}/planera/")
    page.get_by_role("textbox", name="Sammanfattning", exact=True).fill("Hon har en diagnos.")
    page.get_by_role("button", name="Ladda ner JSON").click()
    dialog = page.get_by_role("dialog", name=CATALOGUE["confirm.sensitive.heading"])
    expect(dialog).to_be_visible()
    assert check_page(page, IN_THE_DIALOG) == []
    context.close()


# The element that shows keyboard focus: the palette's switch is a hidden radio
# button, and what shows is the icon beside it.
SHOWN = """(el) => el.matches(".md-option")
    ? el.parentElement.querySelector("label:not([hidden])") : el"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "planera/"], ids=["guidance", "planner"])
def test_keyboard_focus_in_the_header_is_visible(browser: Browser, site_url: str, path: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800})  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(f"{site_url}/{path}")
    rings: dict[str, float] = {}
    for _ in range(8):
        page.keyboard.press("Tab")
        settled(page)
        focused = page.locator(":focus")
        if focused.evaluate("el => !el.closest('.md-header') || el.matches('.md-search__input')"):
            continue  # the search field shows focus by opening
        shown = focused.evaluate_handle(SHOWN).as_element()
        assert shown is not None
        name = focused.evaluate("el => el.getAttribute('aria-label') || el.textContent.trim() || el.className")
        rings[name] = shown.evaluate(MEASURE)["focusRing"]
    # The logo, the palette's switch, the language button and its two entries.
    assert len(rings) >= 5, rings
    assert {name: ring for name, ring in rings.items() if ring < 3} == {}
    context.close()


# Whether the focused element can be seen: on screen, neither transparent nor hidden.
IN_SIGHT = (
    """() => {
  const el = document.activeElement;
  const shown = ("""
    + SHOWN
    + """)(el);
  const r = shown.getBoundingClientRect();
  return {
    name: `${el.tagName}.${el.className} ${el.textContent.trim().slice(0, 30)}`,
    inContent: !!el.closest(".md-content"),
    seen: shown.checkVisibility({ opacityProperty: true, visibilityProperty: true })
      && r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
      && r.left < innerWidth && r.top < innerHeight,
  };
}"""
)


@pytest.mark.parametrize("path", ["under-samtalet/", "planera/"])
def test_keyboard_focus_never_goes_out_of_sight_on_a_phone(browser: Browser, site_url: str, path: str) -> None:
    """Through the header and the navigation drawer to the page's content."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site_url}/{path}")
    unseen, stops = [], 0
    while stops < 80:
        page.keyboard.press("Tab")
        stops += 1
        settled(page)  # the drawer and its levels slide in
        where = page.evaluate(IN_SIGHT)
        if where["inContent"]:
            break
        if not where["seen"]:
            unseen.append(where["name"])
    assert 10 < stops < 80, "Tab went through the navigation's links to the content"
    assert unseen == []
    context.close()


@pytest.mark.parametrize("path", ["planera/", "forbered-dig/", "uppfoljning/", "team/", "under-samtalet/"])
def test_every_control_of_ours_is_big_enough_to_tap_on_a_phone(browser: Browser, site_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    if path in FORM_PAGES:
        opened(page, site_url, path)
    else:
        page.goto(f"{site_url}/{path}")
    small = page.evaluate(
        """() => [...document.querySelectorAll(
              `.sp-planner :is(button, a[href], input, select, textarea),
               .md-typeset details > summary, .md-typeset .tabbed-labels > label`)]
            .filter((el) => el.checkVisibility())
            .map((el) => [el.textContent.trim() || el.name || el.id, el.getBoundingClientRect()])
            .filter(([, r]) => r.width < 44 || r.height < 44)
            .map(([name, r]) => `${name}: ${Math.round(r.width)} × ${Math.round(r.height)}`)"""
    )
    if path in ("team/", "under-samtalet/"):  # a collapsible block; content tabs
        assert page.locator(".md-typeset :is(details > summary, .tabbed-labels > label)").count() > 0
    assert small == []
    context.close()


def test_a_textarea_grows_with_its_text(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/planera/")
    summary = page.get_by_role("textbox", name="Sammanfattning", exact=True)
    before = summary.evaluate("el => el.getBoundingClientRect().height")
    summary.fill("\n".join(f"Rad {n}" for n in range(12)))
    after = summary.evaluate("el => el.getBoundingClientRect().height")
    assert after > 2 * before
    assert summary.evaluate("el => el.scrollHeight <= el.clientHeight + 1"), "no inner scroll"


@pytest.mark.parametrize("width", [390, 1280])
def test_the_downloads_are_in_view_anywhere_on_the_page(browser: Browser, site_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    open_planner(page, f"{site_url}/planera/")
    page.get_by_label("Medarbetare", exact=True).focus()
    button = page.get_by_role("button", name="Ladda ner JSON")
    expect(button).to_be_in_viewport()
    page.get_by_role("textbox", name="Sammanfattning", exact=True).scroll_into_view_if_needed()
    expect(button).to_be_in_viewport()
    context.close()


@pytest.mark.parametrize("path", ["", "planera/"], ids=["guidance", "planner"])
def test_the_palette_switch_changes_the_page_and_is_kept(page: Page, site_url: str, path: str) -> None:
    """The theme's palette toggle, with the build's stylesheet (which leaves
    out the theme's rule for a palette being applied): it switches, the
    browser's own controls follow, and the next page opens in the choice."""
    page.goto(f"{site_url}/{path}")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.get_by_title("Byt till mörkt läge").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator('meta[name="color-scheme"]')).to_have_attribute("content", "dark")
    page.goto(f"{site_url}/under-samtalet/")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.get_by_title("Byt till ljust läge").click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


# Each change of the page's palette scheme, and when (a change to the same
# value, as the theme's script makes once it runs, is not a change).
WATCH_SCHEME = """
window.__schemes = [];
new MutationObserver((records) => {
  for (const r of records) {
    const now = r.target.getAttribute(r.attributeName);
    if (now !== r.oldValue) window.__schemes.push([now, performance.now()]);
  }
}).observe(document, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ["data-md-color-scheme"] });
"""
FIRST_PAINT = "() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null"


def scheme_changes_after_first_paint(page: Page, url: str) -> list[str]:
    page.add_init_script(WATCH_SCHEME)
    page.goto(url)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    painted = wait_until(page, FIRST_PAINT)
    page.wait_for_load_state("load")
    changes = page.evaluate("() => window.__schemes")
    assert changes and changes[-1][0] == "slate"
    return [scheme for scheme, at in changes if at >= painted]


@pytest.mark.parametrize("path", ["", "planera/"], ids=["guidance", "planner"])
def test_a_first_visit_on_a_dark_system_is_dark_from_the_first_frame(browser: Browser, site_url: str, path: str) -> None:
    """No palette kept yet: the page is drawn dark at once, not light and then
    switched once the theme's script runs (which would fade its links)."""
    context = browser.new_context(color_scheme="dark")
    assert scheme_changes_after_first_paint(context.new_page(), f"{site_url}/{path}") == []
    context.close()


@pytest.mark.parametrize("path", ["", "planera/"], ids=["guidance", "planner"])
def test_a_palette_chosen_on_an_earlier_visit_is_there_from_the_first_frame(
    browser: Browser, site_url: str, path: str
) -> None:
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(f"{site_url}/under-samtalet/")
    page.get_by_title("Byt till mörkt läge").click()
    assert scheme_changes_after_first_paint(page, f"{site_url}/{path}") == []
    context.close()
