"""`tdc-bot db upgrade|current|check`: the schema, owned by Alembic."""

from __future__ import annotations

import argparse
import sys

from bot.commands.common import settings_from


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("db", help="database schema (migrations)", description="Manage the database schema.")
    actions = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = actions.add_parser("upgrade", help="create or upgrade the schema to the latest version",
                            description="Apply every pending migration; running it twice changes nothing.")
    up.set_defaults(func=_upgrade)
    cur = actions.add_parser("current", help="print the schema version", description="Print the schema version.")
    cur.set_defaults(func=_current)
    chk = actions.add_parser("check", help="exit 1 if the tables differ from the models",
                             description="Compare the database with the models (autogenerate diff).")
    chk.set_defaults(func=_check)


def _upgrade(args: argparse.Namespace) -> int:
    from storage.migrate import current_revision, upgrade

    url = settings_from(args).database.url
    upgrade(url, on_wait=_say_waiting)
    print(f"database is at revision {current_revision(url)}")
    return 0


def _say_waiting() -> None:
    print("tdc-bot: đang chờ một lệnh `db upgrade` khác chạy xong… (waiting for another migration)",
          file=sys.stderr, flush=True)


def _current(args: argparse.Namespace) -> int:
    from storage.migrate import current_revision, head_revision

    url = settings_from(args).database.url
    print(f"current: {current_revision(url)}  head: {head_revision(url)}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from storage.migrate import pending_changes

    diff = pending_changes(settings_from(args).database.url)
    for change in diff:
        print(change)
    return 1 if diff else 0
