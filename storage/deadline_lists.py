"""Deadlines listed for the people who follow them up: each with how many units owe it and how
many have submitted, in one statement (the command line's `deadline list`, the chat's picker)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Deadline, DeadlineUnit


@dataclass(frozen=True)
class DeadlineLine:
    deadline: Deadline
    owed: int
    submitted: int


async def list_deadlines(*, session: AsyncSession, include_cancelled: bool = False) -> list[DeadlineLine]:
    """Every deadline, soonest first (undated last); cancelled ones only when asked for."""
    query = (select(Deadline, func.count(col(DeadlineUnit.unit_id)), func.count(col(DeadlineUnit.submitted_at)))
             .outerjoin(DeadlineUnit, col(DeadlineUnit.deadline_id) == col(Deadline.id))
             .group_by(col(Deadline.id))
             .order_by(col(Deadline.due_at).is_(None), col(Deadline.due_at), col(Deadline.id)))
    if not include_cancelled:
        query = query.where(col(Deadline.cancelled_at).is_(None))
    return [DeadlineLine(d, owed, done) for d, owed, done in (await session.exec(query)).all()]
