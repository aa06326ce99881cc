"""A guidance page is drawn first with its first-paint stylesheet, and looks no
different once its whole stylesheet has come (samtalsplan_site/first_paint.py).

Each page is loaded with the whole stylesheet held back, and read once the theme's
script has run (it wraps tables, links the tabs and so on): every element's
computed style, and its ::before's and ::after's; then the whole stylesheet comes
after the first-paint one, where the page's own line links it once loaded (another
test sees it do so), and the same is read again. Not one value may differ: the first paint lacked nothing the page shows,
and the stylesheet that comes after changes nothing. Light on a desktop, dark on a
phone.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from samtalsplan_site.first_paint import FULL_ATTRIBUTE

from .planner_page import wait_until


@pytest.fixture(scope="module")
def guidance(site_dir: Path) -> list[str]:
    """The paths of the pages that have a first-paint stylesheet."""
    return [
        html.relative_to(site_dir).as_posix().removesuffix("index.html")
        for html in sorted(site_dir.rglob("*.html"))
        if f' {FULL_ATTRIBUTE}="' in html.read_text(encoding="utf-8")
    ]


# Every computed value of every element and its ::before and ::after: kept in
# the page the first time, compared with it the second (only what differs comes back).
# A box's values are one string, "property: value" joined by U+0001, split only where
# the two differ: reading 600 values a box into objects took three times as long.
STYLES = """(compare) => {
  const now = [];
  for (const el of document.querySelectorAll("body *")) {
    const name = el.tagName + (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : "");
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(el, pseudo);
      if (pseudo && style.content === "none") { now.push(null); continue; }
      const values = new Array(style.length);
      for (let i = 0; i < style.length; i++) {
        const property = style.item(i);
        values[i] = property + ": " + style.getPropertyValue(property);
      }
      now.push({ name: name + (pseudo ?? ""), values: values.join("\\u0001") });
    }
  }
  if (!compare) { window.spFirstPaint = now; return []; }
  const before = window.spFirstPaint;
  if (before.length !== now.length) return [`the page has ${now.length} boxes, not ${before.length}`];
  const parse = (text) => new Map(text.split("\\u0001").map((entry) => {
    const at = entry.indexOf(": ");
    return [entry.slice(0, at), entry.slice(at + 2)];
  }));
  const differences = [];
  now.forEach((after, i) => {
    const first = before[i];
    if (!first || !after) { if (first !== after) differences.push(`${(first ?? after).name}: drawn in one and not the other`); return; }
    if (first.values === after.values) return;
    const [was, is] = [parse(first.values), parse(after.values)];
    const changed = [...new Set([...was.keys(), ...is.keys()])].filter((k) => was.get(k) !== is.get(k));
    differences.push(`${after.name}: ` + changed.map((k) => `${k} ${was.get(k)} → ${is.get(k)}`).join(", "));
  });
  return differences;
}"""

# The stylesheets the page applies, by address (the test's own style has none).
SHEETS = """() => [...document.styleSheets]
  .filter((sheet) => { try { return sheet.cssRules.length > 0; } catch { return false; } })
  .map((sheet) => sheet.href).filter(Boolean)"""
STILL = "*, ::before, ::after { transition: none !important; animation: none !important; }"
FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
LOADED = "() => document.readyState === 'complete' && !!document.querySelector('.md-typeset')"


def test_every_guidance_page_has_a_first_paint_stylesheet(guidance: list[str]) -> None:
    assert len(guidance) >= 20, guidance
    assert {"", "en/", "under-samtalet/", "en/under-samtalet/", "404.html"} <= set(guidance)
    assert not {"planera/", "team/", "systemkontroll/"} & set(guidance), "a form page keeps its one stylesheet"


def test_the_whole_stylesheet_follows_the_first_once_the_page_has_loaded(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/under-samtalet/")
    named = page.get_attribute("link[data-sp-full-stylesheet]", FULL_ATTRIBUTE)
    assert named is not None
    sheets = wait_until(page, f"() => {{ const s = ({SHEETS})(); return s.length === 2 && s; }}")
    assert "/first-paint." in sheets[0] and sheets[1] == f"{site_url}/{named.removeprefix('../')}"


@pytest.mark.parametrize(("scheme", "width"), [("light", 1280), ("dark", 390)])
def test_the_whole_stylesheet_changes_nothing_the_first_paint_showed(
    browser: Browser, site_dir: Path, site_url: str, guidance: list[str], scheme: str, width: int
) -> None:
    # The whole stylesheet is held back; the test adds its text after the first-paint one.
    held = re.compile(r"/assets/samtalsplan/site\.[0-9a-f]+\.css$")
    # CSP bypassed for the test's own styles: that one, and no transitions, so every value
    # read is where the page settles, not part of the way there (the tabs' marker slides in).
    # No offline worker: it would hand the page the whole stylesheet from its cache.
    context = browser.new_context(
        color_scheme=scheme,
        viewport={"width": width, "height": 800},
        bypass_csp=True,
        service_workers="block",
    )
    page: Page = context.new_page()
    page.route(held, lambda route: route.abort())
    failures = []
    try:
        for path in guidance:
            page.goto(f"{site_url}/{path}")
            page.add_style_tag(content=STILL)
            wait_until(page, LOADED)
            page.evaluate(FRAMES)
            sheets = page.evaluate(SHEETS)
            assert len(sheets) == 1 and "/first-paint." in sheets[0], (path, sheets)
            page.evaluate(STYLES, False)
            named = page.get_attribute("link[data-sp-full-stylesheet]", FULL_ATTRIBUTE)
            assert named is not None
            whole = site_dir / "assets" / named.split("/assets/", 1)[-1].removeprefix("assets/")
            page.add_style_tag(content=whole.read_text(encoding="utf-8"))
            page.evaluate(FRAMES)
            failures += [f"/{path}: {d}" for d in page.evaluate(STYLES, True)]
    finally:
        context.close()
    assert not failures, "\n".join(failures[:40])
