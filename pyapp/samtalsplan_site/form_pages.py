"""Everything a page with a form shows, resolved for its language and place.

The templates print what this module resolves and compute nothing: for each
page with a form (the planner, the employee's preparation, the follow-up, the
team view) and the self-check, the form view with every id, label and hint
(``samtalsplan.form.form_view``), the texts of its buttons and headings, links
made relative to the page (guidance, the storage page, the scripts), and the
configuration its script reads (``sp-config``): where the Python assets are,
the organisation's settings, the page's messages. Every text is escaped here,
once, so a template prints it as it is under Jinja2 (MkDocs, which does not
escape) and MiniJinja (Zensical, which does).
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from markupsafe import Markup, escape

from samtalsplan import codec, preparation
from samtalsplan.bridge import NEEDS
from samtalsplan.files import MAX_BYTES
from samtalsplan.form import form_view
from samtalsplan.i18n import DEFAULT_LANGUAGE, catalogue, language, translate
from samtalsplan.schema import schema_json

from .site_settings import SiteSettings

# Front matter `samtalsplan:` names the page's form.
KINDS: Final = ("planner", "preparation", "follow_up", "team")
# The admin self-check's checks, in the order the page lists them (selfcheck.mjs runs each).
SELF_CHECKS: Final = ("wasm_mime", "mjs_mime", "csp", "python", "storage", "compression", "caching", "offline")
STORAGE_PAGE: Final = "lagring/"
STATEMENT_PAGE: Final = "tillganglighet/"
SCRIPTS: Final = {
    "entry": "assets/samtalsplan/form-page.js",
    "client": "assets/samtalsplan/client.mjs",
    "protocol": "assets/samtalsplan/protocol.mjs",
    "file_check": "assets/samtalsplan/file-check.js",
    "selfcheck": "assets/samtalsplan/selfcheck.mjs",
}
WORKER: Final = "assets/samtalsplan/worker.mjs"
# Only the pages with a form load it (the build joins it to the site's stylesheet).
FORMS_CSS: Final = "assets/samtalsplan/forms.css"
# The plan as a printed document (samtalsplan.document): the pages that print it
# link its stylesheet here, and the build joins it to theirs (stylesheets.py).
DOCUMENT_STYLES: Final = "assets/samtalsplan/document.css"
_PRINTS: Final = ("planner", "follow_up")

# The messages a page's script shows itself (status, start-up errors, drafts):
# by prefix, and per page where a page names its own work.
_SCRIPT_MESSAGES: Final = ("ui.status.", "ui.error.", "ui.step.", "ui.draft.")
_PAGE_MESSAGES: Final = {"page.loading": "loading", "page.ready": "ready"}
_DRAFTS: Final = {"planner": "planner", "preparation": "preparation", "follow_up": "follow-up"}
_FALLBACK: Final = {
    "planner": ({"format": codec.FORMAT, "version": codec.VERSION}, "samtalsplan.json"),
    "preparation": ({"format": preparation.FORMAT, "version": preparation.VERSION}, "forberedelse.json"),
}


def language_root(lang: str) -> str:
    """Where a language's pages live in the site: Swedish at the root, English under en/."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def relative(target: str, page_url: str) -> str:
    """``target`` (a path from the site's root) as a link from the page at ``page_url``
    (its URL from the root, ``planera/`` or ``en/planera/``), so the site works under any path."""
    start = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"
    path, _, fragment = target.partition("#")
    link = posixpath.relpath(path or ".", start.rstrip("/") or ".")
    if (path.endswith("/") or not path) and not link.endswith("/"):
        link += "/"
    link = "./" if link == "./" or link == "." else link
    return f"{link}#{fragment}" if fragment else link


_ID: Final = re.compile(r'\sid="([^"]+)"')


def template_anchors(html: str) -> set[str]:
    """Every id in a rendered page: on a form page the template adds the form's
    sections and fields, which the guidance links to (``planera/#goals``) and
    which MkDocs, reading only the page's Markdown, would not know of."""
    return set(_ID.findall(html))


