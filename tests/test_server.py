"""The static server behind make serve, the tests and the benchmark."""

from __future__ import annotations

import functools
import gzip
import http.client
import socket
import struct
import threading
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest

from samtalsplan_site.server import SiteHandler, SiteServer

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


def test_a_connection_stays_open_for_the_next_request(root: str) -> None:
    """As IIS, nginx and Apache do: a page's stylesheet and scripts come over the
    connection its document came over (HTTP/1.0, one connection a request, made
    each request pay a new connection, and the benchmark's figures turn on it)."""
    connection = http.client.HTTPConnection(root.removeprefix("http://"))
    try:
        for path in ("/", "/assets/pyodide/314.0.7/pyodide.mjs", "/assets"):
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            assert response.version == 11
            assert not response.will_close, path
        first = connection.sock
        connection.request("GET", "/")
        assert connection.getresponse().read() == b"<h1>Hej</h1>"
        assert connection.sock is first
    finally:
        connection.close()


class _JoinedServer(SiteServer):
    """Closing waits for every request's thread, so all it wrote is there to read."""

    daemon_threads = False
    block_on_close = True


class _LoggingHandler(SiteHandler):
    quiet = False  # as make serve logs


def test_a_dropped_connection_leaves_no_traceback(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """A browser that navigates away mid-download closes its socket: the server
    goes on, and its terminal shows the request, not a traceback."""
    (tmp_path / "big.wasm").write_bytes(bytes(32 * 1024 * 1024))
    (tmp_path / "index.html").write_text("<h1>Hej</h1>", encoding="utf-8")
    server = _JoinedServer(("127.0.0.1", 0), functools.partial(_LoggingHandler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        for reset in (False, True):  # a plain close (a broken pipe here), and a reset
            client = socket.create_connection(("127.0.0.1", port))
            client.sendall(b"GET /big.wasm HTTP/1.1\r\nHost: localhost\r\n\r\n")
            assert client.recv(1024).startswith(b"HTTP/1.1 200"), "the response has begun"
            if reset:
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.close()
        assert get(f"http://127.0.0.1:{port}/")[0] == b"<h1>Hej</h1>", "still serving"
    finally:
        server.shutdown()
        server.server_close()
    stderr = capfd.readouterr().err
    assert stderr.count('"GET /big.wasm HTTP/1.1" 200') == 2, stderr
    assert "Traceback" not in stderr and "Exception" not in stderr, stderr
