"""Long answers in pages: never cut, never one wall of text.

With buttons the next page is a choice; without (Zalo, the console) the person types "tiếp"
or a page number, and the footer says so.
"""

from __future__ import annotations

from domain.text import fold
from handlers.engine import route, set_state
from handlers.registry import flow
from handlers.texts import t
from handlers.types import Choice, Ctx, Inbound, Reply

FLOW = "pages"
PAGE_CHARS = 1800  # fits Zalo's 2,000-character messages with the page footer
NEXT_WORDS = frozenset({"tiep", "tiep theo", "xem tiep", "trang sau", "trang tiep", "sau", "next", "more", "+"})


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


def paged_reply(ctx: Ctx, blocks: list[str]) -> list[Reply]:
    """The first page; further pages wait in the conversation state behind a choice."""
    pages = paginate(blocks)
    if len(pages) == 1:
        set_state(ctx, None, None, {})
        return [Reply(pages[0])]
    set_state(ctx, FLOW, "page", {"pages": pages, "at": 0})
    return [_page(ctx, pages, 0)]


def _page(ctx: Ctx, pages: list[str], at: int) -> Reply:
    footer = t("page_footer", page=at + 1, pages=len(pages))
    if not ctx.caps.buttons:
        more = "page_typed_next" if at + 1 < len(pages) else "page_typed_last"
        return Reply(f"{pages[at]}\n\n{footer} · {t(more, pages=len(pages))}")
    choices = [Choice("next", t("btn_next_page"))] if at + 1 < len(pages) else []
    return Reply(f"{pages[at]}\n\n{footer}", choices)


def _wanted_page(ctx: Ctx, inbound: Inbound, count: int) -> int | None:
    """The page asked for: the next one (button, or "tiếp"), or a page number typed; else None."""
    at = int(ctx.data.get("at", 0))
    if inbound.choice == "next":
        return min(at + 1, count - 1)
    typed = fold(inbound.text or "").strip(" .!")
    if typed in NEXT_WORDS:
        return min(at + 1, count - 1)
    number = typed.removeprefix("trang").strip()
    if number.isdecimal() and 1 <= int(number) <= count:
        return int(number) - 1
    return None


@flow(FLOW)
async def next_page(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """Show the page asked for, or leave paging when the person types something else."""
    pages: list[str] = ctx.data.get("pages", [])
    at = _wanted_page(ctx, inbound, len(pages)) if pages else None
    if at is not None:
        if at + 1 >= len(pages) and ctx.caps.buttons:
            set_state(ctx, None, None, {})
        else:  # without buttons the last page stays open, so a page number still brings one back
            set_state(ctx, FLOW, "page", {"pages": pages, "at": at})
        return [_page(ctx, pages, at)]
    set_state(ctx, None, None, {})
    return await route(inbound, ctx)  # a new question while paging is simply a new question
