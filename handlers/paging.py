"""Long answers in pages: never cut, never one wall of text.

With buttons the next page is a choice; without (Zalo, the console) the person types "tiếp"
or a page number, and the footer says so.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from domain.text import fold
from handlers.engine import route, set_state
from handlers.registry import flow
from handlers.texts import t
from handlers.types import Choice, Ctx, Inbound, Reply

FLOW = "pages"
PAGE_CHARS = 1800  # fits Zalo's 2,000-character messages with the page footer
NEXT_WORDS = frozenset({"tiep", "tiep theo", "xem tiep", "trang sau", "trang tiep", "sau", "next", "more", "+"})
PREV_WORDS = frozenset({"truoc", "trang truoc", "lui", "quay lai", "prev", "previous", "back", "-"})
_OPEN = re.compile(r"^(?:xem|mo|open|so|nhiem vu|viec|#)?\s*#?(\d{1,4})$")
# What a numbered line of a paged answer opens ("xem 3"), by the kind the answer registered.
Opener = Callable[[Ctx, int], Awaitable[list[Reply]]]
OPENERS: dict[str, Opener] = {}


CHOICES_PER_PAGE = 10  # a choice list longer than this is paged, never "answer 1, 2, … or 21"


def choice_page(choices: list[Choice], at: int, text: str, pages_key: str) -> Reply:
    """Page `at` of a long choice list, with "Trang trước"/"Trang sau" and, when there is more
    than one page, the `pages_key` footer (which says what can be typed to search)."""
    size = CHOICES_PER_PAGE
    shown = choices[at * size:(at + 1) * size]
    if at > 0:
        shown.append(Choice("prev", t("btn_prev_page")))
    if (at + 1) * size < len(choices):
        shown.append(Choice("next", t("btn_next_page")))
    pages = (len(choices) + size - 1) // size
    footer = "\n" + t(pages_key, page=at + 1, pages=pages) if pages > 1 else ""
    return Reply(text + footer, shown)


def turned(at: int, choice: str | None, count: int) -> int:
    """The page a "next"/"prev" choice leads to from page `at` of `count` choices, kept in range."""
    return max(0, min(at + (1 if choice == "next" else -1), (count - 1) // CHOICES_PER_PAGE))


def paginate(blocks: list[str], limit: int = PAGE_CHARS) -> list[str]:
    """Join blocks into pages of at most `limit` characters; a block is never split across pages
    unless it alone is longer than a page."""
    pages: list[str] = []
    current = ""
    for block in blocks:
        while len(block) > limit:
            if current:
                pages.append(current)
                current = ""
            pages.append(block[:limit])
            block = block[limit:]
        candidate = f"{current}\n{block}" if current else block
        if len(candidate) > limit:
            pages.append(current)
            current = block
        else:
            current = candidate
    if current or not pages:
        pages.append(current)
    return pages


def paged_reply(ctx: Ctx, blocks: list[str], items: dict[str, int] | None = None, kind: str = "") -> list[Reply]:
    """The first page; further pages wait in the conversation state behind a choice.

    `items` maps the numbers of the answer's lines to what `OPENERS[kind]` opens in full: then the
    state stays open even for one page, and a typed number opens a line instead of a page."""
    pages = paginate(blocks)
    if len(pages) == 1 and not items:
        set_state(ctx, None, None, {})
        return [Reply(pages[0])]
    set_state(ctx, FLOW, "page", {"pages": pages, "at": 0, "items": items or {}, "kind": kind})
    return [_page(ctx, pages, 0, bool(items))]


def _page(ctx: Ctx, pages: list[str], at: int, items: bool = False) -> Reply:
    if len(pages) == 1:
        return Reply(pages[0])
    footer = t("page_footer", page=at + 1, pages=len(pages))
    if not ctx.caps.buttons:
        if items:  # numbers open lines here, so pages are named by words
            more = "page_items_next" if at + 1 < len(pages) else "page_items_last"
        else:
            more = "page_typed_next" if at + 1 < len(pages) else "page_typed_last"
        return Reply(f"{pages[at]}\n\n{footer} · {t(more, pages=len(pages))}")
    choices = [Choice("prev", t("btn_prev_page"))] if at > 0 else []
    choices += [Choice("next", t("btn_next_page"))] if at + 1 < len(pages) else []
    return Reply(f"{pages[at]}\n\n{footer}", choices)


def _wanted_page(ctx: Ctx, inbound: Inbound, count: int) -> int | None:
    """The page asked for: the next one (button, or "tiếp"), or a page number typed; else None."""
    at = int(ctx.data.get("at", 0))
    if inbound.choice == "next":
        return min(at + 1, count - 1)
    if inbound.choice == "prev":
        return max(at - 1, 0)
    typed = fold(inbound.text or "").strip(" .!")
    if typed in NEXT_WORDS:
        return min(at + 1, count - 1)
    if typed in PREV_WORDS:
        return max(at - 1, 0)
    number = typed.removeprefix("trang").strip()
    if ctx.data.get("items") and not typed.startswith("trang"):
        return None  # a bare number opens a line of the answer
    if number.isdecimal() and 1 <= int(number) <= count:
        return int(number) - 1
    return None


@flow(FLOW)
async def next_page(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """Show the page asked for, or leave paging when the person types something else."""
    pages: list[str] = ctx.data.get("pages", [])
    items: dict[str, int] = ctx.data.get("items", {})
    kind = str(ctx.data.get("kind", ""))
    at = _wanted_page(ctx, inbound, len(pages)) if pages else None
    if at is not None:
        # The state stays open on every page, so "trước" and a page number still bring one back.
        set_state(ctx, FLOW, "page", {"pages": pages, "at": at, "items": items, "kind": kind})
        return [_page(ctx, pages, at, bool(items))]
    opened = _OPEN.match(fold(inbound.text or "").strip(" .!")) if items and kind in OPENERS else None
    if opened is not None:
        if opened.group(1).lstrip("0") in items:
            return await OPENERS[kind](ctx, items[opened.group(1).lstrip("0")])
        return [Reply(t("page_no_item", n=opened.group(1), last=len(items)))]
    set_state(ctx, None, None, {})
    return await route(inbound, ctx)  # a new question while paging is simply a new question
