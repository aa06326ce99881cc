"""One precompression policy: which files get ``.br`` and ``.gz`` copies, and how.

A server that can send a compressed copy as it is (nginx ``gzip_static`` and
``brotli_static``, our ``server.py``) saves compressing it on every request.
The runtime staging (``python_assets``) and the release zip (``release``) both
write their copies here, so a file gets the same copies whichever step made
them. Brotli at its best quality is slow (about 40 s for the runtime's wasm),
so the runtime's copies are made once per Pyodide version and cached.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Final


# The best each format offers: the copies are made once, at build time.
BROTLI_QUALITY: Final = 11
GZIP_LEVEL: Final = 9


def _brotli(data: bytes) -> bytes:
    import brotli  # type: ignore[import-untyped]  # only a build that compresses needs it

    packed: bytes = brotli.compress(data, quality=BROTLI_QUALITY)
    return packed


def _gzip(data: bytes) -> bytes:
    # No timestamp in the header: the same file gives the same bytes.
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


@dataclass(frozen=True)
class Encoding:
    """A content coding (RFC 9110, 8.4.1) and the suffix of its precompressed copy."""

    name: str
    suffix: str
    compress: Callable[[bytes], bytes]


# Best first: a server sends the first one the browser accepts.
ENCODINGS: Final = (Encoding("br", ".br", _brotli), Encoding("gzip", ".gz", _gzip))
SUFFIXES: Final = tuple(encoding.suffix for encoding in ENCODINGS)

# Text and WebAssembly; zip files (python_stdlib.zip, wheels) are compressed already.
COMPRESSIBLE: Final = frozenset({".wasm", ".mjs", ".js", ".css", ".json", ".html", ".svg", ".xml"})
# Smaller files fit in a packet or two anyway (nginx's gzip_min_length says the same).
MIN_BYTES: Final = 1024
# A copy that saves less than this share of the bytes is not worth a second file.
MIN_SAVING: Final = 0.10


def fingerprint() -> str:
    """The policy in a line, so a cache of copies made by another policy is not reused."""
    encodings = " ".join(f"{e.name}{e.suffix}" for e in ENCODINGS)
    levels = f"brotli {BROTLI_QUALITY}, gzip {GZIP_LEVEL}"
    files = f"{' '.join(sorted(COMPRESSIBLE))}; {MIN_BYTES} B; {MIN_SAVING} saved"
    return f"{encodings}; {levels}; {files}"


def worth_compressing(path: PurePath, size: int) -> bool:
    return path.suffix in COMPRESSIBLE and size >= MIN_BYTES


def copies(path: PurePath, data: bytes, skip: frozenset[str] = frozenset()) -> dict[str, bytes]:
    """The compressed copies to keep beside the file ``path`` holding ``data``,
    by their suffix (``.br``, ``.gz``); none of the encodings whose suffix is in ``skip``."""
    if not worth_compressing(path, len(data)):
        return {}
    kept = {}
    for encoding in ENCODINGS:
        if encoding.suffix in skip:
            continue
        packed = encoding.compress(data)
        if len(packed) <= len(data) * (1 - MIN_SAVING):
            kept[encoding.suffix] = packed
    return kept


def precompress_site(site_dir: Path, cache: Path) -> int:
    """Give every file of a built site that is worth it its compressed copies, as
    a production server would send them (nginx gzip_static, our server.py), so
    what a browser fetches here is what it fetches there. Copies are kept in
    ``cache`` by the digest of what they compress: a rebuild makes only the
    new ones. Returns how many copies were written."""
    import hashlib

    written = 0
    policy = hashlib.sha256(fingerprint().encode()).hexdigest()[:12]
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix in SUFFIXES:
            continue
        if _copies_are_current(path):
            continue  # made already (the Python runtime's, by python_assets)
        data = path.read_bytes()
        if not worth_compressing(path, len(data)):
            continue
        key = cache / f"{hashlib.sha256(data).hexdigest()}-{policy}"
        if not key.with_suffix(".done").exists():
            cache.mkdir(parents=True, exist_ok=True)
            for suffix, packed in copies(path, data).items():
                key.with_name(key.name + suffix).write_bytes(packed)
            key.with_suffix(".done").touch()
        for suffix in SUFFIXES:
            kept = key.with_name(key.name + suffix)
            if kept.exists():
                path.with_name(path.name + suffix).write_bytes(kept.read_bytes())
                written += 1
    return written


def is_current(copy: Path, path: Path) -> bool:
    """Whether the compressed ``copy`` is not older than its file ``path``: a
    file written again after its copies needs new ones, and a server must not
    send a stale one (nginx's gzip_static would, as it is)."""
    return copy.stat().st_mtime_ns >= path.stat().st_mtime_ns


def _copies_are_current(path: Path) -> bool:
    """Whether ``path`` has compressed copies, all current. The i18n plugin's
    second language runs this pass before the search index and the service
    worker are written for both, so those two need theirs made again."""
    made = [copy for s in SUFFIXES if (copy := path.with_name(path.name + s)).exists()]
    return bool(made) and all(is_current(copy, path) for copy in made)


def precompress(path: Path) -> list[Path]:
    """Write the policy's copies beside ``path``; returns the files written."""
    written = []
    for suffix, packed in copies(path, path.read_bytes()).items():
        target = path.with_name(path.name + suffix)
        target.write_bytes(packed)
        written.append(target)
    return written
