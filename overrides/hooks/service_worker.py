"""MkDocs adapter: stamp the offline service worker (samtalsplan_site.service_worker)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from samtalsplan_site import service_worker

_offline = True


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    global _offline
    _offline = service_worker.offline_wanted(command)


# Last: after the i18n plugin's English build (at -100) and the search index,
# so the manifest lists every file of both languages.
@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    if _offline:
        service_worker.stamp_service_worker(Path(config.site_dir))
