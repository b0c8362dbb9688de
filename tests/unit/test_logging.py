"""The bot token never reaches a log line, even when a library logs a request URL."""

from __future__ import annotations

import logging

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
