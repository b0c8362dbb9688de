"""`tdc-bot run` in one asyncio loop: every configured channel, then the background services.

Order of start: the channels (Telegram, Zalo: whichever are configured), then the background
services (the reminder scheduler goes in `background_services`). Order of stop, on SIGINT or
SIGTERM: the reverse. A channel that fails to start stops the ones already started, and the
error reaches the command line as one line.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from bot.channels.outbound import Outbound
from bot.config import ConfigError, Settings, telegram_token, webhook_secret
from bot.dispatch import Runtime
from bot.redact import register_secret

log = logging.getLogger(__name__)


class Service(Protocol):
    """Something `run` starts and stops: a channel, or a background job runner."""

    name: str

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class TelegramService:
    """PTB's Application started by hand (what run_polling / run_webhook do, without owning the loop)."""

    name = "telegram"

    def __init__(self, settings: Settings, runtime: Runtime) -> None:
        from bot.channels.telegram import build_application

        cfg = settings.telegram
        token = telegram_token(settings).get_secret_value()
        self.secret = (webhook_secret(cfg.webhook_secret_env, "Telegram webhook secret").get_secret_value()
                       if cfg.mode == "webhook" else None)
        for secret in (token, self.secret):
            if secret:
                register_secret(secret)
        self.settings = settings
        self.application = build_application(runtime, token, base_url=cfg.base_url,
                                             base_file_url=cfg.base_file_url)
        from bot.channels.telegram_outbound import TelegramOutbound

        # Its own Bot (no AIORateLimiter retrying 429s behind the dispatcher's back), Telegram's limits.
        self.outbound = TelegramOutbound(token, base_url=cfg.base_url, base_file_url=cfg.base_file_url,
                                         per_second=cfg.send_per_second,
                                         per_chat_per_second=cfg.send_per_chat_per_second,
                                         per_group_per_minute=cfg.send_per_group_per_minute)
        self._running = False

    async def start(self) -> None:
        app, cfg = self.application, self.settings.telegram
        await app.initialize()
        if app.post_init is not None:
            await app.post_init(app)
        assert app.updater is not None
        if self.secret is not None:
            await app.updater.start_webhook(listen=cfg.webhook_listen, port=cfg.webhook_port, url_path="telegram",
                                            webhook_url=cfg.webhook_url or None, secret_token=self.secret)
        else:
            await app.updater.start_polling()
        await app.start()
        await self.outbound.start()
        self._running = True

    async def stop(self) -> None:
        app = self.application
        await self.outbound.close()
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if self._running:
            await app.stop()
            self._running = False
        await app.shutdown()


def channel_services(settings: Settings, runtime: Runtime) -> list[Any]:
    """The configured channels, secrets checked before anything starts (one-line errors)."""
    services: list[Any] = []
    if settings.telegram.enabled:
        services.append(TelegramService(settings, runtime))
    if settings.zalo.enabled:
        from bot.channels.zalo_service import ZaloOptions, ZaloService

        services.append(ZaloService(runtime, ZaloOptions.from_settings(settings)))
    if not services:
        raise ConfigError("no channel to run: set [telegram] enabled = true or [zalo] enabled = true")
    return services


def background_services(settings: Settings, runtime: Runtime, outbounds: dict[str, Outbound]) -> list[Service]:
    """Started after the channels, stopped before them: the reminder planner and dispatcher.

    `outbounds` maps a channel name to its sender for messages outside an update (Telegram's is
    TelegramOutbound, Zalo's ZaloOutbound), for the dispatcher to pick by the recipient account's
    channel. Built before anything starts: on SQLite a second process is refused here.
    """
    if not settings.reminders.enabled or not outbounds:
        return []
    from bot.scheduler import ReminderService

    def on_change(wake: Callable[[], None]) -> None:
        runtime.on_reminders_changed = wake

    return [ReminderService(settings, runtime.sessions, runtime.clock, outbounds, on_change)]


async def serve(settings: Settings, runtime: Runtime, *, stop: asyncio.Event | None = None,
                channels: Sequence[Any] | None = None) -> None:
    """Start everything, wait for `stop` (or SIGINT / SIGTERM), stop everything in reverse."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signum, stop.set)
    services = list(channels) if channels is not None else channel_services(settings, runtime)
    outbounds = {s.name: s.outbound for s in services if getattr(s, "outbound", None) is not None}
    started: list[Any] = []
    try:
        for service in [*services, *background_services(settings, runtime, outbounds)]:
            try:
                await service.start()
            except BaseException:
                with contextlib.suppress(Exception):
                    await service.stop()  # release what a half-started service holds
                raise
            started.append(service)
        log.info("running: %s", ", ".join(s.name for s in started))
        await stop.wait()
        log.info("stopping")
    finally:
        for service in reversed(started):
            try:
                await service.stop()
            except Exception:
                log.exception("%s did not stop cleanly", service.name)
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.remove_signal_handler(signum)
