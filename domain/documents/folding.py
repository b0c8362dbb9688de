"""The readers' two folds, both on `domain.text.fold_chars` (input is NFC: cleanup normalises it)."""

from __future__ import annotations

import re

from domain.text import fold_chars

_SPACES = re.compile(r"\s+")

# Folded like fold_keep_length: offsets in the fold point into the original text.
fold_same_length = fold_chars


def fold_fast(text: str) -> str:
    """fold() for NFC text: folded, white space collapsed, trimmed."""
    return _SPACES.sub(" ", fold_chars(text)).strip()
