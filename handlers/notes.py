"""A short note or a file sent as evidence (progress, reports): read the same way everywhere."""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import InvalidInput
from domain.text import fold
from handlers.types import Inbound

MAX_NOTE = 2000
SKIP = ("-", "bo qua")


@dataclass(frozen=True)
class Note:
    text: str | None
    file_ref: str | None = None
    file_name: str | None = None


def read_note(inbound: Inbound) -> Note | None:
    """The note or file in `inbound`; None when the person skipped ("-", "bỏ qua") or sent neither.

    An overlong note raises InvalidInput("too_long"), which the engine answers without moving on.
    """
    if inbound.file is not None:
        return Note(None, inbound.file.ref or inbound.file.name, inbound.file.name)
    text = (inbound.text or "").strip()
    if not text or fold(text) in SKIP:
        return None
    if len(text) > MAX_NOTE:
        raise InvalidInput("too_long", limit=MAX_NOTE)
    return Note(text)
