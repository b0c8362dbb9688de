"""/yeucau: an organiser asks units for a report (or a list) by a deadline, in three steps.

What is asked → who owes it (all communes, all divisions, units picked from a paged list, or
names typed) → when, in words ("trước ngày 15/12/2026", "thứ sáu tuần sau", read at the chat's
clock) → everything read back → stored (storage.deadlines.create_deadline) and reminded like any
deadline. Bad input at a step is answered and the step asked again; nothing is stored before
"Xác nhận". `/yeucau sua N` changes a deadline's due date and `/yeucau huy N` cancels it
(offered on /baocao's card). Organisers only: a member is told what they can do instead.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.deadline_due import read_due
from domain.deadline_owed import ALL_COMMUNES, ALL_DIVISIONS, match_owed, split_typed
from domain.documents import UnitIndex
from domain.errors import InvalidInput, NotFound
from domain.reminder_timing import last_day
from domain.text import fold, holds_words
from handlers.engine import end_flow, set_state
from handlers.formatting import day_words, one_line
from handlers.paging import choice_page, turned
from handlers.permissions import is_organiser, note_refused, require_organiser
from handlers.registry import command, flow
from handlers.texts import t
from handlers.types import Choice, Ctx, Inbound, Reply
from storage.deadlines import DeadlineSpec, cancel_deadline, create_deadline, live_deadline, update_deadline
from storage.models import Deadline, Unit
from storage.plans import unit_index
from storage.units import list_units

FLOW = "deadline_request"
WHAT_MIN, WHAT_MAX = 5, 2000  # Deadline.what holds 2,000 characters
UNITS_SHOWN = 8  # the read-back names this many units, then "và N đơn vị khác"
PICKABLE = ("commune", "division", "agency", "service_org", "enterprise")


@command("yeucau")
async def request_command(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/yeucau [nội dung] | sua N | huy N."""
    if ctx.identity is not None and not is_organiser(ctx.identity):
        note_refused(ctx, "command:yeucau")
        return [Reply(t("req_refused"))]
    require_organiser(ctx)  # a stranger: the usual refusal
    verb, _, rest = inbound.arg.strip().partition(" ")
    if fold(verb) in ("huy", "sua") and rest.strip().lstrip("#").isdecimal():
        return await _manage(ctx, fold(verb), int(rest.strip().lstrip("#")))
    if fold(verb) in ("huy", "sua"):
        return [Reply(t("req_usage"))]
    if inbound.arg.strip():
        return await _on_what(ctx, Inbound(text=inbound.arg), {})
    set_state(ctx, FLOW, "what", {})
    return [Reply(t("req_ask_what"))]


