"""Reading a meeting from an invitation letter (Công văn, Giấy mời) or a meeting plan.

Letters state their facts as labelled lines ("2. Thời gian dự kiến: 14h00, thứ Năm ngày
28/5/2026.", "3. Hình thức: Trực tuyến", "- Địa điểm: …"); we read those labels and nothing
else for the meeting time, so a cited document's date ("Công văn số 1702/TĐC-KHTC ngày
19/5/2026") never becomes the meeting. What the letter does not say stays None.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Literal

from domain.documents import header
from domain.documents.agenda import agenda_from_bullets, agenda_from_table, timed_items
from domain.documents.attendance import invites_below, listed_units
from domain.documents.cleanup import clean_lines
from domain.documents.contact import read_contact
from domain.documents.deadlines import clauses, deadline_from, due_in, lead_in_owner
from domain.documents.folding import fold_fast, fold_same_length
from domain.documents.models import AgendaItemDoc, DeadlineDoc, MeetingDoc, MeetingMode
from domain.documents.names import looks_like_unit
from domain.documents.structure import heading, is_bullet, prefix_length, strip_bullet
from domain.documents.venue import is_hall, venue
from domain.documents.web_page import strip_web_chrome
from domain.documents.when import clock_of, first_hour_on, names_its_day, prose_time, when_label, whole_days
from domain.timeexpr import TimeExpr, parse_time

_LABELS = {
    "time": re.compile(r"thoi gian(?:\s+(?:du kien|to chuc|hop|khai mac|bat dau|dien ra))*\s*:"),
    "mode": re.compile(r"hinh thuc(?:\s+(?:to chuc|hop|tham du))*\s*:"),
    "location": re.compile(r"dia diem(?:\s+(?:to chuc|hop|dien ra))*\s*:"),
    "attendance": re.compile(r"thanh phan(?:\s+(?:tham du|moi|du hop|tham gia))*\s*(?::|$)"),
    "agenda": re.compile(r"noi dung(?:\s+(?:chinh|hoi nghi|lam viec|cuoc hop|chuong trinh|hop))*\s*(?::|$)"),
    "invited": re.compile(r"kinh gui\s*:?"),
}
_TENTATIVE = re.compile(r"\bdu kien\b")
_DURATION = re.compile(
    r"(?P<count>½|1/2|nua|0[,.]5|\d{1,2}(?:[,.]5)?|mot|hai|ba)\s*(?P<unit>ngay|buoi)\b(?!\s*\d)"
    r"|(?:du kien|trong|thoi luong|keo dai)\s*:?\s*(?P<hours>\d{1,2}(?:[,.]5)?)\s*(?:gio|tieng)\b"
)
_COUNT_WORDS = {"½": 0.5, "1/2": 0.5, "nua": 0.5, "mot": 1, "hai": 2, "ba": 3}
_URL = re.compile(
    r"https?://[^\s<>\"')\]]+|\b(?:meet\.google\.com|zoom\.us|teams\.microsoft\.com|us\d+web\.zoom\.us)/[^\s<>\"')\]]+",
    re.IGNORECASE,
)
_REGISTRATION = re.compile(r"\b(?:danh sach|dang ky|dau moi|xac nhan|ho ten|cu can bo)\b")
_SECTION_END = re.compile(r"(?:de nghi|thong tin|noi nhan|kinh gui|giao)\b|tran trong\s*[!.]*$")
_CARRIES_OUT = re.compile(r"\bto chuc thuc hien\b")
# "Kính gửi: Như thành phần mời" points at the list below; it is no unit.
_REFERS_TO_LIST = re.compile(r"(?:nhu |cac )?(?:thanh phan|dai bieu)\b|nhu tren\b")
_NOTICE = re.compile(r"(?P<kind>thong bao|giay moi)\s+(?:(?:ve viec|v/v)\s*:?\s*)?(?=\S)")


def read_meeting_letter(text: str, ref: datetime | None = None) -> MeetingDoc:
    """Read a meeting. `ref` is "today" for time expressions; by default 1 January of the
    document's year, or now when it states none."""
    lines = strip_web_chrome(clean_lines(text if isinstance(text, str) else ""))
    plan_title = header.titled(lines, "ke hoach")
    kind: Literal["letter", "plan"] = "plan" if plan_title else "letter"
    subject = header.subject(lines)
    title = meeting_name(subject) if subject else (plan_title[1] if plan_title else None) or _other_title(lines) \
        or _notice_title(lines)
    place, year = header.place_and_year(lines)
    if year is None:
        year = header.most_common_year(title)
    if ref is None:
        ref = datetime(year, 1, 1) if year else datetime.now().replace(second=0, microsecond=0)
    warnings: list[str] = []

    values = _labelled(lines)
    time_text = _value(values, "time") or (None if "time" in values else prose_time(lines))
    expr = parse_time(time_text, ref, year) if time_text else None
    start, end = _span(expr)
    if time_text is None:
        warnings.append("Không thấy dòng «Thời gian» của cuộc họp.")
    elif expr is None or start is None:
        warnings.append(f"Chưa hiểu thời gian họp «{time_text}».")
    elif expr.warning:
        warnings.append(f"Thời gian họp «{time_text}»: {expr.warning}.")
    time_label = values["time"][1] if "time" in values else ""
    tentative = bool(time_text and _TENTATIVE.search(fold_fast(f"{time_label} {time_text}")))
    duration_text, duration = _duration(time_text)

    location = venue(lines, values["location"][0], values["location"][2]) if "location" in values else None
    mode_text = _value(values, "mode")
    mode = _mode_of(_mode(mode_text) or _mode(title), location)
    if mode is None:
        warnings.append("Văn bản không nói hình thức họp (trực tiếp hay trực tuyến).")
    if mode in ("in_person", "hybrid") and location is None:
        warnings.append("Họp trực tiếp nhưng văn bản không ghi địa điểm.")

    # A period ("cuối tháng 9") is no day: the programme's hours are not placed on one.
    agenda = _agenda(lines, values, start if not whole_days(expr) or names_its_day(expr) else None, ref)
    label: str | None = None
    if start is not None and whole_days(expr):
        first = first_hour_on(start, [item.start for item in agenda]) if names_its_day(expr) else None
        if first is not None:
            one_day = end is not None and end - start == timedelta(days=1)
            start, end = first, (None if one_day else end)
        else:
            label = when_label(expr, clock_of(next((i.time_text for i in agenda if i.time_text), None)))
            warnings.append(f"Văn bản chỉ ghi thời gian họp «{time_text}», chưa có giờ cụ thể."
                            if names_its_day(expr) else
                            f"Văn bản chỉ ghi thời gian họp «{time_text}», chưa có ngày cụ thể.")
    if end is None and start is not None:
        ends = [item.end for item in agenda if item.end and item.end.date() == start.date() and item.end > start]
        end = max(ends) if ends else None

    registration, follow_ups = _deadlines(lines, ref, year, start)
    signer, signer_title = header.signer(lines)
    return MeetingDoc(
        kind=kind, title=title, document_number=header.document_number(lines), issuer=header.issuer(lines),
        place=place, year=year, time_text=time_text, time=expr, start=start, end=end, time_label=label,
        tentative=tentative,
        duration_text=duration_text, duration=duration, mode=mode, mode_text=mode_text, location=location,
        join_url=_join_url(lines), registration=registration, attendance=_attendance(lines, values),
        contact=read_contact(lines), agenda=tuple(agenda), invited=_invited(lines, values),
        follow_ups=tuple(follow_ups), signer=signer, signer_title=signer_title, warnings=tuple(warnings),
    )


