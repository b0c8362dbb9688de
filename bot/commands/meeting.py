"""`tdc-bot meeting create|list`: meetings from the command line (times in words or ISO)."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING

from bot.commands.common import settings_from, with_session

if TYPE_CHECKING:  # the database stack is imported only when the command runs (start-up time)
    from sqlmodel.ext.asyncio.session import AsyncSession

    from storage.models import Meeting

MODES = ("online", "in_person", "hybrid")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("meeting", help="meetings", description="Create and list meetings.")
    actions = p.add_subparsers(dest="meeting_command", metavar="ACTION", required=True)
    create = actions.add_parser(
        "create", help="create a meeting open for registration",
        description="Times may be written as in letters ('14h00 ngày 28/5/2026', 'trước ngày 26/5/2026') "
        "or as ISO (2026-05-28T14:00).",
    )
    create.add_argument("--title", required=True)
    create.add_argument("--start", required=True, help="when it starts, e.g. '14h00 ngày 28/5/2026'")
    create.add_argument("--cutoff", required=True, help="registration closes, e.g. 'trước ngày 26/5/2026'")
    create.add_argument("--mode", choices=MODES, default="online")
    create.add_argument("--location")
    create.add_argument("--join-url")
    create.add_argument("--attendance", help="who must attend (roles, as the letter says)")
    create.add_argument("--contact-name")
    create.add_argument("--contact-phone")
    create.add_argument("--document-number")
    create.add_argument("--tentative", action="store_true", help="the time is 'dự kiến'")
    create.add_argument("--invite", nargs="+", default=["all-communes"], metavar="UNIT",
                        help="'all-communes' (default) or unit names")
    create.set_defaults(func=_create)
    ls = actions.add_parser("list", help="list meetings", description="List meetings.")
    ls.set_defaults(func=_list)


def _create(args: argparse.Namespace) -> int:
    from domain.meeting_times import read_moment
    from domain.phones import canonical_phone
    from storage.meetings import create_meeting, unit_ids_of_kind
    from storage.models import Meeting, saved_id
    from storage.units import find_unit

    settings = settings_from(args)
    now = datetime.now(settings.tz)
    start = read_moment(args.start, now=now, tz=settings.tz, edge="start")
    cutoff = read_moment(args.cutoff, now=now, tz=settings.tz, edge="cutoff")

    async def work(session: AsyncSession) -> tuple[Meeting, int]:
        if args.invite == ["all-communes"]:
            unit_ids = await unit_ids_of_kind(session=session, kind="commune")
        else:
            unit_ids = [saved_id(await find_unit(session=session, name=name)) for name in args.invite]
        meeting = Meeting(
            title=args.title, start_at=start, registration_cutoff=cutoff, mode=args.mode,
            location=args.location, join_url=args.join_url, attendance=args.attendance,
            contact_name=args.contact_name,
            contact_phone=canonical_phone(args.contact_phone) if args.contact_phone else None,
            document_number=args.document_number, tentative=args.tentative,
        )
        await create_meeting(session=session, meeting=meeting, invited_unit_ids=unit_ids)
        return meeting, len(unit_ids)

    meeting, count = with_session(settings, work)
    print(f"meeting {meeting.id}: {meeting.title}")
    print(f"starts {start:%d/%m/%Y %H:%M}, registration closes {cutoff:%d/%m/%Y %H:%M}; {count} units invited")
    return 0


def _list(args: argparse.Namespace) -> int:
    from storage.meetings import list_meetings

    settings = settings_from(args)

    async def work(session: AsyncSession) -> list[Meeting]:
        return await list_meetings(session=session)

    for m in with_session(settings, work):
        when = m.start_at.astimezone(settings.tz).strftime("%d/%m/%Y %H:%M") if m.start_at else "?"
        print(f"{m.id:>4}  {when}  [{m.status}]  {m.title}")
    return 0
