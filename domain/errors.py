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
