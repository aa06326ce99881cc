"""The one walker of the model: every field of a model class, described once.

The codec, the form tree, the JSON Schema, the advice and the labels all read
the model through ``fields_of``, so a field added to ``model.py`` appears in
every one of them at once. A field's ``shape`` is what its type hint says:

- ``text``: a string (its ``widget`` says how it is edited: ``text``,
  ``textarea``, ``date``, ``readonly``, or ``computed``, never typed);
- ``choice``: an enum or nothing (``Owner | None``);
- ``group``: a nested model class (``Talk``);
- ``list``: a tuple of a model class (``tuple[Goal, ...]``);
- ``lines``: a tuple of strings (a goal's steps).
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from dataclasses import is_dataclass
from enum import StrEnum
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

Shape = Literal["text", "choice", "group", "list", "lines"]


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a model class.

    ``model`` is the nested class of a ``group`` or ``list`` (one item's class);
    ``choices`` the enum of a ``choice``. ``widget``, ``suggestions`` and
    ``page`` come from the field's metadata in ``model.py``.
    """

    name: str
    shape: Shape
    widget: str = ""
    suggestions: str = ""
    page: str = "planner"
    model: type | None = None
    choices: type[StrEnum] | None = None

    @property
    def typed(self) -> bool:
        """Whether a person edits it (a computed field is filled in by the logic)."""
        return self.widget != "computed"


@cache
def fields_of(cls: type) -> tuple[Field, ...]:
    """The fields of the model class ``cls``, in declaration order."""
    hints = get_type_hints(cls)
    return tuple(_describe(f.name, hints[f.name], f.metadata) for f in dataclass_fields(cls))


def _describe(name: str, hint: Any, metadata: Any) -> Field:
    page = metadata.get("page", "planner")
    if hint is str:
        return Field(
            name,
            "text",
            widget=metadata.get("widget", "text"),
            suggestions=metadata.get("suggestions", ""),
            page=page,
        )
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        (enum,) = (arg for arg in get_args(hint) if arg is not type(None))
        if not (isinstance(enum, type) and issubclass(enum, StrEnum)):
            raise TypeError(f"{name}: a union must be of one StrEnum and None, not {hint!r}")
        return Field(name, "choice", page=page, choices=enum)
    if origin is tuple:
        item = get_args(hint)[0]
        if item is str:
            return Field(name, "lines", page=page)
        if isinstance(item, type) and is_dataclass(item):
            return Field(name, "list", page=page, model=item)
    if isinstance(hint, type) and is_dataclass(hint):
        return Field(name, "group", page=page, model=hint)
    raise TypeError(f"{name}: the model uses a type the walker does not know: {hint!r}")


def join(path: str, name: str) -> str:
    """A field's path below ``path``: ``goals[0]`` and ``title`` give ``goals[0].title``."""
    return f"{path}.{name}" if path else name


def walk(obj: Any, path: str = "") -> Iterator[tuple[str, Field | None, Any]]:
    """Every value in the model instance ``obj`` with its path and field, in form
    order: a group or list before what it holds; a list's items (or lines) have
    the list's field."""
    cls: type = type(obj)
    for f in fields_of(cls):
        value = getattr(obj, f.name)
        here = join(path, f.name)
        yield here, f, value
        if f.shape == "group":
            yield from walk(value, here)
        elif f.shape in ("list", "lines"):
            for i, item in enumerate(value):
                yield f"{here}[{i}]", f, item
                if f.shape == "list":
                    yield from walk(item, f"{here}[{i}]")


def texts(obj: Any) -> Iterator[tuple[str, str]]:
    """Every text a person typed in ``obj``, with its path (dates and computed fields excluded)."""
    for path, f, value in walk(obj):
        if f is None or not isinstance(value, str) or not value.strip():
            continue
        if f.shape == "lines" or (f.shape == "text" and f.widget not in ("date", "computed")):
            yield path, value
