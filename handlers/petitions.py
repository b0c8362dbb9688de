"""/kiennghi and /guikiennghi: an organisation registered for a meeting sends its petitions, sees
them with their answers, and corrects one until the petition cutoff; the unit a petition is
assigned to sees what waits for it. Organisers get the meeting's whole list (petitions_admin.py)."""

from __future__ import annotations

from domain.petitions import EDITABLE, FIELDS, check_content, is_open, label
from handlers.engine import end_flow, set_state
from handlers.formatting import cutoff_text, one_line
from handlers.notes import SKIP
from handlers.paging import OPENERS, paged_reply
from handlers.permissions import is_organiser, need_member
from handlers.petition_messages import field_name
from handlers.petitions_admin import admin_card, organiser_list
from handlers.petitions_view import audit_view, card, may_see, short_line
from handlers.registry import command, flow
from handlers.texts import t
from handlers.types import Choice, Ctx, Inbound, Reply
from storage.models import Meeting, Petition
from storage.petitions import (
    PetitionLine,
    assigned_petitions,
    count_for_unit,
    create_petition,
    edit_petition,
    open_for_unit,
    petition_cutoff,
    petition_line,
    registered_meetings,
    unit_petitions,
)

NEW, EDIT = "petition_new", "petition_edit"
OPEN_KIND = "petition"


def _field_choices() -> list[Choice]:
    return [Choice(f, field_name(f)) for f in FIELDS]


