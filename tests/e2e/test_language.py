"""The language switcher in Chromium: it leads to the twin page and back,
also when the site is served under a sub-path, and nothing leaves the host."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request, expect
from .planner_page import READY

PREFIX = "/intranet/samtalsplan"


class _PrefixedHandler(SimpleHTTPRequestHandler):
    """Serves the site only under PREFIX, as an intranet server might."""

    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
    }

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX + "/"):
            return str(Path(self.directory) / "__outside_the_prefix__")
        return super().translate_path(path[len(PREFIX) :])

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the browser drops downloads when a test navigates on: not our concern


@pytest.fixture(scope="module")
def prefixed_url(site_dir: Path) -> Iterator[str]:
    """The built site served under a sub-path, without a trailing slash."""
    server = _QuietServer(
        ("127.0.0.1", 0), functools.partial(_PrefixedHandler, directory=str(site_dir))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()


@pytest.fixture(params=["root", "sub-path"])
def base(request: pytest.FixtureRequest, site_url: str) -> str:
    if request.param == "root":
        return site_url
    return str(request.getfixturevalue("prefixed_url"))


def switch_to(page: Page, language: str) -> None:
    """Open the header's language menu and choose a language, as a reader does."""
    button = page.get_by_role("button", name=re.compile("Välj språk|Select language"))
    button.hover()
    button.focus()
    page.get_by_role("link", name=language, exact=True).click()


@pytest.mark.parametrize("path", ["", "under-samtalet/", "integritet/", "planera/"])
def test_switcher_leads_to_the_twin_and_back(page: Page, base: str, path: str) -> None:
    requests: list[Request] = []
    page.on("request", lambda request: requests.append(request))

    page.goto(f"{base}/{path}")
    expect(page.locator("html")).to_have_attribute("lang", "sv")

    switch_to(page, "English")
    expect(page).to_have_url(f"{base}/en/{path}")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    switch_to(page, "Svenska")
    expect(page).to_have_url(f"{base}/{path}")
    expect(page.locator("html")).to_have_attribute("lang", "sv")

    hosts = {
        urlsplit(r.url).netloc for r in requests if urlsplit(r.url).scheme in ("http", "https")
    }
    assert hosts == {urlsplit(base).netloc}, f"requests to other hosts: {hosts}"
    outside = [r.url for r in requests if not urlsplit(r.url).path.startswith(urlsplit(base).path)]
    assert not outside, f"requests outside the site's sub-path: {outside}"


def test_guidance_links_into_the_planner(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/under-samtalet/")
    page.get_by_role("link", name="Mål för året").click()
    expect(page).to_have_url(f"{site_url}/planera/#goals")
    expect(page.locator("#goals")).to_be_visible()


def test_search_finds_guidance_in_both_languages(page: Page, site_url: str) -> None:
    for path, query, title in (
        ("", "avstämning", "Avsluta med en gemensam plan"),
        ("en/", "check-in", "Close with a joint plan"),
    ):
        page.goto(f"{site_url}/{path}")
        search = page.get_by_role("textbox", name=re.compile("^(Sök|Search)$"))
        hit = page.locator(".md-search-result__article h1").filter(has_text=title).first
        search.click()
        # The search worker loads its index after the page: a query typed
        # before it is ready finds nothing, so type again until it answers.
        for _ in range(10):
            search.fill("")
            search.press_sequentially(query)
            try:
                expect(hit).to_be_visible(timeout=1000)
                break
            except AssertionError:
                continue
        expect(hit).to_be_visible()


# Without the offline worker, which fetches the whole site, language files included.
@pytest.mark.browser_context_args(service_workers="block")
def test_search_builds_its_index_when_first_opened(page: Page, site_url: str) -> None:
    """The search worker loads its language files (lunr's) when it builds the
    index: not while the planner starts, but once the search is opened."""
    languages: list[str] = []
    page.on("request", lambda request: "/lunr/" in request.url and languages.append(request.url))
    page.goto(f"{site_url}/planera/")
    page.wait_for_function(READY, timeout=60_000)
    page.wait_for_load_state("networkidle")
    assert languages == []
    search = page.get_by_role("textbox", name="Sök")
    search.click()
    search.press_sequentially("avstämning")
    expect(page.locator(".md-search-result__article h1").first).to_be_visible()
    assert any(url.endswith("/lunr.sv.min.js") for url in languages)
