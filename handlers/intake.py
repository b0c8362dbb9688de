"""An organiser sends a plan, an invitation letter or a request letter (.docx, .pdf, .txt): read
it, show what was found, and store it only when the organiser confirms.

Reading happens outside any database session (issue 8.3: one 62-page PDF read inside the
update's transaction held SQLite's only connection for 93 s and every other chat timed out).
Each step that needs the document asks for the reading to run after its commit
(engine.after_commit), in a child process with a time limit (handlers.worker); the result comes
back as a new event, handled in a short session of its own:

    file  → "reading" → (read in a child) → summary, "confirm" → "Lưu" → "saving"
          → (read the kept text again in a child) → a short transaction stores it
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.documents import MeetingDoc, PlanDoc
from domain.documents.limits import MAX_TEXT_CHARS, READ_SECONDS
from domain.documents.mentions import letter_unit_names, plan_unit_names, request_unit_names, unmatched_names
from domain.documents.models import RequestDoc
from domain.documents.pasted import looks_like_document
from domain.documents.upload import Upload, read_upload, read_upload_text
from domain.errors import Conflict
from handlers.engine import after_commit, end_flow, set_state
from handlers.intake_summary import meeting_summary, plan_summary, request_summary
from handlers.permissions import is_organiser
from handlers.registry import file_handler, flow, free_text
from handlers.texts import t
from handlers.types import Choice, Ctx, Done, Inbound, InFile, Reply
from handlers.worker import TooSlow, WorkFailed, run_limited
from storage.deadlines import find_request_import, store_request_doc
from storage.meeting_import import find_existing_meeting, meeting_title, store_meeting_doc
from storage.plans import find_existing_plan, store_plan, unit_index
from storage.types import local_aware

FLOW = "intake"
MAX_BYTES = 10 * 1024 * 1024
MAX_TEXT = MAX_TEXT_CHARS  # characters of extracted text kept in the conversation until confirmed
READ_LIMIT_S = READ_SECONDS  # the same limit as `tdc-bot import` (tests shorten this one)
# A "reading" or "saving" step older than this was interrupted (a restart): the next message ends it.
STALE_AFTER = timedelta(seconds=READ_LIMIT_S * 2 + 60)


@dataclass(frozen=True)
class Read:
    """A reading's outcome, back from the child: `upload` is None when it was stopped."""

    token: str
    upload: Upload | None
    failed: bool = False


async def read_file(name: str, data: bytes) -> Upload:
    """The sent file read in a child process, at most READ_LIMIT_S seconds (tests replace this)."""
    return await run_limited(read_upload, name, data, MAX_TEXT, limit_s=READ_LIMIT_S)


async def read_text(text: str) -> Upload:
    """The kept text read again in a child process, at most READ_LIMIT_S seconds."""
    return await run_limited(read_upload_text, text, limit_s=READ_LIMIT_S)


def _then_read(ctx: Ctx, token: str, file: InFile | None = None, text: str = "") -> None:
    """After this event's commit, read the file (or the kept text) and come back with a Read."""

    async def work() -> Inbound:
        try:
            upload = await (read_file(file.name, await file.fetch()) if file is not None else read_text(text))
        except TooSlow:
            return Inbound(done=Done(FLOW, Read(token, None)))
        except WorkFailed:
            return Inbound(done=Done(FLOW, Read(token, None, failed=True)))
        return Inbound(done=Done(FLOW, Read(token, upload)))

    after_commit(ctx, work)