def _escaped(value: Any) -> Any:
    """Every text in ``value`` escaped for HTML (text and attribute values alike)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return escape(value)
    if isinstance(value, Mapping):
        return {k: _escaped(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_escaped(v) for v in value]
    return value


def _script_json(data: Any) -> Markup:
    """JSON to print inside <script type="application/json">: no "<" can end it."""
    return Markup(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"))


def site_context(
    settings: SiteSettings, lang: str = DEFAULT_LANGUAGE, page_url: str | None = None, made_with: bool = True
) -> dict[str, Any]:
    """What every page's template may use: the prefetch switch (main.html), and the
    footer's link to the accessibility statement (partials/copyright.html), relative
    to the page or, on a page served at any path (404.html, ``page_url`` None), from
    the site's root; ``made_with``: the theme's own line, unless turned off
    (``extra.generator: false``)."""
    target = language_root(language(lang)) + STATEMENT_PAGE
    context = {
        "prefetch_python": settings.prefetch_python,
        "statement": {
            "url": "/" + target if page_url is None else relative(target, page_url),
            "label": translate("footer.statement", language(lang)),
        },
        "made_with": made_with,
    }
    escaped: dict[str, Any] = _escaped(context)
    return escaped


def _texts(kind: str, lang: str) -> dict[str, str]:
    def t(key: str) -> str:
        return translate(key, lang)

    common = {
        "loading": t(f"page.{kind}.loading"),
        "draft_clear": t("ui.draft.clear"),
        "storage_link": t(f"page.{kind}.storage_link") if kind in _DRAFTS else "",
        "fallback_explain": t("ui.fallback.explain"),
        "fallback_download": t("ui.fallback.download"),
        "actions": t("ui.actions"),
    }
    own = {
        "planner": {
            "form_label": t("ui.form_label"),
            "open": t("ui.open"),
            "open_hint": t("ui.open_hint"),
            "import_preparation": t("ui.import_preparation"),
            "import_preparation_hint": t("ui.import_preparation_hint"),
            "files_heading": t("ui.files_heading"),
            "review_heading": t("ui.review_heading"),
            "review_none": t("ui.review_none"),
            "start_from_last_year": t("ui.start_from_last_year"),
            "start_from_last_year_hint": t("ui.start_from_last_year_hint"),
            "print_hint": t("ui.print_hint"),
            "more_downloads": t("ui.more_downloads"),
            "problems_heading": t("ui.problems_heading"),
            "advice_heading": t("ui.advice_heading"),
            "advice_intro": t("ui.advice_intro"),
        },
        "preparation": {"form_label": t("ui.preparation_label"), "heading": t("ui.preparation_heading")},
        "follow_up": {
            "form_label": t("ui.follow_up_label"),
            "open_heading": t("ui.follow_up_open_heading"),
            "open": t("ui.open"),
            "open_hint": t("ui.follow_up_open_hint"),
            "history": t("ui.follow_up_history"),
            "no_history": t("ui.follow_up_no_history"),
            "check_in_heading": t("ui.follow_up_new"),
            "print_hint": t("ui.print_hint"),
            "more_downloads": t("ui.more_downloads"),
        },
        "team": {
            "form_label": t("ui.team_label"),
            "open_heading": t("ui.team_open_heading"),
            "open": t("ui.team_open"),
            "open_hint": t("ui.team_open_hint"),
            "files_heading": t("ui.team_files_heading"),
            "clear_all": t("ui.team_clear"),
        },
    }[kind]
    return {**common, **own}


PRINT_HINT_ID: Final = "sp-print-hint"


def _downloads(kind: str, lang: str) -> list[dict[str, Any]]:
    plan = (
        ("json", "ui.download_json"),
        ("print", "ui.print"),
        ("html", "ui.download_html"),
        ("markdown", "ui.download_markdown"),
        ("ics", "ui.download_ics"),
    )
    formats = {
        "planner": plan,
        "preparation": (("json", "ui.download_preparation"),),
        "follow_up": plan,
        "team": (("xlsx", "ui.download_xlsx"), ("csv", "ui.download_csv"), ("markdown", "ui.download_markdown")),
    }[kind]
    # `needs`: the wheels the download needs beyond the start's, for the worker to load first.
    return [
        {
            "format": fmt,
            "label": translate(key, lang),
            "primary": fmt in ("json", "print") or kind in ("preparation", "team"),
            "describedby": PRINT_HINT_ID if fmt == "print" else "",
            "needs": " ".join(NEEDS.get(fmt, ())),
        }
        for fmt, key in formats
    ]


def _messages(kind: str, lang: str, prefixes: tuple[str, ...]) -> dict[str, str]:
    words = catalogue(lang)
    messages = {k: v for k, v in words.items() if k.startswith(prefixes)}
    messages.update({key: translate(f"page.{kind}.{role}", lang) for key, role in _PAGE_MESSAGES.items()})
    return messages


def _browser_config(
    kind: str, lang: str, page_url: str, settings: SiteSettings, assets: Mapping[str, Any]
) -> dict[str, Any]:
    messages = _messages(kind, lang, _SCRIPT_MESSAGES)
    if kind == "planner":
        messages["ui.proposal"] = translate("ui.proposal", lang)
    if kind == "team":
        messages["ui.team_nothing"] = translate("ui.team_nothing", lang)
    if kind in _FALLBACK:
        messages["ui.downloaded"] = translate("ui.downloaded", lang)
    fallback = _FALLBACK.get(kind)
    return {
        "lang": lang,
        "page": kind,
        "root": relative("", page_url),
        "worker": relative(WORKER, page_url),
        "runtime": relative(assets["runtime"], page_url),
        "lockfile": relative(assets["lockfile"], page_url),
        "stdlib": relative(assets["stdlib"], page_url),
        "packages": list(assets["packages"]),
        "drafts": settings.logic.drafts,
        "draft": _DRAFTS.get(kind),
        "timeoutSeconds": settings.timeout_seconds,
        "settings": settings.logic.to_dict(),
        "maxFileBytes": MAX_BYTES,
        "fallback": {"wrapper": fallback[0], "filename": fallback[1]} if fallback else None,
        "messages": messages,
    }


def _form(kind: str, lang: str, page_url: str, settings: SiteSettings) -> list[dict[str, Any]]:
    if kind == "team":
        return []
    suggestions = {"organisation_goals": settings.logic.organisation_goals}
    view = form_view(kind, lang, suggestions)
    if kind == "planner":
        for section in view:
            path = settings.guide.get(section["key"])
            if path:
                section["guide"] = {
                    "url": relative(language_root(lang) + path, page_url),
                    "label": translate("ui.guide_link", lang, section=section["label"]),
                }
    return view


def form_page(
    kind: str, lang: str, page_url: str, settings: SiteSettings, assets: Mapping[str, Any], made_with: bool = True
) -> dict[str, Any]:
    """The resolved page with a form of ``kind`` in ``lang``, at ``page_url``."""
    if kind not in KINDS:
        raise ValueError(f"front matter samtalsplan: {kind!r} is no page with a form; expected one of {KINDS}")
    lang = language(lang)
    config = _browser_config(kind, lang, page_url, settings, assets)
    goals = settings.logic.organisation_goals
    page = {
        **site_context(settings, lang, page_url, made_with),
        "kind": kind,
        "partial": f"partials/sp-{kind.replace('_', '-')}.html",
        "text": _texts(kind, lang),
        "form": _form(kind, lang, page_url, settings),
        "downloads": _downloads(kind, lang),
        "datalists": [{"id": "sp-suggest-organisation_goals", "options": list(goals)}] if goals and kind == "planner" else [],
        "storage_url": relative(language_root(lang) + STORAGE_PAGE, page_url),
        "scripts": {name: relative(path, page_url) for name, path in SCRIPTS.items()},
        "stylesheet": relative(FORMS_CSS, page_url),
        "document_styles": relative(DOCUMENT_STYLES, page_url) if kind in _PRINTS else "",
        "print_hint_id": PRINT_HINT_ID if kind in _PRINTS else "",
    }
    return {**_escaped(page), "config_json": _script_json(config)}


def selfcheck_page(
    lang: str, page_url: str, settings: SiteSettings, assets: Mapping[str, Any], made_with: bool = True
) -> dict[str, Any]:
    """The admin self-check: its checks' names and fixes, and the script's configuration."""
    lang = language(lang)
    config = {
        "lang": lang,
        "root": relative("", page_url),
        "worker": relative(WORKER, page_url),
        "runtime": relative(assets["runtime"], page_url),
        "lockfile": relative(assets["lockfile"], page_url),
        "stdlib": relative(assets["stdlib"], page_url),
        "packages": list(assets["packages"]),
        "timeoutSeconds": settings.timeout_seconds,
        "messages": {k: v for k, v in catalogue(lang).items() if k.startswith(("ui.error.", "ui.step.", "check."))},
    }
    page = {
        **site_context(settings, lang, page_url, made_with),
        "heading": translate("check.heading", lang),
        "running": translate("check.status.running", lang),
        "pending": translate("check.state.pending", lang),
        "fix_label": translate("check.fix", lang),
        "checks": [
            {"name": name, "label": translate(f"check.{name}.name", lang), "fix": translate(f"check.{name}.fix", lang)}
            for name in SELF_CHECKS
        ],
        "script": relative(SCRIPTS["selfcheck"], page_url),
        "stylesheet": relative(FORMS_CSS, page_url),
    }
    return {**_escaped(page), "config_json": _script_json(config)}




SCHEMA_PATH: Final = "assets/samtalsplan/plan.schema.json"


def _publish(target: Path, text: str) -> None:
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def publish_schema(site_dir: Path) -> None:
    """The plan file's JSON Schema, generated from the model, beside the pages' scripts."""
    _publish(site_dir / SCHEMA_PATH, schema_json())
