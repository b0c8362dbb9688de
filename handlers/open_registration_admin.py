"""/dangkymo: the organiser opens a meeting's registration to anyone with the link (issue 15),
gets the public link and the Zalo code to paste in the notice on the Department's portal,
closes it at any time, and sees the enterprises that came through it (audited: their tax
codes, contacts and phones are personal data)."""

from __future__ import annotations

from domain.errors import NotAllowed
from domain.open_registration import link_state, show_short_code
from handlers.engine import end_flow, error_text, set_state
from handlers.formatting import day
from handlers.permissions import require_organiser
from handlers.registry import command, flow
from handlers.texts import t
from handlers.types import Choice, Ctx, Inbound, Reply
from storage.audit import record
from storage.meetings import list_meetings
from storage.models import Meeting, saved_id
from storage.open_registration import close_link, enterprises_of_meeting, open_link

FLOW = "open_reg_admin"
MAX_SHOWN = 10


def public_link(ctx: Ctx, code: str) -> str:
    """The deep link to print: t.me/<bot>?start=<code> (the bot's name from [telegram] bot_username)."""
    return f"https://t.me/{ctx.bot_username or '<bot_username>'}?start={code}"


@command("dangkymo")
async def open_command(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/dangkymo [số]: a meeting's public registration link: open, close, who came through it."""
    require_organiser(ctx)
    typed = inbound.arg.strip()
    meetings = (await list_meetings(session=ctx.session))[:MAX_SHOWN]
    if typed:
        meeting = await ctx.session.get(Meeting, int(typed)) if typed.isdecimal() and len(typed) < 10 else None
        if meeting is None:
            return [Reply(t("org_no_such_meeting", id=typed[:10]))]
        return await _card(ctx, meeting)
    if not meetings:
        return [Reply(t("org_no_meetings"))]
    if len(meetings) == 1:
        return await _card(ctx, meetings[0])
    set_state(ctx, FLOW, "pick", {})
    return [Reply(t("org_pick_meeting"), [Choice(f"m{m.id}", f"{day(m.start_at, ctx.tz) if m.start_at else '?'} "
                                                 f"{m.title[:50]}") for m in meetings])]


async def _card(ctx: Ctx, meeting: Meeting, note: str = "") -> list[Reply]:
    state = link_state(open_code=meeting.open_code, closed_at=meeting.open_closed_at, status=meeting.status,
                       cutoff=meeting.registration_cutoff, now=ctx.now)
    lines = [t("oadm_header", title=meeting.title, state=t(f"oadm_state_{state}"))]
    if meeting.open_code and meeting.open_short_code:
        lines.append(t("oadm_codes", link=public_link(ctx, meeting.open_code),
                       code=show_short_code(meeting.open_short_code)))
        lines.append(t("oadm_counts", n=meeting.open_count, cap=meeting.open_cap or ctx.open_registration_cap))
    choices = []
    if state in ("never", "closed"):
        choices.append(Choice("open", t("btn_oadm_open")))
    if state == "open":
        choices.append(Choice("close", t("btn_oadm_close")))
    if meeting.open_code:
        choices.append(Choice("list", t("btn_oadm_list")))
    choices.append(Choice("quit", t("btn_close")))
    set_state(ctx, FLOW, "card", {"meeting_id": meeting.id})
    return [Reply((note + "\n\n" if note else "") + "\n".join(lines), choices)]


@flow(FLOW)
async def step(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """The organiser picked a meeting, or an action on its link."""
    identity = require_organiser(ctx)
    if ctx.state.step == "pick":
        chosen = inbound.choice or ""
        meeting = await ctx.session.get(Meeting, int(chosen[1:])) if chosen[1:].isdecimal() else None
        if meeting is None:
            return [Reply(t("org_pick_meeting_again"))]
        return await _card(ctx, meeting)
    meeting = await ctx.session.get(Meeting, int(ctx.data.get("meeting_id") or 0))
    if meeting is None:
        end_flow(ctx)
        return [Reply(t("stale_choice"))]
    meeting_id = saved_id(meeting)
    if inbound.choice == "open":
        try:
            meeting = await open_link(session=ctx.session, meeting_id=meeting_id,
                                      cap=meeting.open_cap or ctx.open_registration_cap,
                                      actor_id=identity.member_id, now=ctx.now)
        except NotAllowed as err:
            end_flow(ctx)
            return [Reply(error_text(err))]
        assert meeting.open_code is not None and meeting.open_short_code is not None
        notice = t("oadm_notice", title=meeting.title, link=public_link(ctx, meeting.open_code),
                   code=show_short_code(meeting.open_short_code))
        return [*await _card(ctx, meeting, t("oadm_opened")), Reply(notice)]
    if inbound.choice == "close" and meeting.open_code:
        meeting = await close_link(session=ctx.session, meeting_id=meeting_id, actor_id=identity.member_id,
                                   now=ctx.now)
        return await _card(ctx, meeting, t("oadm_closed"))
    if inbound.choice == "list":
        return await _list(ctx, meeting)
    end_flow(ctx)
    return [Reply(t("oadm_menu_closed"))]


async def _list(ctx: Ctx, meeting: Meeting) -> list[Reply]:
    """The enterprises of the meeting with their tax codes and contacts: the organiser's, audited."""
    end_flow(ctx)
    found = await enterprises_of_meeting(session=ctx.session, meeting_id=saved_id(meeting))
    record(session=ctx.session, actor_id=ctx.identity.member_id if ctx.identity else None,
           action="open_registration.view", subject=f"meeting:{meeting.id}", units=len(found), via=ctx.channel)
    if not found:
        return [Reply(t("oadm_none", title=meeting.title))]
    lines = [t("oadm_list_header", title=meeting.title, n=len(found))]
    for i, (unit, people) in enumerate(found, start=1):
        lines.append(t("oadm_list_line", i=i, name=unit.name, tax=unit.tax_code or "?", address=unit.address or "?",
                       contact=unit.contact_name or "?", phone=unit.contact_phone or "?", people=people,
                       id=unit.id, mark=t("oadm_self") if unit.self_registered else ""))
    lines.append(t("oadm_list_footer"))
    return [Reply("\n".join(lines))]
