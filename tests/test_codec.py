"""The versioned JSON format: lossless round trips, and clear errors for bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samtalsplan import (
    VERSION,
    Action,
    ActionStatus,
    Agreement,
    CheckIn,
    Conditions,
    Development,
    DevelopmentKind,
    FollowUp,
    Goal,
    GoalProgress,
    GoalStatus,
    LookBack,
    Obstacle,
    Owner,
    Plan,
    PlanFormatError,
    Status,
    Talk,
    WorkEnvironment,
    from_dict,
    parse,
    read_plan,
    serialize,
    to_dict,
)

FULL = Path(__file__).parent / "fixtures" / "valid" / "full.json"

text = st.text()
dates = st.one_of(st.just(""), st.dates().map(lambda d: d.isoformat()), text)
owners = st.none() | st.sampled_from(Owner)
action_lines = st.lists(
    st.builds(ActionStatus, action=text, status=st.none() | st.sampled_from(Status), note=text)
).map(tuple)
goal_lines = st.lists(
    st.builds(GoalStatus, goal=text, status=st.none() | st.sampled_from(GoalProgress), note=text)
).map(tuple)
plans = st.builds(
    Plan,
    talk=st.builds(Talk, employee=text, manager=text, date=dates, unit=text),
    look_back=st.builds(LookBack, goals=goal_lines, actions=action_lines, note=text),
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
    work_environment=st.builds(
        WorkEnvironment, workload=text, energy=text, helps=text, changes=st.lists(text).map(tuple)
    ),
    actions=st.lists(st.builds(Action, what=text, owner=owners, due=dates)).map(tuple),
    follow_up=st.builds(FollowUp, date=dates),
    summary=text,
    agreement=st.builds(Agreement, employee=text, manager=text, date=dates, keep_until=dates, fingerprint=text),
    check_ins=st.lists(
        st.builds(
            CheckIn,
            date=dates,
            goals=goal_lines,
            statuses=action_lines,
            note=text,
            next_date=dates,
        )
    ).map(tuple),
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
    assert document["version"] == 3
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
        ("[1, 2]", "format.not_ours", ""),
        ('{"format": "other", "version": 1}', "format.not_ours", ""),
        ('{"format": "samtalsplan"}', "format.bad_version", ""),
        ('{"format": "samtalsplan", "version": "1"}', "format.bad_version", ""),
        ('{"format": "samtalsplan", "version": true}', "format.bad_version", ""),
        ('{"format": "samtalsplan", "version": 0}', "format.bad_version", ""),
        ('{"format": "samtalsplan", "version": 4}', "format.newer_version", ""),
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
        parse('{"format": "samtalsplan", "version": 4}')
    assert raised.value.message("sv") == (
        "Filen är sparad med en nyare version av Samtalsplan (format 4) än den här webbplatsen kan läsa "
        "(format 3). Be den som driftar webbplatsen att uppdatera den, eller öppna filen där den sparades."
    )
    assert raised.value.message("en").startswith(
        "The file was saved by a newer version of Samtalsplan (format 4) than this site can read (format 3)."
    )


VERSIONS = Path(__file__).parent / "fixtures" / "versions"


@pytest.mark.parametrize(
    "case",
    sorted(p for p in VERSIONS.glob("*.json") if not p.name.endswith(".expected.json")),
    ids=lambda p: p.stem,
)
def test_every_version_reads_as_the_current_one_or_is_refused_clearly(case: Path) -> None:
    """A file of each format version, and beside it the current-version file it
    becomes (or, for a newer version, the error it gets)."""
    expected = case.with_suffix(".expected.json").read_text(encoding="utf-8")
    if '"error"' in expected:
        error = json.loads(expected)
        with pytest.raises(PlanFormatError) as raised:
            parse(case.read_text(encoding="utf-8"))
        assert (raised.value.key, raised.value.message("sv")) == (error["error"], error["message"])
    else:
        plan, version = read_plan(case.read_text(encoding="utf-8"))
        assert serialize(plan) == expected
        assert version == json.loads(case.read_text(encoding="utf-8"))["version"]


def test_every_older_version_has_a_migration_and_a_fixture() -> None:
    from samtalsplan.codec import MIGRATIONS

    assert sorted(MIGRATIONS) == list(range(1, VERSION))
    for version in range(1, VERSION + 1):
        assert list(VERSIONS.glob(f"v{version}*.json")), version


def test_a_plan_agreed_in_format_2_is_still_agreed_when_read_as_format_3() -> None:
    from samtalsplan.agreement import AgreementStatus, status

    plan, version = read_plan((VERSIONS / "v2-check-ins.json").read_text(encoding="utf-8"))
    assert version == 2 and plan.work_environment == WorkEnvironment() and plan.look_back == LookBack()
    assert status(plan) is AgreementStatus.AGREED, "the empty new sections are no change"
    changed = Plan(**{**{f: getattr(plan, f) for f in plan.__dataclass_fields__},
                      "work_environment": WorkEnvironment(workload="Mycket")})
    assert status(changed) is AgreementStatus.CHANGED, "writing in them after the agreement is"


PREPARATIONS = VERSIONS / "preparation"


@pytest.mark.parametrize("case", sorted(PREPARATIONS.glob("v[0-9].json")), ids=lambda p: p.stem)
def test_every_preparation_version_reads_as_the_current_one(case: Path) -> None:
    from samtalsplan.files import read_preparation
    from samtalsplan.preparation import serialize_preparation

    preparation, version = read_preparation(case.read_text(encoding="utf-8"))
    assert serialize_preparation(preparation) == case.with_suffix(".expected.json").read_text(encoding="utf-8")
    assert version == json.loads(case.read_text(encoding="utf-8"))["version"]


def test_every_older_preparation_version_has_a_migration_and_a_fixture() -> None:
    from samtalsplan.preparation import MIGRATIONS
    from samtalsplan.preparation import VERSION as PREPARATION_VERSION

    assert sorted(MIGRATIONS) == list(range(1, PREPARATION_VERSION))
    for version in range(1, PREPARATION_VERSION + 1):
        assert (PREPARATIONS / f"v{version}.json").is_file(), version
