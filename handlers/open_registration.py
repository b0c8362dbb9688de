"""Registering an organisation through a meeting's public link (issue 15): a stranger who
follows https://t.me/<bot>?start=dk_… (or types the notice's Zalo code "DN-…") registers the
enterprise (name, tax code, address, contact person and phone), becomes its member on this
chat, and goes on to the ordinary attendee list (handlers/registration.py).

The same link (or /doanhnghiep) later shows the enterprise's own details to its registrant,
who may correct them until the cutoff. A tax code already registered by another chat is
refused without showing whose it is: the registrant asks the first one or the organiser.
"""

from __future__ import annotations

from domain.attendees import registration_open
from domain.errors import DomainError, InvalidInput, NotAllowed
from domain.open_registration import CLEAN, FIELDS, EnterpriseDetails, link_code_in, short_code_in
from handlers.engine import end_flow, error_text, set_state
from handlers.formatting import cutoff_text, meeting_card
from handlers.permissions import need_member
from handlers.registration import open_meeting
from handlers.registry import command, flow, free_text
from handlers.texts import t
from handlers.types import Choice, Ctx, Inbound, Reply
from storage.audit import record
from storage.guesses import guesser
from storage.meetings import meetings_for_unit
from storage.models import Meeting, Unit, saved_id
from storage.open_registration import (
    ENTERPRISE,
    details_of,
    enterprise_for_chat,
    join_by_link,
    meeting_by_code,
    refusal,
    register_enterprise,
    update_enterprise,
)

FLOW = "open_reg"


def open_code_in(text: str) -> str | None:
    """A public link's code or a Zalo code in what was typed or pasted, or None."""
    return link_code_in(text) or short_code_in(text)


async def start_by_code(ctx: Ctx, code: str) -> list[Reply]:
    """Someone followed a public link (or typed its Zalo code): register, or see what was registered."""
    try:
        meeting = await meeting_by_code(session=ctx.session, code=code, channel=ctx.channel, external_id=ctx.user_id,
                                        now=ctx.now)
    except NotAllowed as err:  # kept, not rolled back: the wrong code counts towards the guess limit
        return [Reply(error_text(err))]
    return await _arrive(ctx, meeting)


