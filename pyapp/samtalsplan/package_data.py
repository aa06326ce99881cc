"""Files shipped inside the package: the message catalogues and word lists.

Read through the package's own loader, as the standard library's
``pkgutil.get_data`` does, so they are found both in a directory and in the
wheel's zip, which is where the browser imports the package from (zipimport).
``importlib.resources`` does the same but its import took 20 ms of every
planner start in the browser.
"""

from __future__ import annotations

import os
from typing import Protocol, cast


class _DataLoader(Protocol):
    def get_data(self, path: str) -> bytes: ...


def read_text(*parts: str) -> str:
    """The UTF-8 text of the package file at ``parts`` (``"locales", "sv.json"``)."""
    loader = cast(_DataLoader, __spec__.loader)
    return loader.get_data(os.path.join(os.path.dirname(__file__), *parts)).decode("utf-8")
