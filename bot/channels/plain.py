"""Rendering replies as plain text, for channels without buttons (the console, Zalo)."""

from __future__ import annotations

import re

from handlers.engine import number_list
from handlers.paging import paginate
from handlers.texts import t
from handlers.types import Reply

_LEADING_SYMBOLS = re.compile(r"^[^\w(]+")


def spoken_label(label: str) -> str:
    """'➕ Thêm người' → 'Thêm người': what a person would type to pick the option."""
    return _LEADING_SYMBOLS.sub("", label).strip() or label


def render_plain(reply: Reply) -> str:
    """Text, then the choices as numbered lines and how to answer them (a number or the words)."""
    if not reply.choices:
        return reply.text
    lines = [reply.text, ""]
    lines += [f"{i}. {choice.label}" for i, choice in enumerate(reply.choices, start=1)]
    options = number_list(len(reply.choices))
    if len(reply.choices) == 1:
        lines.append(t("answer_numbers", options=options))
    else:
        lines.append(t("answer_numbers_or_words", options=options, example=spoken_label(reply.choices[0].label)))
    return "\n".join(lines)


def split_message(text: str, limit: int) -> list[str]:
    """Split at line breaks (or hard, for one overlong line) so no piece exceeds `limit`."""
    return paginate(text.split("\n"), limit)
