"""/baocao (/report): a unit submits its report for a deadline; the receiving unit and organisers
see who has submitted and who has not."""

from __future__ import annotations

from domain.text import fold, holds_words
from handlers.engine import end_flow, set_state
from handlers.formatting import day, days_left, one_line
from handlers.notes import read_note
from handlers.nudges import offer_nudge
from handlers.paging import choice_page, turned
from handlers.permissions import is_organiser, need_member
from handlers.registry import command, flow
from handlers.texts import t
from handlers.types import Choice, Ctx, Inbound, Reply
from storage.models import Deadline, saved_id
from storage.plans import deadline_status, deadlines_visible_to, submit_report

FLOW = "report"


async def _visible_deadlines(ctx: Ctx) -> list[Deadline]:
    assert ctx.identity is not None
    return await deadlines_visible_to(session=ctx.session, unit_id=ctx.identity.unit_id,
                                      everyone=is_organiser(ctx.identity))


@command("baocao")
async def report_command(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/baocao: the deadlines the unit owes or receives."""
    ident = need_member(ctx)
    if isinstance(ident, list):
        return ident
    deadlines = await _visible_deadlines(ctx)
    if not deadlines:
        return [Reply(t("report_none", unit=ident.unit.name))]
    set_state(ctx, FLOW, "pick", {"at": 0})
    return [_pick_page(ctx, deadlines, 0, t("report_pick"))]


def _pick_page(ctx: Ctx, deadlines: list[Deadline], at: int, text: str) -> Reply:
    """Ten deadlines at a time (an organiser sees every plan's); words of what is due find one on any page."""
    return choice_page([Choice(f"d{d.id}", f"{day(d.due_at, ctx.tz) if d.due_at else '?'} {one_line(d.what, 45)}")
                        for d in deadlines], at, text, "report_pick_pages")


def _search(deadlines: list[Deadline], typed: str) -> list[Deadline]:
    """The deadlines whose description holds every typed word (folded: "bao cao quy" finds "Báo cáo quý")."""
    words = fold(typed).split()
    return [d for d in deadlines if holds_words(words, d.what)]


async def _on_pick(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    deadlines = await _visible_deadlines(ctx)
    at = int(ctx.data.get("at", 0))
    if inbound.choice in ("next", "prev"):
        at = turned(at, inbound.choice, len(deadlines))
        set_state(ctx, FLOW, "pick", {"at": at})
        return [_pick_page(ctx, deadlines, at, t("report_pick"))]
    chosen = int(inbound.choice[1:]) if inbound.choice and inbound.choice[1:].isdecimal() else None
    deadline = next((d for d in deadlines if d.id == chosen), None)
    if deadline is None and chosen is None and inbound.text:
        found = _search(deadlines, inbound.text)
        if len(found) == 1:
            deadline = found[0]
        elif found:
            set_state(ctx, FLOW, "pick", {"at": 0})
            return [_pick_page(ctx, found, 0, t("report_found", n=len(found)))]
    if deadline is None:
        return [Reply(t("report_pick_again"))]
    return await _card(ctx, deadline)


@flow(FLOW)
async def step(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """Deadline chosen → its status (and a submit choice if the unit owes it) → the file or note."""
    ident = need_member(ctx)
    if isinstance(ident, list):
        end_flow(ctx)
        return ident
    if ctx.state.step == "pick":
        return await _on_pick(ctx, inbound)
    if ctx.state.step == "card":
        if inbound.choice == "submit":
            set_state(ctx, FLOW, "submit", {"deadline_id": ctx.data["deadline_id"]})
            return [Reply(_ask_report(ctx))]
        end_flow(ctx)
        return [Reply(t("cancelled"))]
    return await _submit(ctx, inbound)


async def _card(ctx: Ctx, deadline: Deadline) -> list[Reply]:
    assert ctx.identity is not None
    status = await deadline_status(session=ctx.session, deadline_id=saved_id(deadline))
    mine = next((owed for owed, unit in status if unit.id == ctx.identity.unit_id), None)
    lines = [f"📄 {deadline.what}", t("report_due", due=deadline.due_text or "",
                                      left=days_left(ctx.now, ctx.tz, deadline.due_at) if deadline.due_at else "")]
    if deadline.to_text:
        lines.append(t("report_to", to=deadline.to_text))
    if is_organiser(ctx.identity) and deadline.source in ("manual", "request"):  # /yeucau changes these
        lines.append(t("report_org_manage", id=deadline.id))
    if is_organiser(ctx.identity) or deadline.to_unit_id == ctx.identity.unit_id:
        done = [(o.submitted_at, u) for o, u in status if o.submitted_at]
        waiting = [u for o, u in status if not o.submitted_at]
        lines.append(t("report_status", done=len(done), total=len(status)))
        lines += [f"✅ {u.name} ({day(when, ctx.tz)})" for when, u in done]
        lines += [f"⏳ {u.name}" for u in waiting]
    elif mine is not None:
        lines.append(t("report_mine_done", when=day(mine.submitted_at, ctx.tz)) if mine.submitted_at
                     else t("report_mine_waiting"))
    if mine is None:
        end_flow(ctx)
        waiting_ids = [u.id for o, u in status if not o.submitted_at and u.id is not None]
        open_ = deadline.due_at is None or deadline.due_at > ctx.now
        nudge = offer_nudge(ctx, f"deadline:{deadline.id}", waiting_ids) if is_organiser(ctx.identity) and open_ \
            else []
        return [Reply("\n".join(lines), nudge)]
    set_state(ctx, FLOW, "card", {"deadline_id": deadline.id})
    label = t("btn_resubmit") if mine.submitted_at else t("btn_submit")
    return [Reply("\n".join(lines), [Choice("submit", label), Choice("quit", t("btn_close"))])]


async def _submit(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    assert ctx.identity is not None
    got = read_note(inbound)
    if got is None:
        return [Reply(_ask_report(ctx))]
    await submit_report(session=ctx.session, deadline_id=ctx.data["deadline_id"], unit_id=ctx.identity.unit_id,
                        note=got.file_name or got.text, file_ref=got.file_ref, actor_id=ctx.identity.member_id,
                        now=ctx.now)
    end_flow(ctx)
    ctx.extras["reminders_changed"] = True  # the unit drops out of this deadline's rounds
    return [Reply(t("report_saved"))]


def _ask_report(ctx: Ctx) -> str:
    return t("report_ask_file" if ctx.caps.files_in else "report_ask_typed")
