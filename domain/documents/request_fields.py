"""The facts of a request clause besides its date: what is asked, where it goes, the data cut-off,
and the letter's own date.

Each reader cuts its value from the original text and compares on the folded form (offsets are
the same in both). A phrase inside parentheses stays with the value it belongs to
("Phiếu đăng ký (theo mẫu đính kèm)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.documents.folding import fold_same_length
from domain.documents.header import head_cells
from domain.documents.names import looks_like_unit, split_names
from domain.timeexpr import parse_time

_VERB = re.compile(
    r"\b(?P<verb>gui|nop|cung cap|chuyen|bao cao|cap nhat|hoan thanh|hoan thien|dang ky|tong hop|lap|ra soat)\b"
)
_CARRIERS = frozenset({"gui", "nop", "cung cap", "chuyen"})
# "để" (so that) ends a phrase; "đề nghị", "đề xuất", "đề án" fold to the same "de" and do not.
_PURPOSE = r"de(?!\s+(?:nghi|xuat|an|tai|cuong|ra|cap)\b)"
_UNIT_HEADS = r"(?:phong|van phong|so|trung tam|chi cuc|uy ban|ubnd|bo|cuc|ban|dia chi|hop thu)\b"
_OBJECT_END = re.compile(
    r"\s(?:ve|cho|den|toi)\s+(?=" + _UNIT_HEADS + r")|\s(?:duoc\s+)?(?:gui|nop)\b(?!\s+kem)"
    r"|\squa\s+(?=(?:he thong|thu|email|e-mail|dia chi|duong|buu|phong|so|mang|cong thong tin)\b)"
    r"|\s(?:truoc|cham nhat|muon nhat|khong muon hon)\s+(?=ngay\b|\d|thang\b|quy\b)"
    r"|\s(?:bang|tai dia chi|theo dia chi|trong thoi han|" + _PURPOSE + r"|dong thoi|va gui)\b"
    r"|[;:]|,\s*(?:gui|ve|qua|truoc|cham nhat|dia chi|email|bang|dong thoi|so lieu|hang (?:nam|quy|thang)|dinh ky)\b"
    r"|,?\s*$"
)
_ADVERBS = r"(?:khan truong|kip thoi|nghiem tuc|day du|dung han|dung thoi han|som)"
_ADVERB = re.compile(_ADVERBS + r"\s+")
_ADVERB_TAIL = re.compile(r"(?:[\s,]+" + _ADVERBS + r")+\s*$")
_OBJECT_STARTS_WITH_STOP = re.compile(r"(?:ve|cho|den|toi|qua|bang|truoc|cham nhat|muon nhat)\b")
_LEADING = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[a-zđ]\)|[-+•–])\s*")
_URGE = re.compile(r"\b(?:kinh de nghi|de nghi|yeu cau|thong bao)\s+")
_TO_END = re.compile(
    r",?\s+(?:truoc|cham nhat|muon nhat|khong muon hon|hang|dinh ky|bang"
    r"|qua (?:thu|email|e-mail|dia chi|he thong|duong|buu)|theo dia chi|tai dia chi|dia chi|email"
    r"|e-mail|thu dien tu|so dien thoai|dien thoai|" + _PURPOSE + r")\b"
    r"|[,;:]\s*(?:dia chi|email|e-mail|dong thoi|thoi han|han(?: nop| chot| cuoi)?|thoi gian)\b|[;:]"
)
_TO_AFTER = re.compile(r"\s(?:ve|cho|den|toi)\s+(?=(?:phong|van phong|so|trung tam|chi cuc|uy ban|ubnd|bo|cuc|ban)\b)")
_ADDRESS = re.compile(
    r"\bdia chi(?:\s+(?:nhan(?:\s+ho so)?|gui|tru so|lien he|buu dien))?\s*:?\s+(?!(?:email|e-mail|thu dien tu|mail)\b)"
)
_ADDRESS_END = re.compile(
    r"\s*(?:[,;(–-]\s*|\s)(?:dien thoai|dt|sdt|so dien thoai|email|e-mail|thu dien tu|hoac|va qua|va gui|truoc"
    r"|cham nhat|fax|va ban|" + _PURPOSE + r")\b|;|\)|\.\s|\.$"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CUTOFF = re.compile(r"\b(?:so lieu|ky bao cao|thoi ky bao cao|chot so lieu|thoi diem chot)\b")
_CUTOFF_END = re.compile(
    r"\b(?:truoc|cham nhat|muon nhat|khong muon hon|han chot|gui|nop)\b"
    r"|;|,\s*(?:gui|nop|" + _PURPOSE + r"|va)\b|\.\s|\.$"
)
_ISSUED_LINE = re.compile(r",\s*ngay\s+(?P<day>\d{1,2})\s+thang\s+(?P<month>\d{1,2})\s+nam\s+(?P<year>\d{4})")
_ISSUED_LABEL = re.compile(
    r"\b(?P<label>ngay (?:thong bao|ban hanh|dang|ky|gui)|ngay cap nhat|cap nhat)\s*:?\s*"
    r"(?P<day>\d{1,2})\s*[-/.]\s*(?P<month>\d{1,2})\s*[-/.]\s*(?P<year>\d{4})\b"
)


def _outside_parentheses(folded: str, pattern: re.Pattern[str], start: int) -> re.Match[str] | None:
    """The first match of `pattern` from `start` that is not inside parentheses (depth counted as
    the matches go, once over the text)."""
    depth, counted = 0, start
    for match in pattern.finditer(folded, start):
        gap = folded[counted: match.start()]
        depth = max(0, depth + gap.count("(") - gap.count(")"))
        counted = match.start()
        if depth == 0:
            return match
    return None


@dataclass(frozen=True)
class Asked:
    """What a clause asks for, and the owners named between "đề nghị" and its verb (as written)."""

    what: str | None
    owners: tuple[str, ...]


def asked_for(clause: str, due_start: int) -> Asked:
    """'Đề nghị UBND các xã gửi Báo cáo kết quả … về Sở trước ngày …' → 'Báo cáo kết quả …', and
    'Đề nghị các xã, phường chưa gửi khẩn trương gửi báo cáo …' → 'báo cáo' owed by 'các xã,
    phường chưa gửi' (an adverb after the verb means the real verb comes next)."""
    folded = fold_same_length(clause)
    urge = _URGE.search(folded, 0, due_start)
    verb = _VERB.search(folded, urge.end() if urge else 0, due_start)
    while verb is not None:
        start = verb.end() if verb.group("verb") in _CARRIERS else verb.start()
        while start < len(folded) and folded[start] == " ":
            start += 1
        adverb = _ADVERB.match(folded, start)
        if not adverb:
            break
        verb = _VERB.search(folded, adverb.end(), due_start)
    if verb is None:
        return Asked(None, ())
    owners = _owners_before(clause, urge.end(), verb.start()) if urge else ()
    if _OBJECT_STARTS_WITH_STOP.match(folded, start) or start >= due_start:
        # "Báo cáo … gửi về Sở trước …": the thing asked is the clause's subject, before the verb.
        subject_start = urge.end() if urge else len(_LEADING.match(clause).group(0))  # type: ignore[union-attr]
        text = clause[subject_start: verb.start()].strip(" ,")
        return Asked(_capitalised(text) if len(text) > 3 and not owners else None, owners)
    end = _outside_parentheses(folded, _OBJECT_END, start)
    text = _without_adverbs(clause[start: end.start() if end else len(clause)].strip(" ,."))
    return Asked(_capitalised(text) if len(text) > 3 else None, owners)