def _labelled(lines: list[str]) -> dict[str, tuple[int, str, str]]:
    """label → (line index, label as written, value), the first of each."""
    found: dict[str, tuple[int, str, str]] = {}
    for index, line in enumerate(lines):
        if "\t" in line:
            continue
        folded = fold_same_length(line)
        at = prefix_length(folded)
        for name, pattern in _LABELS.items():
            if name in found:
                continue
            match = pattern.match(folded, at)
            if match:
                found[name] = (index, line[at: match.end()], line[match.end():].strip())
                break
    return found


def _value(values: dict[str, tuple[int, str, str]], name: str) -> str | None:
    if name not in values:
        return None
    return values[name][2].strip(" .;") or None


def _span(expr: TimeExpr | None) -> tuple[datetime | None, datetime | None]:
    if expr is None or expr.kind not in ("instant", "window"):
        return None, None
    return expr.start, expr.end if expr.kind == "window" else None


def _duration(time_text: str | None) -> tuple[str | None, timedelta | None]:
    """'Dự kiến ½ ngày, từ 14 giờ …' → ('½ ngày', 4 hours): a working half day."""
    if not time_text:
        return None, None
    folded = fold_same_length(time_text)
    match = _DURATION.search(folded)
    if not match:
        return None, None
    written = time_text[match.start(): match.end()]
    if match.group("hours"):
        hours = float(match.group("hours").replace(",", "."))
        written = time_text[match.start("hours"): match.end()]
    else:
        raw = match.group("count")
        count = _COUNT_WORDS.get(raw) or float(raw.replace(",", "."))
        hours = count * (8 if match.group("unit") == "ngay" else 4)
    return written, timedelta(hours=hours)


