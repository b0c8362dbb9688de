"""Reading chat words for the intent matcher (domain/intents.py): syllables as the bank spells them.

Folding alone makes different words one: "đâu" and "đầu", "hỏi" and "hội", "thôi" and "thời",
"vâng" and "vàng" all fold alike. So a word typed with its marks is matched by its marks when the
bank has that exact word (a tone signature, independent of where the tone mark sits: "hủy" is
"huỷ"); a word typed without marks, or with marks the bank never uses, is matched folded. Then:
abbreviations are expanded ("dk", "ko", "j", "bc"), words run together are split ("dangky"), and
a token that is not a Vietnamese syllable at all ("dag", "lịnk", "zom") is mapped to the nearest
word of the bank with the same first letter, when rapidfuzz finds one close enough to be a typo.
A real syllable is never "corrected": "trong" stays "trong", not "trường".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process

from domain.text import fold, fold_chars

TYPO_CUTOFF = 80  # rapidfuzz ratio: "dag" → "dang" (86), "ksy" → "ky" (80), "lik" → "link" (86)
MAX_WORDS = 60  # a long message is read by its first words: bounded time per message
_CACHE_LIMIT = 20_000
_TOKEN = re.compile(r"[a-z]+|[0-9]+|[\u2600-\u27bf\U0001f300-\U0001faff]")  # in folded text
_WORD = re.compile(r"[^\W_]+|[\u2600-\u27bf\U0001f300-\U0001faff]")  # in text as written
_ADDRESSES = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+")  # e-mail and web addresses mean nothing here
_VOWELS = frozenset("aeiouy")
# A folded Vietnamese syllable: initial consonant, one to three vowels, final consonant.
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?")
_TONES = {"\u0300": "1", "\u0301": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}


def signature(word: str) -> str | None:
    """'hủy' and 'huỷ' → 'huy·3'; 'thôi' → 'thôi·'; None for a word typed without marks.

    The non-ASCII dot keeps signatures apart from folded words, which are ASCII."""
    decomposed = unicodedata.normalize("NFD", word)
    if decomposed.isascii():
        return None
    tone = next((_TONES[c] for c in decomposed if c in _TONES), "")
    base = "".join(c for c in decomposed if c not in _TONES)
    return unicodedata.normalize("NFC", base) + "·" + tone


def meaningful(token: str) -> bool:
    """Numbers (dates, phone numbers, task numbers) and single letters carry no intent."""
    return not token.isdecimal() and (len(token) > 1 or not token.isascii())


class Reader:
    """Turns bank phrases and messages into the keys the matcher indexes: a tone signature or a folded word."""

    def __init__(self, abbreviations: Mapping[str, str], fillers: Iterable[str], compounds: Iterable[str] = ()) -> None:
        self._abbr = {fold(k): tuple(fold(v).split()) for k, v in abbreviations.items()}
        # Two syllables that make one word ("đăng ký", "hội nghị") are read as one: one feature
        # instead of three, whatever marks they were typed with.
        self._compounds: dict[str, set[str]] = {}
        for pair in compounds:
            first, second = fold(pair).split()
            self._compounds.setdefault(first, set()).add(second)
        # A filler written with marks ("hỏi") is one only as written: typed without them ("hoi") it
        # yields to a word of the bank ("hội"). One written without marks ("cho") always is, unmarked.
        fillers = list(fillers)
        self._toned_fillers = {s for s in map(signature, fillers) if s is not None}
        self._plain_fillers = {w for w in fillers if signature(w) is None}
        self._all_fillers = {fold(w) for w in fillers}
        self._vocab: set[str] = set()
        self._signatures: set[str] = set()
        self._tones: dict[str, set[str]] = {}  # folded word → the tones the bank writes it with ("" for none)
        self._plain: set[str] = set()  # folded words the bank also writes without marks (English, "ok")
        self._by_initial: dict[str, list[str]] = {}
        self._word_cache: dict[str, tuple[tuple[str, str], ...]] = {}  # a word as written → (key, folded)s

    # the bank

    def phrase(self, text: str) -> list[tuple[str, str | None]]:
        """A bank phrase as (folded, signature) per content word, compounds made one ("dang_ky",
        marks dropped); expansions have no signature."""
        words: list[tuple[str, str | None, bool]] = []  # (folded, signature, filler)
        for folded, raw in _split_words(text):
            if folded in self._abbr:
                words += [(word, None, word in self._all_fillers) for word in self._abbr[folded]]
                continue
            sign = signature(raw)
            # "chỗ" is not the filler "cho", nor "bớt" the filler "bot": a marked word is a filler only as written
            filler = sign in self._toned_fillers if sign else folded in self._all_fillers
            if meaningful(folded):
                words.append((folded, sign, filler))
        out: list[tuple[str, str | None]] = []
        previous, kept = "", False
        for folded, sign, filler in words:
            if previous and folded in self._compounds.get(previous, ()):  # "minh chứng": a filler may begin one
                if kept:
                    out.pop()
                out.append((f"{previous}_{folded}", None))
                previous = ""
                continue
            previous, kept = folded, not filler
            if not filler:
                out.append((folded, sign))
        return out

    def learn(self, words: Iterable[tuple[str, str | None]]) -> None:
        """The bank's words: what a typo may be corrected to, and which signatures are matched exactly."""
        for folded, sign in words:
            self._vocab.add(folded)
            self._vocab.update(folded.split("_"))  # a compound's syllables are words of the bank too
            if sign is None:
                self._plain.add(folded)
            else:
                self._signatures.add(sign)
                self._tones.setdefault(folded, set()).add(sign.rpartition("·")[2])
        self._by_initial = {}
        for word in sorted(self._vocab):
            self._by_initial.setdefault(word[0], []).append(word)
        self._word_cache.clear()

    @property
    def vocabulary(self) -> frozenset[str]:
        return frozenset(self._vocab)

    def forget(self) -> None:
        """Empty the per-word caches (a benchmark's "first sight"); reading is the same without them."""
        self._word_cache.clear()

    # a message

    def keys(self, text: str) -> list[str]:
        """The message's content words as keys: a signature the bank knows, else the folded word;
        a compound as one folded key."""
        out: list[str] = []
        cache, compounds = self._word_cache, self._compounds
        previous, kept = "", False  # the last word, folded, while it may begin a compound; and if it is in `out`
        lowered = unicodedata.normalize("NFC", text).lower()
        for raw in _WORD.findall(_ADDRESSES.sub(" ", lowered), 0)[:MAX_WORDS]:
            pairs = cache.get(raw)
            if pairs is None:
                pairs = self._word(raw)
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                cache[raw] = pairs
            for key, folded in pairs:
                if previous and folded in compounds.get(previous, ()):
                    if kept:
                        out.pop()
                    out.append(f"{previous}_{folded}")
                    previous = ""
                    continue
                previous, kept = folded, bool(key)
                if key:
                    out.append(key)
        return out

    def words(self, text: str) -> list[str]:
        """The words as written (lower case, NFC), before any reading: for checks on the text itself."""
        return _WORD.findall(unicodedata.normalize("NFC", text).lower())[:MAX_WORDS]

    def _word(self, raw: str) -> tuple[tuple[str, str], ...]:
        """One written word as (key, folded) pairs, key "" for a filler (it may still begin or end a
        compound): its signature when the bank has that word (or has its letters only with another
        tone), else its folded form resolved (expanded, split, corrected)."""
        parts = _TOKEN.findall(fold_chars(raw))
        if len(parts) != 1:  # "14h", or letters the folding cuts apart
            return tuple(("" if self._filler(w) else w, w) for part in parts for w in self._resolve(part))
        folded = parts[0]
        resolved = self._resolve(folded)
        if resolved == (folded,) and raw != folded:
            sign = signature(raw)
            if sign is not None and sign in self._toned_fillers:
                return (("", folded),)
            if sign is not None and (sign in self._signatures or self._other_word(folded, sign)):
                return ((sign, folded),)  # the bank's word, or a word the bank does not have ("vàng" ≠ "vâng")
        return tuple(("" if self._filler(w) else w, w) for w in resolved)

    def _filler(self, folded: str) -> bool:
        return folded in self._plain_fillers or (folded in self._all_fillers and folded not in self._vocab)

    def _other_word(self, folded: str, sign: str) -> bool:
        """A marked word the bank has only with another tone is another word; with the same tone and
        other marks it is taken for a slip ("dăng ký" for "đăng ký")."""
        tones = self._tones.get(folded)
        return tones is not None and folded not in self._plain and sign.rpartition("·")[2] not in tones

    def _resolve(self, token: str) -> tuple[str, ...]:
        """A typed token as the bank's words: its expansion, itself, its parts, or its nearest typo."""
        if token in self._abbr:
            return self._abbr[token]
        if not meaningful(token):
            return ()
        if token in self._vocab or token in self._all_fillers:
            return (token,)
        parts = self._parts(token)
        if parts:
            return parts
        if token.isalpha() and token.isascii() and len(token) >= 3 and not _SYLLABLE.fullmatch(token):
            # A typo seldom changes the first letter: comparing within it is stricter and faster.
            found = process.extractOne(token, self._by_initial.get(token[0], []), scorer=fuzz.ratio,
                                       score_cutoff=TYPO_CUTOFF)
            if found is not None:
                return (found[0],)
        return (token,)

    def _parts(self, token: str) -> tuple[str, ...]:
        """'dangky' → ('dang', 'ky'), 'dkhop' → ('dang', 'ky', 'hop'): the fewest known parts of two
        letters or more; only the first may be an abbreviation without a vowel ("bong" is not "bo" + "ng")."""
        if len(token) < 4 or len(token) > 24 or not token.isalpha():
            return ()
        best: list[tuple[str, ...] | None] = [()] + [None] * len(token)
        for end in range(2, len(token) + 1):
            for start in range(0, end - 1):
                head = best[start]
                piece = token[start:end]
                if head is None:
                    continue
                known = self._abbr.get(piece) or ((piece,) if piece in self._vocab else None)
                if known is None or (_VOWELS.isdisjoint(piece) and start > 0):
                    continue
                candidate = (*head, *known)
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
        found = best[len(token)]
        return found if found and len(found) > 1 else ()


def _split_words(text: str, limit: int | None = None) -> list[tuple[str, str]]:
    """(folded, as typed in lower case) for each word, numbers and emoji included."""
    lowered = unicodedata.normalize("NFC", text).lower()
    folded = fold_chars(lowered)  # one character for one: offsets in `folded` point into `lowered`
    words = [(m.group(), lowered[m.start():m.end()]) for m in _TOKEN.finditer(folded)]
    return words[:limit] if limit is not None else words
