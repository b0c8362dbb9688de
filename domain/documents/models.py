"""What a read document gives: plain frozen values, each parsed value next to the text it came from.

Sequences are tuples so a read document can be shared and compared without being changed.
Nothing here is guessed: what the document does not say stays None (or empty).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

from domain.recurrence import Recurrence
from domain.timeexpr import TimeExpr

Source = Literal["section", "appendix", "both"]
MeetingMode = Literal["online", "in_person", "hybrid"]


@dataclass(frozen=True)
class TaskDoc:
    """One task of a plan, merged from the plan's section II and its appendix table.

    `section` is the arabic number of the heading the task sits under in section II ("2");
    the appendix numbers the same groups in roman (group II = section "2"), so both sources
    share one key. `number` is the letter as written in section II ("đ"), or the appendix
    row number ("3") for a task that only the appendix has; `row` is the appendix row
    number whenever the appendix has the task. `label` gives "2.đ" / "2.3" for messages.
    """

    section: str | None
    number: str | None
    row: int | None
    content: str
    expected_result: str | None
    lead: tuple[str, ...]
    coordinators: tuple[str, ...]
    timeframe_text: str | None
    timeframe: TimeExpr | None
    source: Source

    @property
    def label(self) -> str:
        return ".".join(part for part in (self.section, self.number) if part) or "?"


@dataclass(frozen=True)
class DeadlineDoc:
    """A dated obligation: who owes what to whom, by when.

    `owed_by` are the names that must deliver (as written), `to` the unit that receives and
    consolidates, `onward_to` whom that unit then reports to ("UBND tỉnh", "Bộ Khoa học và
    Công nghệ"): the chain stays visible without inventing a second deadline for it.
    `due_at` is the exclusive end of the deadline when it can be placed on the calendar:
    `due.end` for a dated one, or the meeting date shifted by the offset for one stated
    relative to a meeting ("trước 10 ngày diễn ra Hội nghị").
    """

    what: str
    owed_by: tuple[str, ...]
    to: str | None
    onward_to: tuple[str, ...]
    due_text: str
    due: TimeExpr | None
    due_at: datetime | None


@dataclass(frozen=True)
class PlanDoc:
    """A Kế hoạch: its header, its tasks and its report deadlines."""

    number: str | None
    title: str | None
    issuer: str | None
    place: str | None
    year: int | None
    legal_basis: tuple[str, ...]
    budget_text: str | None
    budget_amount: int | None
    signer: str | None
    signer_title: str | None
    tasks: tuple[TaskDoc, ...]
    deadlines: tuple[DeadlineDoc, ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)
    # The fingerprint of the text the plan was read from (fingerprint.text_fingerprint): a
    # re-import is recognised by it even when the plan's title was not found.
    text_hash: str | None = None


@dataclass(frozen=True)
class ContactDoc:
    """The person a letter names for questions; `phone` is canonical (see domain.phones)."""

    name: str | None
    position: str | None
    phone: str | None
    phone_text: str | None
    email: str | None
    text: str


@dataclass(frozen=True)
class AgendaItemDoc:
    """One line of a programme. `sub_item` marks a row with no time of its own, kept in
    order under the timed row before it (a talk inside a session)."""

    time_text: str | None
    start: datetime | None
    end: datetime | None
    content: str
    presenter: str | None
    note: str | None
    sub_item: bool = False


@dataclass(frozen=True)
class MeetingDoc:
    """A meeting as an invitation letter (Công văn, Giấy mời) or a meeting plan describes it.

    `start`/`end` are naive local times (Asia/Ho_Chi_Minh). `end` comes from the time text
    when it gives a range, else from the last timed row of the programme; `duration` from
    a stated length ("½ ngày" = a working half day, 4 hours). `tentative` is set when the
    document says "dự kiến".

    `time_label` is set when the letter gives no hour: how the time reads ("ngày 25/9/2026",
    "cuối tháng 9/2026", "8h00, cuối tháng 9/2026"); `start` is then the window's first minute,
    for ordering only, never shown as "00h00". A day whose programme gives the first hour has
    that hour as `start` and no label.
    """

    kind: Literal["letter", "plan"]
    title: str | None
    document_number: str | None
    issuer: str | None
    place: str | None
    year: int | None
    time_text: str | None
    time: TimeExpr | None
    start: datetime | None
    end: datetime | None
    tentative: bool
    duration_text: str | None
    duration: timedelta | None
    mode: MeetingMode | None
    mode_text: str | None
    location: str | None
    join_url: str | None
    registration: DeadlineDoc | None
    attendance: str | None
    contact: ContactDoc | None
    agenda: tuple[AgendaItemDoc, ...]
    invited: tuple[str, ...]
    follow_ups: tuple[DeadlineDoc, ...]
    signer: str | None
    signer_title: str | None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    time_label: str | None = None


@dataclass(frozen=True)
class RequestItemDoc:
    """One thing a letter asks units to send by a date: a report, a form, a list of names.

    `owed_by` are the units or groups as written ("các xã, phường"; matched or expanded by the
    caller against the directory); `to` the unit that receives it, `address` and `email` where it
    goes. `data_cutoff` is the day the figures are counted to ("số liệu tính đến thời điểm 31/10"),
    never the due date. `due_at` is the exclusive legal end (naive local) of the occurrence to remind:
    the dated one, or for a recurring rule the next one after the reading's `ref`. None when the
    letter gives no date that can be placed (then `due_text` says what it said, or is None).
    """

    what: str
    owed_by: tuple[str, ...]
    to: str | None
    address: str | None
    email: str | None
    data_cutoff_text: str | None
    data_cutoff: date | None
    contact: ContactDoc | None
    due_text: str | None
    due: TimeExpr | None
    due_at: datetime | None
    recurrence: Recurrence | None = None


@dataclass(frozen=True)
class RequestDoc:
    """A letter that asks for something by a date (Công văn đề nghị báo cáo, Thông báo).

    `issued_on` is the letter's own date ("Bình Định, ngày 03 tháng 3 năm 2025", "Ngày thông báo:
    03-03-2025"), never a due date. `requests` is empty for a letter with no deadline; the
    warnings then say so.
    """

    title: str | None
    document_number: str | None
    issuer: str | None
    place: str | None
    issued_on: date | None
    year: int | None
    requests: tuple[RequestItemDoc, ...]
    signer: str | None = None
    signer_title: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    text_hash: str | None = None
