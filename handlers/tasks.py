"""/viec (/tasks) and plain questions ("quý này có việc gì?", read by the intent layer): a unit's work for a period.

Read on a phone: what needs action first (overdue, then due soon, then the rest), one short
numbered line per task, and "xem 3" opens task 3 in full (handlers/task_detail.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.petitions import label
from domain.questions import Period, plan_year, quarter_of, read_period
from domain.workload import UNDATED_KINDS, due_soon, in_period, overdue, overlaps, owed_report
from handlers.engine import set_state
from handlers.formatting import day, days_left, one_line, task_label
from handlers.paging import paged_reply
from handlers.permissions import need_member
from handlers.petition_messages import field_name
from handlers.petitions_view import due_day
from handlers.registry import command, flow
from handlers.texts import t
from handlers.types import Choice, Ctx, Inbound, Reply
from storage.petitions import PetitionLine, assigned_petitions
from storage.plans import DeadlineView, UnitTask, deadlines_for_unit, unit_tasks
from storage.types import local_aware

STATUS_MARK = {"not_started": "⚪", "in_progress": "🟡", "done": "✅"}
SHORT_TITLE = 70
YEAR_FLOW = "tasks_year"
OPEN_KIND = "task"


@command("viec")
async def tasks_command(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/viec [kỳ]: the unit's tasks; the period is this quarter unless one is named."""
    ident = need_member(ctx)
    if isinstance(ident, list):
        return ident
    local_now = ctx.now.astimezone(ctx.tz)
    period = read_period(inbound.arg, local_now) if inbound.arg.strip() else quarter_of(local_now.date())
    return await answer(ctx, period)


async def answer(ctx: Ctx, period: Period) -> list[Reply]:
    """The period's work, once it is clear which period (and which year) is meant."""
    assert ctx.identity is not None
    if period.unclear:
        return [Reply(t("tasks_unclear", typed=period.unclear))]
    if period.next_year is not None:
        everything = await unit_tasks(session=ctx.session, unit_id=ctx.identity.unit_id)
        which = plan_year(work_this_year=_works_in(ctx, everything, period.start.year),
                          work_next_year=_works_in(ctx, everything, period.next_year.start.year))
        if which == "ask":
            set_state(ctx, YEAR_FLOW, "ask", {"periods": [_saved(period), _saved(period.next_year)]})
            return [Reply(t("tasks_which_year", this=period.label, next=period.next_year.label),
                          [Choice("y0", period.label), Choice("y1", period.next_year.label)])]
        period = period.next_year if which == "next" else period
    return await _listing(ctx, period)


def _works_in(ctx: Ctx, everything: list[UnitTask], year: int) -> bool:
    start, end = local_aware(datetime(year, 1, 1), ctx.tz), local_aware(datetime(year + 1, 1, 1), ctx.tz)
    return any(overlaps(ut.task.starts_at, ut.task.ends_at, start, end) for ut in everything)


def _saved(period: Period) -> dict[str, str]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.label}


