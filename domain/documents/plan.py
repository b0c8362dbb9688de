"""Reading a Kế hoạch (plan) into a PlanDoc: header, tasks, report deadlines, warnings.

The text is cut in two at the appendix ("PHỤ LỤC"): tasks are read from the body's lettered
items (plan_sections) and from the appendix table (plan_appendix), then merged into one
list (plan_merge). Deadlines are the dated clauses of the body outside the task facts.
A plan with only one of the two listings reads the same way, without "found in one place"
warnings. Tasks listed per unit under "TỔ CHỨC THỰC HIỆN" are read by plan_duties. Footnotes
and Markdown escapes go before cleanup, heading marks after it (footnotes, markdown); a unit written with an en dash
in one place and a hyphen in another is given one spelling (names.OneSpelling). Reading never
raises on text: whatever cannot be read becomes a warning.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from domain.documents import header
from domain.documents.cleanup import clean_lines
from domain.documents.deadlines import clauses, deadline_from, due_in, lead_in_owner
from domain.documents.fields import read_fields
from domain.documents.fingerprint import text_fingerprint
from domain.documents.footnotes import strip_footnotes
from domain.documents.markdown import unescape, unmark
from domain.documents.models import DeadlineDoc, PlanDoc, TaskDoc
from domain.documents.names import OneSpelling, looks_like_unit
from domain.documents.plan_appendix import appendix_start, read_appendix
from domain.documents.plan_duties import read_duties
from domain.documents.plan_merge import TimeContext, merge_tasks
from domain.documents.plan_sections import read_section_tasks
from domain.documents.structure import heading


def read_plan(text: str, ref: datetime | None = None) -> PlanDoc:
    """Read a plan. `ref` is "today" for time expressions; by default 1 January of the plan's
    year (a plan's dates are in its year), or now when the plan states no year."""
    lines = unmark(clean_lines(unescape(strip_footnotes(text)) if isinstance(text, str) else ""))
    start = appendix_start(lines)
    body = lines if start is None else lines[:start]
    appendix = [] if start is None else lines[start:]

    place, year = header.place_and_year(lines)
    found_title = header.titled(body, "ke hoach")
    title = found_title[1] if found_title else None
    if year is None:  # an undated draft: the year its title (or the appendix's) is about
        year = header.most_common_year(title) or header.most_common_year(" ".join(appendix[:3]))
    if ref is None:
        ref = datetime(year, 1, 1) if year else datetime.now().replace(second=0, microsecond=0)
    time = TimeContext(ref, year)

    duties = read_duties(body, time)
    section_tasks, warnings = read_section_tasks(body, skip=duties.taken, others=duties.tasks)
    rows, appendix_warnings = read_appendix(appendix) if appendix else ([], [])
    tasks, merge_warnings = merge_tasks(section_tasks, rows, time)
    spelling = OneSpelling()
    tasks = [_spelled(task, spelling) for task in tasks]
    warnings += appendix_warnings + merge_warnings
    if not tasks:
        warnings.append(
            "Không tìm thấy nhiệm vụ nào (mục có «Cơ quan chủ trì», «Thời gian thực hiện» hoặc bảng phụ lục)."
        )
    seen: set[str] = set()
    for label in (task.label for task in tasks):
        if label in seen:
            warnings.append(f"Có hơn một nhiệm vụ mang số {label}: kiểm tra cách đánh số mục trong văn bản.")
        seen.add(label)
    for task in tasks:
        if task.timeframe is not None and task.timeframe.kind == "unknown":
            warnings.append(f"Nhiệm vụ {task.label}: chưa hiểu thời gian «{task.timeframe_text}».")
        if not task.lead:
            warnings.append(f"Nhiệm vụ {task.label}: không ghi cơ quan chủ trì.")

    budget_text, budget_amount = header.budget(body)
    signer, signer_title = header.signer(body)
    return PlanDoc(
        number=header.document_number(lines),
        title=title,
        issuer=header.issuer(lines),
        place=place,
        year=year,
        legal_basis=header.legal_basis(body),
        budget_text=budget_text,
        budget_amount=budget_amount,
        signer=signer,
        signer_title=signer_title,
        tasks=tuple(tasks),
        deadlines=tuple(_spelled_deadline(found, spelling) for found in _deadlines(body, time, duties.dated)),
        warnings=tuple(warnings),
        text_hash=text_fingerprint(text) if isinstance(text, str) else None,
    )


def _spelled(task: TaskDoc, spelling: OneSpelling) -> TaskDoc:
    """The task with its units in the plan's one spelling (itself when nothing changes)."""
    lead, coordinators = spelling.names(task.lead), spelling.names(task.coordinators)
    if (lead, coordinators) == (task.lead, task.coordinators):
        return task
    return replace(task, lead=lead, coordinators=coordinators)


def _spelled_deadline(deadline: DeadlineDoc, spelling: OneSpelling) -> DeadlineDoc:
    owed_by, onward_to = spelling.names(deadline.owed_by), spelling.names(deadline.onward_to)
    to = spelling.name(deadline.to) if deadline.to else deadline.to
    if (owed_by, to, onward_to) == (deadline.owed_by, deadline.to, deadline.onward_to):
        return deadline
    return replace(deadline, owed_by=owed_by, to=to, onward_to=onward_to)


def _deadlines(body: list[str], time: TimeContext, dated: frozenset[int]) -> list[DeadlineDoc]:
    """Dated clauses of the body, except a task's own timeframe line (and a duty's `dated` line)."""
    found: list[DeadlineDoc] = []
    owner: tuple[str, ...] = ()
    lead_in: tuple[str, ...] = ()
    for index, line in enumerate(body):
        if "\t" in line or read_fields(line):
            continue
        section = heading(line)
        if section is not None:
            short_unit = section.level == "arabic" and len(section.title) <= 80 and looks_like_unit(section.title)
            owner = (section.title.rstrip(" .:"),) if short_unit else ()
        if index in dated:
            continue
        if lead_in_owner(line):
            lead_in = lead_in_owner(line)
            continue
        for clause in clauses(line):
            due = due_in(clause, time.ref, time.year)
            if due is not None:
                found.append(deadline_from(due, owner=lead_in or owner))
        if not line.lstrip().startswith(("-", "+", "•")):
            lead_in = ()
    return found
