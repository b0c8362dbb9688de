"""How dates, meetings and attendees read in a chat message."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from domain.attendees import AttendeeDraft
from handlers.texts import t
from storage.models import Meeting

MODES = {"online": "Trực tuyến", "in_person": "Trực tiếp", "hybrid": "Trực tiếp kết hợp trực tuyến"}


def day(value: datetime, tz: ZoneInfo) -> str:
    return value.astimezone(tz).strftime("%d/%m/%Y")


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
        when = moment(meeting.start_at, tz) + (" (dự kiến)" if meeting.tentative else "")
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
