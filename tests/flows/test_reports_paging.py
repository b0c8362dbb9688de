"""/baocao with many deadlines (an organiser sees every plan's): ten a page with "Trang sau" and
"Trang trước", never a list of 15 to answer by number, and words of the report find it on any page."""

from __future__ import annotations

from datetime import timedelta

from storage.models import Deadline
from tests.conftest import Clock, Db
from tests.flows.harness import chat_as, demo_world, make_runtime


async def test_many_deadlines_come_ten_a_page_and_words_find_one(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    async with sqlite_db.sessions() as session:
        for month in range(1, 14):
            session.add(Deadline(what=f"Báo cáo kiểm định tháng {month}", due_text=f"ngày {month}",
                                 due_at=clock() + timedelta(days=month)))
        await session.commit()
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")
    first = await organiser.say("/baocao")
    assert first.startswith("Chọn hạn báo cáo:") and "Trang 1/2" in first
    labels = organiser.labels()
    assert len(labels) == 11 and labels[-1] == "Trang sau ▶", labels
    second = await organiser.press("Trang sau")
    assert "Trang 2/2" in second and organiser.labels()[-1] == "◀ Trang trước"
    assert len(organiser.labels()) == 6  # 15 deadlines (13 and the demo plan's 2): 5 more and the way back
    back = await organiser.press("Trang trước")
    assert "Trang 1/2" in back

    several = await organiser.say("bao cao kiem dinh")  # many match: they are offered, a page at a time
    assert several.startswith("Có 13 hạn báo cáo khớp")
    card = await organiser.say("kiểm định tháng 12")
    assert card.startswith("📄 Báo cáo kiểm định tháng 12\n")


async def test_words_that_match_no_deadline_ask_again(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")
    await organiser.say("/baocao")
    again = await organiser.say("xyz không có")
    assert again.startswith("Vui lòng chọn một hạn báo cáo") and "gõ vài chữ" in again
