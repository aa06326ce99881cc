"""Python assets for the browser: the package wheel, its lockfile, the runtime.

The steps run in any Python, with or without MkDocs:

    python overrides/hooks/pyodide_assets.py SITE_DIR

As a MkDocs hook, ``on_pre_build`` stages the assets and writes the browser
config partial the planner template reads; ``on_post_build`` copies the staged
assets into the built site.

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

import gzip
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[2]
PACKAGE = "samtalsplan"
STDLIB = "python_stdlib.zip"
RUNTIME_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
STAGING = PROJECT / "build" / "site-assets"
RUNTIME_CACHE = PROJECT / "build" / "pyodide-runtime"
# A compressed copy is kept only when it saves at least this share of the bytes
# (python_stdlib.zip and wheels are zip files already).
MIN_SAVING = 0.05
PARTIAL = PROJECT / "overrides" / "partials" / "samtalsplan-assets.html"
HOOKS = Path(__file__).resolve().parent


@dataclass(frozen=True)
class BrowserConfig:
    """Where the browser finds the Python assets: paths relative to the site root."""

    runtime: str
    lockfile: str
    stdlib: str
    packages: tuple[str, ...]
    pyodide_version: str
    package_version: str


def pyodide_version(node_modules: Path = PROJECT / "node_modules") -> str:
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
    script = HOOKS / "bytecode.mjs"
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
    sources = sorted((PROJECT / "pyapp").rglob("*"))
    inputs = [
        Path(__file__),
        HOOKS / "bytecode.py",
        HOOKS / "bytecode.mjs",
        PROJECT / "pyproject.toml",
        node_modules / "pyodide" / "package.json",
    ]
    for path in [*inputs, *sources]:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(PROJECT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def precompress(path: Path) -> None:
    """Write ``.br`` and ``.gz`` beside ``path`` for servers that can send them
    as they are (nginx gzip_static/brotli_static, IIS, our static_server.py).
    Brotli at its best quality is slow (about 40 s for the runtime's wasm), so
    the runtime is compressed once per Pyodide version and cached."""
    import brotli  # type: ignore[import-untyped]  # only the build needs it

    data = path.read_bytes()
    packed = {
        ".br": brotli.compress(data, quality=11),
        ".gz": gzip.compress(data, compresslevel=9, mtime=0),
    }
    for suffix, content in packed.items():
        if len(content) <= len(data) * (1 - MIN_SAVING):
            path.with_name(path.name + suffix).write_bytes(content)


def _runtime(version: str, node_modules: Path) -> Path:
    """The runtime files of one Pyodide version, with compressed copies, cached."""
    cached = RUNTIME_CACHE / version
    if not (cached / ".complete").is_file():
        if cached.exists():
            shutil.rmtree(cached)
        cached.mkdir(parents=True)
        for name in RUNTIME_FILES:
            shutil.copy2(node_modules / "pyodide" / name, cached / name)
            precompress(cached / name)
        (cached / ".complete").touch()
    return cached


def stage(staging: Path = STAGING, node_modules: Path = PROJECT / "node_modules") -> BrowserConfig:
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
    runtime_dir = staging / "assets" / "pyodide" / version
    runtime = _runtime(version, node_modules)
    # The full lockfile (119 KB) only feeds add-wheels; the browser gets ours,
    # and the standard library with bytecode beside our wheel.
    shutil.copytree(
        runtime, runtime_dir, ignore=shutil.ignore_patterns(".complete", "pyodide-lock.json*", STDLIB + "*")
    )

    with tempfile.TemporaryDirectory() as tmp:
        plain = build_wheel(Path(tmp) / "plain")
        wheel, stdlib = compile_for_browser(plain, node_modules, Path(tmp))
        # Named by what it holds, so a new build never meets a stale copy in a cache.
        digest = hashlib.sha256(wheel.read_bytes() + stdlib.read_bytes()).hexdigest()[:16]
        python_dir = staging / "assets" / "python" / digest
        python_dir.mkdir(parents=True)
        shutil.copy2(wheel, python_dir / wheel.name)
        shutil.copy2(stdlib, python_dir / STDLIB)
    lock_wheel(python_dir / wheel.name, runtime / "pyodide-lock.json", python_dir / "pyodide-lock.json")
    precompress(python_dir / "pyodide-lock.json")

    config = BrowserConfig(
        runtime=f"assets/pyodide/{version}/",
        lockfile=f"assets/python/{digest}/pyodide-lock.json",
        stdlib=f"assets/python/{digest}/{STDLIB}",
        packages=(PACKAGE,),
        pyodide_version=version,
        package_version=wheel.name.split("-")[1],
    )
    stamp.write_text(json.dumps({"inputs": inputs, "config": asdict(config)}), encoding="utf-8")
    return config


def write_partial(config: BrowserConfig, partial: Path = PARTIAL) -> None:
    """The Jinja partial the planner template imports; written only when it
    changes, so `mkdocs serve` does not rebuild in a loop."""
    text = (
        "{#- Generated by overrides/hooks/pyodide_assets.py: do not edit. -#}\n"
        f"{{%- set assets = {json.dumps(asdict(config))} -%}}\n"
    )
    partial.parent.mkdir(parents=True, exist_ok=True)
    if not partial.exists() or partial.read_text(encoding="utf-8") != text:
        partial.write_text(text, encoding="utf-8")


def publish(site_dir: Path, staging: Path = STAGING) -> None:
    """Copy the staged assets into a built site."""
    shutil.copytree(staging / "assets", site_dir / "assets", dirs_exist_ok=True)


# MkDocs hooks ---------------------------------------------------------------


def on_pre_build(*, config: Any) -> None:
    write_partial(stage())


def on_post_build(*, config: Any) -> None:
    publish(Path(config["site_dir"]))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(
            f"usage: {sys.argv[0]} SITE_DIR  (stages the Python assets and copies them into SITE_DIR)"
        )
    write_partial(stage())
    publish(Path(sys.argv[1]))
