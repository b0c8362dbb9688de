"""Recurring deadlines roll: once an occurrence's due moment has passed, the next one is stored.

Each occurrence is its own row (so who submitted stays with the occurrence it was for), in the
series of the first (`series_id` = the first row's id), owed by the same units. The roll runs in
the planner's sweep; it is safe to run from two workers at once: (series_id, due_at) is unique,
and the insert runs in a savepoint, so the one that loses the race stores nothing and goes on.
A cancelled latest occurrence ends its series: nothing rolls from it.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import String, cast, exists, func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.recurrence import Recurrence, next_due
from domain.recurrence_words import occurrence_words
from storage.audit import record
from storage.models import Deadline, DeadlineUnit, saved_id
from storage.types import local_aware

# A series more than this many occurrences behind (the planner stopped for years) rolls over several sweeps.
MAX_ROLLS_PER_SWEEP = 24
# Copied to the next occurrence as they are; the due moment, its words and the series are new, and the
# data cut-off ("số liệu tính đến 30/4/2026") belongs to one occurrence only.
_KEPT = ("plan_id", "meeting_id", "what", "to_unit_id", "to_text", "source", "title", "document_number",
         "source_name", "text_hash", "owed_text", "owed_unmatched", "address", "email", "contact", "recurrence",
         "created_by")


async def due_to_roll(*, session: AsyncSession, now: datetime) -> list[Deadline]:
    """The latest occurrence of every live recurring series whose due moment is not after `now`."""
    later = aliased(Deadline)
    series = func.coalesce(col(Deadline.series_id), col(Deadline.id))
    # The rule is JSON: a one-off deadline holds JSON null or SQL NULL, both read here as 'null'.
    recurring = func.coalesce(cast(col(Deadline.recurrence), String), "null") != "null"
    query = (select(Deadline)
             .where(col(Deadline.cancelled_at).is_(None), col(Deadline.due_at) <= now, recurring,
                    ~exists().where(func.coalesce(later.series_id, later.id) == series,
                                    col(later.due_at) > col(Deadline.due_at)))
             .order_by(col(Deadline.id)))
    return list((await session.exec(query)).all())


async def add_occurrence(*, session: AsyncSession, previous: Deadline, due_at: datetime,
                         due_text: str | None) -> Deadline | None:
    """Store the occurrence after `previous`, owed by the same units; None when it is stored already
    (another worker rolled the series first)."""
    owed = (await session.exec(select(DeadlineUnit.unit_id)
                               .where(DeadlineUnit.deadline_id == saved_id(previous)))).all()
    row = Deadline(**{name: getattr(previous, name) for name in _KEPT},
                   series_id=previous.series_id or previous.id, due_at=due_at, due_text=due_text)
    try:
        async with session.begin_nested():
            session.add(row)
            await session.flush()
            for unit_id in owed:
                session.add(DeadlineUnit(deadline_id=saved_id(row), unit_id=unit_id))
            record(session=session, actor_id=None, action="deadline.roll", subject=f"deadline:{row.id}",
                   previous=saved_id(previous))
            await session.flush()
    except IntegrityError:
        return None
    return row


async def roll_series(*, session: AsyncSession, now: datetime, tz: ZoneInfo) -> list[Deadline]:
    """Roll every series whose latest occurrence has passed, up to the first occurrence after `now`
    (flushed, not committed); returns the occurrences this call stored."""
    stored: list[Deadline] = []
    for _ in range(MAX_ROLLS_PER_SWEEP):
        rolled = False
        for previous in await due_to_roll(session=session, now=now):
            assert previous.due_at is not None and previous.recurrence is not None
            rule = Recurrence.from_json(previous.recurrence)
            end = next_due(rule, previous.due_at.astimezone(tz).replace(tzinfo=None))
            row = await add_occurrence(session=session, previous=previous, due_at=local_aware(end, tz),
                                       due_text=occurrence_words(rule, end))
            if row is not None:
                stored.append(row)
                rolled = True
        if not rolled:
            break
    return stored
