"""/dangky (/register): a commune officer registers the unit's attendees for a meeting.

The draft lives in the conversation state (so a restart resumes it) and is saved whole,
with the version it was based on, only when the officer confirms. An unsent draft also
survives other commands (handlers/registration_drafts.py): /dangky offers to resume or drop it,
/huy asks before throwing it away, and withdrawing the unit's registration is asked first.
"""

from __future__ import annotations

from datetime import timedelta

from domain.attendees import (
    AttendeeDraft,
    check_list,
    clean_email,
    clean_name,
    clean_phone,
    clean_position,
    phone_taken,
    registration_open,
)
from domain.errors import Conflict, InvalidInput, NotAllowed
from domain.text import fold
from handlers.calendar import meeting_file
from handlers.engine import error_text, set_state
from handlers.formatting import attendee_list, meeting_card
from handlers.permissions import need_member
from handlers.petitions import petition_hint
from handlers.registration_drafts import DRAFT, changed_at, closed_text, own_draft, sticky, unsent
from handlers.registry import before_cancel, command, flow
from handlers.texts import t
from handlers.types import Choice, Ctx, Inbound, Reply
from storage.meetings import meetings_for_unit
from storage.models import Meeting, MeetingUnit, saved_id
from storage.registrations import registration_of, save_registration

FLOW = "register"
ASK = {"full_name": "ask_name", "position": "ask_position", "phone": "ask_phone", "email": "ask_email"}
NEXT_FIELD = {"full_name": "position", "position": "phone", "phone": "email", "email": None}
CLEAN = {"full_name": clean_name, "position": clean_position, "phone": clean_phone, "email": clean_email}
_RECENT = timedelta(days=30)  # closed meetings stay visible (read-only) this long after they start
MENU_WORDS = {"them": "add", "sua": "edit", "xoa": "remove", "dau moi": "focal", "xac nhan": "confirm",
              "gui": "confirm", "dong y": "confirm", "thoat": "quit", "rut": "withdraw",
              "rut dang ky": "withdraw"}
YES_NO = {"co": "yes", "khong": "no", "c": "yes", "k": "no"}


