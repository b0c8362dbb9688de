"""A world for reminder tests and benches: many communes, one officer each on Telegram, one open
meeting inviting them all, and a round of "Nhắc ngay" rows queued for every one of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import insert
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.reminders import Planned
from storage.meetings import create_meeting
from storage.models import ChannelAccount, Meeting, Member, Unit
from storage.outbox import add_rows

FIRST_CHAT = 500_000


@dataclass(frozen=True)
class World:
    meeting_id: int
    members: list[int]  # member ids, in chat order
    chats: list[int]  # Telegram chat ids (private chats: the user id)
    units: list[int]


async def seed_world(*, session: AsyncSession, recipients: int, now: datetime) -> World:
    """`recipients` communes with one Telegram officer each, all invited to one open meeting."""
    connection = await session.connection()
    rows = [{"kind": "commune", "name": f"Xã Nhắc Việc {i:05d}", "name_key": f"xa nhac viec {i:05d}",
             "short_names": [], "created_at": now} for i in range(recipients)]
    units = list((await connection.execute(insert(Unit).returning(Unit.id), rows)).scalars())
    people = [{"full_name": f"Cán bộ {i:05d}", "role": "officer", "unit_id": u, "active": True,
               "mute_reminders": False, "created_at": now} for i, u in enumerate(units)]
    members = list((await connection.execute(insert(Member).returning(Member.id), people)).scalars())
    chats = [FIRST_CHAT + i for i in range(recipients)]
    await connection.execute(insert(ChannelAccount), [
        {"member_id": m, "channel": "telegram", "external_id": str(c), "chat_id": str(c), "language": "vi",
         "reachable": True, "created_at": now} for m, c in zip(members, chats, strict=True)])
    start = datetime.combine(now.date() + timedelta(days=10), time(14, 0), tzinfo=now.tzinfo)
    meeting = Meeting(title="Hội nghị trực tuyến về công tác TCĐLCL địa phương", start_at=start,
                      registration_cutoff=start - timedelta(days=3), mode="online", created_at=now)
    await create_meeting(session=session, meeting=meeting, invited_unit_ids=units)
    assert meeting.id is not None
    return World(meeting.id, members, chats, units)


async def queue_nudges(*, session: AsyncSession, world: World, now: datetime, key: str = "nudge:bench") -> int:
    """One "Nhắc ngay" row per commune officer, due now."""
    rows = [Planned(key, m, "nudge", f"meeting:{world.meeting_id}", u, now, None, True)
            for m, u in zip(world.members, world.units, strict=True)]
    return await add_rows(session=session, rows=rows, now=now)
