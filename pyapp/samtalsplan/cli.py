"""samtalsplan: check, render and summarise medarbetarsamtal plans saved by the planner.

Every FILE may be "-" for standard input, and every -o/--output "-" (the
default) for standard output. Exit status: 0 when all is well, 1 when a plan
has problems to fix, 2 when a file cannot be read as a plan (or the settings
are wrong), 64 when the command line is wrong, 69 when the Excel workbook is
asked for and XlsxWriter is not installed (pip install 'samtalsplan[xlsx]').
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from . import __version__
from .advice import advise
from .codec import serialize
from .dates import parse_date
from .errors import PlanError
from .files import decode, parse
from .i18n import LANGUAGES, translate
from .ics import render_ics
from .document import render_html
from .markdown import render_markdown
from .model import Plan
from .settings import Settings
from .team import render_team_csv, render_team_markdown, summarize
from .validation import validate
from .workbook import render_team_xlsx

# 64 and 69 as in sysexits.h: EX_USAGE, and EX_UNAVAILABLE (a package the output needs).
EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE, EXIT_USAGE, EXIT_UNAVAILABLE = 0, 1, 2, 64, 69


class _Unreadable(Exception):
    """A file that cannot be read as a plan: the message names the file."""


def _read(name: str, lang: str) -> bytes:
    """A file's bytes (the one reader, samtalsplan.files, decides what they are)."""
    try:
        return sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except FileNotFoundError:
        raise _Unreadable(f"{name}: {translate('cli.not_found', lang)}") from None
    except IsADirectoryError:
        raise _Unreadable(f"{name}: {translate('cli.is_directory', lang)}") from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise _Unreadable(f"{name}: {translate('cli.unreadable', lang, reason=reason)}") from None


def _write(name: str, text: str | bytes) -> None:
    """Documents are UTF-8 wherever they go, a console's code page notwithstanding."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if name == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        Path(name).write_bytes(data)


def _plan(name: str, lang: str) -> Plan:
    try:
        return parse(_read(name, lang))
    except PlanError as error:
        raise _Unreadable(f"{name}: {error.message(lang)}") from None


def _settings(args: argparse.Namespace) -> Settings:
    if not args.settings:
        return Settings()
    try:
        data = json.loads(decode(_read(args.settings, args.lang), "cli.settings_expected"))
        return Settings.from_dict(data)
    except json.JSONDecodeError:
        message = translate("cli.settings_not_json", args.lang)
    except PlanError as error:
        message = error.message(args.lang)
    raise _Unreadable(f"{args.settings}: {message}")


def _today(text: str | None) -> date:
    day = parse_date(text or "") if text else date.today()
    if day is None:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (expected YYYY-MM-DD)")
    return day


def _validate(args: argparse.Namespace) -> int:
    plan = _plan(args.file, args.lang)
    problems = validate(plan, args.lang)
    for problem in problems:
        print(f"{args.file}: {problem.path}: {problem.message}")
    if args.advice:
        for hint in advise(plan, args.lang, _settings(args), args.today):
            print(f"{args.file}: {hint.path}: {hint.severity.value}: {hint.message} [{hint.id}]")
    return EXIT_PROBLEMS if problems else EXIT_OK


def _render(args: argparse.Namespace) -> int:
    plan = _plan(args.file, args.lang)
    renderers = {"md": render_markdown, "html": render_html}
    text = renderers[args.to](plan, args.lang) if args.to in renderers else serialize(plan)
    _write(args.output, text)
    return EXIT_OK


def _ics(args: argparse.Namespace) -> int:
    plan = _plan(args.file, args.lang)
    try:
        text = render_ics(plan, args.lang)
    except PlanError as error:
        print(f"{args.file}: {error.path}: {error.message(args.lang)}")
        return EXIT_PROBLEMS
    _write(args.output, text)
    return EXIT_OK


def _summary(args: argparse.Namespace) -> int:
    plans = [_plan(name, args.lang) for name in args.files]
    summary = summarize(plans, args.today, [Path(name).name for name in args.files])
    output: str | bytes
    if args.to == "xlsx":
        try:
            output = render_team_xlsx(summary, args.lang)
        except PlanError:
            print(f"samtalsplan: {translate('cli.xlsx_missing', args.lang)}", file=sys.stderr)
            return EXIT_UNAVAILABLE
    elif args.to == "csv":
        output = render_team_csv(summary, args.lang)
    else:
        output = render_team_markdown(summary, args.lang)
    _write(args.output, output)
    return EXIT_OK


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="samtalsplan",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--lang", choices=LANGUAGES, default="sv", help="language of messages and documents"
    )
    parser.add_argument(
        "--settings",
        metavar="JSON",
        help="the organisation's settings as JSON (the keys of extra.samtalsplan in mkdocs.yml)",
    )
    parser.add_argument(
        "--today",
        type=_today,
        default=date.today(),
        metavar="DATE",
        help="the date to judge dates against (default: today)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def output(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "-o", "--output", default="-", help="output file (default: - for standard output)"
        )

    check = commands.add_parser("validate", help="list the problems in a plan file (and advice)")
    check.add_argument("file", metavar="FILE")
    check.add_argument("--advice", action="store_true", help="also list the guidance's advice")
    check.set_defaults(run=_validate)

    render = commands.add_parser(
        "render", help="write a plan file as Markdown, a printable HTML document or normalised JSON"
    )
    render.add_argument("file", metavar="FILE")
    render.add_argument(
        "--to", choices=("md", "html", "json"), default="md", help="output format (default: md)"
    )
    output(render)
    render.set_defaults(run=_render)

    ics = commands.add_parser("ics", help="write the next follow-up as an iCalendar (.ics) event")
    ics.add_argument("file", metavar="FILE")
    output(ics)
    ics.set_defaults(run=_ics)

    summary = commands.add_parser(
        "summary",
        help="the team view over many plan files: what needs attention, the period's counts, "
        "development needs, obstacles, actions, follow-ups",
    )
    summary.add_argument("files", metavar="FILE", nargs="+")
    summary.add_argument(
        "--to",
        choices=("md", "csv", "xlsx"),
        default="md",
        help="output format (default: md; csv: development items for Swedish Excel; "
        "xlsx: the complete workbook, needs XlsxWriter)",
    )
    output(summary)
    summary.set_defaults(run=_summary)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except _Unreadable as error:
        print(f"samtalsplan: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    return code
