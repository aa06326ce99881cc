"""The static server behind make serve, the tests and the benchmark."""

from __future__ import annotations

import gzip
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest

from tests.conftest import serve


@pytest.fixture
def root(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "index.html").write_text("<h1>Hej</h1>", encoding="utf-8")
    versioned = tmp_path / "assets" / "pyodide" / "314.0.7"
    versioned.mkdir(parents=True)
    (versioned / "pyodide.asm.wasm").write_bytes(b"\0asm" + bytes(1000))
    (versioned / "pyodide.asm.wasm.gz").write_bytes(gzip.compress(b"\0asm" + bytes(1000)))
    (versioned / "pyodide.mjs").write_text("export {};", encoding="utf-8")
    server, url = serve(tmp_path)
    yield url
    server.shutdown()


def get(url: str, **headers: str) -> tuple[bytes, Message]:
    """The body and the headers (looked up without regard to case)."""
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
        return response.read(), response.headers


def test_serves_the_index_of_a_folder_without_caching_it(root: str) -> None:
    body, headers = get(f"{root}/")
    assert body == b"<h1>Hej</h1>"
    assert headers["Cache-Control"] == "no-cache"


def test_versioned_runtime_has_its_mime_types_and_is_cached_for_good(root: str) -> None:
    body, headers = get(f"{root}/assets/pyodide/314.0.7/pyodide.asm.wasm")
    assert headers["Content-Type"] == "application/wasm"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Content-Encoding" not in headers and body.startswith(b"\0asm")
    assert get(f"{root}/assets/pyodide/314.0.7/pyodide.mjs")[1]["Content-Type"] == "text/javascript"


def test_sends_a_precompressed_copy_to_browsers_that_accept_it(root: str) -> None:
    body, headers = get(f"{root}/assets/pyodide/314.0.7/pyodide.asm.wasm", **{"Accept-Encoding": "gzip, br"})
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Content-Type"] == "application/wasm"
    assert gzip.decompress(body).startswith(b"\0asm")
