"""Who: units (the Department, its divisions, communes …), their members, how to reach them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, UniqueConstraint, false
from sqlmodel import Field, SQLModel

from storage.models.base import aware_field, created_at_field

UNIT_KINDS = ("department", "division", "commune", "agency", "enterprise", "service_org", "national")
ROLES = ("admin", "organizer", "unit_head", "officer")
CHANNELS = ("telegram", "zalo", "console")


class UnitBase(SQLModel):
    kind: str = Field(max_length=20, index=True)
    name: str = Field(max_length=255)
    short_names: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Unit(UnitBase, table=True):
    """An organisation the Department works with; `name_key` is the folded name, unique."""

    id: int | None = Field(default=None, primary_key=True)
    name_key: str = Field(max_length=255, unique=True)
    parent_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    created_at: datetime = created_at_field()
    # An enterprise that registered itself through a meeting's public link (storage/open_registration.py):
    # in no directory until an organiser merges it into one (`tdc-bot units merge`). Its tax code
    # (mã số thuế, domain/tax_codes.py) is unique: a second chat cannot take the same enterprise over.
    self_registered: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    registered_meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    tax_code: str | None = Field(default=None, max_length=14, unique=True)
    # Personal data of the contact person: shown to organisers and the enterprise's own members only.
    address: str | None = Field(default=None, max_length=500)
    contact_name: str | None = Field(default=None, max_length=120)
    contact_phone: str | None = Field(default=None, max_length=20)


class MemberBase(SQLModel):
    full_name: str = Field(max_length=120)
    role: str = Field(max_length=20)
    phone: str | None = Field(default=None, max_length=20)


class Member(MemberBase, table=True):
    """A person using the assistant on behalf of one unit, with one role."""

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    active: bool = Field(default=True)
    # Muted: no weekly digest and no early rounds; the last reminder and announcements still come.
    mute_reminders: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    created_at: datetime = created_at_field()


class ChannelAccount(SQLModel, table=True):
    """A member's identity on one channel.

    Ids are strings: Telegram's are 64-bit integers, Zalo's are hex strings, and one
    column type has to serve both.
    """

    __table_args__ = (UniqueConstraint("channel", "external_id"),)

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    channel: str = Field(max_length=16)
    external_id: str = Field(max_length=64)
    chat_id: str = Field(max_length=64)
    language: str = Field(default="vi", max_length=8)
    reachable: bool = Field(default=True)
    # When the person last wrote from this account, kept coarse (see storage/accounts.py): the
    # reminder dispatcher writes to the account used last, never to all of a member's accounts.
    last_seen_at: datetime | None = aware_field()
    created_at: datetime = created_at_field()


class Invite(SQLModel, table=True):
    """A single-use, expiring code that joins a person to a unit with a role.

    Only a hash of the code is stored: a copy of the database does not hand out access.
    """

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    role: str = Field(max_length=20)
    expires_at: datetime = aware_field(nullable=False)
    uses_left: int = Field(default=1)
    # Set when an organiser or admin withdraws the code before it is used: it joins nobody after.
    revoked_at: datetime | None = aware_field()
    created_by: int | None = Field(default=None, foreign_key="member.id")
    created_at: datetime = created_at_field()


class InviteGuess(SQLModel, table=True):
    """One wrong invite code sent by one account: the guess limit counts these (domain/guess_limit.py).

    Kept in the database so the limit holds across restarts and processes. `who` is a hash of
    the channel and account id, not the id itself; rows older than the lock are pruned.
    """

    id: int | None = Field(default=None, primary_key=True)
    who: str = Field(max_length=64, index=True)
    at: datetime = aware_field(nullable=False, index=True)


__all__ = ["CHANNELS", "ROLES", "UNIT_KINDS", "ChannelAccount", "Invite", "InviteGuess", "Member", "Unit"]
