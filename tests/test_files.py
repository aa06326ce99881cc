"""The one reader (samtalsplan.files): every file a page or the CLI accepts.

Data-driven: each file in fixtures/files/ has beside it (NAME.expected.json)
what the reader makes of it when a plan is asked for and when a preparation
is: the version it had, or the refusal's key and its exact Swedish message.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samtalsplan.errors import PlanError
from samtalsplan.files import MAX_BYTES, READERS, Kind, decode, parse, read_document, read_plan

FILES = Path(__file__).parent / "fixtures" / "files"
CASES = sorted(p for p in FILES.iterdir() if not p.name.endswith(".expected.json"))


def outcome(data: bytes, kind: Kind, size: int | None = None) -> dict[str, Any]:
    try:
        _, version = READERS[kind](data, size)
    except PlanError as error:
        return {"error": error.key, "message": error.message("sv")}
    return {"version": version}


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_every_kind_of_file_is_read_or_refused_with_its_message(case: Path) -> None:
    expected = json.loads(case.with_name(case.name + ".expected.json").read_text(encoding="utf-8"))
    data = case.read_bytes()
    assert {kind.value: outcome(data, kind) for kind in Kind} == expected


def test_the_fixtures_cover_every_refusal() -> None:
    keys = set()
    for case in CASES:
        expected = json.loads(case.with_name(case.name + ".expected.json").read_text(encoding="utf-8"))
        keys.update(result.get("error") for result in expected.values())
    assert {
        "format.utf16", "format.not_utf8", "format.binary", "format.is_document", "format.not_json",
        "format.not_ours", "file.is_plan", "file.is_preparation", "format.bad_version",
        "format.newer_version", "format.bad_text", "format.not_text",
    } <= keys  # fmt: skip


def test_a_file_over_the_limit_is_refused_from_its_size_alone() -> None:
    """The page sends only the start of a large file, with its whole size."""
    expected = {"error": "format.too_large", "message": (
        "Filen är större än 2 MB, så den kommer inte från Samtalsplan. "
        "Välj en plan som du har sparat med ”Ladda ner JSON”."
    )}  # fmt: skip
    assert outcome(b"{", Kind.PLAN, size=MAX_BYTES + 1) == expected
    assert outcome(b" " * (MAX_BYTES + 1), Kind.PLAN) == expected
    assert outcome(("å" * (MAX_BYTES // 2 + 1)).encode(), Kind.PLAN)["error"] == "format.too_large"


def test_the_byte_order_mark_and_the_text_read_alike() -> None:
    plain = (FILES / "plan.json").read_bytes()
    assert read_plan(b"\xef\xbb\xbf" + plain) == read_plan(plain) == read_plan(plain.decode("utf-8"))


def test_refusals_read_well_in_english() -> None:
    with pytest.raises(PlanError) as raised:
        read_document((FILES / "preparation.json").read_bytes(), Kind.PLAN)
    assert raised.value.message("en") == (
        "This is the employee's preparation, not a saved plan. "
        "Add it in the planner with “Import the employee's preparation”."
    )
    with pytest.raises(PlanError) as raised:
        decode((FILES / "plan-utf16-bom.json").read_bytes(), "file.expected.preparation")
    assert raised.value.message("en").endswith(
        "Otherwise: Choose the file the employee downloaded on the Prepare page."
    )


@given(st.binary(max_size=256))
def test_any_bytes_give_a_plan_or_a_message(data: bytes) -> None:
    for kind in Kind:
        try:
            read_document(data, kind)
        except PlanError as error:
            assert error.message("sv") and not error.message("sv").startswith(("format.", "file."))


@given(st.text(max_size=200))
def test_any_text_as_utf8_gives_a_plan_or_a_message(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    try:
        plan = parse(data)
    except PlanError as error:
        assert "{" not in error.message("en")
    else:
        plan.summary.encode("utf-8")  # never a lone surrogate: it could not be written


@given(st.text(alphabet=st.characters(codec="utf-16", categories=["Cs", "Cc", "Lo", "Ll"]), max_size=20))
def test_a_plan_holding_any_text_is_read_or_refused_never_broken(summary: str) -> None:
    escaped = json.dumps({"format": "samtalsplan", "version": 2, "summary": summary})
    try:
        plan = parse(escaped.encode("ascii"))
    except PlanError as error:
        assert error.key == "format.bad_text"
    else:
        assert plan.summary == summary
        plan.summary.encode("utf-8")
