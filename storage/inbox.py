"""Updates accepted but not yet handled, so that acknowledging fast never loses one.

Zalo delivers a webhook push once, and getUpdates hands an update out once: whatever we
acknowledged and then lost in a crash would be gone. The receiver stores the raw update here
and commits before it answers 200; the worker removes it once the replies are out. At start,
what is left is handled again (the claim in dispatch keeps that from answering twice).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.dialects import insert_ignoring_conflicts
from storage.models import ChannelInbox


async def inbox_put(*, session: AsyncSession, channel: str, update_key: str, payload: dict[str, Any],
                    now: datetime) -> bool:
    """Keep an update until it is handled; False if the same update is already waiting."""
    statement = insert_ignoring_conflicts(session, ChannelInbox, channel=channel, update_key=update_key,
                                          payload=payload, received_at=now).returning(ChannelInbox.id)
    connection = await session.connection()
    return (await connection.execute(statement)).first() is not None


async def inbox_waiting(*, session: AsyncSession, channel: str, limit: int = 1000) -> list[ChannelInbox]:
    """Updates left from before (a crash, a stop): oldest first."""
    return list((await session.exec(select(ChannelInbox).where(ChannelInbox.channel == channel)
                                    .order_by(col(ChannelInbox.id)).limit(limit))).all())


async def inbox_done(*, session: AsyncSession, channel: str, update_key: str) -> None:
    await session.exec(delete(ChannelInbox).where(
        col(ChannelInbox.channel) == channel, col(ChannelInbox.update_key) == update_key))
