"""`tdc-bot demo`: the real flows in a terminal, with no token and no network."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import datetime
from pathlib import Path

from bot.commands.common import settings_from
from bot.config import Settings

PERSONA_CHOICES = ("officer", "unit_head", "organizer")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "demo", help="talk to the bot in this terminal (fresh demo database, no token needed)",
        description="Creates a fresh SQLite database with demo data and opens a local chat. "
        "Reads lines from standard input when it is not a terminal, so it can be scripted: "
        "printf '/start\\n/help\\n' | tdc-bot demo --as officer",
    )
    p.add_argument("--as", dest="persona", choices=PERSONA_CHOICES,
                   help="who you are: a commune officer, a unit head, or an organiser")
    p.add_argument("--db", type=Path, default=Path("data/demo.db"), help="demo database file (recreated)")
    p.set_defaults(func=run)


def _choose_persona() -> str:
    from bot.demo import PERSONAS

    print("Bạn muốn đóng vai ai?")
    for i, key in enumerate(PERSONA_CHOICES, start=1):
        print(f"  {i}. {PERSONAS[key]}")
    while True:
        answer = input("Chọn 1, 2 hoặc 3: ").strip()
        if answer in {"1", "2", "3"}:
            return PERSONA_CHOICES[int(answer) - 1]


def run(args: argparse.Namespace) -> int:
    from bot.demo import PEOPLE, PERSONAS

    interactive = sys.stdin.isatty()
    persona = args.persona or (_choose_persona() if interactive else "officer")
    settings = settings_from(args)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    settings.database.url = f"sqlite:///{args.db}"
    name = next(n for p, n, _, _ in PEOPLE if p == persona)
    banner = (f"Trợ lý TĐC – bản chạy thử. Bạn là {name}, {PERSONAS[persona]}.\n"
              "Gõ /help để xem lệnh, 'file: ĐƯỜNG_DẪN' để gửi tệp, /quit để thoát.")
    print(banner, file=sys.stdout if interactive else sys.stderr)
    return asyncio.run(_chat(settings, persona, name, interactive))


async def _chat(settings: Settings, persona: str, name: str, interactive: bool) -> int:
    from bot.channels.console import ConsoleChannel
    from bot.demo import load_demo_data
    from bot.dispatch import Sender
    from bot.runtime import build_runtime
    from storage.migrate import upgrade

    await asyncio.to_thread(upgrade, settings.database.url)
    engine, runtime = build_runtime(settings)
    try:
        async with runtime.sessions() as session:
            await load_demo_data(session=session, now=datetime.now(settings.tz))
            await session.commit()
        sender = Sender(channel="console", chat_id=f"demo-{persona}", user_id=f"demo-{persona}", user_name=name)
        channel = ConsoleChannel(runtime, sender, write=lambda text: print(text + "\n", flush=True))

        def read_line() -> str | None:
            try:
                line = input("» " if interactive else "")
            except EOFError:
                return None
            if not interactive:
                print(f"» {line}")
            return line

        await channel.run(read_line)
    finally:
        await engine.dispose()
    return 0
