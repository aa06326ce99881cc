"""A JSON Schema (draft 2020-12) of the plan file, generated from the model.

The site publishes it beside the planner (``assets/samtalsplan/plan.schema.json``)
so other tools can check files before they send them our way; it describes the
current version only (older ones are migrated on reading).
"""

from __future__ import annotations

import json
from typing import Any

from .codec import FORMAT, VERSION
from .fields import Field, fields_of
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
    return {
        "type": "object",
        "description": " ".join((cls.__doc__ or "").split()),
        "properties": {f.name: _value(f, definitions) for f in fields_of(cls)},
        # Every field has a default: a reader fills in what is absent.
        "required": [],
        "additionalProperties": False,
    }


def _value(f: Field, definitions: dict[str, Any]) -> dict[str, Any]:
    if f.shape == "text":
        if f.widget == "date":
            return {"type": "string", "description": "An ISO date YYYY-MM-DD, or empty."}
        return {"type": "string"}
    if f.shape == "choice":
        assert f.choices is not None
        return {"enum": [*(member.value for member in f.choices), None, ""]}
    if f.shape == "lines":
        return {"type": "array", "items": {"type": "string"}}
    assert f.model is not None
    reference = _reference(f.model, definitions)
    return {"type": "array", "items": reference} if f.shape == "list" else reference


def _reference(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    if cls.__name__ not in definitions:
        definitions[cls.__name__] = {}  # reserve the name before recursing
        definitions[cls.__name__] = _object(cls, definitions)
    return {"$ref": f"#/$defs/{cls.__name__}"}
