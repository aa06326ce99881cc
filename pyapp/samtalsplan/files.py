"""The one reader of every file a person hands us, on any page and in the CLI.

A file goes through ``read_document``, which says what it is or why not, in
this order: too large; not text (an image, a document, an archive); UTF-16;
not UTF-8 (a UTF-8 byte order mark is fine); a document instead of the data
(the plan as Markdown or HTML); not JSON; not ours; ours but of another kind
than asked for (a preparation where a plan belongs, and the other way round:
the message says where it goes); a version that is missing or newer than
ours; half a character (a lone surrogate, which only an escape such as
``"\\ud800"`` can bring in). An older version is migrated.

Every refusal is a ``PlanFormatError`` whose message says what to choose
instead, so the page, the team view and the command line explain a bad file
in the same words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from . import codec, preparation
from .errors import PlanFormatError
from .i18n import Key
from .model import Plan, Preparation

# A plan is a few kB; anything near this is not one. The page reads no more
# than this (and one byte) of a chosen file.
MAX_BYTES: Final = 2 * 1024 * 1024


class Kind(StrEnum):
    """The kinds of file Samtalsplan writes and reads."""

    PLAN = "plan"
    PREPARATION = "preparation"


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    version: int
    migrations: dict[int, Callable[[dict[str, Any]], dict[str, Any]]]


FORMATS: Final = {
    Kind.PLAN: Format(codec.FORMAT, codec.VERSION, codec.MIGRATIONS),
    Kind.PREPARATION: Format(preparation.FORMAT, preparation.VERSION, preparation.MIGRATIONS),
}
_KIND_OF_FORMAT: Final = {f.name: kind for kind, f in FORMATS.items()}


@dataclass(frozen=True, slots=True)
class Document:
    """A file's content of a kind we read, migrated to the current version;
    ``version`` is the version the file had."""

    kind: Kind
    version: int
    data: dict[str, Any]


# What starts a file that is no text at all (NUL bytes aside): PDF, zip (and so
# Word and Excel documents), PNG, GIF, JPEG.
_BINARY_MAGIC: Final = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff")
_UTF16_BOMS: Final = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM: Final = b"\xef\xbb\xbf"
# A lone surrogate: half of a character that takes two UTF-16 units, which only
# an escape such as "\\ud800" can bring into JSON. It cannot be written as UTF-8.
HALF_CHARACTER: Final = re.compile("[\ud800-\udfff]")
# Text decoded from UTF-8 holds none, so only a file with such an escape needs
# its strings searched (for a team's files that search was the reader's most
# expensive step).
_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]")


def decode(data: bytes, expected: str = "file.expected.plan", size: int | None = None) -> str:
    """The text of a file's bytes, or a PlanFormatError saying why it has none and
    (the catalogue key ``expected``) what to choose instead. ``size`` is the
    whole file's size when ``data`` is only its start."""

    def refused(key: str, **params: object) -> PlanFormatError:
        return PlanFormatError(key, "", expected=Key(expected), **params)

    if max(len(data), size or 0) > MAX_BYTES:
        raise refused("format.too_large", limit=MAX_BYTES // (1024 * 1024))
    if data.startswith(_UTF16_BOMS) or _looks_utf16(data):
        raise refused("format.utf16")
    if b"\x00" in data or data.startswith(_BINARY_MAGIC):
        raise refused("format.binary")
    try:
        return data.removeprefix(_UTF8_BOM).decode("utf-8")
    except UnicodeDecodeError:
        raise refused("format.not_utf8") from None


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a byte order mark: text such as JSON is mostly ASCII, so
    every other byte is NUL."""
    sample = data[:64]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return even.count(0) > len(even) * 0.8 or odd.count(0) > len(odd) * 0.8


def read_document(data: bytes | str, accept: Kind, size: int | None = None) -> Document:
    """The document in a file (its bytes, or its text, read as its UTF-8 bytes), of
    kind ``accept``."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    text = decode(data, f"file.expected.{accept.value}", size)
    start = text.lstrip()[:1]
    if start in ("#", "<"):
        raise _refused("format.is_document", accept)
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise _refused("format.not_json", accept) from None
    name = document.get("format") if isinstance(document, dict) else None
    kind = _KIND_OF_FORMAT.get(name) if isinstance(name, str) else None
    if kind is None:
        raise _refused("format.not_ours", accept)
    if kind is not accept:
        raise PlanFormatError(f"file.is_{kind.value}")
    fmt = FORMATS[kind]
    version = document.get("version")
    if type(version) is not int or version < 1:
        raise _refused("format.bad_version", accept)
    if version > fmt.version:
        raise PlanFormatError("format.newer_version", version=version, supported=fmt.version)
    if _SURROGATE_ESCAPE.search(text) and any(HALF_CHARACTER.search(v) for v in _strings(document)):
        raise _refused("format.bad_text", accept)
    for step in range(version, fmt.version):
        document = fmt.migrations[step](document)
    return Document(kind, version, document)


def _refused(key: str, accept: Kind, **params: object) -> PlanFormatError:
    """A refusal whose message names what was expected and how to find it."""
    return PlanFormatError(key, "", expected=Key(f"file.expected.{accept.value}"), **params)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def read_plan(data: bytes | str, size: int | None = None) -> tuple[Plan, int]:
    """A plan file's plan, migrated to the current version, and the version it had."""
    document = read_document(data, Kind.PLAN, size)
    return codec.from_dict(document.data), document.version


def parse(data: bytes | str) -> Plan:
    """A plan file's plan (of any version); a PlanFormatError says what is wrong with the file."""
    return read_plan(data)[0]


def read_preparation(data: bytes | str, size: int | None = None) -> tuple[Preparation, int]:
    """A preparation file's answers, and the version it had."""
    document = read_document(data, Kind.PREPARATION, size)
    return preparation.preparation_from_dict(document.data), document.version


READERS: Final[dict[Kind, Callable[[bytes | str, int | None], tuple[Any, int]]]] = {
    Kind.PLAN: read_plan,
    Kind.PREPARATION: read_preparation,
}
