"""/hoinghi (meeting management) and /lienket (the join link): the organiser changes a meeting,
and everyone who needs to know is told once, through the outbox.

Seed 000 is the case: "Sở … sẽ thông báo đường truyền/kết nối cụ thể sau khi địa phương đăng ký".
A confirmed time replaces a tentative one ("dự kiến"); a cancellation reaches every invited unit.
"""

from __future__ import annotations

from typing import Any

from domain.meeting_times import read_moment
from handlers.announcements import announce, audience
from handlers.engine import end_flow, set_state
from handlers.formatting import day, meeting_card
from handlers.meeting_when import meeting_when
from handlers.permissions import require_organiser
from handlers.registry import command, flow
from handlers.texts import t
from handlers.types import Choice, Ctx, Inbound, Reply
from storage.meeting_changes import change_meeting, clean_url
from storage.meetings import list_meetings
from storage.models import Meeting
from storage.registrations import invited_count, roster

FLOW = "meeting_admin"
MAX_SHOWN = 10
ASK = {"join_url": "mt_ask_link", "start_at": "mt_ask_time", "location": "mt_ask_place"}


@command("hoinghi")
async def meetings_command(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/hoinghi [số]: a meeting's card with what the organiser can change."""
    return await _open(ctx, inbound.arg, then="card")


@command("lienket")
async def link_command(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/lienket [số] [đường dẫn]: set or change the join link of an online meeting."""
    parts = inbound.arg.split()
    if len(parts) >= 2 and parts[0].isdecimal():
        meeting = await _meeting(ctx, parts[0])
        if meeting is None:
            return [Reply(t("org_no_such_meeting", id=parts[0][:10]))]
        return await _apply(ctx, meeting, {"join_url": clean_url(parts[1])})
    if len(parts) == 1 and not parts[0].isdecimal():
        meetings = await _choosable(ctx)
        if len(meetings) == 1:
            return await _apply(ctx, meetings[0], {"join_url": clean_url(parts[0])})
    return await _open(ctx, parts[0] if parts and parts[0].isdecimal() else "", then="join_url")


async def _choosable(ctx: Ctx) -> list[Meeting]:
    require_organiser(ctx)
    return (await list_meetings(session=ctx.session))[:MAX_SHOWN]


async def _meeting(ctx: Ctx, ident: str) -> Meeting | None:
    require_organiser(ctx)
    meeting = await ctx.session.get(Meeting, int(ident)) if ident.isdecimal() and len(ident) < 10 else None
    return meeting if meeting is not None and meeting.status != "cancelled" else None


async def _open(ctx: Ctx, arg: str, *, then: str) -> list[Reply]:
    meetings = await _choosable(ctx)
    if arg.strip():
        meeting = await _meeting(ctx, arg.strip())
        if meeting is None:
            return [Reply(t("org_no_such_meeting", id=arg.strip()[:10]))]
        return await _go(ctx, meeting, then)
    if not meetings:
        end_flow(ctx)
        return [Reply(t("org_no_meetings"))]
    if len(meetings) == 1:
        return await _go(ctx, meetings[0], then)
    set_state(ctx, FLOW, f"pick:{then}", {})
    return [Reply(t("org_pick_meeting"), [Choice(f"m{m.id}", f"{day(m.start_at, ctx.tz) if m.start_at else '?'} "
                                                 f"{m.title[:50]}") for m in meetings])]


async def _go(ctx: Ctx, meeting: Meeting, then: str) -> list[Reply]:
    if then == "card":
        return await _card(ctx, meeting)
    set_state(ctx, FLOW, f"ask:{then}", {"meeting_id": meeting.id})
    return [Reply(t(ASK[then], title=meeting.title))]


async def _card(ctx: Ctx, meeting: Meeting) -> list[Reply]:
    assert meeting.id is not None
    registered = len(await roster(session=ctx.session, meeting_id=meeting.id))
    invited = await invited_count(session=ctx.session, meeting_id=meeting.id)
    lines = [meeting_card(meeting, ctx.tz), t("mt_link", url=meeting.join_url or t("mt_link_none")),
             t("mt_counts", registered=registered, invited=invited, id=meeting.id)]
    choices = [Choice("join_url", t("btn_mt_link")), Choice("start_at", t("btn_mt_time")),
               Choice("location", t("btn_mt_place"))]
    if meeting.tentative and meeting.start_at is not None:
        choices.append(Choice("confirm", t("btn_mt_confirm")))
    choices += [Choice("cancel", t("btn_mt_cancel")), Choice("close", t("btn_close"))]
    set_state(ctx, FLOW, "card", {"meeting_id": meeting.id})
    return [Reply("\n".join(lines), choices)]


@flow(FLOW)
async def step(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """Continue meeting management at the step the state says."""
    require_organiser(ctx)
    current = ctx.state.step or ""
    if current.startswith("pick:"):
        chosen = inbound.choice or ""
        meeting = await _meeting(ctx, chosen[1:]) if chosen.startswith("m") else None
        if meeting is None:
            return [Reply(t("org_pick_meeting_again"))]
        return await _go(ctx, meeting, current.split(":", 1)[1])
    meeting = await _meeting(ctx, str(ctx.data.get("meeting_id", "")))
    if meeting is None:
        end_flow(ctx)
        return [Reply(t("stale_choice"))]
    if current == "card":
        return await _on_card(ctx, meeting, inbound)
    if current == "confirm_cancel":
        if inbound.choice == "yes":
            return await _apply(ctx, meeting, {"status": "cancelled"})
        end_flow(ctx)
        return [Reply(t("mt_cancel_kept", title=meeting.title))]
    if current.startswith("ask:"):
        return await _on_answer(ctx, meeting, current.split(":", 1)[1], inbound)
    end_flow(ctx)
    return [Reply(t("not_understood"))]


async def _on_card(ctx: Ctx, meeting: Meeting, inbound: Inbound) -> list[Reply]:
    choice = inbound.choice
    if choice in ASK:
        return await _go(ctx, meeting, choice)
    if choice == "confirm":
        return await _apply(ctx, meeting, {"tentative": False})
    if choice == "cancel":
        assert meeting.id is not None
        who = await audience(session=ctx.session, meeting_id=meeting.id, everyone_invited=True)
        set_state(ctx, FLOW, "confirm_cancel", {"meeting_id": meeting.id})
        return [Reply(t("mt_cancel_ask", title=meeting.title, units=who.units, people=len(who.people)),
                      [Choice("yes", t("btn_mt_cancel_yes")), Choice("no", t("btn_no"))])]
    end_flow(ctx)
    return [Reply(t("mt_closed"))]


async def _on_answer(ctx: Ctx, meeting: Meeting, field: str, inbound: Inbound) -> list[Reply]:
    text = (inbound.text or "").strip()
    if not text:
        return [Reply(t(ASK[field], title=meeting.title))]
    if field == "join_url":
        return await _apply(ctx, meeting, {"join_url": clean_url(text)})
    if field == "location":
        return await _apply(ctx, meeting, {"location": text[:500]})
    start = read_moment(text, now=ctx.now, tz=ctx.tz, edge="start")
    if start <= ctx.now:
        return [Reply(t("mt_time_past") + "\n" + t(ASK[field], title=meeting.title))]
    return await _apply(ctx, meeting, {"start_at": start, "tentative": False})


async def _apply(ctx: Ctx, meeting: Meeting, changes: dict[str, Any]) -> list[Reply]:
    """Save the change, queue the announcement, tell the organiser how many will hear of it."""
    identity = require_organiser(ctx)
    assert meeting.id is not None
    changed = await change_meeting(session=ctx.session, meeting_id=meeting.id, changes=changes,
                                   actor_id=identity.member.id, now=ctx.now, tz=ctx.tz, calendar=ctx.calendar)
    end_flow(ctx)
    if not changed.diff:
        return [Reply(t("mt_no_change", title=meeting.title))]
    who = await announce(session=ctx.session, changed=changed, now=ctx.now, tz=ctx.tz, calendar=ctx.calendar,
                         hours=ctx.hours)
    ctx.extras["reminders_changed"] = True
    when = meeting_when(changed.meeting, ctx.tz) if changed.meeting.start_at else t("intake_unknown")
    done = t("mt_cancelled_done" if changed.cancelled else "mt_saved", title=meeting.title, when=when)
    return [Reply(done + "\n" + t("mt_announced", units=who.units, people=len(who.people)))]
