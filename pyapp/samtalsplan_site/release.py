"""The release zip: ``dist/samtalsplan-<version>.zip``, ready to deploy.

    python -m samtalsplan_site dist SITE_DIR OUT_DIR

One top folder holds the site (its service worker stamped, with the
precompressed copies that ``compression`` says a file gets), the server
configs filled in for this very build (``server_configs/``: the site's
Content-Security-Policy as a header, with the hashes of the theme's inline
scripts) and a README.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Final

from . import compression, csp
from .paths import BROWSER_PACKAGE, SERVER_CONFIGS
from .service_worker import stamp_service_worker

# Each template by its place in the zip's top folder.
CONFIG_PLACES: Final = {
    "web.config": "site/web.config",
    ".htaccess": "site/.htaccess",
    "samtalsplan.conf": "nginx/samtalsplan.conf",
}
CSP_PLACEHOLDER: Final = "{{CSP}}"


def package_version() -> str:
    init = (BROWSER_PACKAGE / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"$', init, re.MULTILINE)
    if not match:
        raise ValueError("pyapp/samtalsplan/__init__.py has no __version__")
    return match[1]


# Server configs ----------------------------------------------------------------


def content_security_policy(site_dir: Path) -> str:
    """The pages' policy (csp.py) as a header for the whole site: the hashes of
    every inline script any page runs."""
    hashes = {
        h
        for page in site_dir.rglob("*.html")
        for h in csp.inline_script_hashes(page.read_text("utf-8"))
    }
    return csp.policy(sorted(hashes), header=True)


def server_configs(site_dir: Path) -> dict[str, str]:
    """The filled-in server configs by their place in the zip's top folder."""
    policy = content_security_policy(site_dir)
    configs = {}
    for name, place in CONFIG_PLACES.items():
        text = (SERVER_CONFIGS / name).read_text(encoding="utf-8")
        if CSP_PLACEHOLDER not in text:
            raise ValueError(f"{SERVER_CONFIGS / name} has no {CSP_PLACEHOLDER} placeholder")
        configs[place] = text.replace(CSP_PLACEHOLDER, policy)
    return configs


README: Final = """\
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
            # Copies the site has already (the runtime's, made at staging) come as they are.
            present = frozenset(
                s for s in compression.SUFFIXES if path.with_name(path.name + s).exists()
            )
            for suffix, packed in compression.copies(path, data, skip=present).items():
                copy = _zip_entry(name + suffix, path)
                copy.compress_type = zipfile.ZIP_STORED
                archive.writestr(copy, packed)
    partial.replace(target)
    return target
