"""The one entry point the browser's worker calls: JSON text in, JSON text out.

A request is ``{"op": ..., "lang": "sv", ...}``, optionally with the
organisation's ``settings`` (``extra.samtalsplan``) and ``today`` (an ISO
date: the page sends the person's date by its clock, which tests pin). The
reply is ``{"result": ...}`` or ``{"error": {"key", "path", "message"}}``; an
error's message is for the page's message line, as it is.

The reply says what the page must do; the page decides nothing from the shape
of the data. What shows beside each field and in the summaries
(``feedback``), the message after a step (``message``), a question to ask
before going on (``confirm``: the same rule on every page), whether a download
counts as saved (``saved``), the proposals to mark (``proposals``, with the
badge's words in ``proposal``), a document to print (``print``: the plan as
HTML for the page's print container, and the title a PDF of it takes), what
shows beside a check-in's lines (``details``).

A download comes as ``download: {text | base64, filename, mime}`` (``base64``
for a binary file, the workbook); ``NEEDS`` names the extra wheels a format
needs in the browser.

Chosen files come as ``{"files": [{"name", "size", "length"}], "data": base64}``:
the bytes of every file one after the other (``length`` of each, no more
than the reader's limit and a byte), and each file's whole ``size``. The one
reader (``samtalsplan.files``) decides what each is.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from .advice import advise, sensitive_words
from .agreement import AgreementStatus, seal, status
from .codec import VERSION, build, from_dict, serialize, to_dict
from .dates import parse_date
from .document import document_title, render_document, render_html
from .errors import PlanError
from .feedback import feedback
from .fields import texts, walk
from .filename import download_name, slug
from .files import HALF_CHARACTER, read_plan, read_preparation
from .follow_up import details, progress, record_check_in, start_check_in
from .form import field_name
from .i18n import language, plural, translate
from .ics import render_ics
from .markdown import render_markdown
from .model import Action, CheckIn, Plan, Preparation
from .next_year import start_next_plan
from .preparation import add_items, merge_preparation, preparation_from_dict, serialize_preparation
from .settings import Settings
from .team import (
    employee_name,
    export_name,
    exported_texts,
    render_team_csv,
    render_team_markdown,
    summarize,
    team_tables,
)
from .validation import validate
from .workbook import MIME as XLSX_MIME
from .workbook import NEEDS as WORKBOOK_NEEDS
from .workbook import render_team_xlsx

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


def _today(request: dict[str, Any]) -> date:
    return parse_date(request.get("today") or "") or date.today()


def _feedback(plan: Plan, request: dict[str, Any], lang: str, reveal: bool = False) -> dict[str, Any]:
    return feedback(
        plan,
        validate(plan, lang),
        advise(plan, lang, _settings(request), _today(request)),
        lang,
        touched=request.get("touched") or (),
        reveal=reveal or bool(request.get("reveal")),
    )


# Files -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Upload:
    name: str
    size: int
    data: bytes


def _uploads(request: dict[str, Any]) -> list[Upload]:
    """The chosen files of a request, each with (at most the start of) its bytes."""
    try:
        data = base64.b64decode(request.get("data", ""), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("the page sent files that are not base64") from None
    uploads, offset = [], 0
    for file in request.get("files", []):
        length = int(file["length"])
        uploads.append(Upload(str(file["name"]), int(file["size"]), data[offset : offset + length]))
        offset += length
    return uploads


def _one_upload(request: dict[str, Any]) -> Upload:
    (upload,) = _uploads(request)
    return upload


class FileRefused(PlanError):
    """A chosen file the reader refused; the message names the file and the
    page's state ("the form is unchanged")."""

    def __init__(self, name: str, error: PlanError, key: str = "ui.open_failed") -> None:
        self.reason = error
        super().__init__(key, filename=name)

    def message(self, lang: str = "sv") -> str:
        return translate(self.key, lang, filename=self.params["filename"], message=self.reason.message(lang))


def _read(upload: Upload, reader: Callable[[bytes, int], Any]) -> Any:
    try:
        return reader(upload.data, upload.size)
    except PlanError as error:
        raise FileRefused(upload.name, error) from None


# Questions before going on ------------------------------------------------------


