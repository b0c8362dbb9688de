"""`tdc-bot export registrations|tasks …`: the same Excel files organisers get in chat."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from bot.commands.common import settings_from, with_session


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export rosters and status tables to Excel",
                       description="Write an .xlsx file laid out the way the Department files it.")
    what = p.add_subparsers(dest="export_what", metavar="WHAT", required=True)
    regs = what.add_parser("registrations", help="a meeting's attendee list",
                           description="STT, đơn vị, họ tên, chức vụ, điện thoại, email, đầu mối.")
    regs.add_argument("--meeting", type=int, required=True, help="meeting id (see `tdc-bot meeting list`)")
    regs.add_argument("--out", type=Path, required=True, help="the .xlsx file to write")
    regs.set_defaults(func=_registrations)
    try:
        from handlers.tasks_export import register_cli  # issue: plans and tasks

        register_cli(what)
    except ImportError:
        pass


def _registrations(args: argparse.Namespace) -> int:
    from domain.errors import NotFound
    from handlers.organiser import roster_file
    from storage.models import Meeting

    settings = settings_from(args)

    async def work(session):  # type: ignore[no-untyped-def]
        meeting = await session.get(Meeting, args.meeting)
        if meeting is None:
            raise NotFound("meeting", name=str(args.meeting))
        return await roster_file(session=session, meeting=meeting, tz=settings.tz, now=datetime.now(settings.tz))

    file = with_session(settings, work)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(file.data)
    print(f"wrote {args.out}")
    return 0
