"""Zalo in `tdc-bot run`: check the token, receive (webhook, or polling for development), stop cleanly.

Webhook mode (production): our web server takes Zalo's pushes at public_base_url +
webhook_path, with the secret checked; setWebhook is called at start. Polling mode
(development, no public address): getUpdates hands out one update per call and answers 408
when nothing came; the webhook is deleted first, since Zalo disables getUpdates while one is
set. The web server also serves download links whenever a public base URL is configured.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import timedelta

from bot.channels.zalo import ZaloChannel, no_file_links
from bot.channels.zalo_client import Sleep, ZaloApiError, ZaloClient, ZaloError, ZaloNotSent, ZaloUncertain
from bot.channels.zalo_outbound import ZaloOutbound
from bot.channels.zalo_web import DownloadLinks, ZaloWebServer
from bot.config import ConfigError, Settings, webhook_secret, zalo_token
from bot.dispatch import Runtime
from bot.redact import register_secret
from bot.send_budget import SendBudget
from storage.downloads import purge_downloads

log = logging.getLogger(__name__)
ACCEPT_ATTEMPTS = 5  # a polled update exists only in our hands: try hard to store it


@dataclass
class ZaloOptions:
    """What the Zalo service needs from config, with the secrets already read from the environment."""

    token: str
    token_env: str = "TDC_ZALO_TOKEN"
    base_url: str = "https://bot-api.zaloplatforms.com"
    mode: str = "polling"
    secret: str | None = None
    public_base_url: str = ""
    listen: str = "127.0.0.1"
    port: int = 8444
    webhook_path: str = "/zalo/webhook"
    download_minutes: int = 30
    download_uses: int = 3
    poll_timeout: int = 30
    read_timeout: float = 10.0  # seconds to wait for Zalo's answer once a request is out
    monthly_message_budget: int = 0  # proactive messages per month; 0 = no cap

    @classmethod
    def from_settings(cls, settings: Settings) -> ZaloOptions:
        """Read and check the token (and the webhook secret in webhook mode): one-line errors naming the variable."""
        zalo = settings.zalo
        token = zalo_token(settings).get_secret_value()
        secret = None
        if zalo.mode == "webhook":
            secret = webhook_secret(zalo.webhook_secret_env, "Zalo webhook secret").get_secret_value()
            if not zalo.public_base_url:
                raise ConfigError("[zalo] mode = \"webhook\" needs public_base_url (the https address Zalo calls)")
        register_secret(token)
        if secret:
            register_secret(secret)
        return cls(token=token, token_env=zalo.token_env, base_url=zalo.base_url, mode=zalo.mode, secret=secret,
                   public_base_url=zalo.public_base_url, listen=zalo.listen, port=zalo.port,
                   webhook_path=zalo.webhook_path, download_minutes=zalo.download_minutes,
                   download_uses=zalo.download_uses, monthly_message_budget=zalo.monthly_message_budget)


class ZaloService:
    """The Zalo channel's life cycle; `outbound` is its sender for reminders once started."""

    name = "zalo"

    def __init__(self, runtime: Runtime, options: ZaloOptions, *, sleep: Sleep = asyncio.sleep) -> None:
        self.runtime, self.options, self._sleep = runtime, options, sleep
        self.client = ZaloClient(options.token, base_url=options.base_url, read_timeout=options.read_timeout,
                                 sleep=sleep)
        offer = no_file_links
        if options.public_base_url:
            offer = DownloadLinks(runtime, options.public_base_url, timedelta(minutes=options.download_minutes),
                                  options.download_uses).offer
        self.channel = ZaloChannel(runtime, self.client, offer_file=offer)
        self.bot_key = options.token.split(":", 1)[0]  # the bot's number: names its message budget
        budget = (SendBudget("zalo", self.bot_key, options.monthly_message_budget, runtime.tz)
                  if options.monthly_message_budget else None)
        self.outbound = ZaloOutbound(self.client, offer_file=offer, budget=budget)
        self.web: ZaloWebServer | None = None
        if options.mode == "webhook" or options.public_base_url:
            self.web = ZaloWebServer(runtime, self.channel, listen=options.listen, port=options.port,
                                     webhook_path=options.webhook_path,
                                     secret=options.secret if options.mode == "webhook" else None)
        self._poller: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Check the token with getMe, then receive. A refused token or an unreachable API is a ConfigError."""
        try:
            me = await self.client.get_me()
        except ZaloApiError as err:
            await self.client.aclose()
            if err.code in (401, 403, 404):
                raise ConfigError(f"Zalo bot token: the Zalo Bot API refused the token in {self.options.token_env} "
                                  f"({err.code})") from None
            raise ConfigError(f"Zalo Bot API: getMe failed ({err.code} {err.description})") from None
        except (ZaloNotSent, ZaloUncertain) as err:
            await self.client.aclose()
            raise ConfigError(f"Zalo Bot API: cannot reach {self.options.base_url} ({err})") from None
        self.bot_key = self.channel.bot_id = str(me.get("id") or self.bot_key)
        if self.outbound.budget is not None:
            self.outbound.budget.bot_key = self.bot_key
        if self.web is not None:
            await self.web.start()
        if self.options.mode == "webhook":
            assert self.options.secret is not None
            await self.client.set_webhook(self.options.public_base_url + self.options.webhook_path,
                                          self.options.secret)
        else:
            await self.client.delete_webhook()
            self._poller = asyncio.create_task(self._poll())
        async with self.runtime.sessions() as session:  # files left from before a stop hold personal data
            await purge_downloads(session=session, now=self.runtime.clock())
            await session.commit()
        await self.channel.replay()
        log.info("zalo: receiving by %s", self.options.mode)

    async def stop(self) -> None:
        """Stop receiving, let the events in hand finish (bounded), close the connections."""
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
            self._poller = None
        if self.web is not None:
            await self.web.stop()
        try:
            await self.channel.wait_idle(timeout=10)
        except TimeoutError:
            log.warning("zalo: stopped with events still being handled; they are replayed at the next start")
        await self.client.aclose()

    async def _poll(self) -> None:
        """getUpdates in a loop: one update per answer, 408 means nothing yet; errors back off."""
        failures = 0
        while True:
            try:
                updates = await self.client.get_updates(timeout=self.options.poll_timeout)
                failures = 0
            except ZaloError as err:
                failures += 1
                log.warning("zalo: getUpdates failed (%s); trying again", err)
                await self._sleep(min(2.0 ** failures, 30.0))
                continue
            for body in updates:
                await self._accept(body)

    async def _accept(self, body: object) -> None:
        for attempt in range(1, ACCEPT_ATTEMPTS + 1):
            try:
                if not await self.channel.accept(body):
                    log.warning("zalo: getUpdates gave something that is not an event; skipped")
                return
            except Exception:
                log.exception("zalo: could not store a polled event (attempt %d)", attempt)
                await self._sleep(min(2.0 ** attempt, 30.0))
        log.error("zalo: a polled event was lost: the database did not take it")
