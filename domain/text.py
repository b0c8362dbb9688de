"""Text folding: how we compare what people type with what we store.

People type Vietnamese with or without diacritics, in NFC, NFD or the Windows keyboard's
mixed form, in any case and with stray spaces. We compare on one folded form and always
store and show the original.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# đ/Đ are letters of their own, not a base letter plus a combining mark: NFD keeps them.
_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})


def normalize(text: str) -> str:
    """NFC with runs of white space folded to one space and the ends trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str) -> str:
    """Lower case, no diacritics, đ → d, single spaces: the form we compare on."""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower().translate(_EXTRA)).strip()


def fold_keep_length(text: str) -> str:
    """Like `fold` but maps character for character, so match offsets point into `text`.

    Used where a pattern found in the folded text must be cut out of the original.
    """
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch.translate(_EXTRA))
        kept = "".join(c for c in base if not unicodedata.combining(c)) or " "
        out.append(kept[0].lower().translate(_EXTRA))
    return "".join(out)
