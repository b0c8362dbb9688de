"""Keeping a channel's sending limits: overall per second, per chat, per group chat.

A message waits first for its chat's turn, then for a slot in the overall rate, so a busy chat
holds back only its own messages. Slots are spaced evenly (1/rate apart): a burst could trip a
server that counts over a sliding window, even spacing cannot. `headroom` keeps a little under
the limit for the jitter of the network and the event loop.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field


@dataclass
class Pacer:
    per_second: float
    per_chat_per_second: float
    per_group_per_minute: float
    is_group: Callable[[str], bool] = lambda chat_id: False
    headroom: float = 0.95
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    _next: float = 0.0
    _chats: dict[str, float] = field(default_factory=dict)
    _paused_until: float = 0.0

    def pause(self, seconds: float) -> None:
        """Nothing goes for `seconds` (the server answered 429 with retry_after)."""
        self._paused_until = max(self._paused_until, self.clock() + seconds)

    async def acquire(self, chat_id: str) -> None:
        """Wait until a message to `chat_id` may go."""
        per_chat = self.per_group_per_minute / 60 if self.is_group(chat_id) else self.per_chat_per_second
        chat_step = 1 / (per_chat * self.headroom)
        while True:  # the chat's turn (checked again after waking: another send may have taken it)
            now = self.clock()
            at = max(now, self._chats.get(chat_id, 0.0), self._paused_until)
            if at <= now:
                break
            await self.sleep(at - now)
        self._chats[chat_id] = now + chat_step  # reserved; no await between the check and this
        if len(self._chats) > 10_000:  # forget chats whose turn is long past
            self._chats = {c: t for c, t in self._chats.items() if t > now}
        while True:  # a slot in the overall rate
            now = self.clock()
            at = max(now, self._next, self._paused_until)
            if at <= now:
                # From the slot, not from when we woke, while we are less than a slot late (waking late
                # must not lower the rate over time); after an idle spell, from now (no burst).
                step = 1 / (self.per_second * self.headroom)
                self._next = (self._next if now - self._next < step else now) + step
                break
            await self.sleep(at - now)
        self._chats[chat_id] = max(self._chats[chat_id], now + chat_step)  # counted from when it really goes
