"""One notion of serving (samtalsplan_site.serving): the static server and the
server configs in the release zip (IIS, Apache, nginx) agree with it on the
MIME types and on which folders are cached for good."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from samtalsplan_site import serving
from samtalsplan_site.compression import ENCODINGS
from samtalsplan_site.paths import SERVER_CONFIGS
from samtalsplan_site.server import SiteHandler

WEB_CONFIG = ET.parse(SERVER_CONFIGS / "web.config").getroot()
HTACCESS = (SERVER_CONFIGS / ".htaccess").read_text("utf-8")
NGINX = (SERVER_CONFIGS / "samtalsplan.conf").read_text("utf-8")
# nginx's own map, which the snippet includes again, gets these right already.
NGINX_STANDARD = {".json": "application/json"}
NGINX_MIME_TYPES = Path("/etc/nginx/mime.types")


def _iis_types() -> dict[str, str]:
    static = WEB_CONFIG.find("system.webServer/staticContent")
    assert static is not None
    return {str(m.get("fileExtension")): str(m.get("mimeType")) for m in static.iterfind("mimeMap")}


def _apache_types() -> dict[str, str]:
    return {ext: mime for mime, ext in re.findall(r"^AddType (\S+) (\.\w+)$", HTACCESS, re.MULTILINE)}


def _nginx_types() -> dict[str, str]:
    block = re.search(r"^types \{(.*?)\}", NGINX, re.MULTILINE | re.DOTALL)
    assert block, "the snippet has a types block"
    return {f".{ext}": mime for mime, ext in re.findall(r"(\S+) (\w+);", block[1])}


def _folders(alternation: str) -> set[str]:
    """``/assets/(pyodide|python)/`` as the folders it names."""
    found = re.search(r"/assets/\(([\w|]+)\)/", alternation)
    assert found, alternation
    return {f"assets/{name}/" for name in found[1].split("|")}


@pytest.mark.parametrize(
    ("server", "declared"),
    [("IIS", _iis_types()), ("Apache", _apache_types()), ("nginx", _nginx_types())],
)
def test_every_type_a_config_declares_is_the_sites_own(server: str, declared: dict[str, str]) -> None:
    assert declared, f"{server} declares no types?"
    assert {ext: serving.MIME_TYPES.get(ext) for ext in declared} == declared


def test_iis_and_apache_declare_the_types_servers_lack() -> None:
    wanted = {ext: serving.MIME_TYPES[ext] for ext in serving.DECLARED}
    assert _iis_types() == wanted
    assert _apache_types() == wanted


def test_nginx_declares_what_its_own_map_lacks() -> None:
    wanted = {ext: serving.MIME_TYPES[ext] for ext in serving.DECLARED}
    assert "include mime.types;" in NGINX
    assert {**NGINX_STANDARD, **_nginx_types()} == wanted
    if NGINX_MIME_TYPES.is_file():  # the map nginx ships says so indeed
        standard = NGINX_MIME_TYPES.read_text("utf-8")
        for ext, mime in NGINX_STANDARD.items():
            assert re.search(rf"^\s*{re.escape(mime)}\s+([\w ]+ )?{ext[1:]}[ ;]", standard, re.MULTILINE)


def test_the_configs_keep_the_immutable_folders_for_a_year() -> None:
    immutable = set(serving.IMMUTABLE_FOLDERS)
    locations = {f"{loc.get('path')}/": loc for loc in WEB_CONFIG.iterfind("location")}
    assert set(locations) == immutable
    for location in locations.values():
        cache = location.find("system.webServer/staticContent/clientCache")
        assert cache is not None
        assert cache.get("cacheControlMaxAge") == "365.00:00:00"  # 31536000 s
        assert cache.get("cacheControlCustom") == "public, immutable"
    apache = re.search(r'<If "%\{REQUEST_URI\} =~ m#(.*?)#">\s*Header set Cache-Control "(.*?)"', HTACCESS)
    assert apache and _folders(apache[1]) == immutable and apache[2] == serving.IMMUTABLE
    nginx = re.search(r'location ~ (\S+) \{\s*add_header Cache-Control "(.*?)" always;', NGINX)
    assert nginx and _folders(nginx[1]) == immutable and nginx[2] == serving.IMMUTABLE


def test_the_configs_have_every_other_file_revalidated() -> None:
    static = WEB_CONFIG.find("system.webServer/staticContent/clientCache")
    assert static is not None and static.get("cacheControlMode") == "DisableCache"  # no-cache
    assert f'Header set Cache-Control "{serving.REVALIDATE}"' in HTACCESS
    assert re.search(rf'^add_header Cache-Control "{serving.REVALIDATE}" always;', NGINX, re.MULTILINE)


def test_the_static_server_serves_the_sites_types() -> None:
    assert serving.MIME_TYPES.items() <= SiteHandler.extensions_map.items()


@pytest.mark.parametrize(
    ("path", "cache"),
    [
        ("/assets/pyodide/314.0.7/pyodide.asm.wasm", serving.IMMUTABLE),
        ("/hr/samtal/assets/python/0123456789abcdef/pyodide-lock.json", serving.IMMUTABLE),
        ("/assets/samtalsplan/planner.js", serving.REVALIDATE),
        ("/planera/", serving.REVALIDATE),
        ("/sw.js", serving.REVALIDATE),
    ],
)
def test_cache_control_by_folder_under_any_sub_path(path: str, cache: str) -> None:
    assert serving.cache_control(path) == cache


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("gzip, deflate, br, zstd", {"gzip", "deflate", "br", "zstd"}),
        ("gzip;q=1.0, br;q=0", {"gzip"}),
        ("BR ; q=0.5", {"br"}),
        ("", set()),
        ("gzip;q=nonsense", set()),
    ],
)
def test_accepted_encodings(header: str, accepted: set[str]) -> None:
    assert serving.accepted_encodings(header) == accepted


def test_the_best_accepted_copy_is_sent(tmp_path: Path) -> None:
    wasm = tmp_path / "pyodide.asm.wasm"
    wasm.write_bytes(b"\0asm")
    for encoding in ENCODINGS:
        wasm.with_name(wasm.name + encoding.suffix).write_bytes(b"packed")
    assert serving.precompressed(wasm, "identity") is None
    found = serving.precompressed(wasm, "gzip, br")
    assert found is not None and found[1].name == "br" and found[0].name == "pyodide.asm.wasm.br"
    found = serving.precompressed(wasm, "gzip")
    assert found is not None and found[1].name == "gzip"
    wasm.with_name(wasm.name + ".br").unlink()
    found = serving.precompressed(wasm, "br, gzip")
    assert found is not None and found[1].name == "gzip", "the next best that is there"
