"""A Content Security Policy on every page, with hashes for the theme's inline scripts.

The policy is a meta tag written by ``overrides/main.html``. Its ``script-src``
carries a placeholder that ``fill_in`` replaces, once a page is rendered, by the
sha256 hash of each inline script on that very page (Material's small
bootstrap scripts, whose text differs with the page's depth). JSON data blocks
(``type="application/json"``) are not run, so they need no hash. A page
without the policy fails the build. The MkDocs adapter
(``overrides/hooks/csp.py``) runs after every hook that changes a page.

Under ``mkdocs serve`` the live-reload script that MkDocs injects changes on
every request and cannot be hashed, so there (and only there) script-src also
allows inline scripts; the built site never does.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Final

PLACEHOLDER: Final = "'sp-inline-script-hashes'"

POLICY: Final = "; ".join(
    [
        "default-src 'self'",
        f"script-src 'self' 'wasm-unsafe-eval' {PLACEHOLDER}",
        "worker-src 'self'",
        "connect-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)

# Script types the browser runs; anything else (JSON, templates) is data.
_RUN_TYPES: Final = {"", "text/javascript", "application/javascript", "module"}
_SCRIPT: Final = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_TYPE: Final = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC: Final = re.compile(r"\bsrc\s*=", re.IGNORECASE)

def inline_script_hashes(html: str) -> list[str]:
    """The CSP source expression of every inline script the browser would run."""
    hashes = []
    for match in _SCRIPT.finditer(html):
        attrs = match["attrs"]
        kind = _TYPE.search(attrs)
        if _SRC.search(attrs) or (kind and kind[1].lower() not in _RUN_TYPES):
            continue
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(set(hashes))


def policy(hashes: list[str], *, header: bool = False) -> str:
    """The policy with these inline-script hashes. As an HTTP header (the
    server configs in the release zip) it also forbids framing by other sites,
    which a meta tag cannot say."""
    text = POLICY.replace(PLACEHOLDER, " ".join(hashes)).replace("  ", " ").replace(" ;", ";")
    return f"{text}; frame-ancestors 'self'" if header else text


def fill_in(html: str, where: str, *, allow_inline: bool = False) -> str:
    """The page with its policy's placeholder replaced by the hashes of its
    inline scripts (and ``'unsafe-inline'`` with ``allow_inline``, for a
    development server's live-reload script). ``where`` names the page in errors."""
    if PLACEHOLDER not in html:
        raise ValueError(
            f"{where}: no Content Security Policy (does its template extend main.html?)"
        )
    sources = inline_script_hashes(html)
    if allow_inline:
        sources.append("'unsafe-inline'")
    return html.replace(PLACEHOLDER, " ".join(sources), 1)
