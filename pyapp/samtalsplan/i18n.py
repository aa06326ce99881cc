"""Message catalogues: one JSON file per language, looked up by key.

Lookup falls back from the chosen language to Swedish and then to the key
itself, so a missing translation shows up as a readable key, never a crash.
A message that counts something has two forms, ``<key>.one`` and
``<key>.other`` (both languages need no more); ``plural`` picks one.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Final

from .package_data import read_text

DEFAULT_LANGUAGE: Final = "sv"
LANGUAGES: Final = ("sv", "en")


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All messages of one language (``sv`` or ``en``)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
    messages: dict[str, str] = json.loads(read_text("locales", f"{lang}.json"))
    return messages


def language(lang: str | None) -> str:
    """The supported language closest to ``lang`` (``"en-GB"`` gives ``"en"``)."""
    base = (lang or "").split("-")[0].lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


class Key(str):
    """A catalogue key given as a message parameter, translated with the message."""

    __slots__ = ()


def translate(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The message for ``key`` in ``lang``, with ``{name}`` placeholders filled in."""
    template = catalogue(language(lang)).get(key) or catalogue(DEFAULT_LANGUAGE).get(key) or key
    return template.format(**params) if params else template


def plural(key: str, count: int, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The message for ``count`` of something: ``<key>.one`` for 1, else ``<key>.other``;
    ``{count}`` is filled in."""
    form = "one" if count == 1 else "other"
    return translate(f"{key}.{form}", lang, count=count, **params)
