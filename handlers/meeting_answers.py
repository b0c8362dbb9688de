"""Questions about a meeting, answered straight from storage without entering a flow: "mấy giờ họp",
"họp ở đâu", "link họp ở đâu", "còn mấy ngày nữa hết hạn", "tôi đã đăng ký chưa?".

A unit's member hears about the meetings the unit is invited to; an organiser about every
meeting. Several upcoming meetings are answered each in turn, nearest first.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

from domain.attendees import registration_open
from domain.workload import working_days_left
from handlers import registry
from handlers.formatting import MODES, cutoff_text, days_left, meeting_card
from handlers.intents import offer
from handlers.meeting_when import meeting_when
from handlers.permissions import is_organiser, need_member
from handlers.texts import t
from handlers.types import Ctx, Inbound, Reply
from storage.meetings import list_meetings, meetings_for_unit
from storage.models import Meeting, saved_id
from storage.registrations import invited_count, registration_of, roster

MAX_SHOWN = 3
_STARTED = timedelta(hours=12)  # a meeting that began this morning is still "the meeting" this afternoon

Lines = Callable[[Ctx, Meeting], Awaitable[list[str]]]


async def upcoming(ctx: Ctx, *, own_unit: bool = False) -> list[Meeting]:
    """The meetings a question is about, nearest first: the unit's, or for an organiser every one.
    A cancelled one is among them (it is answered as cancelled, not as if its cutoff had passed)."""
    assert ctx.identity is not None
    if is_organiser(ctx.identity) and not own_unit:
        rows = await list_meetings(session=ctx.session, cancelled=True)
    else:
        rows = await meetings_for_unit(session=ctx.session, unit_id=ctx.identity.unit_id, cancelled=True)
    soon = [m for m in rows if m.start_at is None or m.start_at >= ctx.now - _STARTED]
    soon.sort(key=lambda m: (m.start_at is None, m.start_at or ctx.now))
    return soon[:MAX_SHOWN]


async def _about(ctx: Ctx, lines: Lines, *, own_unit: bool = False, offer_register: bool = False) -> list[Reply]:
    """One block per upcoming meeting; with a "register" choice when asked for and one is still open."""
    ident = need_member(ctx)
    if isinstance(ident, list):
        return ident
    meetings = await upcoming(ctx, own_unit=own_unit)
    if not meetings:
        if is_organiser(ident) and not own_unit:
            return [Reply(t("ans_no_meetings_organiser"))]
        return [Reply(t("ans_no_meetings", unit=ident.unit.name))]
    blocks = ["\n".join([f"📌 {m.title}", *(await lines(ctx, m) if m.status != "cancelled"
                                            else [t("ans_meeting_cancelled")])]) for m in meetings]
    text = "\n\n".join(blocks)
    if offer_register and (own_unit or not is_organiser(ident)) and any(
            registration_open(m.registration_cutoff, m.status, ctx.now) for m in meetings):
        return offer(ctx, text, ("register",))
    return [Reply(text)]


def _contact(meeting: Meeting) -> str:
    return ", ".join(x for x in (meeting.contact_name, meeting.contact_detail, meeting.contact_phone) if x) \
        or t("reg_the_organiser")


def _when(ctx: Ctx, meeting: Meeting) -> str:
    assert meeting.start_at is not None
    text = meeting_when(meeting, ctx.tz) + (" (dự kiến)" if meeting.tentative else "")
    days = (meeting.start_at.astimezone(ctx.tz).date() - ctx.now.astimezone(ctx.tz).date()).days
    if days == 0:
        return f"{text}, {t('ans_today')}"
    if days == 1:
        return f"{text}, {t('ans_tomorrow')}"
    return f"{text}, {t('ans_in_days', n=days)}" if days > 1 else text


async def _time_lines(ctx: Ctx, meeting: Meeting) -> list[str]:
    when = t("ans_time", when=_when(ctx, meeting)) if meeting.start_at else t("ans_time_unknown")
    return [when, t("card_mode", mode=MODES.get(meeting.mode, meeting.mode))]


def _link_lines(ctx: Ctx, meeting: Meeting) -> list[str]:
    if meeting.mode == "in_person":
        return [t("ans_link_in_person")]
    if meeting.join_url:
        return [t("ans_link", url=meeting.join_url)]
    if is_organiser(ctx.identity):
        return [t("ans_link_unset_organiser")]
    return [t("ans_link_pending", contact=_contact(meeting))]


async def _link(ctx: Ctx, meeting: Meeting) -> list[str]:
    return _link_lines(ctx, meeting)


async def _place_lines(ctx: Ctx, meeting: Meeting) -> list[str]:
    lines = [t("card_mode", mode=MODES.get(meeting.mode, meeting.mode))]
    if meeting.mode in ("in_person", "hybrid"):
        lines.append(t("card_location", location=meeting.location) if meeting.location
                     else t("ans_place_unknown", contact=_contact(meeting)))
    if meeting.mode in ("online", "hybrid"):
        lines += _link_lines(ctx, meeting)
    return lines


async def _status_line(ctx: Ctx, meeting: Meeting) -> str:
    """The unit's registration in one line; for an organiser, how many units have registered."""
    assert ctx.identity is not None
    if is_organiser(ctx.identity):
        units = len(await roster(session=ctx.session, meeting_id=saved_id(meeting)))
        return t("ans_units_registered", units=units,
                 invited=await invited_count(session=ctx.session, meeting_id=saved_id(meeting)))
    _, people = await registration_of(session=ctx.session, meeting_id=saved_id(meeting), unit_id=ctx.identity.unit_id)
    if people:
        names = ", ".join(p.full_name + (f" {t('focal_mark')}" if p.is_focal_point else "") for p in people)
        return t("ans_reg_done", unit=ctx.identity.unit.name, n=len(people), names=names)
    if registration_open(meeting.registration_cutoff, meeting.status, ctx.now):
        return t("ans_reg_none", unit=ctx.identity.unit.name)
    return t("ans_reg_none_closed", unit=ctx.identity.unit.name, contact=_contact(meeting))


