"""File names made from titles: the whole title, folded, in words a file system accepts."""

from __future__ import annotations

import re

from domain.text import fold

_NOT_WORD = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 200  # file systems take 255 bytes; the name stays whole


def title_slug(title: str, fallback: str, limit: int = MAX_SLUG) -> str:
    """'Hội nghị … Quý IV/2026' → 'hoi-nghi-…-quy-iv-2026': every word (a '/' never makes a folder),
    cut only between words when the title is very long."""
    words = [w for w in _NOT_WORD.split(fold(title)) if w]
    slug = ""
    for word in words:
        if slug and len(slug) + 1 + len(word) > limit:
            break
        slug = f"{slug}-{word}" if slug else word[:limit]
    return slug or fallback
