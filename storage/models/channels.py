"""What channels need beyond conversations: account links, download links, budgets, the inbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.base import aware_field, created_at_field


class LinkCode(SQLModel, table=True):
    """A short one-time code that adds a second channel account (Zalo, Telegram) to a member.

    Only a hash is stored, like invites; it expires within minutes and is used once.
    """

    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(max_length=64, unique=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    channel: str = Field(max_length=16)  # where it was issued; it is redeemed on another channel
    expires_at: datetime = aware_field(nullable=False)
    used_at: datetime | None = aware_field()
    created_at: datetime = created_at_field()


class Download(SQLModel, table=True):
    """A file offered by link on a channel that cannot send files (Zalo): random, short-lived, few uses."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    name: str = Field(max_length=200)
    mime: str = Field(max_length=120)
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    member_id: int | None = Field(default=None, foreign_key="member.id", index=True)
    expires_at: datetime = aware_field(nullable=False, index=True)
    uses_left: int = Field(default=3)
    created_at: datetime = created_at_field()


class MessageBudget(SQLModel, table=True):
    """Proactive messages sent by one bot in one month, against the plan's cap."""

    channel: str = Field(max_length=16, primary_key=True)
    bot_key: str = Field(max_length=64, primary_key=True)
    month: str = Field(max_length=7, primary_key=True)  # "2026-05", in the bot's local time
    used: int = Field(default=0)
    warned_at: datetime | None = aware_field()  # organisers told of 80% used
    spent_at: datetime | None = aware_field()  # organisers told the budget is spent


class ChannelInbox(SQLModel, table=True):
    """An update accepted (answered 200) but not yet fully handled: replayed after a crash.

    Zalo delivers a webhook once and getUpdates hands an update out once, so an update is
    stored here before we acknowledge it and removed once its replies are out.
    """

    __table_args__ = (UniqueConstraint("channel", "update_key"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    update_key: str = Field(max_length=64)
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    received_at: datetime = created_at_field()
