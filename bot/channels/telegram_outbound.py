"""Telegram's side of the sending contract (bot/channels/outbound.py): PTB errors to outcomes.

A Bot of its own (no AIORateLimiter: it would retry a 429 by itself, and the dispatcher must
see it), with Telegram's limits kept by a `Pacer` the dispatcher waits on before it marks a row
`sending`. The mapping, by what the error says about whether the message can have arrived:
- Forbidden (403): the person blocked the bot or left → UNREACHABLE;
- RetryAfter (429) → RETRY after `retry_after`;
- a timeout or a broken connection after the request was written → UNCERTAIN (PTB's TimedOut on
  a send is ambiguous: Telegram may have delivered it);
- connection refused, a pool or connect timeout (nothing was sent), or a 5xx answer → RETRY;
- BadRequest (400) and other refusals → FAILED.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import httpx
from telegram import Bot, InputFile
from telegram.constants import MessageLimit
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import HTTPXRequest

from bot.channels.outbound import Delivery, Outcome
from bot.channels.plain import split_message
from bot.log_refs import chat_ref
from bot.pacing import Pacer
from handlers.types import OutFile

log = logging.getLogger(__name__)
CHANNEL = "telegram"
CAPTION_LIMIT = 1024
# The request was never written: safe to send again.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


def outcome_of(error: TelegramError) -> Delivery:
    """What an error from PTB means for the message (see the module docstring)."""
    detail = f"{type(error).__name__}: {error}"[:300]
    if isinstance(error, RetryAfter):
        # PTB keeps it as a timedelta; the public attribute is an int with a deprecation warning (22.2).
        wait = getattr(error, "_retry_after", None) or error.retry_after
        seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
        return Delivery(Outcome.RETRY, retry_after=seconds, detail=detail)
    if isinstance(error, Forbidden):
        return Delivery(Outcome.UNREACHABLE, detail=detail)
    if isinstance(error, BadRequest | ChatMigrated | InvalidToken):
        return Delivery(Outcome.FAILED, detail=detail)
    if isinstance(error, TimedOut | NetworkError):
        cause = error.__cause__
        if cause is None and not isinstance(error, TimedOut):
            return Delivery(Outcome.RETRY, detail=detail)  # Telegram answered 5xx: it did not take the message
        if isinstance(cause, _NOT_SENT):
            return Delivery(Outcome.RETRY, detail=detail)
        return Delivery(Outcome.UNCERTAIN, detail=detail)
    return Delivery(Outcome.FAILED, detail=detail)


def is_group(chat_id: str) -> bool:
    """Telegram's group and channel chats have negative ids."""
    return chat_id.startswith("-")


class TelegramOutbound:
    """Sends reminders through the Bot API; one instance per process, started and closed with it.

    A few connections suffice (30 messages/s at a few milliseconds each), and httpcore's pool costs
    grow with its size (see MAX_CONCURRENT_UPDATES in telegram.py); a send that waits for a free
    connection past the pool timeout was never written, so it is retried.
    """

    channel = CHANNEL

    def __init__(self, token: str, *, base_url: str = "", base_file_url: str = "", per_second: float = 30,
                 per_chat_per_second: float = 1, per_group_per_minute: float = 20, connections: int = 4,
                 read_timeout: float = 10, connect_timeout: float = 5) -> None:
        request = HTTPXRequest(connection_pool_size=connections, read_timeout=read_timeout,
                               write_timeout=read_timeout, connect_timeout=connect_timeout,
                               pool_timeout=connect_timeout)
        kwargs = {}
        if base_url:
            kwargs = {"base_url": base_url, "base_file_url": base_file_url or base_url.replace("/bot", "/file/bot")}
        self.bot = Bot(token, request=request, **kwargs)  # type: ignore[arg-type]
        self.pacer = Pacer(per_second, per_chat_per_second, per_group_per_minute, is_group=is_group)

    async def start(self) -> None:
        """Open the connection pool; a Bot API that does not answer getMe now is not fatal (sends retry)."""
        try:
            await self.bot.initialize()
        except TelegramError as error:  # the message may hold the token: log only its type
            log.warning("reminder sender could not reach the Bot API at start (%s); will retry on send",
                        type(error).__name__)

    async def close(self) -> None:
        await self.bot.shutdown()

    async def deliver(self, *, chat_id: str, text: str, file: OutFile | None = None) -> Delivery:
        """One message: its text (split at line breaks if long) and its file, as one outcome.

        Once any part went out, a failure of a later part cannot be retried without sending the
        first part twice: the message counts as sent, with what was missing in the detail.
        """
        try:
            if file is not None and len(text) <= CAPTION_LIMIT:
                await self.bot.send_document(chat_id=chat_id, caption=text,
                                             document=InputFile(file.data, filename=file.name))
                return Delivery(Outcome.SENT)
            pieces = [p for p in split_message(text, MessageLimit.MAX_TEXT_LENGTH) if p.strip()]
            await self.bot.send_message(chat_id=chat_id, text=pieces[0])
        except TelegramError as error:
            return outcome_of(error)
        try:
            for piece in pieces[1:]:
                await self.bot.send_message(chat_id=chat_id, text=piece)
            if file is not None:
                await self.bot.send_document(chat_id=chat_id, document=InputFile(file.data, filename=file.name))
        except TelegramError as error:
            log.warning("message to %s only partly sent: %s", chat_ref("telegram", chat_id), error)
            return Delivery(Outcome.SENT, detail=f"partly sent: {type(error).__name__}: {error}"[:300])
        return Delivery(Outcome.SENT)
