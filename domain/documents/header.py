"""The frame every administrative document shares: number, place and date, issuer, subject,
legal basis, signature. Plans and letters both read it here.

Values are cut from the original text; only the comparison is folded. Blank fields in a
draft ("Số: /KH-SKHCN", "ngày tháng năm 2026") are kept as written or left None.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from domain.documents.folding import fold_fast, fold_same_length
from domain.documents.structure import heading, is_upper_line, strip_bullet

_HEAD_LINES = 25
_NUMBER = re.compile(r"so(?:\s+hieu)?\s*:\s*")
# The place starts a word: in a PDF the header's two columns come out as one line
# ("Số: 1507/SKHCN-TĐC Tây Ninh, ngày …"), and the place is not "SKHCN-TĐC Tây Ninh".
_PLACE_DATE = re.compile(r"(?<![\w/-])(?P<place>[a-z][a-z .'-]{1,40}?)\s*,\s*ngay\b[^\t]*?\bnam\s*(?P<year>\d{4})")
# The national motto beside the issuer, on the same line when a PDF merges the header's columns.
_MOTTO = re.compile(r"\s+(?=cong hoa xa hoi chu nghia viet nam\b|doc lap\s*-\s*tu do\s*-\s*hanh phuc\b)")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_ISSUER_HEADS = re.compile(r"(?:so|chi cuc|uy ban|ubnd|trung tam|cuc|bo|phong) ")
_SKIPPED_HEADERS = re.compile(r"(?:cong hoa|doc lap)")
_DEPARTMENT = re.compile(r"\bso (?:khoa hoc va cong nghe|kh\s*&\s*cn|khcn)\b")
_PROVINCE = re.compile(r"\s+(?:tỉnh|thành phố|TP\.?)\s+", re.IGNORECASE)
_SIGN_TITLE = re.compile(
    r"(?:(?:kt|tl|tm|tuq|q)\.?\s)|.*\b(?:giam doc|chi cuc truong|truong phong|chu tich|thu truong|truong ban)\b"
)
_NOT_A_NAME = re.compile(r"\(?\s*(?:da ky|ky ten|ky, ghi ro|dong dau|chu ky)")
_SUBJECT = re.compile(r"(?:v/v|ve viec)\s*:?\s*")
_TITLE_STOP = re.compile(r"(?:can cu|thuc hien|nham|de |theo |kinh gui|so\s*:)")
_BASIS = re.compile(r"can cu\b")
_BUDGET_TITLE = re.compile(r"(?:du toan |tong |tong du toan )?kinh phi\b")
_BUDGET_LINE = re.compile(r"(?:du toan |tong |tong so |tong du toan |nguon )?kinh phi\b[^:]{0,40}:")
_BUDGET_END = re.compile(r"(?:noi nhan|tren day la)\b")
_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
# "215.500.000 đồng", "50.000.000đ", "1,2 tỷ đồng", "1.5 tỷ", "300 triệu" (a scale needs no "đồng").
_AMOUNT = re.compile(
    r"(?<![\d/.,])(?P<number>\d{1,3}(?:[.,]\d{3})+(?![.,]?\d)|\d+(?:[.,]\d{1,2})?(?![.,]?\d))\s*"
    r"(?:(?P<scale>trieu|ty)\b(?:\s*(?:dong|vnd|d)\b)?|(?:dong|vnd|d)\b)"
)
_TOTAL = re.compile(r"\btong\b(?! hop)(?: cong| so| kinh phi| du toan| muc)?")


def head_cells(lines: list[str]) -> list[str]:
    """The first lines split into their cells: headers are often a two-column table."""
    cells = [cell.strip() for line in lines[:_HEAD_LINES] for cell in line.split("\t") if cell.strip()]
    return [part.strip() for cell in cells for part in _split_motto(cell) if part.strip()]


def _split_motto(cell: str) -> list[str]:
    folded = fold_same_length(cell)
    cuts = [match.end() for match in _MOTTO.finditer(folded)]
    return [cell[start:end] for start, end in zip([0, *cuts], [*cuts, len(cell)], strict=True)]


def document_number(lines: list[str]) -> str | None:
    """'Số: 12/KH-SKHCN' → '12/KH-SKHCN'; a blank draft number '/KH-SKH&CN' is kept; none → None."""
    for cell in head_cells(lines):
        match = _NUMBER.match(fold_same_length(cell))
        if match:
            value = cell[match.end():]
            place = _PLACE_DATE.search(fold_same_length(value))
            if place:
                value = value[: place.start()]
            value = value.strip(" .…_")
            return value or None
    return None


def place_and_year(lines: list[str]) -> tuple[str | None, int | None]:
    """'Đồng Nai, ngày tháng năm 2026' → ('Đồng Nai', 2026)."""
    for line in lines:
        for cell in line.split("\t"):
            match = _PLACE_DATE.search(fold_same_length(cell))
            if match:
                place = cell[match.start("place"): match.end("place")].strip()
                if place[:1].isupper():
                    return place, int(match.group("year"))
    return None, None


def most_common_year(text: str | None) -> int | None:
    years = Counter(_YEAR.findall(text or ""))
    return int(years.most_common(1)[0][0]) if years else None


def issuer(lines: list[str]) -> str | None:
    """The issuing body: the header's capitalised line ("SỞ KHOA HỌC VÀ CÔNG NGHỆ"), else the
    first "Sở Khoa học và Công nghệ [tỉnh X]" the text names."""
    candidate = None
    for cell in head_cells(lines)[:12]:
        folded = fold_fast(cell)
        if _NUMBER.match(folded):
            break
        if is_upper_line(cell) and _ISSUER_HEADS.match(folded) and not _SKIPPED_HEADERS.match(folded):
            candidate = cell
    if candidate:
        return "Sở Khoa học và Công nghệ" if fold_fast(candidate) == "so khoa hoc va cong nghe" else candidate
    for line in lines:
        folded = fold_same_length(line)
        match = _DEPARTMENT.search(folded)
        if match:
            return line[match.start(): match.end()] + _province_after(line[match.end():])
    return None


def _province_after(rest: str) -> str:
    """' tỉnh Đồng Nai, …' → ' tỉnh Đồng Nai': the capitalised words after tỉnh/thành phố."""
    match = _PROVINCE.match(rest)
    if not match:
        return ""
    words = []
    for word in rest[match.end():].split():
        clean = word.strip(",.;:()")
        if not clean[:1].isupper():
            break
        words.append(clean)
        if clean != word or len(words) == 3:
            break
    return f"{match.group(0).rstrip()} {' '.join(words)}" if words else ""


def signer(lines: list[str]) -> tuple[str | None, str | None]:
    """(name, title) from the signature block: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' then the name."""
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if "\t" in line or not is_upper_line(line) or not _SIGN_TITLE.match(fold_fast(line)):
            continue
        start = index
        while start > 0 and is_upper_line(lines[start - 1]) and _SIGN_TITLE.match(fold_fast(lines[start - 1])):
            start -= 1
        name = _name_after(lines, index + 1)
        if name is None:
            continue
        return name, "\n".join(lines[start: index + 1])
    return None, None


