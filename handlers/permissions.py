"""Role checks at the edge of every flow: who may do what."""

from __future__ import annotations

from typing import Any

from domain.errors import Refused
from handlers.texts import t
from handlers.types import Ctx, Reply
from storage.audit import record
from storage.guesses import guesser
from storage.members import Identity

ORGANISER_ROLES = frozenset({"organizer", "admin"})
UNIT_ROLES = frozenset({"officer", "unit_head", "organizer", "admin"})


def need_member(ctx: Ctx) -> Identity | list[Reply]:
    """The identity, or the reply that tells a stranger to join first."""
    return ctx.identity if ctx.identity is not None else [Reply(t("need_invite"))]


def require_organiser(ctx: Ctx) -> Identity:
    """The identity of an organiser or admin; anyone else gets NotAllowed."""
    if ctx.identity is None or ctx.identity.member.role not in ORGANISER_ROLES:
        raise Refused()
    return ctx.identity


def is_organiser(identity: Identity | None) -> bool:
    return identity is not None and identity.member.role in ORGANISER_ROLES


def refusal_entry(ctx: Ctx, what: str, reason: str = "role") -> dict[str, Any]:
    """The audit row of an attempt this person may not make (a member trying an organiser's command),
    as `record`'s arguments: taken before a rollback expires the identity's rows.

    A stranger is named by the hash the invite guess limit uses, never by the channel id."""
    ident = ctx.identity
    return {"actor_id": ident.member_id if ident else None, "action": "access.refused", "subject": what[:120],
            "role": ident.member.role if ident else "guest", "reason": reason,
            **({} if ident else {"guesser": guesser(ctx.channel, ctx.user_id)[:16]})}


def note_refused(ctx: Ctx, what: str, reason: str = "role") -> None:
    """Audit a refused attempt now, in the event's transaction."""
    record(session=ctx.session, **refusal_entry(ctx, what, reason))
