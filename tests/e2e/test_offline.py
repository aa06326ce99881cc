"""Offline: after one visit the service worker serves the whole build from its
cache; a new deploy is installed beside it and taken into use only when no page
of the old build is open, so no page mixes two builds."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from samtalsplan_site.service_worker import stamp_service_worker
from playwright.sync_api import BrowserContext, Page, Route, expect

from ..conftest import serve
from .planner_page import CATALOGUE, open_planner, wait_until
from .test_hosting import PREFIX, SubPathHandler
from .test_team import TEAM, file

CONTROLLED = "() => navigator.serviceWorker.controller !== null"
# Browsers look for a new worker on navigation, in the background; ask at once.
NEW_BUILD_WAITING = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration.waiting) await registration.update().catch(() => {});
  return !!registration.waiting;
}"""
ONLY_CACHE = "async (name) => (await caches.keys()).join() === name"


PYTHON_KEPT = """async () => {
  const names = (await caches.keys()).filter((name) => /^samtalsplan-[0-9a-f]{16}$/.test(name));
  if (names.length !== 1) return false;
  const urls = (await (await caches.open(names[0])).keys()).map((request) => request.url);
  return urls.some((url) => url.endsWith("/pyodide.asm.wasm")) && urls.some((url) => url.endsWith(".whl"));
}"""
PYTHON_FILES = re.compile(r"/assets/(pyodide|python)/")


def test_planner_reloads_and_starts_python_offline(page: Page, context: BrowserContext, site_url: str) -> None:
    open_planner(page, f"{site_url}/planera/")
    # The worker takes the page once it has cached the whole build, and keeps
    # the Python files once the page has run Python.
    page.wait_for_function(CONTROLLED, timeout=60_000)
    wait_until(page, PYTHON_KEPT)
    context.set_offline(True)
    try:
        response = page.reload()
        assert response is not None and response.from_service_worker
        page.wait_for_function("() => performance.getEntriesByName('python-ready').length > 0", timeout=60_000)
        expect(page.get_by_role("status").first).to_have_text(CATALOGUE["page.planner.ready"])
        # Another page of the site, never visited, is there too.
        page.goto(f"{site_url}/en/planera/")
        expect(page.get_by_role("button", name="Download JSON")).to_be_visible()
    finally:
        context.set_offline(False)


# The page's own fetches (a worker's are not among them).
PAGE_FETCHED_RUNTIME = (
    "() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/pyodide.asm.wasm'))"
)


def test_a_first_visit_compiles_the_runtime_in_the_worker_a_returning_one_on_the_page(
    page: Page, site_url: str
) -> None:
    """On a first visit the Python worker compiles the runtime's wasm, off the
    page's main thread; on a returning one, served by the offline worker, the
    page compiles it, where Chromium's code cache keeps it (client.mjs)."""
    open_planner(page, f"{site_url}/planera/")
    assert not page.evaluate(PAGE_FETCHED_RUNTIME), "a first visit: the worker fetched it"
    page.wait_for_function(CONTROLLED, timeout=60_000)
    wait_until(page, PYTHON_KEPT)

    page.reload()
    page.wait_for_function("() => performance.getEntriesByName('python-ready').length > 0", timeout=60_000)
    assert page.evaluate(PAGE_FETCHED_RUNTIME), "a returning visit: the page fetched it"
    expect(page.get_by_role("status").first).to_have_text(CATALOGUE["page.planner.ready"])


KEPT_URLS = """async () => {
  const names = (await caches.keys()).filter((name) => /^samtalsplan-[0-9a-f]{16}$/.test(name));
  return names.length === 1 ? (await (await caches.open(names[0])).keys()).map((request) => request.url) : [];
}"""


