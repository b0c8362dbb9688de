"""Conversation state rows: load one per event, write it back in the same transaction as the change.

Two updates of one chat may be handled at once (PTB's concurrent updates, or two workers).
The state is therefore written only if it still has the version it was loaded with; the
loser gets StateConflict and the event is handled again from the start.
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.dialects import insert_ignoring_conflicts
from storage.models import ConversationState, InboundUpdate


class StateConflict(Exception):
    """Another event of the same chat changed its state first."""


async def load_state(*, session: AsyncSession, channel: str, chat_id: str) -> ConversationState:
    """The chat's state as a detached copy (version 0 for a new chat); `persist_state` writes it."""
    state = await session.get(ConversationState, (channel, chat_id))
    if state is None:
        return ConversationState(channel=channel, chat_id=chat_id, data={}, version=0)
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
                    channel=state.channel, chat_id=state.chat_id, **values))
        except IntegrityError as exc:
            raise StateConflict from exc
    else:
        connection = await session.connection()
        result = await connection.execute(_STATE_UPDATE, {
            "key_channel": state.channel, "key_chat_id": state.chat_id, "version_was": state.version,
            **{f"new_{name}": value for name, value in values.items()}})
        if result.rowcount != 1:
            raise StateConflict
    state.version += 1


# Built once: every event that changes its state runs it (bench/chat.py --profile).
_STATE_UPDATE = (
    update(ConversationState)
    .where(col(ConversationState.channel) == bindparam("key_channel"),
           col(ConversationState.chat_id) == bindparam("key_chat_id"),
           col(ConversationState.version) == bindparam("version_was"))
    .values({name: bindparam(f"new_{name}") for name in ("flow", "step", "data", "updated_at", "version")}))


async def claim_update(*, session: AsyncSession, channel: str, update_key: str, now: datetime) -> bool:
    """Record an update as handled; False if it was handled before (a redelivery).

    Part of the event's transaction, so the mark and the change commit together: a crash
    before commit leaves the update to be handled again, never half-done. One statement
    (INSERT … ON CONFLICT DO NOTHING) rather than a savepoint and a flush.
    """
    connection = await session.connection()
    values = {"channel": channel, "update_key": update_key, "handled_at": now}
    return (await connection.execute(_claim_statement(session), values)).first() is not None


_CLAIMS: dict[str, Any] = {}


def _claim_statement(session: AsyncSession) -> Any:
    """The claim INSERT, built once per engine kind: every event runs it (bench/chat.py --profile)."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    if dialect not in _CLAIMS:
        _CLAIMS[dialect] = insert_ignoring_conflicts(
            session, InboundUpdate, channel=bindparam("channel"), update_key=bindparam("update_key"),
            handled_at=bindparam("handled_at")).returning(col(InboundUpdate.id))
    return _CLAIMS[dialect]
