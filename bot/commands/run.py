"""`tdc-bot run`: the bot for real, on Telegram (polling or webhook)."""

from __future__ import annotations

import argparse
from typing import Any

from bot.commands.common import settings_from


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "run", help="run the bot on Telegram (token from $TDC_TELEGRAM_TOKEN)",
        description="Run the bot. Needs the token in the environment variable named in config "
        "(default TDC_TELEGRAM_TOKEN); webhook mode also needs its secret (TDC_TELEGRAM_WEBHOOK_SECRET). "
        "Run `tdc-bot db upgrade` first.",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from bot.channels.telegram import build_application
    from bot.config import telegram_token, webhook_secret
    from bot.process_lock import hold_single_process_lock
    from bot.runtime import build_runtime, setup_logging

    settings = settings_from(args)
    token = telegram_token(settings)
    secret = (webhook_secret(settings.telegram.webhook_secret_env, "Telegram webhook secret")
              if settings.telegram.mode == "webhook" else None)
    setup_logging()
    sole = hold_single_process_lock(settings.database.url)
    _engine, runtime = build_runtime(settings)
    application = build_application(runtime, token.get_secret_value(), base_url=settings.telegram.base_url,
                                    base_file_url=settings.telegram.base_file_url)
    if settings.reminders.enabled:
        attach_reminders(application, runtime, settings, token.get_secret_value(), sole=sole)
    if secret is not None:
        application.run_webhook(
            listen=settings.telegram.webhook_listen, port=settings.telegram.webhook_port,
            url_path="telegram", webhook_url=settings.telegram.webhook_url or None,
            secret_token=secret.get_secret_value(),
        )
    else:
        application.run_polling()
    return 0


def attach_reminders(application: Any, runtime: Any, settings: Any, token: str, *, sole: bool) -> None:
    """The reminder sender and the scheduler start with the application and stop with it."""
    from bot.channels.telegram_outbound import TelegramOutbound
    from bot.scheduler import ReminderScheduler, build_reminders

    tg = settings.telegram
    outbound = TelegramOutbound(token, base_url=tg.base_url, base_file_url=tg.base_file_url,
                                per_second=tg.send_per_second, per_chat_per_second=tg.send_per_chat_per_second,
                                per_group_per_minute=tg.send_per_group_per_minute,
                                connections=4)
    reminders = build_reminders(settings, runtime.sessions, runtime.clock, {outbound.channel: outbound})
    scheduler = ReminderScheduler(reminders, settings)
    runtime.on_reminders_changed = scheduler.wake_planner
    before_init, before_shutdown = application.post_init, application.post_shutdown

    async def post_init(app: Any) -> None:
        if before_init is not None:
            await before_init(app)
        await outbound.start()
        await reminders.dispatcher.recover(everything=sole)  # the only process: its predecessor's claims
        scheduler.start()

    async def post_shutdown(app: Any) -> None:
        scheduler.shutdown()
        await outbound.close()
        if before_shutdown is not None:
            await before_shutdown(app)

    application.post_init, application.post_shutdown = post_init, post_shutdown
