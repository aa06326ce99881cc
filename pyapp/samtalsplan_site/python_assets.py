"""Python assets for the browser: the package wheel, its lockfile, the runtime.

``stage`` builds them into a site-shaped tree under ``build/`` (skipped when
none of its inputs changed) and says where they are (``BrowserConfig``, which
the form pages hand to the browser), and ``publish`` copies them into a built
site. The MkDocs adapter (``overrides/hooks/form_pages.py``) stages before the
build and publishes after it; ``python -m samtalsplan_site assets SITE_DIR``
does both.

Layout in the site:
- ``assets/pyodide/<version>/``: the pinned runtime, copied from node_modules.
  Its name changes with the version, so it can be cached for good.
- ``assets/python/<sha256 of its files>/``: our wheel, a lockfile naming it
  with its sha256, and the runtime's standard library, both with the bytecode
  of the browser's Python (bytecode.py). New Python code gets a new folder, so
  a returning browser never runs a stale wheel, and the browser checks the
  wheel's integrity.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Final

from . import compression
from .paths import (
    BROWSER_PACKAGE,
    NODE_MODULES,
    PACKAGE_DIR,
    PROJECT,
    PYTHON_FOLDER,
    RUNTIME_CACHE,
    RUNTIME_FOLDER,
    STAGING,
)

PACKAGE: Final = "samtalsplan"
STDLIB: Final = "python_stdlib.zip"
LOCKFILE: Final = "pyodide-lock.json"
# The runtime's files the site serves. Pyodide's full lockfile (119 KB) only
# feeds add-wheels, and the standard library comes with bytecode beside our wheel.
RUNTIME_FILES: Final = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
# What shapes the staged files besides the browser package itself.
_BUILD_INPUTS: Final = tuple(
    PACKAGE_DIR / name
    for name in ("python_assets.py", "bytecode.py", "bytecode.mjs", "compression.py")
)


@dataclass(frozen=True)
class BrowserConfig:
    """Where the browser finds the Python assets: paths relative to the site root."""

    runtime: str
    lockfile: str
    stdlib: str
    packages: tuple[str, ...]
    pyodide_version: str
    package_version: str

    def paths(self) -> dict[str, Any]:
        """What a page needs to find them: runtime, lockfile, standard library, packages."""
        return {"runtime": self.runtime, "lockfile": self.lockfile, "stdlib": self.stdlib, "packages": self.packages}


def pyodide_version(node_modules: Path = NODE_MODULES) -> str:
    manifest = node_modules / "pyodide" / "package.json"
    if not manifest.is_file():
        raise FileNotFoundError(f"{manifest} is missing: run `npm ci` (make does it for you)")
    version: str = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    return version


def _run(command: list[str]) -> None:
    """Run a build tool quietly; on failure, show what it said."""
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")


def build_wheel(out_dir: Path) -> Path:
    """Build the package's wheel with the standard PEP 517 build (pure Python,
    so it is the wheel `pyodide build` would make, without its downloads).
    Hatchling builds reproducibly: the same source gives the same bytes."""
    _run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out_dir),
            str(PROJECT),
        ]
    )
    (wheel,) = out_dir.glob(f"{PACKAGE}-*.whl")
    return wheel


def compile_for_browser(wheel: Path, node_modules: Path, out_dir: Path) -> tuple[Path, Path]:
    """Our wheel and the runtime's standard library, with the bytecode of the
    browser's Python, compiled by the pinned Pyodide under Node (bytecode.py
    says why). Returns their paths in ``out_dir``."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is missing: install Node.js 20 or newer")
    compiled, stdlib = out_dir / wheel.name, out_dir / STDLIB
    script = PACKAGE_DIR / "bytecode.mjs"
    _run([node, str(script), str(node_modules / "pyodide"), str(wheel), str(compiled), str(stdlib)])
    return compiled, stdlib


