"""The one entry point the browser's worker calls: JSON text in, JSON text out.

A request is ``{"op": ..., "lang": "sv", ...}``, optionally with the
organisation's ``settings`` (``extra.samtalsplan``) and ``today`` (an ISO
date; tests pin it, the page leaves it out). The reply is
``{"result": ...}`` or ``{"error": {"key", "path", "message"}}``. Only JSON
strings cross the boundary between JavaScript and Python, so nothing needs
converting and nothing is shared.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from .advice import advise, sensitive_words
from .fields import texts as free_texts
from .agreement import seal, status
from .codec import build, from_dict, parse, read, serialize, to_dict
from .dates import parse_date
from .errors import PlanError
from .filename import download_name, slug
from .follow_up import progress, record_check_in, start_check_in
from .i18n import language, translate
from .ics import render_ics
from .markdown import render_markdown
from .model import CheckIn, Plan
from .preparation import (
    merge_preparation,
    parse_preparation,
    preparation_from_dict,
    serialize_preparation,
)
from .settings import Settings
from .team import render_team_csv, render_team_markdown, summarize, team_tables
from .validation import validate

_Handler = Callable[[dict[str, Any], str], dict[str, Any]]


def merge(base: Any, state: Any) -> Any:
    """The form's ``state`` laid over ``base``, the plan as opened: what the form
    does not edit (check-ins, the fingerprint) is kept from the file."""
    if isinstance(base, dict) and isinstance(state, dict):
        return {**base, **{k: merge(base.get(k), v) for k, v in state.items()}}
    return state


def _plan(request: dict[str, Any]) -> Plan:
    base = request.get("base")
    return from_dict(merge(base, request["state"]) if base else request["state"])


def _settings(request: dict[str, Any]) -> Settings:
    return Settings.from_dict(request.get("settings"))


def _problems(plan: Plan, lang: str) -> list[dict[str, str]]:
    return [{"path": p.path, "key": p.key, "message": p.message} for p in validate(plan, lang)]


def _advice(plan: Plan, request: dict[str, Any], lang: str) -> list[dict[str, str]]:
    today = parse_date(request.get("today") or "")
    return [
        {"id": h.id, "severity": h.severity.value, "path": h.path, "message": h.message}
        for h in advise(plan, lang, _settings(request), today)
    ]


def _check(request: dict[str, Any], lang: str) -> dict[str, Any]:
    """Validate the form's state (over ``base``, the plan as opened), and advise on it."""
    plan = _plan(request)
    return {"problems": _problems(plan, lang), "advice": _advice(plan, request, lang)}


def _export(request: dict[str, Any], lang: str) -> dict[str, Any]:
    """A download of the form's state: ``format`` is ``json``, ``markdown`` or
    ``ics`` (the next check-in as a calendar event).
    The plan is sealed first if both parties have agreed (see agreement.seal)."""
    base = request.get("base")
    plan = seal(_plan(request), from_dict(base) if base else None, _settings(request))
    if request["format"] == "json":
        text, extension, mime = serialize(plan), "json", "application/json"
    elif request["format"] == "markdown":
        text, extension, mime = render_markdown(plan, lang), "md", "text/markdown"
    elif request["format"] == "ics":
        text, extension, mime = render_ics(plan, lang), "ics", "text/calendar"
    else:
        raise ValueError(f"unknown export format {request['format']!r}")
    return {
        "text": text,
        "filename": download_name(plan, extension),
        "mime": mime,
        "state": to_dict(plan),
        "problems": _problems(plan, lang),
        "advice": _advice(plan, request, lang),
    }


def _open(request: dict[str, Any], lang: str) -> dict[str, Any]:
    """Read a saved plan file (of any version) into the form's state. ``agreement``
    says whether it is agreed, and whether it changed since; ``version`` is the
    file's format version before migration."""
    plan, version = read(request["text"])
    return {"state": to_dict(plan), "agreement": status(plan).value, "version": version}


def _today(request: dict[str, Any]) -> date:
    return parse_date(request.get("today") or "") or date.today()


