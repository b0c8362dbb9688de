"""Tasks listed per unit under "TỔ CHỨC THỰC HIỆN", as a plan for a working session writes them.

    III. TỔ CHỨC THỰC HIỆN
    1. Phòng Quản lý TĐC:                              ← the lead of the duties below
    - Chủ trì xây dựng đề cương; thời gian: trước ngày 15/9/2026   ← task 1.1, its timeframe
    - Tổng hợp báo cáo gửi Sở trước ngày 20/9/2026.                ← task 1.2, the date it states
    2. Văn phòng Sở                                    ← "Văn phòng Sở: …" gives one task inline
    Chuẩn bị hội trường, tài liệu.                     ← a paragraph (Word's own bullets are not text)

Each bullet, lettered item or paragraph under the unit is a task with that unit as its lead; a
"+ …" line goes on the task above, and a line ending in ":" ("Chuẩn bị các nội dung sau:") leads
in each bullet below it. The listing ends at "Trên đây là …", "Nơi nhận" or the signature. Facts
written after a duty ("; phối hợp: …; thời gian: …") are read as the task's facts, and a duty
with no labelled time and one dated clause ("trước ngày 20/9/2026") has that as its timeframe,
so the date is the task's and not a second, separate deadline.

A listing where no duty states a time is a meeting plan's division of labour (seed 001: "Văn
phòng Sở – Phụ trách chung công tác đón tiếp …"), not tasks anyone is reminded of, and is left
to the other readers as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from domain.documents.deadlines import clauses, due_in
from domain.documents.fields import Field, read_fields, split_facts
from domain.documents.folding import fold_fast, fold_same_length
from domain.documents.names import looks_like_unit
from domain.documents.plan_merge import TimeContext
from domain.documents.plan_sections import SectionTask
from domain.documents.structure import heading, is_bullet, is_upper_line, letter_item, strip_bullet

_DUTIES_PART = re.compile(
    r"(?:to chuc thuc hien|phan cong (?:nhiem vu|thuc hien|trach nhiem)|trach nhiem thuc hien"
    r"|trach nhiem cua cac\b|nhiem vu cua cac (?:phong|don vi|co quan))"
)
_UNIT_PREFIX = re.compile(r"(?:trach nhiem cua|de nghi)\s+")
_LISTING_END = re.compile(r"(?:tren day la|noi nhan\b|kt\.? |tm\.? |giam doc\b)")
_UNIT_NAME_LIMIT = 80
_ROMAN_START = frozenset("IVXLC")


@dataclass
class _Unit:
    section: str
    name: str
    duties: list[SectionTask] = field(default_factory=list)
    intro: str | None = None  # "Chuẩn bị các nội dung sau:": each bullet below is a task of it


@dataclass
class _Listing:
    """One "TỔ CHỨC THỰC HIỆN" part: its units' duties and the lines they were read from."""

    part: int | None
    units: int = 0
    unit: _Unit | None = None
    tasks: list[SectionTask] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)
    dated: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class Duties:
    """`tasks` in document order; `taken`: lines that are the tasks' (the section reader skips
    them); `dated`: lines whose date became a task's timeframe (the deadline reader skips them)."""

    tasks: list[SectionTask]
    taken: frozenset[int]
    dated: frozenset[int]


def read_duties(lines: list[str], time: TimeContext) -> Duties:
    """The duties of every unit under each "TỔ CHỨC THỰC HIỆN" part whose listing gives times."""
    listings: list[_Listing] = []
    listing: _Listing | None = None
    for index, line in enumerate(lines):
        if listing is None and line[:1] not in _ROMAN_START and not line.isupper():
            continue  # outside a listing only a part's title matters (one check a line, not a parse)
        found = heading(line)
        if found is not None and found.level == "roman":
            listing = _Listing(found.number) if _DUTIES_PART.match(fold_fast(found.title)) else None
            if listing is not None:
                listings.append(listing)
            continue
        if found is None and is_upper_line(line) and _DUTIES_PART.fullmatch(fold_fast(line).rstrip(" :")):
            listing = _Listing(None)
            listings.append(listing)
            continue
        if listing is None:
            continue
        if found is None and (_LISTING_END.match(fold_fast(line)) or is_upper_line(line)):
            listing = None
            continue
        _read_line(listing, index, line, found.number if found else None, found.title if found else None, time)
    tasks: list[SectionTask] = []
    taken: set[int] = set()
    dated: set[int] = set()
    for each in listings:
        if any(task.timeframe_text for task in each.tasks):
            tasks += each.tasks
            taken |= each.lines
            dated |= each.dated
    return Duties(tasks, frozenset(taken), frozenset(dated))


