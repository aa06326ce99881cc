"""The worker's facade: JSON text in, JSON text out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from samtalsplan.bridge import handle

FULL_TEXT = (Path(__file__).parent / "fixtures" / "valid" / "full.json").read_text(encoding="utf-8")
FULL_STATE = {k: v for k, v in json.loads(FULL_TEXT).items() if k not in ("format", "version")}


def call(**request: Any) -> dict[str, Any]:
    reply: dict[str, Any] = json.loads(handle(json.dumps(request)))
    return reply


def test_check_reports_problems_with_paths_in_the_requested_language() -> None:
    state = {**FULL_STATE, "talk": {**FULL_STATE["talk"], "manager": ""}}
    assert call(op="check", state=state, lang="en", today="2026-12-01")["result"] == {
        "problems": [{"path": "talk.manager", "key": "problem.manager_missing", "message": "Write the manager's name."}],
        "advice": [],
    }


def test_check_advises_with_the_organisation_settings() -> None:
    goals = FULL_STATE["goals"] * 2
    result = call(op="check", state={**FULL_STATE, "goals": goals}, lang="en", today="2026-12-01",
                  settings={"max_goals": 3, "guide": {"talk": "x/"}})["result"]
    assert result["advice"] == [
        {"id": "goals.too_many", "severity": "warning", "path": "goals",
         "message": "The plan has 4 goals, more than the organisation's limit of 3. "
         "Prioritise: keep the most important and save the rest for next year."}
    ]


def test_bad_settings_are_an_error_reply() -> None:
    reply = call(op="check", state=FULL_STATE, settings={"max_goals": "five"}, lang="en")
    assert reply["error"]["key"] == "settings.invalid"
    assert reply["error"]["path"] == "max_goals"


def test_export_json_opens_back_to_the_same_state() -> None:
    exported = call(op="export", format="json", state=FULL_STATE, lang="sv")["result"]
    assert exported["filename"] == "samtalsplan-2026-12-03-åsa-öberg.json"
    assert exported["mime"] == "application/json"
    assert exported["problems"] == []
    assert call(op="open", text=exported["text"])["result"]["state"] == FULL_STATE


def test_export_markdown() -> None:
    exported = call(op="export", format="markdown", state=FULL_STATE, lang="en")["result"]
    assert exported["filename"] == "samtalsplan-2026-12-03-åsa-öberg.md"
    assert exported["text"].startswith("# Development talk with Åsa Öberg\n")


def test_a_bad_file_is_an_error_reply_with_a_message() -> None:
    assert call(op="open", text="{", lang="sv")["error"] == {
        "key": "format.not_json",
        "path": "",
        "message": "Filen är inte en sparad plan: den går inte att läsa som JSON. "
        "Välj en fil som du har sparat med ”Ladda ner JSON”.",
    }


def test_an_unknown_operation_is_a_bug_not_silence() -> None:
    with pytest.raises(ValueError, match="unknown operation"):
        handle(json.dumps({"op": "delete_everything"}))
