"""The Python test suite (the part that needs only the package and its fixture
files) run inside Pyodide in Chromium, on the runtime and wheel the site ships:
the logic is proven on the runtime users have, not only on CPython."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, Route

from tests.pyodide_runner import MODULES, run

TESTS = Path(__file__).resolve().parents[1]

# A page of our own under the site's origin, so the runtime loads as the planner loads it.
HARNESS = """<!doctype html><meta charset="utf-8"><title>samtalsplan tests in Pyodide</title>
<script type="module">
window.runSuite = async (runtime, lockfile, files) => {
  const { loadPyodide } = await import(runtime + "pyodide.mjs");
  const stdLibURL = new URL("python_stdlib.zip", lockfile).href;
  const pyodide = await loadPyodide({ indexURL: runtime, lockFileURL: lockfile, stdLibURL });
  const problems = [];
  // XlsxWriter too, which the site serves for the team's workbook (the bridge's tests make one).
  await pyodide.loadPackage(["samtalsplan", "xlsxwriter"], { errorCallback: (text) => problems.push(text) });
  if (problems.length) throw new Error(problems.join(" "));
  for (const [path, text] of Object.entries(files)) {
    const full = "/home/pyodide/" + path;
    pyodide.FS.mkdirTree(full.slice(0, full.lastIndexOf("/")));
    pyodide.FS.writeFile(full, text);
  }
  return pyodide.runPython(`
import json, sys
sys.path.insert(0, "/home/pyodide")
import samtalsplan
from tests.pyodide_runner import run
json.dumps({"python": sys.version, "package": samtalsplan.__file__, "results": json.loads(run())})
`);
};
</script>"""


def _shipped_files() -> dict[str, str]:
    paths = [TESTS / "__init__.py", TESTS / "pyodide_runner.py", *(TESTS / f"{m}.py" for m in MODULES)]
    # fixtures/files/ holds bytes on purpose (test_files.py, which needs Hypothesis, is not run here).
    paths += sorted(p for p in (TESTS / "fixtures").rglob("*.json") if "files" not in p.parent.parts)
    # The documents expected beside their plans (test_document.py).
    paths += sorted(p for p in (TESTS / "fixtures" / "documents").iterdir() if p.suffix in (".html", ".md"))
    return {str(p.relative_to(TESTS.parent)): p.read_text(encoding="utf-8") for p in paths}


def test_the_unit_tests_pass_in_pyodide(page: Page, site_url: str, site_dir: Path) -> None:
    (runtime,) = (site_dir / "assets" / "pyodide").iterdir()
    (python,) = (site_dir / "assets" / "python").iterdir()

    def harness(route: Route) -> None:
        route.fulfill(body=HARNESS, content_type="text/html")

    page.route(f"{site_url}/pyodide-tests.html", harness)
    page.goto(f"{site_url}/pyodide-tests.html")
    reply: dict[str, Any] = json.loads(
        page.evaluate(
            "([runtime, lockfile, files]) => window.runSuite(runtime, lockfile, files)",
            [
                f"{site_url}/assets/pyodide/{runtime.name}/",
                f"{site_url}/assets/python/{python.name}/pyodide-lock.json",
                _shipped_files(),
            ],
        )
    )
    assert reply["python"].startswith("3.14"), "the runtime's Python, not the host's"
    assert "site-packages" in reply["package"], "the package from the site's wheel"
    results = reply["results"]
    assert results["failed"] == []
    # The same tests pass as on CPython, run by the same runner here.
    assert results["passed"] == json.loads(run())["passed"]
    assert len(results["passed"]) > 300
