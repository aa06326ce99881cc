from __future__ import annotations

import pytest

from samtalsplan import Plan, Talk
from samtalsplan.filename import download_name, slug


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Åsa Öberg", "åsa-öberg"),
        ("  ../../etc/passwd  ", "etc-passwd"),
        ('CON: "a" <b> |c| ?*', "con-a-b-c"),
        ("Anna_Maria\tLind\n", "anna-maria-lind"),
        ("x" * 100, "x" * 60),
        ("", ""),
    ],
)
def test_slug_is_safe_on_every_file_system(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_download_name_has_date_and_employee() -> None:
    plan = Plan(talk=Talk(employee="Bo Ek", date="2026-12-01"))
    assert download_name(plan, "md") == "samtalsplan-2026-12-01-bo-ek.md"
    assert download_name(Plan(), "json") == "samtalsplan.json"
