"""Zalo through its Bot API: the transport only. Flows live in handlers/, the same as on Telegram.

One event in → stored in the inbox (committed) → acknowledged → `dispatch` (which commits) →
replies out as plain text (choices as numbered lines, pieces under 2,000 characters, files as
download links) → removed from the inbox. Zalo pushes a webhook once and hands a polled
update out once, so the inbox is what makes "answer fast, handle after" lose nothing in a
crash; the claim inside `dispatch` (keyed by message id) makes a replay or a redelivery
answer once.

Messages of one chat are handled one after another, in the order they came (a name typed
right after "Thêm người" must not overtake it); different chats run side by side, at most
MAX_CONCURRENT at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.channels.plain import render_plain, split_message
from bot.channels.zalo_client import TEXT_LIMIT, ZaloApiError, ZaloClient, ZaloError, ZaloUncertain
from bot.dispatch import Runtime, Sender, dispatch
from bot.log_refs import chat_ref
from handlers.texts import t
from handlers.types import Capabilities, Inbound, OutFile, Reply
from storage.inbox import inbox_done, inbox_put, inbox_waiting

log = logging.getLogger(__name__)
CHANNEL = "zalo"
CAPS = Capabilities(buttons=False, deep_links=False, files_in=False, files_out=False)
MAX_CONCURRENT = 16
EVENTS = {
    "message.text.received": None,
    "message.image.received": "photo",
    "message.sticker.received": "sticker",
    "message.unsupported.received": "other",
}

# Given a file and the Zalo user who gets it, the text that offers it (a link, or how to get it).
OfferFile = Callable[[OutFile, str], Awaitable[str]]


@dataclass(frozen=True)
class ZaloEvent:
    """One Zalo event, checked: who wrote, in which chat, what. `key` is the message id."""

    key: str
    name: str
    chat_id: str
    private: bool
    user_id: str
    user_name: str
    from_bot: bool
    text: str | None


def parse_event(body: Any) -> ZaloEvent | None:
    """The event in a webhook body or a getUpdates result: `{ok, result: {event_name, message}}`
    or the bare `{event_name, message}`; None for anything else."""
    if isinstance(body, dict) and isinstance(body.get("result"), dict) and "event_name" not in body:
        body = body["result"]
    if not isinstance(body, dict) or not isinstance(body.get("message"), dict):
        return None
    message, name = body["message"], str(body.get("event_name") or "")
    sender = message.get("from") if isinstance(message.get("from"), dict) else {}
    chat = message.get("chat") if isinstance(message.get("chat"), dict) else {}
    key, chat_id, user_id = (str(x or "") for x in (message.get("message_id"), chat.get("id"), sender.get("id")))
    if not key or not chat_id or not user_id or len(key) > 64 or len(chat_id) > 64 or len(user_id) > 64:
        return None
    text = message.get("text") if isinstance(message.get("text"), str) else None
    return ZaloEvent(key=key, name=name, chat_id=chat_id, private=str(chat.get("chat_type", "PRIVATE")) != "GROUP",
                     user_id=user_id, user_name=str(sender.get("display_name") or sender.get("name") or user_id)[:120],
                     from_bot=bool(sender.get("is_bot")), text=text)


def inbound_for(event: ZaloEvent) -> Inbound:
    """The plain event the flows understand: text, or something we cannot read (photo, sticker …)."""
    if event.name == "message.text.received" and event.text is not None:
        return Inbound(text=event.text)
    return Inbound(unsupported=EVENTS.get(event.name) or "other")


def render(reply: Reply) -> list[str]:
    """A reply as Zalo pieces: choices as numbered lines, split at line breaks under 2,000 characters."""
    return [p for p in split_message(render_plain(reply), TEXT_LIMIT) if p.strip()]


async def no_file_links(file: OutFile, user_id: str) -> str:
    """Without a public address for the bot's web server: say how else to get the file."""
    if file.command:
        return t("file_no_link", name=file.name, command=file.command)
    return t("file_no_link_no_command", name=file.name)