def _name_after(lines: list[str], start: int) -> str | None:
    for line in lines[start: start + 3]:
        if _NOT_A_NAME.match(fold_fast(line)):
            continue
        words = line.split()
        if 2 <= len(words) <= 6 and all(word[:1].isupper() for word in words) and not any(
            char.isdigit() for char in line
        ):
            return line
        return None
    return None


def subject(lines: list[str]) -> str | None:
    """'V/v tham dự Hội nghị …' → 'tham dự Hội nghị …'."""
    for line in lines[:_HEAD_LINES]:
        for cell in line.split("\t"):
            match = _SUBJECT.match(fold_same_length(cell.strip()))
            if match:
                return cell.strip()[match.end():].strip() or None
    return None


def titled(lines: list[str], document_type: str) -> tuple[int, str] | None:
    """(index, title) for the lines after a document-type line such as 'KẾ HOẠCH'."""
    for index, line in enumerate(lines):
        if "\t" not in line and fold_fast(line) == document_type:
            parts: list[str] = []
            for following in lines[index + 1: index + 4]:
                folded = fold_fast(following)
                if "\t" in following or heading(following) or (parts and _TITLE_STOP.match(folded)):
                    break
                if parts and (len(following) > 160 or following.endswith((":", ";"))):
                    break
                parts.append(following)
                if following.endswith("."):
                    break
            return (index, " ".join(parts)) if parts else None
    return None


def legal_basis(lines: list[str]) -> tuple[str, ...]:
    """The 'Căn cứ …' lines, without their closing semicolons."""
    return tuple(line.rstrip(" ;,.") for line in lines if "\t" not in line and _BASIS.match(fold_fast(line)))


def budget(lines: list[str]) -> tuple[str | None, int | None]:
    """(text, amount in đồng) of the funding: the section on it ('III. KINH PHÍ THỰC HIỆN', '5. Kinh
    phí: …'), else the first line that states it ('Dự toán kinh phí thực hiện: 215.500.000 đồng …',
    '- Tổng kinh phí: 1,2 tỷ đồng'). The section ends at the next part, the signature or "Nơi nhận"."""
    for index, line in enumerate(lines):
        found = heading(line)
        if not found or not _BUDGET_TITLE.match(fold_fast(found.title)):
            continue
        parts = []
        _, colon, after = found.title.partition(":")
        if colon and after.strip():
            parts.append(after.strip())
        for following in lines[index + 1:]:
            next_heading = heading(following)
            if next_heading and (next_heading.level == "roman" or found.level == "arabic"):
                break
            if _BUDGET_END.match(fold_fast(following)) or (is_upper_line(following) and _SIGN_TITLE.match(
                    fold_fast(following))):
                break
            if "\t" not in following:
                parts.append(following)
        text = "\n".join(parts).strip() or None
        return text, amount(text)
    for line in lines:
        if "\t" in line or "kinh ph" not in line.lower():  # NFC after cleanup: a cheap test first
            continue
        stated = strip_bullet(line)
        if _BUDGET_LINE.match(fold_fast(stated)) and amount(stated) is not None:
            return stated, amount(stated)
    return None, None


def amount(text: str | None) -> int | None:
    """'349.000.000 đồng' → 349000000; '1,5 tỷ đồng' → 1500000000; '50.000.000đ' → 50000000; none
    stated → None. Of several figures the total ('Tổng cộng: …', 'tổng kinh phí …') is the amount."""
    if not text:
        return None
    folded = fold_fast(text)
    found = list(_AMOUNT.finditer(folded))
    if not found:
        return None
    total = _TOTAL.search(folded)
    chosen = next((match for match in found if total and match.start() >= total.end()), found[0])
    number, scale = chosen.group("number"), chosen.group("scale")
    if scale:
        value = Decimal(number.replace(".", "").replace(",", ".") if _GROUPED.fullmatch(number)
                        else number.replace(",", "."))
        value *= 1_000_000 if scale == "trieu" else 1_000_000_000
    else:
        value = Decimal(number.replace(".", "").replace(",", ""))
    return int(value) if value >= 1000 else None
