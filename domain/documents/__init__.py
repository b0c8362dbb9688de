"""Document reading: plans (Kế hoạch), meeting letters (Công văn, Giấy mời) and requests to plain values.

    text = document_text("ke-hoach.docx", data)   # bytes → text (DocumentError if unreadable)
    plan = read_plan(text)                         # PlanDoc: tasks, deadlines, warnings
    meeting = read_meeting_letter(text)            # MeetingDoc: time, mode, agenda, contact …
    request = read_request(text, ref)              # RequestDoc: what is asked, of whom, by when
    found = recognise(text, ref)                   # "plan" | "meeting" | "request" | "unknown", and why

Pure: no database, no network, no chat.
"""

from domain.documents.errors import DocumentError
from domain.documents.extract import document_text, text_from_docx, text_from_pdf, text_from_plain
from domain.documents.fingerprint import text_fingerprint
from domain.documents.kinds import Recognised, recognise
from domain.documents.letter import read_meeting_letter
from domain.documents.models import (
    AgendaItemDoc,
    ContactDoc,
    DeadlineDoc,
    MeetingDoc,
    PlanDoc,
    RequestDoc,
    RequestItemDoc,
    TaskDoc,
)
from domain.documents.plan import read_plan
from domain.documents.request import read_request
from domain.documents.units import UnitIndex, UnitMatch, UnitRef, match_unit_name

__all__ = [
    "AgendaItemDoc",
    "ContactDoc",
    "DeadlineDoc",
    "DocumentError",
    "MeetingDoc",
    "PlanDoc",
    "Recognised",
    "RequestDoc",
    "RequestItemDoc",
    "TaskDoc",
    "UnitIndex",
    "UnitMatch",
    "UnitRef",
    "document_text",
    "match_unit_name",
    "read_meeting_letter",
    "read_plan",
    "read_request",
    "recognise",
    "text_fingerprint",
    "text_from_docx",
    "text_from_pdf",
    "text_from_plain",
]
