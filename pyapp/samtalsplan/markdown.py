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

    def choice(value: Enum | None) -> str:
        return t(f"choice.{type(value).__name__}.{value.value}") if value else t("md.not_set")

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
        yield f"- **{choice(item.kind)}:** {_block(item.what, '  ')}{when}"
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
    if agreement.fingerprint.strip():
        yield f"**{t('md.fingerprint')}:** {_code(agreement.fingerprint)}"
        yield ""
        if status(plan) is AgreementStatus.CHANGED:
            yield f"**{t('md.agreement_changed')}**"
            yield ""
    else:
        yield t("md.not_agreed")
        yield ""

    check_ins = [c for c in plan.check_ins if not c.is_blank()]
    if check_ins:
        yield f"## {t('field.check_ins')}"
        yield ""
    for check_in in check_ins:
        yield f"### {escape(check_in.date) or t('md.not_set')}"
        yield ""
        statuses = [s for s in check_in.statuses if not s.is_blank()]
        if statuses:
            done = sum(s.status is Status.DONE for s in statuses)
            ongoing = sum(s.status is Status.ONGOING for s in statuses)
            yield plural("md.progress", len(statuses), lang, done=done, ongoing=ongoing)
            yield ""
            yield f"| {t('md.action')} | {t('field.check_ins.statuses.status')} | {t('field.check_ins.statuses.note')} |"
            yield "| --- | --- | --- |"
            for line in statuses:
                yield f"| {_cell(line.action) or t('md.not_set')} | {choice(line.status)} | {_cell(line.note)} |"
            yield ""
        yield from field("field.check_ins.note", check_in.note)
        yield f"**{t('field.check_ins.next_date')}:** {escape(check_in.next_date) or t('md.not_set')}"
        yield ""


def _nothing(t: Callable[..., str]) -> Iterator[str]:
    yield t("md.nothing")
    yield ""