class ZaloChannel:
    """Accepts events (from the webhook or the poller), handles them in order per chat, replies."""

    def __init__(self, runtime: Runtime, client: ZaloClient, *, offer_file: OfferFile = no_file_links,
                 max_concurrent: int = MAX_CONCURRENT) -> None:
        self.runtime, self.client, self.offer_file = runtime, client, offer_file
        self._limit = asyncio.Semaphore(max_concurrent)
        self._queues: dict[str, deque[ZaloEvent]] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._groups_told: set[str] = set()
        self._idle = asyncio.Event()
        self._idle.set()
        self._progress = asyncio.Event()
        self.handled = 0  # events finished: answered, or recognised as a repeat
        self.bot_id = client.bot_id  # the bot's number (getMe's id once started): message ids are per bot

    async def accept(self, body: Any) -> bool:
        """Store the event and queue it; True once it is safe to acknowledge, False for a body that
        is not an event. Raises if the database cannot take it (then do not acknowledge)."""
        event = parse_event(body)
        if event is None:
            return False
        payload = body if isinstance(body, dict) else {}
        async with self.runtime.sessions() as session:
            fresh = await inbox_put(session=session, channel=CHANNEL, update_key=event.key, payload=payload,
                                    now=self.runtime.clock())
            await session.commit()
        if fresh:
            self._queue(event)
        else:  # the same event is already waiting: Zalo delivered it twice
            self._count_handled()
        return True

    async def replay(self) -> int:
        """Queue what the inbox still holds from before a crash or a stop; how many."""
        async with self.runtime.sessions() as session:
            waiting = await inbox_waiting(session=session, channel=CHANNEL)
        events = [e for e in (parse_event(row.payload) for row in waiting) if e is not None]
        for event in events:
            self._queue(event)
        if events:
            log.info("zalo: handling %d events left from before", len(events))
        return len(events)

    def _queue(self, event: ZaloEvent) -> None:
        self._idle.clear()
        self._queues.setdefault(event.chat_id, deque()).append(event)
        if event.chat_id not in self._tasks:
            self._tasks[event.chat_id] = asyncio.create_task(self._drain(event.chat_id))

    async def _drain(self, chat_id: str) -> None:
        """Handle one chat's events in order; the task ends when its queue is empty."""
        try:
            while queue := self._queues.get(chat_id):
                event = queue.popleft()
                async with self._limit:
                    try:
                        await self._handle(event)
                    except Exception:
                        log.exception("zalo: failed to handle an event of chat %s", chat_ref(CHANNEL, chat_id))
                self._count_handled()
        finally:
            self._queues.pop(chat_id, None)
            self._tasks.pop(chat_id, None)
            if not self._tasks:
                self._idle.set()

    def _count_handled(self) -> None:
        self.handled += 1
        progress, self._progress = self._progress, asyncio.Event()
        progress.set()

    async def wait_handled(self, count: int, timeout: float = 10) -> None:
        """Until `count` events in all have been handled since start (tests)."""
        async with asyncio.timeout(timeout):
            while self.handled < count:
                await self._progress.wait()

    async def wait_idle(self, timeout: float = 10) -> None:
        """Until every queued event is handled (tests, and a clean stop)."""
        async with asyncio.timeout(timeout):
            while self._tasks:
                await self._idle.wait()

    async def _handle(self, event: ZaloEvent) -> None:
        # A group gets the engine's note (no flow runs there), once per group, not once per message.
        if not event.from_bot and (event.private or event.chat_id not in self._groups_told):
            if not event.private:
                self._groups_told.add(event.chat_id)
            sender = Sender(channel=CHANNEL, chat_id=event.chat_id, user_id=event.user_id, user_name=event.user_name,
                            private=event.private)
            replies = await dispatch(self.runtime, sender, inbound_for(event), update_key=event.key, caps=CAPS,
                                     bot_id=self.bot_id)
            await self.send(event.chat_id, replies, event.user_id)
        async with self.runtime.sessions() as session:
            await inbox_done(session=session, channel=CHANNEL, update_key=event.key)
            await session.commit()

    async def send(self, chat_id: str, replies: list[Reply], user_id: str) -> None:
        """Each reply in pieces; a file becomes a link (or how to get it). An uncertain piece is not resent."""
        for reply in replies:
            pieces = render(reply)
            if reply.file is not None:
                pieces += split_message(await self.offer_file(reply.file, user_id), TEXT_LIMIT)
            for piece in pieces:
                try:
                    await self.client.send_message(chat_id, piece)
                except ZaloUncertain as err:
                    log.warning("zalo: no answer to a reply to chat %s (%s); it may have arrived, not resent",
                                chat_ref(CHANNEL, chat_id), err)
                except ZaloApiError as err:
                    log.warning("zalo: reply to chat %s refused: %s", chat_ref(CHANNEL, chat_id), err)
                    if err.code == 403:
                        return  # the person blocked the bot: the rest would be refused too
                except ZaloError as err:
                    log.warning("zalo: reply to chat %s not sent: %s", chat_ref(CHANNEL, chat_id), err)
