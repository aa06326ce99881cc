"""When Python cannot start, the page says why and how to fix it, and what was
typed can still be downloaded as JSON (a plain JavaScript fallback)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import pytest
from playwright.sync_api import Page, expect

from samtalsplan import parse
from samtalsplan.codec import FORMAT, VERSION

from ..conftest import SiteHandler, serve
from .planner_page import CATALOGUE, ROOT, open_planner, read_json_download, with_settings


class WrongWasmType(SiteHandler):
    """A server that sends .wasm as a generic download, as misconfigured IIS or nginx do."""

    extensions_map: ClassVar[dict[str, str]] = {
        **SiteHandler.extensions_map,
        ".wasm": "application/octet-stream",
    }


class NoWasmPolicy(SiteHandler):
    """A server whose own Content Security Policy header forbids WebAssembly.
    A worker follows the policy of its own script's response, not the page's."""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", "default-src 'self'; script-src 'self'")
        super().end_headers()


def _serve(site_dir: Path, handler: type[SimpleHTTPRequestHandler]) -> Iterator[str]:
    server, url = serve(site_dir, handler)
    yield url
    server.shutdown()


@pytest.fixture
def misconfigured_url(site_dir: Path) -> Iterator[str]:
    yield from _serve(site_dir, WrongWasmType)


@pytest.fixture
def no_wasm_url(site_dir: Path) -> Iterator[str]:
    yield from _serve(site_dir, NoWasmPolicy)


def type_a_little(page: Page) -> None:
    page.get_by_label("Medarbetare", exact=True).fill("Bo Ek")
    page.get_by_role("group", name="Åtgärd 1").get_by_label("Vem").select_option("manager")
    page.get_by_role("textbox", name="Sammanfattning", exact=True).fill("Rad ett\nRad två")


def assert_fallback_saves_what_was_typed(page: Page) -> None:
    """The fallback button downloads the form as a version-1 plan file that Python reads back."""
    button = page.get_by_role("button", name=CATALOGUE["ui.fallback.download"])
    name, document = read_json_download(page, button.click)
    assert name == "samtalsplan.json"
    assert (document["format"], document["version"]) == (FORMAT, VERSION)
    plan = parse(json.dumps(document))
    assert plan.talk.employee == "Bo Ek"
    assert plan.actions[0].owner is not None and plan.actions[0].owner.value == "manager"
    assert plan.summary == "Rad ett\nRad två"
    # The usual JSON button falls back too, rather than failing again.
    _, again = read_json_download(page, page.get_by_role("button", name="Ladda ner JSON").click)
    assert again == document


def test_wrong_wasm_mime_type_is_explained(page: Page, misconfigured_url: str) -> None:
    page.goto(f"{misconfigured_url}/planera/")
    type_a_little(page)
    status = page.get_by_role("status").first
    expect(status).to_contain_text(
        "Servern skickar WebAssembly-filen med fel typ (”application/octet-stream”)"
    )
    expect(status).to_contain_text("application/wasm")
    assert_fallback_saves_what_was_typed(page)


def test_blocked_webassembly_is_explained(page: Page, no_wasm_url: str) -> None:
    page.goto(f"{no_wasm_url}/planera/")
    type_a_little(page)
    expect(page.get_by_role("status").first).to_have_text(CATALOGUE["ui.error.wasm_blocked"])
    assert_fallback_saves_what_was_typed(page)


def test_missing_wheel_is_explained(page: Page, site_url: str) -> None:
    page.route("**/*.whl", lambda route: route.fulfill(status=404, body="Not found"))
    page.goto(f"{site_url}/planera/")
    type_a_little(page)
    status = page.get_by_role("status").first
    expect(status).to_contain_text("Samtalsplans Python-paket kunde inte laddas", timeout=60_000)
    expect(status).to_contain_text("publicera hela mappen site igen")
    assert_fallback_saves_what_was_typed(page)


def test_a_start_that_never_finishes_times_out(page: Page, site_url: str) -> None:
    with_settings(page, timeoutSeconds=3)
    page.route("**/*.whl", lambda route: None)  # never answered
    page.goto(f"{site_url}/planera/")
    type_a_little(page)
    expect(page.get_by_role("status").first).to_have_text(
        CATALOGUE["ui.error.timeout"].format(seconds=3), timeout=30_000
    )
    assert_fallback_saves_what_was_typed(page)


def test_the_fallback_stays_hidden_while_python_works(page: Page, site_url: str) -> None:
    open_planner(page, f"{site_url}/planera/")
    expect(page.get_by_role("button", name=CATALOGUE["ui.fallback.download"])).to_be_hidden()


def test_file_url_explains_how_to_serve_the_site(page: Page, site_dir: Path) -> None:
    page.goto((site_dir / "planera" / "index.html").as_uri())
    expect(page.get_by_role("status").first).to_contain_text("python3 -m http.server")


@pytest.mark.parametrize(("page_path", "language"), [("planera/index.html", "sv"), ("en/team/index.html", "en")])
def test_a_page_opened_as_a_file_says_how_to_serve_the_site(
    page: Page, site_dir: Path, page_path: str, language: str
) -> None:
    """Opened from file://, Chromium runs no module script; the classic
    file-check script still says why the form cannot work, and what to do."""
    page.goto((site_dir / page_path).as_uri())
    catalogue = json.loads((ROOT / "pyapp" / "samtalsplan" / "locales" / f"{language}.json").read_text("utf-8"))
    expect(page.get_by_text(catalogue["ui.error.file_protocol"])).to_be_visible()
