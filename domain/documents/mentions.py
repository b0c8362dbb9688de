"""The unit names a read document mentions, and those the unit directory does not know.

The organiser sees the unknown ones in the summary, before "Lưu": a name stored unmatched
means a task or a meeting nobody is reminded of.
"""

from __future__ import annotations

from domain.documents.models import MeetingDoc, PlanDoc, RequestDoc
from domain.documents.units import UnitIndex


def plan_unit_names(doc: PlanDoc) -> list[str]:
    """Leads and coordinators of every task, who owes each deadline and who receives it."""
    names = [name for task in doc.tasks for name in (*task.lead, *task.coordinators)]
    for deadline in doc.deadlines:
        names += [*deadline.owed_by, *([deadline.to] if deadline.to else [])]
    return names


def letter_unit_names(doc: MeetingDoc) -> list[str]:
    """The invited units ("Kính gửi"), and who owes and receives each follow-up."""
    names = list(doc.invited)
    for deadline in doc.follow_ups:
        names += [*deadline.owed_by, *([deadline.to] if deadline.to else [])]
    return names


def request_unit_names(doc: RequestDoc) -> list[str]:
    """Who owes each request of a letter, and who receives it."""
    return [name for item in doc.requests for name in (*item.owed_by, *([item.to] if item.to else []))]


def unmatched_names(index: UnitIndex, names: list[str]) -> list[str]:
    """The names that match no unit and no group, each once, in the document's order."""
    return [name for name in dict.fromkeys(names) if index.match(name).status == "unmatched"]
