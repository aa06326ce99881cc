"""MkDocs adapter: each page's Content Security Policy (samtalsplan_site.csp).

Listed after every hook that changes a page, since it hashes the page's
inline scripts as they finally are.
"""

from __future__ import annotations

from typing import Literal

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from samtalsplan_site import csp

# `mkdocs serve` injects a live-reload script that changes on every request.
_allow_inline = False


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    global _allow_inline
    _allow_inline = command == "serve"


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["samtalsplan_csp"] = csp.POLICY
    return env


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    return csp.fill_in(output, page.file.src_uri, allow_inline=_allow_inline)


def on_post_template(output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output_content
    return csp.fill_in(output_content, template_name, allow_inline=_allow_inline)
