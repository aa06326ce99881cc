"""The JSON Schema generated from the model accepts every plan we write and
rejects files a reader would refuse."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from jsonschema import Draft202012Validator

from samtalsplan import VERSION, Plan, serialize
from samtalsplan.schema import plan_schema, schema_json

from .test_codec import plans

FIXTURES = Path(__file__).parent / "fixtures"
def _version(path: Path) -> object:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data.get("version") if isinstance(data, dict) else None


# fixtures/files/ holds what the reader refuses too (test_files.py).
PLANS = [p for p in FIXTURES.rglob("*.json") if "files" not in p.relative_to(FIXTURES).parts]
CURRENT = sorted(p for p in PLANS if _version(p) == VERSION)
VALIDATOR = Draft202012Validator(plan_schema())


def test_the_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(plan_schema())


def test_there_are_example_plans_of_the_current_version() -> None:
    assert len(CURRENT) >= 3


@pytest.mark.parametrize("case", CURRENT, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_example_plan_of_the_current_version_is_valid(case: Path) -> None:
    assert list(VALIDATOR.iter_errors(json.loads(case.read_text(encoding="utf-8")))) == []


@given(plans)
def test_every_plan_we_write_is_valid(plan: Plan) -> None:
    assert list(VALIDATOR.iter_errors(json.loads(serialize(plan)))) == []


def _full() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "valid" / "full.json").read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.update(format="other"), ["format"]),
        (lambda d: d.update(version=1), ["version"]),
        (lambda d: d["actions"][0].update(owner="boss"), ["actions", 0, "owner"]),
        (lambda d: d["talk"].update(employee=7), ["talk", "employee"]),
        (lambda d: d.update(goals={}), ["goals"]),
        (lambda d: d["goals"][0].update(steps=[1]), ["goals", 0, "steps", 0]),
        (lambda d: d.update(surprise=True), []),
    ],
)
def test_the_schema_rejects_what_a_reader_refuses(change: Any, where: list[object]) -> None:
    document = _full()
    change(document)
    errors = list(VALIDATOR.iter_errors(document))
    assert [list(e.absolute_path) for e in errors] == [where]


def test_the_site_publishes_the_schema(site_dir: Path) -> None:
    published = site_dir / "assets" / "samtalsplan" / "plan.schema.json"
    assert published.read_text(encoding="utf-8") == schema_json()
