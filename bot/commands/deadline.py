"""`tdc-bot deadline create|edit|cancel|list|status`: deadlines made by hand, and who has submitted.

The due words are read as in letters and chat ("trước ngày 15/12/2026", "chậm nhất ngày
15/12/2026", "thứ sáu tuần sau"; domain.deadline_due): words that place no deadline, and a due
date already past, are refused (exit 2) rather than stored; there is no --force, because a
deadline nobody can meet would only hide a typo. Unit names that match nothing are refused
with the closest names. `--dry-run` reads and matches everything and stores nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.commands.common import settings_from, with_session
from domain.errors import DomainError

if TYPE_CHECKING:  # the database stack is imported only when the command runs (start-up time)
    from zoneinfo import ZoneInfo

    from sqlmodel.ext.asyncio.session import AsyncSession

    from domain.deadline_due import Due
    from storage.models import Deadline

MESSAGES = {
    "due_empty": "give the due date in words, e.g. 'trước ngày 15/12/2026'",
    "due_unplaced": "{text!r} gives no date by which the work is due (ongoing, on request or after an event); "
                    "write a date, e.g. 'trước ngày 15/12/2026'",
    "due_unreadable": "cannot read a due date in {text!r}; write e.g. 'trước ngày 15/12/2026' or "
                      "'chậm nhất ngày 15/12/2026'",
    "due_past": "{text!r} is already past (last day {day}); check the year",
    "due_every_time": "a recurring deadline falls at the start of a day: give {text!r} without a time of day",
    "owed_unmatched": "no unit matches {name!r}{closest}; see `tdc-bot units list`",
    "to_unmatched": "--to {name!r} matches no single unit{closest}",
    "owed_nobody": "nobody would owe it: give --owed-by all-communes, all-divisions or unit names",
    "deadline_not_found": "no deadline {id} (see `tdc-bot deadline list`)",
    "deadline_cancelled": "deadline {id} is cancelled and cannot be changed",
    "nothing_to_change": "nothing to change: give --what or --due",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("deadline", help="deadlines made by hand (hạn nộp báo cáo, danh sách …)",
                       description="Create, edit, cancel and list deadlines, and see who has submitted.")
    actions = p.add_subparsers(dest="deadline_command", metavar="ACTION", required=True)
    create = actions.add_parser(
        "create", help="create a deadline owed by communes, divisions or named units",
        description="The due date in words as letters write it ('trước ngày 15/12/2026': the 15th is too "
        "late; 'chậm nhất ngày 15/12/2026': the 15th still counts). A date already past is refused.")
    create.add_argument("--what", required=True, help="what is asked, e.g. 'Báo cáo kết quả năm 2026'")
    create.add_argument("--due", required=True, help="when, e.g. 'trước ngày 15/12/2026'")
    create.add_argument("--owed-by", action="append", required=True, metavar="UNIT",
                        help="all-communes, all-divisions, or a unit id or name (repeatable)")
    create.add_argument("--to", metavar="UNIT", help="the unit the work is sent to")
    create.add_argument("--every", choices=("year", "quarter", "month"),
                        help="recurring: the same day every year, quarter or month (the next is made when "
                        "one passes)")
    create.add_argument("--dry-run", action="store_true", help="read and match, store nothing")
    create.add_argument("--json", action="store_true", help="print as JSON")
    create.set_defaults(func=lambda a: _guard(_create, a))
    edit = actions.add_parser("edit", help="change what is asked or the due date",
                              description="Change a deadline's description or due date (words as for create).")
    edit.add_argument("id", type=int)
    edit.add_argument("--what")
    edit.add_argument("--due")
    edit.set_defaults(func=lambda a: _guard(_edit, a))
    cancel = actions.add_parser("cancel", help="cancel a deadline: it reminds no one and is no longer listed",
                                description="The deadline is kept (with who submitted) but reminds no one; "
                                "a recurring one stops recurring.")
    cancel.add_argument("id", type=int)
    cancel.set_defaults(func=lambda a: _guard(_cancel, a))
    ls = actions.add_parser("list", help="list deadlines with how many units have submitted",
                            description="Every deadline that is not cancelled, soonest first.")
    ls.add_argument("--all", action="store_true", help="cancelled ones too")
    ls.add_argument("--json", action="store_true", help="print as JSON")
    ls.set_defaults(func=lambda a: _guard(_list, a))
    status = actions.add_parser("status", help="who has submitted and who not",
                                description="Every unit that owes the deadline, submitted or not.")
    status.add_argument("id", type=int)
    status.add_argument("--json", action="store_true", help="print as JSON")
    status.set_defaults(func=lambda a: _guard(_status, a))


def _guard(command: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """A refused command is one line on stderr and exit status 2."""
    try:
        return command(args)
    except DomainError as err:
        template = MESSAGES.get(err.code)
        line = template.format(**err.params) if template else f"{err.code}: {err.params}"
        print(f"tdc-bot: {line}", file=sys.stderr)
        return 2


def _due(text: str, now: datetime) -> Due:
    from domain.deadline_due import read_due

    return read_due(text, now.replace(tzinfo=None))


def _when(value: datetime | None, tz: ZoneInfo) -> str:
    return value.astimezone(tz).strftime("%d/%m/%Y %H:%M") if value else "?"


def _last_day(value: datetime | None, tz: ZoneInfo) -> str | None:
    from domain.reminder_timing import last_day

    return f"{last_day(value, tz):%d/%m/%Y}" if value else None


def _closest(suggestions: tuple[str, ...]) -> str:
    return f" (closest: {', '.join(suggestions)})" if suggestions else ""


def _create(args: argparse.Namespace) -> int:
    from domain.deadline_due import recurrence_for
    from domain.deadline_owed import match_owed
    from domain.errors import InvalidInput
    from storage.deadlines import DeadlineSpec, create_deadline
    from storage.plans import unit_index
    from storage.types import local_aware

    settings = settings_from(args)
    now = datetime.now(settings.tz)
    due = _due(args.due, now)
    rule = recurrence_for(args.every, due, args.due) if args.every else None

    async def work(session: AsyncSession) -> dict[str, Any]:
        index = await unit_index(session=session)
        owed = match_owed(index, args.owed_by)
        if owed.missed:
            miss = owed.missed[0]
            raise InvalidInput("owed_unmatched", name=miss.written, closest=_closest(miss.suggestions))
        if not owed.units:
            raise InvalidInput("owed_nobody")
        names = {u.id: u.name for u in index.units}
        to_text = None
        if args.to:
            to = index.match(args.to)
            to_id = int(args.to) if args.to.isdecimal() and int(args.to) in names else to.unit_id
            if to_id is None:
                raise InvalidInput("to_unmatched", name=args.to, closest=_closest(to.suggestions))
            to_text = names[to_id]
        spec = DeadlineSpec(what=args.what.strip(), due_text=args.due.strip(), due_at=local_aware(due.at, settings.tz),
                            owed_by=tuple(owed.written), owed_unit_ids=tuple(owed.unit_ids), to_text=to_text,
                            recurrence=rule)
        payload: dict[str, Any] = {"what": spec.what, "due": {"text": spec.due_text, "at": spec.due_at.isoformat()
                                                              if spec.due_at else None,
                                                              "last_day": _last_day(spec.due_at, settings.tz)},
                                   "to": to_text, "recurrence": rule.as_json() if rule else None,
                                   "dry_run": args.dry_run, "id": None}
        if args.dry_run:
            payload["owed"] = owed.units
            return payload
        saved = await create_deadline(session=session, spec=spec, actor_id=None, index=index)
        if not saved.owed:  # the only unit named is the one it is sent to
            raise InvalidInput("owed_nobody")
        payload |= {"id": saved.deadline.id, "owed": len(saved.owed),
                    "owed_units": [{"id": i, "name": names.get(i)} for i in saved.owed], "groups": saved.groups}
        return payload

    payload = with_session(settings, work)
    if args.json:
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    head = f"deadline {payload['id']}" if payload["id"] else "dry run (nothing stored)"
    print(f"{head}: {payload['what']}")
    print(f"due {payload['due']['text']} (last day {payload['due']['last_day']}); owed by {payload['owed']} units"
          + (f", sent to {payload['to']}" if payload["to"] else ""))
    if rule:
        print(f"recurs: {rule.text}")
    return 0


def _edit(args: argparse.Namespace) -> int:
    from domain.errors import InvalidInput
    from storage.deadlines import update_deadline
    from storage.types import local_aware

    if args.what is None and args.due is None:
        raise InvalidInput("nothing_to_change")
    settings = settings_from(args)
    now = datetime.now(settings.tz)
    due_at = local_aware(_due(args.due, now).at, settings.tz) if args.due else None

    async def work(session: AsyncSession) -> Deadline:
        return await update_deadline(session=session, deadline_id=args.id, actor_id=None, now=now,
                                     what=args.what.strip() if args.what else None,
                                     due_text=args.due.strip() if args.due else None, due_at=due_at)

    deadline = _not_found_as_id(args.id, lambda: with_session(settings, work))
    print(f"deadline {deadline.id}: {deadline.what}")
    print(f"due {deadline.due_text} (last day {_last_day(deadline.due_at, settings.tz)})")
    return 0


def _not_found_as_id(deadline_id: int, run: Callable[[], Deadline]) -> Deadline:
    """storage says which id it could not find; the message wants it too."""
    from domain.errors import NotFound

    try:
        return run()
    except NotFound as err:
        raise NotFound("deadline_not_found", id=deadline_id) from err


def _cancel(args: argparse.Namespace) -> int:
    from storage.deadlines import cancel_deadline

    settings = settings_from(args)
    now = datetime.now(settings.tz)

    async def work(session: AsyncSession) -> Deadline:
        return await cancel_deadline(session=session, deadline_id=args.id, actor_id=None, now=now)

    deadline = _not_found_as_id(args.id, lambda: with_session(settings, work))
    print(f"deadline {deadline.id} cancelled: {deadline.what} (it reminds no one from now on)")
    return 0


def _list(args: argparse.Namespace) -> int:
    from storage.deadline_lists import DeadlineLine, list_deadlines

    settings = settings_from(args)

    async def work(session: AsyncSession) -> list[DeadlineLine]:
        return await list_deadlines(session=session, include_cancelled=args.all)

    lines = with_session(settings, work)
    if args.json:
        print(json.dumps([{"id": x.deadline.id, "what": x.deadline.what, "due_text": x.deadline.due_text,
                           "due_at": x.deadline.due_at.isoformat() if x.deadline.due_at else None,
                           "source": x.deadline.source, "owed": x.owed, "submitted": x.submitted,
                           "series_id": x.deadline.series_id,
                           "cancelled": x.deadline.cancelled_at is not None} for x in lines],
                         ensure_ascii=False, indent=2))
        return 0
    if not lines:
        print("no deadlines")
    for x in lines:
        d = x.deadline
        mark = " (cancelled)" if d.cancelled_at else " (recurring)" if d.recurrence else ""
        print(f"{d.id:>4}  {_when(d.due_at, settings.tz)}  {x.submitted}/{x.owed} submitted  "
              f"[{d.source or ('plan' if d.plan_id else 'meeting')}]  {_short(d.what)}{mark}")
    return 0


def _short(text: str, width: int = 90) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[:width - 1] + "…"


def _status(args: argparse.Namespace) -> int:
    from domain.errors import NotFound
    from storage.models import Deadline, DeadlineUnit, Unit
    from storage.plans import deadline_status

    settings = settings_from(args)

    async def work(session: AsyncSession) -> tuple[Deadline, list[tuple[DeadlineUnit, Unit]]]:
        deadline = await session.get(Deadline, args.id)
        if deadline is None:
            raise NotFound("deadline_not_found", id=args.id)
        return deadline, await deadline_status(session=session, deadline_id=args.id)

    deadline, status = with_session(settings, work)
    done = [(o, u) for o, u in status if o.submitted_at]
    waiting = [u for o, u in status if not o.submitted_at]
    if args.json:
        print(json.dumps({"id": deadline.id, "what": deadline.what, "due_text": deadline.due_text,
                          "cancelled": deadline.cancelled_at is not None,
                          "submitted": [{"unit_id": u.id, "unit": u.name, "at": o.submitted_at.isoformat()
                                         if o.submitted_at else None} for o, u in done],
                          "waiting": [{"unit_id": u.id, "unit": u.name} for u in waiting]},
                         ensure_ascii=False, indent=2))
        return 0
    print(f"deadline {deadline.id}: {deadline.what}" + (" (cancelled)" if deadline.cancelled_at else ""))
    print(f"due {deadline.due_text or _when(deadline.due_at, settings.tz)}; {len(done)}/{len(status)} submitted")
    for o, u in done:
        print(f"  submitted  {u.name} ({_when(o.submitted_at, settings.tz)})")
    for u in waiting:
        print(f"  waiting    {u.name}")
    return 0



