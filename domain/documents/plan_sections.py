"""Tasks as the body of a plan lists them (its section II, "NHIỆM VỤ VÀ GIẢI PHÁP").

    2. Tổ chức triển khai …            ← section "2" (its number under the part)
    a) Triển khai Kế hoạch …          ← task 2.a: the item's text is the task's content
    - Cơ quan chủ trì: Phòng …         ← facts (see fields)
    - Thời gian thực hiện: Quý IV/2026.

An item counts as a task only when it states a lead, coordinators or a timeframe, so the
lettered aims of section I and the unnumbered prose of other parts never become tasks. A
numbered section with no lettered items that names a lead is itself a task (number None);
one that only states a time ("2. Hình thức, thời gian … - Thời gian: …") is not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.documents.fields import read_fields
from domain.documents.structure import heading, letter_gap, letter_item, to_roman


@dataclass
class SectionTask:
    part: int | None
    section: str | None
    letter: str | None
    ordinal: int
    content: str
    lead_text: str | None = None
    coordinators_text: str | None = None
    timeframe_text: str | None = None
    result_text: str | None = None
    at: int = -1  # the index of its first line: tasks read by other readers fall in between by it


@dataclass
class _Draft:
    part: int | None
    section: str | None
    letter: str | None
    at: int
    content: list[str] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)

    def is_task(self) -> bool:
        if self.letter is None:  # a numbered section is a task only when it names its lead
            return "lead" in self.facts
        return any(name in self.facts for name in ("lead", "coordinators", "timeframe"))


def read_section_tasks(
    lines: list[str], *, skip: frozenset[int] = frozenset(), others: list[SectionTask] | None = None
) -> tuple[list[SectionTask], list[str]]:
    """Tasks in document order and warnings (letters skipped within a section). Lines in `skip`
    are another reader's, whose tasks (`others`) are placed among these by their line."""
    tasks: list[SectionTask] = []
    warnings: list[str] = []
    part: int | None = None
    section: str | None = None
    section_title = ""
    last_letter: str | None = None
    draft: _Draft | None = None

    def close() -> None:
        nonlocal draft
        if draft is not None and draft.is_task():
            ordinal = 1 + sum(1 for task in tasks if task.section == draft.section and task.part == draft.part)
            tasks.append(SectionTask(
                part=draft.part, section=draft.section, letter=draft.letter, ordinal=ordinal,
                content=" ".join(draft.content).strip(),
                lead_text=draft.facts.get("lead"), coordinators_text=draft.facts.get("coordinators"),
                timeframe_text=draft.facts.get("timeframe"), result_text=draft.facts.get("result"),
                at=draft.at,
            ))
        draft = None

    for index, line in enumerate(lines):
        if index in skip:
            continue
        found = heading(line)
        if found:
            close()
            if found.level == "roman":
                part, section = found.number, None
            else:
                section, section_title = str(found.number), found.title
            last_letter = None
            continue
        item = letter_item(line)
        if item:
            close()
            letter, text = item
            skipped = letter_gap(last_letter, letter)
            if skipped and section is not None:
                where = f"sau {last_letter}) là {letter})" if last_letter else f"bắt đầu bằng {letter})"
                missing = ", ".join(f"{c})" for c in skipped)
                warnings.append(
                    f"Mục {section}: {where}, không thấy {missing}; kiểm tra xem văn bản có thiếu nhiệm vụ không."
                )
            last_letter = letter
            draft = _Draft(part, section, letter, index, [text] if text else [])
            continue
        facts = read_fields(line)
        if facts:
            if draft is None:
                draft = _Draft(part, section, None, index, [section_title] if section_title else [])
            for name, value in facts:
                if value and name not in draft.facts:
                    draft.facts[name] = value
            continue
        if draft is not None and not draft.facts:
            draft.content.append(line)  # the item's text runs on in a second paragraph
        else:
            close()
    close()
    if others:
        tasks = sorted(tasks + others, key=lambda task: task.at)
    return _label_parts(tasks), warnings


def _label_parts(tasks: list[SectionTask]) -> list[SectionTask]:
    """Sections are keyed by their arabic number; tasks from a second part get its numeral
    ("III.1") so two parts' section 1 never collide."""
    parts = [task.part for task in tasks]
    first = parts[0] if parts else None
    for task in tasks:
        if task.part != first and task.part is not None and task.section is not None:
            task.section = f"{to_roman(task.part)}.{task.section}"
    return tasks
