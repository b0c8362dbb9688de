"""Module-level functions a child process can import by name (handlers.worker runs them)."""

from __future__ import annotations

import os
from pathlib import Path


def spin(*_: object) -> None:
    """Never returns: CPU work with no end, as a hostile document can be."""
    while True:
        pass


def spin_after_pid(pid_file: str) -> None:
    Path(pid_file).write_text(str(os.getpid()), encoding="utf-8")
    spin()


def grab_memory(gigabytes: int) -> int:
    return len(bytearray(gigabytes * 1024**3))


def double(value: int) -> int:
    return value * 2
