"""`tdc-bot person export|erase`: a person's data on request (Law 91/2025/QH15 on personal data).

A person is a member id, a phone number, or both: an attendee an officer typed in has no account,
only a name and a phone.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.commands.common import settings_from, with_session

if TYPE_CHECKING:  # the database stack is imported only when the command runs (start-up time)
    from sqlmodel.ext.asyncio.session import AsyncSession


def _who(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--member", type=int, help="the member's id (see `tdc-bot member list --all`)")
    parser.add_argument("--phone", help="the person's phone number, as an attendee or member")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("person", help="a person's data: export, erase",
                       description="Everything held on one person, or its erasure, on their request.")
    actions = p.add_subparsers(dest="person_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="everything we hold on a person, as JSON",
                                description="Member rows, channel accounts, attendances, their actions in the audit.")
    _who(export)
    export.add_argument("--out", type=Path, help="the .json file to write (default: print it)")
    export.set_defaults(func=_export)
    erase = actions.add_parser(
        "erase", help="erase a person's data",
        description="Attendee rows become 'Đã xoá' without phone or e-mail (registrations keep their counts); "
        "the member is anonymised and removed, their channel accounts deleted. The erasure is audited "
        "without the data. Without --yes it only says what it would erase.")
    _who(erase)
    erase.add_argument("--yes", action="store_true", help="really erase")
    erase.set_defaults(func=_erase)


def _export(args: argparse.Namespace) -> int:
    from storage.personal_data import export_person, find_person

    async def work(session: AsyncSession) -> dict[str, Any]:
        person = await find_person(session=session, member_id=args.member, phone=args.phone)
        return await export_person(session=session, person=person, via="cli")

    text = json.dumps(with_session(settings_from(args), work), ensure_ascii=False, indent=2)
    if args.out is None:
        print(text)
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


def _erase(args: argparse.Namespace) -> int:
    from storage.personal_data import erase_person, find_person

    settings = settings_from(args)

    async def work(session: AsyncSession) -> dict[str, int]:
        person = await find_person(session=session, member_id=args.member, phone=args.phone)
        counts = await erase_person(session=session, person=person, actor_id=None, now=datetime.now(settings.tz))
        if not args.yes:
            await session.rollback()
        return counts

    counts = with_session(settings, work)
    summary = f"{counts['members']} member(s), {counts['accounts']} channel account(s), " \
              f"{counts['attendances']} attendee row(s)"
    if not args.yes:
        print(f"would erase {summary}; nothing changed. Add --yes to erase.")
        return 2
    print(f"erased {summary}")
    return 0
