"""The plan as JSON: a versioned file format, and the plain dict the form sends.

A file is ``{"format": "samtalsplan", "version": 3, ...}`` followed by the
plan's fields. Building a plan from data is strict about types (text must be
text, lists must be lists) and forgiving about absent fields, which take their
defaults. Dict keys that the model does not know are ignored. Files are read
by ``samtalsplan.files``, the one reader, which migrates them with ``MIGRATIONS``.

Versions: 1 is the plan of the talk; 2 adds the agreement (names, date, keep
until, fingerprint) and the check-ins; 3 adds the look back on last year's plan,
the work environment and workload, and each goal's progress at a check-in.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from enum import Enum
from functools import cache
from operator import attrgetter
from typing import Any, Final

from .errors import PlanFormatError
from .fields import Field, fields_of
from .model import Plan

FORMAT: Final = "samtalsplan"
VERSION: Final = 3


def _from_1(document: dict[str, Any]) -> dict[str, Any]:
    """Version 1 had no agreement and no check-ins: they start empty."""
    return {**document, "agreement": {}, "check_ins": [], "version": 2}


def _from_2(document: dict[str, Any]) -> dict[str, Any]:
    """Version 2 had no look back, no work environment and no goals at a check-in:
    they start empty. (The agreement's fingerprint stays valid: see
    ``agreement.canonical_json``.)"""
    check_ins = document.get("check_ins")
    if isinstance(check_ins, list):
        check_ins = [{**c, "goals": []} if isinstance(c, dict) else c for c in check_ins]
    return {
        **document,
        "look_back": {},
        "work_environment": {},
        "check_ins": check_ins if check_ins is not None else [],
        "version": 3,
    }


# Each step takes a document of version N to version N + 1.
MIGRATIONS: Final[dict[int, Callable[[dict[str, Any]], dict[str, Any]]]] = {
    1: _from_1,
    2: _from_2,
}


def to_dict(obj: Any) -> Any:
    """A dataclass as plain JSON data: enums become their values, tuples lists."""
    kind: type = type(obj)
    if kind is str or obj is None:
        return obj
    if kind is tuple:
        return [to_dict(v) for v in obj]
    dump = _dumper(kind)
    if dump is not None:
        return dump(obj)
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, tuple):
        return [to_dict(v) for v in obj]
    return obj


# A writer per dataclass, made once, as the readers are: the team view checks
# the fingerprint of every plan it reads, which writes the whole plan out. A
# model class's texts are copied as they are; any other dataclass's values go
# through ``to_dict``.
_Write = Callable[[Any], Any]


@cache
def _dumper(kind: type) -> _Write | None:
    if not is_dataclass(kind):
        return None
    names = tuple(f.name for f in fields(kind))
    try:
        writers = tuple(_value_writer(f) for f in fields_of(kind))
    except (TypeError, NameError):  # not a model class: its hints say nothing the walker knows
        writers = (to_dict,) * len(names)
    steps = tuple(zip(names, writers, strict=True))
    if not names:
        return lambda obj: {}
    get = attrgetter(*names)  # every value at once; a lone one bare
    one = len(names) == 1

    def write(obj: Any) -> dict[str, Any]:
        values = (get(obj),) if one else get(obj)
        return {name: v if w is None else w(v) for (name, w), v in zip(steps, values, strict=True)}

    return write


def _value_writer(f: Field) -> _Write | None:
    """What writes one field's value (None: the value as it is)."""
    if f.shape == "text":
        return None
    if f.shape == "choice":
        return _choice_value
    if f.shape == "lines":
        return list
    assert f.model is not None
    item = _dumper(f.model)
    assert item is not None
    if f.shape == "group":
        return item
    return lambda values: [item(value) for value in values]


def _choice_value(value: Enum | None) -> Any:
    return None if value is None else value.value


def serialize(plan: Plan) -> str:
    """The plan as the text of a file of the current version."""
    document = {"format": FORMAT, "version": VERSION, **to_dict(plan)}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def from_dict(data: object) -> Plan:
    """A plan from plain data, such as the form's state sent by the page."""
    plan: Plan = build(Plan, data)
    return plan


def build(cls: type, data: object) -> Any:
    """An instance of the model class ``cls`` from plain data, read as strictly as a plan."""
    try:
        return _reader(cls)(data)
    except PlanFormatError as error:
        error.root = cls  # its path starts here
        error.args = (f"{error.path or '(plan)'}: {error.message('en')}",)
        raise


# A reader per model class, made once from its fields: the team view builds a
# thousand plans in one call, and a walk that asked each field's shape anew and
# wrote every path before anything failed took most of that call. A path is
# written only when something fails, from the inside out (``_under``).
_Read = Callable[[object], Any]


@cache
def _reader(cls: type) -> _Read:
    # Texts, most of a plan, are checked here rather than by a call each.
    steps = tuple((f.name, None if f.shape == "text" else _value_reader(f)) for f in fields_of(cls))

    def read(data: object) -> Any:
        if not isinstance(data, dict):
            raise PlanFormatError("format.not_object")
        values = {}
        for name, convert in steps:
            if name not in data:
                continue
            value = data[name]
            if convert is None:
                if not isinstance(value, str):
                    raise PlanFormatError("format.not_text", name)
                values[name] = value
                continue
            try:
                values[name] = convert(value)
            except PlanFormatError as error:
                raise _under(error, name) from None
        return cls(**values)

    return read


def _value_reader(f: Field) -> _Read:
    """What reads one field's value; its errors' paths start at the value."""
    if f.shape == "text":
        return _text
    if f.shape == "choice":
        assert f.choices is not None
        return _choice(f.choices)
    assert f.shape == "lines" or f.model is not None
    item = _text if f.shape == "lines" else _reader(f.model)
    if f.shape == "group":
        return item

    def items(raw: object) -> tuple[Any, ...]:
        if not isinstance(raw, list):
            raise PlanFormatError("format.not_list")
        values = []
        for i, value in enumerate(raw):
            try:
                values.append(item(value))
            except PlanFormatError as error:
                raise _under(error, f"[{i}]") from None
        return tuple(values)

    return items


def _choice(choices: type[Enum]) -> _Read:
    def choice(raw: object) -> Any:
        if raw is None or raw == "":
            return None
        try:
            if not isinstance(raw, str):
                raise ValueError(raw)
            return choices(raw)
        except ValueError:
            raise PlanFormatError("format.bad_choice") from None

    return choice


def _under(error: PlanFormatError, step: str) -> PlanFormatError:
    """``error`` with ``step`` (a field's name, or ``[i]``) in front of its path."""
    inner = error.path
    error.path = f"{step}.{inner}" if inner and not inner.startswith("[") else step + inner
    return error


def _text(raw: object) -> str:
    if not isinstance(raw, str):
        raise PlanFormatError("format.not_text")
    return raw