def _confirm(key: str, lang: str, items: list[str] | None = None) -> dict[str, Any]:
    """A question the page asks in its dialog: heading, text, the items it concerns,
    the two answers, and what to say if the person turns back."""
    return {
        "heading": translate(f"{key}.heading", lang),
        "text": translate(f"{key}.text", lang),
        "items": items or [],
        "proceed": translate(f"{key}.proceed", lang),
        "cancel": translate(f"{key}.cancel", lang),
        "cancelled": translate(f"{key}.cancelled", lang),
    }


def sensitive(obj: Plan | Preparation, lang: str) -> dict[str, Any] | None:
    """Asked before any file leaves the browser, on every page: the texts that may
    hold special-category personal data (health, union membership, religion …),
    each named where a person typed it."""
    return _sensitive(((field_name(path, lang, type(obj)), text) for path, text in texts(obj)), lang)


def _sensitive(named: Iterable[tuple[str, str]], lang: str) -> dict[str, Any] | None:
    items = [
        f"{where}: " + translate("advice.special_category", lang, words=", ".join(words))
        for where, text in named
        if (words := sensitive_words(text))
    ]
    return _confirm("confirm.sensitive", lang, items) if items else None


def _replaces(current: Any, before: Any, lang: str) -> dict[str, Any] | None:
    """Asked before a file replaces a form that holds something the person typed
    or chose (and that is not just what was opened before, unchanged)."""
    if current is None or current == before or not _has_content(current):
        return None
    return _confirm("confirm.replace", lang)


def _has_content(obj: Any) -> bool:
    return any(
        (isinstance(value, str) and value.strip()) or (f.shape == "choice" and value is not None)
        for _, f, value in walk(obj)
        if f is not None
    )


def _download(
    content: str | bytes, filename: str, mime: str, lang: str, saved: bool = False
) -> dict[str, Any]:
    """A file for the page to save: text as it is, bytes (a workbook) as base64."""
    body = (
        {"text": content}
        if isinstance(content, str)
        else {"base64": base64.b64encode(content).decode("ascii")}
    )
    return {
        "download": {**body, "filename": filename, "mime": mime},
        "saved": saved,  # only a JSON file can be opened again
        "message": translate("ui.downloaded", lang, filename=filename),
    }


# The planner ----------------------------------------------------------------------


def _check(request: dict[str, Any], lang: str) -> dict[str, Any]:
    """What the planner shows for the form's state (over ``base``, the plan as opened)."""
    return {"feedback": _feedback(_plan(request), request, lang)}


def _export(request: dict[str, Any], lang: str) -> dict[str, Any]:
    """A download of the plan: ``format`` is ``json``, ``markdown``, ``html`` (the
    plan as a standalone document) or ``ics`` (the next check-in as a calendar
    event); or ``print``, the plan as a document for the page to print. The plan
    is sealed first if both parties have agreed (see agreement.seal), so the
    printed fingerprint is the saved one's; ``base`` is the plan as saved."""
    base = request.get("base")
    plan = seal(_plan(request), from_dict(base) if base else None, _settings(request))
    fmt = request["format"]
    if fmt == "print":
        return {
            "print": {"html": render_document(plan, lang), "title": document_title(plan)},
            "message": translate("ui.printing", lang),
            "confirm": sensitive(plan, lang),
            "feedback": _feedback(plan, request, lang, reveal=True),
            "base": base,
        }
    if fmt == "json":
        text, extension, mime = serialize(plan), "json", "application/json"
    elif fmt == "markdown":
        text, extension, mime = render_markdown(plan, lang), "md", "text/markdown"
    elif fmt == "html":
        text, extension, mime = render_html(plan, lang), "html", "text/html"
    elif fmt == "ics":
        text, extension, mime = render_ics(plan, lang), "ics", "text/calendar"
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    reply = _download(text, download_name(plan, extension), mime, lang, saved=fmt == "json")
    view = _feedback(plan, request, lang, reveal=True)
    if view["problems"]:
        reply["message"] = plural(
            "ui.downloaded_with_problems", len(view["problems"]), lang, filename=reply["download"]["filename"]
        )
    return {
        **reply,
        "confirm": sensitive(plan, lang),
        "feedback": view,
        "base": to_dict(plan) if fmt == "json" else base,
    }


def _opened_message(name: str, plan: Plan, version: int, lang: str) -> str:
    agreement = status(plan)
    parts = [
        translate("ui.opened", lang, filename=name),
        translate("ui.opened_agreed", lang) if agreement is AgreementStatus.AGREED else "",
        translate("ui.opened_changed", lang) if agreement is AgreementStatus.CHANGED else "",
        translate("ui.opened_migrated", lang, version=version) if version < VERSION else "",
    ]
    return " ".join(part for part in parts if part)


