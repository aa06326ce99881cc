"""The theme's search waits to be opened (samtalsplan_site.theme_script)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from samtalsplan_site import theme_script

# The expression as the theme's bundle writes it, in its minified setupSearchWorker.
SAMPLE = (
    'function Ei(e,t){let r=Mn(e);return L($(location.protocol!=="file:"),Je("search"))'
    ".pipe(Re(o=>o),b(()=>t)).subscribe(r.next),r}"
)


def test_the_search_worker_waits_for_the_search_to_open() -> None:
    changed = theme_script.search_on_first_open(SAMPLE)
    assert 'L($(!1/*search: on first open*/),Je("search"))' in changed
    assert "location.protocol" not in changed


def test_the_rewrite_keeps_every_column_for_the_source_map() -> None:
    changed = theme_script.search_on_first_open(SAMPLE)
    assert len(changed) == len(SAMPLE)
    assert changed.index('Je("search")') == SAMPLE.index('Je("search")')


def test_a_second_build_leaves_the_bundle_as_it_is() -> None:
    once = theme_script.search_on_first_open(SAMPLE)
    assert theme_script.search_on_first_open(once) == once


@pytest.mark.parametrize("bundle", ["let r=1;", SAMPLE + SAMPLE], ids=["missing", "twice"])
def test_a_changed_theme_stops_the_build(bundle: str) -> None:
    with pytest.raises(ValueError, match=r"the theme has changed: see samtalsplan_site/theme_script\.py"):
        theme_script.search_on_first_open(bundle, "bundle.js")


def test_rewrite_bundle_writes_the_file_once(tmp_path: Path) -> None:
    scripts = tmp_path / "assets" / "javascripts"
    scripts.mkdir(parents=True)
    (scripts / "bundle.0123abcd.min.js").write_text(SAMPLE, encoding="utf-8")
    bundle = theme_script.rewrite_bundle(tmp_path)
    written = bundle.stat().st_mtime_ns
    assert theme_script.ON_FIRST_OPEN in bundle.read_text(encoding="utf-8")
    theme_script.rewrite_bundle(tmp_path)
    assert bundle.stat().st_mtime_ns == written


def test_the_built_bundle_and_its_compressed_copies_wait(site_dir: Path) -> None:
    (bundle,) = site_dir.glob(theme_script.BUNDLE)
    text = bundle.read_text(encoding="utf-8")
    assert theme_script.ON_FIRST_OPEN in text
    assert not re.search(r'location\.protocol!=="file:"\),\w+\("search"\)', text)
    assert gzip.decompress((bundle.parent / (bundle.name + ".gz")).read_bytes()).decode() == text
