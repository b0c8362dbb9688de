"""`tdc-bot meeting create|list|update`: meetings from the command line (times in words or ISO);
`update` also opens and closes a meeting's public registration link (issue 15)."""

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
    up = actions.add_parser(
        "update", help="change a meeting's link, time or place, or cancel it; the units are told",
        description="Saves the change and queues one announcement to the officers of every registered unit "
        "(and of every invited unit for a change of time or a cancellation). A new --start is a confirmed "
        "time unless --tentative is given. Sent by `tdc-bot run` in working hours.",
    )
    up.add_argument("id", type=int, help="the meeting number (see `tdc-bot meeting list`)")
    up.add_argument("--join-url", help="the online meeting's link (https://…)")
    up.add_argument("--start", help="new start, e.g. '14h00 ngày 28/5/2026'")
    up.add_argument("--location")
    up.add_argument("--tentative", action="store_true", help="the new time is still 'dự kiến'")
    up.add_argument("--confirm", action="store_true", help="the time as it is is now confirmed (not 'dự kiến')")
    up.add_argument("--cancel", action="store_true", help="cancel the meeting")
    up.add_argument("--open-registration", action="store_true",
                    help="open registration to anyone with the public link (enterprises); prints the t.me link "
                    "and the Zalo code for the notice")
    up.add_argument("--close-registration", action="store_true",
                    help="close the public link (it then answers that registration is closed)")
    up.add_argument("--cap", type=int, metavar="N",
                    help="with --open-registration: at most N organisations (default [open_registration] "
                    "max_organisations)")
    up.set_defaults(func=_update)


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


def _open_registration(args: argparse.Namespace) -> int:
    from domain.open_registration import show_short_code
    from storage.open_registration import close_link, open_link

    settings = settings_from(args)
    now = datetime.now(settings.tz)
    if args.cap is not None and args.cap < 1:
        print("--cap must be 1 or more")
        return 2

    async def work(session: AsyncSession) -> Meeting:
        if args.close_registration:
            return await close_link(session=session, meeting_id=args.id, actor_id=None, now=now)
        return await open_link(session=session, meeting_id=args.id,
                               cap=args.cap or settings.open_registration.max_organisations, actor_id=None, now=now)

    meeting = with_session(settings, work)
    if args.close_registration:
        print(f"meeting {meeting.id}: public registration closed ({meeting.open_count} organisations registered)")
        return 0
    assert meeting.open_code is not None and meeting.open_short_code is not None
    bot = settings.telegram.bot_username or "<bot_username>"
    print(f"meeting {meeting.id}: public registration open, at most {meeting.open_cap} organisations "
          f"({meeting.open_count} registered)")
    print(f"telegram: https://t.me/{bot}?start={meeting.open_code}")
    print(f"zalo code: {show_short_code(meeting.open_short_code)}")
    return 0


def _update(args: argparse.Namespace) -> int:
    if args.open_registration or args.close_registration:
        if args.open_registration and args.close_registration:
            print("give --open-registration or --close-registration, not both")
            return 2
        return _open_registration(args)
    from bot.planner import calendar_from, policy_from
    from domain.meeting_times import read_moment
    from handlers.announcements import announce
    from storage.meeting_changes import change_meeting

    settings = settings_from(args)
    now = datetime.now(settings.tz)
    changes: dict[str, object] = {}
    if args.join_url:
        changes["join_url"] = args.join_url
    if args.location:
        changes["location"] = args.location
    if args.start:
        changes["start_at"] = read_moment(args.start, now=now, tz=settings.tz, edge="start")
        changes["tentative"] = bool(args.tentative)
    elif args.confirm:
        changes["tentative"] = False
    if args.cancel:
        changes = {"status": "cancelled"}
    if not changes:
        print("nothing to change: give --join-url, --start, --location, --confirm or --cancel")
        return 2
    calendar, hours = calendar_from(settings), policy_from(settings).hours

    async def work(session):  # type: ignore[no-untyped-def]
        changed = await change_meeting(session=session, meeting_id=args.id, changes=changes, actor_id=None, now=now,
                                       tz=settings.tz, calendar=calendar)
        who = await announce(session=session, changed=changed, now=now, tz=settings.tz, calendar=calendar,
                             hours=hours) if changed.diff else None
        return changed, who

    changed, who = with_session(settings, work)
    if not changed.diff:
        print(f"meeting {args.id}: nothing changed")
        return 0
    for field, (old, new) in changed.diff.items():
        print(f"meeting {args.id}: {field}: {old} -> {new}")
    print(f"announcement queued for {len(who.people)} people of {who.units} units "
          f"(sequence {changed.meeting.sequence})")
    return 0
