"""The guidance pages: links, plain Swedish (LIX), our own words, twins in English.

These read the built site (`make site`) and docs/. The LIX figures are printed
for every Swedish page; run `pytest tests/test_guidance.py -s` to see them.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
# CI runs from a fresh clone with shared/ copied beside the repository, and sets
# SAMTALSPLAN_REQUIRE_REFERENCE=1 so that the article must be there; elsewhere
# (a fresh clone alone) the test that needs it skips.
ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "source-article-sv.txt"
REQUIRE_REFERENCE = "SAMTALSPLAN_REQUIRE_REFERENCE"

# The guidance pages this issue asks for: Swedish slug -> must have an English twin.
GUIDANCE = [
    "index",
    "tre-syften",
    "fore-samtalet",
    "under-samtalet",
    "efter-svaren",
    "gemensam-plan",
    "integritet",
    "ordlista",
]
PLANNER_SECTIONS = [
    "talk", "look_back", "goals", "development", "conditions", "work_environment", "actions", "follow_up", "summary",
]
LIX_MAX = 40
NGRAM = 8


def _site_path(slug: str, lang: str = "sv") -> str:
    path = "" if slug == "index" else f"{slug}/"
    return f"en/{path}" if lang == "en" else path


# --- HTML reading -------------------------------------------------------------


@dataclass
class _Page:
    ids: set[str] = field(default_factory=set)
    hrefs: list[str] = field(default_factory=list)
    switcher: dict[str, str] = field(default_factory=dict)
    resources: list[str] = field(default_factory=list)
    lang: str = ""


class _PageParser(HTMLParser):
    """Ids, <a href>s and the header's language links of one built page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.page.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.page.ids.add(a["name"])
        if tag == "html":
            self.page.lang = a.get("lang", "")
        # What the browser fetches by itself (not what a reader may click).
        for attr in ("src", "srcset", "data", "poster"):
            if a.get(attr):
                self.page.resources.append(a[attr])
        if tag == "link" and a.get("href") and a.get("rel") not in {"alternate", "canonical"}:
            self.page.resources.append(a["href"])
        if tag == "a" and "href" in a:
            self.page.hrefs.append(a["href"])
            if "md-select__link" in a.get("class", "").split() and a.get("hreflang"):
                self.page.switcher[a["hreflang"]] = a["href"]


def _parse(path: Path) -> _Page:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.page


_BLOCKS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd",
    "label", "summary", "div", "table", "tr", "ul", "ol", "blockquote", "details",
}  # fmt: skip
_SKIP = {"code", "pre", "script", "style", "svg", "kbd", "button"}


