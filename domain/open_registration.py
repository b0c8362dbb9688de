"""Open registration by link: the rules for the codes in a public notice and for what an
enterprise types about itself, with no invite and no directory entry behind it.

The link's code is long and random (a deep link carries it, nobody types it); the Zalo code is
short enough to type from a notice, and so is only as safe as the guess limit that counts every
wrong one (domain/guess_limit.py).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from domain.attendees import clean_name, clean_phone, registration_open
from domain.errors import InvalidInput
from domain.tax_codes import clean_tax_code
from domain.text import clean_text, normalize

LINK_PREFIX = "dk_"  # a deep-link payload of ours that opens registration (invites have none, and 40+ characters)
LINK_RANDOM_BYTES = 16  # 128 bits: 22 URL-safe characters
SHORT_PREFIX = "DN"  # doanh nghiệp
SHORT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I/1, O/0: read from a notice, typed by hand
SHORT_LENGTH = 7  # 35 bits after the prefix; 9 characters in all, never a link code's 8
MIN_ORG_NAME, MAX_ORG_NAME = 3, 200
MIN_ADDRESS, MAX_ADDRESS = 5, 500
FIELDS = ("name", "tax_code", "address", "contact_name", "contact_phone")

_LINK_CODE = re.compile(r"(?<![A-Za-z0-9_-])dk_[A-Za-z0-9_-]{22}(?![A-Za-z0-9_-])")


def link_code_in(text: str) -> str | None:
    """The link's code in what was pasted: the payload alone, or inside a t.me link or a sentence."""
    found = _LINK_CODE.findall(text) or _LINK_CODE.findall("".join(text.split()))
    return found[0] if len(found) == 1 else None


def normalise_short_code(text: str) -> str | None:
    """'dn-k7qm 2px', 'DN K7QM2PX' → 'DNK7QM2PX'; None for anything not shaped like ours.

    Ours always mix letters and digits after the prefix, so a word that happens to start with
    "dn" is not taken for a code (and not counted as a wrong guess)."""
    code = "".join(text.split()).replace("-", "").upper()
    if len(code) != len(SHORT_PREFIX) + SHORT_LENGTH or not code.startswith(SHORT_PREFIX):
        return None
    rest = code[len(SHORT_PREFIX):]
    if any(c not in SHORT_ALPHABET for c in rest) or rest.isalpha() or rest.isdigit():
        return None
    return code


# Not glued to letters, digits, _ or -: a piece of an invite code (URL-safe characters) is never read as ours.
_SHORT_IN_TEXT = re.compile(r"(?<![A-Za-z0-9_-])DN[ -]?[A-Za-z0-9]{7}(?![A-Za-z0-9_-])", re.I)


def short_code_in(text: str) -> str | None:
    """The Zalo code in what was typed: alone (spaced or dashed anyhow), or once inside a sentence
    ("mã DN-K7QM2PX ạ"); None when there is none, or two."""
    alone = normalise_short_code(text)
    if alone is not None:
        return alone
    found = {c for c in (normalise_short_code(m) for m in _SHORT_IN_TEXT.findall(text)) if c}
    return found.pop() if len(found) == 1 else None


def show_short_code(code: str) -> str:
    """'DNK7QM2PX' → 'DN-K7QM2PX', as the notice prints it."""
    return f"{code[:len(SHORT_PREFIX)]}-{code[len(SHORT_PREFIX):]}"


def link_state(*, open_code: str | None, closed_at: datetime | None, status: str, cutoff: datetime | None,
               now: datetime) -> str:
    """What the public link does now: 'open', or why not ('never', 'closed', 'cancelled', 'past_cutoff')."""
    if status == "cancelled":
        return "cancelled"
    if open_code is None:
        return "never"
    if closed_at is not None:
        return "closed"
    if not registration_open(cutoff, status, now):
        return "past_cutoff"
    return "open"


def clean_org_name(text: str) -> str:
    """An organisation's name as written on its licence: NFC, single spaces, 3–200 characters with letters."""
    name = normalize(clean_text(text, broken=""))
    if len(name) > MAX_ORG_NAME:
        raise InvalidInput("org_name_long", limit=MAX_ORG_NAME)
    if len(name) < MIN_ORG_NAME or sum(ch.isalpha() for ch in name) < 2:
        raise InvalidInput("org_name_bad")
    return name


def clean_address(text: str) -> str:
    """A head-office address: 5–500 characters with letters (a number alone is not an address)."""
    address = normalize(clean_text(text, broken=""))
    if len(address) > MAX_ADDRESS:
        raise InvalidInput("org_address_long", limit=MAX_ADDRESS)
    if len(address) < MIN_ADDRESS or not any(ch.isalpha() for ch in address):
        raise InvalidInput("org_address_bad")
    return address


CLEAN = {"name": clean_org_name, "tax_code": clean_tax_code, "address": clean_address,
         "contact_name": clean_name, "contact_phone": clean_phone}


@dataclass(frozen=True)
class EnterpriseDetails:
    """What an enterprise tells about itself, each field already cleaned."""

    name: str
    tax_code: str
    address: str
    contact_name: str
    contact_phone: str

    def to_data(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> EnterpriseDetails:
        return cls(**{f: str(data[f]) for f in FIELDS})
