"""The one error document reading raises: the file could not be turned into text."""

from __future__ import annotations

from domain.errors import DomainError

ACCEPTED = "Word (.docx), PDF có lớp chữ (.pdf) hoặc văn bản (.txt, .md)"


class DocumentError(DomainError):
    """A file we cannot read. `str(error)` is a Vietnamese sentence fit to show the sender;
    the library's own exception, if any, is kept as `__cause__` for the log."""

    code = "document_unreadable"

    def __init__(self, message: str) -> None:
        super().__init__(self.code, message=message)
        self.message = message

    def __str__(self) -> str:
        return self.message
