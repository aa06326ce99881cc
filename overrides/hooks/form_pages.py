"""MkDocs adapter for the pages with a form (samtalsplan_site.form_pages): the
organisation's settings, checked once; the Python assets those pages load
(samtalsplan_site.python_assets); each page's resolved ``samtalsplan`` object
(every page's: the footer's link to the accessibility statement); the
statement's placeholders filled in (samtalsplan_site.statement); the plan
file's JSON Schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from samtalsplan_site import form_pages, python_assets, statement
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


def _made_with(config: MkDocsConfig) -> bool:
    return config.extra.get("generator") is not False


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    # For pages rendered from a template alone (404.html): links from the site's root.
    lang = config.theme["language"]
    env.globals["samtalsplan"] = form_pages.site_context(_settings, lang, None, _made_with(config))
    return env


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The accessibility statement's placeholders, filled in (samtalsplan_site.statement)."""
    fill = page.meta.get("samtalsplan_fill")
    if fill is None:
        return markdown
    if fill != "accessibility":
        raise PluginError(f"{page.file.src_uri}: samtalsplan_fill: {fill!r}; the one kind is accessibility")
    try:
        return statement.fill(markdown, _settings.accessibility, page.file.src_uri)
    except ValueError as error:
        raise PluginError(str(error)) from None


def on_page_context(
    context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    template, lang, made_with = page.meta.get("template"), config.theme["language"], _made_with(config)
    if template == "form-page.html":
        kind = str(page.meta.get("samtalsplan", ""))
        context["samtalsplan"] = form_pages.form_page(kind, lang, page.url, _settings, _assets, made_with)
    elif template == "selfcheck.html":
        context["samtalsplan"] = form_pages.selfcheck_page(lang, page.url, _settings, _assets, made_with)
    else:
        context["samtalsplan"] = form_pages.site_context(_settings, lang, page.url, made_with)
    return context


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    """The ids the form's template adds are the page's anchors too, so MkDocs
    checks every link into the form (validation.anchors in mkdocs.yml)."""
    if page.meta.get("template") == "form-page.html" and page.present_anchor_ids is not None:
        page.present_anchor_ids |= form_pages.template_anchors(output)
    return output


def on_post_build(*, config: MkDocsConfig) -> None:
    python_assets.publish(Path(config.site_dir))
    form_pages.publish_schema(Path(config.site_dir))