class _ArticleText(HTMLParser):
    """The reader's text of Material's article (`article.md-content__inner`),
    without code, permalinks or the edit button, as a list of text blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._depth = 0  # inside the article: nesting depth; 0 = outside
        self._skip = 0  # inside something to leave out: its depth

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in {"br", "img", "input", "hr", "meta", "link"}:
            return
        if not self._depth:
            if tag == "article" and "md-content__inner" in a.get("class", "").split():
                self._depth = 1
            return
        self._depth += 1
        if not self._skip and (tag in _SKIP or "headerlink" in a.get("class", "").split()):
            self._skip = self._depth
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in {"br", "img", "input", "hr", "meta", "link"} or not self._depth:
            return
        if tag in _BLOCKS:
            self._flush()
        if self._skip == self._depth:
            self._skip = 0
        self._depth -= 1
        if not self._depth:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._depth and not self._skip:
            self._current.append(data)


_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*|\d+")
# A sentence ends at . : ! or ? followed by a space or the end of its block
# (the usual LIX rule counts colons); a block (heading, list item, table cell)
# that ends without one is a sentence of its own.
_STOP = re.compile(r"[.:!?…]+(?=\s|$)")


@dataclass(frozen=True)
class Lix:
    words: int
    sentences: int
    long_words: int

    @property
    def value(self) -> float:
        return self.words / self.sentences + 100 * self.long_words / self.words


def lix(blocks: list[str]) -> Lix:
    """LIX = words per sentence + percentage of words longer than six letters."""
    words = sentences = long_words = 0
    for block in blocks:
        for sentence in _STOP.split(block):
            tokens = _WORD.findall(sentence)
            if not tokens:
                continue
            sentences += 1
            words += len(tokens)
            long_words += sum(1 for t in tokens if sum(c.isalpha() for c in t) > 6)
    if not words:
        raise ValueError("no words to measure")
    return Lix(words, sentences, long_words)


def article_blocks(html: Path) -> list[str]:
    parser = _ArticleText()
    parser.feed(html.read_text(encoding="utf-8"))
    if not parser.blocks:
        pytest.fail(f"{html}: no article.md-content__inner text found")
    return parser.blocks


def test_lix_helper() -> None:
    # 6 words, 3 sentences (a colon ends one), 1 long word ("långaorden"): 2 + 16.7
    assert round(lix(["Det här är kort. Här: långaorden"]).value, 1) == 18.7
    assert lix(["Rubrik utan punkt", "Ett stycke."]).sentences == 2
    assert lix(["Klockan 10:30 i dag."]).sentences == 1


# --- The pages exist, in both languages ------------------------------------------


@pytest.mark.parametrize("slug", GUIDANCE)
def test_every_guidance_page_has_an_english_twin(slug: str, site_dir: Path) -> None:
    assert (DOCS / f"{slug}.md").is_file(), f"docs/{slug}.md is missing"
    assert (DOCS / f"{slug}.en.md").is_file(), f"docs/{slug}.en.md (English twin) is missing"
    for lang in ("sv", "en"):
        html = site_dir / _site_path(slug, lang) / "index.html"
        assert html.is_file(), f"{html} was not built"
        assert _parse(html).lang == lang, f"{html}: <html lang> should be {lang}"


def test_every_swedish_page_has_an_english_twin() -> None:
    for md in DOCS.rglob("*.md"):
        if md.name.endswith(".en.md"):
            continue
        twin = md.with_name(md.name[: -len(".md")] + ".en.md")
        assert twin.is_file(), f"{md.relative_to(ROOT)} has no English twin {twin.name}"


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.levels: list[int] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "article" and "md-content__inner" in classes:
            self._inside = True
        elif self._inside and re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._inside = False


@pytest.mark.parametrize("slug", GUIDANCE)
def test_headings_are_in_order(slug: str, site_dir: Path) -> None:
    for lang in ("sv", "en"):
        parser = _Headings()
        parser.feed((site_dir / _site_path(slug, lang) / "index.html").read_text(encoding="utf-8"))
        levels = parser.levels
        assert levels[:1] == [1] and levels.count(1) == 1, f"{slug} ({lang}): one h1 first"
        jumps = [(a, b) for a, b in pairwise(levels) if b > a + 1]
        assert not jumps, f"{slug} ({lang}): heading levels skip: {jumps}"


# --- Plain Swedish -------------------------------------------------------------------


def _swedish_pages(site_dir: Path) -> Iterator[Path]:
    for html in sorted(site_dir.rglob("index.html")):
        rel = html.relative_to(site_dir)
        if rel.parts[0] in {"en", "assets", "search"}:
            continue
        yield html


def test_lix_of_every_swedish_page(site_dir: Path) -> None:
    results = {}
    for html in _swedish_pages(site_dir):
        rel = html.parent.relative_to(site_dir).as_posix()
        results["/" if rel == "." else f"/{rel}/"] = lix(article_blocks(html))
    assert {"/" + _site_path(s) for s in GUIDANCE} <= results.keys()
    print("\nLIX per Swedish page (words, sentences, long words):")
    for page, result in results.items():
        print(
            f"  {page:<20} LIX {result.value:5.1f}   "
            f"({result.words} words, {result.sentences} sentences, {result.long_words} long)"
        )
    too_hard = {p: round(r.value, 1) for p, r in results.items() if r.value > LIX_MAX}
    assert not too_hard, f"LIX above {LIX_MAX}: {too_hard}"


# --- Our own words -------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[^\W_]+", text)]


def test_no_run_of_eight_words_from_the_source_article() -> None:
    if not ARTICLE.is_file():
        reason = (
            f"The reference article is missing at {ARTICLE}. It is not ours to copy into the "
            "repository: put shared/ beside the repository (../shared) and run again."
        )
        if os.environ.get(REQUIRE_REFERENCE):
            pytest.fail(f"{reason} ({REQUIRE_REFERENCE} is set.)")
        pytest.skip(reason)
    article = _words(ARTICLE.read_text(encoding="utf-8"))
    grams = {tuple(article[i : i + NGRAM]) for i in range(len(article) - NGRAM + 1)}
    assert grams, "the reference article has fewer than eight words?"
    found = []
    for md in sorted(DOCS.rglob("*.md")):
        words = _words(md.read_text(encoding="utf-8"))
        for i in range(len(words) - NGRAM + 1):
            if tuple(words[i : i + NGRAM]) in grams:
                found.append(f"{md.relative_to(ROOT)}: “{' '.join(words[i : i + NGRAM])}”")
    assert not found, "Runs of 8 words taken from the article:\n" + "\n".join(found)


# --- Links ---------------------------------------------------------------------------


def _resolve(html: Path, href: str, site_dir: Path) -> tuple[Path, str] | None:
    """The file and fragment a relative href leads to; None for other hosts."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return html, unquote(parts.fragment)
    target = (html.parent / path).resolve()
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def test_every_internal_link_resolves(site_dir: Path) -> None:
    pages: dict[Path, _Page] = {}

    def page(path: Path) -> _Page:
        if path not in pages:
            pages[path] = _parse(path)
        return pages[path]

    broken = []
    checked = 0
    root = site_dir.resolve()
    for html in sorted(site_dir.rglob("*.html")):
        # MkDocs writes 404.html with root-absolute links on purpose: a server
        # shows it at any missing path, so relative links could not work there.
        if html.name == "404.html":
            continue
        html = html.resolve()
        for href in page(html).hrefs:
            where = f"{html.relative_to(root)} → {href}"
            if href.startswith("/"):
                broken.append(f"{where}: root-absolute, breaks under a sub-path")
                continue
            resolved = _resolve(html, href, site_dir)
            if resolved is None:
                continue
            checked += 1
            target, fragment = resolved
            if not target.is_relative_to(root):
                broken.append(f"{where}: leaves the site")
            elif not target.is_file():
                broken.append(f"{where}: no such file")
            elif fragment and target.suffix == ".html" and fragment not in page(target).ids:
                broken.append(f"{where}: no #{fragment} in {target.relative_to(root)}")
    assert checked > 100, f"only {checked} internal links found: is the site built?"
    assert not broken, "Broken internal links:\n" + "\n".join(broken)


