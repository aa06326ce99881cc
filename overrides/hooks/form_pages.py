"""MkDocs adapter: the organisation's settings, checked once, and each page's
resolved ``samtalsplan`` object for its template (samtalsplan_site.form_pages)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "pyapp"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import pyodide_assets
from samtalsplan_site.form_pages import form_page, publish_schema, selfcheck_page, site_context
from samtalsplan_site.site_settings import SettingsError, SiteSettings, guide_page, read_settings

_settings = SiteSettings()
_assets: dict[str, Any] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _settings
    try:
        _settings = read_settings((config.extra or {}).get("samtalsplan"))
    except SettingsError as error:
        raise PluginError(str(error)) from None
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    assets = pyodide_assets.stage()  # staged once per change of its inputs
    _assets.update(runtime=assets.runtime, lockfile=assets.lockfile, stdlib=assets.stdlib, packages=assets.packages)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Every guidance link a planner section names leads to a page of the site."""
    urls = {file.url for file in files.documentation_pages()}
    for section, path in _settings.guide.items():
        if guide_page(path) not in urls:
            raise PluginError(f"extra.samtalsplan.guide.{section}: no page {guide_page(path)!r} in docs/.")
    return files


def on_env(env: Any, *, config: MkDocsConfig, files: Files) -> Any:
    env.globals["samtalsplan"] = site_context(_settings)
    return env


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    template = page.meta.get("template")
    lang = config.theme.get("language", "sv")
    if template == "form-page.html":
        context["samtalsplan"] = form_page(str(page.meta.get("samtalsplan", "")), lang, page.url, _settings, _assets)
    elif template == "selfcheck.html":
        context["samtalsplan"] = selfcheck_page(lang, page.url, _settings, _assets)
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    """Publish the plan file's JSON Schema, generated from the model."""
    publish_schema(Path(config["site_dir"]))
