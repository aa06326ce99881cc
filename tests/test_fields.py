"""The one walker of the model: the codec, the form tree, the schema and the
advice see every field, derived from the model, not listed by hand here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from samtalsplan.codec import build, to_dict
from samtalsplan.fields import Field, fields_of, texts
from samtalsplan.form import FormNode, form_tree
from samtalsplan.model import CheckIn, Plan, Preparation
from samtalsplan.schema import plan_schema


def _classes(cls: type) -> Iterator[type]:
    yield cls
    for f in fields_of(cls):
        if f.model is not None:
            yield from _classes(f.model)


MODELS = sorted({*_classes(Plan), *_classes(Preparation)}, key=lambda c: c.__name__)
FIELDS = [(cls, f) for cls in MODELS for f in fields_of(cls)]


def _sample(f: Field) -> Any:
    """A value a person could have given the field, as plain data."""
    if f.shape == "text":
        return "2027-03-15" if f.widget == "date" else "Ett värde"
    if f.shape == "choice":
        assert f.choices is not None
        return next(iter(f.choices)).value
    if f.shape == "lines":
        return ["En rad"]
    assert f.model is not None
    item = {g.name: _sample(g) for g in fields_of(f.model)}
    return [item] if f.shape == "list" else item


@pytest.mark.parametrize(("cls", "f"), FIELDS, ids=lambda x: getattr(x, "__name__", getattr(x, "name", "")))
def test_the_codec_reads_back_every_field(cls: type, f: Field) -> None:
    data = {f.name: _sample(f)}
    assert to_dict(build(cls, data))[f.name] == data[f.name]


PLAN_FIELDS = [(cls, f) for cls in _classes(Plan) for f in fields_of(cls)]


@pytest.mark.parametrize(("cls", "f"), PLAN_FIELDS, ids=lambda x: getattr(x, "__name__", getattr(x, "name", "")))
def test_the_schema_describes_every_field_of_the_plan(cls: type, f: Field) -> None:
    schema = plan_schema()
    properties = schema["properties"] if cls is Plan else schema["$defs"][cls.__name__]["properties"]
    assert f.name in properties


def _form_keys(nodes: tuple[FormNode, ...]) -> Iterator[str]:
    for node in nodes:
        yield node.key
        yield from _form_keys(node.children)


FORM_KEYS = {key for page in ("planner", "follow_up", "preparation") for key in _form_keys(form_tree(page))}


@pytest.mark.parametrize(("cls", "f"), FIELDS, ids=lambda x: getattr(x, "__name__", getattr(x, "name", "")))
def test_every_typed_field_has_a_control_on_its_page(cls: type, f: Field) -> None:
    if not f.typed:
        assert f.name not in FORM_KEYS
    elif f.page == "follow_up":  # the follow-up page records one check-in at a time
        assert f.model is CheckIn and {g.name for g in fields_of(CheckIn)} <= FORM_KEYS
    else:
        assert f.name in FORM_KEYS


def _field_of(path: str) -> str:
    return re.sub(r"\[\d+\]", "", path).split(".")[-1]


@pytest.mark.parametrize("root", [Plan, Preparation], ids=lambda c: c.__name__)
def test_every_text_a_person_types_is_seen_by_the_advice(root: type) -> None:
    """The special-category question reads every free text, dates and computed fields apart."""
    obj = build(root, {f.name: _sample(f) for f in fields_of(root)})
    seen = {_field_of(path) for path, _ in texts(obj)}
    free = {
        f.name
        for cls in _classes(root)
        for f in fields_of(cls)
        if f.shape == "lines" or (f.shape == "text" and f.widget not in ("date", "computed"))
    }
    assert seen == free


def test_the_follow_up_form_is_one_check_in() -> None:
    (node,) = form_tree("follow_up")
    assert [child.key for child in node.children] == [f.name for f in fields_of(CheckIn)]
