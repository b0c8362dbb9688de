"""User-facing words, one module per language; flows ask for a key, never write prose inline."""

from __future__ import annotations

from typing import Any

from handlers.texts import en, vi

_LANGS = {"vi": vi.TEXTS, "en": en.TEXTS}


def t(key: str, lang: str = "vi", /, **params: Any) -> str:
    """The text for `key` in `lang` (Vietnamese when that language lacks it), filled with `params`.

    Positional-only, so that a template may have a `{lang}` or `{key}` of its own."""
    template = _LANGS.get(lang, vi.TEXTS).get(key) or vi.TEXTS[key]
    return template.format(**params) if params else template


def commands_for(role: str | None, lang: str = "vi") -> list[tuple[str, str]]:
    """(command, description) pairs a role may use: the /help list and Telegram's command menu."""
    table = en.COMMANDS if lang == "en" else vi.COMMANDS
    allowed = vi.ROLE_COMMANDS.get(role or "guest", vi.ROLE_COMMANDS["guest"])
    return [(cmd, table[cmd]) for cmd in allowed]
