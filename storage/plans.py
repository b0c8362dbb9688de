"""Plans, their tasks and deadlines: storing a read plan, and the questions units ask of it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import insert, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.documents import DeadlineDoc, PlanDoc, TaskDoc, UnitIndex, UnitRef, read_plan
from domain.errors import Conflict
from domain.text import fold
from storage.audit import record
from storage.models import Deadline, DeadlineUnit, Plan, Task, TaskUnit, Unit, saved_id
from storage.types import LOCAL_TZ, local_aware


@dataclass
class ImportReport:
    """What an import stored, and the names it could not place in the unit directory."""

    plan: Plan
    tasks: int = 0
    deadlines: int = 0
    links: int = 0
    unmatched: list[str] = field(default_factory=list)


async def unit_index(*, session: AsyncSession) -> UnitIndex:
    """The unit directory prepared for matching names as documents write them."""
    rows = (await session.exec(select(Unit))).all()
    return UnitIndex(UnitRef(saved_id(u), u.kind, u.name, tuple(u.short_names)) for u in rows)


def _match_all(index: UnitIndex, names: Sequence[str], unmatched: list[str]) -> list[int]:
    ids: list[int] = []
    for written in names:
        match = index.match(written)
        if match.status == "unmatched":
            unmatched.append(written)
        ids.extend(i for i in match.unit_ids if i not in ids)
    return ids


async def find_existing_plan(*, session: AsyncSession, doc: PlanDoc) -> Plan | None:
    """A plan already stored from the same document: the same text (its fingerprint), or the same
    number or title in the same year. Re-importing must not duplicate, and a plan whose title the
    reader did not find is still recognised by its text. A number without digits ("Số: /KH-SKHCN",
    a draft not yet numbered) names no document."""
    if doc.text_hash:
        same_text = (await session.exec(select(Plan).where(Plan.text_hash == doc.text_hash))).first()
        if same_text is not None:
            return same_text
    rows = (await session.exec(select(Plan).where(Plan.year == doc.year))).all()
    number = fold(doc.number) if doc.number and any(c.isdigit() for c in doc.number) else None
    return next((p for p in rows if (number and p.number and fold(p.number) == number)
                 or (doc.title and fold(p.title) == fold(doc.title))), None)


async def store_plan(*, session: AsyncSession, doc: PlanDoc, source_name: str | None, actor_id: int | None = None,
                     tz: ZoneInfo = LOCAL_TZ) -> ImportReport:
    """Write a read plan: the plan, each task with its lead and coordinating units, each deadline
    with the units that owe it. Names that match no unit are kept on the task and reported.

    Raises Conflict("plan_exists", id=…) for a plan already stored (find_existing_plan), also when
    another import of the same text committed between the check and the insert (the unique
    fingerprint refuses the second)."""
    existing = await find_existing_plan(session=session, doc=doc)
    if existing is not None:
        raise Conflict("plan_exists", id=existing.id, title=existing.title)
    index = await unit_index(session=session)
    plan = Plan(number=doc.number, title=doc.title or (source_name or "Kế hoạch"), issuer=doc.issuer,
                year=doc.year, budget=doc.budget_text, budget_amount=doc.budget_amount,
                legal_basis=list(doc.legal_basis), source_name=source_name, text_hash=doc.text_hash)
    try:
        async with session.begin_nested():
            session.add(plan)
            await session.flush()
    except IntegrityError as err:
        other = await find_existing_plan(session=session, doc=doc)
        shown = other or plan
        raise Conflict("plan_exists", id=shown.id or "?", title=shown.title) from err
    report = ImportReport(plan)
    # Tasks in one flush and their unit links in one executemany: a 300-task plan has ~10,000
    # links, and one ORM object and one round trip each made the import take seconds.
    tasks, unit_lists = [], []
    for position, task_doc in enumerate(doc.tasks, start=1):
        task, roles = _task_row(plan, position, task_doc, index, report.unmatched, tz)
        tasks.append(task)
        unit_lists.append(roles)
    session.add_all(tasks)
    await session.flush()
    links = [{"task_id": task.id, "unit_id": unit_id, "role": role, "status": "not_started"}
             for task, roles in zip(tasks, unit_lists, strict=True) for unit_id, role in roles]
    if links:
        connection = await session.connection()
        await connection.execute(insert(TaskUnit), links)
    report.tasks, report.links = len(tasks), len(links)
    for deadline_doc in doc.deadlines:
        await _store_deadline(session, plan, deadline_doc, index, report.unmatched, tz)
        report.deadlines += 1
    record(session=session, actor_id=actor_id, action="plan.import", subject=f"plan:{plan.id}",
           tasks=report.tasks, deadlines=report.deadlines, unmatched=sorted(set(report.unmatched)))
    await session.flush()
    return report


def _task_row(plan: Plan, position: int, doc: TaskDoc, index: UnitIndex, unmatched: list[str],
              tz: ZoneInfo) -> tuple[Task, list[tuple[int, str]]]:
    """The task row and its (unit, role) links; a unit that leads is not also listed as coordinating."""
    missing: list[str] = []
    leads = _match_all(index, doc.lead, missing)
    coordinators = [i for i in _match_all(index, doc.coordinators, missing) if i not in leads]
    unmatched.extend(missing)
    expr = doc.timeframe
    task = Task(plan_id=saved_id(plan), position=position, section=doc.section, number=doc.number,
                content=doc.content, expected_result=doc.expected_result, timeframe_text=doc.timeframe_text,
                timeframe_kind=expr.kind if expr else "unknown",
                starts_at=local_aware(expr.start if expr else None, tz),
                ends_at=local_aware(expr.end if expr else None, tz),
                units_unmatched=missing)
    return task, [(i, "lead") for i in leads] + [(i, "coordinator") for i in coordinators]


async def _store_deadline(session: AsyncSession, plan: Plan, doc: DeadlineDoc, index: UnitIndex,
                          unmatched: list[str], tz: ZoneInfo) -> None:
    to_match = index.match(doc.to) if doc.to else None
    if doc.to and to_match and to_match.status == "unmatched":
        unmatched.append(doc.to)
    deadline = Deadline(plan_id=plan.id, what=doc.what, due_text=doc.due_text,
                        due_at=local_aware(doc.due_at, tz),
                        to_unit_id=to_match.unit_id if to_match else None, to_text=doc.to)
    session.add(deadline)
    await session.flush()
    # "Các phòng … gửi báo cáo về Phòng TĐC": the receiving unit is in the group but owes itself nothing.
    for unit_id in _match_all(index, doc.owed_by, unmatched):
        if unit_id != deadline.to_unit_id:
            session.add(DeadlineUnit(deadline_id=saved_id(deadline), unit_id=unit_id))


async def import_plan_text(*, session: AsyncSession, text: str, source_name: str | None, now: datetime,
                           actor_id: int | None = None) -> Plan:
    """Read and store a plan given as text (the demo loads the seed plan this way)."""
    return (await store_plan(session=session, doc=read_plan(text), source_name=source_name,
                             actor_id=actor_id)).plan


@dataclass(frozen=True)
class UnitTask:
    """A task as one unit sees it: its role and its own progress."""

    task: Task
    link: TaskUnit


async def unit_tasks(*, session: AsyncSession, unit_id: int) -> list[UnitTask]:
    """Every task the unit leads or coordinates, with its progress, soonest end first.

    Which of them an answer lists (this quarter, ongoing, overdue) is decided by
    domain.workload, not here."""
    rows = (await session.exec(
        select(Task, TaskUnit).join(TaskUnit, col(TaskUnit.task_id) == col(Task.id))
        .where(TaskUnit.unit_id == unit_id)
        .order_by(col(Task.ends_at), col(Task.plan_id), col(Task.position)))).all()
    return [UnitTask(task, link) for task, link in rows]


@dataclass(frozen=True)
class DeadlineView:
    """A deadline as one unit sees it: what it owes (`owed`), or that it receives the reports."""

    deadline: Deadline
    owed: DeadlineUnit | None
    receives: bool


async def deadlines_for_unit(*, session: AsyncSession, unit_id: int, start: datetime, end: datetime
                             ) -> list[DeadlineView]:
    """Deadlines due in (start, end] that the unit owes or receives, in one statement; not cancelled ones."""
    rows = (await session.exec(
        select(Deadline, DeadlineUnit)
        .outerjoin(DeadlineUnit, (col(DeadlineUnit.deadline_id) == col(Deadline.id))
                   & (col(DeadlineUnit.unit_id) == unit_id))
        .where(col(Deadline.due_at) > start, col(Deadline.due_at) <= end, col(Deadline.cancelled_at).is_(None),
               or_(col(DeadlineUnit.unit_id).is_not(None), col(Deadline.to_unit_id) == unit_id))
        .order_by(col(Deadline.due_at)))).all()
    return [DeadlineView(d, owed, d.to_unit_id == unit_id) for d, owed in rows]


async def deadlines_visible_to(*, session: AsyncSession, unit_id: int, everyone: bool) -> list[Deadline]:
    """Deadlines a unit may look at: those it owes or receives, or all of them (organisers); a
    cancelled one is no longer listed."""
    query = select(Deadline).where(col(Deadline.cancelled_at).is_(None)).order_by(col(Deadline.due_at))
    if not everyone:
        owed = select(DeadlineUnit.deadline_id).where(DeadlineUnit.unit_id == unit_id)
        query = query.where(or_(col(Deadline.id).in_(owed), col(Deadline.to_unit_id) == unit_id))
    return list((await session.exec(query)).all())


async def task_units(*, session: AsyncSession, task_id: int) -> list[tuple[TaskUnit, Unit]]:
    """Every unit on a task with its role and progress, leads first."""
    rows = (await session.exec(
        select(TaskUnit, Unit).join(Unit, col(Unit.id) == col(TaskUnit.unit_id))
        .where(TaskUnit.task_id == task_id).order_by(col(TaskUnit.role).desc(), Unit.name))).all()
    return [(link, unit) for link, unit in rows]


async def set_progress(*, session: AsyncSession, task_id: int, unit_id: int, status: str, note: str | None,
                       file_ref: str | None, actor_id: int, now: datetime) -> TaskUnit:
    """A unit's progress on a task it leads or coordinates; other units cannot mark it."""
    from domain.errors import NotAllowed
    from storage.models.plans import PROGRESS

    if status not in PROGRESS:
        raise ValueError(status)
    link = await session.get(TaskUnit, (task_id, unit_id))
    if link is None:
        raise NotAllowed("not_your_task")
    link.status, link.note, link.file_ref = status, note, file_ref
    link.updated_at, link.updated_by = now, actor_id
    session.add(link)
    record(session=session, actor_id=actor_id, action="task.progress", subject=f"task:{task_id}",
           unit_id=unit_id, status=status)
    await session.flush()
    return link