def _mode(text: str | None) -> MeetingMode | None:
    if not text:
        return None
    folded = fold_fast(text)
    online = any(word in folded for word in ("truc tuyen", "online", "zoom", "video", "cau truyen hinh"))
    in_person = "truc tiep" in folded
    if online and in_person:
        return "hybrid"
    if online:
        return "online"
    return "in_person" if in_person else None


def _mode_of(stated: MeetingMode | None, location: str | None) -> MeetingMode | None:
    """The mode the letter states, joined with what its venue says: a venue "và trực tuyến tại
    điểm cầu các xã" makes an in-person meeting hybrid; a hall with no mode stated is in person,
    and hybrid when the venue adds an online link. A stated online meeting's hall is its main
    bridge point: still online."""
    at_venue = _mode(location)
    if stated and at_venue and stated != at_venue:
        return "hybrid"
    if stated:
        return stated
    if is_hall(location):
        return "hybrid" if at_venue in ("online", "hybrid") else "in_person"
    return at_venue


def _join_url(lines: list[str]) -> str | None:
    for line in lines:
        match = _URL.search(line)
        if match:
            return match.group(0).rstrip(".,;:")
    return None


def _block_after(lines: list[str], index: int) -> list[str]:
    """The lines under a label or heading, up to the next heading of its rank or a lead-in."""
    block: list[str] = []
    for line in lines[index + 1:]:
        found = heading(line)
        if "\t" in line or (found is not None) or _SECTION_END.match(fold_fast(strip_bullet(line))):
            break
        block.append(line)
    return block


def _attendance(lines: list[str], values: dict[str, tuple[int, str, str]]) -> str | None:
    if "attendance" not in values:
        return None
    index, _, value = values["attendance"]
    parts = ([value] if value else []) + _attendance_block(lines, index, value)
    return "\n".join(parts).strip() or None


_SUB_ITEM = re.compile(r"\d{1,2}\.\d{1,2}\b")


def _attendance_block(lines: list[str], index: int, value: str) -> list[str]:
    """The lines under "Thành phần"; after a value on the label's own line only its bullets and
    sub-items ("3.1 …"), not the paragraphs of a notice that goes on without headings."""
    block = _block_after(lines, index)
    if not value:
        return block
    kept: list[str] = []
    for line in block:
        if not (is_bullet(line) or _SUB_ITEM.match(line)):
            break
        kept.append(line)
    return kept


def _agenda(
    lines: list[str], values: dict[str, tuple[int, str, str]], start: datetime | None, ref: datetime
) -> list[AgendaItemDoc]:
    rows = agenda_from_table(lines)
    if not rows and "agenda" in values:
        index, _, value = values["agenda"]
        bullets = agenda_from_bullets(lines, index)
        rows = [(None, item, None, None, False) for item in bullets]
        if not rows and value:
            rows = [(None, value, None, None, False)]
    return timed_items(rows, start, ref)


