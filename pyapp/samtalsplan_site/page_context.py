"""Give the planner template the form's structure and the message catalogues.

The form is static HTML made at build time from the Python model
(`samtalsplan.form`), labelled from the same catalogues Python uses, so the
page, the validator and the downloads always agree on fields and words. The
MkDocs adapter (``overrides/hooks/page_context.py``) checks the settings at
config time, hands ``template_globals`` to the templates and publishes the
plan file's JSON Schema after the build.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from samtalsplan.codec import VERSION
from samtalsplan.form import form_tree
from samtalsplan.i18n import catalogue, language, translate
from samtalsplan.schema import schema_json
from samtalsplan.settings import Settings

SCHEMA_PATH = Path("assets") / "samtalsplan" / "plan.schema.json"


def _has_message(key: str, lang: str) -> bool:
    return key in catalogue(language(lang))


def _control_id(path: str) -> str:
    """An element id from a field path: ``goals[0].title`` gives ``sp-goals-0-title``.
    The page script (form.mjs, idFor) numbers added list items the same way."""
    return "sp-" + re.sub(r"[^A-Za-z0-9]+", "-", path).rstrip("-")


def _messages(prefixes: tuple[str, ...], lang: str) -> dict[str, str]:
    """The messages the page's script shows itself (status, errors, list labels)."""
    return {k: v for k, v in catalogue(language(lang)).items() if k.startswith(prefixes)}


def _settings(config: Any) -> dict[str, Any]:
    """The organisation's settings (``extra.samtalsplan``), checked: a wrong
    value stops the build with a message naming the setting."""
    return Settings.from_dict((config.extra or {}).get("samtalsplan")).to_dict()


def _unknown_page(kind: str) -> str:
    raise ValueError(f"front matter samtalsplan: {kind!r} is no page with a form")


def check_settings(config: Any) -> None:
    """Stop the build if the organisation's settings are wrong."""
    _settings(config)


def template_globals() -> Mapping[str, Any]:
    """What the templates call and read, by name."""
    helpers: dict[str, Any] = {
        "samtalsplan_form": [asdict(node) for node in form_tree()],
        "samtalsplan_forms": lambda page: [asdict(node) for node in form_tree(page)],
        "samtalsplan_unknown_page": _unknown_page,
        "samtalsplan_t": lambda key, lang, **params: translate(key, language(lang), **params),
        "samtalsplan_has": _has_message,
        "samtalsplan_id": _control_id,
        "samtalsplan_messages": _messages,
        "samtalsplan_settings": _settings,
        "samtalsplan_format_version": VERSION,
    }
    return helpers


def publish_schema(site_dir: Path) -> None:
    """Publish the plan file's JSON Schema, generated from the model."""
    target = site_dir / SCHEMA_PATH
    text = schema_json()
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
