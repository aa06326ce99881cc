"""The planner form's structure, derived from the model.

The site's build turns this tree into static HTML, so the form always has
exactly the model's fields, and every input's name is the field path that
validation reports (``goals[0].title``). Labels are catalogue keys made from
the path without indices (``field.goals.title``).
"""

from __future__ import annotations

import types
from dataclasses import dataclass, fields, is_dataclass
from enum import Enum
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from .model import CheckIn, Plan, Preparation

Widget = Literal["text", "textarea", "date", "readonly", "select", "group", "list", "text_list"]


@dataclass(frozen=True, slots=True)
class FormNode:
    """One field of the form.

    ``key`` is the field's name in its parent; ``label`` the catalogue key of
    its label. A ``select`` has ``options`` (catalogue keys in ``choices``);
    a ``group`` or ``list`` has ``children`` (for a list: one item's fields);
    a ``text_list`` is a list of single lines, such as a goal's steps.
    ``suggestions`` names the organisation setting offered as choices for a text.
    """

    key: str
    label: str
    widget: Widget
    options: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    children: tuple[FormNode, ...] = ()
    suggestions: str = ""


PAGES = ("planner", "follow_up", "preparation")


def form_tree(page: str = "planner") -> tuple[FormNode, ...]:
    """A page's sections. The planner edits every top-level field of the plan
    but the check-ins; the follow-up page records one check-in; the preparation
    page holds the employee's answers. Computed fields have no control."""
    if page == "follow_up":
        return (
            FormNode(
                "check_in",
                "field.check_ins",
                "group",
                children=_children(CheckIn, "field.check_ins"),
            ),
        )
    if page == "preparation":
        return _children(Preparation, "field.preparation")
    if page != "planner":
        raise ValueError(f"no form for page {page!r}; expected one of {PAGES}")
    return tuple(
        node
        for node, f in zip(_children(Plan, "field"), _typed_fields(Plan), strict=True)
        if f.metadata.get("page", "planner") == page
    )


def _typed_fields(cls: type) -> list[Any]:
    return [f for f in fields(cls) if f.metadata.get("widget") != "computed"]


def _children(cls: type, label_prefix: str) -> tuple[FormNode, ...]:
    hints = get_type_hints(cls)
    return tuple(
        _node(f.name, hints[f.name], f.metadata, f"{label_prefix}.{f.name}")
        for f in _typed_fields(cls)
    )


def _node(key: str, hint: Any, metadata: Any, label: str) -> FormNode:
    origin = get_origin(hint)
    if hint is str:
        return FormNode(
            key, label, metadata.get("widget", "text"), suggestions=metadata.get("suggestions", "")
        )
    if origin in (Union, types.UnionType):
        (enum,) = (arg for arg in get_args(hint) if arg is not type(None))
        assert issubclass(enum, Enum)
        options = tuple(str(member.value) for member in enum)
        choices = tuple(f"choice.{enum.__name__}.{value}" for value in options)
        return FormNode(key, label, "select", options, choices)
    if origin is tuple:
        (item,) = get_args(hint)[:1]
        if item is str:
            return FormNode(key, label, "text_list")
        return FormNode(key, label, "list", children=_children(item, label))
    if isinstance(hint, type) and is_dataclass(hint):
        return FormNode(key, label, "group", children=_children(hint, label))
    raise TypeError(f"no form widget for {key}: {hint!r}")
