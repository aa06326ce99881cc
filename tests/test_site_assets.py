"""The built site carries the pinned runtime and our wheel, entered in a lockfile with its sha256."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import brotli

from tests.conftest import ROOT

RUNTIME_FILES = {
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
}


def test_runtime_is_the_pinned_version_and_runtime_files_only(site_dir: Path) -> None:
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"][
        "pyodide"
    ]
    (runtime,) = (site_dir / "assets" / "pyodide").iterdir()
    assert runtime.name == pinned == "314.0.7"
    # Not the full lockfile (119 KB): the browser loads ours, which holds only our
    # wheel; nor the standard library, which comes with bytecode beside our wheel.
    assert {p.name for p in runtime.iterdir() if p.suffix not in (".br", ".gz")} == RUNTIME_FILES


def test_compressible_assets_have_precompressed_copies(site_dir: Path) -> None:
    (runtime,) = (site_dir / "assets" / "pyodide").iterdir()
    wasm = runtime / "pyodide.asm.wasm"
    assert brotli.decompress((runtime / "pyodide.asm.wasm.br").read_bytes()) == wasm.read_bytes()
    assert gzip.decompress((runtime / "pyodide.asm.wasm.gz").read_bytes()) == wasm.read_bytes()
    (folder,) = (site_dir / "assets" / "python").iterdir()
    assert not (folder / "python_stdlib.zip.br").exists(), "a zip gains nothing from compression"


def test_wheel_is_locked_by_sha256_in_a_folder_named_by_its_files(site_dir: Path) -> None:
    (folder,) = (site_dir / "assets" / "python").iterdir()
    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    # What the pages load, and the wheel the team's workbook needs (loaded only then).
    assert list(lock["packages"]) == ["samtalsplan", "xlsxwriter"]
    for name, entry in lock["packages"].items():
        wheel = folder / entry["file_name"]
        assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest(), name
        assert entry["depends"] == [] and entry["imports"] == [name]
    wheel, extra = (folder / lock["packages"][name]["file_name"] for name in ("samtalsplan", "xlsxwriter"))
    stdlib = folder / "python_stdlib.zip"
    held = wheel.read_bytes() + stdlib.read_bytes() + extra.read_bytes()
    assert folder.name == hashlib.sha256(held).hexdigest()[:16]
    assert lock["info"]["python"].startswith("3.14")


def test_the_workbooks_wheel_is_the_pinned_one_with_bytecode(site_dir: Path) -> None:
    pin = next(line for line in (ROOT / "requirements-dev.txt").read_text().splitlines() if line.startswith("XlsxWriter=="))
    (folder,) = (site_dir / "assets" / "python").iterdir()
    (wheel,) = folder.glob("xlsxwriter-*.whl")
    assert wheel.name == f"xlsxwriter-{pin.split('==')[1]}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as zipped:
        names = set(zipped.namelist())
    sources = {n for n in names if n.endswith(".py")}
    assert sources and {n + "c" for n in sources} <= names


# Runs the site's runtime, standard library and wheel in Pyodide under Node.
PYODIDE_IN_NODE = """
const [runtime, python, wheel] = process.argv.slice(1);
const { loadPyodide } = await import(runtime + "/pyodide.mjs");
const pyodide = await loadPyodide({
  indexURL: runtime + "/", lockFileURL: python + "/pyodide-lock.json", stdLibURL: python + "/python_stdlib.zip",
});
pyodide.FS.writeFile("/tmp/sp.whl", (await import("node:fs")).readFileSync(wheel));
console.log(pyodide.runPython(`
import sys, json
sys.path.insert(0, "/tmp/sp.whl")
import dataclasses, samtalsplan.bridge
json.dumps([sys.version, dataclasses.__file__, samtalsplan.bridge.__file__])
`));
"""


def test_python_starts_from_bytecode_in_the_browsers_runtime(site_dir: Path) -> None:
    """Pyodide 314 ships its standard library as sources; the site's copy has the
    start's modules as bytecode, and our wheel has bytecode beside its sources.
    Pyodide takes both (a wrong version would fall back to compiling, silently)."""
    (runtime,) = (site_dir / "assets" / "pyodide").iterdir()
    (folder,) = (site_dir / "assets" / "python").iterdir()
    (wheel,) = folder.glob("samtalsplan-*.whl")
    node = [shutil.which("node") or "node", "--input-type=module", "-e", PYODIDE_IN_NODE]
    out = subprocess.run([*node, str(runtime), str(folder), str(wheel)], capture_output=True, text=True, check=True)
    version, dataclasses_file, bridge_file = json.loads(out.stdout.strip().splitlines()[-1])
    assert version.startswith("3.14")
    assert dataclasses_file.endswith("/dataclasses.pyc")
    assert bridge_file.endswith("/samtalsplan/bridge.pyc")


# The team's workbook, made by the browser's Python from the site's two wheels.
WORKBOOK_IN_NODE = """
const [runtime, python] = process.argv.slice(1);
const fs = await import("node:fs");
const { loadPyodide } = await import(runtime + "/pyodide.mjs");
const pyodide = await loadPyodide({
  indexURL: runtime + "/", lockFileURL: python + "/pyodide-lock.json", stdLibURL: python + "/python_stdlib.zip",
});
const lock = JSON.parse(fs.readFileSync(python + "/pyodide-lock.json", "utf8"));
const paths = Object.values(lock.packages).map(({ file_name }) => {
  pyodide.FS.writeFile("/tmp/" + file_name, fs.readFileSync(python + "/" + file_name));
  return "/tmp/" + file_name;
});
console.log(pyodide.runPython(`
import sys, json, base64
sys.path[:0] = ${JSON.stringify(paths)}
from samtalsplan.bridge import handle
import xlsxwriter
reply = json.loads(handle(json.dumps({"op": "team", "format": "xlsx", "today": "2027-03-01", "files": [], "data": ""})))
json.dumps([xlsxwriter.__file__, reply["result"]["download"]["filename"], base64.b64decode(reply["result"]["download"]["base64"])[:2].decode()])
`));
"""


def test_the_browsers_python_writes_the_workbook_with_bytecode(site_dir: Path) -> None:
    (runtime,) = (site_dir / "assets" / "pyodide").iterdir()
    (folder,) = (site_dir / "assets" / "python").iterdir()
    node = [shutil.which("node") or "node", "--input-type=module", "-e", WORKBOOK_IN_NODE]
    out = subprocess.run([*node, str(runtime), str(folder)], capture_output=True, text=True, check=True)
    module, filename, magic = json.loads(out.stdout.strip().splitlines()[-1])
    assert module.endswith("/xlsxwriter/__init__.pyc")
    assert (filename, magic) == ("team-2027-03-01.xlsx", "PK")


def test_the_standard_library_keeps_every_module(site_dir: Path) -> None:
    """Each module of the runtime's standard library, as source or as bytecode."""
    (folder,) = (site_dir / "assets" / "python").iterdir()
    with zipfile.ZipFile(ROOT / "node_modules" / "pyodide" / "python_stdlib.zip") as original:
        before = set(original.namelist())
    with zipfile.ZipFile(folder / "python_stdlib.zip") as ours:
        after = set(ours.namelist())
        compiled = {n for n in after if n.endswith(".pyc")}
        assert all(ours.read(n)[4:8] == b"\x01\0\0\0" for n in compiled), "unchecked hash"
    assert {n[:-1] for n in compiled} <= before and len(compiled) > 100
    assert after - compiled == before - {n[:-1] for n in compiled}


def test_the_wheel_holds_the_browser_package_alone(site_dir: Path) -> None:
    """The build package (samtalsplan_site) sits beside it in pyapp/ but stays out."""
    (folder,) = (site_dir / "assets" / "python").iterdir()
    (wheel,) = folder.glob("samtalsplan-*.whl")
    with zipfile.ZipFile(wheel) as zipped:
        tops = {name.split("/", 1)[0] for name in zipped.namelist()}
    assert {top for top in tops if not top.endswith(".dist-info")} == {"samtalsplan"}


def test_planner_page_points_at_the_current_assets(site_dir: Path) -> None:
    html = (site_dir / "planera" / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script type="application/json" id="sp-config">(.*?)</script>', html, re.DOTALL)[1])
    (folder,) = (site_dir / "assets" / "python").iterdir()
    assert config["lockfile"] == f"../assets/python/{folder.name}/pyodide-lock.json"
    assert config["runtime"] == "../assets/pyodide/314.0.7/"
    assert config["stdlib"] == f"../assets/python/{folder.name}/python_stdlib.zip"
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
