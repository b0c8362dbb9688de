"""Reminder flows without a network: the real planner and dispatcher, sending through the console
channel into a list, on the test's frozen clock (moved by hand, never slept through)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlmodel import select

from bot.channels.console import ConsoleOutbound
from bot.delivery import Dispatcher, DispatchSettings
from bot.planner import Planner
from domain.reminder_timing import WorkingHours
from domain.reminders import Policy
from domain.workdays import WorkCalendar
from handlers.reminder_messages import Composer
from handlers.types import OutFile
from storage.models import ReminderOutbox
from tests.conftest import TZ, Clock, Db


@dataclass
class Inbox:
    """What the console outbound delivered: (chat, text, file) in order."""

    got: list[tuple[str, str, OutFile | None]] = field(default_factory=list)

    def to(self, chat_id: str) -> list[str]:
        return [text for chat, text, _ in self.got if chat == chat_id]


@dataclass
class Machinery:
    planner: Planner
    dispatcher: Dispatcher
    inbox: Inbox

    async def round(self) -> None:
        """What `tdc-bot run` does: plan, then send everything due."""
        await self.planner.run_once()
        await self.dispatcher.drain()


def machinery(db: Db, clock: Clock, *, policy: Policy | None = None) -> Machinery:
    inbox = Inbox()
    calendar = WorkCalendar()
    policy = policy or Policy()
    composer = Composer(tz=TZ, calendar=calendar, max_late=policy.max_late, hours=policy.hours)

    class Recording(ConsoleOutbound):
        async def deliver(self, *, chat_id: str, text: str, file: OutFile | None = None):  # type: ignore[no-untyped-def]
            inbox.got.append((chat_id, text, file))
            return await super().deliver(chat_id=chat_id, text=text, file=None)

    outbound = Recording(lambda _text: None)
    planner = Planner(db.sessions, policy, calendar, composer, TZ, clock, horizon=timedelta(days=14))
    dispatcher = Dispatcher(db.sessions, {"console": outbound}, composer, clock, DispatchSettings())
    return Machinery(planner, dispatcher, inbox)


async def outbox_rows(db: Db) -> list[ReminderOutbox]:
    async with db.sessions() as session:
        return list((await session.exec(select(ReminderOutbox).order_by(ReminderOutbox.send_at,
                                                                        ReminderOutbox.id))).all())


OFF_HOURS = WorkingHours(enforced=False)
