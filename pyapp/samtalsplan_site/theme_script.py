"""The one change the build makes to the theme's script: search starts when it is opened.

On a page served over HTTP the theme's script hands its search worker the
site's index as soon as the page loads, and the worker builds a full-text
index of every page in both languages from it. On a phone or a busy laptop
that build competes for the processor with the page's first frames and, on
a form page, with the Python runtime's start (the README's benchmark table
has the figures). The theme already waits for the search to be opened when
it runs from ``file://``; the build makes that the rule on every page, so
the index is built on the first search instead, while the person types.

The change is to one expression of the theme's bundle, found by its text.
The theme is pinned (requirements-dev.txt); if a new version's bundle does
not hold that expression exactly once, the build stops here and says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

# In setupSearchWorker: merge(of(location.protocol !== "file:"), watchToggle("search")),
# the first true of which sends the index to the worker.
EAGER: Final = 'location.protocol!=="file:"'
# `false`, padded to the same length so the theme's source map still points right.
ON_FIRST_OPEN: Final = "!1/*" + "search: on first open".ljust(len(EAGER) - 6) + "*/"
BUNDLE: Final = "assets/javascripts/bundle.*.min.js"


def search_on_first_open(bundle: str, where: str = "the theme's bundle") -> str:
    """``bundle`` with its search worker set up when the search is opened."""
    if ON_FIRST_OPEN in bundle:
        return bundle  # a second build over the same site
    found = bundle.count(EAGER)
    if found != 1:
        raise ValueError(
            f"{where}: expected the search worker's start ({EAGER}) once, found it {found} times;"
            " the theme has changed: see samtalsplan_site/theme_script.py"
        )
    return bundle.replace(EAGER, ON_FIRST_OPEN)


def rewrite_bundle(site_dir: Path) -> Path:
    """Rewrite the theme's bundle in a built site; returns its path."""
    bundles = sorted(site_dir.glob(BUNDLE))
    if len(bundles) != 1:
        raise ValueError(f"{site_dir}: expected one {BUNDLE}, found {len(bundles)}")
    (bundle,) = bundles
    text = bundle.read_text(encoding="utf-8")
    changed = search_on_first_open(text, str(bundle))
    if changed != text:
        bundle.write_text(changed, encoding="utf-8")
    return bundle
