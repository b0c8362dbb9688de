"""Audit events: every change says who made it and when."""

from __future__ import annotations

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import AuditEvent


def record(*, session: AsyncSession, actor_id: int | None, action: str, subject: str | None = None,
           **detail: Any) -> None:
    """Add an audit row to the caller's transaction (it commits with the change it describes)."""
    session.add(AuditEvent(actor_id=actor_id, action=action, subject=subject, detail=detail))
