"""What the running bot keeps: conversations, processed updates, the reminder outbox, audit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.base import aware_field, created_at_field

OUTBOX_STATES = ("pending", "claimed", "sent", "failed", "ambiguous", "unreachable")


class ConversationState(SQLModel, table=True):
    """Where a chat is in a flow; kept in the database so a restart or a second worker resumes it."""

    channel: str = Field(max_length=16, primary_key=True)
    chat_id: str = Field(max_length=64, primary_key=True)
    flow: str | None = Field(default=None, max_length=40)
    step: str | None = Field(default=None, max_length=40)
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    version: int = Field(default=0)
    updated_at: datetime = created_at_field()


class InboundUpdate(SQLModel, table=True):
    """An update already handled: a redelivered one is recognised and not handled twice."""

    __table_args__ = (UniqueConstraint("channel", "update_key"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    update_key: str = Field(max_length=64)
    handled_at: datetime = created_at_field()


class ReminderOutbox(SQLModel, table=True):
    """One reminder to one recipient; the unique key stops a reminder going out twice."""

    __table_args__ = (UniqueConstraint("reminder_key", "recipient_id"),)

    id: int | None = Field(default=None, primary_key=True)
    reminder_key: str = Field(max_length=200)
    recipient_id: int = Field(foreign_key="channelaccount.id", index=True)
    text: str = Field(default="", max_length=4000)
    due_at: datetime = aware_field(nullable=False, index=True)
    state: str = Field(default="pending", max_length=16, index=True)
    attempts: int = Field(default=0)
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_at: datetime | None = aware_field()
    sent_at: datetime | None = aware_field()
    last_error: str | None = Field(default=None, max_length=500)
    created_at: datetime = created_at_field()


class AuditEvent(SQLModel, table=True):
    """Who changed what, and when."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = created_at_field()
    actor_id: int | None = Field(default=None, foreign_key="member.id", index=True)
    action: str = Field(max_length=60, index=True)
    subject: str | None = Field(default=None, max_length=120)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
