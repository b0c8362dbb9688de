"""Storing a read meeting letter: the meeting, its programme, who is invited, what is owed after.

The letter is the record: what it says is stored, what it does not say is reported, never
guessed. A name that matches no unit is kept in the report (nobody would be reminded of a
meeting we invited no one to), and a deadline counted from an unknown meeting day stays
undated rather than invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import inspect
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.documents import DeadlineDoc, MeetingDoc, UnitIndex
from domain.errors import Conflict
from domain.text import fold
from domain.timeexpr import resolve_relative
from storage.audit import record
from storage.meetings import create_meeting
from storage.models import AgendaItem, Deadline, DeadlineUnit, Meeting, saved_id
from storage.plans import unit_index
from storage.types import LOCAL_TZ, local_aware


@dataclass
class MeetingImportReport:
    """What an import stored, and what the letter left open (unmatched names, undated deadlines)."""

    meeting: Meeting
    agenda: int = 0
    invited: int = 0
    deadlines: int = 0
    unmatched: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _fit(table: type[SQLModel], column: str, value: str | None, warnings: list[str]) -> str | None:
    """The value cut to its column's length: PostgreSQL refuses a longer one, SQLite would keep it."""
    limit = getattr(inspect(table).columns[column].type, "length", None)
    if value is None or limit is None or len(value) <= limit:
        return value
    warnings.append(f"«{column}» dài hơn {limit} ký tự, đã cắt bớt.")
    return value[: limit - 1].rstrip() + "…"


def meeting_title(doc: MeetingDoc, source_name: str | None) -> str:
    """The title a letter's meeting is stored and found again under."""
    return (doc.title or source_name or "Cuộc họp").strip()


def due_of(doc: DeadlineDoc, start: datetime | None) -> datetime | None:
    """A deadline's naive local end: as read, or counted from the meeting day when that is known."""
    if doc.due_at is not None:
        return doc.due_at
    if doc.due is None:
        return None
    if doc.due.kind == "deadline":
        return doc.due.end
    if doc.due.kind == "relative" and start is not None:
        return resolve_relative(doc.due, start).end
    return None


def match_ids(index: UnitIndex, names: tuple[str, ...], unmatched: list[str]) -> list[int]:
    """Unit ids for written names, groups expanded; names that fit nothing go to `unmatched`."""
    ids: list[int] = []
    for written in names:
        found = index.match(written)
        if found.status == "unmatched":
            unmatched.append(written)
        ids.extend(i for i in found.unit_ids if i not in ids)
    return ids


async def find_existing_meeting(*, session: AsyncSession, title: str, start_at: datetime | None) -> Meeting | None:
    """A meeting already stored with the same title (folded) and start: the same letter again."""
    query = select(Meeting).where(
        col(Meeting.start_at).is_(None) if start_at is None else col(Meeting.start_at) == start_at
    )
    return next((m for m in (await session.exec(query)).all() if fold(m.title) == fold(title)), None)


def _meeting(doc: MeetingDoc, title: str, tz: ZoneInfo, warnings: list[str]) -> Meeting:
    start = local_aware(doc.start, tz)
    end = doc.end
    if end is None and doc.start is not None and doc.duration is not None:
        end = doc.start + doc.duration  # "½ ngày, từ 14 giờ" with no programme
    end_at = local_aware(end, tz)
    if start is not None and end_at is not None and end_at <= start:
        warnings.append("Giờ kết thúc không sau giờ bắt đầu: bỏ giờ kết thúc.")
        end_at = None
    cutoff = due_of(doc.registration, doc.start) if doc.registration else None
    contact = doc.contact
    detail = "; ".join(p for p in (contact.position, contact.email) if p) if contact else None
    meeting = Meeting(
        title=_fit(Meeting, "title", title, warnings) or title, status="open", tentative=doc.tentative,
        document_number=_fit(Meeting, "document_number", doc.document_number, warnings),
        start_at=start, end_at=end_at, registration_cutoff=local_aware(cutoff, tz),
        time_label=_fit(Meeting, "time_label", doc.time_label, warnings),
        location=_fit(Meeting, "location", doc.location, warnings),
        join_url=_fit(Meeting, "join_url", doc.join_url, warnings),
        attendance=_fit(Meeting, "attendance", doc.attendance, warnings),
        contact_name=_fit(Meeting, "contact_name", contact.name if contact else None, warnings),
        contact_phone=contact.phone if contact else None,
        contact_detail=_fit(Meeting, "contact_detail", detail or None, warnings),
    )
    if doc.mode is not None:
        meeting.mode = doc.mode
    else:
        warnings.append(f"Văn bản không nói hình thức họp: để mặc định «{meeting.mode}», cần kiểm tra lại.")
    if start is None:
        warnings.append("Chưa rõ thời gian họp: cuộc họp được lưu không có giờ bắt đầu.")
    if doc.registration is not None and cutoff is None:
        warnings.append(f"Chưa xác định được hạn đăng ký «{doc.registration.due_text}».")
    return meeting


