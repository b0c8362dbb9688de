"""An unsent registration list that outlives other commands, and the words for a meeting that
cannot take one (closed, or cancelled).

The registration flow's own state is replaced as soon as the person runs another command
(/viec, /help, …). So every change that makes the list differ from what was sent is also kept
under an underscore key, which the engine carries across flows; /dangky finds it there and
asks whether to resume it or drop it. It names the member and unit it belongs to, so nobody
else writing in the same chat is offered it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.attendees import registration_open
from handlers.formatting import cutoff_text, moment
from handlers.texts import t
from handlers.types import Ctx
from storage.models import Meeting

DRAFT = "_reg_draft"
KEPT = ("meeting_id", "version", "saved", "base", "attendees")


def unsent(data: dict[str, Any]) -> bool:
    """Whether the list in the flow's data differs from the one the unit has sent (or from nothing)."""
    return bool(data.get("attendees", []) != data.get("base", []))


def sticky(ctx: Ctx, data: dict[str, Any]) -> dict[str, Any] | None:
    """What to keep across other commands for the flow's `data`: nothing when nothing is unsent."""
    if ctx.identity is None or not unsent(data):
        return None
    return {**{k: data.get(k) for k in KEPT}, "member_id": ctx.identity.member_id,
            "unit_id": ctx.identity.unit_id, "changed_at": ctx.now.isoformat()}


def own_draft(ctx: Ctx) -> dict[str, Any] | None:
    """This person's unsent list in this chat, if there is one."""
    draft = ctx.data.get(DRAFT)
    if not isinstance(draft, dict) or ctx.identity is None:
        return None
    if draft.get("member_id") != ctx.identity.member_id or draft.get("unit_id") != ctx.identity.unit_id:
        return None
    return draft


def changed_at(ctx: Ctx, draft: dict[str, Any]) -> str:
    """When the unsent list was last changed, as the person reads times."""
    return moment(datetime.fromisoformat(str(draft["changed_at"])), ctx.tz)


def closed_text(ctx: Ctx, meeting: Meeting) -> str | None:
    """Why the meeting takes no list now (cancelled, or past its cutoff), or None while it is open."""
    if meeting.status == "cancelled":
        return t("reg_meeting_cancelled", title=meeting.title)
    if registration_open(meeting.registration_cutoff, meeting.status, ctx.now):
        return None
    if meeting.registration_cutoff is not None:
        return t("reg_closed_now", cutoff=cutoff_text(meeting.registration_cutoff, ctx.tz))
    return t("registration_closed")