def addressees(lines: list[str]) -> tuple[str, ...]:
    """The names after 'Kính gửi:' (on its line or as bullets below it); a request reader's owners."""
    return _invited(lines, _labelled(lines))


def _invited(lines: list[str], values: dict[str, tuple[int, str, str]]) -> tuple[str, ...]:
    """The units under "Kính gửi", then those the attendance lists as bullets ("3.2 …" / "- UBND xã A")."""
    names: list[str] = []
    if "invited" in values:
        index, _, value = values["invited"]
        names = [part for part in value.split(";")] if value else []
        if not value:
            for line in lines[index + 1:]:
                if not is_bullet(line):
                    break
                names.append(strip_bullet(line))
    if "attendance" in values:
        index, _, value = values["attendance"]
        names += listed_units(_attendance_block(lines, index, value))
    asking = next((index for index, line in enumerate(lines) if invites_below(line)), None)
    if asking is not None:
        names += listed_units(_block_after(lines, asking), for_units=True)
    cleaned = (name.strip(" .;,") for name in names)
    return tuple(dict.fromkeys(name for name in cleaned if name and not _REFERS_TO_LIST.match(fold_fast(name))))


def _deadlines(
    lines: list[str], ref: datetime, year: int | None, start: datetime | None
) -> tuple[DeadlineDoc | None, list[DeadlineDoc]]:
    """The registration cutoff (a dated clause about sending names or registering) and the
    other dated or meeting-relative obligations, each with who owes it."""
    registration: DeadlineDoc | None = None
    follow_ups: list[DeadlineDoc] = []
    owner: tuple[str, ...] = ()
    lead_in: tuple[str, ...] = ()
    carrying_out = False
    for line in lines:
        if "\t" in line:
            continue
        found = heading(line)
        if found is not None:
            if found.level == "roman":
                carrying_out = bool(_CARRIES_OUT.search(fold_fast(found.title)))
                owner = ()
            elif carrying_out and len(found.title) <= 80 and looks_like_unit(found.title):
                owner = (found.title.rstrip(" .:"),)
        if lead_in_owner(line):
            lead_in = lead_in_owner(line)
            continue
        for clause in clauses(line):
            due = due_in(clause, ref, year)
            if due is None:
                continue
            deadline = deadline_from(due, owner=lead_in or owner, anchor=start)
            asks_for_names = bool(_REGISTRATION.search(fold_fast(clause[: due.start])))
            if registration is None and due.expr.kind == "deadline" and asks_for_names:
                registration = deadline
            else:
                follow_ups.append(deadline)
        if not is_bullet(line):
            lead_in = ()
    return registration, follow_ups


_ASKING_VERBS = re.compile(r"^(?:(?:moi|de nghi|dang ky|cu can bo|cu dai bieu)\s+)*tham du\s+(?=\S)")


def meeting_name(subject: str) -> str:
    """'tham dự Hội nghị trực tuyến …' → 'Hội nghị trực tuyến …': a letter's subject says what to do
    about the meeting; the meeting's own name is what people look for in a list."""
    match = _ASKING_VERBS.match(fold_same_length(subject))
    if not match:
        return subject
    rest = subject[match.end():].strip()
    return rest[:1].upper() + rest[1:] if rest else subject


def _notice_title(lines: list[str]) -> str | None:
    """'Thông báo tổ chức Hội nghị tập huấn … năm 2024': a web notice's headline, the first line
    that starts with its type and goes on."""
    for line in lines[:_HEAD_SCAN]:
        match = _NOTICE.match(fold_same_length(line))
        if "\t" not in line and match and len(line) <= 300:
            rest = line[match.end():].strip(" .")
            return rest[:1].upper() + rest[1:] if rest else None
    return None


_HEAD_SCAN = 25


def _other_title(lines: list[str]) -> str | None:
    for document_type in ("giay moi", "thong bao"):
        found = header.titled(lines, document_type)
        if found:
            return found[1]
    return None
