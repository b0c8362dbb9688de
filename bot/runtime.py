"""Building the process-wide pieces from settings: engine, sessions, clock, logging."""

from __future__ import annotations

import logging
import re
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Settings
from bot.dispatch import Runtime
from storage.engine import make_async_engine, session_factory

# The colon may come percent-encoded: httpx logs the file download URL as /file/bot<id>%3A<secret>/…
_TOKEN_IN_TEXT = re.compile(r"(bot)?\d{5,12}(:|%3A)[A-Za-z0-9_-]{30,}", re.IGNORECASE)


class RedactTokens(logging.Filter):
    """Blank anything shaped like a bot token in every log record (httpx logs URLs that hold it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _TOKEN_IN_TEXT.search(message):
            record.msg, record.args = _TOKEN_IN_TEXT.sub("<token>", message), None
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
    from bot.planner import calendar_from, policy_from

    runtime = Runtime(sessions=session_factory(engine), clock=lambda: datetime.now(tz), tz=tz,
                      invite_valid_days=settings.invites.valid_days,
                      bot_username=settings.telegram.bot_username,
                      calendar=calendar_from(settings), hours=policy_from(settings).hours)
    return engine, runtime