@flow(YEAR_FLOW)
async def year_chosen(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """The person said which year a period named without one meant."""
    periods: list[dict[str, str]] = ctx.data.get("periods", [])
    index = {"y0": 0, "y1": 1}.get(inbound.choice or "")
    if index is None or index >= len(periods):
        return [Reply(t("tasks_which_year_again", options=" hoặc ".join(p["label"] for p in periods)),
                      [Choice(f"y{i}", p["label"]) for i, p in enumerate(periods)])]
    chosen = periods[index]
    set_state(ctx, None, None, {})
    return await _listing(ctx, Period(datetime.fromisoformat(chosen["start"]), datetime.fromisoformat(chosen["end"]),
                                      chosen["label"]))


async def _listing(ctx: Ctx, period: Period) -> list[Reply]:
    """Overdue, due soon, lead, coordinated, ongoing (lead, coordinated), then report deadlines."""
    assert ctx.identity is not None
    unit = ctx.identity.unit
    start, end = local_aware(period.start, ctx.tz), local_aware(period.end, ctx.tz)
    work = await fetch_workload(session=ctx.session, unit_id=ctx.identity.unit_id, start=start, end=end, now=ctx.now,
                                due_only=period.due_only)
    late_ids = {ut.link.task_id for ut in work.late}
    soon = [] if period.due_only else [ut for ut in work.dated if ut.link.task_id not in late_ids
                                       and due_soon(ut.task.ends_at, ut.link.status, ctx.now)]
    shown = late_ids | {ut.link.task_id for ut in soon}
    rest = [ut for ut in work.dated if ut.link.task_id not in shown]
    groups: list[tuple[str, list[UnitTask], bool]] = [
        (t("tasks_overdue", n=len(work.late)), work.late, True),
        (t("tasks_soon", n=len(soon)), soon, True),
    ]
    for role in ("lead", "coordinator"):
        groups.append((t(f"tasks_{role}", n=0), [ut for ut in rest if ut.link.role == role], False))
    for role in ("lead", "coordinator"):
        groups.append((t(f"tasks_ongoing_{role}", n=0), [ut for ut in work.ongoing if ut.link.role == role], False))
    blocks = [t("tasks_header", unit=unit.name, period=period.label)]
    items: dict[str, int] = {}
    for header, tasks, with_role in groups:
        if not tasks:
            continue
        blocks.append(header.replace("(0)", f"({len(tasks)})"))
        for ut in tasks:
            number = len(items) + 1
            items[str(number)] = ut.link.task_id
            blocks.append(_task_line(ctx, number, ut, with_role))
    if work.deadlines:
        blocks.append(t("tasks_deadlines"))
        blocks += [_deadline_line(ctx, view) for view in work.deadlines]
    if work.petitions:
        blocks.append(t("tasks_petitions", n=len(work.petitions)))
        blocks += [_petition_line(ctx, line) for line in work.petitions]
    if len(blocks) == 1:
        blocks.append(t("tasks_none", unit=unit.name, period=period.label))
        return paged_reply(ctx, blocks)
    blocks.append(t("tasks_footer_open" if items else "tasks_footer"))
    return paged_reply(ctx, blocks, items, OPEN_KIND)


def _task_line(ctx: Ctx, number: int, ut: UnitTask, with_role: bool) -> str:
    """'3. 🟡 [2.đ] Xây dựng, góp ý tiêu chuẩn… · chủ trì – Quý IV/2026 (còn 5 ngày làm việc)'."""
    task = ut.task
    role = f" · {t('role_' + ut.link.role)}" if with_role else ""
    due = f" – {one_line(task.timeframe_text, 30)}" if task.timeframe_text else ""
    if task.timeframe_kind == "on_demand" and not due:
        due = f" ({t('on_demand_short')})"
    dated = task.ends_at is not None and task.timeframe_kind not in UNDATED_KINDS
    left = f" ({days_left(ctx.now, ctx.tz, task.ends_at)})" if dated and task.ends_at else ""
    title = one_line(task.content, SHORT_TITLE)
    return f"{number}. {STATUS_MARK[ut.link.status]} [{task_label(task)}] {title}{role}{due}{left}"


@dataclass(frozen=True)
class Workload:
    """What an answer lists for a unit and a period."""

    dated: list[UnitTask]
    ongoing: list[UnitTask]
    late: list[UnitTask]
    deadlines: list[DeadlineView]
    petitions: list[PetitionLine] = field(default_factory=list)  # assigned to the unit, not answered yet


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
    petitions = await assigned_petitions(session=session, unit_id=unit_id, waiting_only=True)
    return Workload(dated, ongoing, late, deadlines, petitions)


def _deadline_line(ctx: Ctx, view: DeadlineView) -> str:
    """A unit that owes the report sees the report to send; the receiving unit, the plan's words."""
    deadline = view.deadline
    due = deadline.due_text or (day(deadline.due_at, ctx.tz) if deadline.due_at else "")
    left = days_left(ctx.now, ctx.tz, deadline.due_at) if deadline.due_at else ""
    if view.owed is not None and view.owed.submitted_at is not None:
        state = t("report_submitted", when=day(view.owed.submitted_at, ctx.tz))
    elif view.owed is None:
        state = f"{t('report_receiving')}, {left}"
    else:
        state = left
    what = owed_report(deadline.what) if view.owed is not None else deadline.what
    return f"• 📄 {one_line(what, SHORT_TITLE + 20)} – {due} ({state})"


def _petition_line(ctx: Ctx, line: PetitionLine) -> str:
    """'• 💬 KN-12-03 · Đo lường – nội dung… (hạn 28/04/2026, còn 3 ngày làm việc)': a petition to answer."""
    p = line.petition
    due = f" ({t('pet_short_due', due=due_day(p.answer_due, ctx.tz))}, " \
          f"{days_left(ctx.now, ctx.tz, p.answer_due)})" if p.answer_due else ""
    return f"• 💬 {label(p.meeting_id, p.number)} · {field_name(p.field)} – {one_line(p.content, SHORT_TITLE)}{due}"
