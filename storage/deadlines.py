"""Deadlines that are not a plan's: read from a request letter, or made by hand (/yeucau, the CLI).

One way in for both (`create_deadline`): the owing units are matched against the directory (groups
such as "các xã, phường" expand to their units; names that match nothing are kept on the row and
reported), and the row records where it came from. Cancelling keeps the row and who submitted, so
the record stays; a cancelled deadline reminds no one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.documents import UnitIndex
from domain.documents.models import ContactDoc, RequestDoc, RequestItemDoc
from domain.errors import Conflict, NotFound
from domain.recurrence import Recurrence
from storage.audit import record
from storage.models import Deadline, DeadlineUnit, saved_id
from storage.plans import unit_index
from storage.types import local_aware

SOURCES = ("plan", "meeting", "request", "manual")


@dataclass(frozen=True)
class DeadlineSpec:
    """What a new deadline says. `owed_by` are names or groups as written; `owed_unit_ids` are
    units picked directly (a chat's choices), added to what the names match."""

    what: str
    due_text: str | None
    due_at: datetime | None  # aware; None when the words could not be placed (then nobody is reminded)
    owed_by: tuple[str, ...] = ()
    owed_unit_ids: tuple[int, ...] = ()
    source: str = "manual"
    to_text: str | None = None
    title: str | None = None
    document_number: str | None = None
    source_name: str | None = None
    text_hash: str | None = None
    address: str | None = None
    email: str | None = None
    data_cutoff_text: str | None = None
    data_cutoff_on: date | None = None
    contact: dict[str, Any] | None = None
    recurrence: Recurrence | None = None
    plan_id: int | None = None
    meeting_id: int | None = None


@dataclass
class SavedDeadline:
    """The stored row, the units that owe it, the groups the names expanded, and names matching nothing."""

    deadline: Deadline
    owed: list[int] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)


async def create_deadline(*, session: AsyncSession, spec: DeadlineSpec, actor_id: int | None,
                          index: UnitIndex | None = None) -> SavedDeadline:
    """Store the deadline and who owes it (flushed, not committed: the caller's transaction decides)."""
    if spec.source not in SOURCES:
        raise ValueError(f"unknown deadline source {spec.source!r}")
    index = index or await unit_index(session=session)
    saved = SavedDeadline(Deadline(what=spec.what))
    to_unit_id = None
    if spec.to_text:
        to_match = index.match(spec.to_text)
        to_unit_id = to_match.unit_id if to_match.status == "unit" else None
    owed: list[int] = []
    for written in spec.owed_by:
        match = index.match(written)
        if match.status == "unmatched" or (match.status == "group" and not match.unit_ids):
            saved.unmatched.append(written)
            continue
        if match.status == "group" and match.group:
            saved.groups.append(match.group)
        owed.extend(i for i in match.unit_ids if i not in owed)
    owed.extend(i for i in spec.owed_unit_ids if i not in owed)
    # "Các phòng … gửi báo cáo về Phòng TĐC": the receiving unit is in the group but owes itself nothing.
    saved.owed = [i for i in owed if i != to_unit_id]
    deadline = saved.deadline
    deadline.sqlmodel_update({
        "what": spec.what, "due_text": spec.due_text, "due_at": spec.due_at, "to_unit_id": to_unit_id,
        "to_text": spec.to_text, "source": spec.source, "title": spec.title,
        "document_number": spec.document_number, "source_name": spec.source_name, "text_hash": spec.text_hash,
        "owed_text": list(spec.owed_by), "owed_unmatched": saved.unmatched, "address": spec.address,
        "email": spec.email, "data_cutoff_text": spec.data_cutoff_text, "data_cutoff_on": spec.data_cutoff_on,
        "contact": spec.contact, "recurrence": spec.recurrence.as_json() if spec.recurrence else None,
        "plan_id": spec.plan_id, "meeting_id": spec.meeting_id, "created_by": actor_id})
    session.add(deadline)
    await session.flush()
    for unit_id in saved.owed:
        session.add(DeadlineUnit(deadline_id=saved_id(deadline), unit_id=unit_id))
    await session.flush()
    record(session=session, actor_id=actor_id, action="deadline.create", subject=f"deadline:{deadline.id}")
    return saved


