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
from typing import Any, Final

from .errors import PlanFormatError
from .fields import Field, fields_of, join
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
    # By exact type, and each class's field names once: the team view checks the
    # fingerprint of every plan it reads, which runs this over the whole plan.
    kind = type(obj)
    if kind is str or obj is None:
        return obj
    if kind is tuple:
        return [to_dict(v) for v in obj]
    names = _field_names(kind)
    if names is not None:
        return {name: to_dict(getattr(obj, name)) for name in names}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, tuple):
        return [to_dict(v) for v in obj]
    return obj


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    """The field names of a dataclass, None for any other type."""
    if kind not in _FIELD_NAMES:
        _FIELD_NAMES[kind] = tuple(f.name for f in fields(kind)) if is_dataclass(kind) else None
    return _FIELD_NAMES[kind]


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
        return _build(cls, data, "")
    except PlanFormatError as error:
        error.root = cls  # its path starts here
        raise


def _build(cls: type, data: object, path: str) -> Any:
    if not isinstance(data, dict):
        raise PlanFormatError("format.not_object", path)
    values = {
        f.name: _convert(f, data[f.name], join(path, f.name)) for f in fields_of(cls) if f.name in data
    }
    return cls(**values)


def _convert(f: Field, raw: object, path: str) -> Any:
    if f.shape == "text":
        return _text(raw, path)
    if f.shape == "choice":
        assert f.choices is not None
        if raw is None or raw == "":
            return None
        try:
            if not isinstance(raw, str):
                raise ValueError(raw)
            return f.choices(raw)
        except ValueError:
            raise PlanFormatError("format.bad_choice", path) from None
    if f.shape == "group":
        assert f.model is not None
        return _build(f.model, raw, path)
    if not isinstance(raw, list):
        raise PlanFormatError("format.not_list", path)
    if f.shape == "lines":
        return tuple(_text(item, f"{path}[{i}]") for i, item in enumerate(raw))
    assert f.model is not None
    return tuple(_build(f.model, item, f"{path}[{i}]") for i, item in enumerate(raw))


def _text(raw: object, path: str) -> str:
    if not isinstance(raw, str):
        raise PlanFormatError("format.not_text", path)
    return raw