@file_handler
async def document_sent(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """A file outside any conversation: organisers import it; others are told where files go."""
    if not is_organiser(ctx.identity) or inbound.file is None:
        return []
    if inbound.file.size > MAX_BYTES:
        return [Reply(t("intake_too_big", mb=MAX_BYTES // 1024 // 1024))]
    token = uuid.uuid4().hex[:12]
    set_state(ctx, FLOW, "reading", {"token": token, "name": inbound.file.name, "since": ctx.now.isoformat()})
    _then_read(ctx, token, file=inbound.file)
    return []  # the summary is the answer, once the file is read


@free_text
async def document_pasted(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """An organiser's message shaped like a letter or a plan, read as one (Zalo sends bots no files);
    any other message goes on to be understood as words."""
    if not is_organiser(ctx.identity) or not inbound.text or not looks_like_document(inbound.text):
        return []
    token = uuid.uuid4().hex[:12]
    set_state(ctx, FLOW, "reading", {"token": token, "name": t("intake_pasted_name"), "since": ctx.now.isoformat()})
    _then_read(ctx, token, text=inbound.text)
    return []  # the summary is the answer, once the text is read


@flow(FLOW)
async def step(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """The intake conversation: a reading's result, a message while reading, or the confirmation."""
    if inbound.done is not None and isinstance(inbound.done.value, Read):
        return await _read_done(ctx, inbound.done.value)
    if ctx.state.step in ("reading", "saving"):
        return await _busy(ctx, inbound)
    return await _confirm(ctx, inbound)


async def _busy(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """Something arrived while the document is read: wait, unless that reading was interrupted."""
    since = datetime.fromisoformat(ctx.data.get("since", ctx.now.isoformat()))
    if ctx.now - since < STALE_AFTER:
        return [Reply(t("intake_busy", name=ctx.data.get("name", "")))]
    end_flow(ctx)
    if inbound.file is not None:
        return await document_sent(ctx, inbound)
    return [Reply(t("intake_interrupted", name=ctx.data.get("name", "")))]


async def _read_done(ctx: Ctx, read: Read) -> list[Reply]:
    if read.token != ctx.data.get("token") or ctx.state.step not in ("reading", "saving"):
        return [Reply(t("work_dropped"))]
    name = ctx.data.get("name", "")
    if read.upload is None:
        end_flow(ctx)
        key = "intake_read_failed" if read.failed else "intake_too_slow"
        return [Reply(t(key, name=name, s=int(READ_LIMIT_S)))]
    if ctx.state.step == "saving":
        return await _save(ctx, read.upload)
    return await _summarise(ctx, read.upload, name)


def _with_reason(summary: str, reason: str | None) -> str:
    """The summary with why the document was taken for what it is, under its first line."""
    if not reason:
        return summary
    first, _, rest = summary.partition("\n")
    return "\n".join(x for x in (first, t("intake_reason", reason=reason), rest) if x)


async def _summarise(ctx: Ctx, upload: Upload, name: str) -> list[Reply]:
    """The summary before "Lưu": what was found, which names fit no unit, whether it is stored already."""
    end_flow(ctx)
    if upload.error:
        return [Reply(upload.error)]
    if upload.too_long:
        return [Reply(t("intake_too_long", chars=f"{MAX_TEXT:,}".replace(",", ".")))]
    index = await unit_index(session=ctx.session)
    if upload.plan is not None:
        existing_plan = await find_existing_plan(session=ctx.session, doc=upload.plan)
        summary = _with_reason(plan_summary(ctx, upload.plan, unmatched_names(index, plan_unit_names(upload.plan))),
                               upload.reason)
        if existing_plan is not None:
            return [Reply(summary + "\n" + t("intake_exists", id=existing_plan.id))]
        choice = Choice("save", t("btn_save_plan"))
        kind = "plan"
    elif upload.letter is not None:
        letter = upload.letter
        existing_meeting = await find_existing_meeting(session=ctx.session, title=meeting_title(letter, name),
                                                       start_at=local_aware(letter.start, ctx.tz))
        summary = _with_reason(meeting_summary(ctx, letter, unmatched_names(index, letter_unit_names(letter))),
                               upload.reason)
        if existing_meeting is not None:
            return [Reply(summary + "\n" + t("intake_exists", id=existing_meeting.id))]
        choice = Choice("save", t("btn_save_meeting"))
        kind = "meeting"
    elif upload.request is not None:
        doc = upload.request
        summary = _with_reason(request_summary(ctx, doc, unmatched_names(index, request_unit_names(doc))),
                               upload.reason)
        if not doc.requests:  # a letter with no due date makes no deadline: said, and nothing to save
            return [Reply(summary + "\n" + t("intake_request_none"))]
        existing_request = await find_request_import(session=ctx.session, text_hash=doc.text_hash)
        if existing_request is not None:
            return [Reply(summary + "\n" + t("intake_exists", id=existing_request.id))]
        choice = Choice("save", t("btn_save_request"))
        kind = "request"
    else:
        return [Reply(t("intake_not_recognised_any"))]
    set_state(ctx, FLOW, "confirm", {"kind": kind, "text": upload.text, "name": name})
    return [Reply(summary + "\n" + t("intake_confirm"), [choice, Choice("drop", t("btn_drop"))])]


async def _confirm(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """Save on 'save' (the kept text is read again after this commit); anything else drops it."""
    if not is_organiser(ctx.identity):
        end_flow(ctx)
        return [Reply(t("not_allowed", who=t("not_allowed_organizer")))]
    if inbound.choice != "save":
        end_flow(ctx)
        return [Reply(t("intake_dropped"))]
    token = uuid.uuid4().hex[:12]
    text = ctx.data["text"]
    set_state(ctx, FLOW, "saving", {**ctx.data, "token": token, "since": ctx.now.isoformat()})
    _then_read(ctx, token, text=text)
    return []


async def _save(ctx: Ctx, upload: Upload) -> list[Reply]:
    """The short transaction: store what was read, or say why not."""
    kind, name = ctx.data["kind"], ctx.data["name"]
    end_flow(ctx)
    if not is_organiser(ctx.identity):
        return [Reply(t("not_allowed", who=t("not_allowed_organizer")))]
    actor = ctx.identity.member_id if ctx.identity else None
    try:
        async with ctx.session.begin_nested():
            if kind == "plan" and upload.plan is not None:
                saved, unmatched = await _store_plan(ctx, upload.plan, name, actor)
            elif kind == "meeting" and upload.letter is not None:
                saved, unmatched = await _store_meeting(ctx, upload.letter, name, actor)
            elif kind == "request" and upload.request is not None and upload.request.requests:
                saved, unmatched = await _store_request(ctx, upload.request, name, actor)
            else:  # the kept text no longer reads as what the summary showed (a newer reader)
                return [Reply(t("intake_not_recognised_any"))]
    except Conflict as err:
        return [Reply(t("intake_exists", id=err.params.get("id", "?")))]
    if unmatched:
        saved += "\n" + t("intake_unmatched", names="; ".join(sorted(set(unmatched))))
    return [Reply(saved)]


async def _store_plan(ctx: Ctx, doc: PlanDoc, name: str, actor: int | None) -> tuple[str, list[str]]:
    report = await store_plan(session=ctx.session, doc=doc, source_name=name, actor_id=actor)
    return t("intake_plan_saved", id=report.plan.id, tasks=report.tasks, deadlines=report.deadlines), report.unmatched


async def _store_meeting(ctx: Ctx, doc: MeetingDoc, name: str, actor: int | None) -> tuple[str, list[str]]:
    report = await store_meeting_doc(session=ctx.session, doc=doc, source_name=name, actor_id=actor)
    return t("intake_meeting_saved", id=report.meeting.id, invited=report.invited), report.unmatched


async def _store_request(ctx: Ctx, doc: RequestDoc, name: str, actor: int | None) -> tuple[str, list[str]]:
    saved = await store_request_doc(session=ctx.session, doc=doc, source_name=name, actor_id=actor, tz=ctx.tz)
    ids = ", ".join(str(s.deadline.id) for s in saved)
    units = len({unit for s in saved for unit in s.owed})
    return (t("intake_request_saved", n=len(saved), ids=ids, units=units),
            [written for s in saved for written in s.unmatched])
