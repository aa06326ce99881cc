"""What the hooks do to each rendered page, without the generator: the policy's
hashes (samtalsplan_site.csp) and the mended theme markup (theme_markup)."""

from __future__ import annotations

import base64
import hashlib

import pytest
from samtalsplan_site import csp, theme_markup

PAGE = f"""<html><head>
<meta http-equiv="Content-Security-Policy" content="{csp.POLICY}">
<link rel="alternate" href="../en/" hreflang="en">
<script>var theme = 1</script>
<script type="module">import "./x.js"</script>
<script type="application/json" id="sp-config">{{"a": 1}}</script>
<script src="bundle.js"></script>
</head><body>
<div class="md-search" data-md-component="search" role="dialog">
<input type="text" class="md-search__input" name="query" aria-label="Sök" placeholder="Sök">
</div>
<ul><li><label class="task-list-control"><input type="checkbox" disabled></label> Boka tid</li></ul>
</body></html>"""


def _hash(body: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"


def test_the_inline_scripts_that_run_are_hashed_and_data_is_not() -> None:
    assert csp.inline_script_hashes(PAGE) == sorted([_hash("var theme = 1"), _hash('import "./x.js"')])


def test_fill_in_puts_the_hashes_in_place_of_the_placeholder() -> None:
    filled = csp.fill_in(PAGE, "index.md")
    assert csp.PLACEHOLDER not in filled and _hash("var theme = 1") in filled
    assert "'unsafe-inline'" not in filled
    assert "'unsafe-inline'" in csp.fill_in(PAGE, "index.md", allow_inline=True)


def test_a_page_without_the_policy_stops_the_build() -> None:
    with pytest.raises(ValueError, match=r"^planera/index\.md: no Content Security Policy"):
        csp.fill_in("<html></html>", "planera/index.md")


def test_the_header_policy_also_forbids_framing() -> None:
    assert csp.policy([], header=True).endswith("; frame-ancestors 'self'")
    assert "frame-ancestors" not in csp.policy([])


def test_a_mended_page_names_its_search_dialog_hides_paper_boxes_and_drops_alternates() -> None:
    mended = theme_markup.mend_page(PAGE, "index.md")
    assert 'role="dialog" aria-label="Sök">' in mended
    assert '<label class="task-list-control" aria-hidden="true">' in mended
    assert 'rel="alternate"' not in mended


def test_a_mended_template_names_its_search_dialog_only() -> None:
    mended = theme_markup.mend_template(PAGE, "404.html")
    assert 'role="dialog" aria-label="Sök">' in mended
    assert 'rel="alternate"' in mended and 'aria-hidden="true"' not in mended


def test_a_search_field_without_a_label_stops_the_build() -> None:
    unnamed = PAGE.replace(' aria-label="Sök"', "")
    with pytest.raises(ValueError, match=r"^index\.md: the search dialog's field has no aria-label"):
        theme_markup.mend_page(unnamed, "index.md")
