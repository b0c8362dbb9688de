"""Building the process-wide pieces from settings: engine, sessions, clock, logging."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Settings
from bot.dispatch import Runtime
from bot.failures import StartupFailureFilter
from bot.redact import RedactingFilter, protect_handler
from storage.engine import make_async_engine, session_factory

# Kept under its old name: tests and deployments add it to their own handlers.
RedactTokens = RedactingFilter


def setup_logging(level: int = logging.INFO) -> None:
    """Logging whose every handler redacts whole records (message, traceback, stack), and which
    drops PTB's repeat of a start-up failure the command line reports in one line; httpx quiet
    below WARNING (it logs request URLs, and the URL holds the token)."""
    root = logging.getLogger()
    if not root.handlers:
        stderr = logging.StreamHandler()
        stderr.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(stderr)
        root.setLevel(level)  # only for the handler we made: a host's (pytest's) levels stay its own
    for handler in root.handlers:
        protect_handler(handler)
        if not any(isinstance(f, StartupFailureFilter) for f in handler.filters):
            handler.addFilter(StartupFailureFilter())
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("pypdf").setLevel(logging.ERROR)


def build_runtime(settings: Settings, engine: AsyncEngine | None = None) -> tuple[AsyncEngine, Runtime]:
    engine = engine or make_async_engine(settings.database.url, busy_timeout_ms=settings.database.busy_timeout_ms,
                                         echo=settings.database.echo)
    tz = settings.tz
    from bot.planner import calendar_from, policy_from
    from domain.petitions import PetitionRules

    runtime = Runtime(sessions=session_factory(engine), clock=lambda: datetime.now(tz), tz=tz,
                      invite_valid_days=settings.invites.valid_days,
                      bot_username=settings.telegram.bot_username,
                      open_registration_cap=settings.open_registration.max_organisations,
                      calendar=calendar_from(settings), hours=policy_from(settings).hours,
                      petitions=PetitionRules(settings.petitions.max_per_unit, settings.petitions.answer_days_after))
    return engine, runtime
