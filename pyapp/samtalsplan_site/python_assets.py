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
- Beside our wheel, the wheels a step needs beyond the package
  (``samtalsplan.bridge.NEEDS``: XlsxWriter for the team's workbook): PyPI's
  wheel of the version pinned in requirements-dev.txt, kept under build/, with
  bytecode added as ours has, entered in the same lockfile with its sha256. The worker's start does not load them; a
  call that needs one names it, and the worker fetches it then.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Final

from samtalsplan.bridge import NEEDS

from . import compression
from .paths import (
    BROWSER_PACKAGE,
    NODE_MODULES,
    PACKAGE_DIR,
    PROJECT,
    PYTHON_FOLDER,
    REQUIREMENTS,
    RUNTIME_CACHE,
    RUNTIME_FOLDER,
    STAGING,
    WHEEL_CACHE,
)

PACKAGE: Final = "samtalsplan"
STDLIB: Final = "python_stdlib.zip"
LOCKFILE: Final = "pyodide-lock.json"
# The runtime's files the site serves. Pyodide's full lockfile (119 KB) only
# feeds add-wheels, and the standard library comes with bytecode beside our wheel.
RUNTIME_FILES: Final = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
# The wheels the site serves for a step that needs them, by import name.
EXTRA_PACKAGES: Final = tuple(sorted({name for names in NEEDS.values() for name in names}))
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


def compile_for_browser(
    wheel: Path, node_modules: Path, out_dir: Path, extras: tuple[Path, ...] = ()
) -> tuple[Path, Path, tuple[Path, ...]]:
    """Our wheel and the runtime's standard library, with the bytecode of the
    browser's Python, compiled by the pinned Pyodide under Node (bytecode.py
    says why); and each extra wheel with its bytecode (importing XlsxWriter's
    sources took 0.7 s in the browser's Python). Returns their paths in ``out_dir``."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is missing: install Node.js 20 or newer")
    compiled, stdlib = out_dir / wheel.name, out_dir / STDLIB
    compiled_extras = tuple(out_dir / extra.name for extra in extras)
    pairs = [str(path) for pair in zip(extras, compiled_extras, strict=True) for path in pair]
    script = PACKAGE_DIR / "bytecode.mjs"
    _run([node, str(script), str(node_modules / "pyodide"), str(wheel), str(compiled), str(stdlib), *pairs])
    return compiled, stdlib, compiled_extras


def canonical_name(name: str) -> str:
    """A package's name as PEP 503 compares names: XlsxWriter is xlsxwriter."""
    return re.sub(r"[-_.]+", "-", name).lower()


def wheel_package(file_name: str) -> str:
    """The package a wheel is of, by its file name (PEP 427: the name up to the
    first dash): ``xlsxwriter-3.3.1-py3-none-any.whl`` is xlsxwriter's."""
    return canonical_name(file_name.split("-", 1)[0])


def pinned(name: str, requirements: Path = REQUIREMENTS) -> str:
    """The pin of ``name`` in requirements-dev.txt (``XlsxWriter==3.3.1``): one
    version for the tests, the CLI and the site."""
    for line in requirements.read_text(encoding="utf-8").splitlines():
        requirement = line.split("#", 1)[0].strip()
        if "==" in requirement and canonical_name(requirement.split("==")[0]) == canonical_name(name):
            return requirement
    raise RuntimeError(
        f"{requirements.name} pins no {name}: the site serves its wheel, so pin it there"
    )


def fetch_wheel(requirement: str, cache: Path = WHEEL_CACHE) -> Path:
    """The pure-Python wheel of a pinned requirement: from PyPI once (pip, as
    set up on this machine), then from the cache under build/, so a rebuild
    needs no network."""
    name, version = requirement.split("==")
    pattern = re.compile(
        rf"{re.escape(canonical_name(name).replace('-', '_'))}-{re.escape(version)}-py3-none-any\.whl",
        re.IGNORECASE,
    )

    def cached() -> Path | None:
        found = (
            [p for p in cache.glob("*.whl") if pattern.fullmatch(p.name)] if cache.is_dir() else []
        )
        return found[0] if found else None

    wheel = cached()
    if wheel is None:
        cache.mkdir(parents=True, exist_ok=True)
        _run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--disable-pip-version-check",
                "--no-deps",
                "--only-binary=:all:",
                "--dest",
                str(cache),
                requirement,
            ]
        )
        wheel = cached()
    if wheel is None:
        raise RuntimeError(
            f"pip download {requirement} gave no pure-Python wheel (py3-none-any) in {cache}"
        )
    return wheel


def lock_wheel(
    wheel: Path, runtime_lockfile: Path, output: Path, extras: tuple[Path, ...] = ()
) -> None:
    """A lockfile that lists our wheel and the extra wheels beside it (each with
    its sha256) and nothing else.

    pyodide-build's `add-wheels` enters the wheels; the runtime's own packages
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
            *map(str, extras),
        ]
    )
    lock = json.loads(output.read_text(encoding="utf-8"))
    names = (PACKAGE, *(wheel_package(extra.name) for extra in extras))
    lock["packages"] = {name: lock["packages"][name] for name in names}
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
    for name in EXTRA_PACKAGES:
        digest.update(pinned(name).encode() + b"\0")
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

    from_pypi = tuple(fetch_wheel(pinned(name)) for name in EXTRA_PACKAGES)
    with tempfile.TemporaryDirectory() as tmp:
        plain = build_wheel(Path(tmp) / "plain")
        wheel, stdlib, extras = compile_for_browser(plain, node_modules, Path(tmp), from_pypi)
        # Named by what it holds, so a new build never meets a stale copy in a cache.
        held = [wheel, stdlib, *extras]
        digest = hashlib.sha256(b"".join(p.read_bytes() for p in held)).hexdigest()[:16]
        python_dir = staging / PYTHON_FOLDER / digest
        python_dir.mkdir(parents=True)
        for path in held:
            shutil.copy2(path, python_dir / path.name)
    lock_wheel(
        python_dir / wheel.name,
        node_modules / "pyodide" / LOCKFILE,
        python_dir / LOCKFILE,
        tuple(python_dir / extra.name for extra in extras),
    )
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
