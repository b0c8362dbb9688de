"""How a meeting's time reads for people, in one place: "14h00, ngày 28/05/2026" for a moment,
and what the letter said when it gave no hour ("ngày 25/9/2026", "cuối tháng 9/2026"), never
"00h00". Cards, answers, reminders, announcements, the intake summary and exports go through it.
"""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from domain.documents.when import day_text
from storage.models import Meeting


def when_text(start: datetime, tz: ZoneInfo, label: str | None = None) -> str:
    """`label` when the time has no hour; a start at local midnight is a day (no meeting starts
    at 00h00: it was stored from a bare date); else the hour and the day."""
    if label:
        return label
    local = start.astimezone(tz)
    if local.time() == time(0, 0):
        return day_text(local.date())
    return local.strftime("%Hh%M, ngày %d/%m/%Y")


def meeting_when(meeting: Meeting, tz: ZoneInfo) -> str:
    """A stored meeting's time as people read it; '' when it has none yet."""
    if meeting.start_at is None:
        return meeting.time_label or ""
    return when_text(meeting.start_at, tz, meeting.time_label)
