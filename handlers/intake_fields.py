"""Every field a read document has, each with its value or "không thấy", as lines of text.

Shown before anything is saved (issue 12 part 5): in the chat's summary before "Lưu" and by
`tdc-bot import --dry-run`, so both say the same thing in the same words. A field the document
does not have is named all the same: the organiser sees what is missing, not only what is there.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from domain.documents import DeadlineDoc, MeetingDoc, PlanDoc, TaskDoc
from domain.documents.models import ContactDoc, RequestDoc, RequestItemDoc
from domain.reminder_timing import last_day
from domain.reminder_timing import legal_end as civil_code_end
from domain.workdays import WorkCalendar
from handlers.formatting import MODES, cutoff_text, one_line
from handlers.meeting_when import when_text
from handlers.texts import t
from storage.types import local_aware

INDENT = "   "


def field(label_key: str, value: object) -> str:
    """'Số văn bản: 12/SKHCN-TĐC', or 'Số văn bản: không thấy' for None and empty values; on one line
    ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" as written across two)."""
    shown = " ".join(str(value).split()) if value not in (None, "", (), []) else t("field_missing")
    return t("field_line", label=t(label_key), value=shown)


def joined(names: Iterable[str]) -> str | None:
    return "; ".join(names) or None


def contact_text(contact: ContactDoc | None) -> str | None:
    if contact is None:
        return None
    return ", ".join(x for x in (contact.name, contact.position, contact.phone or contact.phone_text, contact.email)
                     if x) or None


def signer_text(signer: str | None, title: str | None) -> str | None:
    return ", ".join(x for x in (signer, title) if x) or None


def legal_end(due_at: datetime, tz: ZoneInfo, calendar: WorkCalendar) -> str:
    """'hết ngày 15/12/2026' for an end at midnight (the last day allowed), with the working day it
    moves to when that day is a day off; else 'trước 17h00, ngày …'."""
    local = due_at.astimezone(tz)
    if local.time() != time(0, 0):
        return cutoff_text(local, tz)
    shown = t("field_until_day", day=f"{last_day(local, tz):%d/%m/%Y}")
    moved = civil_code_end(local, calendar, tz)  # Civil Code art. 148 cl. 5: a day off moves the end
    if moved != local:
        shown += " " + t("field_moved_to", day=f"{last_day(moved, tz):%d/%m/%Y}")
    return shown


def due_text(text: str | None, due_at: datetime | None, tz: ZoneInfo, calendar: WorkCalendar) -> str | None:
    """The due date as written, with the legal end it gives; never a date the words do not give."""
    aware = local_aware(due_at, tz)
    if aware is None:
        return t("field_due_unplaced", text=text) if text else None
    return t("field_due", text=text or t("field_missing"), end=legal_end(aware, tz, calendar))


def day_text(value: date | None) -> str | None:
    return f"{value:%d/%m/%Y}" if value is not None else None


def deadline_lines(doc: DeadlineDoc, tz: ZoneInfo, calendar: WorkCalendar) -> list[str]:
    """A plan's report deadline or a meeting's follow-up: what, who owes it, to whom, by when."""
    return [f"📄 {one_line(doc.what, 80)}", INDENT + field("f_owed_by", joined(doc.owed_by)),
            INDENT + field("f_to", doc.to), INDENT + field("f_due", due_text(doc.due_text, doc.due_at, tz, calendar))]


def task_lines(task: TaskDoc, detail: bool) -> list[str]:
    """One task on a line (the chat), or with every field under it (the command line's dry run)."""
    head = f"• {task.label}: {one_line(task.content, 70 if not detail else 300)} – {task.timeframe_text or '?'}"
    if not detail:
        lead = joined(task.lead)
        return [head + (f" – {t('f_lead')}: {lead}" if lead else "")]
    return [head, INDENT + field("f_lead", joined(task.lead)),
            INDENT + field("f_coordinators", joined(task.coordinators)),
            INDENT + field("f_timeframe", task.timeframe_text), INDENT + field("f_expected", task.expected_result)]


def plan_fields(doc: PlanDoc, *, heading: bool = True) -> list[str]:
    """The plan's own fields (its tasks and deadlines are listed apart); without the title and year
    when `heading` is False (the chat's first line shows them)."""
    head = [field("f_title", doc.title), field("f_year", doc.year)] if heading else []
    return [*head, field("f_number", doc.number), field("f_issuer", doc.issuer), field("f_place", doc.place),
            field("f_signer", signer_text(doc.signer, doc.signer_title)), field("f_budget", doc.budget_text),
            field("f_legal_basis", joined(one_line(basis, 90) for basis in doc.legal_basis))]


def meeting_fields(doc: MeetingDoc, tz: ZoneInfo, *, heading: bool = True) -> list[str]:
    """The meeting's fields, the programme and follow-ups counted; without the title when `heading`
    is False (the chat's first line shows it)."""
    start = local_aware(doc.start, tz)
    when = when_text(start, tz, doc.time_label) + (" (dự kiến)" if doc.tentative else "") if start is not None else None
    cutoff = local_aware(doc.registration.due_at, tz) if doc.registration else None
    return [
        *([field("f_title", doc.title)] if heading else []), field("f_number", doc.document_number),
        field("f_issuer", doc.issuer), field("f_time", when), field("f_duration", doc.duration_text),
        field("f_mode", MODES.get(doc.mode or "") if doc.mode else doc.mode_text), field("f_location", doc.location),
        field("f_join_url", doc.join_url), field("f_attendance", one_line(doc.attendance, 200) if doc.attendance
                                                 else None),
        field("f_cutoff", cutoff_text(cutoff, tz) if cutoff is not None else
              (doc.registration.due_text if doc.registration else None)),
        field("f_contact", contact_text(doc.contact)), field("f_invited", joined(doc.invited)),
        field("f_agenda", t("field_items", n=len(doc.agenda)) if doc.agenda else None),
        field("f_follow_ups", t("field_items", n=len(doc.follow_ups)) if doc.follow_ups else None),
        field("f_signer", signer_text(doc.signer, doc.signer_title)),
    ]


def request_item_lines(n: int, item: RequestItemDoc, tz: ZoneInfo, calendar: WorkCalendar) -> list[str]:
    """One request of a letter: what, owed by, to, where, the data cut-off, contact, due, recurrence."""
    cutoff = item.data_cutoff_text
    if cutoff and item.data_cutoff is not None:
        cutoff = f"{cutoff} ({day_text(item.data_cutoff)})"
    return [t("field_request", n=n, what=one_line(item.what, 200)),
            *(INDENT + line for line in (
                field("f_owed_by", joined(item.owed_by)), field("f_to", item.to), field("f_address", item.address),
                field("f_email", item.email), field("f_data_cutoff", cutoff),
                field("f_contact", contact_text(item.contact)),
                field("f_due", due_text(item.due_text, item.due_at, tz, calendar)),
                field("f_recurrence", item.recurrence.text if item.recurrence else None)))]


def request_fields(doc: RequestDoc, tz: ZoneInfo, calendar: WorkCalendar) -> list[str]:
    """The letter's fields, then each request with all of its own."""
    lines = [field("f_title", doc.title), field("f_number", doc.document_number), field("f_issuer", doc.issuer),
             field("f_issued_on", day_text(doc.issued_on)),
             field("f_signer", signer_text(doc.signer, doc.signer_title))]
    for n, item in enumerate(doc.requests, start=1):
        lines += request_item_lines(n, item, tz, calendar)
    return lines
