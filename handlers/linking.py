"""/lienketzalo: one member, two apps. A short code from one app, typed into the other.

Works both ways (Telegram → Zalo and Zalo → Telegram); reminders then go to the app the
person used last, never to both.
"""

from __future__ import annotations

from domain.errors import NotAllowed
from handlers.engine import end_flow
from handlers.formatting import moment
from handlers.permissions import need_member
from handlers.registry import command
from handlers.texts import t
from handlers.texts.vi import CHANNEL_NAMES, ROLE_NAMES
from handlers.types import Ctx, Inbound, Reply
from storage.accounts import LINK_VALID, accounts_of, create_link_code, redeem_link_code, show_link_code


@command("lienketzalo", "lienkettelegram")
async def link_command(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/lienketzalo (/linkaccount): a one-time code that adds this member's account on the other app."""
    ident = need_member(ctx)
    if isinstance(ident, list):
        return ident
    end_flow(ctx)
    code = await create_link_code(session=ctx.session, member_id=ident.member_id, channel=ctx.channel, now=ctx.now)
    accounts = await accounts_of(session=ctx.session, member_id=ident.member_id)
    text = t("link_code", code=show_link_code(code), until=moment(ctx.now + LINK_VALID, ctx.tz))
    names = sorted({CHANNEL_NAMES.get(a.channel, a.channel) for a in accounts})
    return [Reply(f"{text}\n{t('link_accounts', channels=', '.join(names))}")]


async def redeem_typed_link(ctx: Ctx, code: str) -> list[Reply]:
    """A link code typed on this app: this account joins the member who asked for the code."""
    try:
        ident = await redeem_link_code(session=ctx.session, code=code, now=ctx.now, channel=ctx.channel,
                                       external_id=ctx.user_id, chat_id=ctx.chat_id)
    except NotAllowed as err:
        return [Reply(t(err.code))]
    ctx.identity = ident
    ctx.extras["role_changed"] = ident.member.role
    end_flow(ctx)
    return [Reply(t("link_done", channel=CHANNEL_NAMES.get(ctx.channel, ctx.channel), name=ident.member.full_name,
                    role=ROLE_NAMES[ident.member.role], unit=ident.unit.name))]