async def deadline_status(*, session: AsyncSession, deadline_id: int) -> list[tuple[DeadlineUnit, Unit]]:
    """Every unit that owes a deadline, submitted or not, by name."""
    rows = (await session.exec(
        select(DeadlineUnit, Unit).join(Unit, col(Unit.id) == col(DeadlineUnit.unit_id))
        .where(DeadlineUnit.deadline_id == deadline_id).order_by(Unit.name))).all()
    return [(owed, unit) for owed, unit in rows]


async def submit_report(*, session: AsyncSession, deadline_id: int, unit_id: int, note: str | None,
                        file_ref: str | None, actor_id: int, now: datetime) -> DeadlineUnit:
    """Mark the unit's report for a deadline submitted (again: the latest note and file win)."""
    from domain.errors import NotAllowed

    owed = await session.get(DeadlineUnit, (deadline_id, unit_id))
    if owed is None:
        raise NotAllowed("not_your_deadline")
    owed.submitted_at, owed.note, owed.file_ref, owed.submitted_by = now, note, file_ref, actor_id
    session.add(owed)
    record(session=session, actor_id=actor_id, action="deadline.submit", subject=f"deadline:{deadline_id}",
           unit_id=unit_id)
    await session.flush()
    return owed


async def list_plans(*, session: AsyncSession) -> list[Plan]:
    return list((await session.exec(select(Plan).order_by(col(Plan.id).desc()))).all())


async def plan_tasks(*, session: AsyncSession, plan_id: int) -> list[Task]:
    return list((await session.exec(select(Task).where(Task.plan_id == plan_id).order_by(col(Task.position)))).all())