def _open(request: dict[str, Any], lang: str) -> dict[str, Any]:
    """A saved plan file (of any version) for the planner: its state, which is
    also the new ``base``, what to say, and whether to ask before it replaces
    what the form holds."""
    upload = _one_upload(request)
    plan, version = _read(upload, read_plan)
    state = to_dict(plan)
    return {
        "state": state,
        "base": state,
        "message": _opened_message(upload.name, plan, version, lang),
        "confirm": _replaces(_form_plan(request), _base_plan(request), lang),
        "feedback": _feedback(plan, request, lang, reveal=True),
    }


def _form_plan(request: dict[str, Any]) -> Plan | None:
    """The plan the form holds now, if the page sent it."""
    return _plan(request) if request.get("state") is not None else None


def _base_plan(request: dict[str, Any]) -> Plan | None:
    base = request.get("base")
    return from_dict(base) if base else None


def _import_preparation(request: dict[str, Any], lang: str) -> dict[str, Any]:
    """The employee's preparation merged into the planner's state as proposals:
    nothing in the form is removed; ``proposals`` are the paths of the items it added."""
    upload = _one_upload(request)
    preparation, _ = _read(upload, read_preparation)
    merged = merge_preparation(_plan(request), preparation)
    proposals = [
        *(f"goals[{i}]" for i in merged.goals),
        *(f"development[{i}]" for i in merged.development),
        *(f"conditions.obstacles[{i}]" for i in merged.obstacles),
        *(["work_environment.workload"] if merged.workload else []),
    ]
    return {
        "state": to_dict(merged.plan),
        "proposals": proposals,
        "proposal": translate("ui.proposal", lang),
        "message": plural("ui.imported_preparation", len(proposals), lang, filename=upload.name),
        "feedback": _feedback(merged.plan, request, lang),
    }


def _start_from_last_year(request: dict[str, Any], lang: str) -> dict[str, Any]:
    """A new plan started from last year's plan file: its state (and no ``base``:
    nothing of last year's file is kept under it), the unfinished goals and
    actions as proposals, and whether to ask before it replaces the form."""
    upload = _one_upload(request)
    last, _ = _read(upload, read_plan)
    started = start_next_plan(last)
    proposals = [
        *(f"goals[{i}]" for i in started.goals),
        *(f"actions[{i}]" for i in started.actions),
    ]
    count = len(proposals)
    carried = (
        plural("ui.carried_over", count, lang) if count else translate("ui.carried_over.none", lang)
    )
    return {
        "state": to_dict(started.plan),
        "base": None,
        "proposals": proposals,
        "proposal": translate("ui.proposal_last_year", lang),
        "message": " ".join(
            (translate("ui.started_from_last_year", lang, filename=upload.name), carried)
        ),
        "confirm": _replaces(_form_plan(request), _base_plan(request), lang),
        "feedback": _feedback(started.plan, {**request, "touched": ()}, lang),
    }


def _changes_to_actions(request: dict[str, Any], lang: str) -> dict[str, Any]:
    """The work environment's agreed changes added to the action plan as proposals
    (a change the plan has as an action already, word for word, is not added again)."""
    plan = _plan(request)
    actions, added = add_items(
        plan.actions,
        plan.work_environment.changes,
        lambda text: Action(what=text),
        lambda action: action.what,
    )
    plan = replace(plan, actions=actions)
    return {
        "state": to_dict(plan),
        "proposals": [f"actions[{i}]" for i in added],
        "proposal": translate("ui.proposal_change", lang),
        "message": plural("ui.changes_added", len(added), lang)
        if added
        else translate("ui.changes_added.none", lang),
        "feedback": _feedback(plan, request, lang),
    }


# The employee's preparation ---------------------------------------------------------


def _prepare(request: dict[str, Any], lang: str) -> dict[str, Any]:
    """The employee's preparation (the preparation page's form) as a file to download."""
    preparation = preparation_from_dict(request["state"])
    name = "-".join(
        p for p in ["forberedelse", slug(preparation.date), slug(preparation.employee)] if p
    )
    return {
        **_download(serialize_preparation(preparation), f"{name}.json", "application/json", lang, saved=True),
        "confirm": sensitive(preparation, lang),
    }


# Follow-up --------------------------------------------------------------------------


