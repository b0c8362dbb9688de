"""The small engine between channels and flows: commands, choices, numbered answers, state.

A channel builds an `Inbound` and a `Ctx`, calls `handle`, commits, then sends the replies.

Two guards run before any flow. In a group chat no flow runs at all: every flow touches a
unit's data (attendees, phones, tasks), which must not show in a group, so the answer is a
one-line note with the way to a private chat. And a flow in progress carries the member and
unit it was started for: if the person behind the chat is now another member or in another
unit (joined one from another chat or app), the flow ends with a note instead of acting on a
draft made for the old unit.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from domain.choices import label_words, match_label
from domain.command_names import suggest_command
from domain.errors import DomainError, Refused
from domain.text import clean_text, fold
from handlers import registry
from handlers.permissions import refusal_entry
from handlers.texts import t
from handlers.types import EDITED, Choice, Ctx, Inbound, Reply
from storage.audit import record
from storage.conversations import save_state

log = logging.getLogger(__name__)

MAX_TEXT = 4000
LONG_LIST = 10
_COMMAND = re.compile(r"^/([^\s@]+)(?:@\S+)?(?:\s+(.*))?$", re.S)


def parse_command(text: str) -> tuple[str, str] | None:
    """'/DangKy@tdc_bot abc' → ('dangky', 'abc'); diacritics and case do not matter."""
    match = _COMMAND.match(text.strip())
    if not match:
        return None
    name = fold(match.group(1)).replace(" ", "")
    return registry.ALIASES.get(name, name), (match.group(2) or "").strip()


def set_state(ctx: Ctx, flow: str | None, step: str | None, data: dict[str, Any] | None = None) -> None:
    """Move the chat to (flow, step) with `data`; the channel's commit makes it stick."""
    keep = {k: v for k, v in ctx.state.data.items() if k.startswith("_")}
    save_state(session=ctx.session, state=ctx.state, flow=flow, step=step, data={**keep, **(data or {})},
               now=ctx.now)


def end_flow(ctx: Ctx) -> None:
    set_state(ctx, None, None, {})


AfterCommit = Callable[[], Awaitable[Inbound]]
_AFTER_COMMIT = "after_commit"


def after_commit(ctx: Ctx, work: AfterCommit) -> None:
    """Ask for `work` to run once this event is committed, outside any database session.

    For slow work (reading a document): a session holds a connection, and on SQLite the only
    one, so work done inside it would keep every other chat waiting. What `work` returns (an
    Inbound carrying a `Done` for this flow) is handled as a new event in a new, short session.
    """
    ctx.extras[_AFTER_COMMIT] = work


def pending_work(ctx: Ctx) -> AfterCommit | None:
    work: AfterCommit | None = ctx.extras.get(_AFTER_COMMIT)
    return work


def _resolve_choice(ctx: Ctx, inbound: Inbound) -> Inbound | Reply:
    """Turn a pressed button, a typed number or the typed words of an option into a choice of the
    latest message, or refuse it. Text that names no option goes on to the flow as text."""
    offered: list[str] = ctx.data.get("_choices", [])
    turn = ctx.data.get("_turn", 0)
    if inbound.choice is not None:
        stamp, _, key = inbound.choice.partition("|")
        if not key or stamp != str(turn) or key not in offered:
            return Reply(t("stale_choice"))
        return Inbound(choice=key)
    if inbound.text is not None and offered:
        typed = inbound.text.strip().rstrip(".")
        if typed.isdecimal():
            index = int(typed) - 1
            if 0 <= index < len(offered):
                return Inbound(choice=offered[index])
            return Reply(t("bad_choice", options=number_list(len(offered))))
        labels: list[str] = ctx.data.get("_labels", [])
        if len(labels) == len(offered):
            matched = match_label(typed, labels)
            if matched is not None:
                return Inbound(choice=offered[matched])
    return inbound


def number_list(n: int) -> str:
    """'1, 2 hoặc 3': the numbers a person may answer with."""
    if n > LONG_LIST:  # "1, 2, … hoặc 21" is not read; a range is
        return f"một số từ 1 đến {n}"
    numbers = [str(i) for i in range(1, n + 1)]
    return numbers[0] if n == 1 else ", ".join(numbers[:-1]) + " hoặc " + numbers[-1]


def _owner(ctx: Ctx) -> list[int | None]:
    """Who a flow acts for: [member id, unit id] (None, None for a guest)."""
    if ctx.identity is None:
        return [None, None]
    return [ctx.identity.member_id, ctx.identity.unit_id]


