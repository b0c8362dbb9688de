"""What the Telegram and Zalo stand-ins share: the record of calls and sent messages, and a way
for a test to wait until something has happened (woken by every request, never by sleeping)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, Protocol


class _Recorded(Protocol):
    method: str


class _Texted(Protocol):
    text: str


class StandinBase:
    """`calls` and `sent` are filled by the subclass; `_notify()` after each request wakes waiters."""

    calls: list[Any]
    sent: list[Any]

    def __init__(self) -> None:
        self._changed = asyncio.Event()

    def calls_to(self, method: str) -> list[Any]:
        return [c for c in self.calls if c.method.lower() == method.lower()]

    async def wait_until(self, condition: Callable[[], bool], timeout: float = 5, what: str = "a condition") -> None:
        """Return once `condition()` holds; it is checked again after every request and push."""
        try:
            async with asyncio.timeout(timeout):
                while not condition():
                    await self._changed.wait()
        except TimeoutError:
            last = [s.text[:60] for s in self.sent[-5:]]
            raise AssertionError(f"timed out after {timeout}s waiting for {what}; last sent: {last}") from None

    def _notify(self) -> None:
        """Wake every waiter; each waits on the event current when it started."""
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()
