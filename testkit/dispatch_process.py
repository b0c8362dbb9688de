"""The dispatcher as a separate process (`tdc-bot reminders dispatch`), to be killed and restarted.

The crash test and bench/fanout start it against a database and the Bot API stand-in, SIGKILL
it while it sends, start it again, and count what arrived. The process is the real command
line: config file, token from the environment, the SQLite single-process lock, recovery at start.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Awaitable
from pathlib import Path

from testkit.telegram_app import TOKEN


def write_config(path: Path, *, database_url: str, base_url: str, per_second: float, per_chat_per_second: float,
                 concurrency: int = 8, batch_size: int = 100) -> Path:
    """A config.toml for the dispatcher process: the stand-in's URL, scaled limits, any hour of the day."""
    path.write_text(f"""
[database]
url = "{database_url}"

[telegram]
base_url = "{base_url}"
send_per_second = {per_second}
send_per_chat_per_second = {per_chat_per_second}

[reminders]
concurrency = {concurrency}
batch_size = {batch_size}

[working_hours]
send_only_in_working_hours = false
""", encoding="utf-8")
    return path


def write_zalo_config(path: Path, *, database_url: str, base_url: str, budget: int = 0, concurrency: int = 8,
                      batch_size: int = 50) -> Path:
    """A config.toml for a Zalo-only dispatcher process against the Zalo stand-in."""
    path.write_text(f"""
[database]
url = "{database_url}"

[telegram]
enabled = false

[zalo]
enabled = true
base_url = "{base_url}"
monthly_message_budget = {budget}

[reminders]
concurrency = {concurrency}
batch_size = {batch_size}

[working_hours]
send_only_in_working_hours = false
""", encoding="utf-8")
    return path


async def start_dispatcher(config: Path, log: Path, *, token: str = TOKEN,
                           extra_env: dict[str, str] | None = None) -> asyncio.subprocess.Process:
    """`tdc-bot --config CONFIG reminders dispatch`: sends until nothing is due, then exits.

    Its output goes to `log` (appended), not to a pipe nobody reads while it runs.
    """
    env = {**os.environ, "TDC_TELEGRAM_TOKEN": token, "PYTHONUNBUFFERED": "1", **(extra_env or {})}
    env.pop("TDC_DATABASE_URL", None)
    with open(log, "ab") as out:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "--config", str(config), "reminders", "dispatch",
            stdout=out, stderr=out, env=env)


async def until_reached_or_exited(process: asyncio.subprocess.Process, reached: Awaitable[None]) -> None:
    """Wait for `reached` (a stand-in's `wait_until`) or for the process to exit, whichever comes first.

    The stand-in wakes its waiters only when a request arrives, so a dispatcher that drains and exits
    short of the kill point (rows in flight at earlier kills stay `uncertain`, never sent) would leave
    a waiter on "has it exited?" asleep until its timeout. A timeout of `reached` still fails.
    """
    waiting = asyncio.ensure_future(reached)
    exited = asyncio.ensure_future(process.wait())
    done, _ = await asyncio.wait({waiting, exited}, return_when=asyncio.FIRST_COMPLETED)
    if waiting in done:
        exited.cancel()
        waiting.result()
    else:
        waiting.cancel()


async def kill(process: asyncio.subprocess.Process) -> None:
    """SIGKILL: no cleanup, no commit, the way a crash or an OOM kill ends a process."""
    if process.returncode is None:
        process.send_signal(signal.SIGKILL)
    await process.wait()


async def finish(process: asyncio.subprocess.Process, timeout: float = 120) -> int:
    """Wait for a normal exit; its return code."""
    return await asyncio.wait_for(process.wait(), timeout)
