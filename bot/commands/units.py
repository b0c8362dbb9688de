"""`tdc-bot units import FILE.csv | list | merge`: the unit directory."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from bot.commands.common import settings_from, with_session

if TYPE_CHECKING:  # the database stack is imported only when the command runs (start-up time)
    from sqlmodel.ext.asyncio.session import AsyncSession

    from storage.models import Unit


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("units", help="the unit directory (divisions, communes, agencies …)",
                       description="Import or list units.")
    actions = p.add_subparsers(dest="units_command", metavar="ACTION", required=True)
    imp = actions.add_parser(
        "import", help="import units from CSV (re-importing updates, never duplicates)",
        description="CSV header: kind,name,short_names,parent. Short names are separated by ';'. "
        "kind is one of department, division, commune, agency, enterprise, service_org, national.",
    )
    imp.add_argument("file", type=Path, help="the CSV file (UTF-8)")
    imp.set_defaults(func=_import)
    ls = actions.add_parser("list", help="list units", description="List units, optionally of one kind.")
    ls.add_argument("--kind", help="only this kind")
    ls.set_defaults(func=_list)
    merge = actions.add_parser(
        "merge", help="merge a self-registered enterprise into a directory unit",
        description="Moves the members, invitations and registrations of an enterprise that registered itself "
        "through a public link (see /dangkymo) to the directory unit it is, then deletes it. The directory "
        "unit keeps its name and takes the tax code, address and contact it lacks.",
    )
    merge.add_argument("source", type=int, help="the self-registered enterprise's number (see `units list`)")
    merge.add_argument("target", type=int, help="the directory unit's number")
    merge.set_defaults(func=_merge)


def _import(args: argparse.Namespace) -> int:
    from storage.units import parse_units_csv, upsert_units

    try:
        text = args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"tdc-bot: cannot read {args.file}: {exc}")
        return 2
    rows = parse_units_csv(text)
    added, updated = with_session(settings_from(args), lambda s: upsert_units(session=s, rows=rows))
    print(f"{len(rows)} rows: {added} added, {updated} updated, {len(rows) - added - updated} unchanged")
    return 0


def _list(args: argparse.Namespace) -> int:
    from storage.units import list_units

    async def work(session: AsyncSession) -> list[Unit]:
        return await list_units(session=session, kind=args.kind)

    for unit in with_session(settings_from(args), work):
        shorts = f" ({'; '.join(unit.short_names)})" if unit.short_names else ""
        mark = "  [self-registered]" if unit.self_registered else ""
        print(f"{unit.id:>5}  {unit.kind:<12} {unit.name}{shorts}{mark}")
    return 0


def _merge(args: argparse.Namespace) -> int:
    from storage.unit_merge import merge_units

    async def work(session: AsyncSession) -> dict[str, int]:
        return await merge_units(session=session, source_id=args.source, target_id=args.target, actor_id=None)

    moved = with_session(settings_from(args), work)
    rows = ", ".join(f"{table} {n}" for table, n in sorted(moved.items())) or "nothing to move"
    print(f"unit {args.source} merged into unit {args.target}: {rows}")
    return 0
