"""Fast, length-preserving folding for the parser, plus the diacritics check on keywords.

Folding goes through `domain.text.fold_chars` (one C-level pass over a memoised table). Text
is NFC-normalised first: in NFD (or the Windows keyboard's mixed form) a tone mark is a
character of its own and would fold to a space.
"""

from __future__ import annotations

import re
import unicodedata

from domain.text import fold_chars


def prepare(text: str) -> tuple[str, str]:
    """(NFC text, its fold of the same length): match on the fold, cut from the NFC text."""
    nfc = text if text.isascii() else unicodedata.normalize("NFC", text)
    return nfc, fold_chars(nfc)


# How each keyword may be spelled when the writer did type diacritics. A word typed without
# any is always accepted; one typed with the wrong ones ("thứ tự" is not "thứ tư", "tôi" is
# not "tối") is not the keyword.
SPELLINGS: dict[str, frozenset[str]] = {
    k: frozenset(v.split())
    for k, v in {
        "thu": "thứ", "tu": "tư từ", "nam": "năm", "sau": "sáu sau", "bay": "bảy bẩy", "chu": "chủ",
        "nhat": "nhật nhất", "ngay": "ngày", "thang": "tháng", "quy": "quý", "tuan": "tuần",
        "gio": "giờ", "phut": "phút", "truoc": "trước", "cham": "chậm", "muon": "muộn", "tre": "trễ",
        "han": "hạn", "chot": "chót", "cuoi": "cuối", "nop": "nộp", "het": "hết", "den": "đến",
        "toi": "tối tới", "khong": "không", "hon": "hơn", "la": "là", "dau": "đầu", "giua": "giữa",
        "nua": "nữa nửa", "hom": "hôm", "bua": "bữa", "mot": "mốt", "sang": "sáng sang",
        "chieu": "chiều", "trua": "trưa", "dem": "đêm", "buoi": "buổi", "nay": "nay này",
        "lam": "làm", "viec": "việc", "ke": "kể", "tinh": "tính", "vong": "vòng", "ngoai": "ngoái",
        "thoi": "thời", "gui": "gửi", "hoan": "hoàn", "thanh": "thành", "cung": "cùng", "luc": "lúc",
        "nhieu": "nhiều", "mai": "mai", "kia": "kia", "qua": "qua", "hai": "hai", "ba": "ba",
    }.items()
}
# Spellings that depend on the role the word plays in a token.
WEEKDAY_SPELLINGS = {**SPELLINGS, "tu": frozenset({"tư"}), "sau": frozenset({"sáu"})}
FROM_SPELLINGS = {**SPELLINGS, "tu": frozenset({"từ"})}
PART_OF_DAY_SPELLINGS = {**SPELLINGS, "toi": frozenset({"tối"})}
_WORD = re.compile(r"[a-z]+")


def spelled_as_keyword(orig: str, folded: str, table: dict[str, frozenset[str]] = SPELLINGS) -> bool:
    """Whether `orig` (NFC) spells the keywords of its fold `folded`, with or without diacritics.

    Mixed writing inside one token ("thu năm": autumn + year) is refused: either every keyword
    carries its diacritics or none does.
    """
    if orig.isascii():
        return True
    low = orig.lower()
    if len(low) != len(orig):  # a few letters lower-case to two characters ("İ")
        low = "".join(ch.lower()[:1] for ch in orig)
    bare = accented = False
    for m in _WORD.finditer(folded):
        word = m.group()
        forms = table.get(word)
        if forms is None:
            continue
        typed = low[m.start() : m.end()]
        if typed == word:
            if word not in forms:
                bare = True
        elif typed in forms:
            accented = True
        else:
            return False
    return not (bare and accented)
