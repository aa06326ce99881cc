"""Shared fixtures: the built site served on localhost, and Debian's Chromium.

End-to-end tests live in tests/e2e/ and are marked `e2e` automatically. They
need the built site (`make site`, which `make test` runs first), as does every
test that asks for a fixture below that reads it: those are marked `site`, so
`make unit` (`-m "not e2e and not site"`) passes where no site is built.
SAMTALSPLAN_SITE names another built site to test (`make test-properdocs`).
"""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from samtalsplan_site.release import build_zip
from samtalsplan_site.server import SiteHandler, serve

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / os.environ.get("SAMTALSPLAN_SITE", "site")
# The fixtures that read the built site; a test that uses any of them is marked `site`.
SITE_FIXTURES = frozenset({"site_dir", "site_url", "release_zip", "release_dir"})

# Hypothesis fails an example that runs over 200 ms: a timing assertion, which
# a loaded machine trips. Speed is measured by `make bench` instead.
settings.register_profile("samtalsplan", deadline=None)
settings.load_profile("samtalsplan")

__all__ = ["CHROMIUM_ARGS", "ROOT", "SiteHandler", "chromium_path", "serve"]

# Chromium's own background traffic would try to reach Google: keep it quiet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # A fixed UI language, so date fields take their parts in one order (month, day, year).
    "--lang=en-US",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "e2e" in item.path.parts:
            item.add_marker(pytest.mark.e2e)
        if SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.site)


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE / "planera" / "index.html").is_file():
        pytest.fail(f"The site is not built in {SITE}: run `make site` (make test does it first).")
    return SITE


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """The built site's root URL, without a trailing slash."""
    server, url = serve(site_dir)
    yield url
    server.shutdown()


def chromium_path() -> str:
    found = (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not found:
        pytest.fail(
            "Chromium is missing: install Debian's `chromium` (apt-get install chromium) or set CHROMIUM."
        )
    return found


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": chromium_path(), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def release_zip(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The release zip (`make dist`) of the built site."""
    return build_zip(site_dir, tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="session")
def release_dir(release_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The release zip unpacked: its one top folder."""
    target = tmp_path_factory.mktemp("release")
    with zipfile.ZipFile(release_zip) as archive:
        archive.extractall(target)
    (top,) = target.iterdir()
    return top