def _owner_changed(ctx: Ctx) -> list[Reply]:
    """End a flow started for another member or unit than the sender's now; the note says so."""
    if ctx.state.flow is None or ctx.data.get("_owner") == _owner(ctx):
        return []
    log.info("a %s flow ended: its member or unit is not the sender's any more", ctx.state.flow)
    end_flow(ctx)
    if ctx.identity is None:
        return [Reply(t("flow_owner_gone"))]
    return [Reply(t("flow_owner_changed", unit=ctx.identity.unit.name))]


def _remember(ctx: Ctx, replies: list[Reply], moved: bool) -> None:
    """Stamp a flow in progress with its owner and the question it asks (asked again after a
    refusal at the edge); a chat out of any flow keeps neither.

    The question is what the flow said on reaching its step, or its latest choices: a refusal
    that leaves the step as it was does not replace it."""
    data = dict(ctx.state.data)
    if ctx.state.flow is None:
        data.pop("_owner", None)
        data.pop("_asked", None)
    else:
        data["_owner"] = _owner(ctx)
        last = replies[-1] if replies else None
        if (last is not None and (moved or last.choices or "_asked" not in data) and last.file is None
                and len(last.text) <= MAX_TEXT):
            data["_asked"] = {"text": last.text, "choices": [[c.key, c.label] for c in last.choices]}
    if data != ctx.state.data:
        save_state(session=ctx.session, state=ctx.state, flow=ctx.state.flow, step=ctx.state.step, data=data,
                   now=ctx.now)


def _ask_again(ctx: Ctx) -> list[Reply]:
    """The question of the flow in progress once more, its choices usable (stamped anew)."""
    asked = ctx.data.get("_asked") if ctx.state.flow else None
    if not isinstance(asked, dict):
        return []
    return [Reply(str(asked.get("text", "")), [Choice(str(k), str(label)) for k, label in asked.get("choices", [])])]


def group_note(ctx: Ctx) -> Reply:
    """The one line a group gets: the assistant works in private chats, and how to open one."""
    if ctx.caps.deep_links and ctx.bot_username:
        return Reply(t("group_private_link", link=f"https://t.me/{ctx.bot_username}"))
    return Reply(t("group_not_supported"))


def _stamp_choices(ctx: Ctx, replies: list[Reply], moved: bool) -> list[Reply]:
    """Remember the last message's choices and stamp their keys with a turn number.

    The stamp lets a button from an older message (or one pressed twice after the
    conversation moved on) be recognised as stale instead of acting on the wrong step.
    """
    _remember(ctx, replies, moved)
    last = next((r for r in reversed(replies) if r.choices), None)
    data = dict(ctx.state.data)
    if last is None:
        # A refusal or a hint that leaves the conversation where it was keeps its choices usable.
        if moved and data.get("_choices"):
            data["_choices"], data["_labels"] = [], []
            save_state(session=ctx.session, state=ctx.state, flow=ctx.state.flow, step=ctx.state.step,
                       data=data, now=ctx.now)
        return replies
    turn = int(data.get("_turn", 0)) + 1
    data["_turn"], data["_choices"] = turn, [c.key for c in last.choices]
    data["_labels"] = [label_words(c.label) for c in last.choices]
    save_state(session=ctx.session, state=ctx.state, flow=ctx.state.flow, step=ctx.state.step, data=data,
               now=ctx.now)
    for reply in replies:
        if reply.choices:
            stamp = turn if reply is last else -1
            reply.choices = [Choice(f"{stamp}|{c.key}", c.label) for c in reply.choices]
    return replies


async def handle(inbound: Inbound, ctx: Ctx) -> list[Reply]:
    """Route one event and return the replies; domain errors become Vietnamese answers."""
    if not ctx.private:
        return [group_note(ctx)]
    notes = _owner_changed(ctx)
    if notes and inbound.command is None and parse_command(inbound.text or "") is None:
        # What was typed or pressed answered the ended flow: it is not acted on.
        return _stamp_choices(ctx, notes, moved=True)
    flow, step, data = ctx.state.flow, ctx.state.step, copy.deepcopy(ctx.state.data)
    # Everything the event changes happens inside a savepoint, after the update's "handled" mark:
    # a refused action undoes itself, not the mark, so a redelivered refusal is not answered twice.
    savepoint = await ctx.session.begin_nested()
    try:
        replies = await route(inbound, ctx)
    except DomainError as err:
        # Nothing of a refused action may stick: undo it whole and leave the state as it was.
        # The refusal itself is kept: who tried what (read before the rollback expires the rows).
        refused = refusal_entry(ctx, _attempted(inbound, flow), err.code) if isinstance(err, Refused) else None
        await savepoint.rollback()
        ctx.state.flow, ctx.state.step, ctx.state.data = flow, step, data
        ctx.extras.pop(_AFTER_COMMIT, None)
        if refused is not None:
            record(session=ctx.session, **refused)
        return [*notes, Reply(error_text(err))]
    await savepoint.commit()
    if not replies and pending_work(ctx) is None:  # with work pending, its result is the answer
        replies = [Reply(t("not_understood"))]
    return _stamp_choices(ctx, [*notes, *replies], moved=(ctx.state.flow, ctx.state.step) != (flow, step))


