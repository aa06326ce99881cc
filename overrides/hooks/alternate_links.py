"""Drop the <link rel="alternate" hreflang> tags from each page's head.

The i18n plugin points them at the page's twin, but Material's script reads
them as language roots and fetches `sitemap.xml` beside each one: a 404 on
every page. The header's language menu keeps its links to the twin page, and
an intranet site has no search engine to tell about translations.
"""

from __future__ import annotations

import re
from typing import Any

_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def on_post_page(output: str, *, page: Any, config: Any) -> str:
    return _ALTERNATE.sub("", output)
