"""The browser tests' pages: each opens on the fixtures' day (planner_page.on_day)."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, expect

from .planner_page import on_day

# What a test expects to show may wait on Python, behind other work on a busy
# machine: Playwright's 5 s is too short for that. A bound, not a measure: speed
# is for make bench.
expect.set_options(timeout=20_000)


@pytest.fixture
def context(context: BrowserContext) -> BrowserContext:
    context.add_init_script(on_day())
    return context
