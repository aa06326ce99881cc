"""MkDocs adapter: one stylesheet a page (samtalsplan_site.stylesheets), and on pages
without a form a first-paint stylesheet before it (samtalsplan_site.first_paint)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from samtalsplan import document
from samtalsplan_site import first_paint, form_pages, stylesheets

_sheets: stylesheets.Stylesheets | None = None


def on_config(config: MkDocsConfig, /) -> MkDocsConfig:
    global _sheets
    palettes = config.theme.get("palette") or []
    palettes = palettes if isinstance(palettes, list) else [palettes]
    colours = frozenset(p.get(k, "") for p in palettes for k in ("primary", "accent")) - {""}
    # The printed plan's stylesheet comes from the plan logic (samtalsplan.document).
    made = {form_pages.DOCUMENT_STYLES: document.stylesheet()}
    _sheets = stylesheets.stylesheets([Path(d) for d in config.theme.dirs], colours, made)
    return config


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    assert _sheets is not None
    return _sheets.rewrite(output)


def on_post_template(output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    assert _sheets is not None
    return _sheets.rewrite(output_content) if template_name.endswith(".html") else output_content


# The first-paint stylesheets need every page of both languages: after the i18n
# plugin's English build (-100) and the theme's script (-150), before the service
# worker's stamp (-200) and the compressed copies (-300), which must see them.
@event_priority(-160)
def on_post_build(*, config: MkDocsConfig) -> None:
    assert _sheets is not None
    site_dir = Path(config.site_dir)
    _sheets.write(site_dir)
    first_paint.split_site(site_dir, _sheets.without_forms())
