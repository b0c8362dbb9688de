"""Our PTB Application started against the Telegram stand-in exactly as `run_polling` starts it.

Tests and benches both use this, so there is one start-up sequence (initialize, post_init,
polling, start; and the reverse at the end) and one way to know an update was handled.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import Update
from telegram.ext import Application, ContextTypes, TypeHandler

from bot.channels.telegram import build_application
from bot.dispatch import Runtime
from testkit.telegram_standin import BotApiStandin

TOKEN = "123456789:" + "A" * 35  # well-formed, fake


class Processed:
    """Which updates the application has finished (replies sent), from a handler in a later group.

    PTB runs the groups of one update in order, so this handler runs once ours has returned,
    even when ours raised. Callers await it instead of sleeping.
    """

    def __init__(self) -> None:
        self.counts: Counter[int] = Counter()
        self._changed = asyncio.Event()

    async def on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        self.counts[update.update_id] += 1
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    async def wait(self, update_id: int, times: int = 1, timeout: float = 5) -> None:
        try:
            async with asyncio.timeout(timeout):
                while self.counts[update_id] < times:
                    await self._changed.wait()
        except TimeoutError:
            raise AssertionError(f"update {update_id} not handled {times}x within {timeout}s") from None


def make_application(runtime: Runtime, standin: BotApiStandin, *, token: str = TOKEN,
                     rate_limit: bool = True) -> tuple[Application, Processed]:
    """Our application against the stand-in (rate limiter on, as in production, unless asked),
    plus a `Processed` handler that runs after ours."""
    application = build_application(runtime, token, base_url=standin.base_url,
                                    base_file_url=standin.base_file_url, rate_limit=rate_limit)
    processed = Processed()
    application.add_handler(TypeHandler(Update, processed.on_update), group=1)
    return application, processed


@asynccontextmanager
async def polling(application: Application, *, timeout: int = 1) -> AsyncIterator[Application]:
    """Run the application the way `run_polling` does, and stop it the same way."""
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0, timeout=timeout)
    await application.start()
    try:
        yield application
    finally:
        await application.updater.stop()
        await application.stop()
        await application.shutdown()
