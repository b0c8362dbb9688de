"""Random text, Unicode and choices at every step of the registration flow: no exception escapes,
every input gets a reply, and what is saved always satisfies the rules."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from domain.attendees import AttendeeDraft, check_list
from handlers.types import Inbound
from storage.engine import make_async_engine, session_factory
from storage.models import Attendee, Registration
from tests.conftest import TZ, Clock
from tests.flows.harness import Chat, chat_as, make_runtime

# How to reach each step from a fresh /dangky (labels pressed or text typed, in order).
PATHS = {
    "menu": [],
    "name": ["press:Thêm người"],
    "position": ["press:Thêm người", "Nguyễn Văn An"],
    "phone": ["press:Thêm người", "Nguyễn Văn An", "-"],
    "email": ["press:Thêm người", "Nguyễn Văn An", "-", "0919422038"],
    "focal": ["press:Thêm người", "Nguyễn Văn An", "-", "0919422038", "-"],
}
inputs = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.sampled_from(["1", "2", "3", "0", "99", "-", "/huy", "/dangky", "/help", "co", "khong", "Thêm", "xác nhận",
                     "0919 422 038", "+84919422038", "a@b.vn", "\u0000", "\n\n", "ｎｇｕｙｅｎ"]),
    st.builds(lambda k: f"choice:{k}", st.sampled_from(["add", "confirm", "quit", "a0", "a9", "m1", "yes", "skip"])),
    st.builds(lambda t, k: f"choice:{t}|{k}", st.integers(-1, 50), st.sampled_from(["add", "confirm", "a0", "yes"])),
)


async def _walk(chat: Chat, path: list[str]) -> None:
    await chat.say("/huy")
    await chat.say("/huy")  # the second /huy drops unsent changes the first one asked about
    await chat.say("/dangky")
    if any("Bỏ danh sách này" in label for label in chat.labels()):
        await chat.press("Bỏ danh sách này")
    for step in path:
        if step.startswith("press:"):
            await chat.press(step[6:])
        else:
            await chat.say(step)


def test_every_step_survives_random_input(tmp_path: Path, sqlite_template: Path) -> None:
    from datetime import datetime

    from bot.demo import load_demo_data

    db_path = tmp_path / "fuzz.db"
    shutil.copy(sqlite_template, db_path)
    runner = asyncio.Runner()
    engine = make_async_engine(f"sqlite:///{db_path}")
    sessions = session_factory(engine)
    clock = Clock(datetime(2026, 5, 20, 9, 0, tzinfo=TZ))

    async def setup() -> Chat:
        async with sessions() as s:
            await load_demo_data(session=s, now=clock())
            await s.commit()
        return chat_as(make_runtime(sessions, clock), "officer")

    chat = runner.run(setup())

    @settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(step=st.sampled_from(sorted(PATHS)), payloads=st.lists(inputs, min_size=1, max_size=3))
    def one(step: str, payloads: list[str]) -> None:
        async def go() -> None:
            await _walk(chat, PATHS[step])
            for payload in payloads:
                inbound = Inbound(choice=payload[7:]) if payload.startswith("choice:") else Inbound(text=payload)
                replies = await chat.send(inbound)
                assert replies, (step, payload)
                assert all(r.text.strip() for r in replies), (step, payload, replies)
                assert all("Traceback" not in r.text and "đã có lỗi" not in r.text for r in replies), replies
            async with sessions() as s:
                for reg in (await s.exec(select(Registration))).all():
                    people = (await s.exec(select(Attendee).where(Attendee.registration_id == reg.id))).all()
                    check_list([AttendeeDraft(p.full_name, p.position, p.phone, p.email, p.is_focal_point)
                                for p in people])
                    assert people, "a saved registration always has someone"

        runner.run(go())

    try:
        one()
    finally:
        runner.run(engine.dispose())
        runner.close()
