"""Long answers in pages with a "next page" choice: never cut, never one wall of text."""

from __future__ import annotations

from handlers.engine import route, set_state
from handlers.registry import flow
from handlers.texts import t
from handlers.types import Choice, Ctx, Inbound, Reply

FLOW = "pages"
PAGE_CHARS = 1800  # fits Zalo's 2,000-character messages with the page footer


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
    return [_page(pages, 0)]


def _page(pages: list[str], at: int) -> Reply:
    footer = t("page_footer", page=at + 1, pages=len(pages))
    choices = [Choice("next", t("btn_next_page"))] if at + 1 < len(pages) else []
    return Reply(f"{pages[at]}\n\n{footer}", choices)


@flow(FLOW)
async def next_page(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """Show the next page, or leave paging when the person types something else."""
    pages: list[str] = ctx.data.get("pages", [])
    if inbound.choice == "next" and pages:
        at = min(int(ctx.data.get("at", 0)) + 1, len(pages) - 1)
        if at + 1 >= len(pages):
            set_state(ctx, None, None, {})
        else:
            set_state(ctx, FLOW, "page", {"pages": pages, "at": at})
        return [_page(pages, at)]
    set_state(ctx, None, None, {})
    return await route(inbound, ctx)  # a new question while paging is simply a new question
