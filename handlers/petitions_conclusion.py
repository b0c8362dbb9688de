"""/ketluan: after the meeting, the organiser sends the conclusion notice (text, a file, or both)
to every registered participant, once: each (meeting, unit) has its key in the outbox, so sending
again reaches only those who did not have it (a unit registered late), never anyone twice."""

from __future__ import annotations

from handlers.engine import end_flow, set_state
from handlers.formatting import day, one_line
from handlers.permissions import require_organiser
from handlers.petition_messages import conclusion_audience, queue_conclusion
from handlers.registry import command, flow
from handlers.texts import t
from handlers.types import Choice, Ctx, Inbound, Reply
from storage.meetings import list_meetings
from storage.models import Meeting
from storage.petitions import MAX_FILE_BYTES, mark_conclusion_sent, save_conclusion, settings_of

FLOW = "conclusion"
MAX_MEETINGS = 10
MAX_TEXT = 3500


@command("ketluan")
async def conclusion_command(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/ketluan: pick the meeting (when several), then send the notice."""
    require_organiser(ctx)
    meetings = (await list_meetings(session=ctx.session))[:MAX_MEETINGS]
    if not meetings:
        return [Reply(t("org_no_meetings"))]
    if len(meetings) == 1:
        return await _ask(ctx, meetings[0])
    set_state(ctx, FLOW, "pick", {})
    return [Reply(t("org_pick_meeting"), [Choice(f"m{m.id}", one_line(m.title, 55)) for m in meetings])]


async def _ask(ctx: Ctx, meeting: Meeting) -> list[Reply]:
    assert meeting.id is not None
    people = await conclusion_audience(session=ctx.session, meeting_id=meeting.id)
    if not people:
        end_flow(ctx)
        return [Reply(t("conclusion_nobody", title=meeting.title))]
    settings = await settings_of(session=ctx.session, meeting_id=meeting.id)
    set_state(ctx, FLOW, "content", {"meeting_id": meeting.id})
    sent = t("conclusion_sent_before", when=day(settings.conclusion_sent_at, ctx.tz)) \
        if settings and settings.conclusion_sent_at else ""
    return [Reply("\n".join(x for x in (t("conclusion_ask" if ctx.caps.files_in else "conclusion_ask_typed",
                                          title=meeting.title, n=len(people)), sent) if x))]


@flow(FLOW)
async def step(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """Meeting → the notice (text or file) → confirmation with the count → queued once per unit."""
    identity = require_organiser(ctx)
    if ctx.state.step == "pick":
        chosen = int(inbound.choice[1:]) if inbound.choice and inbound.choice[1:].isdecimal() else None
        meeting = await ctx.session.get(Meeting, chosen) if chosen else None
        return await _ask(ctx, meeting) if meeting else [Reply(t("org_pick_meeting_again"))]
    meeting = await ctx.session.get(Meeting, int(ctx.data.get("meeting_id", 0)))
    if meeting is None or meeting.id is None:
        end_flow(ctx)
        return [Reply(t("stale_choice"))]
    if ctx.state.step == "content":
        if inbound.file is not None:
            if inbound.file.size > MAX_FILE_BYTES:
                return [Reply(t("petition_file_big", limit=MAX_FILE_BYTES // (1024 * 1024)))]
            data = await inbound.file.fetch()
            await save_conclusion(session=ctx.session, meeting_id=meeting.id, text=None, file_name=inbound.file.name,
                                  file_data=data, actor_id=identity.member_id, now=ctx.now)
        elif inbound.text and inbound.text.strip():
            if len(inbound.text) > MAX_TEXT:
                return [Reply(t("too_long", limit=MAX_TEXT))]
            await save_conclusion(session=ctx.session, meeting_id=meeting.id, text=inbound.text, file_name=None,
                                  file_data=None, actor_id=identity.member_id, now=ctx.now)
        else:
            return await _ask(ctx, meeting)
        people = await conclusion_audience(session=ctx.session, meeting_id=meeting.id)
        set_state(ctx, FLOW, "confirm", {"meeting_id": meeting.id})
        return [Reply(t("conclusion_confirm", n=len(people), units=len({p.unit_id for p in people})),
                      [Choice("yes", t("btn_conclusion_send")), Choice("no", t("btn_no"))])]
    end_flow(ctx)
    if inbound.choice != "yes":
        return [Reply(t("conclusion_not_sent"))]
    settings = await settings_of(session=ctx.session, meeting_id=meeting.id)
    assert settings is not None  # saved at the previous step
    added, total = await queue_conclusion(session=ctx.session, meeting=meeting, settings=settings, now=ctx.now,
                                          tz=ctx.tz, calendar=ctx.calendar, hours=ctx.hours)
    await mark_conclusion_sent(session=ctx.session, meeting_id=meeting.id, queued=added, actor_id=identity.member_id,
                               now=ctx.now)
    ctx.extras["reminders_changed"] = True
    if not added:
        return [Reply(t("conclusion_nobody_new", n=total))]
    return [Reply(t("conclusion_queued", n=added, already=total - added))]
