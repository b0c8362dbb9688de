"""The bot token never reaches a log line, even when a library logs a request URL."""

from __future__ import annotations

import logging

import pytest

from bot.redact import register_secret
from bot.runtime import RedactTokens

TOKEN = "123456789:AAH" + "x" * 32


def test_token_in_a_url_is_blanked(caplog) -> None:  # type: ignore[no-untyped-def]
    logger = logging.getLogger("httpx.test")
    caplog.handler.addFilter(RedactTokens())
    with caplog.at_level(logging.INFO):
        logger.info("HTTP Request: POST https://api.telegram.org/bot%s/getUpdates \"200 OK\"", TOKEN)
    assert TOKEN not in caplog.text
    assert "<token>/getUpdates" in caplog.text


def test_ordinary_lines_are_untouched(caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.handler.addFilter(RedactTokens())
    with caplog.at_level(logging.INFO):
        logging.getLogger("x").info("meeting %d has %s attendees", 12, "34")
    assert "meeting 12 has 34 attendees" in caplog.text


ZALO_TOKEN = "3141592653589793238:" + "Zk" * 32


@pytest.mark.parametrize("line", [
    "HTTP Request: POST https://bot-api.zaloplatforms.com/bot{token}/sendMessage \"HTTP/1.1 200 OK\"",
    "calling {token} now",
    "url=https://bot-api.zaloplatforms.com/bot{token}/getUpdates",
])
def test_a_zalo_token_is_blanked_too(caplog: pytest.LogCaptureFixture, line: str) -> None:
    caplog.handler.addFilter(RedactTokens())
    with caplog.at_level(logging.INFO):
        logging.getLogger("httpx.test").info(line.format(token=ZALO_TOKEN))
    assert ZALO_TOKEN not in caplog.text and ZALO_TOKEN.split(":")[1] not in caplog.text
    assert "3141592653589793238" not in caplog.text


def test_a_token_of_any_shape_in_a_bot_api_path_and_a_known_secret_are_blanked(
        caplog: pytest.LogCaptureFixture) -> None:
    odd = "weird.Token~with:colons:and-less-digits"
    register_secret("my-webhook-secret-0123456789")
    caplog.handler.addFilter(RedactTokens())
    with caplog.at_level(logging.INFO):
        logging.getLogger("x").info("POST http://127.0.0.1:8080/bot%s/sendMessage", odd)
        logging.getLogger("x").info("header was my-webhook-secret-0123456789")
    assert odd not in caplog.text and "my-webhook-secret-0123456789" not in caplog.text
    assert "/<token>/sendMessage" in caplog.text