def _check_in_start(request: dict[str, Any], lang: str) -> dict[str, Any]:
    """A saved plan opened on the follow-up page: a new check-in, the history so far,
    and whether to ask before it replaces a check-in being written."""
    upload = _one_upload(request)
    plan, version = _read(upload, read_plan)
    check_in = start_check_in(plan, _today(request), _settings(request))
    parts = [
        translate("ui.follow_up_opened", lang, filename=upload.name, employee=plan.talk.employee.strip()
                  or translate("md.not_set", lang)),
        translate("ui.opened_changed", lang) if status(plan) is AgreementStatus.CHANGED else "",
        translate("ui.opened_migrated", lang, version=version) if version < VERSION else "",
    ]
    if plan.check_ins:
        parts.append(translate("ui.follow_up_starts_from_last", lang))
    current = request.get("state")
    return {
        "plan": to_dict(plan),
        "check_in": to_dict(check_in),
        "details": details(plan, check_in, lang),
        "history": [
            plural(
                "md.check_in_progress",
                p.total,
                lang,
                date=p.date or translate("md.not_set", lang),
                done=p.done,
                ongoing=p.ongoing,
            )
            for p in progress(plan)
        ],
        "message": " ".join(part for part in parts if part),
        "confirm": _replaces(_check_in(current), _check_in(request.get("started")), lang),
    }


def _check_in(state: Any) -> CheckIn | None:
    """A check-in the page sent (being written, or as it was started), if any."""
    return build(CheckIn, state) if state else None


_CHECK_IN = "check_in"  # where the follow-up page's form holds the check-in


def _check_in_feedback(
    plan: Plan, request: dict[str, Any], lang: str, reveal: bool = False
) -> dict[str, Any]:
    """What the follow-up page shows beside the new check-in's fields: the plan's
    problems and advice about that check-in (the last of ``plan``'s), at the
    form's paths (``check_in.date`` for ``check_ins[2].date``)."""
    here = f"check_ins[{len(plan.check_ins) - 1}]"

    def ours(path: str) -> bool:
        return path == here or path.startswith((f"{here}.", f"{here}["))

    def to_form(path: str) -> str:
        return _CHECK_IN + path.removeprefix(here)

    touched = [
        here + t.removeprefix(_CHECK_IN)
        for t in request.get("touched") or ()
        if t.startswith(_CHECK_IN)
    ]
    view = feedback(
        plan,
        [p for p in validate(plan, lang) if ours(p.path)],
        [h for h in advise(plan, lang, _settings(request), _today(request)) if ours(h.path)],
        lang,
        touched=touched,
        reveal=reveal or bool(request.get("reveal")),
    )
    return {
        "fields": [{**f, "path": to_form(f["path"])} for f in view["fields"]],
        "problems": [{**p, "path": to_form(p["path"])} for p in view["problems"]],
        "advice": [{**a, "path": to_form(a["path"])} for a in view["advice"]],
    }


def _check_in_check(request: dict[str, Any], lang: str) -> dict[str, Any]:
    """What the follow-up page shows for the check-in being written."""
    plan = record_check_in(from_dict(request["plan"]), build(CheckIn, request["state"]))
    return {"feedback": _check_in_feedback(plan, request, lang)}


def _check_in_save(request: dict[str, Any], lang: str) -> dict[str, Any]:
    """The plan with the new check-in added: as JSON, Markdown, HTML or a calendar
    event to download, or as a document to print."""
    plan = record_check_in(from_dict(request["plan"]), build(CheckIn, request["state"]))
    reply = _export({**request, "state": to_dict(plan), "base": None, "touched": ()}, lang)
    keys = ("print",) if "print" in reply else ("download", "saved")
    return {
        **{key: reply[key] for key in (*keys, "message", "confirm")},
        "feedback": _check_in_feedback(plan, request, lang, reveal=True),
    }


# The team view ------------------------------------------------------------------------


