"""Mend the theme's markup where assistive technology or the theme's own script trips.

- The search dialog has no name (axe: aria-dialog-name). It takes the name of
  the search field inside it, so it reads the same in every language; if the
  theme's markup changes, the build fails here rather than the test later.
- Checklists (pymdownx.tasklist) draw a disabled, unlabelled checkbox before
  each item (axe: label). The box is only a picture of a box to tick on
  paper, so it is hidden from assistive technology; the item's text remains.
- The i18n plugin writes ``<link rel="alternate" hreflang>`` tags that point at
  the page's twin, but Material's script reads them as language roots and
  fetches ``sitemap.xml`` beside each one: a 404 on every page. They are
  dropped; the header's language menu keeps its links to the twin page, and an
  intranet site has no search engine to tell about translations.
"""

from __future__ import annotations

import re
from typing import Final

_DIALOG: Final = '<div class="md-search" data-md-component="search" role="dialog">'
_FIELD_LABEL: Final = re.compile(
    r'<input type="text" class="md-search__input" name="query" aria-label="([^"]+)"'
)
_CHECKBOX: Final = '<label class="task-list-control">'
_ALTERNATE: Final = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def name_search_dialog(html: str, where: str) -> str:
    if _DIALOG not in html:
        return html  # a page without search
    label = _FIELD_LABEL.search(html)
    if not label:
        raise ValueError(f"{where}: the search dialog's field has no aria-label to name it by")
    return html.replace(_DIALOG, _DIALOG[:-1] + f' aria-label="{label[1]}">', 1)


def hide_checklist_boxes(html: str) -> str:
    return html.replace(_CHECKBOX, _CHECKBOX[:-1] + ' aria-hidden="true">')


def drop_alternate_links(html: str) -> str:
    return _ALTERNATE.sub("", html)


def mend_page(html: str, where: str) -> str:
    """A rendered page (from Markdown), mended; ``where`` names it in errors."""
    return hide_checklist_boxes(name_search_dialog(drop_alternate_links(html), where))


def mend_template(html: str, where: str) -> str:
    """A page rendered from a template alone (such as 404.html), mended."""
    return name_search_dialog(html, where)
