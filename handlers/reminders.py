"""/nhacviec (/reminders): what goes out next and what became of what went out; muting.

Organisers see every meeting and deadline with counts per state, the reasons rows were
skipped, escalations to unit heads and who cannot be reached. Everyone else sees their own
coming reminders and can mute the early rounds and the digest (/tatnhac, /batnhac); the last
reminder before a cutoff or deadline and announcements always come.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.engine import end_flow, set_state
from handlers.formatting import one_line
from handlers.paging import paged_reply
from handlers.permissions import is_organiser, need_member
from handlers.registry import command, flow
from handlers.texts import t
from handlers.texts.vi import CHANNEL_NAMES
from handlers.types import Choice, Ctx, Inbound, Reply
from storage.budget import read_spent_reason
from storage.models import Deadline, Meeting, Member, ReminderOutbox, Unit
from storage.outbox import SubjectStatus, status_by_subject

FLOW = "reminders"
STATE_ORDER = ("sent", "pending", "skipped", "failed", "uncertain", "unreachable", "undeliverable")
MAX_SUBJECTS = 30


def when_short(value: datetime, ctx: Ctx) -> str:
    return value.astimezone(ctx.tz).strftime("%Hh%M %d/%m")


@command("nhacviec")
async def reminders_command(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/nhacviec: the organiser's outbox status, or a member's own reminders and mute switch."""
    ident = need_member(ctx)
    if isinstance(ident, list):
        return ident
    end_flow(ctx)
    if is_organiser(ident):
        return await organiser_status(ctx)
    return await _mine(ctx, ident.member)


async def subject_title(session: AsyncSession, subject: str) -> str:
    kind, _, ident = subject.partition(":")
    if kind == "meeting" and ident.isdecimal():
        meeting = await session.get(Meeting, int(ident))
        return t("rem_subject_meeting", id=ident, title=one_line(meeting.title, 80)) if meeting else subject
    if kind == "deadline" and ident.isdecimal():
        deadline = await session.get(Deadline, int(ident))
        return t("rem_subject_deadline", id=ident, what=one_line(deadline.what, 80)) if deadline else subject
    if kind == "unit" and ident.isdecimal():
        unit = await session.get(Unit, int(ident))
        return t("rem_subject_digest", unit=unit.name if unit else ident)
    if kind == "budget":
        return t("rem_subject_budget", channel=CHANNEL_NAMES.get(ident, ident))
    return subject


async def reasons_by_subject(session: AsyncSession, state: str = "skipped") -> dict[str, Counter[str]]:
    rows = (await session.exec(select(ReminderOutbox.subject, ReminderOutbox.reason, func.count())
                               .where(ReminderOutbox.state == state)
                               .group_by(col(ReminderOutbox.subject), col(ReminderOutbox.reason)))).all()
    out: dict[str, Counter[str]] = {}
    for subject, reason, n in rows:
        out.setdefault(subject, Counter())[reason or "?"] += n
    return out


async def _unit_names(session: AsyncSession, ids: tuple[int, ...]) -> str:
    found = (await session.exec(select(Unit.name).where(col(Unit.id).in_(ids)).order_by(Unit.name))).all()
    return ", ".join(found)


async def _people_names(session: AsyncSession, ids: tuple[int, ...]) -> str:
    """Names with their unit: the organiser needs to know whom to call (personal data, organisers only)."""
    found = (await session.exec(select(Member.full_name, Unit.name).join(Unit, col(Unit.id) == col(Member.unit_id))
                                .where(col(Member.id).in_(ids)).order_by(Member.full_name))).all()
    return ", ".join(f"{name} ({unit})" for name, unit in found)


