"""The plan as a document to print, sign and keep: one HTML renderer.

``render_document`` is the plan as an HTML fragment (``<article class="sp-doc">``)
that the planner and the follow-up page print in place of their form;
``render_html`` wraps the same fragment in a standalone page (one file, its
styles inline, no scripts) to download, open in any browser and print. Both
use ``stylesheet()``, the document's one stylesheet (``data/document.css``):
A4 pages, headings kept with what follows them, black on white whatever the
site's palette.

The document holds what the two agreed, as a reader needs it: the talk, the
look back on last year's plan, the goals with their steps and measures,
development, conditions, the work environment, the action table with owner
and due date, the follow-up, the summary, how each goal and action has gone at
every check-in, and the agreement, with a line for each party's signature and
date and the fingerprint explained. Every text a person typed goes through
``html.escape``; the renderer is pure.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Iterator
from enum import Enum

from .agreement import AgreementStatus, status
from .filename import download_name
from .follow_up import History, Row, history
from .i18n import plural, translate
from .model import Plan, Status
from .package_data import read_text


def stylesheet() -> str:
    """The document's stylesheet: inline in the standalone copy, and the site's
    print styles for the planner and the follow-up page."""
    return read_text("data", "document.css")


def render_html(plan: Plan, lang: str = "sv") -> str:
    """The plan as a standalone HTML page: readable in any browser, printable."""
    title = _title(plan, lang)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>\n{stylesheet()}</style>\n</head>\n"
        f'<body class="sp-doc-page">\n{render_document(plan, lang)}</body>\n</html>\n'
    )


def document_title(plan: Plan) -> str:
    """What a browser names a PDF of the printed plan: its download name."""
    return download_name(plan, "").removesuffix(".")


def _title(plan: Plan, lang: str) -> str:
    employee = plan.talk.employee.strip() or translate("md.not_set", lang)
    title = translate("md.title", lang, employee=employee)
    return f"{title}, {plan.talk.date.strip()}" if plan.talk.date.strip() else title


def _e(text: str) -> str:
    return html.escape(text.strip(), quote=True)


def _text(text: str) -> str:
    """A person's text, its line breaks kept."""
    return "<br>".join(_e(line) for line in text.strip().splitlines() if line.strip())


def render_document(plan: Plan, lang: str = "sv") -> str:
    """The plan as an HTML fragment: an ``<article>`` in ``lang``."""
    return (
        f'<article class="sp-doc" lang="{lang}">\n'
        + "\n".join(_body(plan, lang))
        + "\n</article>\n"
    )


