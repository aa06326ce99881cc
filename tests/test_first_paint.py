"""The guidance pages' first-paint stylesheet (samtalsplan_site.first_paint): what the
theme's script may add, how a selector is judged, which rules are kept (as written,
in order), and the pass over a built site."""

from __future__ import annotations

from pathlib import Path

import pytest

from samtalsplan_site.first_paint import (
    FULL_ATTRIBUTE,
    ScriptMarks,
    first_paint_css,
    relaxed_selector,
    script_marks,
    split_site,
)

# As a minified bundle writes it: its JSX factory, classList, a template literal,
# attributes set by name and as a property, an element made by createElement.
SCRIPT = (
    'function a(e){return x("div",{class:"md-typeset__scrollwrap"},x("a",{href:e}))}'
    'function b(e,t){e.classList.toggle("md-header--shadow",t)}'
    "function c(e){let t=`tabbed-control tabbed-control--${e}`;return x(\"div\",{class:t,hidden:!0})}"
    'function d(e){e.setAttribute("data-md-state","lock"),e.hidden=!0}'
    'function f(){return document.createElement("textarea")}'
)
MARKS = script_marks(SCRIPT)


def test_what_the_script_adds_is_read_from_its_source() -> None:
    assert MARKS == ScriptMarks(
        toggled=frozenset({"md-header--shadow"}),
        made=frozenset({"md-typeset__scrollwrap", "tabbed-control"}),
        prefixes=frozenset({"tabbed-control--"}),
        attributes=frozenset({"data-md-state", "hidden"}),
        tags=frozenset({"div", "a", "textarea"}),
    )


@pytest.mark.parametrize(
    ("selector", "relaxed"),
    [
        # States and pseudo-elements: the element may take them.
        (".md-nav__link:hover", ".md-nav__link"),
        (".md-nav__link:focus-visible::before", ".md-nav__link"),
        (".md-option:checked+label", ".md-option + label"),
        # Where an element is stays.
        (".md-typeset ol li:nth-child(2)", ".md-typeset ol li:nth-child(2)"),
        (":root", ":root"),
        ("[dir=rtl] .md-nav", "[dir=rtl] .md-nav"),
        (".md-nav:not(.md-nav--primary)", ".md-nav:not(.md-nav--primary)"),
        # The palette the header picks, what the script toggles and sets: anywhere.
        ("[data-md-color-scheme=slate] .md-typeset", "* .md-typeset"),
        (".md-header--shadow", "*"),
        (".md-header[data-md-state=lock]", ".md-header"),
        # An element the script makes need not be there; what it would be in must.
        (".md-typeset .md-typeset__scrollwrap", ".md-typeset"),
        (".md-typeset .tabbed-labels>label>[href]:first-child", ".md-typeset .tabbed-labels > label"),
        (".md-typeset .tabbed-control--next .tabbed-button", ".md-typeset * .tabbed-button"),
        # What cannot be told.
        ("a:not(:hover)", None),
        (".md-nav:not(.md-header--shadow)", None),
        (".x:-webkit-any(.y)", None),
    ],
)
def test_a_selector_is_judged_by_what_the_page_could_hold(selector: str, relaxed: str | None) -> None:
    assert relaxed_selector(selector, MARKS) == relaxed


PAGE = """<!doctype html>
<html lang="sv" class="no-js"><head><title>Sida</title></head>
<body data-md-color-scheme="default">
<header class="md-header"><input class="md-option" type="radio"><label>Ljus</label></header>
<article class="md-typeset"><p>Text</p><ul><li>ett</li></ul><table><tr><td>1</td></tr></table></article>
</body></html>"""

CSS = (
    "/* the theme's */\n"
    ".md-typeset p{margin:1em 0}"
    ".md-typeset blockquote{color:red}"  # no page quotes
    '.md-header:after{content:"";background:url("data:image/svg+xml;charset=utf-8,\\3c svg/>")}'
    "@media screen and (min-width:60em){.md-typeset table{width:100%}.md-sidebar{width:12rem}}"
    "@media print{.md-header{display:none}.md-banner{display:none}}"
    "@keyframes facts{0%{height:0}to{height:100%}}"
    "[data-md-color-scheme=slate]{--md-hue:232}"
    "[dir=rtl] .md-typeset li{margin-right:1em}"
    ".md-typeset .md-typeset__scrollwrap{overflow-x:auto}"
    ".md-option:checked+label{display:none}"
    "a:not(:hover){color:blue}"
    "\n/* ours */\n"
    "@media print {\n  .md-typeset { font-size: 11pt; }\n}\n"
)


