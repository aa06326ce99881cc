"""A static server for the built site that behaves like a well-configured
production server: the right MIME types, precompressed files, and caching.

    python overrides/hooks/static_server.py SITE_DIR [--host H] [--port P] [--rebuild]

`make serve` runs it with --rebuild (the site is built again whenever a
source changes; reload the page to see it), and the tests and the benchmark
serve the site with it.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import subprocess
import sys
import threading
import time
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

# Folders whose names change with their content, so browsers may keep them for good.
IMMUTABLE = re.compile(r"/assets/(pyodide/[^/]+|python/[0-9a-f]{16})/")
# Precompressed siblings written by pyodide_assets.py, best first.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves a built site with the MIME types Pyodide needs, whatever the host OS says."""

    extensions_map = {  # noqa: RUF012 (the base class declares it as an instance variable)
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".whl": "application/octet-stream",
        ".zip": "application/zip",
    }
    quiet = True

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_file():
            accepted = self.headers.get("Accept-Encoding", "")
            for encoding, suffix in ENCODINGS:
                packed = path.with_name(path.name + suffix)
                if packed.is_file() and re.search(rf"\b{encoding}\b", accepted):
                    return self._send_file(packed, self.guess_type(str(path)), encoding)
        return super().send_head()

    def _send_file(self, packed: Path, content_type: str, encoding: str) -> Any:
        handle = packed.open("rb")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(os.fstat(handle.fileno()).st_size))
        self.end_headers()
        return handle

    def end_headers(self) -> None:
        immutable = IMMUTABLE.search(self.path)
        self.send_header(
            "Cache-Control", "public, max-age=31536000, immutable" if immutable else "no-cache"
        )
        self.send_header("Vary", "Accept-Encoding")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(format, *args)


def serve(
    directory: Path,
    handler: type[SiteHandler] = SiteHandler,
    host: str = "127.0.0.1",
    port: int = 0,
) -> tuple[ThreadingHTTPServer, str]:
    """Serve ``directory`` in a background thread; returns the server and its root URL."""
    server = ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}"


PROJECT = Path(__file__).resolve().parents[2]
SOURCES = ("mkdocs.yml", "docs", "overrides", "pyapp")


def _latest_change() -> float:
    paths = [PROJECT / name for name in SOURCES]
    files = [p for path in paths for p in ([path] if path.is_file() else path.rglob("*"))]
    generated = PROJECT / "overrides" / "partials" / "samtalsplan-assets.html"
    return max(
        p.stat().st_mtime
        for p in files
        if p.is_file() and p != generated and "__pycache__" not in p.parts
    )


def _rebuild_on_change(interval: float = 1.0) -> None:
    """Poll the sources; rebuild the site when one changes."""
    seen = _latest_change()
    while True:
        time.sleep(interval)
        latest = _latest_change()
        if latest > seen:
            seen = latest
            print("A source changed: rebuilding the site …", flush=True)
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
                cwd=PROJECT,
                check=False,
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("site", type=Path, help="the built site's folder")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--rebuild", action="store_true", help="rebuild the site when a source changes"
    )
    args = parser.parse_args()
    if args.rebuild:
        threading.Thread(target=_rebuild_on_change, daemon=True).start()
    SiteHandler.quiet = False
    server = ThreadingHTTPServer(
        (args.host, args.port), functools.partial(SiteHandler, directory=str(args.site))
    )
    print(f"Serving {args.site} on http://{args.host}:{args.port}/ (Ctrl+C stops)")
    server.serve_forever()


if __name__ == "__main__":
    main()
