"""Acting on the planner as a person does: by role and label, in Swedish.

`walk_plan` visits every text of a plan's state together with the control a
person would use for it, found by its visible label; the tests use it to fill
the form and to check that every field is back after an import.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page, Route

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE: dict[str, str] = json.loads((ROOT / "pyapp" / "samtalsplan" / "locales" / "sv.json").read_text("utf-8"))
# A function, not an expression: Playwright evals expressions in the page, which the CSP forbids.
READY = "() => performance.getEntriesByName('python-ready').length > 0"


# The day the fixtures were written for. Advice and summaries count from the
# page's date (session.mjs sends it), so the tests' pages start on that day
# and their clock runs at the real pace. Only Date: Playwright's own clock
# fakes `performance` too, whose marks the tests wait for.
FIXTURE_DAY = "2026-12-03"


def on_day(day: str = FIXTURE_DAY) -> str:
    """An init script that puts the page's clock on ``day`` (10:00, local time)."""
    start = f"{day}T10:00:00"
    return """(() => {
  const Real = Date, shift = new Real("START").getTime() - Real.now();
  globalThis.Date = class extends Real {
    constructor(...args) { super(...(args.length ? args : [Real.now() + shift])); }
    static now() { return Real.now() + shift; }
  };
})();""".replace("START", start)


def wait_until(page: Page, script: str, arg: object = None) -> Any:
    """Poll an async check until it returns something true, and return that
    (wait_for_function takes a returned promise as true at once)."""
    for _ in range(600):  # a minute
        value = page.evaluate(script, arg)
        if value:
            return value
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {script}")


# No CSS transition under way (colours on hover and focus, the drawer sliding in).
# getAnimations() brings the page's style up to date first, so it counts a transition
# the last input started even where a busy page has not yet drawn it.
SETTLED = "() => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running')"


def settled(page: Page) -> None:
    """Wait until the page's transitions have run their course: what is read then is
    where the page comes to rest, however busy the machine."""
    wait_until(page, SETTLED)


def open_planner(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function(READY, timeout=60_000)


Press = Callable[[Locator], None]


def click(button: Locator) -> None:
    button.click()


def _item(scope: Locator | Page, list_label: str, index: int, add: bool, press: Press) -> Locator:
    """The fieldset of a list's item number index+1, added with its button if needed."""
    name = CATALOGUE[f"item.{list_label}"].format(n=index + 1)
    group = scope.get_by_role("group", name=name, exact=True)
    if add and group.count() == 0:
        press(scope.get_by_role("button", name=CATALOGUE[f"add.{list_label}"], exact=True).last)
    return group


Visit = Callable[[Locator, Any], None]


def walk_plan(page: Page, state: dict[str, Any], visit: Visit, *, add: bool, press: Press = click) -> None:
    """Call visit(control, value) for every field of the state, in form order;
    with add, press(button) adds the list items the state needs."""
    for control, value in _controls(page, state, add=add, press=press):
        visit(control, value)


def _controls(page: Page, state: dict[str, Any], *, add: bool, press: Press) -> Iterator[tuple[Locator, Any]]:
    form = page.get_by_role("form")

    def label(key: str) -> str:
        return CATALOGUE[f"field.{key}"]

    for key in ("employee", "manager", "date", "unit"):
        yield form.get_by_label(label(f"talk.{key}"), exact=True), state["talk"][key]
    yield form.get_by_label(label("look_back.note"), exact=True), state["look_back"]["note"]
    for i, goal in enumerate(state["goals"]):
        group = _item(form, "goals", i, add, press)
        for key in ("title", "organisation_link", "why"):
            yield group.get_by_label(label(f"goals.{key}"), exact=True), goal[key]
        for j, step in enumerate(goal["steps"]):
            step_label = CATALOGUE["item.goals.steps"].format(n=j + 1)
            if add and group.get_by_label(step_label, exact=True).count() == 0:
                press(group.get_by_role("button", name=CATALOGUE["add.goals.steps"], exact=True))
            yield group.get_by_label(step_label, exact=True), step
        yield group.get_by_label(label("goals.measure"), exact=True), goal["measure"]
    for i, item in enumerate(state["development"]):
        group = _item(form, "development", i, add, press)
        for key in ("kind", "what", "when"):
            yield group.get_by_label(label(f"development.{key}"), exact=True), item[key]
    for i, obstacle in enumerate(state["conditions"]["obstacles"]):
        group = _item(form, "conditions.obstacles", i, add, press)
        for key in ("obstacle", "need", "owner"):
            yield (
                group.get_by_label(label(f"conditions.obstacles.{key}"), exact=True),
                obstacle[key],
            )
    yield (
        form.get_by_label(label("conditions.manager_commitment"), exact=True),
        state["conditions"]["manager_commitment"],
    )
    work = state["work_environment"]
    for key in ("workload", "energy", "helps"):
        yield form.get_by_label(label(f"work_environment.{key}"), exact=True), work[key]
    for j, change in enumerate(work["changes"]):
        change_label = CATALOGUE["item.work_environment.changes"].format(n=j + 1)
        if add and form.get_by_label(change_label, exact=True).count() == 0:
            press(form.get_by_role("button", name=CATALOGUE["add.work_environment.changes"], exact=True))
        yield form.get_by_label(change_label, exact=True), change
    for i, action in enumerate(state["actions"]):
        group = _item(form, "actions", i, add, press)
        for key in ("what", "owner", "due"):
            yield group.get_by_label(label(f"actions.{key}"), exact=True), action[key]
    yield form.get_by_label(label("follow_up.date"), exact=True), state["follow_up"]["date"]
    yield form.get_by_role("textbox", name=label("summary"), exact=True), state["summary"]
    for key in ("employee", "manager", "date", "keep_until"):
        yield form.get_by_label(label(f"agreement.{key}"), exact=True), state["agreement"][key]


def type_into(control: Locator, value: Any) -> None:
    if control.evaluate("el => el.tagName") == "SELECT":
        control.select_option(value or "")
    else:
        control.fill(value or "")


def with_settings(page: Page, **settings: Any) -> None:
    """Serve the planner pages with sp-config changed, as an organisation's
    mkdocs.yml (extra.samtalsplan) would, without building the site again."""

    def rewrite(route: Route) -> None:
        response = route.fetch()
        html = response.text()
        start = html.index('id="sp-config">') + len('id="sp-config">')
        end = html.index("</script>", start)
        config = {**json.loads(html[start:end]), **settings}
        route.fulfill(response=response, body=html[:start] + json.dumps(config) + html[end:])

    page.route("**/planera/", rewrite)


def read_json_download(page: Page, click: Callable[[], None]) -> tuple[str, Any]:
    """Click, and return the downloaded file's name and parsed content."""
    with page.expect_download() as download:
        click()
    path = download.value.path()
    return download.value.suggested_filename, json.loads(Path(path).read_text(encoding="utf-8"))
