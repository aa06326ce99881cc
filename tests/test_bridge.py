"""The worker's facade: JSON text in, JSON text out, and replies that say what to do."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from samtalsplan.bridge import handle
from samtalsplan.files import MAX_BYTES

FIXTURES = Path(__file__).parent / "fixtures"
FULL_TEXT = (FIXTURES / "valid" / "full.json").read_text(encoding="utf-8")
FULL_STATE = {k: v for k, v in json.loads(FULL_TEXT).items() if k not in ("format", "version")}
# The state as the planner form sends it: no check-ins, no fingerprint (Python computes it).
FORM_STATE = {
    **{k: v for k, v in FULL_STATE.items() if k != "check_ins"},
    "agreement": {k: v for k, v in FULL_STATE["agreement"].items() if k != "fingerprint"},
}
EMPTY_FORM: dict[str, Any] = {"talk": {"employee": "", "manager": "", "date": "", "unit": ""}, "goals": [{"title": ""}]}


def call(**request: Any) -> dict[str, Any]:
    reply: dict[str, Any] = json.loads(handle(json.dumps(request)))
    return reply


def files(*named: tuple[str, bytes | str], limit: int = MAX_BYTES + 1) -> dict[str, Any]:
    """Chosen files as the page sends them: one base64 string of every file's
    start (at most the reader's limit and a byte), each file's length and size."""
    blobs = [(name, data.encode("utf-8") if isinstance(data, str) else data) for name, data in named]
    return {
        "files": [{"name": name, "size": len(data), "length": min(len(data), limit)} for name, data in blobs],
        "data": base64.b64encode(b"".join(data[:limit] for _, data in blobs)).decode("ascii"),
    }


# Checking as the person types ------------------------------------------------------


def test_check_shows_a_problem_beside_a_touched_field_only() -> None:
    state = {**FORM_STATE, "talk": {**FORM_STATE["talk"], "manager": ""}}
    untouched = call(op="check", state=state, lang="en", today="2026-12-01")["result"]["feedback"]
    assert untouched == {"fields": [], "problems": [], "advice": []}
    touched = call(op="check", state=state, lang="en", today="2026-12-01", touched=["talk.manager"])
    assert touched["result"]["feedback"]["fields"] == [
        {"path": "talk.manager", "error": "Write the manager's name.", "advice": []}
    ]


def test_revealed_problems_are_listed_with_where_they_are() -> None:
    state = {**FORM_STATE, "goals": [*FORM_STATE["goals"], {"why": "Det behövs"}]}
    view = call(op="check", state=state, lang="sv", today="2026-12-01", reveal=True)["result"]["feedback"]
    assert view["problems"] == [
        {"path": "goals[2].title", "text": "Mål 3: Skriv vad målet är, eller ta bort målet."}
    ]
    assert [h["text"] for h in view["advice"]][:2] == [
        "Tips: Mål 3: Koppla målet till ett av organisationens mål, så att det syns vad det bidrar till.",
        "Att tänka på: Mål 3: Dela upp målet i steg, så att det går att börja direkt.",
    ]
    # A field with a problem shows only the problem.
    assert {f["path"]: f["advice"] for f in view["fields"]}["goals[2].title"] == []


def test_advice_on_part_of_an_item_waits_until_the_person_reaches_it() -> None:
    goal = {"title": "Leda möten", "organisation_link": "", "why": "", "steps": [], "measure": ""}
    state = {**EMPTY_FORM, "goals": [goal]}

    def shown(*touched: str) -> list[str]:
        view = call(op="check", state=state, lang="sv", today="2026-12-01", touched=list(touched))
        return [f["path"] for f in view["result"]["feedback"]["fields"]]

    assert shown("goals[0].title") == []
    assert shown("goals[0].title", "goals[0].why") == ["goals[0].organisation_link"]
    assert shown("goals[0].measure") == ["goals[0].organisation_link", "goals[0].steps", "goals[0].measure"]


def test_check_advises_with_the_organisation_settings() -> None:
    goals = FORM_STATE["goals"] * 2
    result = call(op="check", state={**FORM_STATE, "goals": goals}, lang="en", today="2026-12-01",
                  settings={"max_goals": 3, "guide": {"talk": "x/"}})["result"]
    assert result["feedback"]["advice"] == [
        {"path": "goals", "severity": "warning",
         "text": "Consider: Goals and priorities for the year: The plan has 4 goals, more than the "
         "organisation's limit of 3. Prioritise: keep the most important and save the rest for next year."}
    ]


def test_bad_settings_are_an_error_reply() -> None:
    reply = call(op="check", state=FORM_STATE, settings={"max_goals": "five"}, lang="en")
    assert reply["error"]["key"] == "settings.invalid"
    assert reply["error"]["path"] == "max_goals"


# Downloads -------------------------------------------------------------------------


def test_export_json_opens_back_to_the_same_state() -> None:
    exported = call(op="export", format="json", state=FORM_STATE, lang="sv")["result"]
    assert exported["download"] == {
        "text": FULL_TEXT,  # sealed with the same fingerprint as the fixture
        "filename": "samtalsplan-2026-12-03-åsa-öberg.json",
        "mime": "application/json",
    }
    assert exported["saved"] is True and exported["confirm"] is None
    assert exported["message"] == "Filen samtalsplan-2026-12-03-åsa-öberg.json är nedladdad."
    assert exported["base"] == FULL_STATE, "the plan as saved is the page's new base"
    opened = call(op="open", **files(("plan.json", exported["download"]["text"])))["result"]
    assert opened["state"] == opened["base"] == FULL_STATE
    assert opened["message"] == "Planen i plan.json är öppnad. Planen är oförändrad sedan ni kom överens."


def test_only_json_counts_as_saved_and_problems_are_counted_in_words() -> None:
    one = {**FORM_STATE, "talk": {**FORM_STATE["talk"], "manager": ""}}
    exported = call(op="export", format="markdown", state=one, lang="sv")["result"]
    assert exported["saved"] is False
    assert exported["message"] == (
        "Filen samtalsplan-2026-12-03-åsa-öberg.md är nedladdad. Planen har 1 sak att rätta, se listan nedan."
    )
    two = {**one, "talk": {**one["talk"], "employee": ""}}
    assert "Planen har 2 saker att rätta" in call(op="export", format="json", state=two)["result"]["message"]


@pytest.mark.parametrize("fmt", ["json", "markdown", "ics"])
def test_every_download_asks_about_special_categories_first(fmt: str) -> None:
    state = {**FORM_STATE, "goals": [{**FORM_STATE["goals"][0], "why": "Hen har varit sjukskriven för utmattning"}]}
    confirm = call(op="export", format=fmt, state=state, lang="sv")["result"]["confirm"]
    assert confirm["heading"] == "Känsliga personuppgifter?"
    assert confirm["items"] == [
        "Mål 1, Varför målet är viktigt: Texten kan innehålla känsliga personuppgifter (sjukskriven, utmattning): "
        "hälsa, facklig tillhörighet, religion och liknande. Skriv bara in sådant om medarbetaren själv vill "
        "och det behövs för planen, annars ta bort det."
    ]
    assert (confirm["proceed"], confirm["cancel"]) == ("Ladda ner ändå", "Gå tillbaka och ändra")
    assert confirm["cancelled"] == "Inget laddades ner. Ändra texten och ladda ner igen."


def test_a_plan_changed_after_the_agreement_is_flagged_on_opening() -> None:
    changed = FULL_TEXT.replace("under två dagar", "under tre dagar")
    opened = call(op="open", lang="en", today="2026-12-01", **files(("plan.json", changed)))["result"]
    assert opened["message"].endswith(
        "Note: the plan has changed since you agreed. See the advice under Agreement."
    )
    check = call(op="check", state=opened["state"], base=opened["base"], lang="en", today="2026-12-01")
    assert [h["text"] for h in check["result"]["feedback"]["advice"]] == [
        "Consider: Agreement: The plan has changed since you agreed on 2026-12-03. Go through the changes "
        "together and write a new date of agreement."
    ]


def test_a_changed_plan_without_a_date_of_agreement_reads_well() -> None:
    changed = json.loads(FULL_TEXT.replace("under två dagar", "under tre dagar"))
    changed["agreement"]["date"] = ""
    opened = call(op="open", lang="sv", **files(("plan.json", json.dumps(changed))))["result"]
    check = call(op="check", state=opened["state"], base=opened["base"], lang="sv", today="2026-12-01")
    (advice,) = check["result"]["feedback"]["advice"]
    assert advice["text"] == (
        "Att tänka på: Överenskommelse: Planen har ändrats sedan ni kom överens. Gå igenom ändringarna "
        "tillsammans och skriv ett nytt datum för överenskommelsen."
    )


def test_agreeing_again_seals_the_plan_anew() -> None:
    changed = FULL_TEXT.replace("under två dagar", "under tre dagar")
    opened = call(op="open", **files(("plan.json", changed)))["result"]
    state = {**opened["state"], "agreement": {**FORM_STATE["agreement"], "date": "2026-12-10"}}
    exported = call(op="export", format="json", state=state, base=opened["base"])["result"]
    again = call(op="open", **files(("plan.json", exported["download"]["text"])))["result"]
    assert again["message"].endswith("Planen är oförändrad sedan ni kom överens.")
    unchanged = call(op="export", format="json", state=opened["state"], base=opened["base"])["result"]
    reopened = call(op="open", **files(("plan.json", unchanged["download"]["text"])))["result"]
    assert "har ändrats sedan ni kom överens" in reopened["message"]


def test_export_keeps_what_the_form_does_not_edit() -> None:
    base = json.loads((FIXTURES / "versions" / "v3.json").read_text(encoding="utf-8"))
    exported = call(op="export", format="json", state=FORM_STATE, base=base)["result"]
    assert json.loads(exported["download"]["text"])["check_ins"] == base["check_ins"]


def test_the_retention_setting_sets_keep_until() -> None:
    state = {**FORM_STATE, "agreement": {**FORM_STATE["agreement"], "keep_until": ""}}
    exported = call(op="export", format="json", state=state, settings={"retention_months": 24})["result"]
    assert json.loads(exported["download"]["text"])["agreement"]["keep_until"] == "2028-12-03"


def test_export_markdown() -> None:
    exported = call(op="export", format="markdown", state=FORM_STATE, lang="en")["result"]
    assert exported["download"]["filename"] == "samtalsplan-2026-12-03-åsa-öberg.md"
    assert exported["download"]["text"].startswith("# Development talk with Åsa Öberg\n")


def test_a_calendar_event_without_a_date_is_a_message_for_the_page() -> None:
    reply = call(op="export", format="ics", state=EMPTY_FORM, lang="sv")
    assert reply["error"]["message"] == (
        "Planen har inget datum för uppföljningen. Skriv ett datum under Uppföljning först."
    )


# Opening files ---------------------------------------------------------------------


def test_a_version_1_file_opens_migrated_and_says_so() -> None:
    v1 = (FIXTURES / "versions" / "v1.json").read_bytes()
    opened = call(op="open", **files(("gammal.json", v1)))["result"]
    assert opened["state"]["check_ins"] == []
    assert opened["message"] == (
        "Planen i gammal.json är öppnad. Filen var sparad i ett äldre format (version 1). "
        "Allt är inläst; spara planen igen för att få det nya formatet."
    )


def test_a_bad_file_is_an_error_whose_message_names_the_file() -> None:
    assert call(op="open", lang="sv", **files(("anteckningar.json", "{")))["error"] == {
        "key": "ui.open_failed",
        "path": "",
        "message": "Det gick inte att öppna anteckningar.json. Filen går inte att läsa som JSON, så den "
        "kommer inte från Samtalsplan. Välj en plan som du har sparat med ”Ladda ner JSON”. "
        "Formuläret är oförändrat.",
    }


def test_a_large_file_is_refused_from_the_start_the_page_sends() -> None:
    huge = b"{" + b" " * (MAX_BYTES + 10)
    reply = call(op="open", lang="en", **files(("huge.json", huge)))
    assert "larger than 2 MB" in reply["error"]["message"]


def test_opening_over_a_filled_form_asks_first_and_over_an_empty_or_unchanged_one_does_not() -> None:
    plan = files(("plan.json", FULL_TEXT))
    assert call(op="open", state=EMPTY_FORM, **plan)["result"]["confirm"] is None
    typed = {**EMPTY_FORM, "talk": {**EMPTY_FORM["talk"], "employee": "Bo Ek"}}
    confirm = call(op="open", state=typed, **plan)["result"]["confirm"]
    assert confirm["heading"] == "Ersätta det som står i formuläret?"
    assert (confirm["proceed"], confirm["cancel"]) == ("Öppna filen ändå", "Behåll formuläret")
    opened = call(op="open", **plan)["result"]
    assert call(op="open", state=FORM_STATE, base=opened["base"], **plan)["result"]["confirm"] is None
    chosen = {**EMPTY_FORM, "goals": [{"title": ""}], "actions": [{"owner": "manager"}]}
    assert call(op="open", state=chosen, **plan)["result"]["confirm"] is not None, "a choice counts too"


def test_a_preparation_in_the_plan_control_and_a_plan_in_the_preparation_control_say_where_they_go() -> None:
    prepared = call(op="prepare", state={"employee": "Åsa"})["result"]["download"]["text"]
    wrong = call(op="open", lang="sv", **files(("forberedelse.json", prepared)))["error"]["message"]
    assert wrong == (
        "Det gick inte att öppna forberedelse.json. Det här är medarbetarens förberedelse, inte en sparad "
        "plan. Lägg in den i planeraren med ”Importera medarbetarens förberedelse”. Formuläret är oförändrat."
    )
    back = call(op="import_preparation", state=FORM_STATE, lang="sv", **files(("plan.json", FULL_TEXT)))
    assert "Det här är en sparad plan, inte en förberedelse." in back["error"]["message"]


# The employee's preparation --------------------------------------------------------

PREPARATION = {
    "employee": "Åsa Öberg",
    "date": "2026-12-03",
    "priorities": ["Korta svarstiderna i kundtjänsten", "Lära mig leda möten\nsom fungerar"],
    "learning": ["Mentor i ledarskap"],
    "support": ["Färre avbrott"],
}


def test_a_preparation_merges_into_the_plan_as_proposals_without_dropping_text() -> None:
    prepared = call(op="prepare", state=PREPARATION)["result"]
    assert prepared["download"]["filename"] == "forberedelse-2026-12-03-åsa-öberg.json"
    assert prepared["saved"] is True and prepared["confirm"] is None
    merged = call(op="import_preparation", state=FORM_STATE, **files(("f.json", prepared["download"]["text"])))
    result = merged["result"]
    assert result["proposals"] == ["goals[2]", "development[1]", "conditions.obstacles[1]"], "no goal twice"
    assert result["message"] == "3 förslag från medarbetaren i f.json är tillagda och märkta som förslag."
    state = result["state"]
    assert [g["title"] for g in state["goals"]] == [
        "Korta svarstiderna i kundtjänsten", "Leda teamets veckomöten", "Lära mig leda möten\nsom fungerar"
    ]
    assert state["development"][1]["what"] == "Mentor i ledarskap"
    assert state["conditions"]["obstacles"][1]["obstacle"] == "Färre avbrott"
    assert state["summary"] == FORM_STATE["summary"]


def test_importing_a_preparation_keeps_its_date_and_shows_nothing_untouched() -> None:
    one = {**PREPARATION, "priorities": ["Leda möten"], "learning": [], "support": []}
    prepared = call(op="prepare", state=one)["result"]["download"]["text"]
    result = call(op="import_preparation", state=EMPTY_FORM, **files(("f.json", prepared)))["result"]
    assert (result["state"]["talk"]["employee"], result["state"]["talk"]["date"]) == ("Åsa Öberg", "2026-12-03")
    assert result["proposals"] == ["goals[0]"], "the blank row is used"
    assert result["message"] == "1 förslag från medarbetaren i f.json är tillagt och märkt som förslag."
    assert result["feedback"]["fields"] == [] and result["feedback"]["problems"] == []


def test_the_preparation_is_checked_for_special_categories() -> None:
    prepared = call(op="prepare", state={**PREPARATION, "support": ["Min diagnos"]})["result"]
    assert prepared["confirm"]["items"][0].startswith("Lättare att lyckas, rad 1: Texten kan innehålla")


# Follow-up -------------------------------------------------------------------------


def test_a_check_in_starts_from_the_actions_and_is_recorded_in_the_history() -> None:
    plan = files(("full.json", FULL_TEXT))
    started = call(op="check_in_start", today="2027-03-10", settings={"follow_up_months": 3}, **plan)["result"]
    assert started["message"] == "Planen för Åsa Öberg i full.json är öppnad."
    check_in = started["check_in"]
    assert check_in["date"] == "2027-03-10" and check_in["next_date"] == "2027-06-10"
    assert [s["action"] for s in check_in["statuses"]] == ["Boka första mötet med mentorn", "Ordna behörighet till rapporterna"]
    check_in["statuses"][0].update(status="done", note="Klart i januari")
    saved = call(op="check_in_save", plan=started["plan"], state=check_in, format="json")["result"]
    assert saved["saved"] is True and saved["confirm"] is None
    again = call(op="check_in_start", today="2027-06-10", lang="en", **files(("p.json", saved["download"]["text"])))
    assert again["result"]["history"] == ["2027-03-10: 1 of 2 actions done, 0 ongoing."]
    assert again["result"]["check_in"]["statuses"][0]["status"] == "done", "the last status carries over"
    assert "changed" not in again["result"]["message"], "a check-in does not change the agreed plan"
    markdown = call(op="check_in_save", plan=started["plan"], state=check_in, format="markdown")["result"]
    assert "1 av 2 åtgärder klara, 0 pågår." in markdown["download"]["text"]


def test_the_follow_up_asks_about_special_categories_as_the_planner_does() -> None:
    started = call(op="check_in_start", today="2027-03-10", **files(("full.json", FULL_TEXT)))["result"]
    check_in = {**started["check_in"], "note": "Hen har varit sjukskriven för utmattning"}
    for fmt in ("json", "markdown"):
        saved = call(op="check_in_save", plan=started["plan"], state=check_in, format=fmt)["result"]
        assert saved["confirm"]["items"][0].startswith(
            "Uppföljning 1, Anteckning från uppföljningen: Texten kan innehålla känsliga personuppgifter"
        )


def test_opening_another_plan_over_a_check_in_being_written_asks_first() -> None:
    plan = files(("full.json", FULL_TEXT))
    started = call(op="check_in_start", today="2027-03-10", **plan)["result"]
    same = call(op="check_in_start", today="2027-03-10", plan=started["plan"], state=started["check_in"],
                started=started["check_in"], **plan)
    assert same["result"]["confirm"] is None, "nothing typed yet"
    typed = {**started["check_in"], "note": "Bra möte"}
    again = call(op="check_in_start", today="2027-03-10", plan=started["plan"], state=typed,
                 started=started["check_in"], **plan)
    assert again["result"]["confirm"]["heading"] == "Ersätta det som står i formuläret?"


# The team view ---------------------------------------------------------------------


def test_the_team_view_names_files_it_cannot_read_in_words_that_count() -> None:
    chosen = files(("a.json", FULL_TEXT), ("b.json", "{}"), ("c.json", b"\x89PNG\r\n\x1a\n\x00"))
    view = call(op="team", today="2027-03-01", lang="sv", **chosen)["result"]
    assert view["plans"] == 1
    assert view["message"] == "1 plan är sammanställd. 2 filer kunde inte läsas."
    assert [e["name"] for e in view["errors"]] == ["b.json", "c.json"]
    assert view["errors"][0]["message"].startswith("Filen är JSON men ingen fil från Samtalsplan.")
    tables = {table["heading"]: table["rows"] for table in view["tables"]}
    assert tables["Kompetensutveckling per typ"] == [["Mentorskap", "1"]]
    two = call(op="team", lang="sv", **files(("a.json", FULL_TEXT), ("b.json", FULL_TEXT)))["result"]
    assert two["message"] == "2 planer är sammanställda."
    csv = call(op="team", format="csv", today="2027-03-01", **chosen)["result"]
    assert csv["download"]["filename"] == "team-kundtjänst-teamledare-2027-03-01.csv"
    assert csv["download"]["text"].startswith("\ufeffMedarbetare;") and csv["download"]["text"].count("\r\n") == 2


def test_the_team_lists_every_file_it_was_given_with_a_remove_button_each() -> None:
    chosen = files(("asa.json", FULL_TEXT), ("semester.json", "{}"))
    view = call(op="team", lang="sv", change={"added": ["asa.json", "semester.json"]}, **chosen)["result"]
    assert view["loaded"] == [
        {"name": "asa.json", "text": "Åsa Öberg, samtalet 2026-12-03", "remove": "Ta bort asa.json"},
        {"name": "semester.json", "text": "kunde inte läsas", "remove": "Ta bort semester.json"},
    ]
    assert view["message"] == "2 filer är tillagda. 1 plan är sammanställd. 1 fil kunde inte läsas."


@pytest.mark.parametrize(
    ("change", "lang", "message"),
    [
        ({"added": ["asa.json"]}, "sv", "Filen asa.json är tillagd. 1 plan är sammanställd."),
        (
            {"added": ["asa.json", "bo.json"], "replaced": ["asa.json"]},
            "sv",
            "2 filer är tillagda. Filen asa.json fanns redan och är ersatt av den nya. 1 plan är sammanställd.",
        ),
        ({"removed": ["bo.json"]}, "en", "The file bo.json is removed. 1 plan is compiled."),
        ({"removed": ["a.json", "b.json"]}, "en", "2 files are removed. 1 plan is compiled."),
    ],
)
def test_the_team_says_what_a_step_did_in_words_that_count(change: dict[str, Any], lang: str, message: str) -> None:
    view = call(op="team", lang=lang, change=change, **files(("asa.json", FULL_TEXT)))["result"]
    assert view["message"] == message


def test_a_team_with_no_files_left_says_so() -> None:
    view = call(op="team", lang="sv", change={"removed": ["asa.json"]}, **files())["result"]
    assert view["message"] == "Filen asa.json är borttagen. Inga filer är inlästa."
    assert view["loaded"] == [] and view["plans"] == 0


def test_the_workbook_comes_as_base64_and_names_what_it_needs() -> None:
    from samtalsplan.bridge import NEEDS

    assert NEEDS == {"xlsx": ("xlsxwriter",)}
    reply = call(op="team", format="xlsx", today="2027-03-01", lang="en", **files(("asa.json", FULL_TEXT)))["result"]
    download = reply["download"]
    assert download["filename"] == "team-kundtjänst-teamledare-2027-03-01.xlsx"
    assert download["mime"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "text" not in download and base64.b64decode(download["base64"])[:2] == b"PK"
    assert reply["message"] == "The file team-kundtjänst-teamledare-2027-03-01.xlsx is downloaded."


def test_the_team_files_ask_about_special_categories_as_every_page_does() -> None:
    plan = json.loads(FULL_TEXT)
    plan["conditions"]["obstacles"][0]["obstacle"] = "Hen är sjukskriven på halvtid"
    chosen = files(("a.json", json.dumps(plan)), ("b.json", FULL_TEXT))
    assert call(op="team", **chosen)["result"].get("confirm") is None, "showing the tables asks nothing"
    for fmt in ("csv", "markdown", "xlsx"):
        confirm = call(op="team", format=fmt, **chosen)["result"]["confirm"]
        assert [item.split(":")[0] for item in confirm["items"]] == ["Åsa Öberg, Hinder 1, Hinder"]
    plan["actions"][0]["what"] = "Boka tid hos företagshälsovården"
    chosen = files(("a.json", json.dumps(plan)))
    csv = call(op="team", format="csv", **chosen)["result"]["confirm"]
    assert len(csv["items"]) == 1, "the CSV carries no actions"
    workbook = call(op="team", format="xlsx", **chosen)["result"]["confirm"]
    assert [item.split(":")[0] for item in workbook["items"]] == [
        "Åsa Öberg, Hinder 1, Hinder",
        "Åsa Öberg, Åtgärd 1, Vad ska göras",
    ], "the workbook carries the actions too"


def test_each_file_of_many_is_read_on_its_own_and_only_its_start_is_needed() -> None:
    """Many files come as one base64 string; a file over the limit arrives cut short."""
    huge = b"{" + b" " * (MAX_BYTES + 100)
    chosen = files(("a.json", FULL_TEXT), ("huge.json", huge), ("b.json", FULL_TEXT))
    assert len(base64.b64decode(chosen["data"])) == 2 * len(FULL_TEXT.encode()) + MAX_BYTES + 1
    view = call(op="team", lang="en", **chosen)["result"]
    assert view["plans"] == 2
    assert [e["name"] for e in view["errors"]] == ["huge.json"]


# The boundary ----------------------------------------------------------------------


def test_half_a_character_from_the_page_is_saved_as_the_browser_saves_it() -> None:
    """A page's text can hold a lone surrogate (JSON.stringify escapes it); no file can."""
    state = {**FORM_STATE, "summary": "Halv \ud800 text"}
    reply = handle(json.dumps({"op": "export", "format": "json", "state": state}))
    reply.encode("utf-8")  # the worker hands it to JavaScript as a string: it must encode
    assert json.loads(json.loads(reply)["result"]["download"]["text"])["summary"] == "Halv \ufffd text"


def test_an_unknown_operation_is_a_bug_not_silence() -> None:
    with pytest.raises(ValueError, match="unknown operation"):
        handle(json.dumps({"op": "delete_everything"}))


# The plan through the year (issue 15) -----------------------------------------------

LAST_YEAR = (FIXTURES / "documents" / "full.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_print_gives_the_document_and_asks_as_a_download_does(lang: str) -> None:
    reply = call(op="export", format="print", state=FORM_STATE, lang=lang)["result"]
    assert "download" not in reply
    assert reply["print"]["html"].startswith(f'<article class="sp-doc" lang="{lang}">')
    assert reply["print"]["title"] == "samtalsplan-2026-12-03-åsa-öberg"
    assert FULL_STATE["agreement"]["fingerprint"] in reply["print"]["html"], "sealed, as the saved file is"
    assert reply["confirm"] is None
    sick = {**FORM_STATE, "summary": "Hen är sjukskriven"}
    assert call(op="export", format="print", state=sick)["result"]["confirm"]["heading"] == "Känsliga personuppgifter?"


def test_the_standalone_copy_is_a_download_that_does_not_count_as_saved() -> None:
    reply = call(op="export", format="html", state=FORM_STATE, lang="sv")["result"]
    assert reply["download"]["filename"] == "samtalsplan-2026-12-03-åsa-öberg.html"
    assert reply["download"]["mime"] == "text/html"
    assert reply["download"]["text"].startswith('<!DOCTYPE html>\n<html lang="sv">')
    assert reply["saved"] is False


def test_a_new_plan_starts_from_last_years_file_with_proposals_marked() -> None:
    reply = call(op="start_from_last_year", state=EMPTY_FORM, lang="sv", **files(("2026.json", LAST_YEAR)))["result"]
    assert reply["base"] is None, "nothing of last year's file stays under the new plan"
    assert reply["proposals"] == ["goals[0]"]
    assert reply["proposal"] == "Förslag från förra årets plan"
    assert reply["message"] == (
        "En ny plan är startad från 2026.json. Tillbakablicken visar hur det gick. Skriv datumet för årets "
        "samtal. 1 mål eller åtgärd som inte blev klar är tillagd som förslag."
    )
    assert reply["confirm"] is None, "the form held nothing"
    state = reply["state"]
    assert state["talk"] == {"employee": "Åsa Öberg", "manager": "Karin Lund", "date": "", "unit": "Kundtjänst, teamledare"}
    assert [g["goal"] for g in state["look_back"]["goals"]] == ["Korta svarstiderna i kundtjänsten", "Leda teamets veckomöten"]
    assert state["check_ins"] == [] and state["agreement"]["fingerprint"] == ""
    assert reply["feedback"]["problems"] == [] and reply["feedback"]["fields"] == []
    # Over a form with typed text it asks first; the preparation still goes on top.
    typed = {**EMPTY_FORM, "summary": "Skrivet"}
    assert call(op="start_from_last_year", state=typed, **files(("2026.json", LAST_YEAR)))["result"]["confirm"]
    prepared = call(op="prepare", state=PREPARATION)["result"]["download"]["text"]
    merged = call(op="import_preparation", state=state, **files(("f.json", prepared)))["result"]
    assert merged["proposals"][:1] == ["goals[1]"] and merged["state"]["look_back"] == state["look_back"]


def test_agreed_changes_become_proposed_actions_once() -> None:
    reply = call(op="changes_to_actions", state=FORM_STATE, lang="sv")["result"]
    assert reply["proposals"] == ["actions[2]", "actions[3]"]
    assert [a["what"] for a in reply["state"]["actions"][2:]] == ["Två fasta fokustimmar i veckan", "Gå igenom bemanningen inför juni"]
    assert reply["message"].startswith("2 förändringar är tillagda i handlingsplanen och märkta som förslag.")
    assert reply["proposal"] == "Förslag från arbetsmiljön"
    again = call(op="changes_to_actions", state=reply["state"], lang="sv")["result"]
    assert again["proposals"] == [] and again["message"] == "Alla förändringar finns redan i handlingsplanen."


def test_the_preparations_fourth_question_joins_the_work_environment() -> None:
    prepared = call(op="prepare", state={**PREPARATION, "workload": ["För många möten", "Mycket att göra i december och juni."]})
    text = prepared["result"]["download"]["text"]
    assert json.loads(text)["version"] == 2
    merged = call(op="import_preparation", state=FORM_STATE, **files(("f.json", text)))["result"]
    assert merged["proposals"][-1] == "work_environment.workload"
    assert merged["state"]["work_environment"]["workload"] == (
        FORM_STATE["work_environment"]["workload"] + "\nFör många möten"
    ), "added as a line of its own; a line it holds already is not added twice"


def test_a_second_check_in_starts_from_the_first_with_owner_and_due_date_beside_each_action() -> None:
    started = call(op="check_in_start", today="2027-03-10", **files(("full.json", FULL_TEXT)))["result"]
    assert started["details"][2:] == [
        {"path": "check_in.statuses[0]", "text": "Ansvarig: Medarbetaren · Senast: 2027-01-15"},
        {"path": "check_in.statuses[1]", "text": "Ansvarig: Chefen · Senast: 2026-12-20"},
    ]
    check_in = started["check_in"]
    check_in["goals"][1].update(status="changed", note="Varannan vecka")
    check_in["statuses"][1].update(status="ongoing", note="Väntar på IT")
    saved = call(op="check_in_save", plan=started["plan"], state=check_in, format="json")["result"]
    second = call(op="check_in_start", today="2027-06-10", **files(("p.json", saved["download"]["text"])))["result"]
    assert second["check_in"]["goals"][1] == {"goal": "Leda teamets veckomöten", "status": "changed", "note": "Varannan vecka"}
    assert second["check_in"]["statuses"][1]["note"] == "Väntar på IT"
    assert second["message"].endswith("så ändra bara det som har hänt.")


def test_a_check_in_dated_before_the_talk_or_the_last_one_says_so_beside_its_date() -> None:
    started = call(op="check_in_start", today="2027-03-10", **files(("full.json", FULL_TEXT)))["result"]
    early = {**started["check_in"], "date": "2026-11-01"}
    quiet = call(op="check_in_check", plan=started["plan"], state=early, today="2027-03-10")["result"]
    assert quiet["feedback"]["fields"] == [], "not before the person has been there"
    shown = call(op="check_in_check", plan=started["plan"], state=early, today="2027-03-10", touched=["check_in.date"])
    assert shown["result"]["feedback"]["fields"] == [{
        "path": "check_in.date",
        "error": "",
        "advice": [{
            "severity": "warning",
            "label": "Att tänka på",
            "message": "Uppföljningen (2026-11-01) är före samtalet (2026-12-03). En uppföljning kommer efter "
            "samtalet. Kontrollera datumet.",
        }],
    }]
    saved = call(op="check_in_save", plan=started["plan"], state={**started["check_in"], "next_date": "2027-01-01"},
                 format="json", today="2027-03-10")["result"]
    assert [f["path"] for f in saved["feedback"]["fields"]] == ["check_in.next_date"], "saving shows all"
    plan = json.loads(saved["download"]["text"])
    before = {**started["check_in"], "date": "2027-02-01", "next_date": ""}
    view = call(op="check_in_check", plan={k: v for k, v in plan.items() if k not in ("format", "version")},
                state=before, today="2027-03-10", reveal=True)["result"]["feedback"]
    assert [a["text"] for a in view["advice"]] == [
        "Att tänka på: Uppföljning 2: Uppföljningen (2027-02-01) är före den förra uppföljningen (2027-03-10). "
        "Kontrollera datumet."
    ]
