"""MkDocs adapter: the Python assets for the browser (samtalsplan_site.python_assets)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from samtalsplan_site import python_assets


def on_pre_build(*, config: MkDocsConfig) -> None:
    # Before the pages render: the planner template reads the partial.
    python_assets.write_partial(python_assets.stage())


def on_post_build(*, config: MkDocsConfig) -> None:
    python_assets.publish(Path(config.site_dir))
