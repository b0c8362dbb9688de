"""Our Zalo service started against the Zalo stand-in exactly as `tdc-bot run` starts it.

Tests (and benches) use this, so there is one start-up sequence: getMe, the web server, then
setWebhook (webhook mode) or deleteWebhook and the poller (polling mode), then the replay of
the inbox; and the reverse at the end.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from bot.channels.zalo_service import ZaloOptions, ZaloService
from bot.dispatch import Runtime
from testkit.zalo_standin import ZaloStandin

SECRET = "zalo-Webhook_secret-0123456789"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Pauses:
    """The client's and the poller's pauses, recorded instead of slept (no test waits for time)."""

    seconds: list[float] = field(default_factory=list)

    async def __call__(self, delay: float) -> None:
        self.seconds.append(delay)


def options_for(standin: ZaloStandin, *, mode: str = "webhook", links: bool = True, **extra: object) -> ZaloOptions:
    """Options for our service against `standin`: a free local port, the secret, short timeouts."""
    port = free_port()
    public = f"http://127.0.0.1:{port}" if (links or mode == "webhook") else ""
    values: dict[str, object] = {
        "token": standin.token, "base_url": standin.base_url, "mode": mode, "public_base_url": public,
        "secret": SECRET if mode == "webhook" else None, "port": port, "poll_timeout": 1, "read_timeout": 0.5,
    }
    values.update(extra)
    return ZaloOptions(**values)  # type: ignore[arg-type]


@asynccontextmanager
async def running(runtime: Runtime, options: ZaloOptions, pauses: Pauses | None = None) -> AsyncIterator[ZaloService]:
    """The service started, yielded, and stopped as `tdc-bot run` stops it."""
    service = ZaloService(runtime, options, sleep=pauses or Pauses())
    await service.start()
    try:
        yield service
    finally:
        await service.stop()
