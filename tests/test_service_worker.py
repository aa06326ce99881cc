"""The offline service worker, stamped with the build's files and a build id."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from samtalsplan_site.service_worker import stamp_service_worker


def manifest(site: Path) -> dict[str, object]:
    line = re.search(r"^const MANIFEST = (.*);$", (site / "sw.js").read_text("utf-8"), re.MULTILINE)
    assert line, "sw.js has its MANIFEST line"
    value: dict[str, object] = json.loads(line[1])
    return value


def test_service_worker_lists_the_site_and_changes_with_it(site_dir: Path, tmp_path: Path) -> None:
    stamped = manifest(site_dir)
    files, python = stamped["files"], stamped["python"]
    assert isinstance(files, list) and isinstance(python, list)
    assert {"./", "planera/", "en/planera/", "systemkontroll/", "assets/samtalsplan/worker.mjs"} <= set(files)
    # The runtime and the wheel are listed apart: kept only once a page runs Python.
    assert "assets/pyodide/314.0.7/pyodide.asm.wasm" in python
    assert any(p.startswith("assets/python/") and p.endswith(".whl") for p in python)
    assert any(p.startswith("assets/python/") and p.endswith("/python_stdlib.zip") for p in python)
    assert not any(f.startswith(("assets/pyodide/", "assets/python/")) for f in files)
    # A wheel only the team's workbook needs: kept when first fetched, not with the runtime.
    extras = stamped["extras"]
    assert isinstance(extras, list) and [e.rsplit("/", 1)[-1].split("-")[0] for e in extras] == ["xlsxwriter"]
    assert not any("/xlsxwriter-" in p for p in python)
    assert not any(f.endswith((".map", ".gz", ".br")) or f == "sw.js" for f in files + python)

    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    assert stamp_service_worker(copy) == stamped["build"], "stamping again changes nothing"
    # A file no page uses is not kept, and changing it changes nothing.
    (copy / "assets" / "javascripts" / "lunr" / "min" / "lunr.de.min.js").write_text("// changed\n", encoding="utf-8")
    assert stamp_service_worker(copy) == stamped["build"]
    (copy / "assets" / "samtalsplan" / "form-page.js").write_text("// changed\n", encoding="utf-8")
    assert stamp_service_worker(copy) != stamped["build"]
    assert manifest(copy)["build"] != stamped["build"]


def test_the_worker_keeps_what_the_pages_use_and_nothing_else(site_dir: Path) -> None:
    files = set(manifest(site_dir)["files"])  # type: ignore[arg-type]
    # What the pages load, the search worker's own loads included.
    css = {f for f in files if f.startswith("assets/samtalsplan/site.") and f.endswith(".css")}
    linked = {}
    for page in site_dir.rglob("*.html"):
        # A guidance page names its whole stylesheet beside its first-paint one (first_paint.py).
        text = page.read_text("utf-8")
        found = set(re.findall(r'(?:href|data-sp-full-stylesheet)="[^"]*?(assets/samtalsplan/site\.[0-9a-f]+\.css)"', text))
        firsts = set(re.findall(r'href="[^"]*?(assets/samtalsplan/first-paint\.[0-9a-f]+\.css)"', text))
        assert firsts <= files, f"the worker keeps {page}'s first-paint stylesheet"
        assert len(found) <= 1, f"{page} links one joined stylesheet"
        linked[page.relative_to(site_dir).as_posix()] = next(iter(found), None)
    assert css == {name for name in linked.values() if name}, "the worker keeps the joined stylesheets the pages link"
    # The guidance pages' one; the form pages' (forms.css added); the pages that print a plan (document.css too).
    assert len(css) == 3
    assert linked["planera/index.html"] == linked["uppfoljning/index.html"] != linked["team/index.html"]
    assert linked["index.html"] not in {linked["planera/index.html"], linked["team/index.html"]}
    assert any(f.startswith("assets/javascripts/workers/search.") for f in files)
    assert {"search/search_index.json", "assets/javascripts/lunr/min/lunr.sv.min.js",
            "assets/javascripts/lunr/min/lunr.multi.min.js", "assets/samtalsplan/protocol.mjs",
            "assets/samtalsplan/start-state.mjs", "assets/images/favicon.png"} <= files  # fmt: skip
    # What no page uses: the theme's other languages, the stylesheets the build joined.
    assert not {f for f in files if "lunr.de." in f or "wordcut" in f or "tinyseg" in f}
    assert not {f for f in files if f.endswith(("/samtalsplan.css", "/forms.css", "/palette.")) or "palette." in f}