def _cutoff_line(ctx: Ctx, meeting: Meeting) -> str:
    """The cutoff as a date, and the days (and working days) left to it."""
    if meeting.registration_cutoff is None:
        return t("ans_cutoff_none")
    local_now, cutoff = ctx.now.astimezone(ctx.tz), meeting.registration_cutoff.astimezone(ctx.tz)
    written = cutoff_text(cutoff, ctx.tz)
    work = working_days_left(local_now, cutoff)
    if work is None or meeting.status != "open":
        return t("ans_cutoff_passed", cutoff=written)
    midnight = cutoff.hour == cutoff.minute == 0
    last_day = cutoff.date() - timedelta(days=1) if midnight else cutoff.date()
    if last_day <= local_now.date():
        return t("ans_cutoff_today", cutoff=written)
    return t("ans_cutoff_left", cutoff=written, days=(cutoff.date() - local_now.date()).days, work=work)


async def _cutoff_lines(ctx: Ctx, meeting: Meeting) -> list[str]:
    return [_cutoff_line(ctx, meeting), await _status_line(ctx, meeting)]


async def _registration_lines(ctx: Ctx, meeting: Meeting) -> list[str]:
    lines = [await _status_line(ctx, meeting)]
    if meeting.registration_cutoff and registration_open(meeting.registration_cutoff, meeting.status, ctx.now):
        lines.append(t("ans_reg_until", cutoff=cutoff_text(meeting.registration_cutoff, ctx.tz),
                       left=days_left(ctx.now, ctx.tz, meeting.registration_cutoff)))
    return lines


async def _info_lines(ctx: Ctx, meeting: Meeting) -> list[str]:
    card = meeting_card(meeting, ctx.tz).splitlines()[1:]  # the title is already the block's first line
    link = _link_lines(ctx, meeting) if meeting.join_url else []
    return [*card, *link, await _status_line(ctx, meeting)]


async def _contact_lines(ctx: Ctx, meeting: Meeting) -> list[str]:
    return [t("card_contact", contact=_contact(meeting))]


@registry.answer("meeting_time")
async def meeting_time(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """'mấy giờ họp': when, and whether online or in person."""
    return await _about(ctx, _time_lines)


@registry.answer("meeting_place")
async def meeting_place(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """'họp ở đâu': the place, or for an online meeting its link."""
    return await _about(ctx, _place_lines)


@registry.answer("meeting_link")
async def meeting_link(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """'link họp ở đâu': the join link, or when the Department will send it."""
    return await _about(ctx, _link)


@registry.answer("cutoff")
async def cutoff(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """'còn mấy ngày nữa hết hạn': the cutoff's date, the days left, and the unit's registration."""
    return await _about(ctx, _cutoff_lines, offer_register=True)


@registry.answer("meeting_info")
async def meeting_info(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """'hội nghị sắp tới': the card of each upcoming meeting, with the unit's registration."""
    return await _about(ctx, _info_lines, offer_register=True)


@registry.answer("contact")
async def contact(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """'liên hệ ai': the contact the invitation names."""
    return await _about(ctx, _contact_lines)


@registry.answer("my_registration")
async def my_registration(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """'tôi đã đăng ký chưa?': the unit's own registration for each upcoming meeting (organisers
    asking this get the roster: see intents_vi)."""
    return await _about(ctx, _registration_lines, own_unit=True, offer_register=True)

