"""Unit names as plans write them: a list split into names, and a key to compare names on.

"Văn phòng Sở (bộ phận pháp chế), các phòng, đơn vị trực thuộc Sở" is two names, while
"UBND các xã, phường" and "Trung tâm Khoa học và Công nghệ" are one each although they hold
a comma or "và". We split at a comma, semicolon or "và" only where a new name begins: at a
word that heads unit names (Phòng, Văn phòng, Trung tâm, UBND, các, …), never inside
parentheses. Names stay as written; only the key is folded and expanded. " - " never splits a
list: it is inside names ("Phòng Thanh tra - Pháp chế", "Ban Pháp chế - Thanh tra").
"""

from __future__ import annotations

import re
from functools import lru_cache

from domain.documents.folding import fold_same_length
from domain.text import fold

_HEAD = re.compile(
    r"(?:van phong|trung tam|chi cuc|tong cuc|cuc|ubnd|uy ban|so|ban|cac|bo|cong an|hoi|lien hiep"
    r"|dai|vien|truong|kho bac|thanh tra|ngan hang|doanh nghiep|to chuc|tinh uy|thanh uy|mat tran"
    r"|cong ty|hiep hoi|phong|xa|phuong|dac khu)\b"
)
# "ban" in "sở, ban, ngành" / "ban ngành" is not a new name (Ban Quản lý … is).
_NOT_A_NEW_BAN = re.compile(r"ban\s*(?:,|nganh\b)")
_PLACE_HEADS = frozenset({"xa", "phuong", "dac khu"})
_MARKS = re.compile(r"[()\[\]]|[,;]|\s(?:va|cung)(?=\s)")
_TRIM = " \t.,;:-–"


def _starts_name(original: str, folded: str, at: int) -> bool:
    head = _HEAD.match(folded, at)
    if not head:
        return False
    word = head.group(0)
    if word == "ban" and _NOT_A_NEW_BAN.match(folded, at):
        return False
    if word in _PLACE_HEADS:
        # "xã A, phường B" lists places; "các xã, phường" is one group.
        rest = original[head.end():].lstrip()
        return bool(rest) and rest[0].isupper()
    return True


def split_names(text: str | None) -> tuple[str, ...]:
    """'Văn phòng Sở, Phòng Chuyển đổi số.' → ('Văn phòng Sở', 'Phòng Chuyển đổi số')."""
    if not text:
        return ()
    folded = fold_same_length(text)
    cuts: list[tuple[int, int]] = []
    depth = 0
    for mark in _MARKS.finditer(folded):
        char = mark.group(0)
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            after = mark.end()
            while after < len(folded) and folded[after] == " ":
                after += 1
            if _starts_name(text, folded, after):
                cuts.append((mark.start(), after))
    pieces = []
    start = 0
    for cut_start, cut_end in cuts:
        pieces.append(text[start:cut_start])
        start = cut_end
    pieces.append(text[start:])
    return tuple(name for name in (piece.strip(_TRIM) for piece in pieces) if name)


_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_KHCN = re.compile(r"\bkh\s*(?:&|va|và)\s*cn\b|\bkhcn\b|\bkhoa hoc\s+cong nghe\b")
_AMPERSAND = re.compile(r"\s*&\s*")
_NON_WORD = re.compile(r"[^\w]+")
_EXPANSIONS = (
    (re.compile(r"\bubnd\b"), "uy ban nhan dan"),
    (re.compile(r"\b(?:tdc|tcdlcl)\b"), "tieu chuan do luong chat luong"),
    (re.compile(r"\btieu chuan do luong va chat luong\b"), "tieu chuan do luong chat luong"),
    (re.compile(r"\bphong quan ly tieu chuan do luong chat luong\b"), "phong tieu chuan do luong chat luong"),
    (re.compile(r"\bskhcn\b"), "so khoa hoc va cong nghe"),
    (re.compile(r"\btp\b"), "thanh pho"),
    (re.compile(r"\bpc\b"), "phap che"),
)
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def unit_key(name: str) -> str:
    """The form two names are compared on: folded, parentheses dropped, short forms expanded.

    'Phòng TĐC', 'Phòng Quản lý TCĐLCL' and 'Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng'
    share one key; so do 'Trung tâm KH&CN' and 'Trung tâm Khoa học và Công nghệ'.
    """
    folded = fold(_PARENTHESES.sub(" ", name))
    folded = _KHCN.sub(" khoa hoc va cong nghe ", folded)
    folded = _AMPERSAND.sub(" va ", folded)
    folded = _NON_WORD.sub(" ", folded).replace("_", " ")
    folded = _SPACES.sub(" ", folded).strip()
    for pattern, replacement in _EXPANSIONS:
        folded = pattern.sub(replacement, folded)
    folded = _KHCN.sub("khoa hoc va cong nghe", folded)
    return _SPACES.sub(" ", folded).strip()


def same_units(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Whether two lists name the same units, whatever the order and short forms."""
    return {unit_key(name) for name in first} == {unit_key(name) for name in second}


def looks_like_unit(text: str) -> bool:
    """Whether a phrase begins like a unit name ("Các phòng …", "Phòng …", "UBND …")."""
    folded = fold(text)
    return bool(folded) and _starts_name(text.strip(), fold_same_length(text.strip()), 0)


_DASHES = "-‐‑‒–—−"
_DASH = re.compile(rf"\s*[{_DASHES}]\s*")
_ANY_DASH = re.compile(rf"[{_DASHES}]")


class OneSpelling:
    """One spelling per unit within a document: the first one it writes.

    "Phòng Thanh tra – Pháp chế" in section II and "Phòng Thanh tra - Pháp chế" in the appendix
    are one unit a person reads once; only the dash differs, so only the dash is compared (case,
    short forms and remarks in parentheses stay as written: "Văn phòng Sở (bộ phận pháp chế)"
    says more than "Văn phòng Sở").
    """

    def __init__(self) -> None:
        self._first: dict[str, str] = {}

    def name(self, name: str) -> str:
        if not _ANY_DASH.search(name):  # most names: nothing to compare
            return name
        return self._first.setdefault(_SPACES.sub(" ", _DASH.sub(" - ", name)).strip(), name)

    def names(self, names: tuple[str, ...]) -> tuple[str, ...]:
        spelled = tuple(self.name(name) for name in names)
        return names if spelled == names else spelled
