"""Every page of the built site, as paths to visit."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SITE


def built_pages(site: Path = SITE) -> list[str]:
    """Site-relative URLs of every HTML page: directories for index.html, else the file."""
    pages = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site)
        if relative.parts[0] == "assets":
            continue
        pages.append(
            ""
            if relative.name == "index.html" and len(relative.parts) == 1
            else str(relative.parent) + "/"
            if relative.name == "index.html"
            else str(relative)
        )
    return pages
