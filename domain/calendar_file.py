"""A meeting as an .ics invitation (RFC 5545), so it lands in the officer's phone calendar.

One UID per meeting for its whole life and a SEQUENCE that grows with every change: a calendar
that already holds the invitation updates it in place when the meeting moves, and removes it
when the meeting is cancelled. Times carry TZID=Asia/Ho_Chi_Minh with its VTIMEZONE.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from icalendar import Calendar, Event, Timezone

DEFAULT_LENGTH = timedelta(hours=2)  # a letter that gives no end: a half-day session is the norm
PRODID = "-//So KH&CN//Tro ly TDC//VI"


@dataclass(frozen=True)
class MeetingInvite:
    """What the invitation says; `start`/`end` are aware, in the zone the file should name."""

    meeting_id: int
    sequence: int
    title: str
    start: datetime
    end: datetime | None = None
    location: str | None = None
    join_url: str | None = None
    description: str = ""
    cancelled: bool = False
    domain: str = "tdc-bot"


def meeting_uid(meeting_id: int, domain: str = "tdc-bot") -> str:
    return f"meeting-{meeting_id}@{domain}"


def meeting_ics(invite: MeetingInvite, *, stamp: datetime) -> bytes:
    """The .ics bytes: METHOD REQUEST (or CANCEL), one VEVENT, the zone's VTIMEZONE."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if invite.cancelled else "REQUEST")
    event = Event()
    event.add("uid", meeting_uid(invite.meeting_id, invite.domain))
    event.add("sequence", invite.sequence)
    event.add("dtstamp", stamp)
    event.add("summary", invite.title)
    event.add("dtstart", invite.start)
    event.add("dtend", invite.end if invite.end and invite.end > invite.start else invite.start + DEFAULT_LENGTH)
    where = invite.location or invite.join_url
    if where:
        event.add("location", where)
    if invite.join_url:
        event.add("url", invite.join_url)
    details = "\n".join(x for x in (invite.description, invite.join_url or "") if x)
    if details:
        event.add("description", details)
    event.add("status", "CANCELLED" if invite.cancelled else "CONFIRMED")
    calendar.add_component(event)
    calendar.add_component(_vtimezone(str(invite.start.tzinfo)))
    data: bytes = calendar.to_ical()
    return data


@lru_cache(maxsize=8)
def _vtimezone(tzid: str) -> Timezone:
    """The VTIMEZONE of a zone: icalendar computes it from the zone's transitions (about 0.2 s), so once."""
    return Timezone.from_tzid(tzid)
