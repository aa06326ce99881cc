"""A JSON Schema (draft 2020-12) of the plan file, generated from the model.

The site publishes it beside the planner (``assets/samtalsplan/plan.schema.json``)
so other tools can check files before they send them our way; it describes the
current version only (older ones are migrated on reading).
"""

from __future__ import annotations

import json
import types
from dataclasses import MISSING, fields, is_dataclass
from enum import Enum
from typing import Any, Union, get_args, get_origin, get_type_hints

from .codec import FORMAT, VERSION
from .model import Plan


def plan_schema() -> dict[str, Any]:
    """The schema of a plan file of the current version."""
    definitions: dict[str, Any] = {}
    body = _object(Plan, definitions)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Samtalsplan plan",
        "description": (Plan.__doc__ or "").strip(),
        "type": "object",
        "required": ["format", "version"],
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            **body["properties"],
        },
        "additionalProperties": False,
        "$defs": definitions,
    }


def schema_json() -> str:
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"


def _object(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    hints = get_type_hints(cls)
    return {
        "type": "object",
        "description": " ".join((cls.__doc__ or "").split()),
        "properties": {f.name: _value(hints[f.name], f.metadata, definitions) for f in fields(cls)},
        # Every field has a default: a reader fills in what is absent.
        "required": [
            f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING
        ],
        "additionalProperties": False,
    }


def _value(hint: Any, metadata: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(hint)
    if hint is str:
        widget = metadata.get("widget", "text")
        if widget == "date":
            return {"type": "string", "description": "An ISO date YYYY-MM-DD, or empty."}
        return {"type": "string"}
    if origin in (Union, types.UnionType):
        (enum,) = (arg for arg in get_args(hint) if arg is not type(None))
        assert issubclass(enum, Enum)
        return {"enum": [*(member.value for member in enum), None, ""]}
    if origin is tuple:
        return {"type": "array", "items": _value(get_args(hint)[0], {}, definitions)}
    if isinstance(hint, type) and is_dataclass(hint):
        if hint.__name__ not in definitions:
            definitions[hint.__name__] = {}  # reserve the name before recursing
            definitions[hint.__name__] = _object(hint, definitions)
        return {"$ref": f"#/$defs/{hint.__name__}"}
    raise TypeError(f"the schema does not know the model's type {hint!r}")
