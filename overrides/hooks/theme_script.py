"""MkDocs adapter: the theme's search starts when it is opened (samtalsplan_site.theme_script)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from samtalsplan_site import theme_script


# After the i18n plugin's English build (-100), before the service worker's
# stamp (-200) and the compressed copies (-300), which must see the new bundle.
@event_priority(-150)
def on_post_build(*, config: MkDocsConfig) -> None:
    theme_script.rewrite_bundle(Path(config.site_dir))