def _read_line(
    listing: _Listing, index: int, line: str, number: int | None, title: str | None, time: TimeContext
) -> None:
    if title is not None:  # "1. Phòng Quản lý TĐC:" opens a unit; "2. Hình thức …" closes it
        listing.unit = _open_unit(listing, str(number), title)
        if listing.unit is not None and ":" in title and title.partition(":")[2].strip():
            _add(listing, index, title.partition(":")[2].strip(), None, time)
        return
    item = letter_item(line)
    listed = item is not None or is_bullet(line)
    if not listed and line.rstrip().endswith(":"):  # "Văn phòng Sở:", "Đề nghị UBND các xã, phường:"
        unit = _open_unit(listing, None, line)
        if unit is not None:
            listing.unit = unit
            listing.lines.add(index)
            return
    unit = listing.unit
    if unit is None:
        return
    if not listed and line.rstrip().endswith(":"):  # "Chuẩn bị các nội dung sau:" leads the bullets in
        unit.intro = line.strip()
        listing.lines.add(index)
        return
    if listed:
        text = item[1] if item else strip_bullet(line)
        facts = read_fields(line)
        if unit.duties and (facts or line.lstrip().startswith("+")):
            _extend(listing, unit.duties[-1], index, text, facts)  # "+ …" and "- Thời gian: …" belong above
            return
        _add(listing, index, text, item[0] if item else None, time)
    else:
        unit.intro = None
        _add(listing, index, line, None, time)  # a paragraph: Word's own bullets are not in the text


def _open_unit(listing: _Listing, section: str | None, title: str) -> _Unit | None:
    """The unit a heading names ("Phòng Quản lý TĐC:", "Trách nhiệm của Văn phòng Sở"), or None."""
    name = title.partition(":")[0].strip().rstrip(" .")
    prefix = _UNIT_PREFIX.match(fold_same_length(name))
    if prefix:
        name = name[prefix.end():].strip()
    if not name or len(name) > _UNIT_NAME_LIMIT or not looks_like_unit(name):
        return None
    listing.units += 1
    return _Unit(section or str(listing.units), name)


def _add(listing: _Listing, index: int, text: str, letter: str | None, time: TimeContext) -> None:
    unit = listing.unit
    if unit is None:
        return
    content, facts = split_facts(text)
    if unit.intro:
        content = f"{unit.intro} {content}"
    task = SectionTask(
        part=listing.part, section=unit.section, letter=letter or str(len(unit.duties) + 1),
        ordinal=len(unit.duties) + 1, content=content, lead_text=unit.name, at=index,
    )
    unit.duties.append(task)
    listing.tasks.append(task)
    listing.lines.add(index)
    _apply(task, facts)
    if task.timeframe_text is None:
        dated = [due for clause in clauses(content) if (due := due_in(clause, time.ref, time.year))
                 and due.expr.kind == "deadline"]
        if len(dated) == 1:
            task.timeframe_text = dated[0].due_text
            listing.dated.add(index)
    else:
        listing.dated.add(index)


def _extend(listing: _Listing, task: SectionTask, index: int, text: str, facts: list[tuple[Field, str]]) -> None:
    listing.lines.add(index)
    if facts:
        _apply(task, facts)
        if task.timeframe_text:
            listing.dated.add(index)
    else:
        task.content = f"{task.content} {text}".strip()


def _apply(task: SectionTask, facts: list[tuple[Field, str]]) -> None:
    """Facts written with a duty; a lead it names ("chủ trì: …") is its lead, not the heading's unit."""
    for name, value in facts:
        if name == "lead":
            task.lead_text = value
        elif name == "coordinators" and task.coordinators_text is None:
            task.coordinators_text = value
        elif name == "timeframe" and task.timeframe_text is None:
            task.timeframe_text = value
        elif name == "result" and task.result_text is None:
            task.result_text = value
