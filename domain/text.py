"""Text folding: how we compare what people type with what we store.

People type Vietnamese with or without diacritics, in NFC, NFD or the Windows keyboard's
mixed form, in any case and with stray spaces. We compare on one folded form and always
store and show the original.
"""

from __future__ import annotations

import re
import unicodedata

from domain.errors import InvalidInput

_SPACES = re.compile(r"\s+")
# đ/Đ are letters of their own, not a base letter plus a combining mark: NFD keeps them.
_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})


def normalize(text: str) -> str:
    """NFC with runs of white space folded to one space and the ends trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


# What never means anything in a chat message and can hide or reorder what a reader sees:
# C0 controls but tab and line breaks (NUL above all: PostgreSQL refuses it in text), DEL,
# the soft hyphen, zero-width spaces and joiners, the bidirectional marks, embeddings,
# overrides and isolates (U+200E/F, U+202A–U+202E, U+2066–U+2069, U+061C), the invisible
# operators U+2060–U+2064, and the byte-order mark / zero-width no-break space U+FEFF.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff]")
# A lone UTF-16 surrogate: JSON may carry one ("\\ud800"), no database or encoder accepts it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str, *, broken: str | None = None) -> str:
    """Text as it arrives from any channel, made safe once at the edge: invisible and
    direction-changing characters removed, so what is stored is what a reader sees.

    A lone surrogate means the sender's text is broken: InvalidInput("bad_characters"), or,
    with `broken` given (a profile name we cannot send back), each one replaced by it.
    """
    if _SURROGATE.search(text):
        if broken is None:
            raise InvalidInput("bad_characters")
        text = _SURROGATE.sub(broken, text)
    return _INVISIBLE.sub("", text)


def fold(text: str) -> str:
    """Lower case, no diacritics, đ → d, single spaces: the form we compare on."""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower().translate(_EXTRA)).strip()


def holds_words(words: list[str], text: str) -> bool:
    """Every one of `words` (already folded) is a word of `text`, folded: how a typed search finds a
    task or a report ("bao cao quy" finds "Báo cáo quý III"). No words hold nothing."""
    own = set(fold(text).split())
    return bool(words) and all(word in own for word in words)


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
