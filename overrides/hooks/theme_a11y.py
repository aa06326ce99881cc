"""Mend two accessibility gaps in the theme's markup.

- The search dialog has no name (axe: aria-dialog-name). It takes the name of
  the search field inside it, so it reads the same in every language; if the
  theme's markup changes, the build fails here rather than the test later.
- Checklists (pymdownx.tasklist) draw a disabled, unlabelled checkbox before
  each item (axe: label). The box is only a picture of a box to tick on
  paper, so it is hidden from assistive technology; the item's text remains.
"""

from __future__ import annotations

import re
from typing import Any, Final

_DIALOG: Final = '<div class="md-search" data-md-component="search" role="dialog">'
_FIELD_LABEL: Final = re.compile(
    r'<input type="text" class="md-search__input" name="query" aria-label="([^"]+)"'
)


def _name_search_dialog(html: str, where: str) -> str:
    if _DIALOG not in html:
        return html  # a page without search
    label = _FIELD_LABEL.search(html)
    if not label:
        raise ValueError(f"{where}: the search dialog's field has no aria-label to name it by")
    return html.replace(_DIALOG, _DIALOG[:-1] + f' aria-label="{label[1]}">', 1)


_CHECKBOX: Final = '<label class="task-list-control">'


def _hide_checklist_boxes(html: str) -> str:
    return html.replace(_CHECKBOX, _CHECKBOX[:-1] + ' aria-hidden="true">')


def on_post_page(output: str, *, page: Any, config: Any) -> str:
    return _hide_checklist_boxes(_name_search_dialog(output, page.file.src_uri))


def on_post_template(output_content: str, *, template_name: str, config: Any) -> str:
    if not template_name.endswith(".html"):
        return output_content
    return _name_search_dialog(output_content, template_name)
