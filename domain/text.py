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


class _FoldTable(dict[int, str]):
    """Code point → `fold_keep_length` of it, filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        folded = fold_keep_length(chr(code))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable({code: chr(code).lower() for code in range(128)})


def fold_chars(text: str) -> str:
    """`fold_keep_length` at C speed: one `str.translate` pass over a memoised table.

    For NFC text (in NFD a tone mark is a character of its own and folds to a space). The
    document reader and the time parser fold every line several times; this is their path.
    """
    return text.translate(_FOLD_TABLE)