def _attempted(inbound: Inbound, flow: str | None) -> str:
    """What a refused event tried, for the audit: the command, else the flow it was in."""
    parsed = parse_command(inbound.text) if inbound.text is not None else None
    name = inbound.command or (parsed[0] if parsed else None)
    return f"command:{registry.ALIASES.get(name, name)}" if name else f"flow:{flow or '-'}"


def error_text(err: DomainError) -> str:
    """The words for a domain error raised anywhere below the handlers."""
    if err.code == "not_allowed":
        return t("not_allowed", who=t("not_allowed_organizer"))
    try:
        return t(err.code, **{k: v for k, v in err.params.items() if isinstance(v, str | int)})
    except KeyError:
        log.warning("no text for domain error %s", err.code)
        return t("not_understood")


async def route(inbound: Inbound, ctx: Ctx) -> list[Reply]:
    if inbound.done is not None:
        return await _deliver(inbound, ctx)
    # Every channel's text is made safe here, once (domain.text.clean_text): controls, invisible and
    # direction-changing characters go; a broken character (a lone surrogate) is refused in words.
    ctx.user_name = clean_text(ctx.user_name, broken="\ufffd")
    inbound = replace(inbound, arg=clean_text(inbound.arg),
                      text=None if inbound.text is None else clean_text(inbound.text))
    if inbound.unsupported == EDITED:
        return [Reply(t("edit_not_read", button=t("btn_edit")))]
    if inbound.unsupported:
        if inbound.unsupported == "sticker":
            return [Reply(t("sticker_received"))]
        return [Reply(t("unsupported_input" if ctx.caps.files_in else "unsupported_input_typed"))]
    if inbound.text is not None and inbound.command is None:
        text = inbound.text
        parsed = parse_command(text)
        if parsed:
            inbound = Inbound(command=parsed[0], arg=parsed[1])
        elif len(text) > MAX_TEXT:
            return [Reply(t("too_long", limit=MAX_TEXT)), *_ask_again(ctx)]
        elif not text.strip():
            return [Reply(t("empty_message")), *_ask_again(ctx)]
    if inbound.command is not None:
        name = registry.ALIASES.get(inbound.command, inbound.command)
        step = registry.COMMANDS.get(name)
        if step is None:
            meant = suggest_command(name, inbound.arg, {*registry.COMMANDS, *registry.ALIASES})
            if meant is None or not meant.run:
                key = "unknown_command_suggest" if meant else "unknown_command"
                return [Reply(t(key, command=inbound.command[:40], suggestion=meant.name if meant else ""))]
            name, inbound = registry.ALIASES.get(meant.name, meant.name), Inbound(command=meant.name, arg=meant.arg)
            step = registry.COMMANDS[name]
        return await step(ctx, Inbound(command=name, arg=inbound.arg))
    resolved = _resolve_choice(ctx, inbound)
    if isinstance(resolved, Reply):
        return [resolved]
    inbound = resolved
    if ctx.state.flow and ctx.state.flow in registry.FLOWS:
        return await registry.FLOWS[ctx.state.flow](ctx, inbound)
    text_steps = [*registry.FREE_TEXT, *registry.UNDERSTAND]
    for answer in text_steps if inbound.text is not None else registry.FILES if inbound.file else []:
        replies = await answer(ctx, inbound)
        if replies or pending_work(ctx) is not None:
            return replies
    if inbound.file is not None:
        return [Reply(t("file_unexpected", hint=t("file_hint")))]
    if inbound.choice is not None:
        return [Reply(t("stale_choice"))]
    return [Reply(t("not_understood"))]


async def _deliver(inbound: Inbound, ctx: Ctx) -> list[Reply]:
    """The result of work run after a commit, to the flow that asked for it, if the chat is still
    in it (the person may have cancelled or started something else meanwhile)."""
    assert inbound.done is not None
    step = registry.FLOWS.get(inbound.done.flow)
    if step is None or ctx.state.flow != inbound.done.flow:
        return [Reply(t("work_dropped"))]
    return await step(ctx, inbound)
