"""The organiser's side of /kiennghi: a meeting's petitions (filtered by field and state), each
assigned to the unit that prepares the answer (its officers are told), and the answer recorded (the
petitioner receives it once). /hankiennghi sets the meeting's petition cutoff."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from domain.meeting_times import read_moment
from domain.petitions import ANSWERED, STATES, can_move, default_answer_due, label, read_filter
from domain.text import fold, holds_words
from handlers.engine import end_flow, set_state
from handlers.formatting import cutoff_text, day, one_line
from handlers.notes import MAX_NOTE
from handlers.paging import choice_page, paged_reply, turned
from handlers.permissions import require_organiser
from handlers.petition_messages import field_name, tell_assigned, tell_petitioner
from handlers.petitions_view import audit_view, card, due_day, short_line, state_name
from handlers.registry import command, flow
from handlers.texts import t
from handlers.types import Choice, Ctx, Inbound, Reply
from storage.meetings import list_meetings
from storage.models import Meeting, Unit
from storage.petitions import (
    MAX_FILE_BYTES,
    PetitionLine,
    answer_petition,
    assign_petition,
    meeting_petitions,
    petition_cutoff,
    petition_line,
    set_petition_cutoff,
)
from storage.units import list_units

FLOW, CUTOFF_FLOW = "petition_admin", "petition_cutoff"
MAX_MEETINGS = 10
HANDLER_KINDS = ("department", "division", "agency", "commune", "service_org", "national")
REASONS = ("judicial", "citizen")


async def organiser_list(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/kiennghi [lĩnh vực] [trạng thái]: pick the meeting (when several), then its petitions."""
    require_organiser(ctx)
    field, state, _ = read_filter(inbound.arg)
    meetings = (await list_meetings(session=ctx.session))[:MAX_MEETINGS]
    if not meetings:
        return [Reply(t("org_no_meetings"))]
    if len(meetings) == 1:
        return await listing(ctx, meetings[0], field, state)
    set_state(ctx, FLOW, "pick", {"field": field, "state": state})
    return [Reply(t("org_pick_meeting"), [Choice(f"m{m.id}", f"{day(m.start_at, ctx.tz) if m.start_at else '?'} "
                                                              f"{one_line(m.title, 50)}") for m in meetings])]


async def listing(ctx: Ctx, meeting: Meeting, field: str | None, state: str | None) -> list[Reply]:
    """The meeting's petitions by number, with counts by state; "xem 3" opens one."""
    assert meeting.id is not None
    everything = await meeting_petitions(session=ctx.session, meeting_id=meeting.id)
    shown = [ln for ln in everything if (field is None or ln.petition.field == field)
             and (state is None or ln.petition.state == state)]
    counts = Counter(ln.petition.state for ln in everything)
    cutoff = await petition_cutoff(session=ctx.session, meeting=meeting)
    blocks = [t("pet_org_head", title=meeting.title, n=len(everything),
                counts=", ".join(f"{state_name(s)} {counts[s]}" for s in STATES if counts[s]) or "0"),
              t("pet_org_cutoff", cutoff=cutoff_text(cutoff, ctx.tz)) if cutoff else t("pet_org_no_cutoff")]
    if field or state:
        blocks.append(t("pet_org_filtered", what=", ".join(x for x in (field and field_name(field),
                                                                        state and state_name(state)) if x),
                        n=len(shown)))
    items: dict[str, int] = {}
    for ln in shown:
        items[str(len(items) + 1)] = ln.petition.id or 0
        blocks.append(short_line(len(items), ln, ctx.tz, with_unit=True))
    if not shown:
        blocks.append(t("pet_org_empty"))
    audit_view(ctx, shown, f"meeting:{meeting.id}")
    blocks.append(t("pet_org_footer"))
    if not items:
        return paged_reply(ctx, blocks)
    return paged_reply(ctx, blocks, items, "petition")


def admin_card(ctx: Ctx, line: PetitionLine) -> list[Reply]:
    """The petition in full with what the organiser can do next from its state."""
    state = line.petition.state
    set_state(ctx, FLOW, "card", {"petition_id": line.petition.id})
    choices = [Choice("assign", t("btn_pet_assign"))] if can_move(state, "assigned") else []
    choices += [Choice(s, t(f"btn_pet_{s}")) for s in ANSWERED if can_move(state, s)]
    choices += [Choice("out_of_scope", t("btn_pet_out_of_scope"))] if can_move(state, "out_of_scope") else []
    return [Reply(card(ctx, line), [*choices, Choice("quit", t("btn_close"))])]


async def _handlers(ctx: Ctx) -> list[Unit]:
    return [u for u in await list_units(session=ctx.session) if u.kind in HANDLER_KINDS]


def _unit_page(units: list[Unit], at: int) -> Reply:
    return choice_page([Choice(f"u{u.id}", one_line(u.name, 60)) for u in units], at, t("pet_ask_unit"),
                       "pet_unit_pages")


