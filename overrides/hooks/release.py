"""Make a built site ready to deploy: the offline service worker and the release zip.

The steps run in any Python 3.12+ with the standard library, with or without MkDocs:

    python overrides/hooks/release.py stamp SITE_DIR        # the service worker's manifest
    python overrides/hooks/release.py dist SITE_DIR OUT_DIR # dist/samtalsplan-<version>.zip

As a MkDocs hook, ``on_post_build`` stamps the service worker after every other
step (the English build and the search index included); under ``mkdocs serve``
or with SAMTALSPLAN_OFFLINE=off (``make serve``) it leaves the worker inert, so
an edit is never hidden behind a cache.
``on_files`` keeps the server config templates (``overrides/server/``) out of
the site: they go into the zip, filled in, beside it.

The service worker (``overrides/sw.js``, copied to the site's root by MkDocs)
ships with ``const MANIFEST = null;``. Stamping writes the list of the site's
files (the Python runtime's and wheel's apart) and a build id, a digest of all
of them, into that line: a new build gives
a new file, the browser installs it as a new version, with a cache of its own.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import csp

PROJECT = Path(__file__).resolve().parents[2]
SERVER_TEMPLATES = PROJECT / "overrides" / "server"
SERVICE_WORKER = "sw.js"
# The runtime and our wheel: kept by the worker only once a page runs Python.
PYTHON_FOLDERS = ("assets/pyodide/", "assets/python/")
MANIFEST_LINE = re.compile(r"^const MANIFEST = .*;$", re.MULTILINE)

# Files worth precompressing for nginx's gzip_static (python_stdlib.zip is
# compressed already).
PRECOMPRESS = {".wasm", ".mjs", ".js", ".css", ".json", ".html", ".svg", ".xml"}
PRECOMPRESS_MIN_BYTES = 1024

def _last[F: Callable[..., Any]](function: F) -> F:
    """Run a hook after the other plugins' (i18n builds English at -100)."""
    try:
        from mkdocs.plugins import event_priority
    except ImportError:  # outside MkDocs the order means nothing
        return function
    return event_priority(-200)(function)


def package_version() -> str:
    init = (PROJECT / "pyapp" / "samtalsplan" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"$', init, re.MULTILINE)
    if not match:
        raise ValueError("pyapp/samtalsplan/__init__.py has no __version__")
    return match[1]


# The service worker -----------------------------------------------------------


def _served_files(site_dir: Path) -> Iterator[Path]:
    """The site's files a browser may ask for, in a stable order."""
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir)
        if not path.is_file() or any(part.startswith(".") for part in relative.parts):
            continue
        if relative.as_posix() in (SERVICE_WORKER, "web.config", "sitemap.xml", "sitemap.xml.gz"):
            continue
        if path.suffix in (".gz", ".br", ".map"):
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
        (python if url.startswith(PYTHON_FOLDERS) else files).append(url)
        digest.update(url.encode() + b"\0" + path.read_bytes() + b"\0")
    manifest = {"build": digest.hexdigest()[:16], "files": files, "python": python}
    stamped = MANIFEST_LINE.sub(
        lambda _: f"const MANIFEST = {json.dumps(manifest, separators=(',', ':'))};", template
    )
    if stamped != worker.read_text(encoding="utf-8"):
        worker.write_text(stamped, encoding="utf-8")
    return str(manifest["build"])


# Server configs ----------------------------------------------------------------


def content_security_policy(site_dir: Path) -> str:
    """The pages' policy (csp.py) as a header for the whole site: the hashes of
    every inline script any page runs."""
    hashes = {h for page in site_dir.rglob("*.html") for h in csp.inline_script_hashes(page.read_text("utf-8"))}
    return csp.policy(sorted(hashes), header=True)


def server_configs(site_dir: Path) -> dict[str, str]:
    """The filled-in server configs by their place in the zip's top folder."""
    csp = content_security_policy(site_dir)
    places = {"web.config": "site/web.config", ".htaccess": "site/.htaccess",
              "samtalsplan.conf": "nginx/samtalsplan.conf"}
    configs = {}
    for name, place in places.items():
        text = (SERVER_TEMPLATES / name).read_text(encoding="utf-8")
        if "{{CSP}}" not in text:
            raise ValueError(f"overrides/server/{name} has no {{{{CSP}}}} placeholder")
        configs[place] = text.replace("{{CSP}}", csp)
    return configs


