"""`tdc-bot reminders plan|status|dispatch`: see what would go out, what went out, and send."""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from bot.commands.common import settings_from, with_session

CHANNELS = ("telegram", "zalo", "console")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("reminders", help="reminders: what would be sent, what was, send now",
                       description="Reminders and announcements go through an outbox in the database.")
    actions = p.add_subparsers(dest="reminders_command", metavar="ACTION", required=True)
    plan = actions.add_parser("plan", help="print what would be sent, to whom and when (sends nothing)",
                              description="Runs the reminder policies against the database as of now and prints "
                              "every message they want in the next N days, with its recipient and time. "
                              "Nothing is written or sent.")
    plan.add_argument("--days", type=int, default=14, help="how far ahead (default 14)")
    plan.add_argument("--text", action="store_true", help="also print each message as it would read now")
    plan.set_defaults(func=_plan)
    status = actions.add_parser("status", help="counts per state, per meeting or deadline",
                                description="What the outbox holds: sent, pending, skipped (and why), failed, "
                                "uncertain, unreachable.")
    status.set_defaults(func=_status)
    send = actions.add_parser("dispatch", help="send the due messages now (needs the bot token)",
                              description="Runs the dispatcher until nothing is due (or one batch with --once), "
                              "as `tdc-bot run` does every few seconds. On SQLite it refuses to run beside "
                              "another tdc-bot process on the same file.")
    send.add_argument("--once", action="store_true", help="one batch only")
    send.add_argument("--plan", action="store_true", help="run the planner first")
    send.set_defaults(func=_dispatch)


async def _who(session: Any, member_ids: set[int]) -> dict[int, str]:
    from sqlmodel import col, select

    from domain.recipients import pick_account
    from storage.models import Member, Unit
    from storage.outbox import accounts_of

    accounts = await accounts_of(session=session, member_ids=member_ids)
    rows = (await session.exec(select(Member, Unit).join(Unit, col(Unit.id) == col(Member.unit_id))
                               .where(col(Member.id).in_(sorted(member_ids))))).all()
    out = {}
    for member, unit in rows:
        account = pick_account(accounts.get(member.id, []), CHANNELS)
        where = f"{account.channel}" if account else "no reachable account"
        out[member.id] = f"{member.full_name} ({unit.name}; {where})"
    return out


def _plan(args: argparse.Namespace) -> int:
    from bot.planner import Planner, calendar_from, composer_from, policy_from
    from handlers.reminders import subject_title
    from storage.models import ReminderOutbox

    settings = settings_from(args)
    now = datetime.now(settings.tz)

    async def work(session: Any) -> list[str]:
        composer = composer_from(settings)
        planner = Planner(None, policy_from(settings), calendar_from(settings), composer, settings.tz, lambda: now,
                          horizon=timedelta(days=args.days))
        wanted = await planner.wanted(session, now)
        who = await _who(session, {p.member_id for p in wanted})
        lines, titles, shown = [], {}, set()
        for p in wanted:
            if p.subject not in titles:
                titles[p.subject] = await subject_title(session, p.subject)
            when = p.send_at.astimezone(settings.tz).strftime("%a %d/%m/%Y %H:%M")
            lines.append(f"{when}  {p.kind:<10} {'final ' if p.final else ''}→ {who.get(p.member_id, p.member_id)}"
                         f"  [{titles[p.subject]}]")
            if args.text and p.key not in shown:
                shown.add(p.key)
                row = ReminderOutbox(reminder_key=p.key, member_id=p.member_id, kind=p.kind, subject=p.subject,
                                     unit_id=p.unit_id, final=p.final, send_at=p.send_at, not_after=p.not_after)
                verdict = await composer.compose(session, row, max(now, p.send_at))
                body = getattr(verdict, "text", None) or f"(would be skipped: {getattr(verdict, 'reason', '?')})"
                lines += ["    " + line for line in body.splitlines()]
        people = len({p.member_id for p in wanted})
        lines.append(f"{len(wanted)} messages to {people} people in the next {args.days} days; nothing was sent.")
        await session.rollback()
        return lines

    for line in with_session(settings, work):
        print(line)
    return 0


