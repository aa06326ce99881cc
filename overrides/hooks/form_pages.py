"""MkDocs adapter for the pages with a form (samtalsplan_site.form_pages): the
organisation's settings, checked once; the Python assets those pages load
(samtalsplan_site.python_assets); each page's resolved ``samtalsplan`` object;
the plan file's JSON Schema and the printed plan's stylesheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from samtalsplan_site import form_pages, python_assets
from samtalsplan_site.site_settings import SettingsError, SiteSettings, guide_page, read_settings

_settings = SiteSettings()
_assets: dict[str, Any] = {}


def on_config(config: MkDocsConfig, /) -> MkDocsConfig:
    global _settings
    try:
        _settings = read_settings(config.extra.get("samtalsplan"))
    except SettingsError as error:
        raise PluginError(str(error)) from None
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    _assets.update(python_assets.stage().paths())  # staged again only when its inputs change


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    """Every guidance link a planner section names leads to a page of the site."""
    urls = {file.url for file in files.documentation_pages()}
    for section, path in _settings.guide.items():
        if guide_page(path) not in urls:
            raise PluginError(f"extra.samtalsplan.guide.{section}: there is no page {guide_page(path)!r} in docs/.")
    return files


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["samtalsplan"] = form_pages.site_context(_settings)
    return env


def on_page_context(
    context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    template, lang = page.meta.get("template"), config.theme["language"]
    if template == "form-page.html":
        kind = str(page.meta.get("samtalsplan", ""))
        context["samtalsplan"] = form_pages.form_page(kind, lang, page.url, _settings, _assets)
    elif template == "selfcheck.html":
        context["samtalsplan"] = form_pages.selfcheck_page(lang, page.url, _settings, _assets)
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    python_assets.publish(Path(config.site_dir))
    form_pages.publish_schema(Path(config.site_dir))