@free_text
async def typed_open_code(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """The notice's Zalo code (or the link) sent as a message: Zalo has no deep-link payloads."""
    code = open_code_in(inbound.text or "")
    return await start_by_code(ctx, code) if code else []


@command("doanhnghiep")
async def enterprise_command(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/doanhnghiep: the enterprise's own details (and their correction), for whoever registered it."""
    ident = need_member(ctx)
    if isinstance(ident, list):
        return ident
    if ident.unit.kind != ENTERPRISE:
        return [Reply(t("open_not_enterprise"))]
    meetings = await meetings_for_unit(session=ctx.session, unit_id=ident.unit_id)
    if not meetings:
        return [Reply(t("open_not_enterprise"))]
    return _card(ctx, meetings[0], ident.unit)


def _refused(ctx: Ctx, meeting: Meeting, reason: str) -> list[Reply]:
    end_flow(ctx)
    cutoff = cutoff_text(meeting.registration_cutoff, ctx.tz) if meeting.registration_cutoff else ""
    return [Reply(t(reason, title=meeting.title, contact=_contact(meeting), cutoff=cutoff))]


def _closed_note(ctx: Ctx, meeting: Meeting) -> str | None:
    """Why the enterprise's details cannot change now (cancelled, past the cutoff), or None."""
    if meeting.status == "cancelled":
        return t("reg_meeting_cancelled", title=meeting.title)
    if registration_open(meeting.registration_cutoff, meeting.status, ctx.now):
        return None
    cutoff = cutoff_text(meeting.registration_cutoff, ctx.tz) if meeting.registration_cutoff else ""
    return t("open_edit_closed", cutoff=cutoff, contact=_contact(meeting))


def _contact(meeting: Meeting) -> str:
    return ", ".join(x for x in (meeting.contact_name, meeting.contact_phone) if x) or t("reg_the_organiser")


async def _arrive(ctx: Ctx, meeting: Meeting) -> list[Reply]:
    ident = ctx.identity
    if ident is not None:
        unit = await enterprise_for_chat(session=ctx.session, channel=ctx.channel, external_id=ctx.user_id,
                                         meeting_id=saved_id(meeting))
        if unit is not None:
            return _card(ctx, meeting, unit)
        if ident.unit.kind != ENTERPRISE:  # an enterprise of the directory, invited by code, may come too
            end_flow(ctx)
            return [Reply(t("open_other_unit", unit=ident.unit.name))]
        reason = refusal(meeting, ctx.now)
        if reason is not None:
            return _refused(ctx, meeting, reason)
        await join_by_link(session=ctx.session, meeting_id=saved_id(meeting), unit_id=ident.unit_id,
                           actor_id=ident.member_id, now=ctx.now)
        ctx.extras["reminders_changed"] = True
        return [Reply(t("open_joined", unit=ident.unit.name, title=meeting.title)), *await open_meeting(ctx, meeting)]
    reason = refusal(meeting, ctx.now)
    if reason is not None:
        return _refused(ctx, meeting, reason)
    set_state(ctx, FLOW, "ask:name", {"meeting_id": meeting.id, "mode": "new", "details": {}})
    return [Reply(meeting_card(meeting, ctx.tz) + "\n\n" + t("open_intro")), Reply(t("open_ask_name"))]


def _summary(details: dict[str, str]) -> str:
    return "\n".join(t(f"open_line_{f}", value=details.get(f, "")) for f in FIELDS)


def _card(ctx: Ctx, meeting: Meeting, unit: Unit) -> list[Reply]:
    """The enterprise's own details for its registrant, with what can still be done."""
    details = details_of(unit).to_data()
    closed = _closed_note(ctx, meeting)
    text = t("open_card", title=meeting.title) + "\n" + _summary(details)
    choices = [Choice("attendees", t("btn_open_attendees"))]
    if closed is None:
        choices.insert(0, Choice("edit", t("btn_open_edit")))
    else:
        text += "\n\n" + closed
    choices.append(Choice("quit", t("btn_close")))
    set_state(ctx, FLOW, "card", {"meeting_id": meeting.id, "mode": "update", "details": details})
    return [Reply(text, choices)]


def _field_choices() -> list[Choice]:
    return [Choice(f, t(f"open_field_{f}")) for f in FIELDS]


def _confirm_reply(ctx: Ctx, note: str = "") -> Reply:
    set_state(ctx, FLOW, "confirm", dict(ctx.data))
    text = (note + "\n\n" if note else "") + t("open_confirm") + "\n" + _summary(ctx.data["details"])
    return Reply(text, [Choice("confirm", t("btn_open_send")), Choice("edit", t("btn_open_fix")),
                        Choice("quit", t("btn_open_quit"))])


@flow(FLOW)
async def step(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """Continue the organisation's form at the step the state says."""
    meeting = await ctx.session.get(Meeting, int(ctx.data.get("meeting_id") or 0))
    if meeting is None:
        end_flow(ctx)
        return [Reply(t("stale_choice"))]
    current = ctx.state.step or ""
    if inbound.file is not None:
        return [Reply(t("file_unexpected", hint=t("reg_type_instead")))]
    if current.startswith("ask:"):
        return await _on_field(ctx, meeting, current.split(":", 1)[1], inbound)
    if current == "pick_field":
        if inbound.choice not in FIELDS:
            return [Reply(t("open_pick_field"), _field_choices())]
        set_state(ctx, FLOW, f"ask:{inbound.choice}", {**ctx.data, "editing": True})
        return [Reply(t(f"open_ask_{inbound.choice}"))]
    if current == "confirm":
        return await _on_confirm(ctx, meeting, inbound)
    if current == "card":
        return await _on_card(ctx, meeting, inbound)
    end_flow(ctx)
    return [Reply(t("not_understood"))]


async def _on_field(ctx: Ctx, meeting: Meeting, field: str, inbound: Inbound) -> list[Reply]:
    if inbound.choice is not None or not (inbound.text or "").strip():
        return [Reply(t(f"open_ask_{field}"))]
    try:
        value = CLEAN[field](inbound.text or "")
    except InvalidInput as err:
        return [Reply(error_text(err) + "\n" + t(f"open_ask_{field}"))]
    details = {**ctx.data.get("details", {}), field: value}
    data = {**ctx.data, "details": details}
    if ctx.data.get("mode") == "update":
        return await _save_update(ctx, meeting, data)
    following = FIELDS.index(field) + 1
    if data.get("editing") or following == len(FIELDS):
        set_state(ctx, FLOW, "confirm", data)
        return [_confirm_reply(ctx)]
    set_state(ctx, FLOW, f"ask:{FIELDS[following]}", data)
    return [Reply(t(f"open_ask_{FIELDS[following]}"))]


async def _on_confirm(ctx: Ctx, meeting: Meeting, inbound: Inbound) -> list[Reply]:
    if inbound.choice == "edit":
        set_state(ctx, FLOW, "pick_field", dict(ctx.data))
        return [Reply(t("open_pick_field"), _field_choices())]
    if inbound.choice == "quit":
        end_flow(ctx)
        return [Reply(t("open_quit"))]
    if inbound.choice != "confirm":
        return [_confirm_reply(ctx, t("reg_use_menu"))]
    details = EnterpriseDetails.from_data(ctx.data["details"])
    meeting_id = saved_id(meeting)
    try:
        # A savepoint: a refusal (the tax code is taken, the link just closed or filled) undoes itself whole.
        async with ctx.session.begin_nested():
            ident = await register_enterprise(session=ctx.session, meeting_id=meeting_id, details=details,
                                              channel=ctx.channel, external_id=ctx.user_id, chat_id=ctx.chat_id,
                                              now=ctx.now)
    except NotAllowed as err:
        # The savepoint's rollback expired what it touched: read the meeting again (an awaited load).
        fresh = await ctx.session.get(Meeting, meeting_id, populate_existing=True)
        return _not_registered(ctx, fresh or meeting, err)
    ctx.identity = ident
    ctx.extras["role_changed"] = ident.member.role
    ctx.extras["reminders_changed"] = True
    done = t("open_registered", unit=ident.unit.name, title=meeting.title)
    return [Reply(done), *await open_meeting(ctx, meeting)]


def _not_registered(ctx: Ctx, meeting: Meeting, err: DomainError) -> list[Reply]:
    if err.code == "open_tax_taken":
        record(session=ctx.session, actor_id=ctx.identity.member_id if ctx.identity else None,
               action="open_registration.tax_code_taken", subject=f"meeting:{meeting.id}",
               guesser=guesser(ctx.channel, ctx.user_id)[:16])
        return [_confirm_reply(ctx, t("open_tax_taken", contact=_contact(meeting)))]
    if err.code == "open_other_unit":
        end_flow(ctx)
        return [Reply(t("open_other_unit", unit=ctx.identity.unit.name if ctx.identity else ""))]
    return _refused(ctx, meeting, err.code)


async def _on_card(ctx: Ctx, meeting: Meeting, inbound: Inbound) -> list[Reply]:
    ident = ctx.identity
    assert ident is not None  # the card is shown to a member only, and the engine ends a flow whose owner changed
    if inbound.choice == "attendees":
        end_flow(ctx)
        return await open_meeting(ctx, meeting)
    if inbound.choice == "edit":
        if _closed_note(ctx, meeting) is not None:
            return _card(ctx, meeting, ident.unit)
        set_state(ctx, FLOW, "pick_field", dict(ctx.data))
        return [Reply(t("open_pick_field"), _field_choices())]
    end_flow(ctx)
    return [Reply(t("open_card_closed"))]


async def _save_update(ctx: Ctx, meeting: Meeting, data: dict[str, object]) -> list[Reply]:
    """A corrected field of a registered enterprise, saved at once (each change audited)."""
    ident = ctx.identity
    assert ident is not None  # update mode starts from the member's card
    details = EnterpriseDetails.from_data(data["details"])  # type: ignore[arg-type]
    meeting_id = saved_id(meeting)
    try:
        async with ctx.session.begin_nested():
            unit = await update_enterprise(session=ctx.session, unit_id=ident.unit_id, meeting_id=meeting_id,
                                           details=details, actor_id=ident.member_id, now=ctx.now)
    except NotAllowed as err:
        meeting = await ctx.session.get(Meeting, meeting_id, populate_existing=True) or meeting
        await ctx.session.refresh(ident.unit)  # the rollback expired it; the identity is read again below
        if err.code == "open_tax_taken":
            set_state(ctx, FLOW, "ask:tax_code", dict(ctx.data))
            return [Reply(t("open_tax_taken", contact=_contact(meeting)) + "\n" + t("open_ask_tax_code"))]
        end_flow(ctx)
        return [Reply(_closed_note(ctx, meeting) or error_text(err))]
    replies = _card(ctx, meeting, unit)
    replies[0].text = t("open_saved") + "\n\n" + replies[0].text
    return replies
