"""Stamp the offline service worker with the build's files and a build id.

The service worker (``overrides/sw.js``, copied to the site's root by MkDocs)
ships with ``const MANIFEST = null;``. Stamping writes the list of the files
the site's pages use (the Python runtime's and wheel's apart) and a build id,
a digest of all of them, into that line: a new build gives a new file, the
browser installs it as a new version, with a cache of its own.

"The files the pages use": every page, and whatever a page, a stylesheet or a
script names by a path that leads to a file of the site (links, scripts,
imports, the theme's configuration), and what the theme's search worker loads
by a path it makes up (the search index, and lunr's files for the index's
languages). The theme ships lunr for thirty-odd languages, and the stylesheets
the build joined into one (stylesheets.py) stay beside it: no page uses them,
so no browser caches them.

The MkDocs adapter (``overrides/hooks/service_worker.py``) stamps after every
other step (the English build and the search index included); under ``mkdocs
serve`` or with SAMTALSPLAN_OFFLINE=off (``make serve``) it leaves the worker
inert, so an edit is never hidden behind a cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from .compression import SUFFIXES
from .paths import PYTHON_FOLDERS
from .python_assets import EXTRA_PACKAGES, canonical_name, wheel_package

SERVICE_WORKER: Final = "sw.js"
MANIFEST_LINE: Final = re.compile(r"^const MANIFEST = .*;$", re.MULTILINE)
# Not for the worker to keep: itself, what only servers and crawlers read, and
# the compressed copies and source maps beside the files it does keep.
_NOT_SERVED: Final = (SERVICE_WORKER, "web.config", "sitemap.xml", "sitemap.xml.gz")
_NOT_SERVED_SUFFIXES: Final = (*SUFFIXES, ".map")

# Off for development servers (`mkdocs serve`, `make serve`): a cached site
# would hide every edit until all its tabs were closed.
OFFLINE_SWITCH: Final = "SAMTALSPLAN_OFFLINE"


def offline_wanted(command: str) -> bool:
    """Whether a build by this generator command should work offline."""
    return command != "serve" and os.environ.get(OFFLINE_SWITCH) != "off"


def _served_files(site_dir: Path) -> Iterator[Path]:
    """The site's files a browser may ask for, in a stable order."""
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir)
        if not path.is_file() or any(part.startswith(".") for part in relative.parts):
            continue
        if relative.as_posix() in _NOT_SERVED or path.suffix in _NOT_SERVED_SUFFIXES:
            continue
        yield path


# A path in quotes or in url(): every place a page, stylesheet or script names a file.
_NAMED: Final = re.compile(r"""["'(]([^"'()\s<>{}]+)["')]""")
_SCANNED: Final = {".html", ".css", ".js", ".mjs"}
SEARCH_INDEX: Final = "search/search_index.json"


def _named(site_dir: Path, path: Path) -> Iterator[Path]:
    """The site's files that ``path`` names, relative to itself or to the root."""
    base = path.parent
    for name in _NAMED.findall(path.read_text(encoding="utf-8", errors="replace")):
        name = name.split("#", 1)[0].split("?", 1)[0]
        if not name or "://" in name or name.startswith(("data:", "mailto:", "//")):
            continue
        target = (site_dir / name.lstrip("/")) if name.startswith("/") else (base / name)
        try:
            target = target.resolve()
        except OSError:
            continue
        if target.is_dir():
            target = target / "index.html"
        if target.is_file() and target.is_relative_to(site_dir):
            yield target


def _search_files(site_dir: Path) -> Iterator[Path]:
    """What the theme's search worker loads by paths it makes up: the index, and
    lunr's stemmer support, a file per language other than English, the multi-
    language file when there are several, and the segmenters Japanese, Hindi
    and Thai need (Material for MkDocs 9, search worker)."""
    index = site_dir / SEARCH_INDEX
    if not index.is_file():
        return
    yield index
    languages = json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang", [])
    lunr = site_dir / "assets" / "javascripts" / "lunr"
    names = ["min/lunr.stemmer.support.min.js"]
    for lang in languages:
        names += {"ja": ["tinyseg.js"], "hi": ["wordcut.js"], "th": ["wordcut.js"]}.get(lang, [])
        if lang != "en":
            names.append(f"min/lunr.{lang}.min.js")
    if len(languages) > 1:
        names.append("min/lunr.multi.min.js")
    yield from (lunr / name for name in names if (lunr / name).is_file())


def used_files(site_dir: Path) -> set[Path]:
    """The files of the site its pages use (see the module's docstring)."""
    site_dir = site_dir.resolve()
    served = {p.resolve() for p in _served_files(site_dir)}
    todo = [p for p in served if p.suffix == ".html"] + list(_search_files(site_dir))
    used: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in used or path not in served:
            continue
        used.add(path)
        if path.suffix in _SCANNED:
            todo.extend(_named(site_dir, path))
    return used


def _url(site_dir: Path, path: Path) -> str:
    """The URL of a file relative to the site's root: pages by their folder."""
    relative = path.relative_to(site_dir).as_posix()
    if relative == "index.html":
        return "./"
    return relative.removesuffix("index.html")


_EXTRAS: Final = frozenset(canonical_name(name) for name in EXTRA_PACKAGES)


def _is_extra_wheel(path: Path) -> bool:
    """A wheel of one of the packages a call needs beyond the start's."""
    return path.suffix == ".whl" and wheel_package(path.name) in _EXTRAS


def stamp_service_worker(site_dir: Path) -> str:
    """Write the manifest into the site's service worker; returns the build id.
    Running it again on the same site gives the same file."""
    worker = site_dir / SERVICE_WORKER
    if not worker.is_file():
        raise FileNotFoundError(f"{worker} is missing: is overrides/{SERVICE_WORKER} in the theme?")
    template = MANIFEST_LINE.sub("const MANIFEST = null;", worker.read_text(encoding="utf-8"))
    if "const MANIFEST = null;" not in template:
        raise ValueError(f"{worker} has no line `const MANIFEST = null;` to stamp")
    digest = hashlib.sha256(template.encode())
    files: list[str] = []
    python: list[str] = []
    extras: list[str] = []
    used = used_files(site_dir)
    for path in _served_files(site_dir):
        url = _url(site_dir, path)
        # The wheels a call needs beyond the start's (the team's workbook):
        # kept by the worker when a page first fetches one.
        if url.startswith(PYTHON_FOLDERS) and _is_extra_wheel(path):
            extras.append(url)
        # The runtime and our wheel: kept by the worker only once a page runs Python.
        elif url.startswith(PYTHON_FOLDERS):
            python.append(url)
        elif path.resolve() in used:
            files.append(url)
        else:
            continue
        digest.update(url.encode() + b"\0" + path.read_bytes() + b"\0")
    manifest = {"build": digest.hexdigest()[:16], "files": files, "python": python, "extras": extras}
    stamped = MANIFEST_LINE.sub(
        lambda _: f"const MANIFEST = {json.dumps(manifest, separators=(',', ':'))};", template
    )
    if stamped != worker.read_text(encoding="utf-8"):
        worker.write_text(stamped, encoding="utf-8")
    return str(manifest["build"])
