"""Stamp the offline service worker with the build's files and a build id.

The service worker (``overrides/sw.js``, copied to the site's root by MkDocs)
ships with ``const MANIFEST = null;``. Stamping writes the list of the site's
files (the Python runtime's and wheel's apart) and a build id, a digest of all
of them, into that line: a new build gives a new file, the browser installs it
as a new version, with a cache of its own.

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


def _url(site_dir: Path, path: Path) -> str:
    """The URL of a file relative to the site's root: pages by their folder."""
    relative = path.relative_to(site_dir).as_posix()
    if relative == "index.html":
        return "./"
    return relative.removesuffix("index.html")


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
    for path in _served_files(site_dir):
        url = _url(site_dir, path)
        # The runtime and our wheel: kept by the worker only once a page runs Python.
        (python if url.startswith(PYTHON_FOLDERS) else files).append(url)
        digest.update(url.encode() + b"\0" + path.read_bytes() + b"\0")
    manifest = {"build": digest.hexdigest()[:16], "files": files, "python": python}
    stamped = MANIFEST_LINE.sub(
        lambda _: f"const MANIFEST = {json.dumps(manifest, separators=(',', ':'))};", template
    )
    if stamped != worker.read_text(encoding="utf-8"):
        worker.write_text(stamped, encoding="utf-8")
    return str(manifest["build"])
