"""The Markdown document: every section present, user text unable to change its structure."""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from enum import Enum
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from samtalsplan import Action, Agreement, Goal, Owner, Plan, Talk, parse, render_markdown
from samtalsplan.markdown import escape

from .test_codec import plans

FULL = parse((Path(__file__).parent / "fixtures" / "valid" / "full.json").read_text(encoding="utf-8"))
# CommonMark plus GFM tables and strikethrough, as email clients and Git hosts read it.
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])

SECTIONS_SV = [
    "Mål och prioriteringar för året",
    "Kompetensutveckling och stöd",
    "Förutsättningar för att lyckas",
    "Arbetsmiljö och arbetsbelastning",
    "Gemensam handlingsplan",
    "Uppföljning",
    "Sammanfattning",
    "Överenskommelse",
]


def headings(markdown: str) -> list[tuple[str, str]]:
    tokens = MARKDOWN.parse(markdown)
    return [
        (tok.tag, tokens[i + 1].content)
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open"
    ]


def is_line_break(token: Token) -> bool:
    """Kept line breaks: hard breaks in paragraphs, the renderer's <br> in table cells."""
    return token.type in ("softbreak", "hardbreak") or (
        token.type == "html_inline" and token.content == "<br>"
    )


def structure(markdown: str) -> list[str]:
    """The block and inline markup the document makes, without its text or line breaks."""
    out = []
    for token in MARKDOWN.parse(markdown):
        if token.type == "inline":
            out += [
                c.type for c in token.children or [] if c.type != "text" and not is_line_break(c)
            ]
        else:
            out.append(token.type)
    return out


def text_of(markdown: str) -> str:
    return "".join(
        child.content
        for token in MARKDOWN.parse(markdown)
        if token.type == "inline"
        for child in token.children or []
        if child.type == "text"
    )


def test_every_section_is_present_in_order() -> None:
    found = headings(render_markdown(FULL, "sv"))
    assert found[0] == ("h1", "Medarbetarsamtal med Åsa Öberg")
    assert [text for tag, text in found if tag == "h2"] == SECTIONS_SV
    assert ("h3", "1. Korta svarstiderna i kundtjänsten") in found
    assert ("h3", "2. Leda teamets veckomöten") in found


def test_every_text_of_the_plan_reaches_the_document() -> None:
    rendered = text_of(render_markdown(FULL, "sv"))
    for value in [
        "Åsa Öberg",
        "Karin Lund",
        "2026-12-03",
        "Kundtjänst, teamledare",
        "Verksamhetsmålet: nöjdare kunder 2027",
        "Det påverkar förtroendet.",
        "Kartlägg var ärendena fastnar",
        "Leda vartannat möte under våren",
        "Mediantiden för svar är under två dagar i juni.",
        "Mentorskap",
        "Januari–juni 2027",
        "Behörighet att ta ut rapporter, och två timmar i veckan",
        "Karin ordnar behörigheten",
        "Boka första mötet med mentorn",
        "2027-01-15",
        "Chefen",
        "2027-03-10",
        "Vi är överens om två mål",
    ]:
        assert value in rendered, value


def test_english_document() -> None:
    found = headings(render_markdown(FULL, "en"))
    assert found[0] == ("h1", "Development talk with Åsa Öberg")
    assert ("h2", "Joint action plan") in found


def test_actions_form_a_table_with_one_row_each() -> None:
    tokens = MARKDOWN.parse(render_markdown(FULL, "sv"))
    assert sum(tok.type == "tr_open" for tok in tokens) == 1 + len(FULL.actions)


def test_blank_items_are_left_out() -> None:
    plan = Plan(talk=Talk(employee="Bo"), goals=(Goal(), Goal(title="Ett mål"), Goal(steps=("",))))
    assert [text for tag, text in headings(render_markdown(plan)) if tag == "h3"] == [
        "1. Ett mål",
        "Hinder att undanröja",
        "Det här åtar sig chefen",
        "Underskrifter",
    ]


