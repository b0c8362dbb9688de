"""`tdc-bot run`: the bot for real, on Telegram and/or Zalo (polling or webhook), in one process."""

from __future__ import annotations

import argparse
import asyncio

from bot.commands.common import settings_from


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "run", help="run the bot on the configured channels (Telegram, Zalo, or both)",
        description="Run the bot on every channel enabled in config: Telegram (token in $TDC_TELEGRAM_TOKEN) "
        "and/or Zalo (token in $TDC_ZALO_TOKEN). Webhook modes also need their secrets "
        "(TDC_TELEGRAM_WEBHOOK_SECRET, TDC_ZALO_WEBHOOK_SECRET). Stops cleanly on Ctrl-C or SIGTERM. "
        "Run `tdc-bot db upgrade` first.",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from bot.runner import channel_services, serve
    from bot.runtime import build_runtime, setup_logging

    settings = settings_from(args)

    async def main() -> None:
        engine, runtime = build_runtime(settings)
        try:
            channels = channel_services(settings, runtime)  # secrets checked before logging starts
            setup_logging()
            await serve(settings, runtime, channels=channels)
        finally:
            await engine.dispose()

    asyncio.run(main())
    return 0
