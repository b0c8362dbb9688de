"""A sent document, read whole: its text and what it is (a plan, a meeting letter, or neither).

One call from bytes to plain values, so that the reading can run in a child process
(handlers.worker) and come back as one picklable value: a DocumentError does not survive the
trip (its message is not its constructor's argument), so its sentence travels as `error`.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.documents.errors import DocumentError
from domain.documents.extract import document_text
from domain.documents.letter import read_meeting_letter
from domain.documents.models import MeetingDoc, PlanDoc, RequestDoc
from domain.documents.plan import read_plan


@dataclass(frozen=True)
class Upload:
    """What a document turned out to be. `too_long`: more text than the caller keeps."""

    text: str = ""
    plan: PlanDoc | None = None
    letter: MeetingDoc | None = None
    request: RequestDoc | None = None  # a letter that asks for something by a date (domain.documents.request)
    reason: str | None = None  # why it was taken for what it is, in a short Vietnamese phrase
    error: str | None = None
    too_long: bool = False


def read_upload(name: str, data: bytes, max_chars: int) -> Upload:
    """The file's text, read as a plan if it has tasks, else as a letter if it has a meeting time."""
    try:
        text = document_text(name, data)
    except DocumentError as err:
        return Upload(error=str(err))
    if len(text) > max_chars:
        return Upload(too_long=True)
    return read_upload_text(text)


def read_upload_text(text: str) -> Upload:
    """The same reading from text already extracted (the text kept until the organiser confirms)."""
    plan = read_plan(text)
    if plan.tasks:
        return Upload(text, plan=plan)
    letter = read_meeting_letter(text)
    if letter.start is not None:
        return Upload(text, letter=letter)
    return Upload(text)
