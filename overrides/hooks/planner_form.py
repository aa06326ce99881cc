"""Give the planner template the form's structure and the message catalogues.

The form is static HTML made at build time from the Python model
(`samtalsplan.form`), labelled from the same catalogues Python uses, so the
page, the validator and the downloads always agree on fields and words.
"""

from __future__ import annotations

import re
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "pyapp"))

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


def on_config(config: Any) -> Any:
    _settings(config)
    return config


def on_env(env: Any, *, config: Any, files: Any) -> Any:
    env.globals["samtalsplan_form"] = [asdict(node) for node in form_tree()]
    env.globals["samtalsplan_forms"] = lambda page: [asdict(node) for node in form_tree(page)]
    env.globals["samtalsplan_unknown_page"] = _unknown_page
    env.globals["samtalsplan_t"] = lambda key, lang, **params: translate(
        key, language(lang), **params
    )
    env.globals["samtalsplan_has"] = _has_message
    env.globals["samtalsplan_id"] = _control_id
    env.globals["samtalsplan_messages"] = _messages
    env.globals["samtalsplan_settings"] = _settings
    env.globals["samtalsplan_format_version"] = VERSION
    return env


def on_post_build(*, config: Any) -> None:
    """Publish the plan file's JSON Schema, generated from the model."""
    target = Path(config["site_dir"]) / SCHEMA_PATH
    text = schema_json()
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
