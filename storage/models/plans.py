"""Plans, their tasks and who leads or coordinates them, and report deadlines."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.base import aware_field, created_at_field

TASK_UNIT_ROLES = ("lead", "coordinator")
PROGRESS = ("not_started", "in_progress", "done")


class Plan(SQLModel, table=True):
    """A Kế hoạch: its header and legal basis; the tasks hang off it."""

    id: int | None = Field(default=None, primary_key=True)
    number: str | None = Field(default=None, max_length=100)
    title: str = Field(max_length=1000)
    issuer: str | None = Field(default=None, max_length=255)
    year: int | None = Field(default=None, index=True)
    budget: str | None = Field(default=None, max_length=4000)
    budget_amount: int | None = Field(default=None, sa_type=BigInteger)
    legal_basis: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    source_name: str | None = Field(default=None, max_length=255)
    # The fingerprint of the document's normalised text (domain.documents.text_fingerprint):
    # unique, so the same plan cannot be stored twice even when its title was not found.
    # Plans stored before it existed have none.
    text_hash: str | None = Field(default=None, max_length=64, unique=True)
    created_at: datetime = created_at_field()


class Task(SQLModel, table=True):
    """A task of a plan with its timeframe as written and as parsed."""

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    position: int
    section: str | None = Field(default=None, max_length=20)
    number: str | None = Field(default=None, max_length=20)
    content: str = Field(max_length=8000)
    expected_result: str | None = Field(default=None, max_length=4000)
    timeframe_text: str | None = Field(default=None, max_length=200)
    timeframe_kind: str = Field(default="unknown", max_length=16, index=True)
    starts_at: datetime | None = aware_field(index=True)
    ends_at: datetime | None = aware_field(index=True)
    units_unmatched: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class TaskUnit(SQLModel, table=True):
    """A unit's part in a task (lead or coordinator) and its progress on it."""

    task_id: int = Field(foreign_key="task.id", primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", primary_key=True, index=True)
    role: str = Field(max_length=16)
    status: str = Field(default="not_started", max_length=16)
    note: str | None = Field(default=None, max_length=2000)
    file_ref: str | None = Field(default=None, max_length=300)
    updated_at: datetime | None = aware_field()
    updated_by: int | None = Field(default=None, foreign_key="member.id")


class Deadline(SQLModel, table=True):
    """Something owed by a date: a report, a list of names."""

    # One occurrence of a series per due moment: two planners rolling the same series at once
    # store the next occurrence once (storage.deadline_series). NULL series_id (one-off deadlines,
    # a series' first row) never collide.
    __table_args__ = (UniqueConstraint("series_id", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int | None = Field(default=None, foreign_key="plan.id", index=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)
    what: str = Field(max_length=2000)
    due_text: str | None = Field(default=None, max_length=200)
    due_at: datetime | None = aware_field(index=True)
    to_unit_id: int | None = Field(default=None, foreign_key="unit.id")
    to_text: str | None = Field(default=None, max_length=500)
    created_at: datetime = created_at_field()
    # Where it came from: "plan", "meeting", "request" (a letter) or "manual" (/yeucau, the CLI).
    # Rows stored before this column existed have None and a plan_id or meeting_id.
    source: str | None = Field(default=None, max_length=16, index=True)
    title: str | None = Field(default=None, max_length=1000)  # the letter's subject ("V/v …")
    document_number: str | None = Field(default=None, max_length=100)
    source_name: str | None = Field(default=None, max_length=255)
    # The fingerprint of the letter's text (domain.documents.text_fingerprint), on every request of
    # that letter: a second import of the same letter is recognised. Not unique (a letter may ask twice).
    text_hash: str | None = Field(default=None, max_length=64, index=True)
    # Who owes it as written ("các xã, phường", "Phòng X"), and the names that matched no unit.
    owed_text: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]"))
    owed_unmatched: list[str] = Field(default_factory=list,
                                      sa_column=Column(JSON, nullable=False, server_default="[]"))
    address: str | None = Field(default=None, max_length=500)
    email: str | None = Field(default=None, max_length=255)
    data_cutoff_text: str | None = Field(default=None, max_length=200)
    data_cutoff_on: date | None = Field(default=None)
    # {name, position, phone, email} of the person to ask; personal data, shown to those who owe it.
    contact: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    # domain.recurrence.Recurrence.as_json() for a recurring deadline; each occurrence is its own row,
    # `series_id` the first occurrence's id (None on the first and on one-off deadlines).
    recurrence: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    series_id: int | None = Field(default=None, foreign_key="deadline.id", index=True)
    created_by: int | None = Field(default=None, foreign_key="member.id")
    updated_at: datetime | None = aware_field()
    # A cancelled deadline is kept (who submitted stays on record) but reminds no one and is not listed as due.
    cancelled_at: datetime | None = aware_field(index=True)
    cancelled_by: int | None = Field(default=None, foreign_key="member.id")


class DeadlineUnit(SQLModel, table=True):
    """A unit that owes a deadline, and whether it has submitted."""

    deadline_id: int = Field(foreign_key="deadline.id", primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", primary_key=True, index=True)
    submitted_at: datetime | None = aware_field()
    note: str | None = Field(default=None, max_length=2000)
    file_ref: str | None = Field(default=None, max_length=300)
    submitted_by: int | None = Field(default=None, foreign_key="member.id")
