"""The security tier's tools: the Telegram stand-in, and `tdc-bot` run as a real process beside it.

The process runs while the stand-in serves from this test's event loop, so it is started with
asyncio's subprocess API, never a blocking `subprocess.run`.
"""

from __future__ import annotations

import asyncio
import os
import random
import string
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from testkit.telegram_app import TOKEN
from testkit.telegram_standin import BotApiStandin

# The channel tier's running bot (PTB polling the stand-in below, on a real SQLite file), by name.
from tests.channels.conftest import runtime, start_bot, telegram_bot  # noqa: F401

TDC_BOT = str(Path(sys.executable).with_name("tdc-bot"))


def _made_up_token() -> str:
    """Telegram's shape (id, colon, 35 of [A-Za-z0-9]), mixed case and digits like a real one, made
    at run time so that no token-shaped literal sits in the source."""
    rng = random.Random(987654321)
    return "987654321:AAGk4" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(30))


# Well-formed, so it passes our own shape check and reaches Telegram, which refuses it.
WRONG_TOKEN = _made_up_token()


@dataclass
class Finished:
    returncode: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        """The non-empty lines a person sees, stdout and stderr together."""
        return [line for line in (self.stdout + "\n" + self.stderr).splitlines() if line.strip()]


async def run_tdc_bot(*args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 60) -> Finished:
    """`tdc-bot ARGS` in `cwd` with a SQLite database there and no config but what `args` name."""
    full_env = {**os.environ, "TDC_DATABASE_URL": f"sqlite:///{cwd / 'tdc.db'}", **(env or {})}
    full_env.pop("TDC_CONFIG", None)
    process = await asyncio.create_subprocess_exec(
        TDC_BOT, *args, cwd=cwd, env=full_env, stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        out, err = await asyncio.wait_for(process.communicate(), timeout)
    except TimeoutError:
        process.kill()
        out, err = await process.communicate()
        raise AssertionError(
            f"tdc-bot {' '.join(args)} still running after {timeout}s; stderr: {err.decode()!r}") from None
    return Finished(process.returncode if process.returncode is not None else -1, out.decode(), err.decode())


def files_holding(directory: Path, secret: str) -> list[Path]:
    """Every file under `directory` (logs, databases, anything the process left) that holds `secret`."""
    needles = (secret.encode(), secret.split(":", 1)[-1].encode())
    return [path for path in directory.rglob("*") if path.is_file()
            and any(needle in path.read_bytes() for needle in needles)]


def assert_never_shown(result: Finished, secret: str, directory: Path) -> None:
    """Neither the secret nor its secret half (after the bot id) in any output or file."""
    shown = result.stdout + result.stderr
    assert secret not in shown and secret.split(":", 1)[-1] not in shown, shown
    assert files_holding(directory, secret) == []


@pytest.fixture
async def standin() -> AsyncIterator[BotApiStandin]:
    server = BotApiStandin(TOKEN)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


def write_config(directory: Path, body: str) -> Path:
    path = directory / "config.toml"
    path.write_text(body, encoding="utf-8")
    return path
