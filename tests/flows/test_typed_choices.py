"""Choices answered by typing, as on Zalo and the console: the number, or the option's words.

Through the real engine and flows, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from handlers.texts import t
from tests.conftest import Clock, Db
from tests.flows.harness import chat_as, demo_world, make_runtime


async def test_a_registration_answered_only_by_words(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    chat = chat_as(make_runtime(db.sessions, clock), "officer")
    await chat.say("/dangky")
    assert await chat.say("thêm người") == t("ask_name")
    await chat.say("Nguyễn Văn An")
    await chat.say("-")
    await chat.say("0919 422 038")
    assert (await chat.say("bo qua")).startswith(t("ask_focal", name="Nguyễn Văn An"))
    assert t("reg_added", name="Nguyễn Văn An") in await chat.say("có")
    assert (await chat.say("Xác nhận gửi")).startswith("✅ Đã đăng ký 1 người tham dự")


async def test_words_that_name_no_option_reach_the_flow_as_text(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    chat = chat_as(make_runtime(db.sessions, clock), "officer")
    await chat.say("/dangky")
    assert t("reg_use_menu") in await chat.say("Nguyễn Văn An")  # a name typed at the menu is not an option
    assert await chat.say("2") == t("reg_quit_unsaved")  # numbers still work


async def test_an_option_of_an_older_message_is_not_acted_on(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    chat = chat_as(make_runtime(db.sessions, clock), "officer")
    await chat.say("/dangky")
    await chat.say("thêm người")
    # "Xác nhận gửi" is not offered at the name step: it is taken as a name (and refused for its emoji)
    reply = await chat.say("✅ Xác nhận gửi")
    assert reply.startswith(t("bad_name")) and reply.endswith(t("ask_name"))
