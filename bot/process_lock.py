"""One reminder process per SQLite file: a second `tdc-bot run` on the same file is refused.

SQLite would serialise the claims safely (BEGIN IMMEDIATE), but a dispatcher that knows it is
the only one can recover a crashed predecessor's claims at once instead of waiting out a lease,
and SQLite has one writer anyway: a second process adds contention, not throughput. The lock is
an flock on `<database>.lock`, which the OS releases when the process dies, even by SIGKILL.
PostgreSQL needs no such lock: claims use FOR UPDATE SKIP LOCKED and the planner an advisory lock.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

from sqlalchemy.engine import make_url

from bot.config import ConfigError

_held: dict[str, IO[str]] = {}


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def hold_single_process_lock(url: str) -> bool:
    """Take the lock for this process's life; False for PostgreSQL (no lock needed).

    Raises ConfigError, naming the process that holds it, when another process has it.
    """
    path = sqlite_path(url)
    if path is None:
        return False
    lock_path = Path(f"{path}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path, "a+", encoding="utf-8")  # held open for the process's life
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "?"
        handle.close()
        raise ConfigError(
            f"another tdc-bot process (pid {holder}) is already running on {path}: SQLite allows one process "
            "at a time. Stop it first, or use PostgreSQL to run two workers."
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    _held[str(lock_path)] = handle
    return True
