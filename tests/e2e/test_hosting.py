"""Hosting: the site under a sub-path, the admin self-check, and the release
zip served by a real nginx with the config it ships.

The test server (samtalsplan_site/server.py, as `make serve`) sends the
right types, precompressed files and caching headers, so the self-check is
green there; a server with the wrong wasm type turns it red, with the fix."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Locator, Page, Request, expect

from ..conftest import SiteHandler, serve
from .planner_page import CATALOGUE, open_planner
from .test_failures import WrongWasmType

PREFIX = "/hr/samtal"
CHECKS = ("wasm_mime", "mjs_mime", "csp", "python", "storage", "compression", "caching", "offline")
# A function, not an expression: Playwright evaluates expressions with eval(),
# which the release's policy (rightly) forbids.
DONE = "() => performance.getEntriesByName('selfcheck-done').length > 0"


class SubPathHandler(SiteHandler):
    """The site under /hr/samtal/, as an intranet proxy or a virtual directory
    would serve it; nothing answers outside the prefix."""

    def translate_path(self, path: str) -> str:
        if path == PREFIX or path.startswith(PREFIX + "/"):
            return super().translate_path(path[len(PREFIX) :] or "/")
        return "/nonexistent"


@pytest.fixture
def sub_path_url(site_dir: Path) -> Iterator[str]:
    server, url = serve(site_dir, SubPathHandler)
    yield url + PREFIX
    server.shutdown()


def check_line(page: Page, name: str) -> Locator:
    return page.get_by_role("listitem").filter(has_text=CATALOGUE[f"check.{name}.name"])


def run_self_check(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function(DONE, timeout=90_000)


def expect_ok(page: Page, names: tuple[str, ...]) -> None:
    for name in names:
        line = check_line(page, name)
        expect(line).to_contain_text(CATALOGUE["check.state.ok"])
        expect(line).to_contain_text(CATALOGUE[f"check.{name}.ok"].split("{")[0])
        expect(line.get_by_text(CATALOGUE["check.fix"])).to_be_hidden()


def test_planner_works_under_a_sub_path(page: Page, sub_path_url: str) -> None:
    seen: list[Request] = []
    page.context.on("request", lambda request: seen.append(request))
    open_planner(page, f"{sub_path_url}/planera/")
    page.get_by_label(CATALOGUE["field.talk.employee"], exact=True).fill("Åsa Öberg")
    with page.expect_download() as download:
        page.get_by_role("button", name="Ladda ner JSON").click()
    saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert saved["talk"]["employee"] == "Åsa Öberg"
    outside = [r.url for r in seen if not r.url.startswith((sub_path_url + "/", "blob:", "data:"))]
    assert outside == [], "every URL is relative to the site"


def test_self_check_is_green_on_the_test_server_under_a_sub_path(page: Page, sub_path_url: str) -> None:
    run_self_check(page, f"{sub_path_url}/systemkontroll/")
    expect_ok(page, CHECKS)
    expect(page.get_by_role("status").first).to_have_text(
        CATALOGUE["check.status.done"].format(failed=0, warned=0)
    )


@pytest.fixture
def wrong_wasm_url(site_dir: Path) -> Iterator[str]:
    server, url = serve(site_dir, WrongWasmType)
    yield url
    server.shutdown()


def test_self_check_is_red_with_the_fix_when_wasm_has_the_wrong_type(
    page: Page, wrong_wasm_url: str
) -> None:
    run_self_check(page, f"{wrong_wasm_url}/en/systemkontroll/")
    english: dict[str, str] = json.loads(
        (Path(__file__).parents[2] / "pyapp/samtalsplan/locales/en.json").read_text("utf-8")
    )
    line = page.get_by_role("listitem").filter(has_text=english["check.wasm_mime.name"])
    expect(line).to_contain_text(english["check.state.fail"])
    expect(line).to_contain_text(english["check.wasm_mime.fail"].format(type="application/octet-stream"))
    expect(line).to_contain_text(english["check.wasm_mime.fix"])
    python = page.get_by_role("listitem").filter(has_text=english["check.python.name"])
    expect(python).to_contain_text(english["check.state.fail"])
    expect(python).to_contain_text("application/octet-stream")
    mjs = page.get_by_role("listitem").filter(has_text=english["check.mjs_mime.name"])
    expect(mjs).to_contain_text(english["check.state.ok"])


# The release zip on nginx --------------------------------------------------------

def _binary(name: str) -> str | None:
    found = shutil.which(name) or next((p for p in (f"/usr/sbin/{name}",) if Path(p).exists()), None)
    if found is None and os.environ.get("SAMTALSPLAN_REQUIRE_SERVERS"):
        pytest.fail(f"{name} is missing: apt-get install {name}")
    return found


NGINX = _binary("nginx")
APACHE = _binary("apache2")
APACHE_MODULES = Path("/usr/lib/apache2/modules")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def nginx_url(release_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The unzipped release under /hr/samtal/ on nginx, with the zip's snippet
    included in the server block exactly as the hosting guide says."""
    if NGINX is None:
        pytest.skip("nginx is not installed (apt-get install nginx)")
    base = tmp_path_factory.mktemp("nginx")
    shutil.copytree(release_dir / "site", base / "www" / PREFIX.strip("/"))
    shutil.copy(release_dir / "nginx" / "samtalsplan.conf", base / "samtalsplan.conf")
    shutil.copy("/etc/nginx/mime.types", base / "mime.types")
    port = _free_port()
    temp_paths = "\n".join(
        f"    {kind}_temp_path {base}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (base / "nginx.conf").write_text(
        f"""
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
daemon off;
pid {base}/nginx.pid;
error_log {base}/error.log;
events {{ worker_connections 64; }}
http {{
    include mime.types;
    default_type application/octet-stream;
    access_log off;
{temp_paths}
    server {{
        listen 127.0.0.1:{port};
        root {base}/www;
        include samtalsplan.conf;
    }}
}}
""",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [NGINX, "-p", str(base), "-c", str(base / "nginx.conf"), "-e", str(base / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(process, port, base / "error.log")
        yield f"http://127.0.0.1:{port}{PREFIX}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    for _ in range(100):
        if process.poll() is not None:
            pytest.fail(f"the server did not start:\n{log.read_text() if log.exists() else ''}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail("the server did not answer within 10 s")


@pytest.fixture(scope="module")
def apache_url(release_dir: Path) -> Iterator[str]:
    """The unzipped release under /hr/samtal/ on Apache httpd, reading the
    zip's .htaccess with the AllowOverride the hosting guide asks for."""
    if APACHE is None or not APACHE_MODULES.is_dir():
        pytest.skip("Apache is not installed (apt-get install apache2)")
    # Apache's workers run as www-data when started as root: a folder they can read.
    base = Path(tempfile.mkdtemp(prefix="samtalsplan-apache-"))
    base.chmod(0o755)
    site = base / "www" / PREFIX.strip("/")
    shutil.copytree(release_dir / "site", site)
    for folder in [base / "www", *[p for p in (base / "www").rglob("*") if p.is_dir()]]:
        folder.chmod(0o755)
    port = _free_port()
    modules = ("mpm_event", "authz_core", "mime", "dir", "alias", "filter", "deflate", "headers")
    (base / "httpd.conf").write_text(
        "\n".join(
            [
                *(f"LoadModule {m}_module {APACHE_MODULES}/mod_{m}.so" for m in modules),
                *(["User www-data", "Group www-data"] if os.geteuid() == 0 else []),
                f"ServerName 127.0.0.1\nListen 127.0.0.1:{port}",
                f"DefaultRuntimeDir {base}\nPidFile {base}/httpd.pid\nErrorLog {base}/error.log",
                "TypesConfig /etc/mime.types",
                f"DocumentRoot {base}/www",
                f"<Directory {base}/www>\n  AllowOverride FileInfo Indexes\n  Require all granted\n</Directory>",
                "",
            ]
        ),
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [APACHE, "-f", str(base / "httpd.conf"), "-DFOREGROUND"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(process, port, base / "error.log")
        yield f"http://127.0.0.1:{port}{PREFIX}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(base, ignore_errors=True)


def _head(url: str, **headers: str) -> dict[str, str]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request) as response:
        return {k.lower(): v for k, v in response.headers.items()}


def test_nginx_sends_types_compression_caching_and_policy(nginx_url: str, release_dir: Path) -> None:
    runtime = f"{nginx_url}/assets/pyodide/314.0.7"
    wasm = _head(f"{runtime}/pyodide.asm.wasm", **{"Accept-Encoding": "gzip"})
    assert wasm["content-type"] == "application/wasm"
    assert wasm["content-encoding"] == "gzip"
    assert wasm["cache-control"] == "public, max-age=31536000, immutable"
    mjs = _head(f"{runtime}/pyodide.mjs")
    assert mjs["content-type"] == "text/javascript"
    page = _head(f"{nginx_url}/planera/")
    assert page["content-type"].startswith("text/html")
    assert page["cache-control"] == "no-cache"
    web_config = (release_dir / "site" / "web.config").read_text("utf-8")
    assert f'value="{page["content-security-policy"]}"' in web_config, "the same policy as IIS's"
    assert wasm["content-security-policy"] == page["content-security-policy"]
    assert page["x-content-type-options"] == "nosniff"
    with pytest.raises(urllib.error.HTTPError, match="404"):
        _head(f"{nginx_url}/web.config")


def test_planner_and_self_check_on_nginx_with_its_policy(page: Page, nginx_url: str) -> None:
    violations: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            violations.append(message.text)

    page.on("console", on_console)
    page.goto(f"{nginx_url}/planera/")
    expect(page.get_by_role("status").first).to_have_text(CATALOGUE["page.planner.ready"], timeout=60_000)
    run_self_check(page, f"{nginx_url}/systemkontroll/")
    expect_ok(page, CHECKS)
    expect(page.get_by_role("status").first).to_have_text(
        CATALOGUE["check.status.done"].format(failed=0, warned=0)
    )
    assert violations == []



def test_apache_sends_types_compression_caching_and_policy(apache_url: str, release_dir: Path) -> None:
    runtime = f"{apache_url}/assets/pyodide/314.0.7"
    wasm = _head(f"{runtime}/pyodide.asm.wasm", **{"Accept-Encoding": "gzip"})
    assert wasm["content-type"] == "application/wasm"
    assert wasm["content-encoding"] == "gzip"
    assert wasm["cache-control"] == "public, max-age=31536000, immutable"
    assert _head(f"{runtime}/pyodide.mjs")["content-type"] == "text/javascript"
    page = _head(f"{apache_url}/planera/")
    assert page["cache-control"] == "no-cache"
    web_config = (release_dir / "site" / "web.config").read_text("utf-8")
    assert f'value="{page["content-security-policy"]}"' in web_config, "the same policy as IIS's"
    with pytest.raises(urllib.error.HTTPError, match="404"):
        _head(f"{apache_url}/web.config")


def test_self_check_on_apache_is_green(page: Page, apache_url: str) -> None:
    run_self_check(page, f"{apache_url}/systemkontroll/")
    expect_ok(page, CHECKS)
