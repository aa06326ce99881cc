"""MkDocs adapter: the built site's compressed copies (samtalsplan_site.compression),
made last, once the service worker is stamped."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from samtalsplan_site import compression
from samtalsplan_site.paths import COMPRESSED_CACHE


@event_priority(-300)  # after the service worker's stamp (-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    compression.precompress_site(Path(config.site_dir), COMPRESSED_CACHE)
