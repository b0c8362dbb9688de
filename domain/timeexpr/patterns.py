"""Compiled patterns, all matched on folded text (lower case, no diacritics, đ → d).

The scanner is one alternation: at each position the first alternative that matches wins,
so the specific forms come before the general ones ("ngày 8-10 tháng 12" before
"ngày 8", "trước 10 ngày diễn ra" before "trước"). Every alternative is a named group; the
inner groups carry the numbers. Compiled once, at import.
"""

from __future__ import annotations

import re

# Numbers: a day or month is one or two digits not glued to other digits or separators.
# Lists are bounded ({1,6}): an unbounded one makes "1-1-1-…" quadratic to scan.
_L = r"(?<![0-9/.:])"  # left edge of a number
DAY = _L + r"[0-9]{1,2}(?![0-9])"
MON = r"[0-9]{1,2}(?![0-9])"
YEAR4 = r"[0-9]{4}(?![0-9])"
# Day counts, in digits or words (một … mười, hai mươi, ba mươi).
COUNT = r"(?:[0-9]{1,3}(?![0-9])|mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi|hai muoi|ba muoi)"
NUMBER_WORDS = {
    "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9,
    "muoi": 10, "hai muoi": 20, "ba muoi": 30,
}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}
_Q = r"(?:iv|i{1,3}|v|[0-9]{1,2})(?![a-z0-9])"  # "Quý V" is read so that it can be refused
_EVENT = r"(?=\s*[a-z])"  # an event is named after the phrase ("… diễn ra Hội nghị")
_YEAR_TAIL = r"(?:\s*(?:[/-]|,?\s*nam)\s*(?P<{0}>[0-9]{{4}})(?![0-9]))?"
_REL = r"(?P<{0}>nay|sau nua|sau|toi|truoc|ngoai)(?![a-z])"

