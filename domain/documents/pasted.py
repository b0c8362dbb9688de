"""Is a long chat message a document pasted in (a letter or a plan), or something said?

On Zalo a bot receives no files, so an organiser pastes the letter's text. Only a message that
has a document's shape is taken for one (several lines, a few hundred characters, and the marks
every administrative document has: "Kính gửi", "V/v", "Số: …", "Kế hoạch", "Công văn"); anything
else goes on to be understood as words (handlers.intents), as before.
"""

from __future__ import annotations

import re

from domain.text import fold

MIN_CHARS = 300
MIN_LINES = 4
# Folded (no diacritics, lower case): the heading and address marks of a Công văn, Giấy mời, Kế hoạch.
MARKS = re.compile(r"\bkinh gui\b|\bv/v\b|^\s*so\s*:|\bke hoach\b|\bcong van\b|\bgiay moi\b|\bthong bao\b"
                   r"|\bnoi nhan\b|\bde nghi\b.*\b(?:truoc|cham nhat)\b", re.MULTILINE)


def looks_like_document(text: str) -> bool:
    """Several lines, a few hundred characters, and at least two of a document's marks."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(text) < MIN_CHARS or len(lines) < MIN_LINES:
        return False
    folded = "\n".join(fold(line) for line in lines)  # line by line: "Số:" counts at a line's start only
    return len({match.group(0).strip() for match in MARKS.finditer(folded)}) >= 2
