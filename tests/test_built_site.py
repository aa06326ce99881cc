"""Nothing of the build is published: the built site holds what browsers load,
and none of the build's own code or templates."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
import pytest

from samtalsplan_site.paths import RUNTIME_FOLDER, SERVER_CONFIGS


def test_no_hooks_folder(site_dir: Path) -> None:
    assert not (site_dir / "hooks").exists()


def test_no_python_or_module_scripts_but_the_pages_and_the_runtimes(site_dir: Path) -> None:
    # The pages' own modules, and the Pyodide runtime's.
    allowed = (site_dir / "assets" / "samtalsplan", site_dir / RUNTIME_FOLDER)
    code = [
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*")
        if path.suffix in (".py", ".pyc", ".mjs") and not any(path.is_relative_to(a) for a in allowed)
    ]
    assert code == []


def test_no_server_config_templates(site_dir: Path) -> None:
    templates = {path.name for path in SERVER_CONFIGS.iterdir()}
    assert templates >= {"web.config", ".htaccess", "samtalsplan.conf"}
    found = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.name in templates]
    assert found == []
    assert not (site_dir / "server").exists() and not (site_dir / "server_configs").exists()


@pytest.mark.parametrize("suffix", [".gz", ".br"])
def test_every_compressed_copy_holds_its_file_as_it_is(site_dir: Path, suffix: str) -> None:
    """nginx's gzip_static and brotli_static send a copy without looking at its
    file: a copy made before its file was written again would be stale."""
    decompress = gzip.decompress if suffix == ".gz" else brotli.decompress
    stale = [
        str(copy.relative_to(site_dir))
        for copy in site_dir.rglob(f"*{suffix}")
        if decompress(copy.read_bytes()) != copy.with_suffix("").read_bytes()
    ]
    assert not stale
