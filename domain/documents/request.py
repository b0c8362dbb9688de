"""Report and submission requests: a letter that asks units to send something by a date.

(Contract placeholder: the reader is being written; it returns a document with no requests.)
"""

from __future__ import annotations

from datetime import datetime

from domain.documents.fingerprint import text_fingerprint
from domain.documents.models import RequestDoc


def read_request(text: str, ref: datetime | None = None) -> RequestDoc:
    """What the letter asks, of whom, by when; `ref` (naive local now) places recurring rules."""
    return RequestDoc(title=None, document_number=None, issuer=None, place=None, issued_on=None, year=None,
                      requests=(), text_hash=text_fingerprint(text))
