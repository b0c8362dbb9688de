"""/viec (/tasks) and plain questions ("quý này có việc gì?"): a unit's work for a period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.questions import Period, quarter_of, read_tasks_question
from domain.workload import UNDATED_KINDS, in_period, overdue
from handlers.formatting import day, days_left, one_line, task_label
from handlers.paging import paged_reply
from handlers.permissions import need_member
from handlers.registry import command, free_text
from handlers.texts import t
from handlers.types import Ctx, Inbound, Reply
from storage.plans import DeadlineView, UnitTask, deadlines_for_unit, unit_tasks
from storage.types import local_aware

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


async def answer(ctx: Ctx, period: Period) -> list[Reply]:
    """Lead tasks, coordinated tasks, ongoing, overdue, then report deadlines in the period."""
    assert ctx.identity is not None
    unit = ctx.identity.unit
    start, end = local_aware(period.start, ctx.tz), local_aware(period.end, ctx.tz)
    work = await fetch_workload(session=ctx.session, unit_id=ctx.identity.unit_id, start=start, end=end, now=ctx.now,
                                due_only=period.due_only)
    dated, ongoing, late, deadlines = work.dated, work.ongoing, work.late, work.deadlines
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
    if late:
        blocks.append(t("tasks_overdue", n=len(late)))
        blocks += [f"• ⚠️ [{task_label(ut.task)}] {one_line(ut.task.content)} – {ut.task.timeframe_text or ''}"
                   for ut in late]
    if deadlines:
        blocks.append(t("tasks_deadlines"))
        blocks += [_deadline_line(ctx, view) for view in deadlines]
    if len(blocks) == 1:
        blocks.append(t("tasks_none", unit=unit.name, period=period.label))
    else:
        blocks.append(t("tasks_footer"))
    return paged_reply(ctx, blocks)


@dataclass(frozen=True)
class Workload:
    """What an answer lists for a unit and a period."""

    dated: list[UnitTask]
    ongoing: list[UnitTask]
    late: list[UnitTask]
    deadlines: list[DeadlineView]


async def fetch_workload(*, session: AsyncSession, unit_id: int, start: datetime, end: datetime, now: datetime,
                         due_only: bool = False) -> Workload:
    """Two statements: every task of the unit (split here by the domain rules), and the deadlines.

    One query per list cost four round trips; fetching once and splitting halves the latency
    (bench/plans measures both)."""
    everything = await unit_tasks(session=session, unit_id=unit_id)
    dated = [ut for ut in everything if ut.task.timeframe_kind not in UNDATED_KINDS
             and in_period(ut.task.starts_at, ut.task.ends_at, start, end, due_only=due_only)]
    ongoing = [] if due_only else [ut for ut in everything if ut.task.timeframe_kind in UNDATED_KINDS]
    late = [ut for ut in everything if overdue(ut.task.ends_at, ut.link.status, now)]  # soonest end first
    deadlines = await deadlines_for_unit(session=session, unit_id=unit_id, start=start, end=end)
    return Workload(dated, ongoing, late, deadlines)


def _deadline_line(ctx: Ctx, view: DeadlineView) -> str:
    deadline = view.deadline
    due = deadline.due_text or (day(deadline.due_at, ctx.tz) if deadline.due_at else "")
    left = days_left(ctx.now, ctx.tz, deadline.due_at) if deadline.due_at else ""
    if view.owed is not None and view.owed.submitted_at is not None:
        state = t("report_submitted", when=day(view.owed.submitted_at, ctx.tz))
    elif view.owed is None:
        state = f"{t('report_receiving')}, {left}"
    else:
        state = left
    return f"• 📄 {one_line(deadline.what)} – {due} ({state})"
