"""MkDocs adapter: the theme's markup mended (samtalsplan_site.theme_markup)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from samtalsplan_site import theme_markup


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    return theme_markup.mend_page(output, page.file.src_uri)


def on_post_template(output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output_content
    return theme_markup.mend_template(output_content, template_name)
