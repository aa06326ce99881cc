"""Where the build finds the project and keeps its work: one place.

The package runs from the checkout (``make setup`` installs it editable), so
the project is two folders up from here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

PACKAGE_DIR: Final = Path(__file__).resolve().parent
PROJECT: Final = PACKAGE_DIR.parents[1]

# What the build reads.
BROWSER_PACKAGE: Final = PROJECT / "pyapp" / "samtalsplan"
NODE_MODULES: Final = PROJECT / "node_modules"
# Every pinned package, the wheels the site serves besides ours included.
REQUIREMENTS: Final = PROJECT / "requirements-dev.txt"
SERVER_CONFIGS: Final = PACKAGE_DIR / "server_configs"
# What `serve --rebuild` watches: the sources of the built site.
SOURCES: Final = tuple(PROJECT / name for name in ("mkdocs.yml", "docs", "overrides", "pyapp"))

# What the build writes outside the site: a cache.
BUILD: Final = PROJECT / "build"
STAGING: Final = BUILD / "site-assets"
RUNTIME_CACHE: Final = BUILD / "pyodide-runtime"
WHEEL_CACHE: Final = BUILD / "wheels"
COMPRESSED_CACHE: Final = BUILD / "compressed"

# In the built site: the Python runtime and our wheel, in folders named by
# version and digest (so they may be cached for good).
RUNTIME_FOLDER: Final = "assets/pyodide"
PYTHON_FOLDER: Final = "assets/python"
PYTHON_FOLDERS: Final = (f"{RUNTIME_FOLDER}/", f"{PYTHON_FOLDER}/")