def _team(request: dict[str, Any], lang: str) -> dict[str, Any]:
    """Many plan files at once: the team view as tables, or as a workbook, CSV or
    Markdown to download. The page keeps the chosen files and sends them all with
    every call; ``change`` says what the person just did, for the message:
    ``added`` (the names just chosen; ``replaced``: those of them that replaced a
    file of the same name) or ``removed``. A file that is no plan is named in
    ``errors`` and left out, not fatal; ``loaded`` lists every file, each with
    what it is and the label of its remove button."""
    plans, sources, errors, loaded = [], [], [], []
    for upload in _uploads(request):
        try:
            plan = read_plan(upload.data, upload.size)[0]
        except PlanError as error:
            errors.append({"name": upload.name, "message": error.message(lang)})
            loaded.append(_loaded(upload.name, translate("ui.team_file_refused", lang), lang))
            continue
        plans.append(plan)
        sources.append(upload.name)
        what = translate(
            "ui.team_file",
            lang,
            employee=employee_name(plan.talk.employee.strip(), lang),
            date=plan.talk.date.strip() or translate("md.not_set", lang),
        )
        loaded.append(_loaded(upload.name, what, lang))
    summary = summarize(plans, _today(request), sources)
    result: dict[str, Any] = {
        "plans": len(plans),
        "errors": errors,
        "loaded": loaded,
        "message": _team_message(request.get("change") or {}, len(plans), len(errors), lang),
    }
    fmt = request.get("format")
    if fmt == "xlsx":
        data = render_team_xlsx(summary, lang)
        result.update(_download(data, export_name(summary, "xlsx"), XLSX_MIME, lang))
    elif fmt == "csv":
        result.update(_download(render_team_csv(summary, lang), export_name(summary, "csv"), "text/csv", lang))
    elif fmt == "markdown":
        text = render_team_markdown(summary, lang)
        result.update(_download(text, export_name(summary, "md"), "text/markdown", lang))
    else:
        result["tables"] = team_tables(summary, lang)
        return result
    # The team's files carry what the plans say: the same question as on every page.
    named = (
        (f"{plan.talk.employee.strip() or translate('md.not_set', lang)}, {field_name(path, lang)}", text)
        for plan in plans
        for path, text in exported_texts(plan, workbook=fmt == "xlsx")
    )
    return {**result, "confirm": _sensitive(named, lang)}


def _loaded(name: str, what: str, lang: str) -> dict[str, str]:
    return {"name": name, "text": what, "remove": translate("ui.team_remove", lang, filename=name)}


def _team_message(change: dict[str, Any], plans: int, refused: int, lang: str) -> str:
    """What the step did (files added, replaced, removed), then what is shown now."""
    parts = [
        plural(f"ui.team_{what}", len(names), lang, names=", ".join(map(str, names)))
        for what in ("added", "replaced", "removed")
        if (names := change.get(what))
    ]
    if not plans and not refused:
        parts.append(translate("ui.team_none", lang))
    else:
        parts.append(plural("ui.team_opened", plans, lang))
    if refused:
        parts.append(plural("ui.team_skipped", refused, lang))
    return " ".join(parts)


# The wheels (in the site's lockfile) a download needs beyond the package: the
# page names them with its request, and the worker loads them first.
NEEDS: dict[str, tuple[str, ...]] = {"xlsx": WORKBOOK_NEEDS}


OPERATIONS: dict[str, _Handler] = {
    "check": _check,
    "export": _export,
    "open": _open,
    "import_preparation": _import_preparation,
    "start_from_last_year": _start_from_last_year,
    "changes_to_actions": _changes_to_actions,
    "prepare": _prepare,
    "check_in_start": _check_in_start,
    "check_in_check": _check_in_check,
    "check_in_save": _check_in_save,
    "team": _team,
}


def _whole_characters(value: Any) -> Any:
    """``value`` with every lone surrogate (half a character, which a page's text can
    hold but no file can) replaced by U+FFFD, as the browser does when it saves text."""
    if isinstance(value, str):
        return HALF_CHARACTER.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_whole_characters(k): _whole_characters(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole_characters(v) for v in value]
    return value


def handle(request_json: str) -> str:
    """Answer one request. Plan errors come back as data, with a message in the
    request's language; anything else is a bug and propagates to the worker."""
    request = json.loads(request_json)
    # JSON.stringify writes half a character as an escape: only then look for one.
    if "\\ud" in request_json.lower():
        request = _whole_characters(request)
    lang = language(request.get("lang"))
    operation = OPERATIONS.get(request.get("op", ""))
    if operation is None:
        raise ValueError(f"unknown operation {request.get('op')!r}")
    try:
        reply: dict[str, Any] = {"result": operation(request, lang)}
    except PlanError as error:
        reply = {"error": {"key": error.key, "path": error.path, "message": error.message(lang)}}
    return json.dumps(reply, ensure_ascii=False)
