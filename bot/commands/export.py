"""`tdc-bot export registrations|tasks|petitions …`: the same Excel files organisers get in chat."""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from zoneinfo import ZoneInfo

from bot.commands.common import settings_from, with_session

if TYPE_CHECKING:  # the database stack is imported only when the command runs (start-up time)
    from sqlmodel.ext.asyncio.session import AsyncSession

    from handlers.types import OutFile

Row = TypeVar("Row")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("export", help="export rosters and status tables to Excel",
                       description="Write an .xlsx file laid out the way the Department files it.")
    what = p.add_subparsers(dest="export_what", metavar="WHAT", required=True)
    regs = what.add_parser("registrations", help="a meeting's attendee list",
                           description="STT, đơn vị, họ tên, chức vụ, điện thoại, email, đầu mối.")
    regs.add_argument("--meeting", type=int, required=True, help="meeting id (see `tdc-bot meeting list`)")
    regs.add_argument("--out", type=Path, required=True, help="the .xlsx file to write")
    regs.set_defaults(func=_registrations)
    tasks = what.add_parser(
        "tasks", help="a plan's task status table",
        description="STT, mục, nhiệm vụ, thời gian, đơn vị, vai trò, tình trạng, ghi chú, cập nhật.",
    )
    tasks.add_argument("--plan", type=int, required=True, help="plan id")
    tasks.add_argument("--out", type=Path, required=True, help="the .xlsx file to write")
    tasks.set_defaults(func=_tasks)
    petitions = what.add_parser(
        "petitions", help="a meeting's petitions and the draft report on them",
        description="The .xlsx list (STT, tổ chức, mã số thuế, lĩnh vực, nội dung, đơn vị xử lý, trạng thái, "
                    "trả lời, ngày trả lời) and the .docx draft of the Báo cáo kết quả giải quyết kiến nghị.",
    )
    petitions.add_argument("--meeting", type=int, required=True, help="meeting id (see `tdc-bot meeting list`)")
    petitions.add_argument("--out", type=Path, required=True, help="the .xlsx file to write")
    petitions.add_argument("--report", type=Path, default=None,
                           help="the .docx report to write (default: beside --out, with .docx)")
    petitions.set_defaults(func=_petitions)


def _registrations(args: argparse.Namespace) -> int:
    from handlers.organiser import roster_file
    from storage.models import Meeting

    return _write(args, Meeting, args.meeting, "meeting", "export.registrations",
                  lambda session, meeting, tz, now: roster_file(session=session, meeting=meeting, tz=tz, now=now))


def _tasks(args: argparse.Namespace) -> int:
    from handlers.tasks_export import status_file
    from storage.models import Plan

    return _write(args, Plan, args.plan, "plan", "export.tasks",
                  lambda session, plan, tz, now: status_file(session=session, plan=plan, tz=tz, now=now))


def _petitions(args: argparse.Namespace) -> int:
    """Both files of a meeting's petitions; audited as one export, like /xuat's."""
    from domain.errors import NotFound
    from handlers.petitions_export import petitions_files
    from storage.audit import record
    from storage.models import Meeting

    settings = settings_from(args)

    async def work(session: AsyncSession) -> tuple[OutFile, OutFile]:
        meeting = await session.get(Meeting, args.meeting)
        if meeting is None:
            raise NotFound("meeting", name=str(args.meeting))
        files = await petitions_files(session=session, meeting=meeting, tz=settings.tz, now=datetime.now(settings.tz))
        record(session=session, actor_id=None, action="export.petitions", subject=f"meeting:{args.meeting}",
               via="cli")
        return files

    listed, report = with_session(settings, work)
    report_path = args.report or args.out.with_suffix(".docx")
    for path, file in ((args.out, listed), (report_path, report)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(file.data)
        print(f"wrote {path}")
    return 0


def _write(args: argparse.Namespace, model: type[Row], row_id: int, what: str, action: str,
           build: Callable[[AsyncSession, Row, ZoneInfo, datetime], Awaitable[OutFile]]) -> int:
    """Load the row, build the file with `build(session, row, tz, now)`, write it to --out; the
    export is audited as the chat's is (the actor is the server's administrator: no member)."""
    from domain.errors import NotFound
    from storage.audit import record

    settings = settings_from(args)

    async def work(session: AsyncSession) -> OutFile:
        row = await session.get(model, row_id)
        if row is None:
            raise NotFound(what, name=str(row_id))
        file = await build(session, row, settings.tz, datetime.now(settings.tz))
        record(session=session, actor_id=None, action=action, subject=f"{what}:{row_id}", via="cli")
        return file

    file = with_session(settings, work)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(file.data)
    print(f"wrote {args.out}")
    return 0
