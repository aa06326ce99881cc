"""One stylesheet a page (samtalsplan_site.stylesheets), and the site's compressed copies."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
import pytest

from samtalsplan_site.compression import precompress_site
from samtalsplan_site.stylesheets import Stylesheets, only_colours, stylesheets, without_switching

MAIN = "assets/stylesheets/main.0123abcd.min.css"
PALETTE = "assets/stylesheets/palette.0123abcd.min.css"
OURS = "assets/samtalsplan/samtalsplan.css"
FORMS = "assets/samtalsplan/forms.css"


def test_only_the_palette_colours_the_site_uses_are_kept() -> None:
    css = (
        "@media screen{[data-md-color-scheme=slate]{color-scheme:dark}}"
        "[data-md-color-primary=indigo],[data-md-color-primary=red]{--md-primary-bg-color:#fff}"
        "[data-md-color-accent=red]{--md-accent-fg-color:red}"
        "@media screen and (min-width:76.25em){[data-md-color-primary=red] .md-tabs{color:red}}"
    )
    assert only_colours(css, frozenset({"indigo"})) == (
        "@media screen{[data-md-color-scheme=slate]{color-scheme:dark}}"
        "[data-md-color-primary=indigo]{--md-primary-bg-color:#fff}"
    )


SWITCHING = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,[data-md-color-switching] :before"
    "{transition-duration:0s!important}"
)


def test_the_palette_loses_the_rule_that_restyles_every_page_on_load() -> None:
    css = f"[data-md-color-scheme=slate]{{color-scheme:dark}}@media screen{{a{{color:red}}{SWITCHING}}}"
    assert without_switching(css) == "[data-md-color-scheme=slate]{color-scheme:dark}@media screen{a{color:red}}"
    assert without_switching(SWITCHING + "b{}") == "b{}"


@pytest.mark.parametrize("css", ["a{color:red}", SWITCHING + SWITCHING], ids=["missing", "twice"])
def test_a_changed_palette_stops_the_build(css: str) -> None:
    with pytest.raises(ValueError, match=r"the theme has changed: see samtalsplan_site/stylesheets\.py"):
        without_switching(css)


def test_the_built_pages_stylesheets_keep_no_rule_for_switching(site_dir: Path) -> None:
    joined = sorted((site_dir / "assets" / "samtalsplan").glob("site.*.css"))
    assert joined and not [p.name for p in joined if "data-md-color-switching" in p.read_text(encoding="utf-8")]


def test_a_page_links_one_file_that_joins_its_stylesheets_in_order() -> None:
    sheets = Stylesheets({MAIN: "main{}", PALETTE: "palette{}", OURS: "ours{}", FORMS: "forms{}"})
    page = (
        '<head>\n  <link rel="stylesheet" href="../assets/stylesheets/main.0123abcd.min.css">\n'
        '  <link rel="stylesheet" href="../assets/stylesheets/palette.0123abcd.min.css">\n'
        '  <link rel="stylesheet" href="../assets/samtalsplan/samtalsplan.css">\n'
        '  <link rel="stylesheet" href="../assets/other.css">\n</head>'
    )
    rewritten = sheets.rewrite(page)
    (name,) = sheets.joined
    assert rewritten == (
        f'<head>\n  <link rel="stylesheet" href="../{name}">\n'
        '  <link rel="stylesheet" href="../assets/other.css">\n</head>'
    )
    assert sheets.joined[name].index("main{}") < sheets.joined[name].index("palette{}") < sheets.joined[name].index("ours{}")
    with_forms = sheets.rewrite(page.replace("</head>", '<link rel="stylesheet" href="../assets/samtalsplan/forms.css"></head>'))
    assert len(sheets.joined) == 2 and "forms{}" not in sheets.joined[name]
    assert with_forms.count('rel="stylesheet"') == 2
    # The pages without a form get a first-paint stylesheet before theirs (first_paint.py).
    assert sheets.without_forms() == [name]


def test_the_theme_s_files_are_found_and_ours_is_required(tmp_path: Path) -> None:
    theme, overrides = tmp_path / "material", tmp_path / "overrides"
    (theme / "assets" / "stylesheets").mkdir(parents=True)
    (theme / MAIN).write_text("main{}/*# sourceMappingURL=main.css.map*/", encoding="utf-8")
    (overrides / "assets" / "samtalsplan").mkdir(parents=True)
    (overrides / OURS).write_text("ours{}", encoding="utf-8")
    (overrides / FORMS).write_text("forms{}", encoding="utf-8")
    sheets = stylesheets([overrides, theme], frozenset({"indigo"}))
    assert sheets.parts == {MAIN: "main{}", OURS: "ours{}", FORMS: "forms{}"}, "no palette, no source map"


def test_the_site_gets_compressed_copies_made_once(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    (site / "a").mkdir(parents=True)
    text = ("<p>Medarbetarsamtal</p>\n" * 200).encode()
    (site / "a" / "index.html").write_bytes(text)
    (site / "tiny.css").write_bytes(b"p{}")
    (site / "stdlib.zip").write_bytes(b"PK" + bytes(4000))
    assert precompress_site(site, cache) == 2
    assert brotli.decompress((site / "a" / "index.html.br").read_bytes()) == text
    assert gzip.decompress((site / "a" / "index.html.gz").read_bytes()) == text
    assert not (site / "tiny.css.br").exists() and not (site / "stdlib.zip.br").exists()
    made = sorted(p.name for p in cache.iterdir())
    (site / "a" / "index.html.br").unlink()
    (site / "a" / "index.html.gz").unlink()
    assert precompress_site(site, cache) == 2 and sorted(p.name for p in cache.iterdir()) == made
