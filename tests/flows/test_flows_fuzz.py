"""Random text, Unicode, choices and files at every step of the other flows (issue 9, checks):
tasks and their paging, progress, reports, intake. Whatever is typed or pressed, the bot answers,
and never with the internal-error text. The registration flow has its own (test_registration_fuzz)."""

from __future__ import annotations

import asyncio
import shutil
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handlers.texts import t
from handlers.types import Inbound, InFile
from storage.engine import make_async_engine, session_factory
from storage.members import add_member
from storage.units import find_unit
from tests.conftest import TZ, Clock, fixture_file
from tests.flows.harness import Chat, chat_as, make_runtime

LETTER = "seeds/000_a3fd057809f7ec29.txt"
# How to reach each step (persona, then labels pressed or text typed, in order), from no conversation.
PATHS: dict[str, tuple[str, list[str]]] = {
    "tasks": ("unit_head", ["/viec"]),
    "tasks_pages": ("unit_head", ["/viec năm nay"]),
    "tasks_pages_2": ("unit_head", ["/viec năm nay", "tiếp"]),
    "tasks_opened": ("unit_head", ["/viec năm nay", "xem 2"]),
    "tasks_commune": ("office", ["quý này có việc gì"]),
    "progress_pick": ("unit_head", ["/capnhat"]),
    "progress_status": ("unit_head", ["/capnhat", "press:[2.c]"]),
    "progress_note": ("unit_head", ["/capnhat", "press:[2.c]", "press:Đang thực hiện"]),
    "report_pick": ("office", ["/baocao"]),
    "report_card": ("office", ["/baocao", "press:01/11/2026"]),
    "report_submit": ("office", ["/baocao", "press:01/11/2026", "press:Nộp"]),
    "report_receiver": ("unit_head", ["/baocao", "press:01/11/2026"]),
    "intake_confirm": ("organizer", ["file:letter"]),
    "organiser_pick": ("organizer", ["/xuat"]),
}
inputs = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.sampled_from(["1", "2", "3", "0", "21", "99", "-", "+", "tiếp", "trước", "trang 2", "trang 9", "xem 1",
                     "xem 0", "xem 99", "#3", "/huy", "/viec quý 5", "/viec abc", "/viec quý 3", "/dang ky", "/dangki",
                     "/capnhat", "/baocao", "/xuat 2", "/xuat 7", "có", "không", "Lưu", "bỏ qua", "\u0000", "\n\n",
                     "ｘｅｍ ３", "sắp đến hạn", "quý 5 có việc gì", "x" * 5000]),
    st.builds(lambda k: f"choice:{k}", st.sampled_from(["next", "prev", "y0", "y1", "t1", "t999", "d1", "submit",
                                                         "save", "skip", "m1", "p1", "in_progress", "done"])),
    st.builds(lambda t, k: f"choice:{t}|{k}", st.integers(-1, 50), st.sampled_from(["next", "prev", "t1", "d1"])),
    st.builds(lambda name, data: ("file", name, data), st.sampled_from(["a.txt", "b.pdf", "c.docx", "d.xlsx", "e"]),
              st.binary(max_size=300)),
)


def _file(name: str, data: bytes) -> Inbound:
    async def fetch() -> bytes:
        return data

    return Inbound(file=InFile(name=name, size=len(data), fetch=fetch))


async def _walk(chat: Chat, path: list[str]) -> None:
    await chat.say("/huy")
    for step in path:
        if step == "file:letter":
            await chat.send(_file("giay-moi.txt", fixture_file(LETTER).read_bytes()))
        elif step.startswith("press:"):
            await chat.press(step[6:])
        else:
            await chat.say(step)


def test_every_flow_survives_random_input(tmp_path: Path, sqlite_template: Path) -> None:
    from bot.demo import load_demo_data

    db_path = tmp_path / "fuzz.db"
    shutil.copy(sqlite_template, db_path)
    runner = asyncio.Runner()
    engine = make_async_engine(f"sqlite:///{db_path}")
    sessions = session_factory(engine)
    clock = Clock(datetime(2026, 10, 20, 9, 0, tzinfo=TZ))  # a report is open, tasks overdue and ongoing

    async def setup() -> dict[str, Chat]:
        async with sessions() as s:
            await load_demo_data(session=s, now=clock())
            office = await find_unit(session=s, name="Văn phòng Sở")
            await add_member(session=s, unit_id=office.id, full_name="Cán Bộ VP", role="officer", channel="console",
                             external_id="office")
            await s.commit()
        runtime = make_runtime(sessions, clock)
        return {persona: chat_as(runtime, persona) for persona in ("unit_head", "office", "organizer")}

    chats = runner.run(setup())
    internal = t("internal_error")

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(step=st.sampled_from(sorted(PATHS)), payloads=st.lists(inputs, min_size=1, max_size=3))
    def one(step: str, payloads: list[str | tuple[str, str, bytes]]) -> None:
        async def go() -> None:
            persona, path = PATHS[step]
            chat = chats[persona]
            await _walk(chat, path)
            for payload in payloads:
                if isinstance(payload, tuple):
                    inbound = _file(payload[1], payload[2])
                elif payload.startswith("choice:"):
                    inbound = Inbound(choice=payload[7:])
                else:
                    inbound = Inbound(text=payload)
                replies = await chat.send(inbound)
                assert replies, (step, payload)
                assert all(r.text.strip() or r.file for r in replies), (step, payload, replies)
                assert all(internal not in r.text and "Traceback" not in r.text for r in replies), (step, payload)

        runner.run(go())

    try:
        one()
    finally:
        runner.run(engine.dispose())
        runner.close()
