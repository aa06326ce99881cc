"""The message catalogues: the same keys in both languages, and every key the form needs."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from samtalsplan.form import FormNode, form_tree
from samtalsplan.i18n import LANGUAGES, catalogue, language, translate

ROOT = Path(__file__).resolve().parents[1]


def test_catalogues_share_their_keys() -> None:
    sv, en = (set(catalogue(lang)) for lang in LANGUAGES)
    assert sv - en == set(), "in Swedish only"
    assert en - sv == set(), "in English only"


@pytest.mark.parametrize("key", sorted(catalogue("sv")))
def test_placeholders_match_across_languages(key: str) -> None:
    sv, en = (set(re.findall(r"\{(\w+)\}", catalogue(lang)[key])) for lang in LANGUAGES)
    assert sv == en


def _nodes(nodes: tuple[FormNode, ...]) -> Iterator[FormNode]:
    for node in nodes:
        yield node
        yield from _nodes(node.children)


def test_every_form_label_and_choice_has_a_message() -> None:
    needed = set()
    for node in _nodes(form_tree()):
        needed.add(node.label)
        needed.update(node.choices)
        if node.widget in ("list", "text_list"):
            suffix = node.label.removeprefix("field.")
            needed.update(f"{prefix}.{suffix}" for prefix in ("item", "add", "remove"))
    for lang in LANGUAGES:
        assert needed - set(catalogue(lang)) == set(), lang


@pytest.mark.repository
def test_every_message_key_used_in_code_exists() -> None:
    sources = [*ROOT.joinpath("pyapp").rglob("*.py"), *ROOT.joinpath("overrides").rglob("*.*js")]
    sources += list(ROOT.joinpath("overrides").rglob("*.html"))
    keys = set()
    for source in sources:
        text = source.read_text(encoding="utf-8")
        keys.update(
            re.findall(r"""["']((?:problem|format|file|confirm|md|ui|choice|cli)\.[a-z_.]+[a-z_])["']""", text)
        )
    assert keys, "the scan found no keys: the pattern is wrong"
    known = set(catalogue("sv"))
    # A key may name a family: plural("ui.team_opened", n) uses .one and .other,
    # a question ("confirm.replace") its .heading, .text and answers.
    missing = {k for k in keys if k not in known and not any(w.startswith(f"{k}.") for w in known)}
    assert missing == set()


def test_every_message_that_counts_has_both_forms() -> None:
    for lang in LANGUAGES:
        words = catalogue(lang)
        for key in words:
            if key.endswith(".one"):
                stem = key.removesuffix(".one")
                assert {f"{stem}.one", f"{stem}.other"} <= set(words), key
                assert "{count}" in words[f"{stem}.other"], key


def test_lookup_falls_back_to_swedish_then_to_the_key() -> None:
    assert language("en-GB") == "en"
    assert language(None) == "sv"
    assert translate("field.summary", "de") == "Sammanfattning"
    assert translate("no.such.key", "en") == "no.such.key"


@pytest.mark.repository
def test_catalogues_and_word_lists_are_read_from_a_zip(tmp_path: Path) -> None:
    """In the browser the package is imported straight from its wheel (zipimport)."""
    archive = tmp_path / "samtalsplan.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in (ROOT / "pyapp" / "samtalsplan").rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                zipped.write(path, path.relative_to(ROOT / "pyapp").as_posix())
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]); import samtalsplan.advice as a, samtalsplan.i18n as i;"
        "assert i.__file__.startswith(sys.argv[1]), i.__file__;"
        "print(i.translate('md.fingerprint', 'en'), bool(a._sensitive_pattern().search('diagnos')))"
    )
    out = subprocess.run([sys.executable, "-I", "-c", probe, str(archive)], capture_output=True, text=True, check=True)
    assert out.stdout.split() == [*translate("md.fingerprint", "en").split(), "True"]