def test_the_first_paint_keeps_what_a_page_can_match_as_written_and_in_order() -> None:
    assert first_paint_css(CSS, [PAGE], MARKS) == (
        ".md-typeset p{margin:1em 0}"
        '.md-header:after{content:"";background:url("data:image/svg+xml;charset=utf-8,\\3c svg/>")}'
        "@media screen and (min-width:60em){.md-typeset table{width:100%}}"
        "@media print{.md-header{display:none}}"
        "@keyframes facts{0%{height:0}to{height:100%}}"
        "[data-md-color-scheme=slate]{--md-hue:232}"
        ".md-typeset .md-typeset__scrollwrap{overflow-x:auto}"
        ".md-option:checked+label{display:none}"
        "a:not(:hover){color:blue}"
        "@media print {.md-typeset { font-size: 11pt; }}"
    )


def test_every_page_counts() -> None:
    quote = PAGE.replace("<p>Text</p>", "<blockquote>Citat</blockquote>")
    assert ".md-typeset blockquote{color:red}" not in first_paint_css(CSS, [PAGE], MARKS)
    assert ".md-typeset blockquote{color:red}" in first_paint_css(CSS, [PAGE, quote], MARKS)


def _site(tmp_path: Path) -> Path:
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "assets" / "javascripts" / "bundle.0123abcd.min.js").write_text(SCRIPT, encoding="utf-8")
    (tmp_path / "assets" / "samtalsplan").mkdir(parents=True)
    (tmp_path / "assets" / "samtalsplan" / "site.111111111111.css").write_text(CSS, encoding="utf-8")
    (tmp_path / "assets" / "samtalsplan" / "site.222222222222.css").write_text(CSS, encoding="utf-8")
    link = '<link rel="stylesheet" href="{prefix}assets/samtalsplan/site.{digest}.css">'
    pages = {
        "index.html": link.format(prefix="", digest="111111111111"),
        "under-samtalet/index.html": link.format(prefix="../", digest="111111111111"),
        "planera/index.html": link.format(prefix="../", digest="222222222222"),
    }
    for path, head in pages.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(PAGE.replace("<title>", head + "<title>"), encoding="utf-8")
    return tmp_path


def test_a_built_site_gets_a_first_paint_stylesheet_for_the_pages_without_a_form(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (first,) = split_site(site, ["assets/samtalsplan/site.111111111111.css"])
    assert first.parent == site / "assets" / "samtalsplan" and first.name.startswith("first-paint.")
    assert first.read_text(encoding="utf-8") == first_paint_css(CSS, [PAGE], MARKS)
    name = first.relative_to(site).as_posix()
    whole = "assets/samtalsplan/site.111111111111.css"
    assert f'<link rel="stylesheet" href="{name}" {FULL_ATTRIBUTE}="{whole}">' in (
        site / "index.html"
    ).read_text(encoding="utf-8")
    assert f'<link rel="stylesheet" href="../{name}" {FULL_ATTRIBUTE}="../{whole}">' in (
        site / "under-samtalet" / "index.html"
    ).read_text(encoding="utf-8")
    form = (site / "planera" / "index.html").read_text(encoding="utf-8")
    assert "first-paint" not in form and "site.222222222222.css" in form

    # The i18n plugin's English build runs the pass too: a second pass finds it done.
    before = {page: page.read_text(encoding="utf-8") for page in site.rglob("*.html")}
    assert split_site(site, ["assets/samtalsplan/site.111111111111.css"]) == [first]
    assert {page: page.read_text(encoding="utf-8") for page in site.rglob("*.html")} == before
    assert sorted(p.name for p in first.parent.glob("first-paint.*")) == [first.name]


def test_a_site_without_the_themes_script_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"expected one assets/javascripts/bundle\.\*\.min\.js, found 0"):
        split_site(tmp_path, ["assets/samtalsplan/site.111111111111.css"])
