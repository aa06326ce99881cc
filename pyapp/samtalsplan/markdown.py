"""The plan as a Markdown document to read, print or paste into an email.

User text is escaped so that it can never change the document's structure:
a goal titled ``# Done`` stays a title, not a new heading. The renderer is
pure: the same plan and language always give the same text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from enum import Enum

from .agreement import AgreementStatus, status
from .follow_up import Row, history
from .i18n import plural, translate
from .model import Action, Development, Goal, Obstacle, Plan, Status

# CommonMark lets any ASCII punctuation be backslash-escaped (spec 0.31, 2.4).
# These are the characters that can start markup anywhere in a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
# An entity reference such as &amp; or &#123; would be decoded, so escape its "&".
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# At the start of a line these begin a block: bullet lists and setext underlines,
# and "1." or "1)" an ordered list, escaped at its punctuation.
_BLOCK_START = re.compile(r"^([-+=])")
_ORDERED_START = re.compile(r"^(\d+)([.)])")


def escape(text: str) -> str:
    """One line of user text, safe to place in running Markdown text."""
    # A line break would end a heading or a list item: a single-line field
    # (a name, a date) read from a file may still hold one.
    text = " ".join(text.splitlines())
    text = _INLINE_SPECIAL.sub(r"\\\1", text.strip())
    text = _ENTITY.sub(r"\\&", text)
    text = _BLOCK_START.sub(r"\\\1", text)
    return _ORDERED_START.sub(r"\1\\\2", text)


def _code(text: str) -> str:
    """One line of text as a code span. A code span takes no backslash escapes,
    so it is fenced by more backticks than the longest run in the text."""
    text = " ".join(text.split())
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    # Spaces keep a backtick at either end from joining the fence; one each side is dropped.
    return f"{fence} {text} {fence}" if text[:1] == "`" or text[-1:] == "`" else f"{fence}{text}{fence}"


def _lines(text: str) -> list[str]:
    return [escape(line) for line in text.splitlines() if line.strip()]


def _block(text: str, indent: str = "") -> str:
    """Multi-line user text as one paragraph, keeping its line breaks."""
    return ("  \n" + indent).join(_lines(text))


def _cell(text: str) -> str:
    return "<br>".join(_lines(text))


def render_markdown(plan: Plan, lang: str = "sv") -> str:
    """The whole plan as a Markdown document in ``lang``."""
    return "\n".join(_document(plan, lang)).rstrip() + "\n"


def _document(plan: Plan, lang: str) -> Iterator[str]:
    def t(key: str, **params: object) -> str:
        return translate(key, lang, **params)

    def choice(value: Enum | None, empty: str = "md.not_set") -> str:
        return t(f"choice.{type(value).__name__}.{value.value}") if value else t(empty)

    def field(key: str, text: str, indent: str = "") -> Iterator[str]:
        if text.strip():
            yield f"{indent}**{t(key)}:** {_block(text, indent)}"
            yield ""

    talk = plan.talk
    yield f"# {t('md.title', employee=escape(talk.employee) or t('md.not_set'))}"
    yield ""
    for key, value in (
        ("field.talk.employee", talk.employee),
        ("field.talk.manager", talk.manager),
        ("field.talk.date", talk.date),
        ("field.talk.unit", talk.unit),
    ):
        yield f"- **{t(key)}:** {escape(value) or t('md.not_set')}"
    yield ""

    look_back = plan.look_back
    goals_back = [g for g in look_back.goals if not g.is_blank()]
    actions_back = [a for a in look_back.actions if not a.is_blank()]
    if goals_back or actions_back or look_back.note.strip():
        yield f"## {t('field.look_back')}"
        yield ""
        for key, lines in (
            ("field.look_back.goals", [(g.goal, g.status, g.note) for g in goals_back]),
            ("field.look_back.actions", [(a.action, a.status, a.note) for a in actions_back]),
        ):
            if not lines:
                continue
            yield f"### {t(key)}"
            yield ""
            yield f"| {t(key + ('.goal' if key.endswith('goals') else '.action'))} | {t(key + '.status')} | {t(key + '.note')} |"
            yield "| --- | --- | --- |"
            for what, state, note in lines:
                yield f"| {_cell(what) or t('md.not_set')} | {choice(state)} | {_cell(note)} |"
            yield ""
        if look_back.note.strip():
            yield f"### {t('field.look_back.note')}"
            yield ""
            yield _block(look_back.note)
            yield ""

    yield f"## {t('field.goals')}"
    yield ""
    goals: list[Goal] = [g for g in plan.goals if not g.is_blank()]
    for number, goal in enumerate(goals, start=1):
        yield f"### {number}. {escape(goal.title) or t('md.not_set')}"
        yield ""
        yield from field("field.goals.organisation_link", goal.organisation_link)
        yield from field("field.goals.why", goal.why)
        steps = [s for s in goal.steps if s.strip()]
        if steps:
            yield f"**{t('field.goals.steps')}:**"
            yield ""
            for step_number, step in enumerate(steps, start=1):
                yield f"{step_number}. {_block(step, '   ')}"
            yield ""
        yield from field("field.goals.measure", goal.measure)
    if not goals:
        yield from _nothing(t)

    yield f"## {t('field.development')}"
    yield ""
    development: list[Development] = [d for d in plan.development if not d.is_blank()]
    for item in development:
        when = f" ({t('field.development.when')}: {escape(item.when)})" if item.when.strip() else ""
        yield f"- **{choice(item.kind, 'md.no_kind')}:** {_block(item.what, '  ')}{when}"
    yield from ([""] if development else _nothing(t))

    yield f"## {t('field.conditions')}"
    yield ""
    yield f"### {t('field.conditions.obstacles')}"
    yield ""
    obstacles: list[Obstacle] = [o for o in plan.conditions.obstacles if not o.is_blank()]
    for obstacle in obstacles:
        yield f"- {_block(obstacle.obstacle, '  ') or t('md.not_set')}"
        yield f"  - **{t('field.conditions.obstacles.need')}:** {_block(obstacle.need, '    ') or t('md.not_set')}"
        yield f"  - **{t('field.conditions.obstacles.owner')}:** {choice(obstacle.owner)}"
    yield from ([""] if obstacles else _nothing(t))
    yield f"### {t('field.conditions.manager_commitment')}"
    yield ""
    yield _block(plan.conditions.manager_commitment) or t("md.nothing")
    yield ""

    work = plan.work_environment
    yield f"## {t('field.work_environment')}"
    yield ""
    said = False
    for key, text in (
        ("field.work_environment.workload", work.workload),
        ("field.work_environment.energy", work.energy),
        ("field.work_environment.helps", work.helps),
    ):
        if text.strip():
            said = True
            yield from field(key, text)
    changes = [c for c in work.changes if c.strip()]
    if changes:
        yield f"**{t('field.work_environment.changes')}:**"
        yield ""
        for change in changes:
            yield f"- {_block(change, '  ')}"
        yield ""
    elif not said:
        yield from _nothing(t)

    yield f"## {t('field.actions')}"
    yield ""
    actions: list[Action] = [a for a in plan.actions if not a.is_blank()]
    if actions:
        yield f"| {t('field.actions.what')} | {t('field.actions.owner')} | {t('field.actions.due')} |"
        yield "| --- | --- | --- |"
        for action in actions:
            yield f"| {_cell(action.what)} | {choice(action.owner)} | {escape(action.due) or t('md.not_set')} |"
        yield ""
    else:
        yield from _nothing(t)

    yield f"## {t('field.follow_up')}"
    yield ""
    yield f"**{t('field.follow_up.date')}:** {escape(plan.follow_up.date) or t('md.not_set')}"
    yield ""

    yield f"## {t('field.summary')}"
    yield ""
    yield _block(plan.summary) or t("md.nothing")
    yield ""

    agreement = plan.agreement
    yield f"## {t('field.agreement')}"
    yield ""
    for key, value in (
        ("field.agreement.employee", agreement.employee),
        ("field.agreement.manager", agreement.manager),
        ("field.agreement.date", agreement.date),
        ("field.agreement.keep_until", agreement.keep_until),
    ):
        yield f"- **{t(key)}:** {escape(value) or t('md.not_set')}"
    yield ""
    yield f"### {t('md.signatures')}"
    yield ""
    for role, name in (
        ("field.talk.employee", agreement.employee or plan.talk.employee),
        ("field.talk.manager", agreement.manager or plan.talk.manager),
    ):
        yield f"**{t(role)}:** {escape(name) or t('md.not_set')}  "
        yield f"{t('md.signature')}: {'.' * 40} {t('md.signature_date')}: {'.' * 16}"
        yield ""
    if agreement.fingerprint.strip():
        yield f"**{t('md.fingerprint')}:** {_code(agreement.fingerprint)}  "
        yield t("md.fingerprint_explained")
        yield ""
        if status(plan) is AgreementStatus.CHANGED:
            yield f"**{t('md.agreement_changed')}**"
            yield ""
    else:
        yield t("md.not_agreed")
        yield ""

    check_ins = [c for c in plan.check_ins if not c.is_blank()]
    if not check_ins:
        return
    yield f"## {t('md.progress_heading')}"
    yield ""
    found = history(plan)
    dates = [escape(d) or t("md.not_set") for d in found.dates]

    def cell(value: tuple[Enum | None, str] | None) -> str:
        if value is None:
            return t("md.not_recorded")
        state, note = value
        return f"**{choice(state)}**" + (f"<br>{_cell(note)}" if note.strip() else "")

    def grid(key: str, rows: tuple[Row, ...]) -> Iterator[str]:
        if not rows:
            return
        yield f"### {t(key)}"
        yield ""
        yield f"| {t('md.what')} | " + " | ".join(dates) + " |"
        yield "| --- |" + " --- |" * len(dates)
        for row in rows:
            yield f"| {_cell(row.what)} | " + " | ".join(cell(c) for c in row.cells) + " |"
        yield ""

    yield from grid("md.progress_goals", found.goals)
    yield from grid("md.progress_actions", found.actions)
    yield f"### {t('md.check_in_notes')}"
    yield ""
    for check_in in check_ins:
        yield f"#### {escape(check_in.date) or t('md.not_set')}"
        yield ""
        statuses = [s for s in check_in.statuses if not s.is_blank()]
        if statuses:
            done = sum(s.status is Status.DONE for s in statuses)
            ongoing = sum(s.status is Status.ONGOING for s in statuses)
            yield plural("md.progress", len(statuses), lang, done=done, ongoing=ongoing)
            yield ""
        yield from field("field.check_ins.note", check_in.note)
        yield f"**{t('field.check_ins.next_date')}:** {escape(check_in.next_date) or t('md.not_set')}"
        yield ""


def _nothing(t: Callable[..., str]) -> Iterator[str]:
    yield t("md.nothing")
    yield ""
