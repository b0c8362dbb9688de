"""Sending outside an update (reminders, announcements): the contract every channel keeps.

The dispatcher (bot/delivery.py) knows nothing of Telegram or Zalo: it hands a text to the
channel of the recipient's account and acts on the outcome by type. Each channel turns its own
errors into one of these outcomes, so the crash and retry rules are written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from handlers.types import OutFile


class Outcome(StrEnum):
    """What became of one message, as the dispatcher must treat it."""

    SENT = "sent"  # the channel accepted it
    RETRY = "retry"  # not sent, safe to try again later (5xx, connection refused, 429 with retry_after)
    UNREACHABLE = "unreachable"  # the person blocked the bot or the chat is gone (403): never retry
    UNCERTAIN = "uncertain"  # the request went out and no answer came back: it may have arrived
    FAILED = "failed"  # refused for good (400: bad request); retrying cannot help


@dataclass(frozen=True)
class Delivery:
    """The outcome, how long to wait before the next message to this channel (429), and why.

    `quota`: the channel refused because the bot's message quota is used up (Zalo's 429), not
    because we sent too fast: the dispatcher treats it as a spent budget for that send.
    """

    outcome: Outcome
    retry_after: float | None = None
    detail: str = ""
    quota: bool = False


class Outbound(Protocol):
    """A channel's sender for messages that are not replies to an update."""

    channel: str

    async def deliver(self, *, chat_id: str, text: str, file: OutFile | None = None) -> Delivery:
        """Send one message (split as the channel needs); never raises for a channel error."""
        ...
