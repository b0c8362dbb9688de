"""`tdc-bot run`: the bot for real, on Telegram (polling or webhook)."""

from __future__ import annotations

import argparse

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
    from bot.runtime import build_runtime, setup_logging

    settings = settings_from(args)
    token = telegram_token(settings)
    secret = (webhook_secret(settings.telegram.webhook_secret_env, "Telegram webhook secret")
              if settings.telegram.mode == "webhook" else None)
    setup_logging()
    _engine, runtime = build_runtime(settings)
    application = build_application(runtime, token.get_secret_value(), base_url=settings.telegram.base_url,
                                    base_file_url=settings.telegram.base_file_url)
    if secret is not None:
        application.run_webhook(
            listen=settings.telegram.webhook_listen, port=settings.telegram.webhook_port,
            url_path="telegram", webhook_url=settings.telegram.webhook_url or None,
            secret_token=secret.get_secret_value(),
        )
    else:
        application.run_polling()
    return 0
