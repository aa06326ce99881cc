"""A tiny test runner for the Python suite inside Pyodide, where pytest is absent.

The end-to-end test ``tests/e2e/test_pyodide_suite.py`` copies the test modules
and their fixture files into Pyodide's file system, next to this file, and
calls ``run``. A stand-in ``pytest`` module gives the tests what they use
(``mark.parametrize``, ``raises``, ``fail``); tests marked ``repository`` need
the repository checkout (not the package) and are skipped, as are tests that
ask for pytest fixtures.
"""

from __future__ import annotations

import inspect
import itertools
import json
import re
import sys
import traceback
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Self

# The test modules that need nothing but the package and their fixture files.
MODULES = (
    "test_validation", "test_advice", "test_bridge", "test_fields", "test_filename", "test_team", "test_i18n",
    "test_document", "test_follow_up", "test_next_year", "test_feedback",
)


@dataclass
class Mark:
    name: str
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)


class _MarkFactory:
    def __getattr__(self, name: str) -> Callable[..., Any]:
        def make(*args: Any, **kwargs: Any) -> Any:
            if name != "parametrize" and len(args) == 1 and callable(args[0]) and not kwargs:
                return _marked(args[0], Mark(name))  # a bare mark: @pytest.mark.repository
            return lambda function: _marked(function, Mark(name, args, kwargs))

        return make


def _marked(function: Any, mark: Mark) -> Any:
    function.pytestmark = [*getattr(function, "pytestmark", []), mark]
    return function


class _Raises:
    def __init__(self, expected: type[BaseException], match: str | None = None) -> None:
        self.expected, self.match = expected, match
        self.value: BaseException | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: types.TracebackType | None
    ) -> bool:
        if kind is None:
            raise AssertionError(f"did not raise {self.expected.__name__}")
        if not issubclass(kind, self.expected):
            return False
        if self.match and not re.search(self.match, str(value)):
            raise AssertionError(f"{value!r} does not match {self.match!r}")
        self.value = value
        return True


class _Failed(AssertionError):
    pass


def _fail(message: str) -> None:
    raise _Failed(message)


def _fixture(*args: Any, **kwargs: Any) -> Any:
    """``@pytest.fixture`` and ``@pytest.fixture(...)`` leave the function as it is."""
    if args and callable(args[0]):
        return args[0]
    return lambda function: function


def install_pytest_stand_in() -> None:
    module = types.ModuleType("pytest")
    module.mark = _MarkFactory()  # type: ignore[attr-defined]
    module.raises = _Raises  # type: ignore[attr-defined]
    module.fail = _fail  # type: ignore[attr-defined]
    module.fixture = _fixture  # type: ignore[attr-defined]
    sys.modules["pytest"] = module


def _cases(function: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every call of a test: the product of its parametrize marks."""
    axes = []
    for mark in getattr(function, "pytestmark", []):
        if mark.name != "parametrize":
            continue
        names, values = mark.args[0], mark.args[1]
        names = [n.strip() for n in names.split(",")] if isinstance(names, str) else list(names)
        ids = mark.kwargs.get("ids")
        rows = []
        for index, value in enumerate(values):
            row = dict(zip(names, value if len(names) > 1 else (value,), strict=True))
            label = ids(value) if callable(ids) else ids[index] if ids else str(index)
            rows.append((str(label), row))
        axes.append(rows)
    for combination in itertools.product(*axes):
        label = "-".join(part for part, _ in combination)
        arguments: dict[str, Any] = {}
        for _, row in combination:
            arguments.update(row)
        yield label, arguments


def run(modules: tuple[str, ...] = MODULES) -> str:
    """Run the tests; JSON with the passed, failed and skipped test ids.
    Where pytest itself is running, its own module stays in place."""
    if "pytest" not in sys.modules:
        install_pytest_stand_in()
    passed: list[str] = []
    failed: list[dict[str, str]] = []
    skipped: list[str] = []
    for name in modules:
        module = __import__(f"tests.{name}", fromlist=["*"])
        for attribute, function in vars(module).items():
            if not attribute.startswith("test_") or not inspect.isfunction(function):
                continue
            marks = {m.name for m in getattr(function, "pytestmark", [])}
            for label, arguments in _cases(function):
                test_id = f"{name}::{attribute}" + (f"[{label}]" if label else "")
                wanted = set(inspect.signature(function).parameters) - set(arguments)
                if "repository" in marks or wanted:
                    skipped.append(test_id)
                    continue
                try:
                    function(**arguments)
                except Exception:  # a runner reports every failure and goes on
                    failed.append({"test": test_id, "error": traceback.format_exc()})
                else:
                    passed.append(test_id)
    return json.dumps({"passed": passed, "failed": failed, "skipped": skipped})
