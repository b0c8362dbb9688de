"""`tdc-bot invite create|list|revoke`: a code and its Telegram deep link; the open ones; withdrawing one."""

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
    p = sub.add_parser("invite", help="invite codes", description="Create, list and revoke invite codes.")
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
    ls = actions.add_parser("list", help="invites that can still be used",
                            description="Invites not used up, not expired and not revoked, newest first.")
    ls.add_argument("--unit", help="only this unit")
    ls.set_defaults(func=_list)
    revoke = actions.add_parser("revoke", help="revoke an unused invite",
                                description="Withdraw an invite by its id (from `invite create` or `invite list`).")
    revoke.add_argument("id", type=int, help="the invite's id")
    revoke.set_defaults(func=_revoke)


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
    print(f"id: {invite.id}\nunit: {unit.name}\nrole: {args.role}\n"
          f"expires: {invite.expires_at.astimezone(settings.tz):%d/%m/%Y %H:%M}")
    print(f"code: {token}")
    bot = settings.telegram.bot_username or "<bot_username>"
    print(f"telegram: https://t.me/{bot}?start={token}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from storage.membership import open_invites
    from storage.models import saved_id
    from storage.units import find_unit

    settings = settings_from(args)

    async def work(session: AsyncSession) -> list[tuple[Invite, Unit]]:
        unit_id = saved_id(await find_unit(session=session, name=args.unit)) if args.unit else None
        return await open_invites(session=session, now=datetime.now(settings.tz), unit_id=unit_id)

    found = with_session(settings, work)
    for invite, unit in found:
        print(f"{invite.id:>5}  {invite.role:<10} uses left {invite.uses_left}  "
              f"expires {invite.expires_at.astimezone(settings.tz):%d/%m/%Y %H:%M}  {unit.name}")
    if not found:
        print("no open invites")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    from storage.membership import revoke_invite

    settings = settings_from(args)

    async def work(session: AsyncSession) -> Invite:
        return await revoke_invite(session=session, invite_id=args.id, now=datetime.now(settings.tz), actor_id=None,
                                   via="cli")

    invite = with_session(settings, work)
    print(f"revoked invite {invite.id} ({invite.role}); it joins nobody now")
    return 0
