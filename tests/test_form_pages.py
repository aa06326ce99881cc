"""What the build resolves for each page with a form (samtalsplan_site.form_pages),
and the templates that print it, under Jinja2 (MkDocs) and MiniJinja (Zensical)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jinja2
import minijinja
import pytest

from samtalsplan_site.form_pages import KINDS, form_page, relative, selfcheck_page, template_anchors
from samtalsplan_site.site_settings import SettingsError, read_settings

ROOT = Path(__file__).resolve().parents[1]
OVERRIDES = ROOT / "overrides"
ASSETS = {
    "runtime": "assets/pyodide/314.0.7/",
    "lockfile": "assets/python/0123456789abcdef/pyodide-lock.json",
    "stdlib": "assets/python/0123456789abcdef/python_stdlib.zip",
    "packages": ["samtalsplan"],
}
SETTINGS = read_settings(
    {"organisation_goals": ['Nöjdare kunder <snabbt> & "nu"'], "guide": {"talk": "fore-samtalet/#inbjudan"}}
)


@pytest.mark.parametrize(
    ("target", "page", "link"),
    [
        ("assets/samtalsplan/client.mjs", "planera/", "../assets/samtalsplan/client.mjs"),
        ("lagring/", "en/planera/", "../../lagring/"),
        ("en/lagring/", "en/planera/", "../lagring/"),
        ("", "planera/", "../"),
        ("", "", "./"),
        ("fore-samtalet/#inbjudan", "planera/", "../fore-samtalet/#inbjudan"),
        ("planera/", "planera/", "./"),
    ],
)
def test_links_are_relative_to_the_page(target: str, page: str, link: str) -> None:
    assert relative(target, page) == link


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"max_goal": 3}, "extra.samtalsplan has no setting 'max_goal'; the settings are: organisation_goals,"),
        ({"follow_up_months": 9}, "The setting extra.samtalsplan.follow_up_months has a wrong value: it must be a whole number from 1 to 6."),
        ({"timeout_seconds": "60"}, "extra.samtalsplan.timeout_seconds: it must be a whole number of seconds from 5 to 600."),
        ({"prefetch_python": "yes"}, "extra.samtalsplan.prefetch_python: it must be true or false."),
        ({"guide": {"talks": "x/"}}, "extra.samtalsplan.guide.talks: there is no such planner section; the sections are: talk, look_back, goals,"),
        ({"guide": {"talk": "/x/"}}, "extra.samtalsplan.guide.talk: it must be a path in the site, such as fore-samtalet/ (no leading /)."),
        ([1], "extra.samtalsplan must be a group of settings (keys and values)."),
    ],
)
def test_a_wrong_setting_stops_the_build_naming_it(extra: Any, message: str) -> None:
    with pytest.raises(SettingsError) as raised:
        read_settings(extra)
    assert str(raised.value).startswith(message)


def test_defaults_come_from_one_place() -> None:
    settings = read_settings(None)
    config = json.loads(form_page("planner", "sv", "planera/", settings, ASSETS)["config_json"])
    assert (config["timeoutSeconds"], config["drafts"], config["settings"]["max_goals"]) == (60, True, 5)


def _config(kind: str, lang: str = "sv") -> dict[str, Any]:
    page = form_page(kind, lang, f"{'en/' if lang == 'en' else ''}planera/", SETTINGS, ASSETS)
    return json.loads(page["config_json"])


def test_each_page_names_its_own_work() -> None:
    assert _config("planner")["messages"]["page.ready"] == "Planeraren är redo."
    assert _config("preparation")["messages"]["page.ready"] == "Förberedelsen är redo."
    assert _config("team", "en")["messages"]["page.ready"] == "The team view is ready. Choose the team's plan files."
    assert form_page("preparation", "sv", "forbered-dig/", SETTINGS, ASSETS)["text"]["storage_link"] == "Var sparas dina svar?"


def test_only_the_pages_that_can_lose_typed_text_keep_a_draft_and_a_fallback() -> None:
    assert {kind: (_config(kind)["draft"], bool(_config(kind)["fallback"])) for kind in KINDS} == {
        "planner": ("planner", True),
        "preparation": ("preparation", True),
        "follow_up": ("follow-up", False),
        "team": (None, False),
    }
    assert _config("planner")["fallback"]["wrapper"] == {"format": "samtalsplan", "version": 3}


def test_guidance_links_follow_the_page_language() -> None:
    for lang, page_url, url in (("sv", "planera/", "../fore-samtalet/#inbjudan"), ("en", "en/planera/", "../fore-samtalet/#inbjudan")):
        (talk, *_) = form_page("planner", lang, page_url, SETTINGS, ASSETS)["form"]
        assert talk["guide"]["url"] == url
    english = form_page("planner", "en", "en/planera/", SETTINGS, ASSETS)
    assert english["storage_url"] == "../lagring/"


def test_an_unknown_page_stops_the_build() -> None:
    with pytest.raises(ValueError, match="front matter samtalsplan: 'plan' is no page with a form"):
        form_page("plan", "sv", "planera/", SETTINGS, ASSETS)


# The templates, under both engines ------------------------------------------------


def _jinja2(context: dict[str, Any], name: str) -> str:
    # As MkDocs makes its environment: no autoescaping, so the resolved object escapes.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(OVERRIDES))
    return env.get_template(name).render(**context)


def _minijinja(context: dict[str, Any], name: str) -> str:
    env = minijinja.Environment(loader=lambda path: (OVERRIDES / path).read_text(encoding="utf-8"))
    return env.render_template(name, **context)


def _normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


class _Checked(HTMLParser):
    """Ids, option values and label targets of a page, outside <template>s
    (which hold a copy of a list's first item, for the script to add)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.options: list[str] = []
        self.labels_for: list[str] = []
        self._templates = 0

    def handle_endtag(self, tag: str) -> None:
        self._templates -= tag == "template"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self._templates += tag == "template"
        if self._templates:
            return
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if tag == "option" and a.get("value"):
            self.options.append(a["value"] or "")
        if tag == "label" and a.get("for"):
            self.labels_for.append(a["for"] or "")


PAGES = [(kind, f"partials/sp-{kind.replace('_', '-')}.html") for kind in KINDS]


@pytest.mark.parametrize(("kind", "partial"), PAGES)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_both_template_engines_print_the_same_page(kind: str, partial: str, lang: str) -> None:
    context = {"samtalsplan": form_page(kind, lang, "planera/", SETTINGS, ASSETS)}
    by_jinja2, by_minijinja = _jinja2(context, partial), _minijinja(context, partial)
    assert _normalised(by_jinja2) == _normalised(by_minijinja)
    checked = _Checked()
    checked.feed(by_jinja2)
    assert len(checked.ids) == len(set(checked.ids)), "ids are unique"
    assert set(checked.labels_for) <= set(checked.ids), "every label has its control"
    if kind == "planner":
        assert checked.options.count('Nöjdare kunder <snabbt> & "nu"') == 1, "values are escaped once"
        remove = "Ta bort mål 1" if lang == "sv" else "Remove goal 1"
        assert by_jinja2.count(remove) == 2, "the first goal and the template for new ones"


def test_the_self_check_prints_alike_under_both_engines() -> None:
    context = {"samtalsplan": selfcheck_page("sv", "systemkontroll/", SETTINGS, ASSETS)}
    name = "partials/selfcheck.html"
    assert _normalised(_jinja2(context, name)) == _normalised(_minijinja(context, name))


def test_the_config_cannot_end_its_script_element() -> None:
    settings = read_settings({"organisation_goals": ["</script><script>alert(1)</script>"]})
    page = form_page("planner", "sv", "planera/", settings, ASSETS)
    assert "</" not in page["config_json"]
    assert json.loads(page["config_json"])["settings"]["organisation_goals"] == ["</script><script>alert(1)</script>"]


def test_templates_hold_no_decisions_about_languages_or_keys() -> None:
    for template in [*OVERRIDES.glob("*.html"), *OVERRIDES.glob("partials/*.html")]:
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"""lang\s*==|== ?["'](sv|en)["']|\[\d*:\d*\]|\.get\(|config\.extra""", text), template.name


def test_a_form_page_s_anchors_are_the_ids_its_template_prints() -> None:
    html = '<section class="sp-section" id="goals"><input id="sp-f-goals-0-title" name="x"><div data-id="no">'
    assert template_anchors(html) == {"goals", "sp-f-goals-0-title"}
