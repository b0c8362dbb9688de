"""The contact person a letter names: "Ông Đoàn Minh Hải, Chuyên viên Phòng …, số điện thoại:
0919.422.038". The name keeps its honorific as written; the phone is stored canonical."""

from __future__ import annotations

import re

from domain.documents.folding import fold_same_length
from domain.documents.models import ContactDoc
from domain.phones import find_phones

_CONTACT_WORDS = re.compile(r"\b(?:lien he|dau moi|dien thoai|sdt|dt)\b")
_HONORIFIC = re.compile(r"(?<!\w)(?:ong|ba|anh|chi|dong chi|d/c)\s+(?=\w)")
_PHONE_LABEL = re.compile(r"\s*[,;(–-]?\s*(?:so dien thoai|dien thoai|so dt|sdt|dt|di dong|dd|email|e-mail)\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SEPARATOR = " ,;:-–"


def read_contact(lines: list[str]) -> ContactDoc | None:
    """The first line that gives a phone number with a word of contact ("liên hệ", "điện thoại")."""
    for line in lines:
        phones = find_phones(line)
        if not phones or not _CONTACT_WORDS.search(fold_same_length(line)):
            continue
        written, canonical = phones[0]
        name, position = _name_and_position(line)
        email = _EMAIL.search(line)
        return ContactDoc(
            name=name, position=position, phone=canonical, phone_text=written,
            email=email.group(0) if email else None, text=line.strip(),
        )
    return None


def _name_and_position(line: str) -> tuple[str | None, str | None]:
    folded = fold_same_length(line)
    for honorific in _HONORIFIC.finditer(folded):
        end = honorific.end()
        words = 0
        for match in re.finditer(r"\S+", line[honorific.end():]):
            word = match.group(0)
            if not word[0].isupper():
                break
            words += 1
            end = honorific.end() + match.start() + len(word.rstrip(_SEPARATOR))
            if word != word.rstrip(_SEPARATOR) or words == 5:
                break
        if words < 2:
            continue
        name = line[honorific.start(): end]
        rest = line[end:]
        label = _PHONE_LABEL.search(fold_same_length(rest))
        position = rest[: label.start()] if label else rest.split(",")[1] if rest.count(",") > 1 else ""
        return name, position.strip(_SEPARATOR) or None
    return None, None
