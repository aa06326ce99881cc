"""The browser tests' pages: each opens on the fixtures' day (planner_page.on_day)."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext

from .planner_page import on_day


@pytest.fixture
def context(context: BrowserContext) -> BrowserContext:
    context.add_init_script(on_day())
    return context
