"""Building the process-wide pieces from settings: engine, sessions, clock, logging."""

from __future__ import annotations

import logging
import re
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Settings
from bot.dispatch import Runtime
from storage.engine import make_async_engine, session_factory

# Telegram's tokens are <5–12 digits>:<35 characters>; Zalo's are <bot number>:<secret>, with
# 19-digit numbers and 64-letter secrets seen in public (its docs only say "12345689:abc-xyz").
# One pattern covers both; the colon may come percent-encoded (httpx logs /file/bot<id>%3A<secret>).
_TOKEN_IN_TEXT = re.compile(r"(bot)?\d{5,25}(:|%3A)[A-Za-z0-9_.~-]{16,}", re.IGNORECASE)
# Whatever its shape, a token sits in the Bot API path /bot<TOKEN>/method of both platforms.
_TOKEN_IN_PATH = re.compile(r"/bot[^/\s\"']{8,}/")
_KNOWN_SECRETS: set[str] = set()


def remember_secret(value: str) -> None:
    """Blank this exact value in every log line from now on (tokens, webhook secrets)."""
    if len(value) >= 8:
        _KNOWN_SECRETS.add(value)


def redact(text: str) -> str:
    """The text with every token and known secret replaced by <token>."""
    for secret in _KNOWN_SECRETS:
        if secret in text:
            text = text.replace(secret, "<token>")
    text = _TOKEN_IN_PATH.sub("/<token>/", text)
    return _TOKEN_IN_TEXT.sub("<token>", text)


class RedactTokens(logging.Filter):
    """Blank anything shaped like a bot token in every log record (httpx logs URLs that hold it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def setup_logging(level: int = logging.INFO) -> None:
    """Logging with token redaction on every handler, and httpx quiet below WARNING."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactTokens())
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("pypdf").setLevel(logging.ERROR)


def build_runtime(settings: Settings, engine: AsyncEngine | None = None) -> tuple[AsyncEngine, Runtime]:
    engine = engine or make_async_engine(settings.database.url, busy_timeout_ms=settings.database.busy_timeout_ms,
                                         echo=settings.database.echo)
    tz = settings.tz
    runtime = Runtime(sessions=session_factory(engine), clock=lambda: datetime.now(tz), tz=tz,
                      invite_valid_days=settings.invites.valid_days,
                      bot_username=settings.telegram.bot_username)
    return engine, runtime
