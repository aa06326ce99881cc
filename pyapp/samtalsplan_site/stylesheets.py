"""One stylesheet a page: the theme's, its palette's and ours, joined into one file.

A page of the theme loads its main stylesheet, its palette stylesheet (the
colours of both palettes) and then ours (and, on a page with a form, the
forms' too). Each stylesheet before the first paint is a round trip a phone
waits for, so the build joins the ones a page links, in the order it links
them, into one file named by a digest of what it holds
(``assets/samtalsplan/site.<digest>.css``: a changed theme or stylesheet gets a
new name, so no cache keeps an old one), and the page links that file in
their place. The palette's rules for colours the site does not use (it has
twenty of them) are left out, and so is its rule that stops every transition
while the theme's script applies a palette (``[data-md-color-switching] *``):
the script applies the palette on every page load, and the rule makes it
restyle the whole page twice before the page can answer (the README's
benchmark table has the figures). Without the rule, a switch of palette
fades links and buttons over the 125 ms they take on hover. The theme's
stylesheets come minified; ours are minified as they are joined (rcssmin),
so that a guidance page's first-paint stylesheet (first_paint.py), which
keeps most of ours, fits in one round trip.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final

import rcssmin  # type: ignore[import-untyped]  # no stubs

FORMS: Final = "assets/samtalsplan/forms.css"
OURS: Final = ("assets/samtalsplan/samtalsplan.css", FORMS)
_THEME_PARTS: Final = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")
_LINK: Final = re.compile(r'(\s*)<link rel="stylesheet" href="([^"]*?)(assets/[^"]+\.css)">')
_SOURCE_MAP: Final = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")
_COLOUR: Final = re.compile(r"data-md-color-(?:primary|accent)=([a-z-]+)")
_SWITCHING: Final = "[data-md-color-switching] *,[data-md-color-switching] :after,[data-md-color-switching] :before"


def _rules(css: str) -> list[tuple[str, str]]:
    """The top-level rules of minified CSS, as (prelude, body): ``@media …`` rules
    keep their nested rules in the body. Strings holding braces do not occur in
    the theme's palette, so braces are counted as they come."""
    rules, depth, start, prelude = [], 0, 0, ""
    for i, char in enumerate(css):
        if char == "{":
            if depth == 0:
                prelude, start = css[start:i].strip(), i + 1
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                rules.append((prelude, css[start:i]))
                start = i + 1
    return rules


def only_colours(css: str, colours: frozenset[str]) -> str:
    """``css`` without the selectors for palette colours other than ``colours``."""
    kept = []
    for prelude, body in _rules(css):
        if prelude.startswith("@"):
            inner = only_colours(body, colours)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
            continue
        selectors = [s for s in prelude.split(",") if set(_COLOUR.findall(s)) <= colours]
        if selectors:
            kept.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(kept)


def without_switching(css: str) -> str:
    """The theme's palette stylesheet without its rule for a palette being applied."""
    kept, found = [], 0
    for prelude, body in _rules(css):
        if prelude.startswith("@"):
            inner = without_switching(body) if _SWITCHING in body else body
            found += inner != body
            kept.append(f"{prelude}{{{inner}}}")
        elif prelude == _SWITCHING:
            found += 1
        else:
            kept.append(f"{prelude}{{{body}}}")
    if found != 1:
        raise ValueError(
            f"expected the palette's rule {_SWITCHING} once, found it {found} times;"
            " the theme has changed: see samtalsplan_site/stylesheets.py"
        )
    return "".join(kept)


class Stylesheets:
    """The theme's and our stylesheets by their site path, and the joined files
    the pages link: one for each set of them a page links."""

    def __init__(self, parts: dict[str, str]) -> None:
        self.parts = parts
        self.joined: dict[str, str] = {}  # site path -> text
        self._sets: dict[str, tuple[str, ...]] = {}  # site path -> what it joins

    def _joined(self, paths: tuple[str, ...]) -> str:
        text = "\n".join(f"/* {path} */\n{self.parts[path]}\n" for path in paths)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        name = f"assets/samtalsplan/site.{digest}.css"
        self.joined[name] = text
        self._sets[name] = paths
        return name

    def without_forms(self) -> list[str]:
        """The joined stylesheets of pages without a form: their content is all in
        their markup, so their first paint can wait for fewer rules (first_paint.py)."""
        return sorted(name for name, paths in self._sets.items() if FORMS not in paths)

    def rewrite(self, html: str) -> str:
        """The page with one link to the file that joins the stylesheets it links
        (those of ours and the theme's), where the first of them was."""
        links = [m for m in _LINK.finditer(html) if m[3] in self.parts]
        if not links:
            return html
        name = self._joined(tuple(m[3] for m in links))
        first, *rest = links
        for match in reversed(rest):
            html = html[: match.start()] + html[match.end() :]
        space, prefix = first[1], first[2]
        return html[: first.start()] + f'{space}<link rel="stylesheet" href="{prefix}{name}">' + html[first.end() :]

    def write(self, site_dir: Path) -> list[Path]:
        written = []
        for name, text in self.joined.items():
            target = site_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(target)
        return written


def _find(dirs: Sequence[Path], pattern: str) -> tuple[str, Path] | None:
    """The first theme folder's file matching ``pattern``, by its site path."""
    for folder in dirs:
        found = sorted(folder.glob(pattern))
        if len(found) > 1:
            raise ValueError(f"more than one {pattern} in {folder}: {[p.name for p in found]}")
        if found:
            return found[0].relative_to(folder).as_posix(), found[0]
    return None


def stylesheets(
    theme_dirs: Sequence[Path], colours: frozenset[str], made: Mapping[str, str] | None = None
) -> Stylesheets:
    """The theme's main and palette stylesheets and ours, from the theme's
    folders (ours first, as MkDocs looks them up); of the palette only the
    ``colours`` the site's palettes name. ``made`` are stylesheets the build
    makes, by the site path a page links them at, and their text."""
    parts = {path: text.strip() for path, text in (made or {}).items()}
    for pattern in (*_THEME_PARTS, *OURS):
        found = _find(theme_dirs, pattern)
        if found is None:
            if pattern in OURS:
                raise FileNotFoundError(f"{pattern} is in none of the theme's folders")
            continue  # a theme without palettes
        path, file = found
        css = _SOURCE_MAP.sub("", file.read_text(encoding="utf-8")).strip()
        if "/palette." in path:
            css = without_switching(only_colours(css, colours))
        elif path in OURS:
            css = rcssmin.cssmin(css)
        parts[path] = css
    return Stylesheets(parts)