README = """\
Samtalsplan {version}

site/     The website. Copy the folder's contents to the web server, at the
          root or under any path (https://intranet.example/hr/samtal/).
          site/web.config is for IIS, site/.htaccess for Apache.
nginx/    samtalsplan.conf: include it in the nginx server block.

After publishing, open <the site's address>/systemkontroll/ in a browser: it
checks the server's settings and says how to fix what is wrong. The hosting
guide is on the site: <the site's address>/drift/ (in English: /en/drift/).

site/     Webbplatsen. Kopiera mappens innehåll till webbservern, i roten
          eller under valfri sökväg (https://intranet.example/hr/samtal/).
          site/web.config är för IIS, site/.htaccess för Apache.
nginx/    samtalsplan.conf: inkludera filen i nginx server-block.

Öppna <webbplatsens adress>/systemkontroll/ i en webbläsare när allt är
publicerat: sidan kontrollerar serverns inställningar och säger hur man
rättar det som är fel. Driftguiden finns på webbplatsen: /drift/.
"""


def _zip_entry(name: str, path: Path | None = None) -> zipfile.ZipInfo:
    # Files keep their build time: servers derive ETag and Last-Modified from it,
    # and a constant time would let a changed file of the same size look unchanged.
    if path is not None:
        info = zipfile.ZipInfo.from_file(path, name)
    else:
        info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def build_zip(site_dir: Path, out_dir: Path) -> Path:
    """dist/samtalsplan-<version>.zip: the site (service worker stamped, with
    precompressed copies of large text and wasm files), the server configs and
    a README, all in one top folder."""
    stamp_service_worker(site_dir)
    version = package_version()
    top = f"samtalsplan-{version}"
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{top}.zip"
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", compresslevel=6) as archive:
        archive.writestr(_zip_entry(f"{top}/README.txt"), README.format(version=version))
        for place, text in server_configs(site_dir).items():
            archive.writestr(_zip_entry(f"{top}/{place}"), text)
        for path in sorted(site_dir.rglob("*")):
            if not path.is_file():
                continue
            name = f"{top}/site/{path.relative_to(site_dir).as_posix()}"
            data = path.read_bytes()
            info = _zip_entry(name, path)
            if path.suffix == ".zip":
                info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, data)
            precompress = path.suffix in PRECOMPRESS and len(data) >= PRECOMPRESS_MIN_BYTES
            if precompress and not path.with_name(f"{path.name}.gz").exists():
                packed = gzip.compress(data, compresslevel=9, mtime=0)
                if len(packed) < 0.9 * len(data):
                    gz = _zip_entry(f"{name}.gz", path)
                    gz.compress_type = zipfile.ZIP_STORED
                    archive.writestr(gz, packed)
    partial.replace(target)
    return target


# MkDocs hooks -----------------------------------------------------------------

# Off for development servers (`mkdocs serve`, `make serve`): a cached site
# would hide every edit until all its tabs were closed.
OFFLINE_SWITCH = "SAMTALSPLAN_OFFLINE"
_serving = False


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve" or os.environ.get(OFFLINE_SWITCH) == "off"


def on_files(files: Any, *, config: Any) -> Any:
    """The server config templates are not part of the site."""
    for file in [f for f in files if f.src_uri.startswith("server/")]:
        files.remove(file)
    return files


@_last  # after the English build and the search index
def on_post_build(*, config: Any) -> None:
    if not _serving:
        stamp_service_worker(Path(config["site_dir"]))


def main(argv: list[str]) -> int:
    usage = f"usage: {argv[0]} stamp SITE_DIR | dist SITE_DIR OUT_DIR"
    if len(argv) == 3 and argv[1] == "stamp":
        print(f"service worker build {stamp_service_worker(Path(argv[2]))}")
    elif len(argv) == 4 and argv[1] == "dist":
        print(build_zip(Path(argv[2]), Path(argv[3])))
    else:
        print(usage, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
