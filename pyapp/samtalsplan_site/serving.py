"""One notion of serving the built site: MIME types, caching, precompressed copies.

``server.py`` (make serve, the tests, the benchmark) follows it. The server
configs in the release zip (``server_configs/``: IIS, Apache, nginx) say the same
in each server's own words; ``tests/test_serving.py`` holds them to it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Final

from .compression import ENCODINGS, Encoding, is_current
from .paths import PYTHON_FOLDERS

# The types the site needs, whatever the host's own map says: Pyodide refuses
# to compile wasm sent as anything but application/wasm, and browsers run a
# module script only with a JavaScript type.
MIME_TYPES: Final[Mapping[str, str]] = MappingProxyType(
    {
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".whl": "application/octet-stream",
        ".zip": "application/zip",
    }
)
# The ones a server config declares itself: servers' own maps lack them or get
# them wrong (IIS before 10 knows no .wasm, .mjs, .whl or .json; older
# mime.types no .wasm or .mjs). Every map has .js and .zip.
DECLARED: Final = (".wasm", ".mjs", ".whl", ".json")

# Folders named by their version or digest (the Python runtime and our wheel):
# a new release gets new folders, so browsers may keep these files for a year.
IMMUTABLE_FOLDERS: Final = PYTHON_FOLDERS
IMMUTABLE: Final = "public, max-age=31536000, immutable"
# Everything else: the browser asks every time and gets a cheap 304.
REVALIDATE: Final = "no-cache"

_IMMUTABLE_PATH: Final = re.compile(
    "/(" + "|".join(re.escape(folder) for folder in IMMUTABLE_FOLDERS) + ")"
)


def content_type(path: Path) -> str | None:
    """The site's own type for a file, if it has one (else the host's map decides)."""
    return MIME_TYPES.get(path.suffix)


def cache_control(url_path: str) -> str:
    """Cache-Control for a URL path, under any sub-path the site is served from."""
    return IMMUTABLE if _IMMUTABLE_PATH.search(url_path) else REVALIDATE


def accepted_encodings(accept_encoding: str) -> set[str]:
    """The content codings an Accept-Encoding header accepts (RFC 9110, 12.5.3):
    those it names without ``q=0``."""
    accepted = set()
    for item in accept_encoding.split(","):
        name, *params = (part.strip() for part in item.split(";"))
        quality = next((p.split("=", 1)[1] for p in params if p.lower().startswith("q=")), "1")
        try:
            if float(quality) > 0 and name:
                accepted.add(name.lower())
        except ValueError:
            continue
    return accepted


def precompressed(path: Path, accept_encoding: str) -> tuple[Path, Encoding] | None:
    """The best precompressed copy of ``path`` that the browser accepts, if any;
    never one older than the file itself (a file changed after the build)."""
    accepted = accepted_encodings(accept_encoding)
    for encoding in ENCODINGS:
        packed = path.with_name(path.name + encoding.suffix)
        if encoding.name in accepted and packed.is_file():
            if is_current(packed, path):
                return packed, encoding
    return None
