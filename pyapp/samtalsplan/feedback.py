"""What a form page shows about a plan: beside each field, and in the summaries.

Validation and advice speak about every field; a person should meet a message
when it helps, not before. A field shows its messages once it is touched
(changed, or left with a value); a list or a group once a field inside it is;
and a field inside a list item once the person has reached it, that is,
touched it or a field after it in the same item (so "split the goal into
steps" waits until the steps are reached). With ``reveal`` (after a download
or opening a file) every field shows what it has. A field with a problem shows
only the problem: that comes first.

The summaries list everything: the problems (once revealed) and all advice,
each with where it is ("Mål 2: …").
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from .advice import Hint, field_paths
from .form import place_name
from .i18n import translate
from .model import Plan
from .validation import Problem


def _enclosing_item(path: str) -> str:
    """The innermost list item that holds ``path`` (``goals[0]`` for
    ``goals[0].steps``, and for ``goals[0].steps[1]``), or ``""``."""
    end = len(path)
    while (end := path.rfind("]", 0, end)) != -1:
        if end + 1 < len(path) and path[end + 1] in ".[":
            return path[: end + 1]
    return ""


def visible_paths(plan: Plan, touched: Collection[str], reveal: bool) -> set[str] | None:
    """The field paths whose messages show now; None means all of them."""
    if reveal:
        return None
    order = {path: i for i, path in enumerate(field_paths(plan))}
    touched = [t for t in touched if t in order]
    shown: set[str] = set()
    for path, position in order.items():
        item = _enclosing_item(path)
        for t in touched:
            if (
                t == path
                or t.startswith((f"{path}.", f"{path}["))
                or (item and t.startswith((f"{item}.", f"{item}[")) and order[t] >= position)
            ):
                shown.add(path)
                break
    return shown


def feedback(
    plan: Plan,
    problems: Sequence[Problem],
    hints: Sequence[Hint],
    lang: str,
    touched: Collection[str] = (),
    reveal: bool = False,
) -> dict[str, Any]:
    """The page's view of the plan's problems and advice:
    ``fields``: what shows beside each field that shows something;
    ``problems``: the list of what to fix (empty until revealed);
    ``advice``: every piece of advice, in form order."""
    shown = visible_paths(plan, touched, reveal)

    def visible(path: str) -> bool:
        return shown is None or path in shown

    def severity(hint: Hint) -> str:
        return translate(f"advice.severity.{hint.severity.value}", lang)

    errors = {p.path: p.message for p in problems}
    fields: dict[str, dict[str, Any]] = {}
    for problem in problems:
        if visible(problem.path):
            fields.setdefault(problem.path, {"path": problem.path, "error": problem.message, "advice": []})
    for hint in hints:
        if visible(hint.path) and hint.path not in errors:
            slot = fields.setdefault(hint.path, {"path": hint.path, "error": "", "advice": []})
            slot["advice"].append(
                {"severity": hint.severity.value, "label": severity(hint), "message": hint.message}
            )

    def where(path: str, message: str) -> str:
        return f"{place_name(path, lang)}: {message}"

    return {
        "fields": list(fields.values()),
        "problems": [{"path": p.path, "text": where(p.path, p.message)} for p in problems]
        if shown is None
        else [],
        "advice": [
            {"path": h.path, "severity": h.severity.value, "text": f"{severity(h)}: {where(h.path, h.message)}"}
            for h in hints
        ],
    }
