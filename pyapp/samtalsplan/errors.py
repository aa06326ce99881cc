"""The package's one error hierarchy, rooted in ValueError.

Errors carry a structured location (a field path such as ``goals[0].steps``)
and a message key; the message itself is built from the catalogue, so the same
error reads well in Swedish and in English. A message may name the field in a
person's words (``{where}``: "Mål 2, Steg 1"), and a parameter given as a
``Key`` is itself translated (the part that says which file to choose).
"""

from __future__ import annotations

from .i18n import Key, translate


class PlanError(ValueError):
    """Base of every error this package raises on purpose."""

    def __init__(self, key: str, path: str = "", **params: object) -> None:
        self.key = key
        self.path = path
        self.params = params
        # The model class the path starts from (the plan, unless a reader says otherwise).
        self.root: type | None = None
        super().__init__(f"{path or '(plan)'}: {self.message('en')}")

    def message(self, lang: str = "sv") -> str:
        params = {k: translate(v, lang) if isinstance(v, Key) else v for k, v in self.params.items()}
        if self.path:
            from .form import field_name  # the form imports the model; errors come first

            params.setdefault("where", field_name(self.path, lang, *([self.root] if self.root else [])))
        return translate(self.key, lang, **params)


class PlanFormatError(PlanError):
    """A file or form state that is not a plan of a format this version reads."""