@flow(FLOW)
async def step(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """Meeting → list; card → assign (unit, deadline) or answer (text or file) or out of scope (reason)."""
    require_organiser(ctx)
    current, data = ctx.state.step or "pick", dict(ctx.data)
    if current == "pick":
        meeting = await _chosen_meeting(ctx, inbound)
        if meeting is None:
            return [Reply(t("org_pick_meeting_again"))]
        return await listing(ctx, meeting, data.get("field"), data.get("state"))
    line = await petition_line(session=ctx.session, petition_id=int(data.get("petition_id", 0)))
    if line is None:
        end_flow(ctx)
        return [Reply(t("stale_choice"))]
    if current == "card":
        return await _on_card(ctx, inbound, line)
    if current == "unit":
        return await _on_unit(ctx, inbound, line, data)
    if current == "due":
        return await _on_due(ctx, inbound, line, data)
    if current == "reason":
        return await _on_reason(ctx, inbound, line)
    return await _on_answer(ctx, inbound, line, str(data.get("state", "answered_in_writing")))


async def _chosen_meeting(ctx: Ctx, inbound: Inbound) -> Meeting | None:
    if not (inbound.choice and inbound.choice.startswith("m") and inbound.choice[1:].isdecimal()):
        return None
    return await ctx.session.get(Meeting, int(inbound.choice[1:]))


async def _on_card(ctx: Ctx, inbound: Inbound, line: PetitionLine) -> list[Reply]:
    petition_id = line.petition.id
    if inbound.choice == "assign":
        set_state(ctx, FLOW, "unit", {"petition_id": petition_id, "at": 0})
        return [_unit_page(await _handlers(ctx), 0)]
    if inbound.choice in ANSWERED:
        set_state(ctx, FLOW, "answer", {"petition_id": petition_id, "state": inbound.choice})
        return [Reply(t("pet_ask_answer" if ctx.caps.files_in else "pet_ask_answer_typed"))]
    if inbound.choice == "out_of_scope":
        set_state(ctx, FLOW, "reason", {"petition_id": petition_id})
        return [Reply(t("pet_ask_reason"), [Choice(r, t(f"pet_reason_{r}")) for r in REASONS])]
    end_flow(ctx)
    return [Reply(t("cancelled"))]


async def _on_unit(ctx: Ctx, inbound: Inbound, line: PetitionLine, data: dict[str, object]) -> list[Reply]:
    units = await _handlers(ctx)
    if inbound.choice in ("next", "prev"):
        at = turned(int(str(data.get("at", 0))), inbound.choice, len(units))
        set_state(ctx, FLOW, "unit", {"petition_id": line.petition.id, "at": at})
        return [_unit_page(units, at)]
    chosen = int(inbound.choice[1:]) if inbound.choice and inbound.choice[1:].isdecimal() else None
    unit = next((u for u in units if u.id == chosen), None)
    if unit is None and inbound.text:
        words = fold(inbound.text).split()
        found = [u for u in units if holds_words(words, " ".join([u.name, *u.short_names]))]
        if len(found) == 1:
            unit = found[0]
        elif found:
            return [choice_page([Choice(f"u{u.id}", one_line(u.name, 60)) for u in found], 0, t("pet_ask_unit"),
                                "pet_unit_pages")]
    if unit is None:
        return [Reply(t("pet_unit_again"))]
    meeting = await ctx.session.get(Meeting, line.petition.meeting_id)
    assert meeting is not None
    due = default_answer_due(meeting.start_at, ctx.petitions, ctx.calendar, ctx.tz)
    set_state(ctx, FLOW, "due", {"petition_id": line.petition.id, "unit_id": unit.id,
                                 "default": due.isoformat() if due else None})
    choices = [Choice("default", t("btn_pet_due_default", due=due_day(due, ctx.tz)))] if due else []
    return [Reply(t("pet_ask_due", unit=unit.name, days=ctx.petitions.answer_days_after), choices)]


async def _on_due(ctx: Ctx, inbound: Inbound, line: PetitionLine, data: dict[str, object]) -> list[Reply]:
    if inbound.choice == "default" and data.get("default"):
        due = datetime.fromisoformat(str(data["default"]))
    elif inbound.text:
        due = read_moment(inbound.text, now=ctx.now, tz=ctx.tz, edge="cutoff")
        if due <= ctx.now:
            return [Reply(t("pet_due_past"))]
    else:
        return [Reply(t("pet_ask_due_again"))]
    identity = require_organiser(ctx)
    unit = await ctx.session.get(Unit, int(str(data["unit_id"])))
    meeting = await ctx.session.get(Meeting, line.petition.meeting_id)
    assert unit is not None and meeting is not None and line.petition.id is not None
    petition = await assign_petition(session=ctx.session, petition_id=line.petition.id, unit_id=unit.id or 0,
                                     due=due, actor_id=identity.member_id, now=ctx.now)
    told = await tell_assigned(session=ctx.session, petition=petition, meeting=meeting, unit=unit, now=ctx.now,
                               tz=ctx.tz, calendar=ctx.calendar, hours=ctx.hours)
    ctx.extras["reminders_changed"] = True
    end_flow(ctx)
    return [Reply(t("pet_assigned_done", label=label(petition.meeting_id, petition.number), unit=unit.name,
                    due=cutoff_text(due, ctx.tz), n=told))]


async def _on_reason(ctx: Ctx, inbound: Inbound, line: PetitionLine) -> list[Reply]:
    if inbound.choice in REASONS:
        reason = t(f"pet_reason_{inbound.choice}")
    elif inbound.text and inbound.text.strip():
        reason = inbound.text.strip()
    else:
        return [Reply(t("pet_ask_reason"), [Choice(r, t(f"pet_reason_{r}")) for r in REASONS])]
    return await _record(ctx, line, "out_of_scope", reason, None, None)


async def _on_answer(ctx: Ctx, inbound: Inbound, line: PetitionLine, state: str) -> list[Reply]:
    if inbound.file is not None:
        if inbound.file.size > MAX_FILE_BYTES:
            return [Reply(t("petition_file_big", limit=MAX_FILE_BYTES // (1024 * 1024)))]
        data = await inbound.file.fetch()
        return await _record(ctx, line, state, "", inbound.file.name, data)
    text = (inbound.text or "").strip()
    if not text:
        return [Reply(t("pet_ask_answer" if ctx.caps.files_in else "pet_ask_answer_typed"))]
    if len(text) > MAX_NOTE * 2:
        return [Reply(t("too_long", limit=MAX_NOTE * 2))]
    return await _record(ctx, line, state, text, None, None)


async def _record(ctx: Ctx, line: PetitionLine, state: str, answer: str, file_name: str | None,
                  file_data: bytes | None) -> list[Reply]:
    """Save the answer; the petitioner is told the first time only (a correction is not sent again)."""
    identity = require_organiser(ctx)
    assert line.petition.id is not None
    petition = await answer_petition(session=ctx.session, petition_id=line.petition.id, state=state, answer=answer,
                                     file_name=file_name, file_data=file_data, actor_id=identity.member_id,
                                     now=ctx.now)
    meeting = await ctx.session.get(Meeting, petition.meeting_id)
    assert meeting is not None
    told = await tell_petitioner(session=ctx.session, petition=petition, meeting=meeting, now=ctx.now, tz=ctx.tz,
                                 calendar=ctx.calendar, hours=ctx.hours)
    ctx.extras["reminders_changed"] = True
    end_flow(ctx)
    key = "pet_answered_told" if told else "pet_answered_not_again"
    return [Reply(t(key, label=label(petition.meeting_id, petition.number), state=state_name(state),
                    unit=line.unit.name))]


@command("hankiennghi")
async def cutoff_command(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/hankiennghi: set (or clear) a meeting's petition cutoff; by default it is the registration cutoff."""
    require_organiser(ctx)
    meetings = (await list_meetings(session=ctx.session))[:MAX_MEETINGS]
    if not meetings:
        return [Reply(t("org_no_meetings"))]
    if len(meetings) == 1:
        return await _ask_cutoff(ctx, meetings[0])
    set_state(ctx, CUTOFF_FLOW, "pick", {})
    return [Reply(t("org_pick_meeting"), [Choice(f"m{m.id}", one_line(m.title, 55)) for m in meetings])]


async def _ask_cutoff(ctx: Ctx, meeting: Meeting) -> list[Reply]:
    cutoff = await petition_cutoff(session=ctx.session, meeting=meeting)
    set_state(ctx, CUTOFF_FLOW, "when", {"meeting_id": meeting.id})
    now = t("pet_org_cutoff", cutoff=cutoff_text(cutoff, ctx.tz)) if cutoff else t("pet_org_no_cutoff")
    return [Reply(t("pet_ask_cutoff", title=meeting.title, now=now),
                  [Choice("registration", t("btn_pet_cutoff_registration"))])]


@flow(CUTOFF_FLOW)
async def cutoff_step(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """Meeting → the new cutoff typed ("trước ngày 20/4/2026"), or back to the registration cutoff."""
    identity = require_organiser(ctx)
    if ctx.state.step == "pick":
        meeting = await _chosen_meeting(ctx, inbound)
        return await _ask_cutoff(ctx, meeting) if meeting else [Reply(t("org_pick_meeting_again"))]
    meeting = await ctx.session.get(Meeting, int(ctx.data.get("meeting_id", 0)))
    if meeting is None or meeting.id is None:
        end_flow(ctx)
        return [Reply(t("stale_choice"))]
    if inbound.choice == "registration":
        cutoff = None
    elif inbound.text:
        cutoff = read_moment(inbound.text, now=ctx.now, tz=ctx.tz, edge="cutoff")
        if cutoff <= ctx.now:
            return [Reply(t("pet_due_past"))]
    else:
        return [Reply(t("pet_ask_cutoff_again"))]
    await set_petition_cutoff(session=ctx.session, meeting_id=meeting.id, cutoff=cutoff, actor_id=identity.member_id,
                              now=ctx.now)
    end_flow(ctx)
    shown = await petition_cutoff(session=ctx.session, meeting=meeting)
    return [Reply(t("pet_cutoff_saved", title=meeting.title,
                    cutoff=cutoff_text(shown, ctx.tz) if shown else t("pet_no_cutoff_words")))]


__all__ = ["admin_card", "listing", "organiser_list"]