def _agenda(doc: MeetingDoc, warnings: list[str]) -> list[AgendaItem]:
    # meeting_id and position are set by create_meeting, in this order.
    return [
        AgendaItem(meeting_id=0, position=0, time_text=_fit(AgendaItem, "time_text", item.time_text, warnings),
                   content=_fit(AgendaItem, "content", item.content, warnings) or "",
                   presenter=_fit(AgendaItem, "presenter", item.presenter, warnings),
                   note=_fit(AgendaItem, "note", item.note, warnings))
        for item in doc.agenda
    ]


def _follow_up_warnings(doc: DeadlineDoc, start: datetime | None) -> list[str]:
    warnings = []
    if due_of(doc, start) is None:
        warnings.append(f"Hạn «{doc.due_text}» chưa đặt được lên lịch (chưa rõ ngày họp): lưu không có ngày.")
    if not doc.owed_by:
        warnings.append(f"Hạn «{doc.due_text}»: văn bản không nói đơn vị nào phải thực hiện.")
    return warnings


async def _store_follow_up(session: AsyncSession, meeting: Meeting, doc: DeadlineDoc, start: datetime | None,
                           index: UnitIndex, report: MeetingImportReport, tz: ZoneInfo) -> None:
    due = due_of(doc, start)
    if due is None:
        report.unresolved.append(doc.due_text)
    report.warnings.extend(_follow_up_warnings(doc, start))
    to = index.match(doc.to) if doc.to else None
    if doc.to and to is not None and to.status == "unmatched":
        report.unmatched.append(doc.to)
    warn = report.warnings
    deadline = Deadline(meeting_id=meeting.id, what=_fit(Deadline, "what", doc.what, warn) or doc.what,
                        due_text=_fit(Deadline, "due_text", doc.due_text, warn), due_at=local_aware(due, tz),
                        to_unit_id=to.unit_id if to else None, to_text=_fit(Deadline, "to_text", doc.to, warn))
    session.add(deadline)
    await session.flush()
    # "Các phòng, đơn vị thuộc Sở gửi … về Phòng TĐC": the group includes the unit that receives.
    owed = [i for i in match_ids(index, doc.owed_by, report.unmatched) if to is None or i != to.unit_id]
    for unit_id in owed:
        session.add(DeadlineUnit(deadline_id=saved_id(deadline), unit_id=unit_id))
    report.deadlines += 1


def meeting_warnings(doc: MeetingDoc, source_name: str | None, tz: ZoneInfo = LOCAL_TZ) -> list[str]:
    """The warnings storing the letter would give (no mode, no time, a value cut to fit), known
    before anything is stored, so the command line can show them before it saves."""
    warnings = list(doc.warnings)
    _meeting(doc, meeting_title(doc, source_name), tz, warnings)
    if not doc.invited:
        warnings.append("Văn bản không có dòng «Kính gửi»: chưa mời đơn vị nào.")
    _agenda(doc, warnings)
    for follow_up in doc.follow_ups:
        warnings += _follow_up_warnings(follow_up, doc.start)
    return list(dict.fromkeys(warnings))


async def store_meeting_doc(*, session: AsyncSession, doc: MeetingDoc, source_name: str | None,
                            actor_id: int | None = None, tz: ZoneInfo = LOCAL_TZ) -> MeetingImportReport:
    """Write a read letter as an open meeting with its agenda, invited units and follow-up deadlines.

    Raises Conflict("meeting_exists", id=…) when the same title and start are already stored.
    """
    title = meeting_title(doc, source_name)
    existing = await find_existing_meeting(session=session, title=title, start_at=local_aware(doc.start, tz))
    if existing is not None:
        raise Conflict("meeting_exists", id=existing.id, title=existing.title)
    warnings = list(doc.warnings)
    meeting = _meeting(doc, title, tz, warnings)
    index = await unit_index(session=session)
    unmatched: list[str] = []
    invited = match_ids(index, doc.invited, unmatched)
    if not doc.invited:
        warnings.append("Văn bản không có dòng «Kính gửi»: chưa mời đơn vị nào.")
    agenda = _agenda(doc, warnings)
    await create_meeting(session=session, meeting=meeting, invited_unit_ids=invited, agenda=agenda,
                         actor_id=actor_id)
    report = MeetingImportReport(meeting, agenda=len(agenda), invited=len(invited), unmatched=unmatched,
                                 warnings=warnings)
    for follow_up in doc.follow_ups:
        await _store_follow_up(session, meeting, follow_up, doc.start, index, report, tz)
    record(session=session, actor_id=actor_id, action="meeting.import", subject=f"meeting:{meeting.id}",
           source=source_name, deadlines=report.deadlines, unmatched=sorted(set(report.unmatched)))
    await session.flush()
    return report
