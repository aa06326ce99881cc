"""MkDocs adapter: the form trees, catalogues and settings the templates read
(samtalsplan_site.page_context), and the plan file's JSON Schema."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from samtalsplan_site import page_context


def on_config(config: MkDocsConfig, /) -> MkDocsConfig:
    page_context.check_settings(config)
    return config


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    env.globals.update(page_context.template_globals())
    return env


def on_post_build(*, config: MkDocsConfig) -> None:
    page_context.publish_schema(Path(config.site_dir))