def _body(plan: Plan, lang: str) -> Iterator[str]:
    def t(key: str, **params: object) -> str:
        return _e(translate(key, lang, **params))

    def choice(value: Enum | None, empty: str = "md.not_set") -> str:
        return t(f"choice.{type(value).__name__}.{value.value}") if value else t(empty)

    def or_nothing(text: str) -> str:
        return _text(text) or t("md.not_set")

    def nothing() -> str:
        return f'<p class="sp-doc__empty">{t("md.nothing")}</p>'

    def facts(rows: Iterable[tuple[str, str]], grid: bool = False) -> str:
        items = "".join(
            f"<div><dt>{t(key)}</dt><dd>{or_nothing(value)}</dd></div>" for key, value in rows
        )
        return f'<dl class="sp-doc__facts{" sp-doc__facts--grid" if grid else ""}">{items}</dl>'

    def table(head: Iterable[str], rows: Iterable[Iterable[str]], wide_first: bool = True) -> str:
        cls = (
            ' class="sp-doc__table sp-doc__table--wide-first"'
            if wide_first
            else ' class="sp-doc__table"'
        )
        header = "".join(f'<th scope="col">{cell}</th>' for cell in head)
        body = "".join(
            "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows
        )
        return f"<table{cls}><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"

    def section(key: str, *content: str, extra: str = "") -> str:
        return (
            f'<section class="sp-doc__section{extra}">\n<h2>{t(key)}</h2>\n'
            + "\n".join(content)
            + "\n</section>"
        )

    talk = plan.talk
    yield '<header class="sp-doc__header">'
    yield f'<p class="sp-doc__kicker">{t("doc.subtitle")}</p>'
    yield f"<h1>{t('md.title', employee=talk.employee.strip() or translate('md.not_set', lang))}</h1>"
    yield facts(
        (
            ("field.talk.employee", talk.employee),
            ("field.talk.manager", talk.manager),
            ("field.talk.date", talk.date),
            ("field.talk.unit", talk.unit),
        ),
        grid=True,
    )
    yield "</header>"

    look_back = plan.look_back
    goals_back = [g for g in look_back.goals if not g.is_blank()]
    actions_back = [a for a in look_back.actions if not a.is_blank()]
    if goals_back or actions_back or look_back.note.strip():
        parts = []
        if goals_back:
            parts.append(f"<h3>{t('field.look_back.goals')}</h3>")
            parts.append(
                table(
                    (
                        t("field.look_back.goals.goal"),
                        t("field.look_back.goals.status"),
                        t("field.look_back.goals.note"),
                    ),
                    ((or_nothing(g.goal), choice(g.status), _text(g.note)) for g in goals_back),
                )
            )
        if actions_back:
            parts.append(f"<h3>{t('field.look_back.actions')}</h3>")
            parts.append(
                table(
                    (
                        t("field.look_back.actions.action"),
                        t("field.look_back.actions.status"),
                        t("field.look_back.actions.note"),
                    ),
                    ((or_nothing(a.action), choice(a.status), _text(a.note)) for a in actions_back),
                )
            )
        if look_back.note.strip():
            parts.append(f"<h3>{t('field.look_back.note')}</h3>\n<p>{_text(look_back.note)}</p>")
        yield section("field.look_back", *parts)

    goals = [g for g in plan.goals if not g.is_blank()]
    items = []
    for number, goal in enumerate(goals, start=1):
        lines = [f'<section class="sp-doc__item">\n<h3>{number}. {or_nothing(goal.title)}</h3>']
        details = [
            (key, value)
            for key, value in (
                ("field.goals.organisation_link", goal.organisation_link),
                ("field.goals.why", goal.why),
            )
            if value.strip()
        ]
        if details:
            lines.append(facts(details))
        steps = [s for s in goal.steps if s.strip()]
        if steps:
            lines.append(f'<p class="sp-doc__label">{t("field.goals.steps")}</p>')
            lines.append("<ol>" + "".join(f"<li>{_text(s)}</li>" for s in steps) + "</ol>")
        if goal.measure.strip():
            lines.append(facts((("field.goals.measure", goal.measure),)))
        lines.append("</section>")
        items.append("\n".join(lines))
    yield section("field.goals", *(items or [nothing()]))

    development = [d for d in plan.development if not d.is_blank()]
    yield section(
        "field.development",
        table(
            (t("field.development.kind"), t("field.development.what"), t("field.development.when")),
            ((choice(d.kind, "md.no_kind"), _text(d.what), _text(d.when)) for d in development),
            wide_first=False,
        )
        if development
        else nothing(),
    )

    obstacles = [o for o in plan.conditions.obstacles if not o.is_blank()]
    yield section(
        "field.conditions",
        f"<h3>{t('field.conditions.obstacles')}</h3>",
        table(
            (
                t("field.conditions.obstacles.obstacle"),
                t("field.conditions.obstacles.need"),
                t("field.conditions.obstacles.owner"),
            ),
            ((or_nothing(o.obstacle), or_nothing(o.need), choice(o.owner)) for o in obstacles),
        )
        if obstacles
        else nothing(),
        f"<h3>{t('field.conditions.manager_commitment')}</h3>",
        f"<p>{_text(plan.conditions.manager_commitment)}</p>"
        if plan.conditions.manager_commitment.strip()
        else nothing(),
    )

    work = plan.work_environment
    said = [
        (key, value)
        for key, value in (
            ("field.work_environment.workload", work.workload),
            ("field.work_environment.energy", work.energy),
            ("field.work_environment.helps", work.helps),
        )
        if value.strip()
    ]
    changes = [c for c in work.changes if c.strip()]
    work_parts = [facts(said)] if said else []
    if changes:
        work_parts.append(f'<p class="sp-doc__label">{t("field.work_environment.changes")}</p>')
        work_parts.append("<ul>" + "".join(f"<li>{_text(c)}</li>" for c in changes) + "</ul>")
    yield section("field.work_environment", *(work_parts or [nothing()]))

    actions = [a for a in plan.actions if not a.is_blank()]
    yield section(
        "field.actions",
        table(
            (t("field.actions.what"), t("field.actions.owner"), t("field.actions.due")),
            ((or_nothing(a.what), choice(a.owner), or_nothing(a.due)) for a in actions),
        )
        if actions
        else nothing(),
    )

    yield section("field.follow_up", facts((("field.follow_up.date", plan.follow_up.date),)))
    yield section(
        "field.summary", f"<p>{_text(plan.summary)}</p>" if plan.summary.strip() else nothing()
    )

    yield section("field.agreement", *_agreement(plan, t, facts), extra=" sp-doc__agreement")

    if any(not c.is_blank() for c in plan.check_ins):
        yield section(
            "md.progress_heading", *_progress(history(plan), t, choice), *_notes(plan, lang, t)
        )