@pytest.mark.parametrize("slug", GUIDANCE[1:-1])
def test_guidance_links_to_the_planner(slug: str, site_dir: Path) -> None:
    for lang in ("sv", "en"):
        html = site_dir / _site_path(slug, lang) / "index.html"
        planner = [h for h in _parse(html).hrefs if "planera/" in h]
        assert planner, f"{html.relative_to(site_dir)} has no link to the planner"


def test_every_planner_section_links_to_guidance(site_dir: Path) -> None:
    html = site_dir / "planera" / "index.html"
    parsed = _parse(html)
    for section in PLANNER_SECTIONS:
        assert section in parsed.ids, f"the planner has no #{section}"
    guides = [h for h in parsed.hrefs if not h.startswith(("#", "http")) and "planera" not in h]
    for slug in ("fore-samtalet", "under-samtalet", "efter-svaren", "gemensam-plan"):
        assert any(slug in h for h in guides), f"no planner section links to {slug}/"


def test_no_page_loads_anything_from_another_host(site_dir: Path) -> None:
    outside = []
    for html in sorted(site_dir.rglob("*.html")):
        for url in _parse(html).resources:
            if urlsplit(url).netloc or url.startswith("//"):
                outside.append(f"{html.relative_to(site_dir)}: {url}")
    assert not outside, "Requests to other hosts:\n" + "\n".join(outside)


