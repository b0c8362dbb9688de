"""`tdc-bot invite create --unit NAME --role ROLE`: a code and its Telegram deep link."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING

from bot.commands.common import settings_from, with_session

if TYPE_CHECKING:  # the database stack is imported only when the command runs (start-up time)
    from sqlmodel.ext.asyncio.session import AsyncSession

    from storage.models import Invite, Unit

ROLES = ("admin", "organizer", "unit_head", "officer")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("invite", help="invite codes", description="Create invite codes.")
    actions = p.add_subparsers(dest="invite_command", metavar="ACTION", required=True)
    create = actions.add_parser(
        "create", help="create a single-use, expiring invite code",
        description="Print a new invite code for a unit and role, and its Telegram deep link.",
    )
    create.add_argument("--unit", required=True, help="unit name or short name (diacritics optional)")
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--days", type=int, help="days the code stays valid (default from config)")
    create.add_argument("--uses", type=int, default=1, help="how many people may use it (default 1)")
    create.set_defaults(func=_create)


def _create(args: argparse.Namespace) -> int:
    from storage.members import create_invite
    from storage.models import saved_id
    from storage.units import find_unit

    settings = settings_from(args)

    async def work(session: AsyncSession) -> tuple[Unit, Invite, str]:
        unit = await find_unit(session=session, name=args.unit)
        invite, token = await create_invite(
            session=session, unit_id=saved_id(unit), role=args.role, now=datetime.now(settings.tz),
            valid_days=args.days or settings.invites.valid_days, uses=max(1, args.uses),
        )
        return unit, invite, token

    unit, invite, token = with_session(settings, work)
    print(f"unit: {unit.name}\nrole: {args.role}\nexpires: {invite.expires_at.astimezone(settings.tz):%d/%m/%Y %H:%M}")
    print(f"code: {token}")
    bot = settings.telegram.bot_username or "<bot_username>"
    print(f"telegram: https://t.me/{bot}?start={token}")
    return 0
