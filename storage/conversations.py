"""Conversation state rows: load one per event, save it in the same transaction as the change."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import ConversationState, InboundUpdate


async def load_state(*, session: AsyncSession, channel: str, chat_id: str) -> ConversationState:
    """The chat's state row (a fresh, unsaved one for a new chat)."""
    state = await session.get(ConversationState, (channel, chat_id))
    return state or ConversationState(channel=channel, chat_id=chat_id, data={})


def save_state(*, session: AsyncSession, state: ConversationState, flow: str | None, step: str | None,
               data: dict[str, Any], now: datetime) -> None:
    """Write the next state; `data` is replaced whole so JSON changes are always seen."""
    state.flow, state.step, state.data = flow, step, dict(data)
    state.version = (state.version or 0) + 1
    state.updated_at = now
    session.add(state)


async def claim_update(*, session: AsyncSession, channel: str, update_key: str) -> bool:
    """Record an update as handled; False if it was handled before (a redelivery).

    Runs in a savepoint inside the event's transaction, so the mark and the change commit
    together: a crash before commit leaves the update to be handled again, never half-done.
    """
    try:
        async with session.begin_nested():
            session.add(InboundUpdate(channel=channel, update_key=update_key))
            await session.flush()
    except IntegrityError:
        return False
    return True
