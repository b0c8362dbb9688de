"""Rules for the people a unit registers: what a name, position, phone and e-mail must look like.

Pure checks that return the cleaned value or raise InvalidInput with a code the handlers
turn into a Vietnamese explanation with an example.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from domain.errors import InvalidInput
from domain.phones import canonical_phone
from domain.text import clean_text, normalize

MAX_NAME = 120
MAX_POSITION = 200
MAX_EMAIL = 254
MAX_ATTENDEES = 50
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
SKIP_WORDS = frozenset({"-", "bo qua", "bỏ qua", "khong", "không", "skip", "k", "ko", "khong co", "không có"})


@dataclass
class AttendeeDraft:
    """An attendee as the conversation holds it before it is saved."""

    full_name: str
    position: str | None
    phone: str
    email: str | None = None
    is_focal_point: bool = False

    def to_data(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> AttendeeDraft:
        """The name and phone are always there (the flow asks for them first); the rest may be left out."""
        return cls(full_name=data["full_name"], position=data.get("position"), phone=data["phone"],
                   email=data.get("email"), is_focal_point=bool(data.get("is_focal_point")))


def _letters_only(text: str) -> bool:
    """Letters (any script's, with their marks), spaces, and the few marks names use."""
    for ch in text:
        cat = unicodedata.category(ch)
        if not (cat.startswith("L") or cat.startswith("M") or ch in " .'-"):
            return False
    return True


def _title_word(word: str) -> str:
    """'nguyễn' or 'NGUYỄN' → 'Nguyễn'; a word already written with capitals inside ('McKay') is kept."""
    if not (word.islower() or word.isupper()):
        return word
    return "-".join(_one(part[:1], str.upper) + "".join(_one(ch, str.lower) for ch in part[1:])
                    for part in word.split("-"))


def _one(ch: str, case: Callable[[str], str]) -> str:
    """`ch` in the other case when that is one character ('ß' has no one-letter capital: kept)."""
    changed = case(ch)
    return changed if len(changed) == len(ch) else ch


def title_case_name(name: str) -> str:
    """A name in the usual Vietnamese form: every syllable capitalised, the rest lower case, NFC.

    Only words typed all in lower case or all in capitals change (the common slips: a phone
    keyboard with no shift, or a name copied from a form in capitals).
    """
    return unicodedata.normalize("NFC", " ".join(_title_word(w) for w in name.split(" ")))


def clean_name(text: str) -> str:
    """A full name: 2–120 characters, letters and spaces; NFC, single spaces, in title case."""
    name = title_case_name(normalize(clean_text(text, broken="")))
    if len(name) > MAX_NAME:
        raise InvalidInput("bad_name_long", limit=MAX_NAME)
    if len(name) < 2 or not _letters_only(name) or not any(ch.isalpha() for ch in name):
        raise InvalidInput("bad_name")
    return name


def clean_position(text: str) -> str | None:
    """A position as typed (NFC, single spaces, no invisible characters), or None when skipped."""
    position = normalize(clean_text(text, broken=""))
    if position.casefold() in SKIP_WORDS:
        return None
    if len(position) > MAX_POSITION:
        raise InvalidInput("bad_position_long", limit=MAX_POSITION)
    if not any(ch.isalpha() for ch in position):
        raise InvalidInput("bad_position")
    return position


def clean_phone(text: str) -> str:
    phone = canonical_phone(text)
    if phone is None:
        raise InvalidInput("bad_phone")
    return phone


def clean_email(text: str) -> str | None:
    email = normalize(clean_text(text, broken=""))
    if email.casefold() in SKIP_WORDS:
        return None
    if len(email) > MAX_EMAIL or not _EMAIL.match(email):
        raise InvalidInput("bad_email")
    return email.lower()


def phone_taken(attendees: list[AttendeeDraft], phone: str | None, *, except_index: int | None = None) -> bool:
    """Whether another person on the list already has this phone (one person, one number); no phone is nobody's."""
    return any(p.phone == phone for i, p in enumerate(attendees) if i != except_index)


def check_list(attendees: list[AttendeeDraft]) -> None:
    """A list ready to send: one focal point, no phone twice, not absurdly long."""
    if len(attendees) > MAX_ATTENDEES:
        raise InvalidInput("too_many_attendees", limit=MAX_ATTENDEES)
    phones = [a.phone for a in attendees]
    if len(set(phones)) != len(phones):
        raise InvalidInput("duplicate_phone")
    if attendees and sum(a.is_focal_point for a in attendees) != 1:
        raise InvalidInput("need_one_focal_point")


def registration_open(cutoff: datetime | None, status: str, now: datetime) -> bool:
    """Open while the meeting is open and the cutoff (exclusive) has not come."""
    return status == "open" and (cutoff is None or now < cutoff)
