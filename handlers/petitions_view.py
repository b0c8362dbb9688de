"""How petitions read in a chat, and who may read which (the privacy rule in one place).

A petition's content, its petitioner's name and phone, and its answer are for organisers, the
unit it is assigned to, and the petitioning organisation itself; nobody else sees it, and each
look by someone other than the petitioner is audited.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from domain.petitions import label
from domain.reminder_timing import last_day
from handlers.formatting import cutoff_text, one_line
from handlers.permissions import is_organiser
from handlers.petition_messages import field_name
from handlers.texts import t
from handlers.types import Ctx
from storage.audit import record
from storage.members import Identity
from storage.petitions import PetitionLine

STATE_MARK = {"received": "📥", "assigned": "🕓", "answered_at_conference": "✅", "answered_in_writing": "✅",
              "out_of_scope": "⛔"}


def due_day(due: datetime, tz: ZoneInfo) -> str:
    """The last day an exclusive deadline allows, as people write it ("trước ngày 28/4" → 27/04/2026)."""
    return f"{last_day(due, tz):%d/%m/%Y}"


def may_see(identity: Identity | None, line: PetitionLine) -> bool:
    """Organisers, the petitioning organisation, and the unit the petition is assigned to."""
    if identity is None:
        return False
    return (is_organiser(identity) or line.petition.unit_id == identity.unit_id
            or line.petition.assigned_unit_id == identity.unit_id)


def state_name(state: str) -> str:
    return t(f"pet_state_{state}")


def short_line(number: int | None, line: PetitionLine, tz: ZoneInfo, *, with_unit: bool) -> str:
    """'3. KN-12-03 · Đo lường · 🕓 Đã giao (hạn 27/04/2026) · Công ty X: nội dung…'."""
    p = line.petition
    state = f"{STATE_MARK.get(p.state, '')} {state_name(p.state)}"
    if p.state == "assigned" and p.answer_due is not None:
        state += " " + t("pet_short_due", due=due_day(p.answer_due, tz))
    who = f" · {line.unit.name}" if with_unit else ""
    head = f"{number}. " if number is not None else "• "
    return f"{head}{label(p.meeting_id, p.number)} · {field_name(p.field)} · {state}{who}: {one_line(p.content, 90)}"


def card(ctx: Ctx, line: PetitionLine) -> str:
    """The petition in full, with the petitioner's contact for those who handle it."""
    p = line.petition
    lines = [t("pet_card_head", label=label(p.meeting_id, p.number), unit=line.unit.name),
             t("pet_card_field", field=field_name(p.field)), t("pet_card_content", content=p.content)]
    if p.file_name:
        lines.append(t("pet_card_file", name=p.file_name))
    own = ctx.identity is not None and ctx.identity.unit_id == p.unit_id
    if line.petitioner is not None and not own:
        lines.append(t("pet_card_petitioner", name=line.petitioner.full_name, phone=line.petitioner.phone or "–"))
    lines.append(t("pet_card_state", state=state_name(p.state)))
    if line.handler is not None:
        lines.append(t("pet_card_handler", unit=line.handler.name))
    if p.answer_due is not None and p.state == "assigned":
        lines.append(t("pet_due_line", due=cutoff_text(p.answer_due, ctx.tz)))
    if p.answer:
        key = "pet_card_reason" if p.state == "out_of_scope" else "pet_card_answer"
        lines.append(t(key, answer=p.answer))
    if p.answer_file_name:
        lines.append(t("pet_card_file", name=p.answer_file_name))
    return "\n".join(lines)


def audit_view(ctx: Ctx, lines: list[PetitionLine], subject: str) -> None:
    """A look at other organisations' petitions (content, petitioner) is recorded; one's own is not."""
    assert ctx.identity is not None
    others = [ln for ln in lines if ln.petition.unit_id != ctx.identity.unit_id]
    if others:
        record(session=ctx.session, actor_id=ctx.identity.member_id, action="petition.view", subject=subject,
               petitions=len(others), via=ctx.channel)