def _progress(found: History, t: Callable[..., str], choice: Callable[..., str]) -> Iterator[str]:
    def cell(value: tuple[Enum | None, str] | None) -> str:
        if value is None:
            return f'<span class="sp-doc__muted">{t("md.not_recorded")}</span>'
        state, note = value
        text = _text(note)
        return f"<strong>{choice(state)}</strong>" + (
            f'<br><span class="sp-doc__note">{text}</span>' if text else ""
        )

    dates = [_e(d) or t("md.not_set") for d in found.dates]

    def grid(key: str, rows: tuple[Row, ...]) -> Iterator[str]:
        if rows:
            yield f"<h3>{t(key)}</h3>"
            head = "".join(f'<th scope="col">{d}</th>' for d in dates)
            body = "".join(
                f'<tr><th scope="row">{_text(row.what)}</th>'
                + "".join(f"<td>{cell(c)}</td>" for c in row.cells)
                + "</tr>"
                for row in rows
            )
            yield (
                '<table class="sp-doc__table sp-doc__table--progress">'
                f'<thead><tr><th scope="col">{t("md.what")}</th>{head}</tr></thead><tbody>{body}</tbody></table>'
            )

    yield from grid("md.progress_goals", found.goals)
    yield from grid("md.progress_actions", found.actions)


def _notes(plan: Plan, lang: str, t: Callable[..., str]) -> Iterator[str]:
    entries = []
    for check_in in (c for c in plan.check_ins if not c.is_blank()):
        statuses = [s for s in check_in.statuses if not s.is_blank()]
        done = sum(s.status is Status.DONE for s in statuses)
        ongoing = sum(s.status is Status.ONGOING for s in statuses)
        lines = [f"<dt>{_e(check_in.date) or t('md.not_set')}</dt>"]
        if statuses:
            counted = plural("md.progress", len(statuses), lang, done=done, ongoing=ongoing)
            lines.append(f"<dd>{_e(counted)}</dd>")
        if check_in.note.strip():
            lines.append(f"<dd>{_text(check_in.note)}</dd>")
        lines.append(
            f"<dd>{t('field.check_ins.next_date')}: {_e(check_in.next_date) or t('md.not_set')}</dd>"
        )
        entries.append("<div>" + "".join(lines) + "</div>")
    yield f"<h3>{t('md.check_in_notes')}</h3>"
    yield '<dl class="sp-doc__check-ins">' + "".join(entries) + "</dl>"


def _agreement(plan: Plan, t: Callable[..., str], facts: Callable[..., str]) -> Iterator[str]:
    agreement = plan.agreement
    yield facts(
        (
            ("field.agreement.employee", agreement.employee),
            ("field.agreement.manager", agreement.manager),
            ("field.agreement.date", agreement.date),
            ("field.agreement.keep_until", agreement.keep_until),
        ),
        grid=True,
    )
    yield f"<h3>{t('md.signatures')}</h3>"
    yield '<div class="sp-doc__signatures">'
    for role, name in (
        ("field.talk.employee", agreement.employee or plan.talk.employee),
        ("field.talk.manager", agreement.manager or plan.talk.manager),
    ):
        yield (
            '<div class="sp-doc__signature">'
            f'<p class="sp-doc__label">{t(role)}: {_e(name)}</p>'
            f'<p class="sp-doc__line">{t("md.signature")}</p>'
            f'<p class="sp-doc__line">{t("md.signature_date")}</p>'
            "</div>"
        )
    yield "</div>"
    if agreement.fingerprint.strip():
        yield (
            f'<p class="sp-doc__fingerprint">{t("md.fingerprint")}: <code>{_e(agreement.fingerprint)}</code></p>'
            f'<p class="sp-doc__explain">{t("md.fingerprint_explained")}</p>'
        )
        if status(plan) is AgreementStatus.CHANGED:
            yield f'<p class="sp-doc__warning"><strong>{t("md.agreement_changed")}</strong></p>'
    else:
        yield f"<p>{t('md.not_agreed')}</p>"