HOSTILE = [
    "# Rubrik",
    "## Inte en rubrik\n---",
    "Rad\n===",
    "- punkt\n* punkt\n+ punkt",
    "1. ett\n2) två",
    "> citat",
    "**fet** _kursiv_ ~~struken~~ `kod`",
    "[länk](https://example.org) ![bild](x.png) <https://example.org>",
    "<script>alert(1)</script> <b>fet</b> &amp; &#60;",
    "a | b | c",
    "    indraget som kod",
    "```\nkodblock\n```",
    "\\ backslash \\\\",
    "Rubrik #",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_user_text_cannot_change_the_structure(hostile: str) -> None:
    safe = Plan(
        talk=Talk(employee="Anna", manager="Bo", date="2026-12-01"),
        goals=(Goal(title="Mål", why="Text"),),
        actions=(Action(what="Gör", owner=Owner.BOTH),),
        summary="Text",
    )
    attacked = Plan(
        talk=Talk(employee=hostile.replace("\n", " "), manager="Bo", date="2026-12-01"),
        goals=(Goal(title=hostile.replace("\n", " "), why=hostile),),
        actions=(Action(what=hostile, owner=Owner.BOTH),),
        summary=hostile,
    )
    assert structure(render_markdown(attacked)) == structure(render_markdown(safe))


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_escaped_text_reads_back_as_the_same_text(line: str) -> None:
    line = line.strip()
    rendered = text_of(escape(line)) if line else ""
    # Markdown collapses runs of spaces only at the ends; the words come back as typed.
    assert rendered.split() == line.split()


def _neutral(value: object, words: dict[str, str] | None = None) -> object:
    """The same plan with every text replaced by plain words (blank stays blank);
    the same text gets the same words, as a goal's title and its line at a
    check-in must, and different texts different ones."""
    words = {} if words is None else words
    if isinstance(value, Enum):
        return value
    if isinstance(value, str):
        word = words.setdefault(value.strip(), f"x{len(words)}")
        return "\n".join(word for line in value.splitlines() if line.strip())
    if isinstance(value, tuple):
        return tuple(_neutral(v, words) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: _neutral(getattr(value, f.name), words) for f in fields(value)})
    return value


@settings(max_examples=300)
@given(plans, st.sampled_from(["sv", "en"]))
def test_no_text_can_change_the_structure(plan: Plan, lang: str) -> None:
    """Any text in any field, newlines and markup included: the document has the
    headings, lists and tables of the same plan written in plain words."""
    assert structure(render_markdown(plan, lang)) == structure(render_markdown(_neutral(plan), lang))


@pytest.mark.parametrize("fingerprint", ["`", "a`b", "``x``", "sha256:` **bold** `", " ` "])
def test_a_fingerprint_from_a_file_stays_one_code_span(fingerprint: str) -> None:
    """A changed file may hold any fingerprint; backslashes do not escape a code span."""
    plan = Plan(agreement=Agreement(fingerprint=fingerprint))
    line = next(x for x in render_markdown(plan).splitlines() if x.startswith("**Fingeravtryck"))
    code = MARKDOWN.parseInline(line)[0].children or []
    assert [c.type for c in code if c.type == "code_inline"] == ["code_inline"]
    assert next(c.content for c in code if c.type == "code_inline") == " ".join(fingerprint.split())


def test_a_line_break_in_a_one_line_field_stays_inside_it() -> None:
    """The form's name and date fields hold one line, but a file may not."""
    plan = Plan(talk=Talk(employee="Anna\n# Ond rubrik", date="2026\n- 12"))
    assert headings(render_markdown(plan))[0] == ("h1", "Medarbetarsamtal med Anna \\# Ond rubrik")
    assert structure(render_markdown(plan)) == structure(render_markdown(Plan(talk=Talk(employee="A", date="B"))))