async def live_deadline(*, session: AsyncSession, deadline_id: int) -> Deadline:
    """The deadline, if it exists and was not cancelled."""
    deadline = await session.get(Deadline, deadline_id)
    if deadline is None:
        raise NotFound("deadline_not_found", id=deadline_id)
    if deadline.cancelled_at is not None:
        raise Conflict("deadline_cancelled", id=deadline_id)
    return deadline


async def cancel_deadline(*, session: AsyncSession, deadline_id: int, actor_id: int | None,
                          now: datetime) -> Deadline:
    """Mark it cancelled (kept, with who submitted); a second cancel is a Conflict."""
    deadline = await live_deadline(session=session, deadline_id=deadline_id)
    deadline.cancelled_at, deadline.cancelled_by, deadline.updated_at = now, actor_id, now
    session.add(deadline)
    await session.flush()
    record(session=session, actor_id=actor_id, action="deadline.cancel", subject=f"deadline:{deadline_id}")
    return deadline


async def update_deadline(*, session: AsyncSession, deadline_id: int, actor_id: int | None, now: datetime,
                          what: str | None = None, due_text: str | None = None,
                          due_at: datetime | None = None) -> Deadline:
    """Change what is asked or when it is due (both words and instant together); None leaves a field."""
    deadline = await live_deadline(session=session, deadline_id=deadline_id)
    if what is not None:
        deadline.what = what
    if due_at is not None:
        deadline.due_text, deadline.due_at = due_text, due_at
    deadline.updated_at = now
    session.add(deadline)
    await session.flush()
    record(session=session, actor_id=actor_id, action="deadline.update", subject=f"deadline:{deadline_id}")
    return deadline


async def find_request_import(*, session: AsyncSession, text_hash: str | None) -> Deadline | None:
    """A deadline already stored from a letter with this text (a second import of the same letter)."""
    if not text_hash:
        return None
    return (await session.exec(select(Deadline).where(col(Deadline.text_hash) == text_hash)
                               .order_by(col(Deadline.id)))).first()


def contact_json(contact: ContactDoc | None) -> dict[str, Any] | None:
    """The fields of a letter's contact person kept with the deadline."""
    if contact is None:
        return None
    return {"name": contact.name, "position": contact.position, "phone": contact.phone, "email": contact.email}


def request_spec(doc: RequestDoc, item: RequestItemDoc, source_name: str | None, tz: ZoneInfo) -> DeadlineSpec:
    """One request of a letter as a deadline to store."""
    return DeadlineSpec(
        what=item.what, due_text=item.due_text, due_at=local_aware(item.due_at, tz), owed_by=item.owed_by,
        source="request", to_text=item.to, title=doc.title, document_number=doc.document_number,
        source_name=source_name, text_hash=doc.text_hash, address=item.address, email=item.email,
        data_cutoff_text=item.data_cutoff_text, data_cutoff_on=item.data_cutoff, contact=contact_json(item.contact),
        recurrence=item.recurrence)


async def store_request_doc(*, session: AsyncSession, doc: RequestDoc, source_name: str | None,
                            actor_id: int | None, tz: ZoneInfo) -> list[SavedDeadline]:
    """Every request of a letter as a deadline; a letter stored already is a Conflict (with its id)."""
    existing = await find_request_import(session=session, text_hash=doc.text_hash)
    if existing is not None:
        raise Conflict("request_exists", id=existing.id)
    index = await unit_index(session=session)
    return [await create_deadline(session=session, spec=request_spec(doc, item, source_name, tz),
                                  actor_id=actor_id, index=index) for item in doc.requests]
