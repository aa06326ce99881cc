"""The bytecode for the browser (samtalsplan_site.bytecode), run by this Python:
the site's own bytecode, made by the pinned Pyodide, is tested in test_site_assets.py."""

from __future__ import annotations

import base64
import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

from samtalsplan_site.bytecode import add_bytecode, compile_stdlib

from tests.conftest import ROOT


def test_bytecode_in_a_wheel_is_listed_and_used_by_zipimport(tmp_path: Path) -> None:
    """bytecode.py, run by this Python: RECORD stays true, and an import
    straight from the wheel takes the bytecode."""
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        capture_output=True,
        check=True,
    )
    (plain,) = tmp_path.glob("*.whl")
    compiled = tmp_path / "compiled.whl"
    add_bytecode(plain, compiled)
    with zipfile.ZipFile(compiled) as zipped:
        (record_name,) = [n for n in zipped.namelist() if n.endswith(".dist-info/RECORD")]
        record = [line.split(",") for line in zipped.read(record_name).decode().splitlines()]
        assert {name for name, *_ in record} == set(zipped.namelist())
        for name, digest, size in record:
            if digest:
                data = zipped.read(name)
                expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                assert (digest, int(size)) == (f"sha256={expected}", len(data)), name
    probe = "import sys; sys.path.insert(0, sys.argv[1]); import samtalsplan.bridge as b; print(b.__file__)"
    out = subprocess.run([sys.executable, "-I", "-c", probe, str(compiled)], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("samtalsplan/bridge.pyc")


def test_a_library_zip_with_some_modules_as_bytecode_imports_them(tmp_path: Path) -> None:
    library = tmp_path / "library.zip"
    with zipfile.ZipFile(library, "w") as zipped:
        zipped.writestr("plain.py", "WHERE = 'source'\n")
        zipped.writestr("fast/__init__.py", "WHERE = 'bytecode'\n")
    out_zip = tmp_path / "out.zip"
    compile_stdlib(library, out_zip, {"fast/__init__.py"})
    assert set(zipfile.ZipFile(out_zip).namelist()) == {"plain.py", "fast/__init__.pyc"}
    probe = "import sys; sys.path.insert(0, sys.argv[1]); import plain, fast; print(plain.WHERE, fast.WHERE, fast.__file__)"
    out = subprocess.run([sys.executable, "-I", "-c", probe, str(out_zip)], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["source", "bytecode", f"{out_zip}/fast/__init__.pyc"]
