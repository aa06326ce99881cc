"""A guidance page's first paint waits for the rules it can use, not the whole stylesheet.

A guidance page's content is all in its markup, and most of its stylesheet (the
theme's, its palette's and ours, joined by ``stylesheets.py``) is rules for what
no guidance page holds: the theme's other components, its search results,
diagrams, versions. On a phone the whole of it, some 20 KB compressed, takes two
round trips where a stylesheet within one TCP initial window (about 14 KB) takes
one, and the browser matches every rule against the page before it can draw.

So the build gives those pages a *first-paint* stylesheet: the joined one less
every rule that nothing on any of them could match, the rules it keeps kept as
written and in their order. A rule is kept when one of its selectors matches an
element of a built page once what can change after the build is set aside:

- a state (``:hover``, ``:checked`` and every other pseudo-class but the
  structural ones) and a pseudo-element;
- a palette's colours (``data-md-color-*``), which the header sets before the
  first paint;
- what the theme's script adds once it runs, read from its bundle: the classes
  it adds to elements (``classList.add("…")``), the attributes it sets, and the
  elements it makes (``x("a", {…})``, ``class:"…"``, classes built in template
  literals), which may be anywhere, with any attributes: a selector whose
  subject could be one of them is kept where the element it would be in is.

A selector that cannot be judged (a state inside ``:not()``, one the matcher does
not know) keeps its rule.

The page links the first-paint stylesheet and names the whole one in
``data-sp-full-stylesheet``; once the page has loaded, a line in
``overrides/main.html`` links the whole one right after it. The whole one holds
every rule of the first in the same order, so from then on the page is styled
exactly as by the whole one alone; a browser test compares every element's style
before and after on every guidance page, in both palettes. Without scripts the
first-paint rules style all there is. The form pages keep their one stylesheet:
their scripts build parts of the form from data.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Final
from xml.etree import ElementTree

import cssselect2  # type: ignore[import-untyped]  # no stubs
import tinycss2  # type: ignore[import-untyped]  # no stubs
import tinycss2.ast  # type: ignore[import-untyped]

FULL_ATTRIBUTE: Final = "data-sp-full-stylesheet"
FOLDER: Final = "assets/samtalsplan"
THEME_SCRIPT: Final = "assets/javascripts/bundle.*.min.js"

# Pseudo-classes that say where an element is, not what state it is in: kept.
_STRUCTURAL: Final = frozenset({
    "root", "empty", "first-child", "last-child", "only-child", "first-of-type",
    "last-of-type", "only-of-type", "scope",
})
_STRUCTURAL_FUNCTIONS: Final = frozenset(
    {"nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type", "lang", "dir"}
)
# Functional pseudo-classes that hold selectors: kept when nothing inside them can change.
_SELECTOR_FUNCTIONS: Final = frozenset({"not", "is", "where", "has", "matches"})
_COMBINATORS: Final = frozenset({">", "+", "~"})
_GROUPS: Final = frozenset({"media", "supports"})
# The palette's attributes: the header picks a palette before the first paint.
_PALETTE_ATTRIBUTE: Final = "data-md-color-"
# Elements without an end tag (the HTML standard's void elements).
_VOID: Final = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})

# What the theme's script adds, as its minified bundle writes it.
_TOGGLED: Final = re.compile(r"""classList\.(?:add|toggle|remove|replace)\(\s*"([^"]*)\"""")
_MADE_CLASSES: Final = re.compile(r"""\bclass(?:Name)?\s*[:=]\s*"([^"]*)\"""")
_MADE_TAGS: Final = re.compile(
    r"""\b[A-Za-z_$][\w$]*\(\s*"([a-z][a-z0-9]*)"\s*,\s*(?:\{|null)"""  # its JSX factory
    r"""|createElement\(\s*"([a-z][a-z0-9]*)"\)"""
)
_ATTRIBUTES: Final = re.compile(r"""(?:set|remove|toggle)Attribute\(\s*"([^"]*)\"""")
_PROPERTIES: Final = re.compile(r"\.(hidden)\s*=")  # attributes set as properties
# Template literals build classes from parts (`tabbed-control tabbed-control--${side}`):
# their hyphenated words are classes, and a word that runs into ${…} is a prefix.
_TEMPLATES: Final = re.compile(r"`((?:[^`$\\]|\\.|\$(?!\{)|\$\{[^{}`]*\})*)`")
_TEMPLATE_WORD: Final = re.compile(r"(?<![\w$-])([a-z][a-z0-9]*(?:(?:--?|__)[a-z0-9]+)+)(?=[\s`]|$)")
_TEMPLATE_PREFIX: Final = re.compile(r"(?<![\w$-])([a-z][a-z0-9_-]*(?:-|__))\$\{")


@dataclass(frozen=True)
class ScriptMarks:
    """What the theme's script may add to a page once it runs. Invariant: every
    name lower-case but the classes (class names are case-sensitive)."""

    toggled: frozenset[str]  # classes it adds to elements already there
    made: frozenset[str]  # classes of the elements it makes
    prefixes: frozenset[str]  # beginnings of classes it builds from parts
    attributes: frozenset[str]
    tags: frozenset[str]  # the elements it makes

    def has_class(self, name: str) -> bool:
        return name in self.toggled or name in self.made or name.startswith(tuple(self.prefixes))


def script_marks(script: str) -> ScriptMarks:
    """What the theme's script (its minified bundle) adds to a page, read from its source."""
    templates = [match[1] for match in _TEMPLATES.finditer(script)]
    made = {name for text in _MADE_CLASSES.findall(script) for name in text.split()}
    made |= {word for text in templates for word in _TEMPLATE_WORD.findall(text)}
    return ScriptMarks(
        toggled=frozenset(_TOGGLED.findall(script)),
        made=frozenset(made),
        prefixes=frozenset(p for text in templates for p in _TEMPLATE_PREFIX.findall(text)),
        attributes=frozenset(
            name.lower() for name in _ATTRIBUTES.findall(script) + _PROPERTIES.findall(script)
        ),
        tags=frozenset(tag for match in _MADE_TAGS.finditer(script) for tag in match.groups() if tag),
    )


class _TreeBuilder(HTMLParser):
    """A built page as an element tree (the pages are the generator's own, well-formed markup)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = ElementTree.Element("document")
        self._open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = ElementTree.SubElement(self._open[-1], tag, {k: v or "" for k, v in attrs})
        if tag not in _VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ElementTree.SubElement(self._open[-1], tag, {k: v or "" for k, v in attrs})

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, 0, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return


def _elements(html: str) -> list[cssselect2.ElementWrapper]:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    top = next((child for child in builder.root if child.tag == "html"), builder.root)
    return list(cssselect2.ElementWrapper.from_html_root(top).iter_subtree())


def _attribute(block: tinycss2.ast.SquareBracketsBlock) -> str:
    names = [t for t in block.content if t.type == "ident"]
    return names[0].lower_value if names else ""


def _set_by_script(block: tinycss2.ast.SquareBracketsBlock, marks: ScriptMarks) -> bool:
    name = _attribute(block)
    return name.startswith(_PALETTE_ATTRIBUTE) or name in marks.attributes


def _names_a_change(tokens: Sequence[tinycss2.ast.Node], marks: ScriptMarks) -> bool:
    """Whether selector tokens (inside a functional pseudo-class) name anything that
    can change after the build: then what they match cannot be told from the page."""
    for token, following in zip(tokens, [*tokens[1:], None], strict=True):
        if token.type == "literal" and token.value == ":":
            if following is None or following.type == "literal":
                return True  # a pseudo-element
            if following.type == "ident" and following.lower_value not in _STRUCTURAL:
                return True
            if following.type == "function":
                if following.lower_name in _SELECTOR_FUNCTIONS:
                    if _names_a_change(following.arguments, marks):
                        return True
                elif following.lower_name not in _STRUCTURAL_FUNCTIONS:
                    return True
        elif token.type == "literal" and token.value == "." and following is not None:
            if following.type == "ident" and marks.has_class(following.value):
                return True
        elif token.type == "ident" and token.lower_value in marks.tags:
            return True
        elif token.type == "[] block" and _set_by_script(token, marks):
            return True
    return False


@dataclass(frozen=True)
class _Compound:
    """A compound selector with what can change left out; ``own`` when it still
    names a class, an id or a type (else it could be an element the script makes)."""

    text: str
    own: bool


def _relaxed_compound(tokens: list[tinycss2.ast.Node], marks: ScriptMarks) -> _Compound | None:
    kept: list[tinycss2.ast.Node] = []
    own = False
    i = 0
    while i < len(tokens):
        token = tokens[i]
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if token.type == "literal" and token.value == ":":
            if following is not None and following.type == "literal" and following.value == ":":
                i += 3  # a pseudo-element: it belongs to its element
                continue
            if following is not None and following.type == "ident":
                if following.lower_value in _STRUCTURAL:
                    kept += (token, following)
                i += 2  # else a state, or a pseudo-element of CSS 2: left out
                continue
            if following is None or following.type != "function":
                return None
            name = following.lower_name
            if name in _SELECTOR_FUNCTIONS and _names_a_change(following.arguments, marks):
                return None
            if name not in _SELECTOR_FUNCTIONS | _STRUCTURAL_FUNCTIONS:
                return None
            kept += (token, following)
            i += 2
        elif token.type == "literal" and token.value == "." and following is not None:
            if not marks.has_class(following.value):
                kept += (token, following)
                own = True
            i += 2
        elif token.type == "[] block":
            if not _set_by_script(token, marks):
                kept.append(token)
            i += 1
        elif token.type == "ident" and not kept and token.lower_value in marks.tags:
            i += 1  # an element the script makes
        else:
            kept.append(token)
            own = own or token.type in ("hash", "ident")
            i += 1
    return _Compound("".join(t.serialize() for t in kept), own)


def _relaxed(selector: Sequence[tinycss2.ast.Node], marks: ScriptMarks) -> str | None:
    compounds: list[list[tinycss2.ast.Node]] = [[]]
    combinators: list[str] = []
    pending = ""  # the combinator since the last compound, if any
    for token in selector:
        if token.type == "whitespace":
            pending = pending or " "
        elif token.type == "literal" and token.value in _COMBINATORS:
            pending = token.value
        else:
            if pending and compounds[-1]:
                combinators.append(pending)
                compounds.append([])
            pending = ""
            compounds[-1].append(token)
    relaxed = [_relaxed_compound(tokens, marks) for tokens in compounds]
    if any(compound is None for compound in relaxed):
        return None
    texts = [compound.text or "*" for compound in relaxed if compound is not None]
    # A subject with nothing of its own left could be an element the script makes, with
    # any attributes: it need not be on the page, only what it would be in.
    subject = relaxed[-1]
    if len(texts) > 1 and subject is not None and not subject.own:
        texts.pop()
        combinators.pop()
    joined = texts[0]
    for combinator, text in zip(combinators, texts[1:], strict=True):
        joined += (" " if combinator == " " else f" {combinator} ") + text
    return joined


def relaxed_selector(selector: str, marks: ScriptMarks) -> str | None:
    """``selector`` (one, not a list) as it matches an element of a built page that
    could take the state it names, or be made by the theme's script; None when that
    cannot be told."""
    return _relaxed(tinycss2.parse_component_value_list(selector), marks)


def _selectors(prelude: Sequence[tinycss2.ast.Node]) -> Iterator[list[tinycss2.ast.Node]]:
    """The selectors of a rule's selector list, as tokens."""
    selector: list[tinycss2.ast.Node] = []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            yield selector
            selector = []
        else:
            selector.append(token)
    yield selector


def _kept_rules(
    rules: list[tinycss2.ast.QualifiedRule], pages: list[list[cssselect2.ElementWrapper]], marks: ScriptMarks
) -> set[int]:
    """The indexes of the rules one of whose selectors matches an element of a page."""
    kept: set[int] = set()
    selectors: list[tuple[int, cssselect2.compiler.CompiledSelector]] = []
    for index, rule in enumerate(rules):
        for selector in _selectors(rule.prelude):
            relaxed = _relaxed(selector, marks)
            try:
                compiled = cssselect2.compile_selector_list(relaxed) if relaxed else None
            except cssselect2.SelectorError:
                compiled = None
            if compiled is None:
                kept.add(index)  # cannot be told: kept
                break
            selectors += ((index, one) for one in compiled)
    for elements in pages:
        # Only what no page has matched yet: after the first, a few hundred selectors.
        selectors = [(index, one) for index, one in selectors if index not in kept]
        matcher = cssselect2.Matcher()
        for index, one in selectors:
            matcher.add_selector(one, index)
        for element in elements:
            kept.update(match[3] for match in matcher.match(element))
    return kept


@dataclass(frozen=True)
class _Rule:
    """A style rule and its text as the stylesheet has it (serialising it again
    would rewrite escapes, and the page would hold other values than the whole one's)."""

    node: tinycss2.ast.QualifiedRule
    text: str


@dataclass(frozen=True)
class _Group:
    """An ``@media`` or ``@supports`` rule: its text up to ``{``, and what it holds."""

    head: str
    children: list[_Rule | _Group | str]


def _parsed(css: str) -> list[_Rule | _Group | str]:
    """The stylesheet's rules, each with its own text; other at-rules as their text."""
    lines = [0]
    for line in css.splitlines(keepends=True):
        lines.append(lines[-1] + len(line))

    def offset(node: tinycss2.ast.Node) -> int:
        return lines[int(node.source_line) - 1] + int(node.source_column) - 1

    def walk(nodes: list[tinycss2.ast.Node], end: int) -> list[_Rule | _Group | str]:
        out: list[_Rule | _Group | str] = []
        starts = [offset(node) for node in nodes] + [end]
        for node, start, stop in zip(nodes, starts, starts[1:], strict=False):
            if node.type == "qualified-rule":
                out.append(_Rule(node, css[start:stop].strip()))
            elif node.type == "at-rule" and node.content is not None and node.lower_at_keyword in _GROUPS:
                inner = tinycss2.parse_rule_list(node.content)
                close = css.rindex("}", start, stop)
                first = offset(inner[0]) if inner else close
                out.append(_Group(css[start:first].strip(), walk(inner, close)))
            elif node.type == "at-rule":
                out.append(css[start:stop].strip())
        return out

    return walk(tinycss2.parse_stylesheet(css), len(css))


def _qualified(nodes: Iterable[_Rule | _Group | str]) -> Iterator[_Rule]:
    for node in nodes:
        if isinstance(node, _Group):
            yield from _qualified(node.children)
        elif isinstance(node, _Rule):
            yield node


def first_paint_css(css: str, pages: Iterable[str], marks: ScriptMarks) -> str:
    """``css`` without the rules that nothing on ``pages`` (built HTML) could match.
    What it keeps it keeps as written and in order; other at-rules (keyframes,
    @page) stay; comments go."""
    elements = [_elements(page) for page in pages]
    # A class the page has already is on the elements that have it, not anywhere.
    present = {name for page in elements for e in page for name in e.classes}
    marks = replace(marks, made=marks.made - present)
    nodes = _parsed(css)
    rules = list(_qualified(nodes))
    kept = {id(rules[i]) for i in _kept_rules([r.node for r in rules], elements, marks)}

    def emit(nodes: Iterable[_Rule | _Group | str]) -> str:
        out = []
        for node in nodes:
            if isinstance(node, _Group):
                inner = emit(node.children)
                if inner:
                    out.append(f"{node.head}{inner}}}")
            elif isinstance(node, _Rule):
                if id(node) in kept:
                    out.append(node.text)
            else:
                out.append(node)
        return "".join(out)

    return emit(nodes)


_LINK: Final = re.compile(
    rf'<link rel="stylesheet" href="(?P<prefix>[^"]*?)(?P<href>{re.escape(FOLDER)}/[^"/]+\.css)"'
    rf'(?: {FULL_ATTRIBUTE}="[^"]*?(?P<full>{re.escape(FOLDER)}/[^"/]+\.css)")?>'
)


def split_site(site_dir: Path, sheets: Iterable[str]) -> list[Path]:
    """Give the pages that link one of ``sheets`` (joined stylesheets, by site path) a
    first-paint stylesheet and the whole one once they have loaded; returns the
    first-paint stylesheets. A second pass over the same pages finds them done (the
    i18n plugin's English build runs the build's last steps too)."""
    bundles = sorted(site_dir.glob(THEME_SCRIPT))
    if len(bundles) != 1:
        raise ValueError(f"{site_dir}: expected one {THEME_SCRIPT}, found {len(bundles)}")
    marks = script_marks(bundles[0].read_text(encoding="utf-8"))
    html = {page: page.read_text(encoding="utf-8") for page in sorted(site_dir.rglob("*.html"))}
    written = []
    for sheet in sheets:
        links = {
            page: [link for link in _LINK.finditer(text) if sheet in (link["href"], link["full"])]
            for page, text in html.items()
        }
        pages = {page: found for page, found in links.items() if found}
        if not pages:
            continue
        done = {link["href"] for found in pages.values() for link in found if link["full"] == sheet}
        if len(done) == 1 and all(link["full"] for found in pages.values() for link in found):
            written.append(site_dir / done.pop())
            continue
        whole = (site_dir / sheet).read_text(encoding="utf-8")
        css = first_paint_css(whole, [html[page] for page in pages], marks)
        name = f"{FOLDER}/first-paint.{hashlib.sha256(css.encode()).hexdigest()[:12]}.css"
        (site_dir / name).write_text(css, encoding="utf-8")
        written.append(site_dir / name)
        def relink(link: re.Match[str], sheet: str = sheet, name: str = name) -> str:
            if sheet not in (link["href"], link["full"]):
                return link[0]
            prefix = link["prefix"]
            return f'<link rel="stylesheet" href="{prefix}{name}" {FULL_ATTRIBUTE}="{prefix}{sheet}">'

        for page in pages:
            html[page] = _LINK.sub(relink, html[page])
            page.write_text(html[page], encoding="utf-8")
    return written
