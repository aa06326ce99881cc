"""MkDocs adapter: one stylesheet a page (samtalsplan_site.stylesheets)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from samtalsplan_site import stylesheets

_sheets: stylesheets.Stylesheets | None = None


def on_config(config: MkDocsConfig, /) -> MkDocsConfig:
    global _sheets
    palettes = config.theme.get("palette") or []
    palettes = palettes if isinstance(palettes, list) else [palettes]
    colours = frozenset(p.get(k, "") for p in palettes for k in ("primary", "accent")) - {""}
    _sheets = stylesheets.stylesheets([Path(d) for d in config.theme.dirs], colours)
    return config


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    assert _sheets is not None
    return _sheets.rewrite(output)


def on_post_template(output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    assert _sheets is not None
    return _sheets.rewrite(output_content) if template_name.endswith(".html") else output_content


def on_post_build(*, config: MkDocsConfig) -> None:
    assert _sheets is not None
    _sheets.write(Path(config.site_dir))
