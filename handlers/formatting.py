"""How dates, meetings and attendees read in a chat message."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.attendees import AttendeeDraft
from domain.workdays import WorkCalendar
from domain.workload import working_days_left
from handlers.meeting_when import meeting_when
from handlers.texts import t
from storage.models import Meeting, Task

ONE_LINE = 110

MODES = {"online": "Trực tuyến", "in_person": "Trực tiếp", "hybrid": "Trực tiếp kết hợp trực tuyến"}


def day(value: datetime, tz: ZoneInfo) -> str:
    return value.astimezone(tz).strftime("%d/%m/%Y")


def day_words(value: date) -> str:
    """'thứ Hai, 25/05/2026': the weekday in words, then the date."""
    from handlers.texts.vi import WEEKDAYS

    return f"{WEEKDAYS[value.weekday()]}, {value:%d/%m/%Y}"


def moment(value: datetime, tz: ZoneInfo) -> str:
    local = value.astimezone(tz)
    return local.strftime("%Hh%M, ngày %d/%m/%Y")


def cutoff_text(cutoff: datetime, tz: ZoneInfo) -> str:
    """'trước ngày 26/05/2026' for a midnight cutoff, 'trước 17h00, ngày 29/05/2026' otherwise."""
    local = cutoff.astimezone(tz)
    if local.time() == time(0, 0):
        return f"trước ngày {local:%d/%m/%Y}"
    return f"trước {local:%Hh%M}, ngày {local:%d/%m/%Y}"


def meeting_card(meeting: Meeting, tz: ZoneInfo) -> str:
    """Title, time, mode, place, who must attend, cutoff and contact: what a letter says."""
    lines = [f"📌 {meeting.title}"]
    if meeting.start_at:
        when = meeting_when(meeting, tz) + (" (dự kiến)" if meeting.tentative else "")
        lines.append(t("card_time", when=when))
    lines.append(t("card_mode", mode=MODES.get(meeting.mode, meeting.mode)))
    if meeting.location:
        lines.append(t("card_location", location=meeting.location))
    if meeting.attendance:
        lines.append(t("card_attendance", attendance=meeting.attendance))
    if meeting.registration_cutoff:
        lines.append(t("card_cutoff", cutoff=cutoff_text(meeting.registration_cutoff, tz)))
    if meeting.contact_name or meeting.contact_phone:
        contact = ", ".join(x for x in (meeting.contact_name, meeting.contact_detail, meeting.contact_phone) if x)
        lines.append(t("card_contact", contact=contact))
    return "\n".join(lines)


def attendee_line(index: int, person: AttendeeDraft) -> str:
    parts = [person.full_name]
    if person.position:
        parts.append(person.position)
    parts.append(person.phone)
    if person.email:
        parts.append(person.email)
    focal = " ⭐ " + t("focal_mark") if person.is_focal_point else ""
    return f"{index}. " + " – ".join(parts) + focal


def attendee_list(people: list[AttendeeDraft]) -> str:
    if not people:
        return t("list_empty")
    return "\n".join(attendee_line(i, p) for i, p in enumerate(people, start=1))


def one_line(text: str, limit: int = ONE_LINE) -> str:
    """Text folded to one line of at most `limit` characters, marked with … when shortened."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def task_label(task: Task) -> str:
    """'2.đ': the section and letter people use to name a task."""
    return ".".join(p for p in (task.section, task.number) if p) or str(task.position)


def days_left(now: datetime, tz: ZoneInfo, due: datetime) -> str:
    """'còn 5 ngày làm việc', 'hết hạn hôm nay' or 'quá hạn' for an exclusive due moment."""
    left = working_days_left(now.astimezone(tz), due.astimezone(tz))
    if left is None:
        return t("overdue")
    return t("days_left", n=left) if left > 0 else t("due_today")


def left_words(now: datetime, end: datetime, tz: ZoneInfo, calendar: WorkCalendar) -> str:
    """'còn 3 ngày làm việc' (working days after today up to the last day), or 'hạn cuối là hôm nay'."""
    from domain.reminder_timing import last_day

    today, last = now.astimezone(tz).date(), last_day(end, tz)
    n = calendar.working_days_between(today + timedelta(days=1), last + timedelta(days=1))
    return t("rem_left_days", n=n) if today < last and n else t("rem_left_today")