@flow(FLOW)
async def step(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """One answer of the conversation, at the step it is in."""
    require_organiser(ctx)
    draft = {k: v for k, v in ctx.data.items() if not k.startswith("_")}
    steps = {"what": _on_what, "owed": _on_owed, "pick": _on_pick, "due": _on_due, "confirm": _on_confirm,
             "edit": _on_edit, "cancel": _on_cancel, "new_due": _on_new_due}
    return await steps.get(ctx.state.step or "what", _on_what)(ctx, inbound, draft)


def _next(ctx: Ctx, draft: dict[str, Any], step: str) -> None:
    set_state(ctx, FLOW, step, draft)


async def _on_what(ctx: Ctx, inbound: Inbound, draft: dict[str, Any]) -> list[Reply]:
    text = " ".join((inbound.text or "").split())
    problem = ("req_what_typed" if inbound.text is None else "req_what_short" if len(text) < WHAT_MIN
               else "req_what_long" if len(text) > WHAT_MAX else None)
    if problem:
        _next(ctx, draft, "what")
        return [Reply(t(problem, limit=WHAT_MAX))]
    draft["what"] = text
    if draft.get("back"):
        return await _read_back(ctx, draft)
    return _ask_owed(ctx, draft)


def _owed_choices() -> list[Choice]:
    return [Choice("communes", t("btn_req_communes")), Choice("divisions", t("btn_req_divisions")),
            Choice("pick", t("btn_req_pick"))]


def _ask_owed(ctx: Ctx, draft: dict[str, Any], text: str | None = None) -> list[Reply]:
    _next(ctx, draft, "owed")
    return [Reply(text or t("req_ask_owed"), _owed_choices())]


async def _on_owed(ctx: Ctx, inbound: Inbound, draft: dict[str, Any]) -> list[Reply]:
    groups = {"communes": ALL_COMMUNES, "divisions": ALL_DIVISIONS}
    if inbound.choice in groups:
        return await _owed_chosen(ctx, draft, [groups[inbound.choice]], [])
    if inbound.choice == "pick":
        draft["picked"], draft["at"] = [], 0
        return await _pick_page(ctx, draft)
    if not inbound.text:
        return _ask_owed(ctx, draft)
    index = await unit_index(session=ctx.session)
    owed = match_owed(index, split_typed(index, inbound.text))
    if owed.missed:
        miss = owed.missed[0]
        hint = t("req_owed_hint", names=", ".join(miss.suggestions)) if miss.suggestions else ""
        return _ask_owed(ctx, draft, t("req_owed_missed", name=one_line(miss.written, 80), hint=hint))
    return await _owed_chosen(ctx, draft, owed.written, owed.unit_ids)


async def _owed_chosen(ctx: Ctx, draft: dict[str, Any], written: list[str], unit_ids: list[int]) -> list[Reply]:
    draft["owed_by"], draft["owed_ids"] = written, unit_ids
    draft.pop("picked", None)
    draft.pop("at", None)
    if not await _owed_units(ctx, draft):
        return _ask_owed(ctx, draft, t("req_owed_nobody"))
    if draft.get("back"):
        return await _read_back(ctx, draft)
    _next(ctx, draft, "due")
    return [Reply(t("req_ask_due"))]


async def _pickable(ctx: Ctx) -> list[Unit]:
    """Communes first, then the Department's divisions, then the rest that can owe a report."""
    units = [u for u in await list_units(session=ctx.session) if u.kind in PICKABLE]
    return sorted(units, key=lambda u: (PICKABLE.index(u.kind), u.name))


async def _pick_page(ctx: Ctx, draft: dict[str, Any]) -> list[Reply]:
    units = await _pickable(ctx)
    picked = set(draft.get("picked", []))
    choices = [Choice(f"u{u.id}", ("☑️ " if u.id in picked else "") + u.name) for u in units]
    reply = choice_page(choices, int(draft.get("at", 0)), t("req_pick", n=len(picked)), "req_pick_pages")
    reply.choices.append(Choice("done", t("btn_req_done")))
    _next(ctx, draft, "pick")
    return [reply]


async def _on_pick(ctx: Ctx, inbound: Inbound, draft: dict[str, Any]) -> list[Reply]:
    units = await _pickable(ctx)
    picked: list[int] = list(draft.get("picked", []))
    if inbound.choice in ("next", "prev"):
        draft["at"] = turned(int(draft.get("at", 0)), inbound.choice, len(units))
    elif inbound.choice == "done":
        if not picked:
            return [Reply(t("req_pick_none")), *await _pick_page(ctx, draft)]
        return await _owed_chosen(ctx, draft, [], picked)
    elif inbound.choice and inbound.choice[1:].isdecimal():
        unit_id = int(inbound.choice[1:])
        picked = [i for i in picked if i != unit_id] if unit_id in picked else [*picked, unit_id]
    elif inbound.text:  # a few words of one name ("Nhơn Trạch"), else names or groups as written
        words = fold(inbound.text).split()
        found = [u for u in units if holds_words(words, u.name)]
        if len(found) != 1:
            index = await unit_index(session=ctx.session)
            owed = match_owed(index, split_typed(index, inbound.text))
            wanted = set(owed.unit_ids) | _ids_of(index, owed.written)
            found = [u for u in units if u.id in wanted]
        if not found:
            return [Reply(t("req_owed_missed", name=one_line(inbound.text, 80), hint="")),
                    *await _pick_page(ctx, draft)]
        picked += [u.id for u in found if u.id is not None and u.id not in picked]
    draft["picked"] = picked
    return await _pick_page(ctx, draft)


def _ids_of(index: UnitIndex, written: list[str]) -> set[int]:
    """The units names (or groups) as written come to."""
    return {i for name in written for i in index.match(name).unit_ids}


async def _owed_units(ctx: Ctx, draft: dict[str, Any]) -> list[Unit]:
    """The units the draft comes to, less the organiser's own (the reports are sent to it)."""
    assert ctx.identity is not None
    index = await unit_index(session=ctx.session)
    ids = set(draft.get("owed_ids", [])) | _ids_of(index, list(draft.get("owed_by", [])))
    ids.discard(ctx.identity.unit_id)
    units = [u for u in await list_units(session=ctx.session) if u.id in ids]
    return sorted(units, key=lambda u: u.name)


async def _on_due(ctx: Ctx, inbound: Inbound, draft: dict[str, Any]) -> list[Reply]:
    if not inbound.text:
        _next(ctx, draft, "due")
        return [Reply(t("req_ask_due"))]
    try:
        due = read_due(inbound.text, _local(ctx))
    except InvalidInput as err:
        _next(ctx, draft, "due")
        return [Reply(t(err.code, **{k: one_line(str(v), 80) for k, v in err.params.items()}))]
    draft["due_text"], draft["due_at"] = " ".join(inbound.text.split()), due.at.isoformat()
    return await _read_back(ctx, draft)


def _local(ctx: Ctx) -> datetime:
    return ctx.now.astimezone(ctx.tz).replace(tzinfo=None)


def _due_words(ctx: Ctx, text: str, due_at: datetime) -> str:
    return t("req_card_due", text=text, last=day_words(last_day(due_at.replace(tzinfo=ctx.tz), ctx.tz)))


async def _read_back(ctx: Ctx, draft: dict[str, Any]) -> list[Reply]:
    assert ctx.identity is not None
    draft.pop("back", None)
    units = await _owed_units(ctx, draft)
    names = [u.name for u in units]
    owed = ", ".join(names) if len(names) <= UNITS_SHOWN else t(
        "req_more_units", names=", ".join(names[:UNITS_SHOWN]), more=len(names) - UNITS_SHOWN)
    written = [w for w in draft.get("owed_by", []) if w in (ALL_COMMUNES, ALL_DIVISIONS)]
    if written and len(written) == len(draft.get("owed_by", [])) and not draft.get("owed_ids"):
        owed = f"{', '.join(written)} – {owed}"
    card = t("req_card", what=draft["what"], n=len(units), owed=owed, to=ctx.identity.unit.name,
             due=_due_words(ctx, draft["due_text"], datetime.fromisoformat(draft["due_at"])))
    _next(ctx, draft, "confirm")
    return [Reply(f"{card}\n\n{t('req_confirm')}", [Choice("confirm", t("btn_req_confirm")),
                                                   Choice("edit", t("btn_req_edit")),
                                                   Choice("cancel", t("btn_req_cancel"))])]


async def _on_confirm(ctx: Ctx, inbound: Inbound, draft: dict[str, Any]) -> list[Reply]:
    assert ctx.identity is not None
    if inbound.choice == "edit":
        _next(ctx, draft, "edit")
        return [Reply(t("req_edit_which"), [Choice("what", t("btn_req_edit_what")),
                                            Choice("owed", t("btn_req_edit_owed")),
                                            Choice("due", t("btn_req_edit_due"))])]
    if inbound.choice == "cancel":
        end_flow(ctx)
        return [Reply(t("req_dropped"))]
    if inbound.choice != "confirm":
        replies = await _read_back(ctx, draft)
        return [Reply(t("req_confirm_again")), *replies]
    due_at = datetime.fromisoformat(draft["due_at"])
    if due_at.replace(tzinfo=ctx.tz) <= ctx.now:  # read back before a deadline, confirmed after it
        _next(ctx, draft, "due")
        last = last_day(due_at.replace(tzinfo=ctx.tz), ctx.tz)
        return [Reply(t("due_past", text=draft["due_text"], day=f"{last:%d/%m/%Y}")), Reply(t("req_ask_due"))]
    spec = DeadlineSpec(what=draft["what"], due_text=draft["due_text"], due_at=due_at.replace(tzinfo=ctx.tz),
                        owed_by=tuple(draft.get("owed_by", [])), owed_unit_ids=tuple(draft.get("owed_ids", [])),
                        to_text=ctx.identity.unit.name)
    saved = await create_deadline(session=ctx.session, spec=spec, actor_id=ctx.identity.member_id)
    end_flow(ctx)
    ctx.extras["reminders_changed"] = True  # the new deadline's rounds are planned now
    return [Reply(t("req_saved", id=saved.deadline.id, what=one_line(spec.what, 80), n=len(saved.owed),
                    due=draft["due_text"]))]


async def _on_edit(ctx: Ctx, inbound: Inbound, draft: dict[str, Any]) -> list[Reply]:
    draft["back"] = True
    if inbound.choice == "what":
        _next(ctx, draft, "what")
        return [Reply(t("req_ask_what"))]
    if inbound.choice == "owed":
        return _ask_owed(ctx, draft)
    if inbound.choice == "due":
        _next(ctx, draft, "due")
        return [Reply(t("req_ask_due"))]
    return await _read_back(ctx, draft)


# Changing or cancelling a deadline already made (offered on /baocao's card).

async def _manage(ctx: Ctx, verb: str, deadline_id: int) -> list[Reply]:
    try:
        deadline = await live_deadline(session=ctx.session, deadline_id=deadline_id)
    except NotFound:
        return [Reply(t("deadline_not_found", id=deadline_id))]
    draft = {"id": deadline_id}
    if verb == "huy":
        _next(ctx, draft, "cancel")
        return [Reply(t("req_cancel_confirm", id=deadline_id, what=one_line(deadline.what, 80)),
                      [Choice("yes", t("btn_req_cancel_yes")), Choice("no", t("btn_req_keep"))])]
    _next(ctx, draft, "new_due")
    return [Reply(_ask_new_due(ctx, deadline))]


def _ask_new_due(ctx: Ctx, deadline: Deadline) -> str:
    due = deadline.due_text or (f"{last_day(deadline.due_at, ctx.tz):%d/%m/%Y}" if deadline.due_at else "?")
    return t("req_ask_new_due", id=deadline.id, what=one_line(deadline.what, 80), due=due)


async def _on_cancel(ctx: Ctx, inbound: Inbound, draft: dict[str, Any]) -> list[Reply]:
    assert ctx.identity is not None
    end_flow(ctx)
    if inbound.choice != "yes":
        return [Reply(t("req_kept", id=draft["id"]))]
    await cancel_deadline(session=ctx.session, deadline_id=int(draft["id"]), actor_id=ctx.identity.member_id,
                          now=ctx.now)
    ctx.extras["reminders_changed"] = True  # its pending reminders are skipped now
    return [Reply(t("req_cancelled", id=draft["id"]))]


async def _on_new_due(ctx: Ctx, inbound: Inbound, draft: dict[str, Any]) -> list[Reply]:
    assert ctx.identity is not None
    deadline_id = int(draft["id"])
    if not inbound.text:
        deadline = await live_deadline(session=ctx.session, deadline_id=deadline_id)
        return [Reply(_ask_new_due(ctx, deadline))]
    try:
        due = read_due(inbound.text, _local(ctx))
    except InvalidInput as err:
        return [Reply(t(err.code, **{k: one_line(str(v), 80) for k, v in err.params.items()}))]
    text = " ".join(inbound.text.split())
    await update_deadline(session=ctx.session, deadline_id=deadline_id, actor_id=ctx.identity.member_id,
                          now=ctx.now, due_text=text, due_at=due.at.replace(tzinfo=ctx.tz))
    end_flow(ctx)
    ctx.extras["reminders_changed"] = True  # the rounds move to the new date
    return [Reply(t("req_due_changed", id=deadline_id, due=_due_words(ctx, text, due.at)))]
