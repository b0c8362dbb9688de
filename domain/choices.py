"""Answering a list of choices by typing: the number, or the words of the option.

On channels without buttons (Zalo, the console) people answer "2", or type what the option
says ("xác nhận gửi", "bỏ qua", a person's name). Comparison is on folded words, so case,
diacritics, emoji and punctuation do not matter.
"""

from __future__ import annotations

import re

from domain.text import fold

_WORDS = re.compile(r"[^\W_]+")
MIN_PARTIAL = 3  # a shorter typed fragment ("an", "c") is too easily part of something else


def label_words(label: str) -> str:
    """'✅ Xác nhận gửi' → 'xac nhan gui': the folded words of a label, nothing else."""
    return " ".join(_WORDS.findall(fold(label)))


def match_label(typed: str, labels: list[str]) -> int | None:
    """The index of the one option the typed words name, or None (no match, or several).

    A whole label matches first; otherwise the typed words must appear, whole and in order,
    in exactly one label ("xác nhận" → "✅ Xác nhận gửi", "Văn An" → "Nguyễn Văn An – 0919…").
    `labels` may be given as label_words already (they are kept that way in a conversation).
    """
    words = label_words(typed)
    if not words:
        return None
    known = [label_words(label) for label in labels]
    exact = [i for i, label in enumerate(known) if label == words]
    if len(exact) == 1:
        return exact[0]
    if exact or len(words) < MIN_PARTIAL:
        return None
    partial = [i for i, label in enumerate(known) if f" {words} " in f" {label} "]
    return partial[0] if len(partial) == 1 else None