async def _subject_block(ctx: Ctx, status: SubjectStatus, skipped: Counter[str],
                         undeliverable: Counter[str] | None = None) -> str:
    lines = [await subject_title(ctx.session, status.subject)]
    parts = [t(f"rem_state_{s}", n=status.counts[s]) for s in STATE_ORDER if status.counts.get(s)]
    live = status.counts.get("claimed", 0) + status.counts.get("sending", 0)
    if live:
        parts.append(t("rem_state_sending", n=live))
    lines.append("   " + " · ".join(parts))
    if status.next_at is not None:
        lines.append("   " + t("rem_next_at", when=when_short(status.next_at, ctx)))
    if skipped:
        lines.append("   " + t("rem_skipped_why", reasons=", ".join(
            f"{_reason(r)} {n}" for r, n in skipped.most_common())))
    if undeliverable:
        lines.append("   " + t("rem_undeliverable_why", reasons=", ".join(
            f"{reason_words(r) or r} {n}" for r, n in undeliverable.most_common())))
    if status.escalated_units:
        lines.append("   " + t("rem_escalated", units=await _unit_names(ctx.session, status.escalated_units)))
    if status.unreachable_members:
        lines.append("   " + t("rem_unreachable", people=await _people_names(ctx.session,
                                                                               status.unreachable_members)))
    return "\n".join(lines)


def reason_words(reason: str) -> str | None:
    """A spent monthly budget in words ("hết hạn mức tin nhắn Zalo tháng 05/2026 (2000 tin)")."""
    spent = read_spent_reason(reason)
    if spent is None:
        return None
    channel, month, limit = spent
    year, _, number = month.partition("-")
    return t("budget_spent_reason", channel=CHANNEL_NAMES.get(channel, channel), month=f"{number}/{year}",
             limit=limit)


def _reason(code: str) -> str:
    try:
        return t(f"skip_{code}")
    except KeyError:
        return code


async def organiser_status(ctx: Ctx) -> list[Reply]:
    statuses = await status_by_subject(session=ctx.session)
    if not statuses:
        return [Reply(t("rem_none_yet"))]
    skipped = await reasons_by_subject(ctx.session)
    undeliverable = await reasons_by_subject(ctx.session, "undeliverable")
    totals: Counter[str] = Counter()
    for s in statuses:
        totals.update(s.counts)
    blocks = [t("rem_status_head", pending=totals.get("pending", 0), sent=totals.get("sent", 0),
                problems=sum(totals.get(s, 0) for s in ("failed", "uncertain", "unreachable", "undeliverable")))]
    for status in statuses[:MAX_SUBJECTS]:
        blocks.append(await _subject_block(ctx, status, skipped.get(status.subject, Counter()),
                                           undeliverable.get(status.subject)))
    blocks.append(t("rem_status_footer"))
    return paged_reply(ctx, blocks)


async def _mine(ctx: Ctx, member: Member) -> list[Reply]:
    rows = (await ctx.session.exec(select(ReminderOutbox).where(
        ReminderOutbox.member_id == member.id, ReminderOutbox.state == "pending")
        .order_by(col(ReminderOutbox.send_at)).limit(8))).all()
    lines = [t("rem_mine_head_muted" if member.mute_reminders else "rem_mine_head")]
    for row in rows:
        lines.append(f"• {when_short(row.send_at, ctx)} – {t('rem_kind_' + row.kind)}: "
                     f"{await subject_title(ctx.session, row.subject)}")
    if not rows:
        lines.append(t("rem_mine_none"))
    set_state(ctx, FLOW, "mine", {})
    toggle = Choice("unmute", t("btn_unmute")) if member.mute_reminders else Choice("mute", t("btn_mute"))
    return [Reply("\n".join(lines), [toggle, Choice("close", t("btn_close"))])]


@flow(FLOW)
async def step(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """The mute switch under a member's reminder list."""
    end_flow(ctx)
    if inbound.choice in ("mute", "unmute"):
        return await _set_mute(ctx, inbound.choice == "mute")
    return [Reply(t("mt_closed_reminders"))]


@command("tatnhac")
async def mute_command(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/tatnhac (/mute): no weekly digest, no early rounds; the last reminder and announcements still come."""
    return await _set_mute(ctx, True)


@command("batnhac")
async def unmute_command(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/batnhac (/unmute): every round again."""
    return await _set_mute(ctx, False)


async def _set_mute(ctx: Ctx, muted: bool) -> list[Reply]:
    ident = need_member(ctx)
    if isinstance(ident, list):
        return ident
    ident.member.mute_reminders = muted
    ctx.session.add(ident.member)
    ctx.extras["reminders_changed"] = True
    return [Reply(t("rem_muted" if muted else "rem_unmuted"))]
