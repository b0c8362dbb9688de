"""What the subcommands share: settings from the arguments, and a session to work in."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

from bot.config import Settings, load_settings

if TYPE_CHECKING:  # the database stack is imported only by the commands that use it (start-up time)
    from sqlmodel.ext.asyncio.session import AsyncSession

T = TypeVar("T")


def settings_from(args: argparse.Namespace) -> Settings:
    return load_settings(getattr(args, "config", None))


def with_session(settings: Settings, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run `work` in one session on the configured database and commit it if it returns."""
    from storage.engine import make_async_engine, session_factory

    async def go() -> T:
        engine = make_async_engine(settings.database.url, busy_timeout_ms=settings.database.busy_timeout_ms)
        try:
            async with session_factory(engine)() as session:
                result = await work(session)
                await session.commit()
                return result
        finally:
            await engine.dispose()

    return asyncio.run(go())
