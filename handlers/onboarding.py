"""Joining by invite code, /help and /cancel: the flows every person meets first.

Telegram brings the code inside a deep link; Zalo has none, so the code is pasted as a
message (alone, after /start, or broken by spaces and line breaks) and found all the same.
"""

from __future__ import annotations

from domain.errors import NotAllowed
from handlers import registry
from handlers.engine import end_flow, error_text
from handlers.linking import redeem_typed_link
from handlers.open_registration import open_code_in, start_by_code
from handlers.registry import command, free_text
from handlers.texts import commands_for, t
from handlers.texts.vi import ROLE_NAMES
from handlers.types import Ctx, Inbound, Reply
from storage.accounts import normalise_link_code
from storage.members import invite_code_in, redeem_invite


@command("start")
async def start(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/start [code]: join with a code (an invite, or a link code from the other app), or say who you are."""
    if inbound.arg:
        public = open_code_in(inbound.arg)  # a meeting's public registration link (issue 15)
        if public is not None:
            return await start_by_code(ctx, public)
        link = normalise_link_code(inbound.arg)
        if link is not None:
            return await redeem_typed_link(ctx, link)
        return await _join(ctx, invite_code_in(inbound.arg) or inbound.arg)
    end_flow(ctx)
    if ctx.identity is None:
        return [Reply(t("start_guest" if ctx.caps.deep_links else "start_guest_typed"))]
    ident = ctx.identity
    ctx.extras["role_changed"] = ident.member.role
    return [Reply(t("start_known", name=ident.member.full_name, role=ROLE_NAMES[ident.member.role],
                    unit=ident.unit.name))]


@free_text
async def typed_code(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """A code sent as plain text: an invite by someone who has not joined yet, or a link code."""
    if not inbound.text:
        return []
    link = normalise_link_code(inbound.text)
    if link is not None:
        return await redeem_typed_link(ctx, link)
    code = invite_code_in(inbound.text) if ctx.identity is None else None
    return await _join(ctx, code) if code else []


async def _join(ctx: Ctx, code: str) -> list[Reply]:
    try:
        ident = await redeem_invite(session=ctx.session, token=code, now=ctx.now, channel=ctx.channel,
                                    external_id=ctx.user_id, chat_id=ctx.chat_id, full_name=ctx.user_name)
    except NotAllowed as err:  # kept, not rolled back: the wrong guess counts towards the limit
        return [Reply(error_text(err))]
    ctx.identity = ident
    ctx.extras["role_changed"] = ident.member.role
    end_flow(ctx)
    return [Reply(t("joined", name=ident.member.full_name, role=ROLE_NAMES[ident.member.role],
                    unit=ident.unit.name))]


@command("help")
async def help_(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/help (/trogiup): the commands this person's role may use."""
    role = ctx.identity.member.role if ctx.identity else None
    lines = [t("help_header")]
    lines += [f"/{cmd} – {desc}" for cmd, desc in commands_for(role)
              if registry.ALIASES.get(cmd, cmd) in registry.COMMANDS]
    if role in ("organizer", "admin") and ctx.caps.files_in:
        lines.append(t("help_files_organiser"))
    lines.append(t("help_footer") if role else t("help_guest_footer"))
    return [Reply("\n".join(lines))]


@command("cancel")
async def cancel(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/cancel (/huy): leave any conversation; nothing half-entered is kept as if confirmed.
    A flow holding unsent changes asks first (registry.CANCEL_GUARDS)."""
    had_flow = ctx.state.flow is not None
    guard = registry.CANCEL_GUARDS.get(ctx.state.flow or "")
    if guard is not None:
        asked = await guard(ctx, inbound)
        if asked:
            return asked
    end_flow(ctx)
    return [Reply(t("cancelled" if had_flow else "nothing_to_cancel"))]
