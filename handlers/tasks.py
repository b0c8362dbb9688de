"""/viec (/tasks) and plain questions ("quý này có việc gì?"): a unit's work for a period."""

from __future__ import annotations

from datetime import datetime

from domain.questions import Period, quarter_of, read_tasks_question
from handlers.formatting import day, days_left, one_line, task_label
from handlers.paging import paged_reply
from handlers.permissions import need_member
from handlers.registry import command, free_text
from handlers.texts import t
from handlers.types import Ctx, Inbound, Reply
from storage.models import Deadline
from storage.plans import overdue_tasks, unit_deadlines, unit_tasks

STATUS_MARK = {"not_started": "⚪", "in_progress": "🟡", "done": "✅"}


@command("viec")
async def tasks_command(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/viec [kỳ]: the unit's tasks; the period is this quarter unless one is named."""
    ident = need_member(ctx)
    if isinstance(ident, list):
        return ident
    period = read_tasks_question(f"việc {inbound.arg}", ctx.now) if inbound.arg else None
    return await answer(ctx, period or quarter_of(ctx.now.astimezone(ctx.tz).date()))


@free_text
async def tasks_question(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """A question in words about the unit's work; anything else is left to other flows."""
    if ctx.identity is None or not inbound.text:
        return []
    period = read_tasks_question(inbound.text, ctx.now.astimezone(ctx.tz))
    return await answer(ctx, period) if period else []


def _local(value: datetime, ctx: Ctx) -> datetime:
    return value.replace(tzinfo=ctx.tz)


async def answer(ctx: Ctx, period: Period) -> list[Reply]:
    """Lead tasks, coordinated tasks, ongoing, overdue, then report deadlines in the period."""
    assert ctx.identity is not None
    unit = ctx.identity.unit
    start, end = _local(period.start, ctx), _local(period.end, ctx)
    dated = await unit_tasks(session=ctx.session, unit_id=unit.id, start=start, end=end)
    if period.due_only:
        dated = [ut for ut in dated if ut.task.ends_at and start < ut.task.ends_at <= end]
    ongoing = [] if period.due_only else await unit_tasks(session=ctx.session, unit_id=unit.id,
                                                          kinds=("ongoing", "on_demand"))
    overdue = await overdue_tasks(session=ctx.session, unit_id=unit.id, now=ctx.now)
    deadlines = await unit_deadlines(session=ctx.session, unit_id=unit.id, start=start, end=end)
    blocks = [t("tasks_header", unit=unit.name, period=period.label)]
    for role in ("lead", "coordinator"):
        mine = [ut for ut in dated if ut.link.role == role]
        if mine:
            blocks.append(t(f"tasks_{role}", n=len(mine)))
            for i, ut in enumerate(mine, start=1):
                due = f" – {ut.task.timeframe_text}" if ut.task.timeframe_text else ""
                left = f" ({days_left(ctx.now, ctx.tz, ut.task.ends_at)})" if ut.task.ends_at else ""
                mark = STATUS_MARK[ut.link.status]
                blocks.append(f"{i}. {mark} [{task_label(ut.task)}] {ut.task.content}{due}{left}")
    if ongoing:
        blocks.append(t("tasks_ongoing", n=len(ongoing)))
        blocks += [f"• [{task_label(ut.task)}] {one_line(ut.task.content)}"
                   + (f" ({t('on_demand_short')})" if ut.task.timeframe_kind == "on_demand" else "")
                   for ut in ongoing]
    late = [ut for ut in overdue if ut.task.ends_at and ut.task.ends_at <= ctx.now]
    if late:
        blocks.append(t("tasks_overdue", n=len(late)))
        blocks += [f"• ⚠️ [{task_label(ut.task)}] {one_line(ut.task.content)} – {ut.task.timeframe_text or ''}"
                   for ut in late]
    if deadlines:
        blocks.append(t("tasks_deadlines"))
        blocks += [_deadline_line(ctx, ud.deadline, ud.owed.submitted_at) for ud in deadlines]
    if len(blocks) == 1:
        blocks.append(t("tasks_none", unit=unit.name, period=period.label))
    else:
        blocks.append(t("tasks_footer"))
    return paged_reply(ctx, blocks)


def _deadline_line(ctx: Ctx, deadline: Deadline, submitted_at: datetime | None) -> str:
    due = deadline.due_text or (day(deadline.due_at, ctx.tz) if deadline.due_at else "")
    state = t("report_submitted", when=day(submitted_at, ctx.tz)) if submitted_at else (
        days_left(ctx.now, ctx.tz, deadline.due_at) if deadline.due_at else "")
    return f"• 📄 {one_line(deadline.what)} – {due} ({state})"
