"""Role checks at the edge of every flow: who may do what."""

from __future__ import annotations

from domain.errors import NotAllowed
from handlers.texts import t
from handlers.types import Ctx, Reply
from storage.members import Identity

ORGANISER_ROLES = frozenset({"organizer", "admin"})
UNIT_ROLES = frozenset({"officer", "unit_head", "organizer", "admin"})


def need_member(ctx: Ctx) -> Identity | list[Reply]:
    """The identity, or the reply that tells a stranger to join first."""
    return ctx.identity if ctx.identity is not None else [Reply(t("need_invite"))]


def require_organiser(ctx: Ctx) -> Identity:
    """The identity of an organiser or admin; anyone else gets NotAllowed."""
    if ctx.identity is None or ctx.identity.member.role not in ORGANISER_ROLES:
        raise NotAllowed()
    return ctx.identity


def is_organiser(identity: Identity | None) -> bool:
    return identity is not None and identity.member.role in ORGANISER_ROLES
