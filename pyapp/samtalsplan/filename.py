"""Safe, telling names for downloaded files."""

from __future__ import annotations

import re
import unicodedata

from .model import Plan

_NOT_WORD = re.compile(r"[^\w]+")
_MAX_NAME = 60


def slug(text: str) -> str:
    """Lowercase letters and digits joined by hyphens; letters like å and ö stay.

    Everything else (slashes, dots, quotes, control characters) becomes a
    hyphen, so the result is a safe file name on Windows, macOS and Linux.
    """
    text = unicodedata.normalize("NFC", text).lower().replace("_", " ")
    return _NOT_WORD.sub("-", text).strip("-")[:_MAX_NAME].strip("-")


def download_name(plan: Plan, extension: str) -> str:
    """``samtalsplan-2026-12-01-anna-svensson.md``: the talk's date and the employee."""
    parts = ["samtalsplan", slug(plan.talk.date), slug(plan.talk.employee)]
    return "-".join(part for part in parts if part) + "." + extension
