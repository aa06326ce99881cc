"""The Content Security Policy: on every page, nothing it blocks, nothing sent elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page

from .planner_page import READY
from .site_pages import built_pages

# Chromium reports violations as events on the document; an init script runs
# through the DevTools protocol, outside the page's policy, before any of its scripts.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
"""

PAGES = built_pages()


def test_the_site_has_pages() -> None:
    assert "planera/" in PAGES and "en/planera/" in PAGES and "404.html" in PAGES


def test_every_page_declares_the_policy(site_dir: Path) -> None:
    for page in PAGES:
        html = (
            site_dir / (page + "index.html" if page.endswith("/") or not page else page)
        ).read_text("utf-8")
        (policy,) = re.findall(
            r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html
        )
        assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in policy
        assert "'unsafe-inline'" not in policy.split("; style-src")[0], "scripts: hashes only"
        assert "'unsafe-eval'" not in policy
        for directive in (
            "default-src 'self'",
            "worker-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
        ):
            assert directive in policy
        assert html.index("Content-Security-Policy") < html.index("<script"), (
            "the policy precedes every script"
        )


@pytest.mark.parametrize("path", PAGES)
def test_page_runs_without_violations_or_foreign_requests(
    page: Page, context: BrowserContext, site_url: str, path: str
) -> None:
    requests: list[str] = []
    console: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)

    page.goto(f"{site_url}/{path}")
    if path.endswith("planera/"):
        page.wait_for_function(READY, timeout=60_000)
    else:
        page.wait_for_load_state("networkidle")
    # Open the search, so its worker and index load under the policy too.
    page.keyboard.press("/")
    page.keyboard.type("samtal")
    page.wait_for_load_state("networkidle")

    assert page.evaluate("window.__violations") == []
    assert [text for text in console if "Content Security Policy" in text] == []
    assert [url for url in requests if not url.startswith((site_url, "blob:", "data:"))] == []