def _without_adverbs(text: str) -> str:
    """'báo cáo đúng hạn' → 'báo cáo'; 'các xã chưa gửi khẩn trương' → 'các xã chưa gửi'."""
    tail = _ADVERB_TAIL.search(fold_same_length(text))
    return text[: tail.start()] if tail else text


def _owners_before(clause: str, start: int, end: int) -> tuple[str, ...]:
    text = _without_adverbs(clause[start:end].strip(" ,"))
    return split_names(text) if text and looks_like_unit(text) else ()


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def trimmed_recipient(to: str | None) -> str | None:
    """'Sở KH&CN (qua Phòng TĐC) bằng văn bản và qua email …' → 'Sở KH&CN (qua Phòng TĐC)'."""
    if not to:
        return None
    end = _outside_parentheses(fold_same_length(to), _TO_END, 0)
    value = (to[: end.start()] if end else to).strip(" ,.;")
    return value or None


def recipient_after(clause: str, after: int) -> str | None:
    """'… trước ngày 15/12/2026 về Sở Khoa học và Công nghệ …': the receiver written after the date."""
    folded = fold_same_length(clause)
    match = _TO_AFTER.search(folded, after)
    return trimmed_recipient(clause[match.end():]) if match else None


def address_in(text: str) -> str | None:
    """'… theo địa chỉ: Số 15 Lê Lợi, phường X, tỉnh Y; email: …' → 'Số 15 Lê Lợi, phường X, tỉnh Y'."""
    folded = fold_same_length(text)
    match = _ADDRESS.search(folded)
    if not match:
        return None
    end = _ADDRESS_END.search(folded, match.end())
    value = text[match.end(): end.start() if end else len(text)].strip(" ,.;:")
    return value if len(value) > 5 else None


def email_in(text: str) -> str | None:
    match = _EMAIL.search(text)
    return match.group(0).rstrip(".") if match else None


def data_cutoff(text: str, ref: datetime, year: int | None) -> tuple[str, date] | None:
    """'số liệu tính đến thời điểm 31/10/2026' → (that phrase, 31/10/2026); 'số liệu … tính từ X
    đến Y' → Y: the last day the figures count, never a due date."""
    folded = fold_same_length(text)
    anchor = _CUTOFF.search(folded)
    if not anchor:
        return None
    end = _CUTOFF_END.search(folded, anchor.end())
    part = text[anchor.start(): end.start() if end else len(text)]
    expr = parse_time(part, ref, year)
    if expr.end is None or expr.kind not in ("window", "deadline") or not expr.matched:
        return None
    last = expr.end - timedelta(days=1) if expr.end.time() == datetime.min.time() else expr.end
    matched_at = part.find(expr.matched)
    stop = matched_at + len(expr.matched) if matched_at >= 0 else len(part)
    return part[:stop].strip(" ,.;:"), last.date()


def issued_on(lines: list[str]) -> date | None:
    """The letter's own date: the '…, ngày 03 tháng 3 năm 2025' line, else 'Ngày thông báo:
    03-03-2025', else 'Cập nhật 14/02/2024'; a blank draft date ('ngày tháng năm 2026') is None."""
    for cell in head_cells(lines):
        match = _ISSUED_LINE.search(fold_same_length(cell))
        if match:
            return _date(match)
    labelled = [match for line in lines[:40] if (match := _ISSUED_LABEL.search(fold_same_length(line)))]
    labelled.sort(key=lambda match: "cap nhat" in match.group("label"))
    for match in labelled:
        found = _date(match)
        if found:
            return found
    return None


def _date(match: re.Match[str]) -> date | None:
    try:
        return date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    except ValueError:
        return None
