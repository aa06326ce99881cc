"""The package's one error hierarchy, rooted in ValueError.

Errors carry a structured location (a field path such as ``goals[0].steps``)
and a message key; the message itself is built from the catalogue, so the same
error reads well in Swedish and in English.
"""

from __future__ import annotations

from .i18n import translate


class PlanError(ValueError):
    """Base of every error this package raises on purpose."""

    def __init__(self, key: str, path: str = "", **params: object) -> None:
        self.key = key
        self.path = path
        self.params = params
        super().__init__(f"{path or '(plan)'}: {self.message('en')}")

    def message(self, lang: str = "sv") -> str:
        return translate(self.key, lang, **self.params)


class PlanFormatError(PlanError):
    """A file or form state that is not a plan of a format this version reads."""