ALTERNATIVES: list[tuple[str, str]] = [
    # Spans counted from an event the phrase names.
    ("rel_after",
     r"(?:\b(?:cham nhat|muon nhat|trong vong|trong|sau|khoang)\s+(?:la\s+)?)?\b(?P<ra_n>" + COUNT + r")"
     r"\s+ngay(?P<ra_w>\s+lam viec)?\s+(?:sau khi|sau|ke tu khi|ke tu|tinh tu|tu khi)\b" + _EVENT),
    ("rel_after_by",  # "chậm nhất 03 ngày" with the event left unsaid (or said before)
     r"\b(?:cham nhat|muon nhat|tre nhat)\s+(?:la\s+)?(?:sau\s+)?(?P<rx_n>" + COUNT + r")\s+ngay"
     r"(?P<rx_w>\s+lam viec)?\b(?!\s*(?:nua|toi|truoc|qua)\b)"),
    ("rel_before",
     r"\btruoc\s+(?:it nhat\s+)?(?P<rb_n>" + COUNT + r")\s+ngay(?P<rb_w>\s+lam viec)?\b"
     r"(?!\s*(?:nua|toi|qua)\b)"),
    ("rel_before2", r"\b(?P<rc_n>" + COUNT + r")\s+ngay(?P<rc_w>\s+lam viec)?\s+truoc\b(?=\s+[a-z])"),
    ("rel_around",  # "trước Hội nghị 05 ngày", "sau khi kết thúc 3 ngày"
     r"\b(?P<ro_dir>truoc|sau)\s+(?:khi\s+)?(?:(?!(?:day|la)\b)[a-z]+\s+){1,4}?(?P<ro_n>[0-9]{1,3})\s+ngay"
     r"(?P<ro_w>\s+lam viec)?\b(?!\s*(?:nua|toi|qua)\b)"),
    ("rel_work", r"(?:\btrong(?:\s+vong)?\s+)?\b(?P<rw_n>" + COUNT + r")\s+ngay lam viec\b"),
    ("within",
     r"\btrong(?:\s+vong)?\s+(?P<wi_n>" + COUNT + r")\s+(?P<wi_u>ngay|tuan)\b(?:\s+(?:toi|nua)\b)?"
     r"(?!\s+qua\b)"),
    ("ndays",
     r"\bsau\s+(?P<nd_a>" + COUNT + r")\s+(?P<nd_au>ngay|tuan)\b(?!\s*(?:lam viec|nua)\b)|\b(?P<nd_b>"
     + COUNT + r")\s+(?P<nd_bu>ngay|tuan)\s+(?P<nd_dir>nua|toi|sau|truoc)\b(?!\s+khi\b)"),
    # Dates and spans written out.
    ("iso",
     r"(?<![0-9])(?P<iso_y>[0-9]{4})-(?P<iso_m>[0-9]{2})-(?P<iso_d>[0-9]{2})"
     r"(?:(?:t|\s)(?P<iso_h>[0-9]{2}):(?P<iso_mi>[0-9]{2})(?::[0-9]{2})?)?(?![0-9])"),
    ("daylist",
     r"(?:\bngay\s+)?(?P<dl_days>" + DAY + r"(?:\s*(?:,|-|–|va|den|toi)\s*(?:ngay\s+)?" + DAY + r"){1,6})"
     r"(?:\s*/\s*(?P<dl_m1>" + MON + r")(?:\s*/\s*(?P<dl_y1>" + YEAR4 + r"))?"
     r"|\s+thang\s+(?P<dl_m2>" + MON + r")" + _YEAR_TAIL.format("dl_y2") + ")"),
    ("dmy",
     r"(?P<d_ngay>\bngay\s+)?(?P<d_d>" + DAY + r")\s*(?P<d_sep>[/.-])\s*(?P<d_m>" + MON + r")\s*(?P=d_sep)\s*"
     r"(?P<d_y>[0-9]{4}|(?<=/)[0-9]{2})(?![0-9])"),
    ("dm", r"(?P<e_ngay>\bngay\s+)?(?P<e_d>" + DAY + r")\s*/\s*(?P<e_m>" + MON + r")(?!\s*/\s*[0-9])"),
    ("dwords",
     r"(?:\bngay\s+)?(?P<w_d>" + DAY + r")\s+thang\s+(?P<w_m>" + MON + r")" + _YEAR_TAIL.format("w_y")),
    ("half",
     r"\b(?:(?P<h_n>[0-9]{1,2}|sau|chin|ba)\s+thang|nua)\s+(?P<h_which>dau|cuoi|sau)\s+nam\b"
     r"(?:\s+(?P<h_y>" + YEAR4 + r")|\s+" + _REL.format("h_rel") + ")?"),
    ("boundary",
     r"\b(?P<b_which>dau|giua|cuoi)\s+(?:thang\s+(?:(?P<b_m>" + MON + r")" + _YEAR_TAIL.format("b_my")
     + r"|" + _REL.format("b_mrel") + r")|nam\b(?:\s+(?P<b_y>" + YEAR4 + r")|\s+" + _REL.format("b_yrel")
     + r")?)"),
    ("quarter",
     r"\b(?:quy\s+|q(?=[1-4]\s*(?:/|nam\b)))"  # "Q3/2026" but not "Q1, TP.HCM" (a district)
     r"(?P<q_list>" + _Q + r"(?:\s*(?:,|va|-|–|den|toi)\s*(?:quy\s+)?" + _Q + r"){0,4})"
     + r"(?:\s*(?:[/-]|,?\s*nam)\s*(?P<q_y>[0-9]{4})(?![0-9]))?"),
    ("month",
     r"\b(?:thang\s+|t(?=[0-9]{1,2}\s*[/-]\s*[0-9]{4}))(?P<mo_m>" + MON + r")" + _YEAR_TAIL.format("mo_y")),
    ("years",
     r"\b(?:nam|giai doan)\s+(?P<ys_a>[0-9]{4})\s*(?:-|–|den|toi)\s*(?:nam\s+)?(?P<ys_b>" + YEAR4 + r")"),
    ("year", r"\bnam\s+(?P<y_y>" + YEAR4 + r")"),
    ("relperiod", r"\b(?P<rp_unit>tuan|thang|quy|nam)\s+" + _REL.format("rp_mod")),
    ("nextyear", r"\bsang\s+nam\b(?!\s+[0-9])"),
    # Days named from today.
    ("weekday",
     r"(?:\b(?P<wd_name>thu\s+(?:hai|ba|tu|nam(?!\s+[0-9]{4}(?![0-9]))|sau|bay|[2-7](?![0-9]))|chu\s+nhat)"
     r"|(?<![&/.-])\b(?P<wd_short>t[2-7]|cn)(?![a-z0-9&/]))(?![a-z0-9])"
     r"(?:\s*,?\s*(?:tuan\s+)?(?P<wd_mod>sau nua|sau|toi|nay|truoc)(?![a-z]))?"),
    ("relday",
     r"\b(?:(?P<rd_pd>sang|trua|chieu|toi|dem)\s+(?P<rd_w1>hom nay|hom qua|nay|mai|kia|qua)"
     r"|(?P<rd_w2>hom nay|bua nay|ngay mai|ngay kia|ngay mot|hom qua|hom kia|bua qua"
     r"|ngay hom qua|ngay hom nay))"
     r"(?![a-z])"),
    # Times of day: 14h, 14h00, 14h30', 14 giờ 30 (phút), 14g30, 14:30, + sáng/trưa/chiều/tối.
    ("time",
     r"(?<![0-9/.:])(?<![0-9][,.])(?P<t_h>[0-9]{1,2})\s*(?:(?:h|g(?=[0-9]|\s|$|[^a-z])|gio)"
     r"(?:\s*(?P<t_m>[0-9]{1,2})(?![0-9/.]))?(?:\s*(?:phut|p|'|’|′)(?![a-z]))?"
     r"|:(?P<t_m2>[0-9]{2})(?::[0-9]{2})?(?![0-9]))(?![a-z0-9])"
     r"(?:\s*(?:buoi\s+)?(?P<t_pd>sang|trua|chieu|toi|dem)(?![a-z])"
     r"(?!\s*[0-9]{1,2}\s*(?:h|g|gio|:)(?![a-z])))?"),
    ("mai", r"\bmai\b"),
    ("pd", r"\b(?:buoi\s+)?(?P<pd_w>sang|trua|chieu|dem)\b"),
    # Markers.
    ("from_now", r"\btu\s+(?:nay|bay gio|luc nay)\b"),
    ("by",
     r"\b(?:cham nhat|muon nhat|tre nhat)(?:\s+(?:la|vao|den))?\b"
     r"|\b(?:thoi\s+)?han\b(?:\s+(?:chot|cuoi cung|cuoi|nop|gui)\b)?(?:[^.;:\n0-9]{0,40}:)?"
     r"|\bden het\b|\bkhong (?:muon|cham|tre) hon\b"),
    ("before", r"\btruoc\b"),
    ("to", r"\b(?:cho\s+)?(?:den|toi)\b"),
    ("from", r"\btu\b"),
    ("dash", r"(?<![a-z0-9])[-–—~](?![a-z0-9]{2,}[/-])|(?<=[0-9h'’])[-–—~]"),
]


