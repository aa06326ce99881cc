"""The accessibility statement (``docs/tillganglighet.md`` and its twin): the
organisation's parts filled in from its settings, and the footer link to it.

Lag (2018:1937) om tillgänglighet till digital offentlig service requires a
public body's site to carry a statement, linked from every page or the home
page, naming the body and the service, the compliance status, what is not
accessible and why, the dates of the assessment and the last update, the
method, a way to send feedback, and a link to DIGG's complaint service. Our
parts are written in the pages; the organisation's come from
``extra.samtalsplan.accessibility`` (``site_settings.Accessibility``). Every
page's footer links to it (``form_pages.site_context``).

A page asks for this with front matter ``samtalsplan_fill: accessibility``, and
its Markdown holds placeholders the build fills in before Markdown is read:

- ``[[organisation|the text shown while unset]]``, likewise ``service``,
  ``feedback`` (an email address becomes a mailto link, a web address a link)
  and ``reviewed`` (the ISO date); unset, the text after ``|`` shows in bold
  brackets, so nobody takes it for the real value.
- ``[[version]]``: the version of Samtalsplan whose tests the page describes.
- ``[[unset]]`` … ``[[/unset]]``: a part shown only while a setting is missing
  (what the organisation must fill in); ``[[missing]]`` inside it lists them.

An unknown placeholder stops the build, naming the page.
"""

from __future__ import annotations

import re
from typing import Final

from samtalsplan import __version__

from .site_settings import Accessibility

_PLACEHOLDER: Final = re.compile(r"\[\[(\w+)(?:\|([^\]]*))?\]\]")
_UNSET_PART: Final = re.compile(r"\[\[unset\]\](.*?)\[\[/unset\]\]\n?", re.DOTALL)


def fill(markdown: str, settings: Accessibility, where: str) -> str:
    """``markdown`` with its placeholders filled in from ``settings``."""
    missing = settings.missing()
    markdown = _UNSET_PART.sub(lambda m: m[1] if missing else "", markdown)

    def value(match: re.Match[str]) -> str:
        name, unset = match[1], match[2]
        if name == "version":
            return __version__
        if name == "missing":
            return ", ".join(f"`{item}`" for item in missing)
        if name not in ("organisation", "service", "feedback", "reviewed"):
            raise ValueError(f"{where}: no placeholder [[{name}]]; see samtalsplan_site/statement.py")
        given = getattr(settings, name)
        if not given:
            if unset is None:
                raise ValueError(f"{where}: [[{name}]] needs a text to show while unset: [[{name}|…]]")
            return f"**[{unset.strip()}]**"
        if name == "reviewed":
            return str(given.isoformat())
        if name == "feedback":
            target = given if given.startswith(("http://", "https://")) else f"mailto:{given}"
            return f"[{_escaped(given)}]({target})"
        return _escaped(str(given))

    return _PLACEHOLDER.sub(value, markdown)


def _escaped(text: str) -> str:
    """A setting's text in running Markdown: its markup characters escaped."""
    return re.sub(r"([\\`*_\[\]<>#|!])", r"\\\1", text)