def _download(text: str, filename: str, mime: str) -> dict[str, Any]:
    return {"text": text, "filename": filename, "mime": mime}


def _prepare(request: dict[str, Any], lang: str) -> dict[str, Any]:
    """The employee's preparation (the preparation page's form) as a file to download."""
    preparation = preparation_from_dict(request["state"])
    name = "-".join(
        p for p in ["forberedelse", slug(preparation.date), slug(preparation.employee)] if p
    )
    advice = [
        {
            "id": "special_category",
            "severity": "error",
            "path": path,
            "message": translate("advice.special_category", lang, words=", ".join(words)),
        }
        for path, text in free_texts(preparation)
        if (words := sensitive_words(text))
    ]
    return {
        **_download(serialize_preparation(preparation), f"{name}.json", "application/json"),
        "advice": advice,
    }


def _import_preparation(request: dict[str, Any], lang: str) -> dict[str, Any]:
    """Merge a preparation file into the planner's state, as the employee's proposals."""
    merged = merge_preparation(_plan(request), parse_preparation(request["text"]))
    return {
        "state": to_dict(merged.plan),
        "added": {
            "goals": list(merged.goals),
            "development": list(merged.development),
            "obstacles": list(merged.obstacles),
        },
    }


def _check_in_start(request: dict[str, Any], lang: str) -> dict[str, Any]:
    """Open a saved plan on the follow-up page: a new check-in, and the history so far."""
    plan, version = read(request["text"])
    return {
        "plan": to_dict(plan),
        "check_in": to_dict(start_check_in(plan, _today(request), _settings(request))),
        "history": [
            translate(
                "md.check_in_progress",
                lang,
                date=p.date or translate("md.not_set", lang),
                done=p.done,
                ongoing=p.ongoing,
                total=p.total,
            )
            for p in progress(plan)
        ],
        "employee": plan.talk.employee,
        "agreement": status(plan).value,
        "version": version,
    }


def _check_in_save(request: dict[str, Any], lang: str) -> dict[str, Any]:
    """The plan with the new check-in added, as JSON or Markdown."""
    plan = record_check_in(from_dict(request["base"]), build(CheckIn, request["state"]))
    return _export(
        {
            "format": request["format"],
            "state": to_dict(plan),
            "settings": request.get("settings"),
            "today": request.get("today"),
        },
        lang,
    )


def _team(request: dict[str, Any], lang: str) -> dict[str, Any]:
    """Many plan files at once: the team view as tables, or as CSV or Markdown to download.
    A file that is no plan is named in ``errors`` and left out, not fatal."""
    plans, errors = [], []
    for file in request["files"]:
        try:
            plans.append(parse(file["text"]))
        except PlanError as error:
            errors.append({"name": file["name"], "message": error.message(lang)})
    summary = summarize(plans, _today(request))
    result: dict[str, Any] = {"plans": len(plans), "errors": errors}
    if request.get("format") == "csv":
        result.update(_download(render_team_csv(summary, lang), "team.csv", "text/csv"))
    elif request.get("format") == "markdown":
        result.update(_download(render_team_markdown(summary, lang), "team.md", "text/markdown"))
    else:
        result["tables"] = team_tables(summary, lang)
    return result


OPERATIONS: dict[str, _Handler] = {
    "check": _check,
    "export": _export,
    "open": _open,
    "prepare": _prepare,
    "import_preparation": _import_preparation,
    "check_in_start": _check_in_start,
    "check_in_save": _check_in_save,
    "team": _team,
}


def handle(request_json: str) -> str:
    """Answer one request. Plan errors come back as data, with a message in the
    request's language; anything else is a bug and propagates to the worker."""
    request = json.loads(request_json)
    lang = language(request.get("lang"))
    operation = OPERATIONS.get(request.get("op", ""))
    if operation is None:
        raise ValueError(f"unknown operation {request.get('op')!r}")
    try:
        reply: dict[str, Any] = {"result": operation(request, lang)}
    except PlanError as error:
        reply = {"error": {"key": error.key, "path": error.path, "message": error.message(lang)}}
    return json.dumps(reply, ensure_ascii=False)