@command("dangky")
async def start_registration(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/dangky: pick one of the unit's meetings (open ones to edit, closed ones to view)."""
    ident = need_member(ctx)
    if isinstance(ident, list):
        return ident
    draft = own_draft(ctx)
    if draft is not None:
        meeting = await ctx.session.get(Meeting, draft["meeting_id"])
        if meeting is not None:
            closed = closed_text(ctx, meeting)
            if closed is None:
                set_state(ctx, FLOW, "draft_found", {})
                return [Reply(t("reg_draft_found", title=meeting.title, n=len(draft["attendees"]),
                                when=changed_at(ctx, draft)),
                              [Choice("resume", t("btn_draft_resume")), Choice("drop", t("btn_draft_drop"))])]
            _finish(ctx)
            return [Reply(closed + "\n" + t("reg_draft_gone")), *await _choose_meeting(ctx)]
        _finish(ctx)
    return await _choose_meeting(ctx)


async def _choose_meeting(ctx: Ctx) -> list[Reply]:
    """The unit's meetings: one opens at once; several are offered to pick from."""
    assert ctx.identity is not None
    ident = ctx.identity
    meetings = [m for m in await meetings_for_unit(session=ctx.session, unit_id=ident.unit_id)
                if m.start_at is None or m.start_at >= ctx.now - _RECENT]
    if not meetings:
        _finish(ctx)
        return [Reply(t("reg_no_meetings", unit=ident.unit.name))]
    if len(meetings) == 1:
        return await _open_meeting(ctx, meetings[0])
    _finish(ctx)
    set_state(ctx, FLOW, "pick_meeting", {})
    choices = [Choice(f"m{m.id}", _meeting_label(ctx, m)) for m in meetings]
    return [Reply(t("reg_pick_meeting"), choices)]


def _meeting_label(ctx: Ctx, meeting: Meeting) -> str:
    when = meeting.start_at.astimezone(ctx.tz).strftime("%d/%m") if meeting.start_at else ""
    closed = "" if registration_open(meeting.registration_cutoff, meeting.status, ctx.now) else " 🔒"
    title = meeting.title if len(meeting.title) <= 48 else meeting.title[:47] + "…"
    return f"{when} {title}{closed}".strip()


async def _open_meeting(ctx: Ctx, meeting: Meeting) -> list[Reply]:
    assert ctx.identity is not None
    reg, people = await registration_of(session=ctx.session, meeting_id=saved_id(meeting), unit_id=ctx.identity.unit_id)
    drafts = [AttendeeDraft(p.full_name, p.position, p.phone or "", p.email, p.is_focal_point) for p in people]
    card = meeting_card(meeting, ctx.tz)
    if not registration_open(meeting.registration_cutoff, meeting.status, ctx.now):
        _finish(ctx)
        contact = ", ".join(x for x in (meeting.contact_name, meeting.contact_phone) if x) or t("reg_the_organiser")
        closed = t("reg_closed", contact=contact)
        current = t("reg_current", unit=ctx.identity.unit.name) + "\n" + attendee_list(drafts)
        return [Reply(f"{card}\n\n{current}\n\n{closed}")]
    listed = [d.to_data() for d in drafts]
    set_state(ctx, FLOW, "menu", {"meeting_id": meeting.id, "version": reg.version if reg else None,
                                  "saved": bool(reg), "base": listed, "attendees": listed, DRAFT: None})
    intro = card + "\n\n" + (t("reg_editing_saved") if reg else t("reg_new"))
    return [Reply(intro), _menu(ctx)]


def _drafts(ctx: Ctx) -> list[AttendeeDraft]:
    return [AttendeeDraft.from_data(d) for d in ctx.data.get("attendees", [])]


def _keep(ctx: Ctx, step: str, drafts: list[AttendeeDraft] | None = None, **extra: object) -> None:
    """Move to `step` with the list (and a copy that outlives other commands while it is unsent)."""
    data: dict[str, object] = {k: ctx.data[k] for k in ("meeting_id", "version", "saved")}
    data["base"] = ctx.data.get("base", [])
    data["attendees"] = [d.to_data() for d in drafts] if drafts is not None else ctx.data.get("attendees", [])
    data[DRAFT] = sticky(ctx, data)
    set_state(ctx, FLOW, step, {**data, **extra})


def _finish(ctx: Ctx) -> None:
    """Leave the flow with no unsent list left behind (sent, dropped, or no longer possible)."""
    set_state(ctx, None, None, {DRAFT: None})


def _menu(ctx: Ctx, note: str | None = None) -> Reply:
    drafts = _drafts(ctx)
    text = (note + "\n\n" if note else "") + t("reg_list_header", n=len(drafts)) + "\n" + attendee_list(drafts)
    choices = [Choice("add", t("btn_add"))]
    if drafts:
        choices += [Choice("edit", t("btn_edit")), Choice("remove", t("btn_remove")),
                    Choice("focal", t("btn_focal"))]
    if drafts:
        choices.append(Choice("confirm", t("btn_confirm")))
    elif ctx.data.get("saved"):  # sending an empty list withdraws: its own words, and asked first
        choices.append(Choice("withdraw", t("btn_withdraw")))
    choices.append(Choice("quit", t("btn_quit")))
    _keep(ctx, "menu")
    return Reply(text, choices)


def _people_choices(drafts: list[AttendeeDraft]) -> list[Choice]:
    return [Choice(f"a{i}", f"{p.full_name} – {p.phone}") for i, p in enumerate(drafts)]


@flow(FLOW)
async def step(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """Continue the registration at whatever step the state says."""
    if ctx.identity is None:
        _finish(ctx)
        return [Reply(t("need_invite"))]
    if inbound.file is not None:
        return [Reply(t("file_unexpected", hint=t("reg_type_instead")))]
    current = ctx.state.step or "menu"
    handler = _STEPS.get(current.split(":")[0])
    if handler is None:
        _finish(ctx)
        return [Reply(t("not_understood"))]
    return await handler(ctx, inbound)


async def _pick_meeting(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    assert ctx.identity is not None
    if not (inbound.choice and inbound.choice.startswith("m")):
        return [Reply(t("reg_pick_meeting_again"))]
    meeting_id = int(inbound.choice[1:])
    meetings = await meetings_for_unit(session=ctx.session, unit_id=ctx.identity.unit_id)
    meeting = next((m for m in meetings if m.id == meeting_id), None)
    if meeting is None:
        _finish(ctx)
        gone = await ctx.session.get(Meeting, meeting_id)
        invited = await ctx.session.get(MeetingUnit, (meeting_id, ctx.identity.unit_id))
        if gone is not None and invited is not None and gone.status == "cancelled":
            return [Reply(t("reg_meeting_cancelled", title=gone.title))]
        return [Reply(t("stale_choice"))]
    return await _open_meeting(ctx, meeting)


async def _on_menu(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    action = inbound.choice or MENU_WORDS.get(fold(inbound.text or ""))
    drafts = _drafts(ctx)
    if action == "add":
        _keep(ctx, "field:full_name", new={})
        return [Reply(t("ask_name"))]
    if action in ("edit", "remove", "focal") and drafts:
        _keep(ctx, f"pick:{action}")
        return [Reply(t(f"reg_pick_{action}"), _people_choices(drafts))]
    if action in ("confirm", "withdraw") and not drafts:
        if not ctx.data.get("saved"):
            return [_menu(ctx, t("reg_nothing_to_send"))]
        meeting = await ctx.session.get(Meeting, ctx.data["meeting_id"])
        assert ctx.identity is not None and meeting is not None
        _keep(ctx, "confirm_withdraw")
        return [Reply(t("reg_withdraw_ask", unit=ctx.identity.unit.name, title=meeting.title,
                        n=len(ctx.data.get("base", []))),
                      [Choice("yes", t("btn_withdraw_yes")), Choice("no", t("btn_withdraw_no"))])]
    if action == "confirm":
        return await _confirm(ctx)
    if action == "quit":
        _finish(ctx)
        return [Reply(t("reg_quit_saved") if ctx.data.get("saved") else t("reg_quit_unsaved"))]
    return [_menu(ctx, t("reg_use_menu"))]


async def _on_field(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """Typed value for the attendee being added (field by field) or edited (one field)."""
    field = (ctx.state.step or "").split(":")[1]
    editing = ctx.data.get("edit_index")
    if inbound.choice is not None:
        if inbound.choice == "skip" and field == "email":
            inbound = Inbound(text="-")
        else:
            return [Reply(t(ASK[field]))]
    try:
        value = CLEAN[field](inbound.text or "")
    except InvalidInput as err:
        return [Reply(error_text(err) + "\n" + t(ASK[field]), _skip_choice(field))]
    drafts = _drafts(ctx)
    if editing is not None:
        if field == "phone" and phone_taken(drafts, value, except_index=editing):
            return [Reply(t("duplicate_phone") + "\n" + t(ASK[field]))]
        setattr(drafts[editing], field, value)
        _keep(ctx, "menu", drafts)
        return [_menu(ctx, t("reg_updated"))]
    new = dict(ctx.data.get("new", {}), **{field: value})
    if field == "phone" and phone_taken(drafts, value):
        return [Reply(t("duplicate_phone") + "\n" + t(ASK[field]))]
    following = NEXT_FIELD[field]
    if following is not None:
        _keep(ctx, f"field:{following}", new=new)
        return [Reply(t(ASK[following]), _skip_choice(following))]
    _keep(ctx, "ask_focal", new=new)
    return [Reply(t("ask_focal", name=new["full_name"]), [Choice("yes", t("btn_yes")), Choice("no", t("btn_no"))])]


def _skip_choice(field: str) -> list[Choice]:
    return [Choice("skip", t("btn_skip"))] if field == "email" else []


async def _on_focal(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    answer = inbound.choice or YES_NO.get(fold(inbound.text or ""))
    if answer not in ("yes", "no"):
        return [Reply(t("ask_focal", name=ctx.data["new"]["full_name"]),
                      [Choice("yes", t("btn_yes")), Choice("no", t("btn_no"))])]
    drafts = _drafts(ctx)
    person = AttendeeDraft.from_data({**ctx.data["new"], "is_focal_point": answer == "yes"})
    note = t("reg_added", name=person.full_name)
    if person.is_focal_point:
        before = next((p for p in drafts if p.is_focal_point), None)
        for other in drafts:
            other.is_focal_point = False
        if before is not None:
            note = t("reg_added_focal_moved", name=person.full_name, before=before.full_name)
    elif not drafts:
        person.is_focal_point = True  # the only person is the unit's contact until someone else is named
        note = t("reg_added_focal_first", name=person.full_name)
    drafts.append(person)
    _keep(ctx, "menu", drafts)
    return [_menu(ctx, note)]


async def _on_pick(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    action = (ctx.state.step or "").split(":")[1]
    drafts = _drafts(ctx)
    index = int(inbound.choice[1:]) if inbound.choice and inbound.choice[1:].isdecimal() else -1
    if not 0 <= index < len(drafts):
        return [Reply(t(f"reg_pick_{action}"), _people_choices(drafts))]
    if action == "remove":
        removed = drafts.pop(index)
        note = t("reg_removed", name=removed.full_name)
        if removed.is_focal_point and drafts:
            drafts[0].is_focal_point = True
            note = t("reg_removed_focal_moved", name=removed.full_name, focal=drafts[0].full_name)
        _keep(ctx, "menu", drafts)
        return [_menu(ctx, note)]
    if action == "focal":
        for i, person in enumerate(drafts):
            person.is_focal_point = i == index
        _keep(ctx, "menu", drafts)
        return [_menu(ctx, t("reg_focal_set", name=drafts[index].full_name))]
    _keep(ctx, "edit_field", edit_index=index)
    fields = [Choice(f, t(f"field_{f}")) for f in ("full_name", "position", "phone", "email")]
    return [Reply(t("reg_pick_field", name=drafts[index].full_name), fields)]


async def _on_edit_field(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    if inbound.choice not in ASK:
        fields = [Choice(f, t(f"field_{f}")) for f in ("full_name", "position", "phone", "email")]
        return [Reply(t("reg_pick_field", name=_drafts(ctx)[ctx.data["edit_index"]].full_name), fields)]
    _keep(ctx, f"field:{inbound.choice}", edit_index=ctx.data["edit_index"])
    return [Reply(t(ASK[inbound.choice]), _skip_choice(inbound.choice))]


async def _confirm(ctx: Ctx) -> list[Reply]:
    assert ctx.identity is not None
    drafts = _drafts(ctx)
    try:
        check_list(drafts)
    except InvalidInput as err:
        return [_menu(ctx, error_text(err))]
    meeting_id = ctx.data["meeting_id"]
    try:
        # A savepoint: a refused save undoes only itself, and the conversation state stays usable.
        async with ctx.session.begin_nested():
            reg = await save_registration(session=ctx.session, meeting_id=meeting_id,
                                          unit_id=ctx.identity.unit_id, attendees=drafts,
                                          based_on_version=ctx.data.get("version"),
                                          actor_id=ctx.identity.member_id, now=ctx.now)
    except Conflict:
        meeting = await ctx.session.get(Meeting, meeting_id)
        assert meeting is not None
        replies = await _open_meeting(ctx, meeting)
        return [Reply(t("registration_changed")), *replies]
    except NotAllowed as err:
        _finish(ctx)
        meeting = await ctx.session.get(Meeting, meeting_id)
        closed = closed_text(ctx, meeting) if meeting is not None else None
        if err.code in ("registration_closed", "meeting_cancelled") and closed is not None:
            return [Reply(closed)]
        return [Reply(error_text(err))]
    _finish(ctx)
    meeting = await ctx.session.get(Meeting, meeting_id)
    assert meeting is not None
    ctx.extras["reminders_changed"] = True  # the unit drops out of cutoff reminders, into meeting ones
    if reg is None:
        return [Reply(t("reg_withdrawn", title=meeting.title))]
    return [Reply(t("reg_done", n=len(drafts), title=meeting.title) + "\n" + attendee_list(drafts)
                  + "\n\n" + t("reg_done_footer") + await petition_hint(ctx, meeting),
                  file=meeting_file(meeting, tz=ctx.tz, now=ctx.now))]


async def _on_withdraw(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """The answer to "withdraw the unit's registration?": only a clear yes withdraws."""
    answer = inbound.choice or YES_NO.get(fold(inbound.text or ""))
    if answer == "yes":
        return await _confirm(ctx)
    return [_menu(ctx, t("reg_withdraw_kept"))]


async def _on_draft_found(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """Resume the unsent list /dangky found, or drop it and start from what the unit has sent."""
    draft = own_draft(ctx)
    if draft is None:
        return await _choose_meeting(ctx)
    if inbound.choice == "drop":
        _finish(ctx)
        return [Reply(t("reg_draft_dropped")), *await _choose_meeting(ctx)]
    if inbound.choice != "resume":
        return [Reply(t("reg_draft_found_again"),
                      [Choice("resume", t("btn_draft_resume")), Choice("drop", t("btn_draft_drop"))])]
    meeting = await ctx.session.get(Meeting, draft["meeting_id"])
    closed = closed_text(ctx, meeting) if meeting is not None else t("stale_choice")
    if meeting is None or closed is not None:
        _finish(ctx)
        return [Reply(f"{closed}\n{t('reg_draft_gone')}")]
    set_state(ctx, FLOW, "menu", {k: draft[k] for k in ("meeting_id", "version", "saved", "base", "attendees")})
    return [Reply(meeting_card(meeting, ctx.tz) + "\n\n" + t("reg_draft_resumed")), _menu(ctx)]


@before_cancel(FLOW)
async def _ask_before_cancel(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/huy with unsent changes asks first; asked already (a second /huy), it goes ahead and drops them.
    At the "resume or drop?" question it leaves the unsent list where it is, for the next /dangky."""
    if ctx.state.step == "draft_found":
        return []
    if ctx.state.step == "confirm_drop" or not unsent(ctx.data):
        _finish(ctx)
        return []
    _keep(ctx, "confirm_drop")
    return [Reply(t("reg_cancel_ask", n=len(ctx.data.get("attendees", []))),
                  [Choice("drop", t("btn_changes_drop")), Choice("resume", t("btn_changes_keep"))])]


async def _on_confirm_drop(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    if inbound.choice == "drop":
        _finish(ctx)
        return [Reply(t("reg_changes_dropped"))]
    return [_menu(ctx)]


_STEPS = {
    "draft_found": _on_draft_found,
    "confirm_withdraw": _on_withdraw,
    "confirm_drop": _on_confirm_drop,
    "pick_meeting": _pick_meeting,
    "menu": _on_menu,
    "field": _on_field,
    "ask_focal": _on_focal,
    "pick": _on_pick,
    "edit_field": _on_edit_field,
}


async def open_meeting(ctx: Ctx, meeting: Meeting) -> list[Reply]:
    """The attendee list of `meeting` for the sender's unit, at its menu: the way in for a flow that
    already knows the meeting (an enterprise just registered through a public link)."""
    return await _open_meeting(ctx, meeting)
