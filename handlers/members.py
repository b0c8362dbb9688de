"""Organisers and admins manage who belongs: /thanhvien lists a unit's members and removes one,
/thuhoi withdraws an invite that has not been used.

Each step checks the role again (a button pressed after a demotion does nothing), and the
rules of who may remove whom live in domain/membership.py.
"""

from __future__ import annotations

from domain.errors import NotFound
from domain.membership import may_remove
from handlers.engine import end_flow, set_state
from handlers.formatting import day
from handlers.permissions import require_organiser
from handlers.registry import command, flow
from handlers.texts import t
from handlers.texts.vi import ROLE_NAMES
from handlers.types import Choice, Ctx, Inbound, Reply
from storage.audit import record
from storage.members import Identity
from storage.membership import open_invites, remove_member, revoke_invite, unit_members
from storage.models import Invite, Member, Unit, saved_id
from storage.units import find_unit

FLOW = "members"
INVITES_FLOW = "invites"
MAX_SHOWN = 20


@command("thanhvien")
async def members_command(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/thanhvien [đơn vị] (/members): the unit's members, with a button to remove each."""
    require_organiser(ctx)
    if not inbound.arg.strip():
        set_state(ctx, FLOW, "unit", {})
        return [Reply(t("members_ask_unit"))]
    return await _show_unit(ctx, inbound.arg.strip())


async def _show_unit(ctx: Ctx, name: str) -> list[Reply]:
    try:
        unit = await find_unit(session=ctx.session, name=name)
    except NotFound as err:
        close = err.params.get("suggestions")
        hint = t("members_did_you_mean", names=", ".join(map(str, close))) if isinstance(close, list) and close else ""
        set_state(ctx, FLOW, "unit", {})
        return [Reply(t("members_no_unit", name=name[:80], hint=hint))]
    return await _list(ctx, unit)


async def _list(ctx: Ctx, unit: Unit) -> list[Reply]:
    actor = require_organiser(ctx)
    members = (await unit_members(session=ctx.session, unit_id=saved_id(unit)))[:MAX_SHOWN]
    record(session=ctx.session, actor_id=actor.member_id, action="members.view", subject=f"unit:{unit.id}",
           via=ctx.channel, people=len(members))
    if not members:
        end_flow(ctx)
        return [Reply(t("members_none", unit=unit.name))]
    lines = [t("members_header", unit=unit.name, n=len(members))]
    lines += [t("members_line", i=i, name=m.full_name, role=ROLE_NAMES.get(m.role, m.role))
              for i, m in enumerate(members, start=1)]
    removable = [m for m in members if _refusal(actor, m) is None]
    if not removable:
        end_flow(ctx)
        return [Reply("\n".join(lines))]
    set_state(ctx, FLOW, "list", {"unit": unit.id})
    lines.append(t("members_pick"))
    return [Reply("\n".join(lines), [Choice(f"rm{m.id}", t("btn_member_remove", name=m.full_name))
                                     for m in removable])]


def _refusal(actor: Identity, member: Member) -> str | None:
    return may_remove(actor_role=actor.member.role, target_role=member.role, same_person=member.id == actor.member_id)


@flow(FLOW)
async def members_step(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """A unit's name typed; a member picked; the removal confirmed."""
    actor = require_organiser(ctx)
    step = ctx.state.step
    if inbound.text is not None and step in ("unit", "list"):
        return await _show_unit(ctx, inbound.text.strip())
    choice = inbound.choice or ""
    if step == "list" and choice.startswith("rm") and choice[2:].isdecimal():
        member = await ctx.session.get(Member, int(choice[2:]))
        unit = await ctx.session.get(Unit, ctx.data.get("unit"))
        if member is None or unit is None or not member.active or member.unit_id != unit.id:
            end_flow(ctx)
            return [Reply(t("member_gone"))]
        set_state(ctx, FLOW, "confirm", {"member": member.id, "unit": unit.id})
        return [Reply(t("member_remove_confirm", name=member.full_name, role=ROLE_NAMES.get(member.role, member.role),
                        unit=unit.name),
                      [Choice("yes", t("btn_member_remove_yes")), Choice("no", t("btn_member_remove_no"))])]
    if step == "confirm" and choice == "yes":
        member_id = int(ctx.data.get("member", 0))
        unit = await ctx.session.get(Unit, ctx.data.get("unit"))
        end_flow(ctx)
        try:
            member = await remove_member(session=ctx.session, member_id=member_id, actor_id=actor.member_id,
                                         actor_role=actor.member.role, via=ctx.channel)
        except NotFound:
            return [Reply(t("member_gone"))]
        return [Reply(t("member_removed", name=member.full_name, unit=unit.name if unit else ""))]
    end_flow(ctx)
    return [Reply(t("member_not_removed"))]


@command("thuhoi")
async def revoke_command(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/thuhoi [số mã] (/revoke): withdraw an unused invite; without a number, the open ones to choose from."""
    require_organiser(ctx)
    arg = inbound.arg.strip().lstrip("#")
    if arg.isdecimal():
        return await _revoke(ctx, int(arg))
    found = (await open_invites(session=ctx.session, now=ctx.now))[:MAX_SHOWN]
    if not found:
        end_flow(ctx)
        return [Reply(t("invites_none"))]
    lines = [t("invites_header", n=len(found))]
    lines += [t("invites_line", i=i, id=inv.id, unit=unit.name, role=ROLE_NAMES.get(inv.role, inv.role),
                until=day(inv.expires_at, ctx.tz), uses=inv.uses_left) for i, (inv, unit) in enumerate(found, start=1)]
    lines.append(t("invites_pick"))
    set_state(ctx, INVITES_FLOW, "pick", {})
    return [Reply("\n".join(lines), [Choice(f"iv{inv.id}", t("btn_invite_revoke", id=inv.id)) for inv, _ in found])]


@flow(INVITES_FLOW)
async def revoke_step(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """An invite picked from the list."""
    require_organiser(ctx)
    choice = inbound.choice or ""
    end_flow(ctx)
    if not (choice.startswith("iv") and choice[2:].isdecimal()):
        return [Reply(t("cancelled"))]
    return await _revoke(ctx, int(choice[2:]))


async def _revoke(ctx: Ctx, invite_id: int) -> list[Reply]:
    actor = require_organiser(ctx)
    end_flow(ctx)
    if await ctx.session.get(Invite, invite_id) is None:
        return [Reply(t("invite_no_such", id=invite_id))]
    invite = await revoke_invite(session=ctx.session, invite_id=invite_id, now=ctx.now, actor_id=actor.member_id,
                                 actor_role=actor.member.role, via=ctx.channel)
    unit = await ctx.session.get(Unit, invite.unit_id)
    return [Reply(t("invite_revoke_done", id=invite_id, unit=unit.name if unit else "",
                    role=ROLE_NAMES.get(invite.role, invite.role)))]
