"""The plain values flows speak in: what came in, what goes out, and the context of one event."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.petitions import PetitionRules
from domain.reminder_timing import WorkingHours
from domain.workdays import WorkCalendar, default_calendar
from storage.members import Identity
from storage.models import ConversationState


@dataclass(frozen=True)
class InFile:
    """A file a person sent: its name, size, and how to fetch its bytes (channels download lazily)."""

    name: str
    size: int
    fetch: Callable[[], Awaitable[bytes]]
    ref: str = ""


# `Inbound.unsupported` for an edited message: channels report edits, flows never read them.
EDITED = "edited"


@dataclass(frozen=True)
class Done:
    """The result of slow work a step asked to run after its event was committed, with no
    database session held (handlers.engine.after_commit); it comes back to `flow` as an event."""

    flow: str
    value: object


@dataclass(frozen=True)
class Inbound:
    """One thing a person did: typed text, a command, pressed a choice, sent a file, or something else."""

    text: str | None = None
    command: str | None = None
    arg: str = ""
    choice: str | None = None
    file: InFile | None = None
    unsupported: str | None = None  # "photo", "sticker", … : things we cannot read
    done: Done | None = None  # not from a person: the result of work run after the last commit


@dataclass(frozen=True)
class Choice:
    key: str
    label: str


@dataclass(frozen=True)
class OutFile:
    name: str
    data: bytes
    mime: str = "application/octet-stream"
    command: str = ""  # the `tdc-bot …` line that makes the same file, for channels that cannot send it


@dataclass(frozen=True)
class Capabilities:
    """What the person's channel can do, so a flow words its replies to fit without naming the channel.

    Telegram has buttons, deep links and files both ways; Zalo has none of them; the console
    shows choices as numbered lines and can hand files over on disk.
    """

    buttons: bool = True  # choices are pressed; otherwise they are numbered lines answered by typing
    deep_links: bool = True  # an invite can arrive inside a link (t.me/…?start=CODE)
    files_in: bool = True  # a person can send a document
    files_out: bool = True  # the bot can send a document


@dataclass
class Reply:
    """Text with optional choices (buttons on Telegram, numbered lines elsewhere) and an optional file."""

    text: str
    choices: list[Choice] = field(default_factory=list)
    file: OutFile | None = None


@dataclass
class Ctx:
    """Everything a flow step may use; the session is committed by the channel after the step."""

    session: AsyncSession
    now: datetime
    tz: ZoneInfo
    channel: str
    chat_id: str
    user_id: str
    user_name: str
    identity: Identity | None
    state: ConversationState
    invite_valid_days: int = 14
    bot_username: str = ""
    open_registration_cap: int = 150  # organisations a public link takes unless told (config [open_registration])
    # The working-day calendar and sending window of this deployment (config [working_hours]).
    calendar: WorkCalendar = field(default_factory=default_calendar)
    hours: WorkingHours = field(default_factory=WorkingHours)
    caps: Capabilities = field(default_factory=Capabilities)
    petitions: PetitionRules = field(default_factory=PetitionRules)  # config [petitions]
    private: bool = True  # a private chat; in a group no flow runs (handlers/engine.py says why)
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def data(self) -> dict[str, Any]:
        return self.state.data
