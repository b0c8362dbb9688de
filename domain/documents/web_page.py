"""A notice copied from a Department's web page: the site's menus, breadcrumbs, share buttons,
view counters and footer go, the notice stays.

Officers paste a "Thông báo" straight from the portal, so the text arrives wrapped in
"Trang chủ", "In bài viết", "Lượt xem: 1.024", "Cập nhật 14/02/2024" and, after the notice,
"Tin cùng loại" with other notices' titles and dates, then the footer with the site's own phone.
Those dates and that phone are not the meeting's. A page is recognised by at least two such
signs, so a letter that merely says "Liên hệ" on a line of its own is never cut.
"""

from __future__ import annotations

import re

from domain.documents.folding import fold_fast

# Lines that are only a menu entry or a button, compared folded and without trailing ":" or "|".
_MENU = frozenset({
    "trang chu", "gioi thieu", "tin tuc", "tin tuc - su kien", "tin tuc su kien", "su kien", "van ban",
    "van ban phap luat", "van ban chi dao dieu hanh", "thu tuc hanh chinh", "dich vu cong", "dich vu cong truc tuyen",
    "lien he", "hoi dap", "so do trang", "so do site", "so do cong", "thu vien anh", "thu vien video", "video",
    "lich cong tac", "tim kiem", "dang nhap", "english", "rss", "in bai viet", "in trang", "ban in", "gui email",
    "gui bai viet", "chia se", "facebook", "zalo", "twitter", "tweet", "linkedin", "like", "share", "quay lai",
    "tro ve", "ve dau trang", "len dau trang", "xem them", "chuyen muc", "thong bao - ke hoach",
})
_COUNTERS = re.compile(
    r"(?:so\s+)?(?:luot xem|luot truy cap|dang truy cap|tong (?:so\s+)?luot truy cap|truy cap hom nay)\b"
    r"|(?:ngay\s+)?cap nhat\s*:?\s*(?:luc)?\s*:?\s*\d"
    r"|ngay (?:dang|dang tin|xuat ban)\b|dang (?:luc|ngay)\b"
    r"|(?:download|tai ve|tep dinh kem|file dinh kem|tai lieu dinh kem)\s*:"
)
# After one of these the page goes on with other news and the footer: nothing of the notice.
_TAIL = re.compile(
    r"(?:tin cung loai|tin lien quan|cac tin khac|tin khac|bai viet lien quan|cac bai viet khac|tin bai khac"
    r"|cac tin da dua|tin moi nhat|tin doc nhieu|ban quyen thuoc|ban quyen\b|copyright|©)"
)
_FOOTER_LINE = re.compile(r"(?:co quan chu quan|chiu trach nhiem chinh|giay phep so|ghi ro nguon)\b")
_SEPARATORS = re.compile(r"\s*(?:[|>»›]|/(?=\s)|\s-\s)\s*")
_TAIL_MAX_WORDS = 6


def _segments(folded: str) -> list[str]:
    return [part.strip(" :|") for part in _SEPARATORS.split(folded) if part.strip(" :|")]


def _is_menu(folded: str) -> bool:
    """A menu entry, a row of buttons ("In bài viết | Gửi email") or a breadcrumb ("Trang chủ > Tin tức")."""
    if folded.strip(" :|") in _MENU:
        return True
    parts = _segments(folded)
    return len(parts) > 1 and (parts[0] == "trang chu" or all(part in _MENU for part in parts))


def _is_chrome(folded: str) -> bool:
    return _is_menu(folded) or bool(_COUNTERS.match(folded)) or bool(_FOOTER_LINE.match(folded))


def _is_tail(folded: str) -> bool:
    return bool(_TAIL.match(folded)) and len(folded.split()) <= _TAIL_MAX_WORDS


def is_web_page(lines: list[str]) -> bool:
    """Two or more signs of a web page's chrome among the lines."""
    signs = 0
    for line in lines:
        if "\t" in line:
            continue
        folded = fold_fast(line)
        if _is_chrome(folded) or _is_tail(folded):
            signs += 1
            if signs >= 2:
                return True
    return False


def strip_web_chrome(lines: list[str]) -> list[str]:
    """The notice without the page around it; lines of anything that is not a web page unchanged."""
    if not is_web_page(lines):
        return lines
    kept: list[str] = []
    for line in lines:
        folded = fold_fast(line) if "\t" not in line else ""
        if folded and _is_tail(folded) and kept:
            break
        if folded and _is_chrome(folded):
            continue
        kept.append(line)
    return kept
