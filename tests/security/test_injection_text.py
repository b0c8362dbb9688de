"""Text that should not pass (issue 8 item 10), sent the way Telegram delivers it: over HTTP from the
stand-in, through PTB's real Application, into the real flows and a real SQLite file.

Direction overrides, isolates, zero-width characters and BOMs are removed at the edge (one
function, domain.text.clean_text, for every channel), so what is stored is what a reader sees;
a phone written in another script's digits is refused with the forms that are accepted; a lone
surrogate (valid JSON, invalid text) gets a clear answer, not the internal error.
"""

from __future__ import annotations

from bot.demo import load_demo_data
from handlers.texts import t
from storage.members import create_invite
from storage.registrations import registration_of
from storage.units import find_unit
from testkit.telegram_standin import Sent
from tests.channels.conftest import Person, TelegramBot
from tests.conftest import Clock

COMMUNE = "Phường Trấn Biên"


async def _officer(bot: TelegramBot, clock: Clock) -> tuple[Person, int]:
    """A commune officer who has joined; the demo meeting's id."""
    async with bot.sessions() as session:
        ids = await load_demo_data(session=session, now=clock())
        commune = await find_unit(session=session, name=COMMUNE)
        _invite, code = await create_invite(session=session, unit_id=commune.id, role="officer", now=clock(),
                                            valid_days=14)
        await session.commit()
    officer = bot.person(5101, "Lê Thị Hoa")
    await officer.say(f"/start {code}")
    return officer, ids["meeting"]


def _text(sent: list[Sent]) -> str:
    return "\n".join(s.text for s in sent)


async def test_a_lone_surrogate_gets_a_clear_answer(telegram_bot: TelegramBot, clock: Clock) -> None:
    stranger = telegram_bot.person(5102, "Khách")
    for text in ("/start \ud800abc", "xin chào \udfff"):
        answer = _text(await stranger.say(text))
        assert answer == t("bad_characters"), answer
        assert t("internal_error") not in answer


async def test_hidden_characters_are_removed_and_foreign_digits_refused(
        telegram_bot: TelegramBot, clock: Clock) -> None:
    officer, meeting_id = await _officer(telegram_bot, clock)
    await officer.say("/dangky")
    await officer.press(t("btn_add"))
    await officer.say("nguyễn\u202e văn\u200b an\ufeff")  # a right-to-left override, a zero-width space, a BOM
    await officer.say("Phó Chủ tịch\u2066 UBND\u2069 phường")
    refused = _text(await officer.say("٠٩١٩٤٢٢٠٣٨"))  # Arabic-Indic digits: `\d` would take them
    assert "Số điện thoại chưa đúng" in refused and "0–9" in refused and "0251 3822 123" in refused
    await officer.say("(+84) 91-942-2038")
    await officer.press(t("btn_skip"))
    added = _text(await officer.press(t("btn_no")))
    assert "Nguyễn Văn An" in added
    await officer.press(t("btn_confirm"))
    async with telegram_bot.sessions() as session:
        commune = await find_unit(session=session, name=COMMUNE)
        _reg, people = await registration_of(session=session, meeting_id=meeting_id, unit_id=commune.id)
    assert [(p.full_name, p.position, p.phone) for p in people] == [
        ("Nguyễn Văn An", "Phó Chủ tịch UBND phường", "0919422038")]


async def test_an_unsent_list_survives_another_command_on_telegram(telegram_bot: TelegramBot, clock: Clock) -> None:
    officer, meeting_id = await _officer(telegram_bot, clock)
    await officer.say("/dangky")
    await officer.press(t("btn_add"))
    for answer in ("TRẦN THỊ BÌNH", "-", "0251 3822 123"):
        await officer.say(answer)
    await officer.press(t("btn_skip"))
    await officer.press(t("btn_yes"))
    await officer.say("/viec")
    found = _text(await officer.say("/dangky"))
    assert "Anh/chị còn một danh sách chưa gửi" in found
    resumed = _text(await officer.press(t("btn_draft_resume")))
    assert "Trần Thị Bình" in resumed
    await officer.press(t("btn_confirm"))
    async with telegram_bot.sessions() as session:
        commune = await find_unit(session=session, name=COMMUNE)
        _reg, people = await registration_of(session=session, meeting_id=meeting_id, unit_id=commune.id)
    assert [(p.full_name, p.phone) for p in people] == [("Trần Thị Bình", "02513822123")]
