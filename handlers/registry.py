"""Where flows register their commands and steps, so the engine needs no list of features."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from handlers.types import Ctx, Inbound, Reply

Step = Callable[[Ctx, Inbound], Awaitable[list[Reply]]]

COMMANDS: dict[str, Step] = {}
FLOWS: dict[str, Step] = {}
FREE_TEXT: list[Step] = []  # tried in order for text outside any flow; the first non-empty answer wins
FILES: list[Step] = []  # the same for a file sent outside any flow
# After FREE_TEXT: the intent layer (handlers/intents.py), which reads what plain words mean and
# always answers; and the direct answers it can give, by name (an intent's action that is not a command).
UNDERSTAND: list[Step] = []
ANSWERS: dict[str, Step] = {}
# Asked by /huy before it ends flow `name`: replies that ask first (unsent changes), or [] to go ahead.
CANCEL_GUARDS: dict[str, Step] = {}

# English and Vietnamese names of the same command; the key is what we register under.
ALIASES = {
    "trogiup": "help",
    "huy": "cancel",
    "register": "dangky",
    "roster": "danhsach",
    "missing": "chuadangky",
    "export": "xuat",
    "tasks": "viec",
    "progress": "capnhat",
    "report": "baocao",
    "meetings": "hoinghi",
    "link": "lienket",
    "reminders": "nhacviec",
    "mute": "tatnhac",
    "unmute": "batnhac",
    "linkaccount": "lienketzalo",
    "members": "thanhvien",
    "revoke": "thuhoi",
    "petitions": "kiennghi",
    "petition": "guikiennghi",
    "petitioncutoff": "hankiennghi",
    "conclusion": "ketluan",
}


def command(*names: str) -> Callable[[Step], Step]:
    """Register a step as the handler of /name."""

    def wrap(fn: Step) -> Step:
        for name in names:
            COMMANDS[name] = fn
        return fn

    return wrap


def flow(name: str) -> Callable[[Step], Step]:
    """Register the step function that continues flow `name` on the next message."""

    def wrap(fn: Step) -> Step:
        FLOWS[name] = fn
        return fn

    return wrap


def free_text(fn: Step) -> Step:
    FREE_TEXT.append(fn)
    return fn


def understand(fn: Step) -> Step:
    """Register the step that reads free text no FREE_TEXT handler recognised."""
    UNDERSTAND.append(fn)
    return fn


def answer(name: str) -> Callable[[Step], Step]:
    """Register a direct answer an intent can lead to (see handlers/texts/intents_vi.py)."""

    def wrap(fn: Step) -> Step:
        ANSWERS[name] = fn
        return fn

    return wrap


def file_handler(fn: Step) -> Step:
    FILES.append(fn)
    return fn


def before_cancel(name: str) -> Callable[[Step], Step]:
    """Register what /huy asks before it ends flow `name` (see CANCEL_GUARDS)."""

    def wrap(fn: Step) -> Step:
        CANCEL_GUARDS[name] = fn
        return fn

    return wrap