def test_one_stylesheet_to_draw_then_the_whole_one_both_with_the_print_rules_inside(site_dir: Path) -> None:
    """A guidance page waits for its first-paint stylesheet alone; the whole one, named
    beside it, follows once the page has loaded (samtalsplan_site/first_paint.py)."""
    for lang in ("sv", "en"):
        html = site_dir / _site_path("fore-samtalet", lang) / "index.html"
        sheets = [r for r in _parse(html).resources if r.endswith(".css")]
        assert len(sheets) == 1 and "assets/samtalsplan/first-paint." in sheets[0], html
        found = re.search(r'data-sp-full-stylesheet="([^"]+)"', html.read_text(encoding="utf-8"))
        assert found and "assets/samtalsplan/site." in found[1], html
        first, whole = ((html.parent / name).read_text(encoding="utf-8") for name in (sheets[0], found[1]))
        for css in (first, whole):
            assert "@media print" in css and ".md-typeset .md-button:not(.md-button--primary" in css
        # A good part of the whole is left out (about a third: the theme's rules for
        # what no guidance page holds); the bench measures what that does for bytes.
        assert len(first) < 0.75 * len(whole)


# --- What the privacy page must say ----------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "facts"),
    [
        (
            "sv",
            [
                "stannar i din webbläsare",
                "Inget skickas till någon server",
                # Drafts are on by default: the page must say so, and how to remove one.
                "sparas ett utkast i webbläsaren",
                "Rensa utkast",
                "först när du laddar ner",
                "särskilda kategorier av personuppgifter",
                "hälsa",
                "fackförening",
                "rätt till tillgång",
                "Hur länge sparas planen",
                "allmän handling",
                "gallras",
            ],
        ),
        (
            "en",
            [
                "stays in your browser",
                "Nothing is sent to any server",
                "a draft is kept in the browser",
                "Clear draft",
                "only once you download",
                "special categories of personal data",
                "health",
                "union membership",
                "right of access",
                "How long is the plan kept",
                "public record",
                "deleted",
            ],
        ),
    ],
)
def test_privacy_page_states_the_facts(lang: str, facts: list[str], site_dir: Path) -> None:
    text = " ".join(article_blocks(site_dir / _site_path("integritet", lang) / "index.html"))
    missing = [fact for fact in facts if fact.lower() not in text.lower()]
    assert not missing, f"integritet ({lang}) does not say: {missing}"


# --- The language switcher -------------------------------------------------------------


@pytest.mark.parametrize("slug", [*GUIDANCE, "planera"])
def test_language_switcher_leads_to_the_twin(slug: str, site_dir: Path) -> None:
    for lang, other in (("sv", "en"), ("en", "sv")):
        html = (site_dir / _site_path(slug, lang) / "index.html").resolve()
        switcher = _parse(html).switcher
        assert set(switcher) == {"sv", "en"}, f"{html}: switcher has {switcher}"
        for code, want in ((other, _site_path(slug, other)), (lang, _site_path(slug, lang))):
            href = switcher[code]
            assert not href.startswith("/") and not urlsplit(href).netloc, (
                f"{html.relative_to(site_dir.resolve())}: {code} link {href!r} is not relative"
            )
            target = (html.parent / href).resolve() / "index.html"
            expected = (site_dir / want / "index.html").resolve()
            assert target == expected, f"{slug} ({lang}): {code} link {href!r} → {target}"


# --- Search --------------------------------------------------------------------------


def test_search_covers_both_languages(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    for slug in GUIDANCE[1:]:
        assert f"{slug}/" in locations, f"{slug}/ is not in the search index"
        assert f"en/{slug}/" in locations, f"en/{slug}/ is not in the search index"
    langs = index["config"]["lang"]
    assert "sv" in langs and "en" in langs, f"search languages: {langs}"
