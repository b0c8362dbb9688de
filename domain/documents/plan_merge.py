"""One task from two listings: section II and the appendix table describe the same tasks.

A row of appendix group II pairs with section 2's task in the same position when their
texts agree; a row that does not is paired by text alone. The appendix adds the expected
result. Where the two disagree on lead, coordinators or timeframe, section II wins (it is
the signed body of the plan) and the user is told, because one of the two is a mistake.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise

from domain.documents.folding import fold_fast
from domain.documents.models import Source, TaskDoc
from domain.documents.names import same_units, split_names
from domain.documents.plan_appendix import AppendixRow
from domain.documents.plan_sections import SectionTask
from domain.documents.structure import to_roman
from domain.timeexpr import TimeExpr, parse_time

_SAME_PLACE = 0.5  # similarity enough when the position agrees
_ANYWHERE = 0.7  # similarity needed when it does not
_COMPARED_WORDS = 40
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class TimeContext:
    """The reference a plan's times are read against; a plan repeats "Thường xuyên" often,
    so each distinct text is parsed once."""

    ref: datetime
    year: int | None
    _seen: dict[str, TimeExpr] = field(default_factory=dict, compare=False, repr=False)

    def parse(self, text: str | None) -> TimeExpr | None:
        if not text:
            return None
        if text not in self._seen:
            self._seen[text] = parse_time(text, self.ref, self.year)
        return self._seen[text]


def similarity(first: str, second: str) -> float:
    """Dice coefficient of the word pairs of the two texts' beginnings (folded): 1.0 for the
    same task written twice, near 0 for two different tasks."""
    a, b = _pairs_of(first), _pairs_of(second)
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _pairs_of(text: str) -> set[tuple[str, str]]:
    words = _WORD.findall(fold_fast(text))[:_COMPARED_WORDS]
    return set(pairwise(words))


def merge_tasks(
    section_tasks: list[SectionTask], rows: list[AppendixRow], time: TimeContext
) -> tuple[list[TaskDoc], list[str]]:
    """The plan's tasks in section II order (appendix-only tasks after their section's), and
    warnings for tasks found in one listing only and for disagreements."""
    both = bool(section_tasks) and bool(rows)
    pairs = _pair(section_tasks, rows)
    paired_rows = {id(row) for row in pairs.values()}
    warnings: list[str] = []
    tasks: list[TaskDoc] = []
    for task in section_tasks:
        row = pairs.get(id(task))
        merged, problems = _merge(task, row, time)
        tasks.append(merged)
        warnings.extend(problems)
        if both and row is None:
            warnings.append(
                f"Nhiệm vụ {merged.label} có ở phần nội dung nhưng không thấy trong phụ lục: "
                f"«{_short(merged.content)}»."
            )
    for row in rows:
        if id(row) in paired_rows:
            continue
        merged = _from_row(row, time)
        if both:
            warnings.append(
                f"Nhiệm vụ {_row_label(row)} chỉ có trong phụ lục, không thấy ở phần nội dung: "
                f"«{_short(merged.content)}»."
            )
        _insert_after_section(tasks, merged)
    return tasks, warnings


def _pair(section_tasks: list[SectionTask], rows: list[AppendixRow]) -> dict[int, AppendixRow]:
    pairs: dict[int, AppendixRow] = {}
    used: set[int] = set()
    grouped = any(row.group is not None for row in rows)
    left: list[AppendixRow] = []
    for position, row in enumerate(rows):
        if grouped:
            candidates = [task for task in section_tasks if task.section == row.section]
            candidate = candidates[row.ordinal - 1] if row.ordinal <= len(candidates) else None
        else:
            candidate = section_tasks[position] if position < len(section_tasks) else None
        content = row.get("content") or ""
        fits = candidate is not None and id(candidate) not in used
        if candidate is not None and fits and similarity(candidate.content, content) >= _SAME_PLACE:
            pairs[id(candidate)] = row
            used.add(id(candidate))
        else:
            left.append(row)
    for row in left:
        scored = [
            (similarity(task.content, row.get("content") or ""), index)
            for index, task in enumerate(section_tasks) if id(task) not in used
        ]
        if scored:
            score, index = max(scored)
            if score >= _ANYWHERE:
                pairs[id(section_tasks[index])] = row
                used.add(id(section_tasks[index]))
    return pairs


def _merge(task: SectionTask, row: AppendixRow | None, time: TimeContext) -> tuple[TaskDoc, list[str]]:
    lead = split_names(task.lead_text)
    coordinators = split_names(task.coordinators_text)
    timeframe_text = task.timeframe_text
    source: Source = "section"
    problems: list[str] = []
    label = ".".join(part for part in (task.section, task.letter) if part) or "?"
    if row is not None:
        source = "both"
        row_lead = split_names(row.get("lead"))
        row_coordinators = split_names(row.get("coordinators"))
        where = f"phụ lục (dòng {_row_label(row)})"
        if not lead and not task.lead_text:
            lead = row_lead
        if not coordinators and not task.coordinators_text:
            coordinators = row_coordinators
        lead_differs = bool(row_lead) and not same_units(lead, row_lead)
        coordinators_differ = bool(row_coordinators) and not same_units(coordinators, row_coordinators)
        if lead_differs or coordinators_differ:
            problems.append(
                f"Nhiệm vụ {label}: phần nội dung ghi chủ trì «{_names(lead)}», phối hợp «{_names(coordinators)}»; "
                f"{where} ghi chủ trì «{_names(row_lead)}», phối hợp «{_names(row_coordinators)}». "
                "Đã lấy theo phần nội dung."
            )
        row_time = row.get("timeframe")
        if timeframe_text is None:
            timeframe_text = row_time
        elif row_time and not _same_time(timeframe_text, row_time, time):
            problems.append(
                f"Nhiệm vụ {label}: phần nội dung ghi thời gian «{timeframe_text}», {where} ghi «{row_time}». "
                "Đã lấy theo phần nội dung."
            )
    content = task.content or (row.get("content") if row else None) or ""
    result = task.result_text or (row.get("result") if row else None)
    return TaskDoc(
        section=task.section, number=task.letter or (str(row.number) if row else None),
        row=row.number if row else None, content=content, expected_result=result,
        lead=lead, coordinators=coordinators, timeframe_text=timeframe_text,
        timeframe=time.parse(timeframe_text), source=source,
    ), problems


def _from_row(row: AppendixRow, time: TimeContext) -> TaskDoc:
    timeframe_text = row.get("timeframe")
    return TaskDoc(
        section=row.section, number=str(row.number), row=row.number, content=row.get("content") or "",
        expected_result=row.get("result"), lead=split_names(row.get("lead")),
        coordinators=split_names(row.get("coordinators")), timeframe_text=timeframe_text,
        timeframe=time.parse(timeframe_text), source="appendix",
    )


def _same_time(first: str, second: str, time: TimeContext) -> bool:
    a, b = time.parse(first), time.parse(second)
    if a and b and a.kind != "unknown" and b.kind != "unknown":
        return (a.kind, a.start, a.end) == (b.kind, b.start, b.end)
    return fold_fast(first).strip(" .") == fold_fast(second).strip(" .")


def _insert_after_section(tasks: list[TaskDoc], task: TaskDoc) -> None:
    positions = [index for index, existing in enumerate(tasks) if existing.section == task.section]
    if positions:
        tasks.insert(positions[-1] + 1, task)
    else:
        tasks.append(task)


def _row_label(row: AppendixRow) -> str:
    return f"{to_roman(row.group)}.{row.number}" if row.group else str(row.number)


def _names(names: tuple[str, ...]) -> str:
    return "; ".join(names) if names else "—"


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
