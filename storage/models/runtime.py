"""What the running bot keeps: conversations, processed updates, the reminder outbox, audit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.base import aware_field, created_at_field

# pending → claimed (taken by a dispatcher, not sent) → sending (the request is going out) → sent;
# or skipped / failed / unreachable / uncertain / undeliverable (no channel could take it: a Zalo
# bot's monthly budget spent and no Telegram account), each with a reason. `claimed` after a crash goes
# back to pending (never sent); `sending` after a crash is uncertain (it may have arrived).
OUTBOX_STATES = ("pending", "claimed", "sending", "sent", "skipped", "failed", "unreachable", "uncertain",
                 "undeliverable")
FINAL_STATES = ("sent", "skipped", "failed", "unreachable", "uncertain", "undeliverable")


class ConversationState(SQLModel, table=True):
    """Where one person is in a flow in one chat; kept in the database so a restart or a second
    worker resumes it. Keyed by the person too, so that nobody else in the chat can continue it."""

    channel: str = Field(max_length=16, primary_key=True)
    chat_id: str = Field(max_length=64, primary_key=True)
    user_id: str = Field(max_length=64, primary_key=True)
    flow: str | None = Field(default=None, max_length=40)
    step: str | None = Field(default=None, max_length=40)
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    version: int = Field(default=0)
    updated_at: datetime = created_at_field()


class InboundUpdate(SQLModel, table=True):
    """An update already handled: a redelivered one is recognised and not handled twice.

    Keyed by the bot too: update ids are numbered per bot, so another token on the same database
    (or a self-hosted Bot API server that starts its ids again) brings new updates, not repeats.
    Marks older than a day mean nothing (Telegram redelivers for 24 hours at most) and are pruned.
    """

    __table_args__ = (UniqueConstraint("channel", "bot_id", "update_key"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    bot_id: str = Field(default="", max_length=64)
    update_key: str = Field(max_length=64)
    handled_at: datetime = aware_field(nullable=False, index=True)


class ReminderOutbox(SQLModel, table=True):
    """One message to one person: a reminder round, an announcement or a manual nudge.

    The row is for a member, not an account: the account (and so the channel) is chosen when
    it is sent (storage.outbox.pick_account) and recorded then. (reminder_key, member_id) is
    unique, so planning the same round twice, or by two workers, adds nothing. Every row ends
    in a state with a reason: sent, skipped, failed, unreachable or uncertain.
    """

    __table_args__ = (
        UniqueConstraint("reminder_key", "member_id"),
        Index("ix_reminderoutbox_due", "state", "send_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    reminder_key: str = Field(max_length=200)
    member_id: int = Field(foreign_key="member.id", index=True)
    kind: str = Field(max_length=20)
    subject: str = Field(max_length=40, index=True)  # "meeting:12", "deadline:5", "unit:3" (digest)
    unit_id: int | None = Field(default=None, foreign_key="unit.id")  # the unit the message is about
    final: bool = Field(default=False)  # the last round before a cutoff or deadline: never muted
    text: str | None = Field(default=None, max_length=4000)  # fixed text (announcements, nudges)
    send_at: datetime = aware_field(nullable=False)
    not_after: datetime | None = aware_field()  # past this it no longer makes sense: skipped
    state: str = Field(default="pending", max_length=16)
    reason: str | None = Field(default=None, max_length=500)
    attempts: int = Field(default=0)
    account_id: int | None = Field(default=None, foreign_key="channelaccount.id")
    channel: str | None = Field(default=None, max_length=16)
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_at: datetime | None = aware_field()
    sent_at: datetime | None = aware_field()
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()


class AuditEvent(SQLModel, table=True):
    """Who changed what, and when."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = created_at_field()
    actor_id: int | None = Field(default=None, foreign_key="member.id", index=True)
    action: str = Field(max_length=60, index=True)
    subject: str | None = Field(default=None, max_length=120)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
