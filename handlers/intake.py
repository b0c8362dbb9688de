"""An organiser sends a plan or an invitation letter (.docx, .pdf, .txt): read it, show what was
found, and store it only when the organiser confirms."""

from __future__ import annotations

import asyncio

from domain.documents import DocumentError, MeetingDoc, PlanDoc, document_text, read_meeting_letter, read_plan
from domain.errors import Conflict
from handlers.engine import end_flow, set_state
from handlers.formatting import MODES, cutoff_text, moment, one_line
from handlers.permissions import is_organiser
from handlers.registry import file_handler, flow
from handlers.texts import t
from handlers.types import Choice, Ctx, Inbound, Reply
from storage.types import local_aware

FLOW = "intake"
MAX_BYTES = 10 * 1024 * 1024


@file_handler
async def document_sent(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """A file outside any conversation: organisers import it; others are told where files go."""
    if not is_organiser(ctx.identity) or inbound.file is None:
        return []
    if inbound.file.size > MAX_BYTES:
        return [Reply(t("intake_too_big", mb=MAX_BYTES // 1024 // 1024))]
    data = await inbound.file.fetch()
    try:
        # Reading a PDF or a large .docx is CPU work: keep the event loop free for other chats.
        text = await asyncio.to_thread(document_text, inbound.file.name, data)
    except DocumentError as err:  # also a text too long to keep (domain.documents.limits), said as such
        return [Reply(str(err))]
    plan = await asyncio.to_thread(read_plan, text)
    if plan.tasks:
        set_state(ctx, FLOW, "confirm", {"kind": "plan", "text": text, "name": inbound.file.name})
        return [Reply(_plan_summary(plan), [Choice("save", t("btn_save_plan")), Choice("drop", t("btn_drop"))])]
    letter = await asyncio.to_thread(read_meeting_letter, text)
    if letter.start is not None:
        set_state(ctx, FLOW, "confirm", {"kind": "meeting", "text": text, "name": inbound.file.name})
        return [Reply(_meeting_summary(ctx, letter),
                      [Choice("save", t("btn_save_meeting")), Choice("drop", t("btn_drop"))])]
    return [Reply(t("intake_not_recognised"))]


def _plan_summary(plan: PlanDoc) -> str:
    lines = [t("intake_plan", title=plan.title or "?", year=plan.year or "?", tasks=len(plan.tasks),
               deadlines=len(plan.deadlines))]
    lines += [f"• {task.label}: {one_line(task.content, 70)} – {task.timeframe_text or '?'}" for task in plan.tasks[:8]]
    if len(plan.tasks) > 8:
        lines.append(t("intake_more", n=len(plan.tasks) - 8))
    lines += [f"📄 {one_line(d.what, 80)} – {d.due_text}" for d in plan.deadlines]
    lines += [f"⚠️ {w}" for w in plan.warnings[:5]]
    lines.append(t("intake_confirm"))
    return "\n".join(lines)


def _meeting_summary(ctx: Ctx, doc: MeetingDoc) -> str:
    lines = [t("intake_meeting", title=doc.title or "?")]
    if doc.start:
        lines.append(t("card_time", when=moment(local_aware(doc.start, ctx.tz), ctx.tz)
                       + (" (dự kiến)" if doc.tentative else "")))
    lines.append(t("card_mode", mode=MODES.get(doc.mode or "", t("intake_unknown"))))
    if doc.location:
        lines.append(t("card_location", location=doc.location))
    if doc.registration and doc.registration.due_at:
        cutoff = local_aware(doc.registration.due_at, ctx.tz)
        lines.append(t("card_cutoff", cutoff=cutoff_text(cutoff, ctx.tz)))
        if cutoff <= ctx.now:
            lines.append(t("intake_cutoff_past"))
    if doc.contact:
        lines.append(t("card_contact", contact=", ".join(x for x in (doc.contact.name, doc.contact.phone) if x)))
    if doc.agenda:
        lines.append(t("intake_agenda", n=len(doc.agenda)))
    lines += [f"⚠️ {w}" for w in doc.warnings[:5]]
    lines.append(t("intake_confirm"))
    return "\n".join(lines)


@flow(FLOW)
async def confirm(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """Save on 'save'; anything else drops the upload without storing it."""
    if not is_organiser(ctx.identity):
        end_flow(ctx)
        return [Reply(t("not_allowed", who=t("not_allowed_organizer")))]
    if inbound.choice != "save":
        end_flow(ctx)
        return [Reply(t("intake_dropped"))]
    kind, text, name = ctx.data["kind"], ctx.data["text"], ctx.data["name"]
    actor = ctx.identity.member_id if ctx.identity else None
    end_flow(ctx)
    try:
        async with ctx.session.begin_nested():
            if kind == "plan":
                from storage.plans import store_plan

                report = await store_plan(session=ctx.session, doc=read_plan(text), source_name=name, actor_id=actor)
                saved = t("intake_plan_saved", id=report.plan.id, tasks=report.tasks, deadlines=report.deadlines)
                unmatched = report.unmatched
            else:
                from storage.meeting_import import store_meeting_doc

                meeting = await store_meeting_doc(session=ctx.session, doc=read_meeting_letter(text),
                                                  source_name=name, actor_id=actor)
                saved = t("intake_meeting_saved", id=meeting.meeting.id, invited=meeting.invited)
                unmatched = meeting.unmatched
    except Conflict as err:
        return [Reply(t("intake_exists", id=err.params.get("id", "?")))]
    if unmatched:
        saved += "\n" + t("intake_unmatched", names="; ".join(sorted(set(unmatched))))
    return [Reply(saved)]
