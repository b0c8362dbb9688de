"""A document's fingerprint: the same text read again gives the same one, whatever its title.

A plan whose title the reader does not find used to pass the duplicate check (it keyed on the
title) and could be stored twice. The fingerprint is taken over the text as read, normalised
so that what differs between two readings of one document does not count: Unicode form (NFC),
letter case, and all whitespace (a .docx gives paragraphs apart by a blank line, a PDF wraps
lines where the page ends, a table cell may carry a tab or a space).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")


def normalised_text(text: str) -> str:
    """NFC, case folded, every run of whitespace removed."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFC", text).casefold())


def text_fingerprint(text: str) -> str:
    """SHA-256 of the normalised text, 64 hex digits (the length of `Plan.text_hash`)."""
    return hashlib.sha256(normalised_text(text).encode("utf-8")).hexdigest()
