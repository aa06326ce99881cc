"""One precompression policy (samtalsplan_site.compression), for the runtime's
staging and the release zip alike."""

from __future__ import annotations

import gzip
import os
import time
from pathlib import Path, PurePath

import brotli
import pytest
from samtalsplan_site import compression

TEXT = ("<p>Medarbetarsamtalet: mål, utveckling och uppföljning.</p>\n" * 100).encode()


def test_text_gets_a_brotli_and_a_gzip_copy_of_the_same_bytes() -> None:
    copies = compression.copies(PurePath("index.html"), TEXT)
    assert set(copies) == {".br", ".gz"}
    assert brotli.decompress(copies[".br"]) == TEXT
    assert gzip.decompress(copies[".gz"]) == TEXT


def test_the_same_file_gives_the_same_copies() -> None:
    assert compression.copies(PurePath("a.js"), TEXT) == compression.copies(PurePath("b.js"), TEXT)


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        ("python_stdlib.zip", TEXT, "a zip is compressed already"),
        ("samtalsplan-0.1.0-py3-none-any.whl", TEXT, "a wheel is a zip"),
        ("pyodide-lock.json", TEXT[: compression.MIN_BYTES - 1], "too small to matter"),
        ("random.wasm", os.urandom(4096), "saves nothing"),
    ],
)
def test_no_copy_where_it_gains_nothing(name: str, data: bytes, why: str) -> None:
    assert compression.copies(PurePath(name), data) == {}, why


def test_copies_already_made_are_left_alone() -> None:
    assert set(compression.copies(PurePath("a.css"), TEXT, skip=frozenset({".br"}))) == {".gz"}


def test_precompress_writes_the_copies_beside_the_file(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_bytes(TEXT)
    written = compression.precompress(page)
    assert sorted(p.name for p in written) == ["index.html.br", "index.html.gz"]
    assert gzip.decompress((tmp_path / "index.html.gz").read_bytes()) == TEXT


def test_the_fingerprint_names_the_policy() -> None:
    line = compression.fingerprint()
    assert f"{compression.MIN_BYTES} B" in line and ".wasm" in line and "brotli 11" in line


def test_a_file_written_again_after_its_copies_gets_new_ones(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    worker = site / "sw.js"
    worker.write_bytes(TEXT)
    compression.precompress_site(site, cache)
    stamped = TEXT.replace(b"a", b"b")
    worker.write_bytes(stamped)
    os.utime(worker, ns=(time.time_ns() + 10**9,) * 2)  # later than its copies, whatever the clock's grain
    assert compression.precompress_site(site, cache) == 2
    assert gzip.decompress((site / "sw.js.gz").read_bytes()) == stamped


def test_copies_newer_than_their_file_are_kept(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    (site / "pyodide.asm.wasm").write_bytes(TEXT)
    compression.precompress(site / "pyodide.asm.wasm")
    assert compression.precompress_site(site, cache) == 0
