"""`tdc-bot audit list`: who changed, saw or exported what, and when (newest first)."""

from __future__ import annotations

import argparse
import json
from datetime import datetime, time
from typing import TYPE_CHECKING

from bot.commands.common import settings_from, with_session

if TYPE_CHECKING:  # the database stack is imported only when the command runs (start-up time)
    from sqlmodel.ext.asyncio.session import AsyncSession

    from storage.models import AuditEvent


def _day(text: str) -> datetime:
    try:
        return datetime.combine(datetime.strptime(text, "%Y-%m-%d").date(), time())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text[:40]!r}") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("audit", help="the audit log", description="Read the audit log.")
    actions = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    ls = actions.add_parser(
        "list", help="events, newest first",
        description="Actions include roster.view, missing.view, members.view, export.registrations, export.tasks, "
        "access.refused, invite.guess_failed, invite.guess_locked, member.remove, invite.revoke, person.export, "
        "person.erase, registration.save.")
    ls.add_argument("--action", help="only actions starting with this (e.g. 'invite.' or 'export')")
    ls.add_argument("--actor", type=int, help="only this member's actions")
    ls.add_argument("--since", type=_day, help="from this day (YYYY-MM-DD, local time)")
    ls.add_argument("--until", type=_day, help="before this day (YYYY-MM-DD, local time)")
    ls.add_argument("--limit", type=int, default=100, help="at most this many (default 100)")
    ls.add_argument("--json", action="store_true", help="one JSON object per line")
    ls.set_defaults(func=_list)


def _list(args: argparse.Namespace) -> int:
    from storage.audit import list_events

    settings = settings_from(args)

    def local(value: datetime | None) -> datetime | None:
        return value.replace(tzinfo=settings.tz) if value else None

    async def work(session: AsyncSession) -> list[AuditEvent]:
        return await list_events(session=session, action=args.action, actor_id=args.actor, since=local(args.since),
                                 until=local(args.until), limit=max(1, args.limit))

    events = with_session(settings, work)
    for event in events:
        at = event.at.astimezone(settings.tz)
        if args.json:
            print(json.dumps({"id": event.id, "at": at.isoformat(), "actor": event.actor_id, "action": event.action,
                              "subject": event.subject, "detail": event.detail}, ensure_ascii=False))
            continue
        actor = f"member {event.actor_id}" if event.actor_id is not None else "-"
        detail = " ".join(f"{k}={v}" for k, v in event.detail.items())
        print(f"{event.id:>6}  {at:%d/%m/%Y %H:%M:%S}  {actor:<11} {event.action:<22} {event.subject or '-'}  {detail}")
    if not events:
        print("no events")
    return 0
