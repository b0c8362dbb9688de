"""Petitions (kiến nghị) of a dialogue conference: fields, states and their moves, numbering, cutoffs.

An enterprise registered for a meeting sends petitions until the petition cutoff (the meeting's
own, or else its registration cutoff); the organiser assigns each to a unit, which prepares the
answer by a deadline; the answer is given at the conference, in writing, or the petition is out of
scope with a reason (the plan: "Không giải quyết các kiến nghị liên quan đến thẩm quyền của cơ quan
tư pháp, kiến nghị của công dân"). Pure rules: no clock, no database, no chat.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.text import fold
from domain.workdays import WorkCalendar

FIELDS = ("standards", "metrology", "quality", "procedure", "other")
STATES = ("received", "assigned", "answered_at_conference", "answered_in_writing", "out_of_scope")
ANSWERED = ("answered_at_conference", "answered_in_writing")
CLOSED = (*ANSWERED, "out_of_scope")
# Where a petition may go from each state. An answer may be corrected (same or other answered
# state); a petition wrongly ruled out of scope can be assigned again.
MOVES: dict[str, frozenset[str]] = {
    "received": frozenset({"assigned", "out_of_scope", *ANSWERED}),
    "assigned": frozenset({"assigned", "out_of_scope", *ANSWERED}),
    "answered_at_conference": frozenset(ANSWERED),
    "answered_in_writing": frozenset(ANSWERED),
    "out_of_scope": frozenset({"assigned", "out_of_scope"}),
}
EDITABLE = ("received", "assigned")  # a petitioner may still correct it (before the cutoff)
MIN_CONTENT = 10
MAX_CONTENT = 3000
MAX_REASON = 500

# The words an organiser may type after /kiennghi to narrow the list (folded, so marks are optional).
FIELD_WORDS = {
    "standards": ("tieu chuan",),
    "metrology": ("do luong",),
    "quality": ("chat luong",),
    "procedure": ("thu tuc", "thu tuc hanh chinh"),
    "other": ("khac",),
}
STATE_WORDS = {
    "received": ("chua giao", "moi", "tiep nhan", "da tiep nhan"),
    "assigned": ("da giao", "dang xu ly", "cho tra loi", "chua tra loi"),
    "answered_at_conference": ("tai hoi nghi",),
    "answered_in_writing": ("bang van ban",),
    "out_of_scope": ("ngoai pham vi", "khong giai quyet"),
}


@dataclass(frozen=True)
class PetitionRules:
    """The deployment's settings ([petitions] in config.toml)."""

    max_per_unit: int = 10  # petitions one organisation may send for one meeting
    answer_days_after: int = 3  # the default answer deadline: working days after the meeting's day


def can_move(current: str, new: str) -> bool:
    return new in MOVES.get(current, frozenset())


def label(meeting_id: int, number: int) -> str:
    """'KN-12-03': the petition's number as printed on the receipt, the list and the report."""
    return f"KN-{meeting_id}-{number:02d}"


def cutoff_of(petition_cutoff: datetime | None, registration_cutoff: datetime | None) -> datetime | None:
    """The petition cutoff in force: the one the organiser set, else the registration cutoff."""
    return petition_cutoff if petition_cutoff is not None else registration_cutoff


def is_open(cutoff: datetime | None, status: str, now: datetime) -> bool:
    """Petitions are taken while the meeting is not cancelled and the cutoff (if any) is ahead."""
    return status != "cancelled" and (cutoff is None or now < cutoff)


def default_answer_due(start_at: datetime | None, rules: PetitionRules, calendar: WorkCalendar,
                       tz: ZoneInfo) -> datetime | None:
    """"Chậm nhất 03 ngày sau khi diễn ra": the end of the n-th working day after the meeting's day
    (an exclusive end, the next midnight); None for a meeting without a date (the organiser types one)."""
    if start_at is None:
        return None
    last: date = calendar.add_working_days(start_at.astimezone(tz).date(), rules.answer_days_after)
    return datetime.combine(last + timedelta(days=1), time(0, 0), tzinfo=tz)


def _take(words: str, table: dict[str, tuple[str, ...]]) -> tuple[str | None, str]:
    """The first key whose phrase (longest first) is in `words`, and the words without that phrase."""
    for key, phrases in table.items():
        for phrase in sorted(phrases, key=len, reverse=True):
            if phrase in words:
                return key, words.replace(phrase, " ")
    return None, words


def read_filter(typed: str) -> tuple[str | None, str | None, list[str]]:
    """(field, state, other words) from what follows /kiennghi: "đo lường chưa giao" → metrology, received."""
    found_field, words = _take(fold(typed), FIELD_WORDS)
    found_state, words = _take(words, STATE_WORDS)
    return found_field, found_state, words.split()


def check_content(text: str) -> str | None:
    """The reason a petition's text is refused ("too_short", "too_long"), or None."""
    stripped = text.strip()
    if len(stripped) < MIN_CONTENT:
        return "too_short"
    if len(stripped) > MAX_CONTENT:
        return "too_long"
    return None

