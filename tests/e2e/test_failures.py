"""When Python cannot start, the page says why and how to fix it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from playwright.sync_api import Page, expect

from ..conftest import SiteHandler, serve


class WrongWasmType(SiteHandler):
    """A server that sends .wasm as a generic download, as misconfigured IIS or nginx do."""

    extensions_map: ClassVar[dict[str, str]] = {
        **SiteHandler.extensions_map,
        ".wasm": "application/octet-stream",
    }


@pytest.fixture
def misconfigured_url(site_dir: Path) -> Iterator[str]:
    server, url = serve(site_dir, WrongWasmType)
    yield url
    server.shutdown()


def test_wrong_wasm_mime_type_is_explained(page: Page, misconfigured_url: str) -> None:
    page.goto(f"{misconfigured_url}/planera/")
    status = page.get_by_role("status").first
    expect(status).to_contain_text(
        "Servern skickar WebAssembly-filen med fel typ (”application/octet-stream”)"
    )
    expect(status).to_contain_text("application/wasm")


def test_file_url_explains_how_to_serve_the_site(page: Page, site_dir: Path) -> None:
    page.goto((site_dir / "planera" / "index.html").as_uri())
    expect(page.get_by_role("status").first).to_contain_text("python3 -m http.server")
