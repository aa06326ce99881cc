"""The forms' structure, derived from the model, and its words in each language.

The site's build turns these trees into static HTML, so a form always has
exactly the model's fields, and every control's name is the field path that
validation reports (``goals[0].title``). ``form_tree`` is the structure with
catalogue keys; ``form_view`` is the same tree resolved for one language, with
every id, label, hint and button text the template prints (templates compute
nothing). Labels are catalogue keys made from the path without indices
(``field.goals.title``); a list's items are numbered (``item.goals``: "Mål {n}").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final, Literal

from .fields import Field, fields_of, join
from .i18n import catalogue, language, translate
from .model import CheckIn, Plan, Preparation

# A step Python takes on a list, offered as a button under it: the operation
# (samtalsplan.bridge) and its label. An agreed change to the work environment
# can become an action.
STEPS: Final = {"work_environment.changes": ("changes_to_actions", "ui.changes_to_actions")}

Widget = Literal["text", "textarea", "date", "readonly", "select", "group", "list", "text_list"]
Page = Literal["planner", "follow_up", "preparation"]
PAGES: Final = ("planner", "follow_up", "preparation")


@dataclass(frozen=True, slots=True)
class FormNode:
    """One field of a form.

    ``key`` is the field's name in its parent; ``label`` the catalogue key of
    its label. A ``select`` has ``options`` (catalogue keys in ``choices``);
    a ``group`` or ``list`` has ``children`` (for a list: one item's fields);
    a ``text_list`` is a list of single lines, such as a goal's steps. A
    ``fixed`` list's items come from the plan (a check-in's actions): nobody adds
    or removes one. ``suggestions`` names the organisation setting offered as
    choices for a text.
    """

    key: str
    label: str
    widget: Widget
    options: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    children: tuple[FormNode, ...] = ()
    suggestions: str = ""
    fixed: bool = False


def form_tree(page: str = "planner") -> tuple[FormNode, ...]:
    """A page's sections. The planner edits every top-level field of the plan
    but the check-ins; the follow-up page records one check-in; the preparation
    page holds the employee's answers. Computed fields have no control."""
    if page == "follow_up":
        return (FormNode("check_in", "field.check_ins", "group", children=_children(CheckIn, "field.check_ins")),)
    if page == "preparation":
        return _children(Preparation, "field.preparation")
    if page != "planner":
        raise ValueError(f"no form for page {page!r}; expected one of {PAGES}")
    return tuple(
        _node(f, f"field.{f.name}") for f in fields_of(Plan) if f.typed and f.page == "planner"
    )


def _children(cls: type, label: str) -> tuple[FormNode, ...]:
    return tuple(_node(f, f"{label}.{f.name}") for f in fields_of(cls) if f.typed)


def _node(f: Field, label: str) -> FormNode:
    if f.shape == "text":
        return FormNode(f.name, label, f.widget, suggestions=f.suggestions)  # type: ignore[arg-type]
    if f.shape == "choice":
        assert f.choices is not None
        options = tuple(str(member.value) for member in f.choices)
        choices = tuple(f"choice.{f.choices.__name__}.{value}" for value in options)
        return FormNode(f.name, label, "select", options, choices)
    if f.shape == "lines":
        return FormNode(f.name, label, "text_list")
    assert f.model is not None
    children = _children(f.model, label)
    if f.shape == "group":
        return FormNode(f.name, label, "group", children=children)
    # A list whose items show what the plan holds (a check-in's actions) is fixed.
    fixed = any(child.widget == "readonly" for child in children)
    return FormNode(f.name, label, "list", children=children, fixed=fixed)


def control_id(path: str) -> str:
    """An element id from a field path: ``goals[0].title`` gives ``sp-goals-0-title``.
    The page script (form.mjs, idFor) numbers added list items the same way."""
    return "sp-" + re.sub(r"[^A-Za-z0-9]+", "-", path).rstrip("-")


# The resolved view ------------------------------------------------------------


