"""Open registration over the real channels (issue 15): on Telegram the enterprise arrives by the
deep link (/start dk_…) and presses buttons; on Zalo it types the notice's short code and answers
by typing. Both against the stand-ins, through our real channels."""

from __future__ import annotations

from sqlmodel import select

from bot.demo import load_demo_data, load_dialogue_meeting
from storage.models import Meeting, Unit
from tests.channels.conftest import TelegramBot, ZaloBot
from tests.conftest import Clock

ORG = ("Công ty TNHH Cơ khí An Phát", "0101248141", "Số 12 đường Lê Lợi, phường Trấn Biên", "Trần Thị Hoa",
       "0912 345 678")


async def _meeting(sessions, clock: Clock) -> Meeting:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        await load_demo_data(session=session, now=clock())
        meeting = await load_dialogue_meeting(session=session, now=clock(), meeting_day=clock().date().replace(day=29))
        await session.commit()
        return meeting


async def _registered(sessions) -> list[tuple[str, str | None, bool]]:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        units = (await session.exec(select(Unit).where(Unit.kind == "enterprise"))).all()
        return [(u.name, u.tax_code, u.self_registered) for u in units]


async def test_on_telegram_the_deep_link_opens_the_form(telegram_bot: TelegramBot, clock: Clock) -> None:
    meeting = await _meeting(telegram_bot.sessions, clock)
    firm = telegram_bot.person(5550001, "Hoa")
    opened = await firm.say(f"/start {meeting.open_code}")
    assert "Hội nghị đối thoại" in opened[0].text and "Tên doanh nghiệp" in opened[-1].text
    for value in ORG:
        last = await firm.say(value)
    assert "Mã số thuế: 0101248141" in last[-1].text
    done = await firm.press("✅ Gửi đăng ký")
    assert "Đã ghi nhận Công ty TNHH Cơ khí An Phát" in done[0].text
    assert any(label == "➕ Thêm người" for message in done for label, _ in message.buttons)
    assert await _registered(telegram_bot.sessions) == [(ORG[0], "0101248141", True)]


async def test_on_zalo_the_typed_code_opens_the_form(zalo_bot: ZaloBot, clock: Clock) -> None:
    meeting = await _meeting(zalo_bot.sessions, clock)
    assert meeting.open_short_code is not None
    firm = zalo_bot.person("7a8b9c0d1e2f3a4b", "Hoa")
    other = zalo_bot.person("7a8b9c0d1e2f3a4c", "Tám")
    alone = await other.say(meeting.open_short_code.lower())  # the code alone, lower case
    assert "Tên doanh nghiệp" in alone[-1].text
    typed = f"Dạ em gửi mã {meeting.open_short_code[:2]}-{meeting.open_short_code[2:]} ạ"  # inside a sentence
    opened = await firm.say(typed)
    assert "Tên doanh nghiệp" in opened[-1].text
    for value in ORG:
        last = await firm.say(value)
    assert "1. ✅ Gửi đăng ký" in last[-1].text
    done = await firm.say("1")
    assert "Đã ghi nhận Công ty TNHH Cơ khí An Phát" in done[0].text and "1. ➕ Thêm người" in done[-1].text
    assert await _registered(zalo_bot.sessions) == [(ORG[0], "0101248141", True)]
