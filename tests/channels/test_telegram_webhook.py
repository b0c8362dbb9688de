"""Webhook mode: PTB's real webhook server takes an update only with our secret header.

Telegram sends the secret we gave to setWebhook in X-Telegram-Bot-Api-Secret-Token;
anyone else who finds the URL must be turned away before the update reaches the flows.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest

from bot.dispatch import Runtime
from handlers.texts import t
from testkit.telegram_app import Processed, make_application
from testkit.telegram_standin import BotApiStandin

SECRET = "s3cret-Webhook_token-0123456789"
HEADER = "X-Telegram-Bot-Api-Secret-Token"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@asynccontextmanager
async def _webhook(runtime: Runtime, standin: BotApiStandin) -> AsyncIterator[tuple[str, Processed]]:
    """Our application as `run_webhook` runs it; yields the URL to POST updates to."""
    application, processed = make_application(runtime, standin)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    assert application.updater is not None
    await application.updater.start_webhook(listen="127.0.0.1", port=port, url_path="telegram",
                                            secret_token=SECRET, webhook_url=url)
    await application.start()
    try:
        yield url, processed
    finally:
        await application.updater.stop()
        await application.stop()
        await application.shutdown()


def _help_update(update_id: int, user_id: int) -> dict[str, object]:
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": 1_780_000_000, "text": "/help",
        "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
        "chat": {"id": user_id, "type": "private", "first_name": "Lan"},
        "from": {"id": user_id, "is_bot": False, "first_name": "Lan"}}}


@pytest.mark.parametrize("headers", [{}, {HEADER: "not-the-secret"}], ids=["no header", "wrong secret"])
async def test_an_update_without_the_right_secret_is_refused(
        runtime: Runtime, standin: BotApiStandin, headers: dict[str, str]) -> None:
    async with _webhook(runtime, standin) as (url, processed), httpx.AsyncClient() as client:
        assert standin.webhook["url"] == url and standin.webhook["secret_token"] == SECRET
        refused = await client.post(url, json=_help_update(1, 4001), headers=headers)
        assert refused.status_code == 403
        accepted = await client.post(url, json=_help_update(2, 4002), headers={HEADER: SECRET})
        assert accepted.status_code == 200
        await processed.wait(2)
    # The update behind the accepted one was handled; the refused one never reached a handler.
    assert [s.text.splitlines()[0] for s in standin.sent_to(4002)] == [t("help_header")]
    assert standin.sent_to(4001) == [] and processed.counts[1] == 0


async def test_an_update_with_the_secret_is_answered_through_the_bot_api(
        runtime: Runtime, standin: BotApiStandin) -> None:
    async with _webhook(runtime, standin) as (url, processed), httpx.AsyncClient() as client:
        response = await client.post(url, json=_help_update(7, 4003), headers={HEADER: SECRET})
        assert response.status_code == 200
        reply = await standin.wait_for_sent(lambda s: s.chat_id == 4003)
        await processed.wait(7)
    assert reply.text.startswith(t("help_header")) and "/start" in reply.text
    assert standin.calls_to("getUpdates") == []  # webhook mode never polls