@pytest.mark.browser_context_args(accept_downloads=True)
def test_the_workbook_wheel_is_kept_when_first_used_and_then_works_offline(
    page: Page, context: BrowserContext, site_url: str
) -> None:
    """The wheel only the team's workbook needs is not part of the offline
    install; the first workbook keeps it, and the next one needs no network."""
    open_planner(page, f"{site_url}/team/")
    page.wait_for_function(CONTROLLED, timeout=60_000)
    wait_until(page, PYTHON_KEPT)
    assert not [url for url in page.evaluate(KEPT_URLS) if "/xlsxwriter-" in url]
    page.get_by_label(CATALOGUE["ui.team_open"]).set_input_files(
        files=[file("bo.json", TEAM / "on-track.json")]
    )
    with page.expect_download():
        page.get_by_role("button", name=CATALOGUE["ui.download_xlsx"]).click()
    assert [url for url in page.evaluate(KEPT_URLS) if "/xlsxwriter-" in url]

    context.set_offline(True)
    try:
        page.reload()
        page.wait_for_function("() => performance.getEntriesByName('python-ready').length > 0", timeout=60_000)
        page.get_by_label(CATALOGUE["ui.team_open"]).set_input_files(
            files=[file("bo.json", TEAM / "on-track.json")]
        )
        with page.expect_download() as workbook:
            page.get_by_role("button", name=CATALOGUE["ui.download_xlsx"]).click()
        assert workbook.value.suggested_filename.endswith(".xlsx")
    finally:
        context.set_offline(False)


@pytest.fixture
def copied_site(site_dir: Path, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copy of the site that the test can redeploy, served under a sub-path."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    server, url = serve(copy, SubPathHandler)
    yield copy, url
    server.shutdown()


def test_a_new_deploy_takes_over_only_when_the_old_pages_are_closed(
    context: BrowserContext, copied_site: tuple[Path, str]
) -> None:
    site, origin = copied_site
    url = f"{origin}{PREFIX}/"
    first = context.new_page()
    first.goto(url)
    first.wait_for_function(CONTROLLED, timeout=60_000)
    old_title = first.title()

    # Deploy a new build: a changed page, and the service worker stamped anew.
    index = site / "index.html"
    index.write_text(index.read_text("utf-8").replace("<title>", "<title>Ny version – "), encoding="utf-8")
    build = stamp_service_worker(site)

    # While a page of the old build is open, every page gets the old build.
    second = context.new_page()
    second.goto(url)
    wait_until(second, NEW_BUILD_WAITING)
    second.reload()
    assert second.title() == old_title
    first.close()
    second.close()

    # With no page of the old build open, the new one takes over and the old
    # cache goes. Watched from a page outside the worker's scope, which the
    # worker does not hold.
    probe = context.new_page()
    probe.goto(f"{origin}/outside-the-site")
    wait_until(probe, ONLY_CACHE, f"samtalsplan-{build}")
    third = context.new_page()
    third.goto(url)
    assert third.title() == f"Ny version – {old_title}"


def guidance_page_with_python_prefetch(route: Route) -> None:
    """The page as a site built with extra.samtalsplan.prefetch_python: true."""
    response = route.fetch()
    html = response.text().replace("<head>", '<head><meta name="samtalsplan:prefetch-python" content="idle">', 1)
    route.fulfill(response=response, body=html)


def test_guidance_pages_fetch_no_python_and_the_worker_keeps_none(page: Page, site_url: str) -> None:
    python_requests: list[str] = []
    # The context's requests: the page's and its service worker's.
    page.context.on("request", lambda request: PYTHON_FILES.search(request.url) and python_requests.append(request.url))
    page.goto(f"{site_url}/under-samtalet/")
    page.wait_for_function(CONTROLLED, timeout=60_000)
    page.goto(f"{site_url}/fore-samtalet/")
    page.wait_for_timeout(1_000)
    assert python_requests == []
    assert not page.evaluate(PYTHON_KEPT)


def test_an_organisation_may_have_guidance_pages_keep_python(page: Page, site_url: str) -> None:
    page.route("**/under-samtalet/", guidance_page_with_python_prefetch)
    page.goto(f"{site_url}/under-samtalet/")
    wait_until(page, PYTHON_KEPT)
