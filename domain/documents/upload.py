"""A sent document, read whole: its text and what it is (a plan, a meeting letter, a request for a
report or a form by a date, or none of these: domain.documents.kinds decides).

One call from bytes to plain values, so that the reading can run in a child process
(handlers.worker) and come back as one picklable value: a DocumentError does not survive the
trip (its message is not its constructor's argument), so its sentence travels as `error`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.documents.errors import DocumentError
from domain.documents.extract import document_text
from domain.documents.kinds import recognise
from domain.documents.models import MeetingDoc, PlanDoc, RequestDoc


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
    """The file's text, read as a plan if it has tasks, else as a letter if it has a meeting time,
    else as a request if it asks for something by a date."""
    try:
        text = document_text(name, data)
    except DocumentError as err:
        return Upload(error=str(err))
    if len(text) > max_chars:
        return Upload(too_long=True)
    return read_upload_text(text)


def read_upload_text(text: str, ref: datetime | None = None) -> Upload:
    """The same reading from text already extracted (the text kept until the organiser confirms);
    `ref` (naive local now) places a request's recurring deadlines."""
    found = recognise(text, ref)
    document = found.document
    return Upload(
        text,
        plan=document if isinstance(document, PlanDoc) else None,
        letter=document if isinstance(document, MeetingDoc) else None,
        request=document if isinstance(document, RequestDoc) else None,
        reason=found.reason,
    )
