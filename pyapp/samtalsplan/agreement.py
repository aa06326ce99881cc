"""The agreement: a fingerprint that shows whether an agreed plan has changed.

When both parties have given their names and the date they agreed, the plan is
sealed with the SHA-256 of its canonical JSON. Reading the file later, the
fingerprint is computed again: if it differs, the plan has been changed since
the agreement. It is tamper-evident, not tamper-proof: anyone can seal a plan
again by agreeing again (a new date of agreement).

Canonical JSON follows the idea of RFC 8785 (JSON Canonicalization Scheme) for
the values a plan holds (objects, arrays, strings, null): "sorted by key",
"no whitespace", strings as UTF-8 without escaping beyond what JSON requires.
The check-ins and the fingerprint itself are left out: a check-in records
progress on the agreed plan, it does not change it. So are the sections a
later format added (``LATER_SECTIONS``) while they are empty: a plan agreed
before they existed keeps its fingerprint when it is read as the new version.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from enum import StrEnum
from typing import Final

from .codec import to_dict
from .dates import add_months, parse_date
from .model import LookBack, Plan, WorkEnvironment
from .settings import Settings

PREFIX: Final = "sha256:"
# The sections format 3 added, each with its empty value.
LATER_SECTIONS: Final = {
    "look_back": to_dict(LookBack()),
    "work_environment": to_dict(WorkEnvironment()),
}


class AgreementStatus(StrEnum):
    NONE = "none"  # not (yet) agreed: no fingerprint
    AGREED = "agreed"  # the content is what was agreed
    CHANGED = "changed"  # the content changed after the agreement


def canonical_json(plan: Plan) -> bytes:
    """The agreed content of ``plan`` as canonical JSON, in UTF-8."""
    # Without its check-ins before it is written out, not after: the team view
    # computes this for every plan, and a plan late in its year holds several.
    content = to_dict(replace(plan, check_ins=()) if plan.check_ins else plan)
    del content["check_ins"]
    content["agreement"].pop("fingerprint")
    for name, empty in LATER_SECTIONS.items():
        if content[name] == empty:
            del content[name]
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def fingerprint(plan: Plan) -> str:
    """``sha256:`` and the hex SHA-256 of the plan's canonical JSON."""
    return PREFIX + hashlib.sha256(canonical_json(plan)).hexdigest()


def is_agreed(plan: Plan) -> bool:
    """Both names and a real date of agreement are given."""
    a = plan.agreement
    return bool(a.employee.strip() and a.manager.strip() and parse_date(a.date))


def status(plan: Plan) -> AgreementStatus:
    if not plan.agreement.fingerprint:
        return AgreementStatus.NONE
    if plan.agreement.fingerprint == fingerprint(plan):
        return AgreementStatus.AGREED
    return AgreementStatus.CHANGED


def seal(plan: Plan, previous: Plan | None = None, settings: Settings | None = None) -> Plan:
    """The plan as it is saved: its retention date set, and sealed if agreed.

    A plan is sealed when first agreed, or agreed again (``previous``, the plan
    as opened, had other names or another date of agreement). A sealed plan
    whose content changed keeps its old fingerprint, so the change shows.
    """
    settings = settings or Settings()
    agreement = plan.agreement
    talk_date = parse_date(plan.talk.date)
    if not agreement.keep_until.strip() and settings.retention_months and talk_date:
        keep_until = add_months(talk_date, settings.retention_months).isoformat()
        agreement = replace(agreement, keep_until=keep_until)
    if not is_agreed(plan):
        agreement = replace(agreement, fingerprint="")
    else:
        before = previous.agreement if previous else None
        again = before is not None and (before.employee, before.manager, before.date) != (
            agreement.employee,
            agreement.manager,
            agreement.date,
        )
        if not agreement.fingerprint or again:
            agreement = replace(
                agreement, fingerprint=fingerprint(replace(plan, agreement=agreement))
            )
    return replace(plan, agreement=agreement)
