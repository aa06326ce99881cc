"""The versioned JSON format: lossless round trips, and clear errors for bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samtalsplan import (
    Action,
    Conditions,
    Development,
    DevelopmentKind,
    FollowUp,
    Goal,
    Obstacle,
    Owner,
    Plan,
    PlanFormatError,
    Talk,
    from_dict,
    parse,
    serialize,
    to_dict,
)

FULL = Path(__file__).parent / "fixtures" / "valid" / "full.json"

text = st.text()
dates = st.one_of(st.just(""), st.dates().map(lambda d: d.isoformat()), text)
owners = st.none() | st.sampled_from(Owner)
plans = st.builds(
    Plan,
    talk=st.builds(Talk, employee=text, manager=text, date=dates, unit=text),
    goals=st.lists(
        st.builds(
            Goal,
            title=text,
            organisation_link=text,
            why=text,
            steps=st.lists(text).map(tuple),
            measure=text,
        )
    ).map(tuple),
    development=st.lists(
        st.builds(
            Development, kind=st.none() | st.sampled_from(DevelopmentKind), what=text, when=text
        )
    ).map(tuple),
    conditions=st.builds(
        Conditions,
        obstacles=st.lists(st.builds(Obstacle, obstacle=text, need=text, owner=owners)).map(tuple),
        manager_commitment=text,
    ),
    actions=st.lists(st.builds(Action, what=text, owner=owners, due=dates)).map(tuple),
    follow_up=st.builds(FollowUp, date=dates),
    summary=text,
)


@given(plans)
def test_parse_serialize_round_trip(plan: Plan) -> None:
    assert parse(serialize(plan)) == plan


@given(plans)
def test_form_state_round_trip(plan: Plan) -> None:
    assert from_dict(json.loads(json.dumps(to_dict(plan)))) == plan


def test_file_is_versioned_and_readable() -> None:
    document = json.loads(serialize(parse(FULL.read_text(encoding="utf-8"))))
    assert document["format"] == "samtalsplan"
    assert document["version"] == 1
    assert document["talk"]["employee"] == "Åsa Öberg"
    assert "Åsa" in serialize(Plan(talk=Talk(employee="Åsa"))), (
        "non-ASCII stays readable, not \\u-escaped"
    )


def test_the_form_sends_empty_choices_as_empty_strings() -> None:
    plan = from_dict({"actions": [{"what": "Ring", "owner": "", "due": ""}]})
    assert plan.actions[0].owner is None
    assert to_dict(plan)["actions"][0]["owner"] is None


def test_absent_fields_take_their_defaults() -> None:
    assert parse('{"format": "samtalsplan", "version": 1}') == Plan()


@pytest.mark.parametrize(
    ("content", "key", "path"),
    [
        ("this is not json", "format.not_json", ""),
        ("", "format.not_json", ""),
        ("[1, 2]", "format.not_plan", ""),
        ('{"format": "other", "version": 1}', "format.not_plan", ""),
        ('{"format": "samtalsplan"}', "format.bad_version", ""),
        ('{"format": "samtalsplan", "version": "1"}', "format.bad_version", ""),
        ('{"format": "samtalsplan", "version": true}', "format.bad_version", ""),
        ('{"format": "samtalsplan", "version": 0}', "format.bad_version", ""),
        ('{"format": "samtalsplan", "version": 2}', "format.newer_version", ""),
        ('{"format": "samtalsplan", "version": 1, "talk": []}', "format.not_object", "talk"),
        (
            '{"format": "samtalsplan", "version": 1, "talk": {"employee": 7}}',
            "format.not_text",
            "talk.employee",
        ),
        ('{"format": "samtalsplan", "version": 1, "goals": {}}', "format.not_list", "goals"),
        (
            '{"format": "samtalsplan", "version": 1, "goals": [{"steps": [1]}]}',
            "format.not_text",
            "goals[0].steps[0]",
        ),
        (
            '{"format": "samtalsplan", "version": 1, "actions": [{"owner": "boss"}]}',
            "format.bad_choice",
            "actions[0].owner",
        ),
        (
            '{"format": "samtalsplan", "version": 1, "actions": [{"owner": ["x"]}]}',
            "format.bad_choice",
            "actions[0].owner",
        ),
        (
            '{"format": "samtalsplan", "version": 1, "conditions": {"obstacles": [3]}}',
            "format.not_object",
            "conditions.obstacles[0]",
        ),
        ("[" * 100_000, "format.not_json", ""),
    ],
)
def test_bad_files_raise_a_located_format_error(content: str, key: str, path: str) -> None:
    with pytest.raises(PlanFormatError) as raised:
        parse(content)
    assert (raised.value.key, raised.value.path) == (key, path)
    assert isinstance(raised.value, ValueError)


def test_format_errors_read_well_in_both_languages() -> None:
    with pytest.raises(PlanFormatError) as raised:
        parse('{"format": "samtalsplan", "version": 3}')
    assert raised.value.message("sv") == (
        "Filen är sparad med en nyare version av Samtalsplan (format 3). "
        "Be den som driftar webbplatsen att uppdatera den."
    )
    assert raised.value.message("en").startswith(
        "The file was saved by a newer version of Samtalsplan (format 3)."
    )
