"""Group chats do not mix units (issue 8.1), over real HTTP: PTB's Application polling the Telegram stand-in.

The attack as the review found it: in one Telegram group, an officer of Phường Trấn Biên starts
/dangky and types an attendee; an officer of Xã Long Thành answers "Sửa" and "Xác nhận gửi"; a
third person cancels. In a group no flow runs: every message to the bot gets the one-line note
with the link to a private chat, never a unit's names or phones, and nothing is registered.
"""

from __future__ import annotations

from sqlmodel import func, select

from bot.demo import load_demo_data
from handlers.texts import t
from storage.members import create_invite
from storage.models import Attendee, Registration
from storage.units import find_unit
from testkit.telegram_standin import BOT_USERNAME
from tests.channels.conftest import Person, TelegramBot
from tests.conftest import Clock

GROUP = -1001234567
PHONE = "0912 345 678"


def note() -> str:
    return t("group_private_link", link=f"https://t.me/{BOT_USERNAME}")


async def _two_officers(bot: TelegramBot, clock: Clock) -> tuple[Person, Person]:
    """Officers of two communes, each joined in their own private chat."""
    async with bot.sessions() as session:
        await load_demo_data(session=session, now=clock())
        codes = []
        for name in ("Phường Trấn Biên", "Xã Long Thành"):
            unit = await find_unit(session=session, name=name)
            codes.append((await create_invite(session=session, unit_id=unit.id, role="officer", now=clock(),
                                              valid_days=14))[1])
        await session.commit()
    lan, binh = bot.person(8001, "Nguyễn Thị Lan"), bot.person(8002, "Trần Văn Bình")
    assert "Phường Trấn Biên" in (await lan.say(f"/start {codes[0]}"))[0].text
    assert "Xã Long Thành" in (await binh.say(f"/start {codes[1]}"))[0].text
    return lan, binh


async def _in_group(bot: TelegramBot, person: Person, text: str) -> list[str]:
    """`person` writes `text` in the group; what the bot sent to the group in answer."""
    mark = len(bot.standin.sent_to(GROUP))
    update = bot.standin.push_message(person.user_id, GROUP, text, name=person.name)
    await bot.processed.wait(update["update_id"])
    return [s.text for s in bot.standin.sent_to(GROUP)[mark:]]


async def test_two_officers_of_two_units_in_one_group_get_only_the_note(telegram_bot: TelegramBot,
                                                                         clock: Clock) -> None:
    lan, binh = await _two_officers(telegram_bot, clock)
    third = telegram_bot.person(8003, "Lê Văn Cường")

    commands = [await _in_group(telegram_bot, lan, "/dangky")]
    # Typed answers (which reach a bot whose group privacy is off): the note at most, never a step.
    typed = [await _in_group(telegram_bot, lan, text)
             for text in ("Thêm người", "Nguyễn Văn An", "Phó Chủ tịch UBND phường", PHONE, "-", "Có")]
    typed.append(await _in_group(telegram_bot, binh, "Xác nhận gửi"))  # B registered with A's people
    typed.append(await _in_group(telegram_bot, binh, "Sửa"))  # B's "Sửa" listed A's phones
    commands.append(await _in_group(telegram_bot, binh, "/dangky"))
    commands.append(await _in_group(telegram_bot, third, "/huy"))  # a third person ended A's flow

    async with telegram_bot.sessions() as session:
        assert (await session.exec(select(func.count()).select_from(Registration))).one() == 0
        assert (await session.exec(select(func.count()).select_from(Attendee))).one() == 0
    shown = "\n".join(s.text for s in telegram_bot.standin.sent_to(GROUP))
    assert "0912" not in shown and "Nguyễn Văn An" not in shown
    assert all(not s.buttons for s in telegram_bot.standin.sent_to(GROUP))  # nothing there to press
    assert commands == [[note()]] * 3
    assert all(answer in ([], [note()]) for answer in typed)

    # In their private chats the same officers work as before, each on their own unit.
    opened = await lan.say("/dangky")
    assert "Phường Trấn Biên" in opened[0].text or "Hội nghị" in opened[0].text
    assert opened[0].text != note()


async def test_a_button_pressed_in_a_group_is_refused_with_the_note(telegram_bot: TelegramBot,
                                                                    clock: Clock) -> None:
    """A button of an old group message (or a forged one), pressed by anyone: the note, nothing done."""
    lan, binh = await _two_officers(telegram_bot, clock)
    await lan.say("/dangky")  # Lan's own menu, in her private chat, at turn 1: Bình presses its data
    message, _data = lan.button(t("btn_add"))
    for data in ("1|confirm", "1|add", "0|quit"):
        mark = len(telegram_bot.standin.sent_to(GROUP))
        update = telegram_bot.standin.push_callback(binh.user_id, GROUP, data, message.message_id)
        await telegram_bot.processed.wait(update["update_id"])
        assert [s.text for s in telegram_bot.standin.sent_to(GROUP)[mark:]] == [note()]
    async with telegram_bot.sessions() as session:
        assert (await session.exec(select(func.count()).select_from(Registration))).one() == 0


async def test_group_talk_not_addressed_to_the_bot_is_left_alone(telegram_bot: TelegramBot, clock: Clock) -> None:
    lan, _binh = await _two_officers(telegram_bot, clock)
    assert await _in_group(telegram_bot, lan, "Chiều nay họp lúc mấy giờ nhỉ?") == []
    assert await _in_group(telegram_bot, lan, "/dangky@mot_bot_khac") == []
    assert await _in_group(telegram_bot, lan, f"@{BOT_USERNAME} đăng ký giúp tôi") == [note()]
    assert await _in_group(telegram_bot, lan, f"/help@{BOT_USERNAME}") == [note()]
