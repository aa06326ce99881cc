"""The plan as JSON: a versioned file format, and the plain dict the form sends.

A file is ``{"format": "samtalsplan", "version": 2, ...}`` followed by the
plan's fields. Reading is strict about types (text must be text, lists must be
lists) and forgiving about absent fields, which take their defaults.
Dict keys that the model does not know are ignored.

Versions: 1 is the plan of the talk; 2 adds the agreement (names, date, keep
until, fingerprint) and the check-ins. An older file is migrated step by step
on reading (``MIGRATIONS``); a newer one is refused with a clear message.
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
VERSION: Final = 2
# A plan is a few kB; anything near this is not one. The page checks the same
# limit before it reads a file (planner.js), so a huge file is never loaded.
MAX_BYTES: Final = 2 * 1024 * 1024


def _from_1(document: dict[str, Any]) -> dict[str, Any]:
    """Version 1 had no agreement and no check-ins: they start empty."""
    return {**document, "agreement": {}, "check_ins": [], "version": 2}


# Each step takes a document of version N to version N + 1.
MIGRATIONS: Final[dict[int, Callable[[dict[str, Any]], dict[str, Any]]]] = {1: _from_1}


def to_dict(obj: Any) -> Any:
    """A dataclass as plain JSON data: enums become their values, tuples lists."""
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, tuple):
        return [to_dict(v) for v in obj]
    if isinstance(obj, Enum):
        return obj.value
    return obj


def serialize(plan: Plan) -> str:
    """The plan as the text of a file of the current version."""
    document = {"format": FORMAT, "version": VERSION, **to_dict(plan)}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def parse(text: str) -> Plan:
    """Read a plan file of any version; raise PlanFormatError saying what is wrong with it."""
    return read(text)[0]


def read(text: str) -> tuple[Plan, int]:
    """A plan file's plan, migrated to the current version, and the version it had."""
    if len(text) > MAX_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise PlanFormatError("format.too_large", limit=MAX_BYTES // (1024 * 1024))
    # NUL never occurs in a text file; it does in images, documents and archives.
    if "\x00" in text:
        raise PlanFormatError("format.binary")
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise PlanFormatError("format.not_json") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise PlanFormatError("format.not_plan")
    version = document.get("version")
    if type(version) is not int or version < 1:
        raise PlanFormatError("format.bad_version")
    if version > VERSION:
        raise PlanFormatError("format.newer_version", version=version, supported=VERSION)
    migrated = document
    for step in range(version, VERSION):
        migrated = MIGRATIONS[step](migrated)
    return from_dict(migrated), version


def from_dict(data: object) -> Plan:
    """A plan from plain data, such as the form's state sent by the page."""
    plan: Plan = _build(Plan, data, "")
    return plan


def build(cls: type, data: object) -> Any:
    """An instance of the model class ``cls`` from plain data, read as strictly as a plan."""
    return _build(cls, data, "")


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
            return f.choices(raw)
        except (ValueError, TypeError):
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