@command("kiennghi")
async def petitions_command(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/kiennghi: organisers get the meeting's list; others their own petitions and those assigned to them."""
    ident = need_member(ctx)
    if isinstance(ident, list):
        return ident
    if is_organiser(ident):
        return await organiser_list(ctx, inbound)
    own = await unit_petitions(session=ctx.session, unit_id=ident.unit_id)
    waiting = await assigned_petitions(session=ctx.session, unit_id=ident.unit_id)
    open_ = await open_for_unit(session=ctx.session, unit_id=ident.unit_id, now=ctx.now)
    if not own and not waiting:
        if open_:
            return await _start_new(ctx)
        return [Reply(t("pet_nothing", unit=ident.unit.name))]
    blocks: list[str] = []
    items: dict[str, int] = {}
    for header, lines, with_unit in ((t("pet_mine_head", unit=ident.unit.name, n=len(own)), own, False),
                                     (t("pet_assigned_list_head", unit=ident.unit.name, n=len(waiting)), waiting,
                                      True)):
        if not lines:
            continue
        blocks.append(header)
        for ln in lines:
            items[str(len(items) + 1)] = ln.petition.id or 0
            blocks.append(short_line(len(items), ln, ctx.tz, with_unit=with_unit))
    audit_view(ctx, waiting, f"unit:{ident.unit_id}")
    blocks.append(t("pet_mine_footer_open" if open_ else "pet_mine_footer_closed"))
    return paged_reply(ctx, blocks, items, OPEN_KIND)


async def open_petition(ctx: Ctx, petition_id: int) -> list[Reply]:
    """"xem 2" under a petition list: the petition in full, for those who may see it."""
    ident = need_member(ctx)
    if isinstance(ident, list):
        return ident
    line = await petition_line(session=ctx.session, petition_id=petition_id)
    if line is None or not may_see(ident, line):
        return [Reply(t("stale_choice"))]
    audit_view(ctx, [line], f"petition:{petition_id}")
    if is_organiser(ident):
        return admin_card(ctx, line)
    if line.petition.unit_id == ident.unit_id and line.petition.state in EDITABLE:
        set_state(ctx, EDIT, "card", {"petition_id": petition_id})
        return [Reply(card(ctx, line), [Choice("content", t("btn_pet_edit_content")),
                                        Choice("field", t("btn_pet_edit_field")), Choice("quit", t("btn_close"))])]
    return [Reply(card(ctx, line))]


OPENERS[OPEN_KIND] = open_petition


@command("guikiennghi")
async def new_command(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/guikiennghi: send a new petition for a meeting the organisation registered for."""
    ident = need_member(ctx)
    if isinstance(ident, list):
        return ident
    return await _start_new(ctx)


async def _start_new(ctx: Ctx) -> list[Reply]:
    assert ctx.identity is not None
    open_ = await open_for_unit(session=ctx.session, unit_id=ctx.identity.unit_id, now=ctx.now)
    if not open_:
        return [Reply(await _why_closed(ctx))]
    if len(open_) == 1:
        return await _ask_field(ctx, open_[0][0])
    set_state(ctx, NEW, "meeting", {})
    return [Reply(t("pet_pick_meeting"), [Choice(f"m{m.id}", one_line(m.title, 60)) for m, _ in open_])]


async def petition_hint(ctx: Ctx, meeting: Meeting) -> str:
    """Under an enterprise's saved registration: it may now send its petitions (while they are taken)."""
    if ctx.identity is None or ctx.identity.unit.kind != "enterprise":
        return ""
    cutoff = await petition_cutoff(session=ctx.session, meeting=meeting)
    if not is_open(cutoff, meeting.status, ctx.now):
        return ""
    return "\n\n" + t("pet_after_registration", cutoff=cutoff_text(cutoff, ctx.tz) if cutoff else "")


async def _why_closed(ctx: Ctx) -> str:
    """Not registered anywhere, or every registered meeting's petition cutoff has passed (with its date)."""
    assert ctx.identity is not None
    registered = await registered_meetings(session=ctx.session, unit_id=ctx.identity.unit_id)
    if not registered:
        return t("pet_not_registered", unit=ctx.identity.unit.name)
    meeting = registered[-1]
    cutoff = await petition_cutoff(session=ctx.session, meeting=meeting)
    return t("pet_closed", title=meeting.title, cutoff=cutoff_text(cutoff, ctx.tz) if cutoff else "")


async def _ask_field(ctx: Ctx, meeting: Meeting) -> list[Reply]:
    assert ctx.identity is not None and meeting.id is not None
    used = await count_for_unit(session=ctx.session, meeting_id=meeting.id, unit_id=ctx.identity.unit_id)
    if used >= ctx.petitions.max_per_unit:
        end_flow(ctx)
        return [Reply(t("petition_cap", cap=ctx.petitions.max_per_unit))]
    set_state(ctx, NEW, "field", {"meeting_id": meeting.id})
    return [Reply(t("pet_ask_field", title=meeting.title), _field_choices())]


@flow(NEW)
async def new_step(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """Meeting (when several) → field → content → an optional file → saved, with its number."""
    ident = need_member(ctx)
    if isinstance(ident, list):
        end_flow(ctx)
        return ident
    step, data = ctx.state.step, dict(ctx.data)
    if step == "meeting":
        open_ = {m.id: m for m, _ in await open_for_unit(session=ctx.session, unit_id=ident.unit_id, now=ctx.now)}
        chosen = int(inbound.choice[1:]) if inbound.choice and inbound.choice[1:].isdecimal() else None
        if chosen not in open_:
            return [Reply(t("pet_pick_meeting"), [Choice(f"m{i}", one_line(m.title, 60)) for i, m in open_.items()])]
        return await _ask_field(ctx, open_[chosen])
    if step == "field":
        if inbound.choice not in FIELDS:
            return [Reply(t("pet_ask_field_again"), _field_choices())]
        set_state(ctx, NEW, "content", {"meeting_id": data["meeting_id"], "field": inbound.choice})
        return [Reply(t("pet_ask_content"))]
    if step == "content":
        if inbound.text is None:  # a file or a button first: the text comes first, a file after it
            return [Reply(t("pet_ask_content"))]
        problem = check_content(inbound.text)
        if problem is not None:
            return [Reply(t(f"petition_{problem}"))]
        data["content"] = (inbound.text or "").strip()
        if not ctx.caps.files_in:
            return await _save(ctx, data, None, None)
        set_state(ctx, NEW, "file", data)
        return [Reply(t("pet_ask_file"), [Choice("skip", t("btn_skip"))])]
    if inbound.file is not None:
        return await _save(ctx, data, inbound.file.ref or inbound.file.name, inbound.file.name)
    if inbound.choice == "skip" or (inbound.text is not None and inbound.text.strip().lower() in ("-", *SKIP)):
        return await _save(ctx, data, None, None)
    return [Reply(t("pet_ask_file"), [Choice("skip", t("btn_skip"))])]


async def _save(ctx: Ctx, data: dict[str, object], file_ref: str | None, file_name: str | None) -> list[Reply]:
    assert ctx.identity is not None
    meeting_id = int(str(data["meeting_id"]))
    petition = await create_petition(session=ctx.session, meeting_id=meeting_id, unit_id=ctx.identity.unit_id,
                                     actor_id=ctx.identity.member_id, field=str(data["field"]),
                                     content=str(data["content"]), file_ref=file_ref, file_name=file_name,
                                     max_per_unit=ctx.petitions.max_per_unit, now=ctx.now)
    end_flow(ctx)
    meeting = await ctx.session.get(Meeting, meeting_id)
    assert meeting is not None
    cutoff = await petition_cutoff(session=ctx.session, meeting=meeting)
    lines = [t("pet_received", label=label(meeting_id, petition.number), title=meeting.title),
             t("pet_card_field", field=field_name(petition.field)),
             t("pet_card_content", content=one_line(petition.content, 400))]
    if file_name:
        lines.append(t("pet_card_file", name=file_name))
    lines.append(t("pet_received_edit", cutoff=cutoff_text(cutoff, ctx.tz)) if cutoff else t("pet_received_edit_any"))
    return [Reply("\n".join(lines))]


@flow(EDIT)
async def edit_step(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """The petition's card → what to correct → the new text or field → saved (before the cutoff only)."""
    ident = need_member(ctx)
    if isinstance(ident, list):
        end_flow(ctx)
        return ident
    petition_id = int(ctx.data.get("petition_id", 0))
    line = await petition_line(session=ctx.session, petition_id=petition_id)
    if line is None or line.petition.unit_id != ident.unit_id:
        end_flow(ctx)
        return [Reply(t("stale_choice"))]
    if ctx.state.step == "card":
        if inbound.choice not in ("content", "field"):
            end_flow(ctx)
            return [Reply(t("cancelled"))]
        refused = await _closed_refusal(ctx, line)
        if refused:
            end_flow(ctx)
            return refused
        set_state(ctx, EDIT, inbound.choice, {"petition_id": petition_id})
        if inbound.choice == "field":
            return [Reply(t("pet_ask_field_again"), _field_choices())]
        return [Reply(t("pet_ask_new_content", content=line.petition.content))]
    refused = await _closed_refusal(ctx, line)
    if refused:
        end_flow(ctx)
        return refused
    if ctx.state.step == "field":
        if inbound.choice not in FIELDS:
            return [Reply(t("pet_ask_field_again"), _field_choices())]
        saved = await edit_petition(session=ctx.session, petition_id=petition_id, unit_id=ident.unit_id,
                                    actor_id=ident.member_id, field=inbound.choice, now=ctx.now)
        return _edited(ctx, saved)
    problem = check_content(inbound.text or "") if inbound.text is not None else "too_short"
    if problem is not None:
        return [Reply(t(f"petition_{problem}"))]
    saved = await edit_petition(session=ctx.session, petition_id=petition_id, unit_id=ident.unit_id,
                                actor_id=ident.member_id, content=inbound.text, now=ctx.now)
    return _edited(ctx, saved)


async def _closed_refusal(ctx: Ctx, line: PetitionLine) -> list[Reply]:
    """The clear refusal after the cutoff (or once answered); [] while the petition may be corrected."""
    meeting = await ctx.session.get(Meeting, line.petition.meeting_id)
    assert meeting is not None
    cutoff = await petition_cutoff(session=ctx.session, meeting=meeting)
    name = label(line.petition.meeting_id, line.petition.number)
    if not is_open(cutoff, meeting.status, ctx.now):
        return [Reply(t("pet_edit_closed", label=name, cutoff=cutoff_text(cutoff, ctx.tz) if cutoff else ""))]
    if line.petition.state not in EDITABLE:
        return [Reply(t("petition_answered"))]
    return []


def _edited(ctx: Ctx, petition: Petition) -> list[Reply]:
    end_flow(ctx)
    return [Reply(t("pet_edited", label=label(petition.meeting_id, petition.number),
                    field=field_name(petition.field), content=one_line(petition.content, 300)))]

