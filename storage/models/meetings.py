"""Meetings, who is invited, and the attendees each unit registers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.base import aware_field, created_at_field

MEETING_MODES = ("online", "in_person", "hybrid")
MEETING_STATUSES = ("draft", "open", "closed", "cancelled")


class MeetingBase(SQLModel):
    title: str = Field(max_length=500)
    document_number: str | None = Field(default=None, max_length=100)
    tentative: bool = Field(default=False)
    mode: str = Field(default="online", max_length=16)
    location: str | None = Field(default=None, max_length=500)
    join_url: str | None = Field(default=None, max_length=1000)
    attendance: str | None = Field(default=None, max_length=4000)
    contact_name: str | None = Field(default=None, max_length=200)
    contact_phone: str | None = Field(default=None, max_length=20)
    contact_detail: str | None = Field(default=None, max_length=500)
    status: str = Field(default="open", max_length=16, index=True)
    # Set when the letter gives no hour: "ngày 25/9/2026", "cuối tháng 9/2026"; start_at is then the
    # window's first minute, for ordering only (handlers/meeting_when.py shows the label instead).
    time_label: str | None = Field(default=None, max_length=100)
    # Bumped when time, place or link change: the SEQUENCE of the .ics invitation, and the key of an announcement.
    sequence: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class Meeting(MeetingBase, table=True):
    """A conference or working session that units register attendees for."""

    id: int | None = Field(default=None, primary_key=True)
    start_at: datetime | None = aware_field(index=True)
    end_at: datetime | None = aware_field()
    registration_cutoff: datetime | None = aware_field(index=True)
    created_at: datetime = created_at_field()
    # Open registration by a public link (storage/open_registration.py): the deep link's code and the
    # short code typed on Zalo, both public (printed in the notice), kept when the link is closed so
    # that reopening it keeps the notice right. `open_count` organisations joined, at most `open_cap`.
    open_code: str | None = Field(default=None, max_length=64, unique=True)
    open_short_code: str | None = Field(default=None, max_length=16, unique=True)
    open_cap: int | None = Field(default=None)
    open_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    open_closed_at: datetime | None = aware_field()


class AgendaItem(SQLModel, table=True):
    """One row of a meeting's programme, in order."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    position: int
    time_text: str | None = Field(default=None, max_length=50)
    content: str = Field(max_length=4000)
    presenter: str | None = Field(default=None, max_length=500)
    note: str | None = Field(default=None, max_length=500)


class MeetingUnit(SQLModel, table=True):
    """A unit invited to a meeting."""

    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", primary_key=True, index=True)


class Registration(SQLModel, table=True):
    """A unit's answer to an invitation: one per meeting and unit, enforced by the database."""

    __table_args__ = (UniqueConstraint("meeting_id", "unit_id"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    created_by: int | None = Field(default=None, foreign_key="member.id")
    # Bumped on every change: a draft made from version N can only be saved over version N.
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()


class AttendeeBase(SQLModel):
    full_name: str = Field(max_length=120)
    position: str | None = Field(default=None, max_length=200)
    # None only once the person's data was erased on request (storage/personal_data.py).
    phone: str | None = Field(default=None, max_length=20)
    email: str | None = Field(default=None, max_length=254)
    is_focal_point: bool = Field(default=False)


class Attendee(AttendeeBase, table=True):
    """A person a unit sends; one per registration and phone number."""

    __table_args__ = (UniqueConstraint("registration_id", "phone"),)

    id: int | None = Field(default=None, primary_key=True)
    registration_id: int = Field(foreign_key="registration.id", index=True)
    created_at: datetime = created_at_field()
