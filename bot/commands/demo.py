"""`tdc-bot demo`: the real flows in a terminal, with no token and no network."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from bot.commands.common import settings_from
from bot.config import Settings

if TYPE_CHECKING:  # imported when the demo runs (start-up time of every other command)
    from bot.channels.console import ConsoleChannel
    from storage.models import Meeting

PERSONA_CHOICES = ("officer", "unit_head", "organizer", "enterprise")
# What people type for each persona, English and Vietnamese, folded (no diacritics, no case).
PERSONA_WORDS = {
    "officer": ("officer", "commune", "can bo", "canbo", "can-bo", "xa", "phuong", "cong chuc"),
    "unit_head": ("unit_head", "unit-head", "head", "leader", "lanh dao", "lanhdao", "lanh-dao", "truong phong"),
    "organizer": ("organizer", "organiser", "to chuc", "tochuc", "to-chuc", "so", "chuyen vien"),
    "enterprise": ("enterprise", "business", "company", "doanh nghiep", "doanhnghiep", "doanh-nghiep", "dn",
                   "cong ty"),
}


def persona_of(value: str) -> str:
    """'organiser', 'head', 'lãnh đạo' → the demo persona; an error that lists what is accepted."""
    from domain.text import fold

    typed = fold(value).replace("_", " ").strip()
    for persona, words in PERSONA_WORDS.items():
        if typed in {w.replace("_", " ") for w in words}:
            return persona
    accepted = "; ".join(f"{p}: {', '.join(dict.fromkeys(w))}" for p, w in PERSONA_WORDS.items())
    raise argparse.ArgumentTypeError(f"không có vai «{value}» (unknown persona). Có thể gõ – {accepted}")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "demo", help="talk to the bot in this terminal (fresh demo database, no token needed)",
        description="Creates a fresh SQLite database with demo data and opens a local chat. "
        "Reads lines from standard input when it is not a terminal, so it can be scripted: "
        "printf '/start\\n/help\\n' | tdc-bot demo --as officer",
    )
    p.add_argument("--as", dest="persona", type=persona_of, metavar="VAI",
                   help="who you are: officer (cán bộ xã), head (lãnh đạo), organiser (tổ chức), "
                   "enterprise (doanh nghiệp: follows the public registration link)")
    p.add_argument("--db", type=Path, default=Path("data/demo.db"), help="demo database file (recreated)")
    p.add_argument("--channel", choices=("console", "zalo"), default="console",
                   help="render as this channel: zalo shows numbered lines, 2,000-character pieces, no files")
    p.set_defaults(func=run)


def _choose_persona() -> str:
    from bot.demo import PERSONAS

    print("Bạn muốn đóng vai ai?")
    for i, key in enumerate(PERSONA_CHOICES, start=1):
        print(f"  {i}. {PERSONAS[key]}")
    numbers = [str(i) for i in range(1, len(PERSONA_CHOICES) + 1)]
    while True:
        answer = input(f"Chọn {', '.join(numbers[:-1])} hoặc {numbers[-1]}: ").strip()
        if answer in numbers:
            return PERSONA_CHOICES[int(answer) - 1]


def run(args: argparse.Namespace) -> int:
    from bot.demo import ENTERPRISE_PERSON, PEOPLE, PERSONAS

    interactive = sys.stdin.isatty()
    persona = args.persona or (_choose_persona() if interactive else "officer")
    settings = settings_from(args)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    settings.database.url = f"sqlite:///{args.db}"
    name = next(n for p, n, *_ in [*PEOPLE, ENTERPRISE_PERSON] if p == persona)
    zalo = args.channel == "zalo"
    files = "" if zalo else "'file: ĐƯỜNG_DẪN' để gửi tệp, "
    banner = (f"Trợ lý TĐC – bản chạy thử{' (hiển thị như trên Zalo)' if zalo else ''}. "
              f"Bạn là {name}, {PERSONAS[persona]}.\n"
              f"Gõ /help để xem lệnh, {files}/quit để thoát.\n"
              "Tua đồng hồ để thấy các lần nhắc đến hạn: /demo-clock +3d (hoặc +5h, +30m).")
    print(banner, file=sys.stdout if interactive else sys.stderr)
    previous = signal.signal(signal.SIGINT, _interrupt)
    try:
        return asyncio.run(_chat(settings, persona, name, interactive, zalo))
    except KeyboardInterrupt:
        print("\nĐã thoát bản chạy thử.", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGINT, previous)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """Ctrl-C leaves at once, even while waiting for a line (asyncio's own handler only cancels
    the task, which a blocking input() does not notice until Enter, then prints a traceback)."""
    raise KeyboardInterrupt


async def _chat(settings: Settings, persona: str, name: str, interactive: bool, zalo: bool = False) -> int:
    from bot.channels.console import ConsoleChannel, ConsoleOutbound
    from bot.demo import PEOPLE, DemoClock, load_demo_data, load_dialogue_meeting, next_working_day, seed_registrations
    from bot.dispatch import Sender
    from bot.runtime import build_runtime
    from bot.scheduler import build_reminders
    from storage.migrate import upgrade

    await asyncio.to_thread(upgrade, settings.database.url)
    engine, runtime = build_runtime(settings)
    clock = DemoClock(datetime.now(settings.tz))
    runtime.clock = clock

    def write(text: str) -> None:
        print(text + "\n", flush=True)

    names = {f"demo-{p}": n for p, n, _, _ in PEOPLE}
    outbound = ConsoleOutbound(write, label=lambda chat_id: names.get(chat_id, chat_id))
    reminders = build_reminders(settings, runtime.sessions, clock, {outbound.channel: outbound})
    try:
        async with runtime.sessions() as session:
            ids = await load_demo_data(session=session, now=clock(),
                                       meeting_day=next_working_day(clock().date() + timedelta(days=10)))
            await seed_registrations(session=session, meeting_id=ids["meeting"], now=clock())
            dialogue = await load_dialogue_meeting(session=session, now=clock(),
                                                   meeting_day=next_working_day(clock().date() + timedelta(days=14))
                                                   ) if persona == "enterprise" else None
            await session.commit()
        sender = Sender(channel="console", chat_id=f"demo-{persona}", user_id=f"demo-{persona}", user_name=name)
        channel = ConsoleChannel(runtime, sender, write=write, zalo=zalo)

        async def reminder_round() -> None:
            """What `tdc-bot run` does every few seconds: plan, then send what is due, printed as it arrives."""
            await reminders.planner.run_once()
            await reminders.dispatcher.drain()

        await reminder_round()
        if dialogue is not None:  # the enterprise arrives the way the notice says: the link, or the Zalo code
            await _follow_the_notice(channel, dialogue, settings, zalo, write)
        while True:
            try:
                line = input("» " if interactive else "")
            except EOFError:
                break
            if not interactive:
                print(f"» {line}")
            said = line.strip()
            if said.lower() in ConsoleChannel.QUIT:
                break
            if said.lower().startswith(("/demo-clock", "/democlock")):
                write(clock.move(said.split(maxsplit=1)[1] if " " in said else ""))
            elif said:
                await channel.say(said)
            await reminder_round()
    finally:
        await engine.dispose()
    return 0


async def _follow_the_notice(channel: ConsoleChannel, meeting: Meeting, settings: Settings, zalo: bool,
                             write: Callable[[str], None]) -> None:
    """What the enterprise persona does first: follows the public link of the Department's notice."""
    from domain.open_registration import show_short_code

    assert meeting.open_code is not None and meeting.open_short_code is not None
    if zalo:
        typed = show_short_code(meeting.open_short_code)
        write(f"(Thông báo của Sở: «nhắn mã {typed} cho OA Trợ lý TĐC trên Zalo».)\n» {typed}")
        await channel.say(typed)
        return
    bot = settings.telegram.bot_username or "tro_ly_tdc_bot"
    write(f"(Bấm đường dẫn trong thông báo của Sở: https://t.me/{bot}?start={meeting.open_code})\n"
          f"» /start {meeting.open_code}")
    await channel.say(f"/start {meeting.open_code}")
