"""One inbound event, end to end: a session, the sender's identity and state, the flow, the commit.

Every channel calls `dispatch`; the commit happens here, before any reply is sent, so an
officer who reads "Đã đăng ký" finds the row after any crash.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

import handlers  # noqa: F401  (registers the flows)
from bot.log_refs import chat_ref
from domain.petitions import PetitionRules
from domain.reminder_timing import WorkingHours
from domain.workdays import WorkCalendar, default_calendar
from handlers.engine import AfterCommit, handle, pending_work
from handlers.texts import t
from handlers.types import Capabilities, Ctx, Inbound, Reply
from storage.accounts import note_seen
from storage.conversations import StateConflict, claim_update, load_state, persist_state, snapshot
from storage.members import identity_for

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sender:
    """Who wrote, in which chat; `private` is False in a group (the flows then answer only a note)."""

    channel: str
    chat_id: str
    user_id: str
    user_name: str
    private: bool = True


@dataclass
class Runtime:
    """What every event needs from the running application; one per process."""

    sessions: async_sessionmaker[AsyncSession]
    clock: Callable[[], datetime]
    tz: ZoneInfo
    invite_valid_days: int = 14
    bot_username: str = ""
    open_registration_cap: int = 150  # config [open_registration] max_organisations
    # Called after commit when a person's role becomes known or changes (Telegram sets its menu).
    on_role_change: Callable[[Sender, str], Awaitable[None]] | None = None
    # Called after commit when a flow changed something reminders depend on (wakes the planner).
    on_reminders_changed: Callable[[], None] | None = None
    calendar: WorkCalendar = field(default_factory=default_calendar)
    hours: WorkingHours = field(default_factory=WorkingHours)
    petitions: PetitionRules = field(default_factory=PetitionRules)


MAX_ATTEMPTS = 3


async def dispatch(runtime: Runtime, sender: Sender, inbound: Inbound, update_key: str | None = None,
                   caps: Capabilities | None = None, bot_id: str = "") -> list[Reply]:
    """Handle one event and commit; a redelivered update (same bot, same key) gets no second answer.

    If another event of the same chat changed its state meanwhile, the whole event is handled
    again on the fresh state (nothing of the first attempt was committed). `caps` says what the
    sender's channel can show (buttons, files), so the flows word their replies to fit.
    Slow work a step asked for (reading a document) runs after the commit, with no session held,
    so other chats have the connection; its result is one more event, in a session of its own.
    """
    replies, work = await _handle(runtime, sender, inbound, update_key, caps or Capabilities(), bot_id)
    while work is not None:
        try:
            follow = await work()
        except Exception:
            log.exception("work after an event from chat %s failed", chat_ref(sender.channel, sender.chat_id))
            return [*replies, Reply(t("internal_error"))]
        more, work = await _handle(runtime, sender, follow, None, caps or Capabilities(), bot_id)
        replies = [*replies, *more]
    return replies


async def _handle(runtime: Runtime, sender: Sender, inbound: Inbound, update_key: str | None,
                  caps: Capabilities, bot_id: str) -> tuple[list[Reply], AfterCommit | None]:
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            return await _attempt(runtime, sender, inbound, update_key, caps, bot_id)
        except StateConflict:
            log.info("state of chat %s changed meanwhile; attempt %d", chat_ref(sender.channel, sender.chat_id),
                     attempt)
        except Exception:
            log.exception("failed to handle an event from chat %s", chat_ref(sender.channel, sender.chat_id))
            return [Reply(t("internal_error"))], None
    log.error("gave up on an event from chat %s after %d conflicts", chat_ref(sender.channel, sender.chat_id),
              MAX_ATTEMPTS)
    return [Reply(t("internal_error"))], None


async def _attempt(runtime: Runtime, sender: Sender, inbound: Inbound, update_key: str | None,
                   caps: Capabilities, bot_id: str) -> tuple[list[Reply], AfterCommit | None]:
    async with runtime.sessions() as session:
        now = runtime.clock()
        if update_key is not None and not await claim_update(
            session=session, channel=sender.channel, bot_id=bot_id, update_key=update_key, now=now
        ):
            await session.rollback()
            return [], None
        state = await load_state(session=session, channel=sender.channel, chat_id=sender.chat_id,
                                 user_id=sender.user_id)
        before = snapshot(state)
        identity = await identity_for(session=session, channel=sender.channel, external_id=sender.user_id)
        if identity is not None:
            await note_seen(session=session, identity=identity, now=now)
        ctx = Ctx(
            session=session, now=now, tz=runtime.tz, channel=sender.channel,
            chat_id=sender.chat_id, user_id=sender.user_id, user_name=sender.user_name,
            identity=identity, state=state, invite_valid_days=runtime.invite_valid_days,
            bot_username=runtime.bot_username, caps=caps, calendar=runtime.calendar, hours=runtime.hours,
            private=sender.private, open_registration_cap=runtime.open_registration_cap,
            petitions=runtime.petitions,
        )
        replies = await handle(inbound, ctx)
        await persist_state(session=session, state=ctx.state, before=before)
        await session.commit()
    if ctx.extras.get("reminders_changed") and runtime.on_reminders_changed is not None:
        runtime.on_reminders_changed()
    role = ctx.extras.get("role_changed")
    if role and runtime.on_role_change is not None:
        await runtime.on_role_change(sender, role)
    return replies, pending_work(ctx)
