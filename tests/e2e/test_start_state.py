"""Python's kept start-up state (start-state.mjs): a reload starts from it, a
damaged one means a normal start, and nothing typed is ever in it."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from .planner_page import CATALOGUE, open_planner, wait_until
from .test_drafts import DRAFT_KEY

CACHE = "samtalsplan-python-start"
# Functions, not expressions: the pages' CSP forbids eval.
START_STATE = "() => performance.getEntriesByName('python-ready')[0].detail.startState"
KEPT = f"""async () => {{
  const cache = await caches.open("{CACHE}");
  const keys = await cache.keys();
  if (keys.length !== 1) return null;
  return (await (await cache.match(keys[0])).arrayBuffer()).byteLength;
}}"""
DAMAGE = f"""async () => {{
  const cache = await caches.open("{CACHE}");
  const [key] = await cache.keys();
  await cache.put(key, new Response(new Uint8Array(4096).fill(7)));
}}"""
FORGET = f"""() => caches.delete("{CACHE}")"""
# Whether the kept state holds these ASCII bytes anywhere (Python keeps an
# ASCII str as one byte per character).
HOLDS = f"""async (text) => {{
  const cache = await caches.open("{CACHE}");
  const [key] = await cache.keys();
  const bytes = new Uint8Array(await (await cache.match(key)).arrayBuffer());
  const needle = new TextEncoder().encode(text);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {{
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }}
  return false;
}}"""


def wait_until_kept(page: Page) -> int:
    """The size of the kept state, once there is one."""
    return int(wait_until(page, KEPT))


def test_a_reload_starts_from_the_kept_state_and_works(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/en/planera/")
    assert page.evaluate(START_STATE) == "taken"
    assert wait_until_kept(page) > 10_000_000, "the interpreter's memory, tens of MB"

    page.reload()
    page.wait_for_function("() => performance.getEntriesByName('python-ready').length > 0", timeout=60_000)
    assert page.evaluate(START_STATE) == "used"
    # Python answers in English: its catalogue is read from the wheel, which
    # is not in the kept state and has to be put back. And downloads work.
    page.get_by_label("Employee", exact=True).fill("Bo Ek")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download Markdown").click()
    assert Path(download.value.path()).read_text("utf-8").startswith("# Development talk with Bo Ek\n")
    expect(page.get_by_role("link", name="Write the manager's name.")).to_be_visible()


def test_a_damaged_state_means_a_normal_start_and_a_fresh_state(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/planera/")
    wait_until_kept(page)
    page.evaluate(DAMAGE)

    page.reload()
    page.wait_for_function("() => performance.getEntriesByName('python-ready').length > 0", timeout=60_000)
    assert page.evaluate(START_STATE) == "taken", "started afresh"
    expect(page.get_by_role("status").first).to_have_text(CATALOGUE["page.planner.ready"])
    assert wait_until_kept(page) > 10_000_000, "the damaged copy is replaced"

    page.reload()
    page.wait_for_function("() => performance.getEntriesByName('python-ready').length > 0", timeout=60_000)
    assert page.evaluate(START_STATE) == "used"


def test_nothing_typed_is_in_the_kept_state(page: Page, site_url: str) -> None:
    marker = "Zebrafink4711Qx"
    open_planner(page, f"{site_url}/planera/")
    page.get_by_label("Medarbetare", exact=True).fill(marker)
    # The draft is saved as one types: wait until it holds the name.
    wait_until(page, "([key, text]) => (localStorage.getItem(key) ?? '').includes(text)", [DRAFT_KEY, marker])
    # A new version: no kept state, and a draft that Python reads at once.
    page.evaluate(FORGET)
    page.reload()
    page.wait_for_function("() => performance.getEntriesByName('python-ready').length > 0", timeout=60_000)
    assert page.evaluate(START_STATE) == "taken"
    expect(page.get_by_label("Medarbetare", exact=True)).to_have_value(marker)
    wait_until_kept(page)
    # The control: the same search finds what Python has certainly imported.
    assert page.evaluate(HOLDS, "samtalsplan.bridge")
    assert not page.evaluate(HOLDS, marker)
