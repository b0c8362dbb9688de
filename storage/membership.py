"""Removing members and withdrawing invites: who belongs to a unit, and who no longer does.

A removed member keeps their row (the audit and registrations point at it) and their channel
accounts, marked inactive; invited again, the same rows come back (storage.members.redeem_invite).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.errors import NotAllowed, NotFound, Refused
from domain.membership import may_remove, may_revoke
from storage.audit import record
from storage.models import ConversationState, Invite, Member, Unit
from storage.models.people import ChannelAccount


async def unit_members(*, session: AsyncSession, unit_id: int) -> list[Member]:
    """The unit's active members, by role then name: the list /thanhvien shows."""
    rows = (await session.exec(select(Member).where(Member.unit_id == unit_id, col(Member.active).is_(True))
                               .order_by(col(Member.role), col(Member.full_name), col(Member.id)))).all()
    return list(rows)


async def all_members(*, session: AsyncSession, unit_id: int | None = None,
                      include_removed: bool = False) -> list[tuple[Member, Unit]]:
    """Members with their units, for `tdc-bot member list`."""
    query = select(Member, Unit).join(Unit, col(Unit.id) == col(Member.unit_id))
    if unit_id is not None:
        query = query.where(Member.unit_id == unit_id)
    if not include_removed:
        query = query.where(col(Member.active).is_(True))
    return [(m, u) for m, u in (await session.exec(query.order_by(col(Unit.name), col(Member.full_name),
                                                                   col(Member.id)))).all()]


async def remove_member(*, session: AsyncSession, member_id: int, actor_id: int | None,
                        actor_role: str = "admin", via: str = "chat") -> Member:
    """Set the member inactive, checking the rule (domain.membership.may_remove).

    Their chats forget any half-done flow (a removed officer cannot confirm a draft later), and
    nothing more is sent to them: the outbox only reaches active members. `actor_id` None is
    the command line (the server's administrator).
    """
    member = await session.get(Member, member_id)
    if member is None or not member.active:
        raise NotFound("member", name=str(member_id))
    refusal = may_remove(actor_role=actor_role, target_role=member.role, same_person=member_id == actor_id)
    if refusal is not None:
        raise Refused(refusal)
    member.active = False
    # A conversation belongs to a person in a chat (channel, chat, user): theirs go, in any chat.
    accounts = select(ChannelAccount.channel, ChannelAccount.external_id).where(ChannelAccount.member_id == member_id)
    for channel, user_id in (await session.exec(accounts)).all():
        await session.exec(delete(ConversationState).where(col(ConversationState.channel) == channel,
                                                           col(ConversationState.user_id) == user_id))
    record(session=session, actor_id=actor_id, action="member.remove", subject=f"member:{member_id}",
           unit_id=member.unit_id, role=member.role, via=via)
    await session.flush()
    return member


async def open_invites(*, session: AsyncSession, now: datetime, unit_id: int | None = None
                       ) -> list[tuple[Invite, Unit]]:
    """Invites that could still be used (not used up, not expired, not withdrawn), newest first."""
    query = (select(Invite, Unit).join(Unit, col(Unit.id) == col(Invite.unit_id))
             .where(col(Invite.uses_left) > 0, col(Invite.expires_at) > now, col(Invite.revoked_at).is_(None)))
    if unit_id is not None:
        query = query.where(Invite.unit_id == unit_id)
    return [(i, u) for i, u in (await session.exec(query.order_by(col(Invite.id).desc()))).all()]


async def revoke_invite(*, session: AsyncSession, invite_id: int, now: datetime, actor_id: int | None,
                        actor_role: str = "admin", via: str = "chat") -> Invite:
    """Withdraw an unused invite: one conditional UPDATE, so a code being redeemed at this moment
    either joins first (and the revocation says it was used) or never."""
    invite = await session.get(Invite, invite_id)
    if invite is None:
        raise NotFound("invite", name=str(invite_id))
    refusal = may_revoke(actor_role=actor_role, invite_role=invite.role)
    if refusal is not None:
        raise Refused(refusal)
    done = await session.exec(update(Invite)
                              .where(col(Invite.id) == invite_id, col(Invite.uses_left) > 0,
                                     col(Invite.revoked_at).is_(None), col(Invite.expires_at) > now)
                              .values(revoked_at=now, uses_left=0))
    await session.refresh(invite)
    if done.rowcount != 1:
        raise NotAllowed("invite_not_open", id=invite_id)
    record(session=session, actor_id=actor_id, action="invite.revoke", subject=f"invite:{invite_id}",
           unit_id=invite.unit_id, role=invite.role, via=via)
    await session.flush()
    return invite
