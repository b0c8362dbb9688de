"""Petitions (kiến nghị) sent for a meeting, and the meeting's petition settings and conclusion notice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.base import aware_field, created_at_field


class Petition(SQLModel, table=True):
    """One petition of one organisation for one meeting, numbered per meeting (KN-<meeting>-<n>).

    The content, the petitioner and the answer are seen by organisers, the assigned unit and the
    petitioner's own unit only (handlers/petitions_access.py). An answer's file is kept here (a few
    MB at most) so that it can go out with the answer through the outbox, on any channel.
    """

    __table_args__ = (UniqueConstraint("meeting_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)  # the petitioning organisation
    created_by: int | None = Field(default=None, foreign_key="member.id")
    number: int
    field: str = Field(max_length=20, index=True)
    content: str = Field(max_length=4000)
    file_ref: str | None = Field(default=None, max_length=300)
    file_name: str | None = Field(default=None, max_length=255)
    state: str = Field(default="received", max_length=24, index=True)
    assigned_unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    assigned_at: datetime | None = aware_field()
    answer_due: datetime | None = aware_field(index=True)
    answer: str | None = Field(default=None, max_length=4000)  # the answer, or the out-of-scope reason
    answer_file_name: str | None = Field(default=None, max_length=255)
    answer_file: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    answered_at: datetime | None = aware_field()
    answered_by: int | None = Field(default=None, foreign_key="member.id")
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()


class PetitionMeeting(SQLModel, table=True):
    """A meeting's petition settings and its conclusion notice (one row per meeting, made when needed).

    Apart from `meeting` so that a meeting without petitions carries none of it."""

    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True)
    cutoff: datetime | None = aware_field()  # None: the registration cutoff is the petition cutoff
    conclusion_text: str | None = Field(default=None, max_length=4000)
    conclusion_file_name: str | None = Field(default=None, max_length=255)
    conclusion_file: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    conclusion_sent_at: datetime | None = aware_field()
    conclusion_by: int | None = Field(default=None, foreign_key="member.id")
    updated_at: datetime = created_at_field()


__all__ = ["Petition", "PetitionMeeting"]
