"""The built site carries the pinned runtime and our wheel, entered in a lockfile with its sha256."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path

import brotli

from tests.conftest import ROOT

RUNTIME_FILES = {
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
}


def test_runtime_is_the_pinned_version_and_runtime_files_only(site_dir: Path) -> None:
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"][
        "pyodide"
    ]
    (runtime,) = (site_dir / "assets" / "pyodide").iterdir()
    assert runtime.name == pinned == "314.0.7"
    # Not the full lockfile (119 KB): the browser loads ours, which holds only our wheel.
    assert {p.name for p in runtime.iterdir() if p.suffix not in (".br", ".gz")} == RUNTIME_FILES


def test_compressible_assets_have_precompressed_copies(site_dir: Path) -> None:
    (runtime,) = (site_dir / "assets" / "pyodide").iterdir()
    wasm = runtime / "pyodide.asm.wasm"
    assert brotli.decompress((runtime / "pyodide.asm.wasm.br").read_bytes()) == wasm.read_bytes()
    assert gzip.decompress((runtime / "pyodide.asm.wasm.gz").read_bytes()) == wasm.read_bytes()
    assert not (runtime / "python_stdlib.zip.br").exists(), "a zip gains nothing from compression"


def test_wheel_is_locked_by_sha256_in_a_folder_named_by_it(site_dir: Path) -> None:
    (folder,) = (site_dir / "assets" / "python").iterdir()
    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert list(lock["packages"]) == ["samtalsplan"], "only what the planner loads"
    entry = lock["packages"]["samtalsplan"]
    wheel = folder / entry["file_name"]
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert entry["sha256"] == digest
    assert folder.name == digest[:16]
    assert entry["depends"] == [] and entry["imports"] == ["samtalsplan"]
    assert lock["info"]["python"].startswith("3.14")


def test_planner_page_points_at_the_current_assets(site_dir: Path) -> None:
    html = (site_dir / "planera" / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script type="application/json" id="sp-config">(.*?)</script>', html, re.DOTALL)[1])
    (folder,) = (site_dir / "assets" / "python").iterdir()
    assert config["lockfile"] == f"../assets/python/{folder.name}/pyodide-lock.json"
    assert config["runtime"] == "../assets/pyodide/314.0.7/"
    assert config["packages"] == ["samtalsplan"]


def test_the_organisation_settings_reach_the_planner(site_dir: Path) -> None:
    import yaml

    extra = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    # The guide links, the start-up watchdog and the prefetch are the pages', not the plan logic's.
    pages_own = ("guide", "timeout_seconds", "prefetch_python")
    settings = {k: v for k, v in extra["extra"]["samtalsplan"].items() if k not in pages_own}
    html = (site_dir / "planera" / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script type="application/json" id="sp-config">(.*?)</script>', html, re.DOTALL)[1])
    assert config["settings"] == settings
    for goal in settings["organisation_goals"]:
        assert f'<option value="{goal}"></option>' in html
    assert html.count('list="sp-suggest-organisation_goals"') == 2, "the first goal and the goal template"


def test_guidance_pages_prefetch_python_only_when_the_organisation_says_so(site_dir: Path) -> None:
    import yaml

    extra = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["samtalsplan"]
    html = (site_dir / "under-samtalet" / "index.html").read_text(encoding="utf-8")
    assert ('name="samtalsplan:prefetch-python"' in html) == (extra["prefetch_python"] is True)
