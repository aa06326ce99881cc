"""samtalsplan: check and render medarbetarsamtal plans saved by the planner.

Every FILE may be "-" for standard input. Exit status: 0 when all is well,
1 when the plan has problems to fix, 2 when a file cannot be read as a plan.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .codec import parse, serialize
from .errors import PlanError
from .i18n import LANGUAGES
from .markdown import render_markdown
from .model import Plan
from .validation import validate


def _read(name: str) -> str:
    return sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")


def _write(name: str, text: str) -> None:
    if name == "-":
        sys.stdout.write(text)
    else:
        Path(name).write_text(text, encoding="utf-8")


def _validate(plan: Plan, args: argparse.Namespace) -> int:
    problems = validate(plan, args.lang)
    for problem in problems:
        print(f"{args.file}: {problem.path}: {problem.message}")
    return 1 if problems else 0


def _render(plan: Plan, args: argparse.Namespace) -> int:
    text = render_markdown(plan, args.lang) if args.to == "md" else serialize(plan)
    _write(args.output, text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="samtalsplan", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--lang", choices=LANGUAGES, default="sv", help="language of messages and documents"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("validate", help="list the problems in a plan file")
    check.add_argument("file", metavar="FILE")
    check.set_defaults(run=_validate)

    render = commands.add_parser("render", help="write a plan file as Markdown or normalised JSON")
    render.add_argument("file", metavar="FILE")
    render.add_argument(
        "--to", choices=("md", "json"), default="md", help="output format (default: md)"
    )
    render.add_argument(
        "-o", "--output", default="-", help="output file (default: - for standard output)"
    )
    render.set_defaults(run=_render)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        plan = parse(_read(args.file))
    except (OSError, UnicodeDecodeError) as error:
        print(f"samtalsplan: {args.file}: {error}", file=sys.stderr)
        return 2
    except PlanError as error:
        print(f"samtalsplan: {args.file}: {error.message(args.lang)}", file=sys.stderr)
        return 2
    code: int = args.run(plan, args)
    return code
