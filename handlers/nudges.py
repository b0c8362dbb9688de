""""Nhắc ngay các đơn vị này": the organiser reminds the units that have not acted, now.

Offered under /chuadangky and under a report's status; a confirmation says how many units and
people first. It queues one reminder to each through the outbox, checked again before sending
like any other (a unit that registers in the meantime gets nothing).
"""

from __future__ import annotations

from datetime import datetime

from domain.reminder_timing import legal_end, place
from domain.reminders import Planned
from handlers.announcements import officers_for
from handlers.engine import end_flow, set_state
from handlers.permissions import require_organiser
from handlers.registry import flow
from handlers.texts import t
from handlers.types import Choice, Ctx, Inbound, Reply
from storage.models import Deadline, Meeting
from storage.outbox import add_rows

FLOW = "nudge"


def offer_nudge(ctx: Ctx, subject: str, unit_ids: list[int]) -> list[Choice]:
    """The button under a list of units that have not acted (nothing to offer for none)."""
    if not unit_ids:
        return []
    set_state(ctx, FLOW, "offer", {"subject": subject, "units": sorted(unit_ids)})
    return [Choice("nudge", t("btn_nudge_now"))]


@flow(FLOW)
async def step(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """Offer → confirmation with the counts → queued."""
    require_organiser(ctx)
    units = set(ctx.data.get("units", []))
    subject = str(ctx.data.get("subject", ""))
    if ctx.state.step == "offer" and inbound.choice == "nudge":
        people = await officers_for(session=ctx.session, unit_ids=units)
        with_people = len({p.unit_id for p in people})
        set_state(ctx, FLOW, "confirm", {"subject": subject, "units": sorted(units)})
        return [Reply(t("nudge_confirm", units=len(units), people=len(people), reached=with_people),
                      [Choice("yes", t("btn_nudge_yes")), Choice("no", t("btn_no"))])]
    confirming = ctx.state.step == "confirm"
    end_flow(ctx)
    if not confirming or inbound.choice != "yes":
        return [Reply(t("nudge_not_sent"))]
    not_after = await _not_after(ctx, subject)
    if not_after is not None and not_after <= ctx.now:
        return [Reply(t("nudge_too_late"))]
    people = await officers_for(session=ctx.session, unit_ids=units)
    at = place(ctx.now, not_after=not_after, now=ctx.now, calendar=ctx.calendar, hours=ctx.hours, tz=ctx.tz)
    key = f"nudge:{subject}:{_stamp(ctx.now)}"
    rows = [Planned(key, p.member_id, "nudge", subject, p.unit_id, at, not_after, True) for p in people]
    added = await add_rows(session=ctx.session, rows=rows, now=ctx.now)
    ctx.extras["reminders_changed"] = True
    return [Reply(t("nudge_queued", people=added, units=len({p.unit_id for p in people}),
                    when=at.astimezone(ctx.tz).strftime("%Hh%M ngày %d/%m/%Y")))]


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d%H%M%S")


async def _not_after(ctx: Ctx, subject: str) -> datetime | None:
    kind, _, ident = subject.partition(":")
    if kind == "meeting" and ident.isdecimal():
        meeting = await ctx.session.get(Meeting, int(ident))
        return meeting.registration_cutoff if meeting else None
    if kind == "deadline" and ident.isdecimal():
        deadline = await ctx.session.get(Deadline, int(ident))
        if deadline is not None and deadline.due_at is not None:
            return legal_end(deadline.due_at, ctx.calendar, ctx.tz)
    return None
