"""The plan as a document: one HTML renderer for the printout and the standalone
copy, and the Markdown beside it. Fixture plans in fixtures/documents/ with the
expected output beside each (NAME.LANG.html, NAME.LANG.standalone.html,
NAME.LANG.md); ``SAMTALSPLAN_WRITE_EXPECTED=1`` writes them anew to review."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from samtalsplan import Action, Development, Goal, Plan, Talk, parse, render_markdown
from samtalsplan.document import document_title, render_document, render_html, stylesheet
from samtalsplan.fields import texts

DOCUMENTS = Path(__file__).parent / "fixtures" / "documents"
CASES = sorted(p for p in DOCUMENTS.glob("*.json"))
RENDERERS = {
    "html": render_document,
    "standalone.html": render_html,
    "md": render_markdown,
}


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("kind", sorted(RENDERERS))
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_every_renderer_gives_the_expected_document(case: Path, kind: str, lang: str) -> None:
    rendered = RENDERERS[kind](parse(case.read_text(encoding="utf-8")), lang)
    expected = case.with_suffix(f".{lang}.{kind}")
    if os.environ.get("SAMTALSPLAN_WRITE_EXPECTED"):
        expected.write_text(rendered, encoding="utf-8")
    assert rendered == expected.read_text(encoding="utf-8")


class _Reader(HTMLParser):
    """The text a reader sees, and every tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    return reader


FULL = parse((DOCUMENTS / "full.json").read_text(encoding="utf-8"))


def test_every_text_of_the_plan_reaches_the_document() -> None:
    seen = " ".join("".join(_read(render_document(FULL)).text).split())
    for path, text in texts(FULL):
        for line in text.splitlines():
            assert " ".join(line.split()) in seen, path


@pytest.mark.parametrize("hostile", ["<script>alert(1)</script>", "</article><p>", '" onclick="x', "&amp; &lt;"])
def test_user_text_is_escaped_and_cannot_add_markup(hostile: str) -> None:
    plan = Plan(
        talk=Talk(employee=hostile, manager=hostile, date="2026-12-01"),
        goals=(Goal(title=hostile, why=hostile, steps=(hostile,)),),
        development=(Development(what=hostile),),
        actions=(Action(what=hostile),),
        summary=hostile,
    )
    safe = Plan(
        talk=Talk(employee="x", manager="x", date="2026-12-01"),
        goals=(Goal(title="x", why="x", steps=("x",)),),
        development=(Development(what="x"),),
        actions=(Action(what="x"),),
        summary="x",
    )
    assert _read(render_document(plan)).tags == _read(render_document(safe)).tags
    assert hostile in "".join(_read(render_document(plan)).text)


def test_the_standalone_copy_is_one_file_without_scripts_and_prints_on_a4() -> None:
    html = render_html(FULL, "en")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">\n')
    assert "<title>Development talk with Åsa Öberg, 2026-12-03</title>" in html
    assert "script" not in _read(html).tags
    assert not re.search(r"<link|src=", html), "nothing to fetch"
    assert stylesheet() in html
    assert re.search(r"@page\s*\{\s*size:\s*A4;", stylesheet())


def test_the_print_keeps_headings_with_what_follows_and_prints_black_on_white() -> None:
    css = stylesheet()
    assert re.search(r"\.sp-doc h3 \{\s*color: #000;[^}]*break-after: avoid;", css.replace(",\n", " "))
    assert "break-inside: avoid" in css
    assert re.search(r"\.sp-doc \{[^}]*color: #000;\s*background: #fff;", css)


def test_empty_kinds_say_so_in_words_and_the_fingerprint_is_explained() -> None:
    markdown = render_markdown(FULL, "sv")
    assert "**Typ inte vald:** Lära mig handleda" in markdown
    assert "**–:**" not in markdown
    assert "Fingeravtrycket räknas fram ur planens innehåll" in markdown
    assert "Typ inte vald" in render_document(FULL, "sv")


def test_progress_over_time_is_a_table_of_the_check_ins() -> None:
    html = render_document(FULL, "sv")
    table = html[html.index("<h3>Åtgärderna</h3>"):]
    assert "<th scope=\"col\">2027-03-10</th><th scope=\"col\">2027-06-09</th>" in table
    assert "<strong>Pågår</strong><br><span class=\"sp-doc__note\">Väntar på IT.</span>" in table
    assert "<strong>Klar</strong><br><span class=\"sp-doc__note\">Klart i april.</span>" in table


def test_the_agreement_has_a_line_for_each_signature() -> None:
    html = render_document(FULL, "sv")
    assert html.count('<p class="sp-doc__line">Underskrift</p>') == 2
    assert html.count('<p class="sp-doc__line">Datum</p>') == 2
    assert "Medarbetare: Åsa Öberg" in html and "Chef: Karin Lund" in html


def test_a_pdf_of_the_print_is_named_as_the_downloads() -> None:
    assert document_title(FULL) == "samtalsplan-2026-12-03-åsa-öberg"
    assert document_title(Plan()) == "samtalsplan"
