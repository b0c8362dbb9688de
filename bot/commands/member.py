"""`tdc-bot member list|remove`: who uses the assistant for which unit, and taking someone off."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from bot.commands.common import settings_from, with_session

if TYPE_CHECKING:  # the database stack is imported only when the command runs (start-up time)
    from sqlmodel.ext.asyncio.session import AsyncSession

    from storage.models import Member, Unit


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("member", help="members: list, remove",
                       description="List members, or remove one (they can be invited again later).")
    actions = p.add_subparsers(dest="member_command", metavar="ACTION", required=True)
    ls = actions.add_parser("list", help="members with their units and roles")
    ls.add_argument("--unit", help="only this unit (name or short name)")
    ls.add_argument("--all", action="store_true", help="include removed members")
    ls.set_defaults(func=_list)
    rm = actions.add_parser("remove", help="remove a member (inactive; a new invite brings them back)",
                            description="The member stops receiving anything and cannot use the assistant; "
                            "their registrations stay. To erase their data, use `tdc-bot person erase`.")
    rm.add_argument("id", type=int, help="the member's id (see `member list`)")
    rm.set_defaults(func=_remove)


def _list(args: argparse.Namespace) -> int:
    from storage.membership import all_members
    from storage.models import saved_id
    from storage.units import find_unit

    async def work(session: AsyncSession) -> list[tuple[Member, Unit]]:
        unit_id = saved_id(await find_unit(session=session, name=args.unit)) if args.unit else None
        return await all_members(session=session, unit_id=unit_id, include_removed=args.all)

    rows = with_session(settings_from(args), work)
    for member, unit in rows:
        state = "" if member.active else "  (removed)"
        print(f"{member.id:>5}  {member.role:<10} {member.full_name}  – {unit.name}{state}")
    if not rows:
        print("no members")
    return 0


def _remove(args: argparse.Namespace) -> int:
    from storage.membership import remove_member

    async def work(session: AsyncSession) -> Member:
        return await remove_member(session=session, member_id=args.id, actor_id=None, via="cli")

    member = with_session(settings_from(args), work)
    print(f"removed member {member.id} ({member.role}); a new invite brings them back")
    return 0
