"""The accessibility statement: the organisation's parts filled in from its
settings, checked at build time; the footer link on every page; and our parts
true to the repository (the tests it names exist)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from samtalsplan import __version__
from samtalsplan_site.site_settings import Accessibility, SettingsError, read_settings
from samtalsplan_site.statement import fill

ROOT = Path(__file__).resolve().parents[1]
PAGES = {"sv": ROOT / "docs" / "tillganglighet.md", "en": ROOT / "docs" / "tillganglighet.en.md"}
SET = read_settings(
    {
        "accessibility": {
            "organisation": "Exempelkommunen",
            "service": "Samtalsplan_för *alla*",
            "feedback": "tillganglighet@exempelkommunen.se",
            "reviewed": date(2026, 11, 30),
        }
    }
).accessibility


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_organisations_parts_are_filled_in(lang: str) -> None:
    text = fill(PAGES[lang].read_text(encoding="utf-8"), SET, "tillganglighet.md")
    assert "[[" not in text and "]]" not in text
    assert "!!! warning" not in text, "nothing is missing: no box"
    assert "Exempelkommunen" in text
    assert r"Samtalsplan\_för \*alla\*" in text, "a setting's text cannot make markup"
    assert "[tillganglighet@exempelkommunen.se](mailto:tillganglighet@exempelkommunen.se)" in text
    assert "2026-11-30" in text
    assert f"version {__version__}" in text


@pytest.mark.parametrize(("lang", "box"), [("sv", "Redogörelsen är inte klar"), ("en", "This statement is not finished")])
def test_unset_the_page_says_what_to_fill_in(lang: str, box: str) -> None:
    partial = Accessibility(organisation="Exempelkommunen")
    text = fill(PAGES[lang].read_text(encoding="utf-8"), partial, "tillganglighet.md")
    assert f'!!! warning "{box}"' in text
    assert "`service`, `feedback`, `reviewed`" in text
    assert "Exempelkommunen" in text
    assert "**[" in text, "what is unset shows in bold brackets"
    assert "[[" not in text


def test_a_web_address_for_feedback_becomes_a_link() -> None:
    text = fill("Skriv till [[feedback|x]].", Accessibility(feedback="https://kommun.se/synpunkter"), "p.md")
    assert text == "Skriv till [https://kommun.se/synpunkter](https://kommun.se/synpunkter)."


def test_a_wrong_placeholder_stops_the_build_naming_the_page() -> None:
    with pytest.raises(ValueError, match=r"tillganglighet\.md: no placeholder \[\[organization\]\]"):
        fill("[[organization|x]]", Accessibility(), "tillganglighet.md")
    with pytest.raises(ValueError, match=r"needs a text to show while unset"):
        fill("[[service]]", Accessibility(), "tillganglighet.md")


# The day after the test runs, not after the tests were collected: a run that
# crosses midnight would otherwise give today's date as the future one.
TOMORROW = "tomorrow"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("Exempelkommunen", "extra.samtalsplan.accessibility: it must be a group of settings: organisation, service, feedback, reviewed."),
        ({"organization": "x"}, "extra.samtalsplan.accessibility: there is no setting 'organization'"),
        ({"organisation": ""}, "extra.samtalsplan.accessibility.organisation: it must be the name of the public body"),
        ({"service": 7}, "extra.samtalsplan.accessibility.service: it must be the name of the site"),
        ({"feedback": "ring växeln"}, "extra.samtalsplan.accessibility.feedback: it must be an email address"),
        ({"feedback": "ftp://kommun.se"}, "extra.samtalsplan.accessibility.feedback: it must be an email address"),
        ({"reviewed": "30/11/2026"}, "extra.samtalsplan.accessibility.reviewed: it must be the date"),
        ({"reviewed": TOMORROW}, "extra.samtalsplan.accessibility.reviewed: it must be the date"),
    ],
)
def test_a_wrong_statement_setting_stops_the_build_naming_it(given: Any, message: str) -> None:
    if given == {"reviewed": TOMORROW}:
        given = {"reviewed": (date.today() + timedelta(days=1)).isoformat()}
    with pytest.raises(SettingsError) as raised:
        read_settings({"accessibility": given})
    assert str(raised.value).startswith(message)


def test_the_statement_settings_are_optional_and_taken_as_yaml_gives_them() -> None:
    assert read_settings({}).accessibility.missing() == ("organisation", "service", "feedback", "reviewed")
    assert read_settings({"accessibility": {"reviewed": "2026-11-30"}}).accessibility.reviewed == date(2026, 11, 30)


def test_every_test_the_statement_names_exists() -> None:
    for page in PAGES.values():
        named = re.findall(r"`(tests/[\w/]+\.py)`", page.read_text(encoding="utf-8"))
        assert len(named) >= 4, page.name
        for path in named:
            assert (ROOT / path).is_file(), f"{page.name} names {path}, which is not there"


def test_the_footer_is_the_themes_with_the_statement_link() -> None:
    """Our copy of the theme's partials/copyright.html: the theme's markup, plus one
    line, and the theme's generator switch resolved by the build."""
    import material

    theme = (Path(material.__file__).parent / "templates" / "partials" / "copyright.html").read_text(encoding="utf-8")
    ours = (ROOT / "overrides" / "partials" / "copyright.html").read_text(encoding="utf-8")

    def markup(text: str) -> str:
        text = re.sub(r"\{#-.*?-#\}", "", text, flags=re.DOTALL)
        return " ".join(text.split())

    expected = markup(theme).replace(
        "{% if not config.extra.generator == false %}", "{% if samtalsplan.made_with %}"
    )
    link = '<div class="sp-footer__statement"><a href="{{ samtalsplan.statement.url }}">{{ samtalsplan.statement.label }}</a></div> '
    assert markup(ours).replace(link, "") == expected


# The built site --------------------------------------------------------------------


class _Footer(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.links: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        if tag == "div" and a.get("class") == "sp-footer__statement":
            self._inside = True
        elif tag == "a" and self._inside:
            self.links.append(a.get("href") or "")
            self._inside = False


def test_every_page_links_to_the_statement_in_its_language(site_dir: Path) -> None:
    pages = [p for p in sorted(site_dir.rglob("*.html")) if p.relative_to(site_dir).parts[0] != "assets"]
    assert len(pages) > 30
    for html in pages:
        footer = _Footer()
        footer.feed(html.read_text(encoding="utf-8"))
        (href,) = footer.links
        statement = "en/tillganglighet/" if footer.lang == "en" else "tillganglighet/"
        if html.name == "404.html":  # served at any path: from the root, as the theme's links
            assert href == "/" + statement
            continue
        assert not href.startswith("/"), f"{html}: {href}"
        assert (html.parent / href).resolve() == (site_dir / statement).resolve(), f"{html}: {href}"


def test_the_default_statement_says_what_is_missing(site_dir: Path) -> None:
    html = (site_dir / "tillganglighet" / "index.html").read_text(encoding="utf-8")
    assert "Redogörelsen är inte klar" in html
    assert "delvis förenlig" in html
    assert 'href="https://www.digg.se/tdosanmalan"' in html
    assert "[[" not in html
