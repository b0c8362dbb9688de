"""Conversation state rows: load one per event, write it back in the same transaction as the change.

A state belongs to one person in one chat, (channel, chat, user): in a chat shared by several
people nobody can continue somebody else's flow.

Two updates of one chat may be handled at once (PTB's concurrent updates, or two workers).
The state is therefore written only if it still has the version it was loaded with; the
loser gets StateConflict and the event is handled again from the start.
"""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, insert, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.dialects import upsert
from storage.models import ConversationState, InboundUpdate


class StateConflict(Exception):
    """Another event of the same chat changed its state first."""


async def load_state(*, session: AsyncSession, channel: str, chat_id: str, user_id: str) -> ConversationState:
    """The person's state in the chat as a detached copy (version 0 if none); `persist_state` writes it."""
    state = await session.get(ConversationState, (channel, chat_id, user_id))
    if state is None:
        return ConversationState(channel=channel, chat_id=chat_id, user_id=user_id, data={}, version=0)
    session.expunge(state)
    state.data = copy.deepcopy(state.data)
    return state


def save_state(*, session: AsyncSession, state: ConversationState, flow: str | None, step: str | None,
               data: dict[str, Any], now: datetime) -> None:
    """Change the state in memory; `data` is replaced whole. Written by `persist_state`."""
    state.flow, state.step, state.data = flow, step, dict(data)
    state.updated_at = now


def snapshot(state: ConversationState) -> tuple[Any, ...]:
    """What a change to the state is judged against (only a changed state is written)."""
    return state.flow, state.step, copy.deepcopy(state.data)


async def persist_state(*, session: AsyncSession, state: ConversationState, before: tuple[Any, ...]) -> None:
    """Write the state if it changed, on condition that nobody else wrote it since it was loaded."""
    if snapshot(state) == before:
        return
    values = {"flow": state.flow, "step": state.step, "data": state.data, "updated_at": state.updated_at,
              "version": state.version + 1}
    if state.version == 0:
        try:
            async with session.begin_nested():
                await session.exec(insert(ConversationState).values(
                    channel=state.channel, chat_id=state.chat_id, user_id=state.user_id, **values))
        except IntegrityError as exc:
            raise StateConflict from exc
    else:
        connection = await session.connection()
        result = await connection.execute(_STATE_UPDATE, {
            "key_channel": state.channel, "key_chat_id": state.chat_id, "key_user_id": state.user_id,
            "version_was": state.version, **{f"new_{name}": value for name, value in values.items()}})
        if result.rowcount != 1:
            raise StateConflict
    state.version += 1


# Built once: every event that changes its state runs it (bench/chat.py --profile).
_STATE_UPDATE = (
    update(ConversationState)
    .where(col(ConversationState.channel) == bindparam("key_channel"),
           col(ConversationState.chat_id) == bindparam("key_chat_id"),
           col(ConversationState.user_id) == bindparam("key_user_id"),
           col(ConversationState.version) == bindparam("version_was"))
    .values({name: bindparam(f"new_{name}") for name in ("flow", "step", "data", "updated_at", "version")}))

# Telegram redelivers an unacknowledged update for 24 hours at most: an older mark means nothing
# (the id may be reused after a week of quiet) and is pruned, every PRUNE_EVERY marks written.
REDELIVERY_WINDOW = timedelta(hours=24)
PRUNE_EVERY = 500


async def claim_update(*, session: AsyncSession, channel: str, bot_id: str, update_key: str, now: datetime,
                       prune_every: int = PRUNE_EVERY) -> bool:
    """Record an update as handled; False if this bot handled it within the last day (a redelivery).

    Part of the event's transaction, so the mark and the change commit together: a crash
    before commit leaves the update to be handled again, never half-done. One statement: an
    insert that, on a mark older than the redelivery window, takes the mark over instead
    (the id came again after a quiet spell: a new update). Every `prune_every`-th mark also
    deletes the marks past the window, so the table holds about a day of updates.
    """
    since = now - REDELIVERY_WINDOW
    statement = (upsert(session, InboundUpdate, channel=channel, bot_id=bot_id, update_key=update_key,
                        handled_at=now)
                 .on_conflict_do_update(index_elements=["channel", "bot_id", "update_key"],
                                        set_={"handled_at": now}, where=col(InboundUpdate.handled_at) < since)
                 .returning(col(InboundUpdate.id)))
    connection = await session.connection()
    row = (await connection.execute(statement)).first()
    if row is None:
        return False
    if prune_every > 0 and row[0] % prune_every == 0:
        await prune_updates(session=session, now=now)
    return True


async def prune_updates(*, session: AsyncSession, now: datetime) -> int:
    """Delete the handled marks older than the redelivery window; how many."""
    result = await session.exec(delete(InboundUpdate).where(col(InboundUpdate.handled_at) < now - REDELIVERY_WINDOW))
    return int(result.rowcount or 0)