def lock_wheel(wheel: Path, runtime_lockfile: Path, output: Path) -> None:
    """A lockfile that lists our wheel (with its sha256) and nothing else.

    pyodide-build's `add-wheels` enters the wheel; the runtime's own packages
    are then dropped, since the npm package ships none of their files.
    """
    pyodide = Path(sys.executable).with_name("pyodide")
    _run(
        [
            str(pyodide),
            "lockfile",
            "add-wheels",
            "--input",
            str(runtime_lockfile),
            "--output",
            str(output),
            "--base-path",
            str(wheel.parent),
            str(wheel),
        ]
    )
    lock = json.loads(output.read_text(encoding="utf-8"))
    lock["packages"] = {PACKAGE: lock["packages"][PACKAGE]}
    output.write_text(json.dumps(lock, indent=1) + "\n", encoding="utf-8")


def _inputs_digest(node_modules: Path) -> str:
    """A digest of everything staging reads, to skip work when none of it changed
    (MkDocs builds once per language, and `mkdocs serve` on every edit)."""
    digest = hashlib.sha256()
    sources = sorted(BROWSER_PACKAGE.rglob("*"))
    inputs = [*_BUILD_INPUTS, PROJECT / "pyproject.toml", node_modules / "pyodide" / "package.json"]
    for path in [*inputs, *sources]:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(PROJECT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _runtime(version: str, node_modules: Path) -> Path:
    """The runtime's site files of one Pyodide version with their compressed
    copies, cached (brotli takes about 40 s), made again if the policy changes."""
    cached = RUNTIME_CACHE / version
    complete = cached / ".complete"
    policy = compression.fingerprint()
    if not complete.is_file() or complete.read_text(encoding="utf-8") != policy:
        if cached.exists():
            shutil.rmtree(cached)
        cached.mkdir(parents=True)
        for name in RUNTIME_FILES:
            shutil.copy2(node_modules / "pyodide" / name, cached / name)
            compression.precompress(cached / name)
        complete.write_text(policy, encoding="utf-8")
    return cached


def stage(staging: Path = STAGING, node_modules: Path = NODE_MODULES) -> BrowserConfig:
    """Build everything the browser needs into ``staging`` (a site-shaped tree)."""
    version = pyodide_version(node_modules)
    stamp = staging / ".inputs.json"
    inputs = _inputs_digest(node_modules)
    if stamp.is_file():
        saved = json.loads(stamp.read_text(encoding="utf-8"))
        if saved["inputs"] == inputs:
            return BrowserConfig(
                **{**saved["config"], "packages": tuple(saved["config"]["packages"])}
            )
    if staging.exists():
        shutil.rmtree(staging)
    runtime = _runtime(version, node_modules)
    shutil.copytree(
        runtime, staging / RUNTIME_FOLDER / version, ignore=shutil.ignore_patterns(".complete")
    )

    with tempfile.TemporaryDirectory() as tmp:
        plain = build_wheel(Path(tmp) / "plain")
        wheel, stdlib = compile_for_browser(plain, node_modules, Path(tmp))
        # Named by what it holds, so a new build never meets a stale copy in a cache.
        digest = hashlib.sha256(wheel.read_bytes() + stdlib.read_bytes()).hexdigest()[:16]
        python_dir = staging / PYTHON_FOLDER / digest
        python_dir.mkdir(parents=True)
        shutil.copy2(wheel, python_dir / wheel.name)
        shutil.copy2(stdlib, python_dir / STDLIB)
    lock_wheel(python_dir / wheel.name, node_modules / "pyodide" / LOCKFILE, python_dir / LOCKFILE)
    compression.precompress(python_dir / LOCKFILE)

    config = BrowserConfig(
        runtime=f"{RUNTIME_FOLDER}/{version}/",
        lockfile=f"{PYTHON_FOLDER}/{digest}/{LOCKFILE}",
        stdlib=f"{PYTHON_FOLDER}/{digest}/{STDLIB}",
        packages=(PACKAGE,),
        pyodide_version=version,
        package_version=wheel.name.split("-")[1],
    )
    stamp.write_text(json.dumps({"inputs": inputs, "config": asdict(config)}), encoding="utf-8")
    return config


def publish(site_dir: Path, staging: Path = STAGING) -> None:
    """Copy the staged assets into a built site."""
    shutil.copytree(staging / "assets", site_dir / "assets", dirs_exist_ok=True)