def _status(args: argparse.Namespace) -> int:
    from handlers.reminders import reasons_by_subject, subject_title
    from storage.outbox import state_counts, status_by_subject

    settings = settings_from(args)

    async def work(session: Any) -> list[str]:
        totals: Counter[str] = await state_counts(session=session)
        lines = ["outbox: " + (", ".join(f"{state} {n}" for state, n in sorted(totals.items())) or "empty")]
        undeliverable = await reasons_by_subject(session, "undeliverable")
        for status in await status_by_subject(session=session):
            counts = ", ".join(f"{state} {n}" for state, n in sorted(status.counts.items()))
            nxt = status.next_at.astimezone(settings.tz).strftime(" next %d/%m %H:%M") if status.next_at else ""
            esc = f" escalated units {list(status.escalated_units)}" if status.escalated_units else ""
            lines.append(f"  {await subject_title(session, status.subject)}: {counts}{nxt}{esc}")
            for reason, n in sorted(undeliverable.get(status.subject, Counter()).items()):
                lines.append(f"    undeliverable {n}: {reason}")
        return lines

    for line in with_session(settings, work):
        print(line)
    return 0


def _dispatch(args: argparse.Namespace) -> int:
    from bot.config import ConfigError, telegram_token, zalo_token
    from bot.process_lock import hold_single_process_lock
    from bot.redact import register_secret
    from bot.runtime import build_runtime, setup_logging

    settings = settings_from(args)
    tokens = {}
    if settings.telegram.enabled:
        tokens["telegram"] = telegram_token(settings).get_secret_value()
    if settings.zalo.enabled:
        tokens["zalo"] = zalo_token(settings).get_secret_value()
    if not tokens:
        raise ConfigError("no channel to send on: set [telegram] enabled = true or [zalo] enabled = true")
    for token in tokens.values():
        register_secret(token)
    setup_logging()
    sole = hold_single_process_lock(settings.database.url)
    return asyncio.run(_send(settings, tokens, sole=sole, once=args.once, plan=args.plan,
                             build_runtime=build_runtime))


async def _outbounds(settings: Any, tokens: dict[str, str], runtime: Any) -> tuple[dict[str, Any], list[Any]]:
    """The senders of the enabled channels, as `tdc-bot run` makes them, and how to close each.

    Zalo's carries the bot's monthly budget (named by the bot's id from getMe, as in `run`) and
    offers files as download links when a public base URL is set (the `run` process serves them).
    """
    outbounds: dict[str, Any] = {}
    closers: list[Any] = []
    if "telegram" in tokens:
        from bot.channels.telegram_outbound import TelegramOutbound

        tg = settings.telegram
        telegram = TelegramOutbound(tokens["telegram"], base_url=tg.base_url, base_file_url=tg.base_file_url,
                                    per_second=tg.send_per_second, per_chat_per_second=tg.send_per_chat_per_second,
                                    per_group_per_minute=tg.send_per_group_per_minute, connections=4)
        await telegram.start()
        outbounds[telegram.channel], closers = telegram, [telegram.close]
    if "zalo" in tokens:
        from bot.channels.zalo import no_file_links
        from bot.channels.zalo_client import ZaloClient, ZaloError
        from bot.channels.zalo_outbound import ZaloOutbound
        from bot.channels.zalo_web import DownloadLinks
        from bot.send_budget import SendBudget

        z = settings.zalo
        client = ZaloClient(tokens["zalo"], base_url=z.base_url)
        closers.append(client.aclose)
        bot_key = tokens["zalo"].split(":", 1)[0]
        try:
            bot_key = str((await client.get_me()).get("id") or bot_key)
        except ZaloError:
            pass  # sends will say what is wrong; the token's number names the same bot
        offer = (DownloadLinks(runtime, z.public_base_url, timedelta(minutes=z.download_minutes),
                               z.download_uses).offer if z.public_base_url else no_file_links)
        budget = SendBudget("zalo", bot_key, z.monthly_message_budget, settings.tz) if z.monthly_message_budget \
            else None
        outbounds["zalo"] = ZaloOutbound(client, offer_file=offer, budget=budget)
    return outbounds, closers


async def _send(settings: Any, tokens: dict[str, str], *, sole: bool, once: bool, plan: bool,
                build_runtime: Any) -> int:
    from bot.scheduler import build_reminders

    engine, runtime = build_runtime(settings)
    outbounds, closers = await _outbounds(settings, tokens, runtime)
    reminders = build_reminders(settings, runtime.sessions, runtime.clock, outbounds)
    try:
        await reminders.dispatcher.recover(everything=sole)
        if plan:
            await reminders.planner.run_once()
        handled = await (reminders.dispatcher.run_once() if once else reminders.dispatcher.drain())
    finally:
        for close in closers:
            await close()
        await engine.dispose()
    counts = ", ".join(f"{k} {v}" for k, v in sorted(reminders.dispatcher.counts.items())) or "nothing due"
    print(f"dispatched {handled} rows: {counts}")
    return 0
