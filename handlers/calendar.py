"""The meeting's .ics invitation as a file a reply or a reminder carries."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from domain.calendar_file import MeetingInvite, meeting_ics
from domain.text import fold
from handlers.formatting import MODES
from handlers.types import OutFile
from storage.models import Meeting


def meeting_file(meeting: Meeting, *, tz: ZoneInfo, now: datetime) -> OutFile | None:
    """The invitation (same UID for the meeting's life, SEQUENCE = its change count); None without a time,
    or while the letter gave only a day or a period (`time_label`): a calendar would show it at 00h00."""
    if meeting.start_at is None or meeting.id is None or meeting.time_label:
        return None
    description = MODES.get(meeting.mode, meeting.mode)
    if meeting.contact_name or meeting.contact_phone:
        description += "\n" + ", ".join(x for x in (meeting.contact_name, meeting.contact_phone) if x)
    invite = MeetingInvite(meeting_id=meeting.id, sequence=meeting.sequence, title=meeting.title,
                           start=meeting.start_at.astimezone(tz),
                           end=meeting.end_at.astimezone(tz) if meeting.end_at else None,
                           location=meeting.location, join_url=meeting.join_url, description=description,
                           cancelled=meeting.status == "cancelled")
    slug = re.sub(r"[^a-z0-9]+", "-", fold(meeting.title)).strip("-")[:40].rstrip("-") or "hoi-nghi"
    return OutFile(name=f"lich-{meeting.id}-{slug}.ics", data=meeting_ics(invite, stamp=now),
                   mime="text/calendar")
