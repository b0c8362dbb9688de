"""Every message answered once (issue 9.10): refusals, empty lines, too-long answers, another bot."""

from __future__ import annotations

from bot.dispatch import dispatch
from handlers.engine import MAX_TEXT
from handlers.texts import t
from handlers.types import Inbound
from tests.conftest import Clock, Db
from tests.flows.harness import chat_as, demo_world, make_runtime


async def test_a_redelivered_refusal_is_answered_once(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    officer = chat_as(make_runtime(db.sessions, clock), "officer")
    first = await officer.send(Inbound(text="/danhsach"), update_key="refused-1")  # organisers only
    assert [r.text for r in first] == [t("not_allowed", who=t("not_allowed_organizer"))]
    assert await officer.send(Inbound(text="/danhsach"), update_key="refused-1") == []


async def test_the_same_update_id_from_another_bot_is_answered(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    officer = chat_as(runtime, "officer")
    assert await dispatch(runtime, officer.sender, Inbound(text="/help"), update_key="1", bot_id="111")
    assert await dispatch(runtime, officer.sender, Inbound(text="/help"), update_key="1", bot_id="111") == []
    assert await dispatch(runtime, officer.sender, Inbound(text="/help"), update_key="1", bot_id="222")


async def test_an_empty_line_gets_a_short_reply_and_the_question_again(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    officer = chat_as(make_runtime(db.sessions, clock), "officer")
    for blank in ("", "   ", "\n\t ", "\x00"):
        assert await officer.say(blank) == t("empty_message")
    await officer.say("/dangky")
    await officer.press("Thêm người")
    assert await officer.say("  ") == t("empty_message") + "\n" + t("ask_name")
    assert "Chức vụ" in await officer.say("Nguyễn Văn An")  # the step went on where it was


async def test_a_too_long_answer_is_refused_with_the_reason_and_the_question_again(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    officer = chat_as(make_runtime(db.sessions, clock), "officer")
    await officer.say("/dangky")
    await officer.press("Thêm người")
    await officer.say("Nguyễn Văn An")
    asked = officer.text  # the position question, with its own words
    refused = await officer.say("x" * 5000)
    assert refused == t("too_long", limit=MAX_TEXT) + "\n" + asked
    assert "Số điện thoại" in await officer.say("Chuyên viên")
    await officer.say("0919 422 038")
    refused = await officer.send(Inbound(text="y" * 5000))  # at a step with a button: the button again
    assert refused[0].text == t("too_long", limit=MAX_TEXT)
    assert [c.label for c in refused[-1].choices] == [t("btn_skip")]
    assert await officer.press(t("btn_skip")) == t("ask_focal", name="Nguyễn Văn An")


async def test_a_too_long_line_outside_any_flow_gets_the_reason(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    officer = chat_as(make_runtime(db.sessions, clock), "officer")
    assert await officer.say("z" * 5000) == t("too_long", limit=MAX_TEXT)