def form_view(
    page: str, lang: str, suggestions: dict[str, tuple[str, ...]] | None = None
) -> list[dict[str, Any]]:
    """A page's form tree in ``lang``, as plain data for a template: every node with
    its path, control id, label, hint, error and advice slots; lists with their
    item, add and remove texts (``{n}`` where the page script puts the number).
    ``suggestions`` holds the organisation's values per setting (a text field
    naming a setting with values gets the id of their datalist)."""
    lang = language(lang)
    return [_view(node, node.key, lang, suggestions or {}) for node in form_tree(page)]


def _view(node: FormNode, path: str, lang: str, suggestions: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    words = catalogue(lang)
    suffix = node.label.removeprefix("field.")
    hint = words.get(f"hint.{suffix}", "")
    view: dict[str, Any] = {
        "key": node.key,
        "path": path,
        "id": control_id(path),
        "widget": node.widget,
        "label": translate(node.label, lang),
        "hint": hint,
        "hint_id": f"{control_id(path)}-hint" if hint else "",
        "error_id": f"{control_id(path)}-error",
        "advice_id": f"{control_id(path)}-advice",
        "options": [
            {"value": value, "label": translate(choice, lang)}
            for value, choice in zip(node.options, node.choices, strict=True)
        ],
        "none_label": translate("choice.none", lang),
        "datalist": f"sp-suggest-{node.suggestions}" if suggestions.get(node.suggestions) else "",
        "children": [],
        "list": None,
        "guide": None,  # a section's link to its guidance: the site fills it in
    }
    if node.widget == "group":
        view["children"] = [
            _view(child, join(path, child.key), lang, suggestions) for child in node.children
        ]
    elif node.widget in ("list", "text_list"):
        item_path = f"{path}[0]"

        def numbered(prefix: str, n: str) -> str:
            return translate(f"{prefix}.{suffix}", lang, n=n)

        step = STEPS.get(suffix)
        view["list"] = {
            "kind": "text" if node.widget == "text_list" else "object",
            "fixed": node.fixed,
            "step": {"op": step[0], "label": translate(step[1], lang)} if step else None,
            "item_label": numbered("item", "{n}"),
            "remove_label": numbered("remove", "{n}"),
            "first_label": numbered("item", "1"),
            "first_remove": numbered("remove", "1"),
            "add_label": "" if node.fixed else translate(f"add.{suffix}", lang),
            "item_id": control_id(item_path),
            "item_path": item_path,
            "item_error_id": f"{control_id(item_path)}-error",
            "item_advice_id": f"{control_id(item_path)}-advice",
            "children": [
                _view(child, join(item_path, child.key), lang, suggestions)
                for child in node.children
            ],
        }
    return view


# Naming a field in a message ---------------------------------------------------

_SEGMENT: Final = re.compile(r"([^.\[\]]+)(?:\[(\d+)\])?")
ROOTS: Final[dict[type, str]] = {Plan: "field", Preparation: "field.preparation", CheckIn: "field.check_ins"}


def field_name(path: str, lang: str, root: type = Plan) -> str:
    """The words a person sees for the field at ``path``: the numbered items on the
    way and the field's own label, as in "Mål 2, Varför målet är viktigt", "Mål 2"
    for an item itself, or a section's heading for the section. Groups on the way
    add nothing ("Medarbetare", not "Samtalet, Medarbetare"). Unknown paths come
    back as they are."""
    segments = _SEGMENT.findall(path)
    parts: list[str] = []
    label = ROOTS[root]
    cls: type | None = root
    for position, (name, index) in enumerate(segments):
        f = next((f for f in fields_of(cls) if f.name == name), None) if cls else None
        if f is None:
            return path
        label = f"{label}.{name}"
        cls = f.model
        if index:
            parts.append(translate(f"item.{label.removeprefix('field.')}", lang, n=int(index) + 1))
        elif position == len(segments) - 1:
            parts.append(translate(label, lang))
    return ", ".join(parts)


def place_name(path: str, lang: str, root: type = Plan) -> str:
    """Where ``path`` is, in few words, to put before a message about it in a
    summary: the numbered items on the way ("Mål 2", "Mål 2, Steg 1"), or the
    section's heading for a field outside any list ("Uppföljning")."""
    if "[" not in path:
        return field_name(path.split(".")[0], lang, root)
    items = path[: path.rindex("]") + 1]
    return field_name(items, lang, root)
