"""Errors the rules raise; the edge (handlers, command line) turns them into words for people."""

from __future__ import annotations


class DomainError(Exception):
    """A rule said no. `code` picks the message; `params` fill it in."""

    code = "domain_error"

    def __init__(self, code: str | None = None, **params: object) -> None:
        self.code = code or self.code
        self.params = params
        super().__init__(f"{self.code}: {params}" if params else self.code)


class NotFound(DomainError):
    code = "not_found"


class NotAllowed(DomainError):
    code = "not_allowed"


class InvalidInput(DomainError):
    code = "invalid_input"


class Conflict(DomainError):
    code = "conflict"


class Refused(NotAllowed):
    """NotAllowed because of who is asking (a role, an admin's protection): an attempt the audit
    records, unlike a rule about the thing itself (a closed registration, a used code)."""

    code = "not_allowed"
