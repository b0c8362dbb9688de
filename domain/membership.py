"""Who may remove whom, and withdraw which invite: the rule, apart from any chat or storage."""

from __future__ import annotations

ORGANISER_ROLES = frozenset({"organizer", "admin"})


def may_remove(*, actor_role: str, target_role: str, same_person: bool) -> str | None:
    """None when allowed, else the refusal's key.

    Organisers and admins remove members; an organiser never removes an admin (that would let
    the lesser role lock the greater out); nobody removes themselves (an admin would lose the
    only way back in).
    """
    if actor_role not in ORGANISER_ROLES:
        return "not_allowed"
    if same_person:
        return "member_remove_self"
    if target_role == "admin" and actor_role != "admin":
        return "member_remove_admin"
    return None


def may_revoke(*, actor_role: str, invite_role: str) -> str | None:
    """None when allowed: an invite for the admin role is the admins' to withdraw, as admins are theirs to remove."""
    if actor_role not in ORGANISER_ROLES:
        return "not_allowed"
    if invite_role == "admin" and actor_role != "admin":
        return "invite_revoke_admin"
    return None
