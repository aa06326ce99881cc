"""The organisation's settings (``extra.samtalsplan`` in mkdocs.yml), checked once.

The build reads them once, when MkDocs loads its configuration: every key must
be one we know and every value is checked, so a typo or a wrong value stops
the build with a message naming the setting. What the plan logic uses
(``samtalsplan.settings.Settings``: the browser sends it with every call, the
CLI reads the same keys) is checked by the logic itself; the rest serves the
site. Each default is written once: in ``Settings`` or in ``SiteSettings``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, Final

from samtalsplan.dates import parse_date
from samtalsplan.errors import PlanError
from samtalsplan.form import form_tree
from samtalsplan.settings import Settings


class SettingsError(ValueError):
    """A setting the build cannot use; the message names it and says what it takes."""


@dataclass(frozen=True, slots=True)
class Accessibility:
    """The organisation's parts of the accessibility statement (``tillganglighet``):
    its name, the service's name, where to send feedback (an email address or an
    http(s) URL) and the date it last reviewed the site. Empty when not given: the
    statement then says what the organisation must fill in."""

    organisation: str = ""
    service: str = ""
    feedback: str = ""
    reviewed: date | None = None

    def missing(self) -> tuple[str, ...]:
        """The settings not given, by name."""
        return tuple(f.name for f in fields(self) if not getattr(self, f.name))


@dataclass(frozen=True, slots=True)
class SiteSettings:
    """The checked settings.

    ``logic`` is what the plan logic uses; ``timeout_seconds`` how long a page
    waits for Python to start before it explains why not (5-600);
    ``prefetch_python`` lets every page, once idle, have the offline worker keep
    the Python runtime; ``guide`` maps a planner section to the path of its
    guidance in the site (``fore-samtalet/``, optionally with ``#anchor``);
    ``accessibility`` holds the organisation's parts of the accessibility statement.
    """

    logic: Settings = field(default_factory=Settings)
    timeout_seconds: int = 60
    prefetch_python: bool = False
    guide: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    accessibility: Accessibility = field(default_factory=Accessibility)


_SITE_KEYS: Final = tuple(f.name for f in fields(SiteSettings) if f.name != "logic")
SECTIONS: Final = tuple(node.key for node in form_tree("planner"))


def _error(name: str, rule: str) -> SettingsError:
    return SettingsError(f"extra.samtalsplan.{name}: {rule} Correct it in mkdocs.yml.")


def read_settings(extra: Any) -> SiteSettings:
    """``extra.samtalsplan`` (absent: every default), checked."""
    if extra is None:
        return SiteSettings()
    if not isinstance(extra, Mapping):
        raise SettingsError("extra.samtalsplan must be a group of settings (keys and values).")
    known = (*Settings.names(), *_SITE_KEYS)
    unknown = sorted(set(extra) - set(known))
    if unknown:
        raise SettingsError(
            f"extra.samtalsplan has no setting {', '.join(map(repr, unknown))}; "
            f"the settings are: {', '.join(known)}."
        )
    try:
        logic = Settings.from_dict({k: v for k, v in extra.items() if k in Settings.names()})
    except PlanError as error:
        raise SettingsError(error.message("en")) from None
    values: dict[str, Any] = {"logic": logic}
    if "timeout_seconds" in extra:
        seconds = extra["timeout_seconds"]
        if type(seconds) is not int or not 5 <= seconds <= 600:
            raise _error("timeout_seconds", "it must be a whole number of seconds from 5 to 600.")
        values["timeout_seconds"] = seconds
    if "prefetch_python" in extra:
        if type(extra["prefetch_python"]) is not bool:
            raise _error("prefetch_python", "it must be true or false.")
        values["prefetch_python"] = extra["prefetch_python"]
    if "guide" in extra:
        values["guide"] = MappingProxyType(_guide(extra["guide"]))
    if "accessibility" in extra:
        values["accessibility"] = _accessibility(extra["accessibility"])
    return SiteSettings(**values)


_EMAIL: Final = re.compile(r"[^@\s<>()\[\]]+@[^@\s<>()\[\]]+\.[A-Za-z]{2,}")
_URL: Final = re.compile(r"https?://[^\s<>()\[\]]+\.[^\s<>()\[\]]+")
_ACCESSIBILITY_RULES: Final = {
    "organisation": "it must be the name of the public body that publishes the site, as text.",
    "service": "it must be the name of the site or service, as text (such as Samtalsplan).",
    "feedback": "it must be an email address (tillganglighet@kommun.se) or a web address "
    "starting with https:// where people report what does not work.",
    "reviewed": "it must be the date the organisation last reviewed the site, as YYYY-MM-DD, "
    "and not later than today.",
}


def _accessibility(given: Any) -> Accessibility:
    """The statement's settings, each checked; unknown keys refused."""
    names = tuple(_ACCESSIBILITY_RULES)
    if not isinstance(given, Mapping):
        raise _error("accessibility", f"it must be a group of settings: {', '.join(names)}.")
    unknown = sorted(set(given) - set(names))
    if unknown:
        raise _error(
            "accessibility",
            f"there is no setting {', '.join(map(repr, unknown))}; the settings are: {', '.join(names)}.",
        )
    values: dict[str, Any] = {}
    for name in ("organisation", "service", "feedback"):
        if name not in given:
            continue
        value = given[name]
        ok = isinstance(value, str) and value.strip() and "\n" not in value.strip()
        if ok and name == "feedback":
            ok = bool(_EMAIL.fullmatch(value.strip()) or _URL.fullmatch(value.strip()))
        if not ok:
            raise _error(f"accessibility.{name}", _ACCESSIBILITY_RULES[name])
        values[name] = value.strip()
    if "reviewed" in given:
        values["reviewed"] = _reviewed(given["reviewed"])
    return Accessibility(**values)


def _reviewed(value: Any) -> date:
    # YAML reads an unquoted 2026-11-30 as a date, a quoted one as text.
    day = value if isinstance(value, date) and not isinstance(value, datetime) else None
    if isinstance(value, str):
        day = parse_date(value)
    if day is None or day > date.today():
        raise _error("accessibility.reviewed", _ACCESSIBILITY_RULES["reviewed"])
    return day


def _guide(guide: Any) -> dict[str, str]:
    if not isinstance(guide, Mapping):
        raise _error("guide", f"it must map planner sections ({', '.join(SECTIONS)}) to paths in the site.")
    checked = {}
    for section, path in guide.items():
        if section not in SECTIONS:
            raise _error(f"guide.{section}", f"there is no such planner section; the sections are: {', '.join(SECTIONS)}.")
        if not isinstance(path, str) or not path.strip() or path.startswith(("/", "http:", "https:", "//")):
            raise _error(f"guide.{section}", "it must be a path in the site, such as fore-samtalet/ (no leading /).")
        checked[section] = path.strip()
    return checked


def guide_page(path: str) -> str:
    """The page a guide path leads to, without its ``#anchor``: ``fore-samtalet/``."""
    return path.split("#", 1)[0]
