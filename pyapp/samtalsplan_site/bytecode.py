"""Python bytecode for the browser: our wheel and the standard library.

Pyodide 314 ships its standard library as sources, so every start compiled
the 140-odd modules Pyodide and our package import: about two thirds of its start
(in Node: 1.9-2.0 s without bytecode, 0.65-0.72 s with). Our own package
compiled for about 50 ms more. ``bytecode.mjs`` runs this module inside the
pinned Pyodide, under Node, so the bytecode is that of the Python the browser
runs, whatever Python builds the site, and no network is needed.

- Our wheel gets ``name.pyc`` beside each ``name.py``: zipimport, which loads
  the package straight from the wheel, takes it; any other Python ignores
  bytecode of another version.
- The standard library keeps every file, except that the modules imported by
  the start are there as bytecode instead of source, as in CPython's own
  embeddable zip. All of it as bytecode would be 7.1 MB against 2.5 MB; these make
  it 3.3 MB, which Pyodide holds in memory.

The bytecode is "unchecked hash" (PEP 552): no timestamps, so the same sources
give the same bytes, and no comparison with a source file.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import marshal
import sys
import zipfile
from pathlib import Path


def bytecode(source: bytes, name: str) -> bytes:
    """The contents of an unchecked-hash ``.pyc`` for ``source`` (PEP 552)."""
    code = compile(source, name, "exec", dont_inherit=True)
    flags = 0b01  # hash-based, not checked against the source
    header = importlib.util.MAGIC_NUMBER + flags.to_bytes(4, "little")
    return header + importlib.util.source_hash(source) + marshal.dumps(code)


def _pyc_entry(source: zipfile.ZipInfo) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(source.filename + "c", date_time=source.date_time)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = source.external_attr
    return entry


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return f"{name},sha256={digest},{len(data)}"


def add_bytecode(wheel_in: Path, wheel_out: Path) -> None:
    """Copy the wheel, adding ``name.pyc`` beside each ``name.py``, listed in RECORD."""
    with zipfile.ZipFile(wheel_in) as source, zipfile.ZipFile(wheel_out, "w") as target:
        (record,) = [i for i in source.infolist() if i.filename.endswith(".dist-info/RECORD")]
        added = []
        for info in source.infolist():
            if info is record:
                continue
            data = source.read(info)
            target.writestr(info, data)
            if info.filename.endswith(".py"):
                compiled = bytecode(data, info.filename)
                target.writestr(_pyc_entry(info), compiled)
                added.append(_record_line(info.filename + "c", compiled))
        lines = source.read(record).decode("utf-8").splitlines()
        # RECORD lists itself last, without a hash.
        target.writestr(record, "\n".join([*lines[:-1], *added, lines[-1]]) + "\n")


def imported_from(archive: str) -> set[str]:
    """The files, inside ``archive``, of the modules imported so far."""
    prefix = archive.rstrip("/") + "/"
    files = (getattr(module, "__file__", None) or "" for module in list(sys.modules.values()))
    return {path[len(prefix) :] for path in files if path.startswith(prefix)}


def compile_stdlib(stdlib_in: Path, stdlib_out: Path, modules: set[str]) -> None:
    """Copy the standard library's zip with ``modules`` (``"json/__init__.py"``)
    as bytecode instead of source."""
    with zipfile.ZipFile(stdlib_in) as source, zipfile.ZipFile(stdlib_out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in modules:
                target.writestr(_pyc_entry(info), bytecode(data, info.filename))
            else:
                target.writestr(info, data)
