"""Rendering replies as plain text, for channels without buttons (the console, Zalo)."""

from __future__ import annotations

from handlers.paging import paginate
from handlers.texts import t
from handlers.types import Reply


def render_plain(reply: Reply) -> str:
    """Text, then the choices as numbered lines and how to answer them."""
    if not reply.choices:
        return reply.text
    lines = [reply.text, ""]
    lines += [f"{i}. {choice.label}" for i, choice in enumerate(reply.choices, start=1)]
    numbers = [str(i) for i in range(1, len(reply.choices) + 1)]
    options = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " hoặc " + numbers[-1]
    lines.append(t("answer_numbers", options=options))
    return "\n".join(lines)


def split_message(text: str, limit: int) -> list[str]:
    """Split at line breaks (or hard, for one overlong line) so no piece exceeds `limit`."""
    return paginate(text.split("\n"), limit)
