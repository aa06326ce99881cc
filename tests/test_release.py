"""The release zip (`make dist`): the whole site and the server configs filled
in for this build (the service worker's stamp: test_service_worker.py)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from samtalsplan_site.paths import SERVER_CONFIGS
from samtalsplan_site.release import content_security_policy, package_version

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".whl": "application/octet-stream",
    ".json": "application/json",
}


def test_zip_is_named_by_version_and_holds_the_whole_site(release_zip: Path, site_dir: Path) -> None:
    assert release_zip.name == f"samtalsplan-{package_version()}.zip"
    top = f"samtalsplan-{package_version()}/"
    with zipfile.ZipFile(release_zip) as archive:
        names = set(archive.namelist())
    site_files = {f"{top}site/{p.relative_to(site_dir).as_posix()}" for p in site_dir.rglob("*") if p.is_file()}
    assert site_files - names == set()
    configs = {f"{top}{name}" for name in ("README.txt", "site/web.config", "site/.htaccess", "nginx/samtalsplan.conf")}
    assert configs - names == set()
    assert all(name.startswith(top) for name in names), "one top folder"
    assert not any("/site/server/" in name for name in names), "the templates stay out of the site"
    assert f"{top}site/assets/pyodide/314.0.7/pyodide.asm.wasm.gz" in names, "precompressed for gzip_static"


def test_precompressed_files_hold_the_same_bytes(release_dir: Path) -> None:
    import gzip

    wasm = release_dir / "site" / "assets" / "pyodide" / "314.0.7" / "pyodide.asm.wasm"
    assert gzip.decompress(wasm.with_name(wasm.name + ".gz").read_bytes()) == wasm.read_bytes()


def test_web_config_is_valid_xml_with_remove_then_add_mime_types(release_dir: Path, site_dir: Path) -> None:
    root = ET.parse(release_dir / "site" / "web.config").getroot()
    static = root.find("system.webServer/staticContent")
    assert static is not None
    entries = [(child.tag, child.get("fileExtension"), child.get("mimeType")) for child in static]
    for extension, mime in MIME_TYPES.items():
        remove = entries.index(("remove", extension, None))
        assert entries[remove + 1] == ("mimeMap", extension, mime)
    headers = {h.get("name"): h.get("value") for h in root.iterfind("system.webServer/httpProtocol/customHeaders/add")}
    assert headers["Content-Security-Policy"] == content_security_policy(site_dir)
    assert headers["X-Content-Type-Options"] == "nosniff"
    cached = {
        location.get("path"): location.find("system.webServer/staticContent/clientCache")
        for location in root.iterfind("location")
    }
    assert set(cached) == {"assets/pyodide", "assets/python"}
    for cache in cached.values():
        assert cache is not None and cache.get("cacheControlMaxAge") == "365.00:00:00"
        assert "immutable" in (cache.get("cacheControlCustom") or "")
    assert static.find("clientCache").get("cacheControlMode") == "DisableCache"  # type: ignore[union-attr]


def test_nginx_and_apache_configs_carry_types_headers_and_policy(release_dir: Path, site_dir: Path) -> None:
    csp = content_security_policy(site_dir)
    nginx = (release_dir / "nginx" / "samtalsplan.conf").read_text("utf-8")
    assert re.search(r"include mime\.types;\s*types \{\s*application/wasm wasm;\s*text/javascript mjs;", nginx)
    assert "gzip_static on;" in nginx and "application/wasm" in nginx
    assert nginx.count(f'add_header Content-Security-Policy "{csp}" always;') == 2
    assert "{{" not in nginx
    apache = (release_dir / "site" / ".htaccess").read_text("utf-8")
    for extension, mime in MIME_TYPES.items():
        assert f"AddType {mime} {extension}" in apache
    assert f'Header always set Content-Security-Policy "{csp}"' in apache


def test_policy_allows_wasm_and_each_inline_script_by_hash(site_dir: Path) -> None:
    csp = content_security_policy(site_dir)
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"].startswith("'self' 'wasm-unsafe-eval' 'sha256-")
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["worker-src"] == "'self'" and directives["connect-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
    # Material's inline scripts differ by page depth (new URL("..", location)).
    assert 2 <= directives["script-src"].count("'sha256-") <= 20
    assert directives["style-src"] == "'self'", "as strict as the pages' own policy"
    assert directives["frame-ancestors"] == "'self'"


@pytest.mark.parametrize("name", ["web.config", "samtalsplan.conf", ".htaccess"])
def test_templates_have_the_policy_placeholder(name: str) -> None:
    assert "{{CSP}}" in (SERVER_CONFIGS / name).read_text("utf-8")
