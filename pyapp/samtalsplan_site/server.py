"""A static server for the built site that behaves like a well-configured
production server: the right MIME types, precompressed files and caching, as
``serving.py`` says.

``make serve`` runs it (``python -m samtalsplan_site serve SITE_DIR --rebuild``:
the site is built again whenever a source changes; reload the page to see it),
and the tests and the benchmark serve the site with it.
"""

from __future__ import annotations

import functools
import email.utils
import os
import subprocess
import sys
import threading
import time
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any, Final

from . import serving
from .paths import PROJECT, SOURCES

GENERATORS: Final = ("mkdocs", "properdocs")


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves a built site with the MIME types Pyodide needs, whatever the host OS says."""

    # Connections kept open between requests, as IIS, nginx and Apache keep them
    # (the base class's HTTP/1.0 closes each one): a page's stylesheet and
    # scripts come over the connection its document came over, not a new one each.
    protocol_version = "HTTP/1.1"
    extensions_map = {  # noqa: RUF012 (the base class declares it as an instance variable)
        **SimpleHTTPRequestHandler.extensions_map,
        **serving.MIME_TYPES,
    }
    quiet = True

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        # A folder's page, as nginx's index and gzip_static serve it.
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if path.is_file():
            found = serving.precompressed(path, self.headers.get("Accept-Encoding", ""))
            if found is not None:
                packed, encoding = found
                return self._send_file(path, packed, encoding.name)
        return super().send_head()

    def _send_file(self, path: Path, packed: Path, encoding: str) -> IO[bytes] | None:
        """The compressed copy of ``path``, dated as ``path`` is, so that a browser
        revalidating its copy (If-Modified-Since) gets 304 Not Modified."""
        modified = int(path.stat().st_mtime)
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                if modified <= email.utils.parsedate_to_datetime(since).timestamp():
                    self.send_response(HTTPStatus.NOT_MODIFIED)
                    self.end_headers()
                    return None
            except (TypeError, ValueError):
                pass  # a date we cannot read: send the file
        handle = packed.open("rb")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(os.fstat(handle.fileno()).st_size))
        self.send_header("Last-Modified", self.date_time_string(modified))
        self.end_headers()
        return handle

    def end_headers(self) -> None:
        self.send_header("Cache-Control", serving.cache_control(self.path.split("?", 1)[0]))
        self.send_header("Vary", "Accept-Encoding")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(format, *args)


class _LoggingHandler(SiteHandler):
    """The handler of the foreground server: a line per request, as a terminal expects."""

    quiet = False


class SiteServer(ThreadingHTTPServer):
    """A threading HTTP server that takes a dropped connection in its stride."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that navigates away or cancels a download closes its socket
        # mid-response: nothing went wrong here, so no traceback for it.
        if isinstance(sys.exception(), ConnectionError):
            return
        super().handle_error(request, client_address)


def serve(
    directory: Path,
    handler: type[SiteHandler] = SiteHandler,
    host: str = "127.0.0.1",
    port: int = 0,
) -> tuple[SiteServer, str]:
    """Serve ``directory`` in a background thread; returns the server and its root URL."""
    server = SiteServer((host, port), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}"


def _latest_change() -> float:
    files = [p for path in SOURCES for p in ([path] if path.is_file() else path.rglob("*"))]
    return max(
        p.stat().st_mtime
        for p in files
        if p.is_file() and "__pycache__" not in p.parts
    )


def _rebuild_on_change(site_dir: Path, generator: str, interval: float = 1.0) -> None:
    """Poll the sources; build the site into ``site_dir`` again when one changes."""
    seen = _latest_change()
    while True:
        time.sleep(interval)
        latest = _latest_change()
        if latest > seen:
            seen = latest
            print("A source changed: rebuilding the site …", flush=True)
            command = [sys.executable, "-m", generator, "build", "--strict", "--quiet"]
            where = ["--config-file", "mkdocs.yml", "--site-dir", str(site_dir)]
            subprocess.run([*command, *where], cwd=PROJECT, check=False)


def run(
    site_dir: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    rebuild: bool = False,
    generator: str = GENERATORS[0],
) -> None:
    """Serve ``site_dir`` in the foreground, logging each request, until interrupted."""
    if generator not in GENERATORS:
        raise ValueError(f"generator {generator!r} is none of {', '.join(GENERATORS)}")
    if not site_dir.is_dir():
        raise FileNotFoundError(f"{site_dir} is no folder: build the site first (make site)")
    if rebuild:
        target = functools.partial(_rebuild_on_change, site_dir.resolve(), generator)
        threading.Thread(target=target, daemon=True).start()
    server = SiteServer((host, port), functools.partial(_LoggingHandler, directory=str(site_dir)))
    print(
        f"Serving {site_dir} on http://{host}:{server.server_address[1]}/ (Ctrl+C stops)",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
