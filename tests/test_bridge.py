"""The worker's facade: JSON text in, JSON text out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from samtalsplan.bridge import handle

FULL_TEXT = (Path(__file__).parent / "fixtures" / "valid" / "full.json").read_text(encoding="utf-8")
FULL_STATE = {k: v for k, v in json.loads(FULL_TEXT).items() if k not in ("format", "version")}
# The state as the planner form sends it: no check-ins, no fingerprint (Python computes it).
FORM_STATE = {
    **{k: v for k, v in FULL_STATE.items() if k != "check_ins"},
    "agreement": {k: v for k, v in FULL_STATE["agreement"].items() if k != "fingerprint"},
}


def call(**request: Any) -> dict[str, Any]:
    reply: dict[str, Any] = json.loads(handle(json.dumps(request)))
    return reply


def test_check_reports_problems_with_paths_in_the_requested_language() -> None:
    state = {**FORM_STATE, "talk": {**FORM_STATE["talk"], "manager": ""}}
    assert call(op="check", state=state, lang="en", today="2026-12-01")["result"] == {
        "problems": [{"path": "talk.manager", "key": "problem.manager_missing", "message": "Write the manager's name."}],
        "advice": [],
    }


def test_check_advises_with_the_organisation_settings() -> None:
    goals = FORM_STATE["goals"] * 2
    result = call(op="check", state={**FORM_STATE, "goals": goals}, lang="en", today="2026-12-01",
                  settings={"max_goals": 3, "guide": {"talk": "x/"}})["result"]
    assert result["advice"] == [
        {"id": "goals.too_many", "severity": "warning", "path": "goals",
         "message": "The plan has 4 goals, more than the organisation's limit of 3. "
         "Prioritise: keep the most important and save the rest for next year."}
    ]


def test_bad_settings_are_an_error_reply() -> None:
    reply = call(op="check", state=FORM_STATE, settings={"max_goals": "five"}, lang="en")
    assert reply["error"]["key"] == "settings.invalid"
    assert reply["error"]["path"] == "max_goals"


def test_export_json_opens_back_to_the_same_state() -> None:
    exported = call(op="export", format="json", state=FORM_STATE, lang="sv")["result"]
    assert exported["text"] == FULL_TEXT, "sealed with the same fingerprint as the fixture"
    assert exported["filename"] == "samtalsplan-2026-12-03-åsa-öberg.json"
    assert exported["mime"] == "application/json"
    assert exported["problems"] == []
    assert call(op="open", text=exported["text"])["result"] == {"state": FULL_STATE, "agreement": "agreed", "version": 2}


def test_a_plan_changed_after_the_agreement_is_flagged_on_opening() -> None:
    changed = FULL_TEXT.replace("under två dagar", "under tre dagar")
    opened = call(op="open", text=changed, lang="en", today="2026-12-01")["result"]
    assert opened["agreement"] == "changed"
    check = call(op="check", state=opened["state"], base=opened["state"], lang="en", today="2026-12-01")
    assert [h["id"] for h in check["result"]["advice"]] == ["agreement.changed"]


def test_agreeing_again_seals_the_plan_anew() -> None:
    opened = call(op="open", text=FULL_TEXT.replace("under två dagar", "under tre dagar"))["result"]
    state = {**opened["state"], "agreement": {**FORM_STATE["agreement"], "date": "2026-12-10"}}
    exported = call(op="export", format="json", state=state, base=opened["state"])["result"]
    assert call(op="open", text=exported["text"])["result"]["agreement"] == "agreed"
    unchanged = call(op="export", format="json", state=opened["state"], base=opened["state"])["result"]
    assert call(op="open", text=unchanged["text"])["result"]["agreement"] == "changed"


def test_export_keeps_what_the_form_does_not_edit() -> None:
    base = json.loads((Path(__file__).parent / "fixtures" / "versions" / "v2-check-ins.json").read_text(encoding="utf-8"))
    exported = call(op="export", format="json", state=FORM_STATE, base=base)["result"]
    assert json.loads(exported["text"])["check_ins"] == base["check_ins"]


def test_a_version_1_file_opens_migrated() -> None:
    v1 = (Path(__file__).parent / "fixtures" / "versions" / "v1.json").read_text(encoding="utf-8")
    opened = call(op="open", text=v1)["result"]
    assert (opened["version"], opened["agreement"], opened["state"]["check_ins"]) == (1, "none", [])


def test_the_retention_setting_sets_keep_until() -> None:
    state = {**FORM_STATE, "agreement": {**FORM_STATE["agreement"], "keep_until": ""}}
    exported = call(op="export", format="json", state=state, settings={"retention_months": 24})["result"]
    assert json.loads(exported["text"])["agreement"]["keep_until"] == "2028-12-03"


def test_export_markdown() -> None:
    exported = call(op="export", format="markdown", state=FORM_STATE, lang="en")["result"]
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


PREPARATION = {
    "employee": "Åsa Öberg",
    "date": "2026-12-03",
    "priorities": ["Korta svarstiderna i kundtjänsten", "Lära mig leda möten\nsom fungerar"],
    "learning": ["Mentor i ledarskap"],
    "support": ["Färre avbrott"],
}


def test_a_preparation_merges_into_the_plan_as_proposals_without_dropping_text() -> None:
    prepared = call(op="prepare", state=PREPARATION)["result"]
    assert prepared["filename"] == "forberedelse-2026-12-03-åsa-öberg.json"
    merged = call(op="import_preparation", state=FORM_STATE, text=prepared["text"])["result"]
    assert merged["added"] == {"goals": [2], "development": [1], "obstacles": [1]}, "the existing goal is not doubled"
    state = merged["state"]
    assert [g["title"] for g in state["goals"]] == [
        "Korta svarstiderna i kundtjänsten", "Leda teamets veckomöten", "Lära mig leda möten\nsom fungerar"
    ]
    assert state["development"][1]["what"] == "Mentor i ledarskap"
    assert state["conditions"]["obstacles"][1]["obstacle"] == "Färre avbrott"
    assert state["summary"] == FORM_STATE["summary"]


def test_a_plan_is_not_taken_for_a_preparation() -> None:
    reply = call(op="import_preparation", state=FORM_STATE, text=FULL_TEXT, lang="en")
    assert reply["error"]["key"] == "preparation.is_plan"


def test_the_preparation_is_checked_for_special_categories() -> None:
    prepared = call(op="prepare", state={**PREPARATION, "support": ["Min diagnos"]})["result"]
    assert [(a["id"], a["path"]) for a in prepared["advice"]] == [("special_category", "support[0]")]


def test_a_check_in_starts_from_the_actions_and_is_recorded_in_the_history() -> None:
    started = call(op="check_in_start", text=FULL_TEXT, today="2027-03-10", settings={"follow_up_months": 3})["result"]
    check_in = started["check_in"]
    assert check_in["date"] == "2027-03-10" and check_in["next_date"] == "2027-06-10"
    assert [s["action"] for s in check_in["statuses"]] == ["Boka första mötet med mentorn", "Ordna behörighet till rapporterna"]
    check_in["statuses"][0].update(status="done", note="Klart i januari")
    saved = call(op="check_in_save", base=started["plan"], state=check_in, format="json")["result"]
    again = call(op="check_in_start", text=saved["text"], today="2027-06-10", lang="en")["result"]
    assert again["history"] == ["2027-03-10: 1 of 2 actions done, 0 ongoing."]
    assert again["check_in"]["statuses"][0]["status"] == "done", "the last status carries over"
    assert again["agreement"] == "agreed", "a check-in does not change the agreed plan"
    markdown = call(op="check_in_save", base=started["plan"], state=check_in, format="markdown")["result"]["text"]
    assert "1 av 2 åtgärder klara, 0 pågår." in markdown


def test_the_team_view_names_files_it_cannot_read() -> None:
    files = [{"name": "a.json", "text": FULL_TEXT}, {"name": "b.json", "text": "{}"}]
    view = call(op="team", files=files, today="2027-03-01", lang="en")["result"]
    assert view["plans"] == 1
    assert view["errors"] == [{"name": "b.json", "message": view["errors"][0]["message"]}]
    assert view["tables"][0]["rows"] == [["Mentoring", "1"]]
    csv = call(op="team", files=files, format="csv")["result"]
    assert csv["filename"] == "team.csv" and csv["text"].count("\r\n") == 2