def _spaced(pattern: str) -> str:
    """A space in a pattern stands for any run of white space ("hôm   nay", "chậm\\nnhất")."""
    return pattern.replace(" ", r"\s+")


# Tokens start at a word's first letter or digit, or at a dash: checking that once, before
# the alternatives, halves the time a scan takes (most positions are inside words).
_START = r"(?:(?<![a-z0-9])|(?=[-–—~]))"
_EITHER = "|".join(f"(?P<{name}>{body})" for name, body in ALTERNATIVES)
SCAN = re.compile(_spaced(f"{_START}(?:{_EITHER})"))

# Text between two tokens that keeps them in one expression: punctuation and filler words.
GLUE = re.compile(_spaced(r"(?:[\s,:()\[\]\"'*_]|\b(?:ngay|luc|vao|khoang|hoi|la|buoi|du kien|dung|ca)\b)*"))

# A document number: digits then a slash or dash then letters ("1702/TĐC-KHTC", "38-CT/TW",
# "22/2026/NĐ-CP"), or a blank one ("số /KH-SKHCN"), with the date that follows it.
_DATE_ANY = (
    r"(?:[0-9]{1,2}\s*[/.-]\s*[0-9]{1,2}\s*[/.-]\s*[0-9]{2,4}"
    r"|(?:[0-9]{1,2}\s+)?thang\s+(?:[0-9]{1,2}\s+)?nam\s+[0-9]{4}|[.…_\s]*thang[.…_\s]*nam\s+[0-9]{4})"
)
_DOC_WORDS = (
    r"cong van|quyet dinh|ke hoach|chi thi|nghi dinh|thong tu|nghi quyet|thong bao|giay moi|to trinh"
    r"|bao cao|van ban|phap lenh|huong dan|cong dien|cv|qd|kh|nd|tt|nq|tb"
)
CITED = re.compile(_spaced(
    r"\b(?:" + _DOC_WORDS + r")\s*so\s*[^\s,;]*[0-9/][^\s,;]*\s*,?\s*(?:\bngay\s*" + _DATE_ANY + r")?"
    r"|(?<![a-z0-9])(?:so\s*)?[0-9]{0,6}(?:[/-][0-9]{2,4})*[/-](?:[0-9]{1,4}[/-])?[a-z][a-z0-9&.]*"
    r"(?:[/-][a-z0-9&.]+)*(?:\s*,?\s*\bngay\s*" + _DATE_ANY + r")?"
    r"|\bngay[\s.…_]+thang[\s.…_]+nam\s+[0-9]{4}"
))

# "Thường xuyên" and its kin; "kinh phí chi thường xuyên" (recurrent spending) is not a time.
ONGOING = re.compile(_spaced(
    r"\b(?:chi )?(?:thuong xuyen|lien tuc|hang ngay|hang tuan|hang thang|hang quy|hang nam|dinh ky)\b"
))
THUONG_XUYEN = re.compile(_spaced(r"\b(?:chi )?thuong xuyen\b"))
ON_DEMAND = re.compile(_spaced(
    r"\b(?:theo yeu cau|khi co yeu cau|neu co yeu cau|dot xuat|khi can thiet|khi co phat sinh)\b"
))

# Gate for the dateparser fallback: English date words, or a year-first date ("2026/05/28").
# Bare "3.5", "1-2", "12.5%" are numbers more often than dates: they do not open the gate.
FALLBACK_GATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
    r"|\b(?:mon|tue|wed|thu|fri|sat|sun)(?:day|s|nes|rs|urday)?[a-z]*\b"
    r"|\b(?:today|tomorrow|yesterday|tonight|noon|midnight|ago|next|last)\b"
    r"|\b[0-9]+\s*(?:days?|weeks?|months?|years?|hours?|minutes?|am|pm)\b"
    r"|\b[0-9]{4}\s*[/.]\s*[0-9]{1,2}\s*[/.]\s*[0-9]{1,2}\b",
    re.IGNORECASE,
)
TIME_WORDS = re.compile(r"[0-9]\s*(?:am|pm)\b|[0-9]:[0-9]{2}|\b(?:noon|midnight|hours?|minutes?)\b", re.I)
SENTENCE_BREAK = re.compile(r"[.;!?\n]\s|[;\n]")
