"""Hostile input: whatever a file or the page sends, only the package's own errors escape.

The parser, the form-state reader, the validator, the renderers and the bridge
are fed arbitrary text, arbitrary JSON, and valid plans with one part replaced
by a value of any type. Each either answers or raises a PlanError, never
anything else (a KeyError or TypeError here would be a crash in the page).
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samtalsplan import (
    FORMAT,
    VERSION,
    Plan,
    PlanError,
    from_dict,
    parse,
    render_markdown,
    serialize,
    to_dict,
    validate,
)
from samtalsplan.bridge import handle
from samtalsplan.files import MAX_BYTES

from .test_codec import plans

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON value where another value could stand."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _paths(item, (*path, i))
    return found


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replace(value[path[0]], path[1:], new)
    return copy


@st.composite
def damaged_states(draw: st.DrawFn) -> Any:
    """A valid plan's form state with one part (perhaps the whole) replaced by any JSON value."""
    state = to_dict(draw(plans))
    path = draw(st.sampled_from(_paths(state)))
    return _replace(state, path, draw(json_values))


def _document(state: Any) -> Any:
    return {"format": FORMAT, "version": VERSION, **state} if isinstance(state, dict) else state


def _parse_or_plan_error(text: str) -> Plan | None:
    try:
        return parse(text)
    except PlanError:
        return None


@given(st.text())
def test_any_text_parses_or_raises_a_plan_error(text: str) -> None:
    _parse_or_plan_error(text)


@given(json_values)
def test_any_json_parses_or_raises_a_plan_error(value: Any) -> None:
    _parse_or_plan_error(json.dumps(value))


@given(damaged_states())
def test_a_damaged_plan_file_parses_or_raises_a_plan_error(state: Any) -> None:
    plan = _parse_or_plan_error(json.dumps(_document(state)))
    if plan is not None:
        assert parse(serialize(plan)) == plan


@given(damaged_states())
def test_a_damaged_form_state_reads_or_raises_a_plan_error(state: Any) -> None:
    try:
        from_dict(state)
    except PlanError:
        pass


@given(plans, st.sampled_from(["sv", "en", "de", ""]))
def test_the_validator_and_renderers_take_every_plan(plan: Plan, lang: str) -> None:
    for problem in validate(plan, lang):
        assert problem.path and problem.message and not problem.message.startswith("problem.")
    assert render_markdown(plan, lang).startswith("# ")
    assert isinstance(serialize(plan), str)


@settings(max_examples=50)
@given(
    damaged_states(), st.sampled_from(["check", "export", "open"]), st.sampled_from(["sv", "en"])
)
def test_the_bridge_always_answers_with_a_result_or_an_error(
    state: Any, op: str, lang: str
) -> None:
    if op == "open":
        data = json.dumps(_document(state)).encode("utf-8")
        upload = {"files": [{"name": "p.json", "size": len(data), "length": len(data)}]}
        request = {"op": op, "lang": lang, **upload, "data": base64.b64encode(data).decode()}
    else:
        request = {"op": op, "lang": lang, "state": state, "format": "markdown"}
    reply = json.loads(handle(json.dumps(request)))
    assert set(reply) in ({"result"}, {"error"})
    if "error" in reply:
        assert reply["error"]["key"].startswith(("format.", "ui.open_failed"))
        assert not reply["error"]["message"].startswith(("format.", "ui.", "file."))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("x" * (MAX_BYTES + 1), "format.too_large"),
        ("å" * (MAX_BYTES // 2 + 1), "format.too_large"),  # two bytes each in UTF-8
        ("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "format.binary"),
        ('{"format": "samtalsplan", "version": 1}\x00', "format.binary"),
    ],
)
def test_huge_and_binary_files_are_refused_before_parsing(text: str, key: str) -> None:
    with pytest.raises(PlanError) as raised:
        parse(text)
    assert raised.value.key == key
    assert "2 MB" in raised.value.message("en") or key != "format.too_large"
