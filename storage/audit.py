"""Audit events: every change says who made it and when, and so does every look at personal data."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import AuditEvent


def record(*, session: AsyncSession, actor_id: int | None, action: str, subject: str | None = None,
           **detail: Any) -> None:
    """Add an audit row to the caller's transaction (it commits with the change it describes).

    `detail` holds ids, counts and codes, never names, phones or channel ids."""
    session.add(AuditEvent(actor_id=actor_id, action=action, subject=subject, detail=detail))


async def list_events(*, session: AsyncSession, action: str | None = None, actor_id: int | None = None,
                      since: datetime | None = None, until: datetime | None = None,
                      limit: int = 100) -> list[AuditEvent]:
    """The newest events first; `action` matches a prefix ("invite." for every invite event)."""
    query = select(AuditEvent)
    if action:
        query = query.where(col(AuditEvent.action).startswith(action))
    if actor_id is not None:
        query = query.where(AuditEvent.actor_id == actor_id)
    if since is not None:
        query = query.where(col(AuditEvent.at) >= since)
    if until is not None:
        query = query.where(col(AuditEvent.at) < until)
    return list((await session.exec(query.order_by(col(AuditEvent.id).desc()).limit(limit))).all())
