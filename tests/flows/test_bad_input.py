"""Whatever a person types or sends gets a clear Vietnamese answer, and the data stays consistent."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from handlers.types import Inbound, InFile
from storage.models import Attendee, Registration
from tests.conftest import Clock, Db
from tests.flows.harness import chat_as, demo_world, make_runtime


async def _at_name_step(db: Db, clock: Clock):  # type: ignore[no-untyped-def]
    await demo_world(db, clock)
    chat = chat_as(make_runtime(db.sessions, clock), "officer")
    await chat.say("/dangky")
    await chat.press("Thêm người")
    return chat


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("A" * 5000, "quá dài"),
        ("x" * 121, "Họ tên quá dài"),
        ("😀😀😀", "chỉ gồm chữ cái"),
        ("Robert'); DROP TABLE attendee;--", "chỉ gồm chữ cái"),
        ("12345", "chỉ gồm chữ cái"),
        ("A", "ít nhất 2 ký tự"),
        ("   ", "Tin nhắn trống"),  # a blank line: said so, and the name asked again
    ],
)
async def test_bad_names_are_asked_again(sqlite_db: Db, clock: Clock, typed: str, answer: str) -> None:
    chat = await _at_name_step(sqlite_db, clock)
    reply = await chat.say(typed)
    assert answer in reply
    assert "Chức vụ" not in reply
    assert "Chức vụ" in await chat.say("Nguyễn Văn An")  # the step did not move until a good answer


async def test_names_without_diacritics_or_in_nfd_are_kept_as_typed(sqlite_db: Db, clock: Clock) -> None:
    import unicodedata

    chat = await _at_name_step(sqlite_db, clock)
    nfd = unicodedata.normalize("NFD", "Nguyễn Văn Ân")
    await chat.say(nfd)
    await chat.say("-")
    await chat.say("0919422038")
    await chat.say("bo qua")
    text = await chat.say("co")
    assert "Nguyễn Văn Ân" in text  # stored NFC, shown with its diacritics
    assert "Chức vụ" not in text


@pytest.mark.parametrize(
    "phone", ["12345", "0919 422 03", "09194220381", "+1 202 555 0100", "số của tôi", "0019422038"]
)
async def test_bad_phone_is_asked_again_with_an_example(sqlite_db: Db, clock: Clock, phone: str) -> None:
    chat = await _at_name_step(sqlite_db, clock)
    await chat.say("Nguyễn Văn An")
    await chat.say("Chuyên viên")
    reply = await chat.say(phone)
    assert "Số điện thoại chưa đúng" in reply and "0919 422 038" in reply


async def test_bad_email_is_asked_again(sqlite_db: Db, clock: Clock) -> None:
    chat = await _at_name_step(sqlite_db, clock)
    for answer in ("Nguyễn Văn An", "Chuyên viên", "0919422038"):
        await chat.say(answer)
    assert "Email chưa đúng" in await chat.say("an@@example")
    assert "đầu mối" in await chat.say("An.NV@DongNai.gov.vn")


async def test_photo_or_file_where_text_was_expected(sqlite_db: Db, clock: Clock) -> None:
    chat = await _at_name_step(sqlite_db, clock)
    photo = await chat.send(Inbound(unsupported="photo"))
    assert "chỉ đọc được tin nhắn chữ" in photo[0].text

    async def fetch() -> bytes:
        return b"%PDF-1.4"

    doc = await chat.send(Inbound(file=InFile(name="a.pdf", size=8, fetch=fetch)))
    assert "chưa cần tệp" in doc[0].text
    assert "Chức vụ" in await chat.say("Nguyễn Văn An")


async def test_a_button_pressed_twice_acts_once(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    await chat.say("/dangky")
    await chat.press("Thêm người")
    for answer in ("Nguyễn Văn An", "-", "0919422038", "-"):
        await chat.say(answer)
    await chat.press("Có")
    confirm = chat.choice_key("Xác nhận gửi")
    first = await chat.send(Inbound(choice=confirm))
    second = await chat.send(Inbound(choice=confirm))
    assert "Đã đăng ký 1 người" in first[0].text
    assert "tin nhắn cũ" in second[0].text
    async with sqlite_db.sessions() as s:
        assert (await s.exec(select(func.count()).select_from(Registration))).one() == 1
        assert (await s.exec(select(func.count()).select_from(Attendee))).one() == 1


async def test_a_button_from_an_older_message_is_refused(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    await chat.say("/dangky")
    old_quit = chat.choice_key("Thoát")
    await chat.press("Thêm người")
    await chat.say("Nguyễn Văn An")
    stale = await chat.send(Inbound(choice=old_quit))
    assert "tin nhắn cũ" in stale[0].text
    assert "Số điện thoại" in await chat.say("Chuyên viên")  # the conversation goes on where it was


async def test_a_redelivered_update_is_not_handled_twice(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    await chat.send(Inbound(text="/dangky"), update_key="u1")
    await chat.send(Inbound(choice=chat.choice_key("Thêm người")), update_key="u2")
    first = await chat.send(Inbound(text="Nguyễn Văn An"), update_key="u3")
    again = await chat.send(Inbound(text="Nguyễn Văn An"), update_key="u3")
    assert "Chức vụ" in first[0].text and again == []
    assert "Số điện thoại" in await chat.say("Chuyên viên")


@pytest.mark.parametrize("text", ["/khongcolenh", "/", "xin chào", "quý này có việc gì?", "1", "9"])
async def test_stray_text_outside_any_flow_gets_an_answer(sqlite_db: Db, clock: Clock, text: str) -> None:
    await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    replies = await chat.send(Inbound(text=text))
    assert replies and all(r.text.strip() for r in replies)


async def test_menu_accepts_words_and_out_of_range_numbers_are_explained(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    await chat.say("/dangky")
    assert "chọn một trong các số: 1 hoặc 2" in await chat.say("7")
    assert "Họ và tên" in await chat.say("Thêm")


async def test_an_unexpected_error_answers_politely_and_changes_nothing(sqlite_db: Db, clock: Clock,
                                                                       caplog: pytest.LogCaptureFixture) -> None:
    from handlers import registry

    await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")

    async def broken(ctx, inbound):  # type: ignore[no-untyped-def]
        from storage.models import Unit

        ctx.session.add(Unit(kind="commune", name="Ghost", name_key="ghost"))
        raise RuntimeError("boom")

    registry.COMMANDS["boom"] = broken
    try:
        reply = await chat.say("/boom")
    finally:
        del registry.COMMANDS["boom"]
    assert "đã có lỗi" in reply and "boom" not in reply and "Traceback" not in reply
    assert "boom" in caplog.text
    from domain.errors import NotFound
    from storage.units import find_unit

    async with sqlite_db.sessions() as s:
        with pytest.raises(NotFound):
            await find_unit(session=s, name="Ghost")


async def test_control_characters_never_reach_the_database(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    chat = chat_as(make_runtime(db.sessions, clock), "officer")
    await chat.say("/dangky")
    await chat.press("Thêm người")
    await chat.say("Nguyễn\x00 Văn An")
    await chat.say("Chuyên\x00viên")
    await chat.say("0919422038")
    await chat.say("-")
    await chat.press("Có")
    assert "Đã đăng ký 1 người" in await chat.press("Xác nhận gửi")
    async with db.sessions() as s:
        person = (await s.exec(select(Attendee))).one()
        assert (person.full_name, person.position) == ("Nguyễn Văn An", "Chuyênviên")


async def test_after_a_wrong_number_the_right_one_still_works(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    await chat.say("/dangky")
    assert "1 hoặc 2" in await chat.say("9")
    assert "Họ và tên" in await chat.say("1")


@pytest.mark.parametrize("typed", ["²", "①", "٣"])
async def test_digits_int_cannot_read_are_not_numbers(sqlite_db: Db, clock: Clock, typed: str) -> None:
    await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    await chat.say("/dangky")
    reply = await chat.say(typed)
    assert "đã có lỗi" not in reply and reply.strip()
    assert "Họ và tên" in await chat.say("1")  # the menu is still answerable
