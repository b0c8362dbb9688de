"""Who may do what: every command × every role, and a unit's data kept to that unit."""

from __future__ import annotations

import pytest

from domain.errors import NotAllowed
from handlers.types import Inbound
from storage.members import add_member
from storage.models import Meeting
from storage.registrations import save_registration
from storage.units import find_unit
from tests.conftest import Clock, Db
from tests.flows.harness import chat_as, demo_world, make_runtime, register

AN = ("Nguyễn Văn An", "Phó Chủ tịch UBND phường", "0919.422.038")
ORGANISER_ONLY = "chỉ dành cho cán bộ Sở"
NEED_INVITE = "chưa tham gia đơn vị nào"
ENTERPRISES_ONLY = "dành cho doanh nghiệp đã đăng ký"
# The petition commands (issue 15), per persona: a registered unit may petition, an unregistered one is
# told why not, only organisers list every petition, set the cutoff and send the conclusion.
PETITIONS = {
    "guest": {"/kiennghi": NEED_INVITE, "/guikiennghi": NEED_INVITE, "/hankiennghi": ORGANISER_ONLY,
              "/ketluan": ORGANISER_ONLY},
    "officer": {"/kiennghi": "thuộc lĩnh vực nào", "/guikiennghi": "thuộc lĩnh vực nào",
                "/hankiennghi": ORGANISER_ONLY, "/ketluan": ORGANISER_ONLY},
    "officer-2": {"/kiennghi": "chưa có kiến nghị nào", "/guikiennghi": "chưa đăng ký tham dự hội nghị nào",
                  "/hankiennghi": ORGANISER_ONLY, "/ketluan": ORGANISER_ONLY},
    "unit_head": {"/kiennghi": "chưa có kiến nghị nào", "/guikiennghi": "chưa đăng ký tham dự hội nghị nào",
                  "/hankiennghi": ORGANISER_ONLY, "/ketluan": ORGANISER_ONLY},
    "organizer": {"/kiennghi": "Chưa có kiến nghị nào", "/guikiennghi": "chưa đăng ký tham dự hội nghị nào",
                  "/hankiennghi": "Hạn gửi kiến nghị của hội nghị", "/ketluan": "thông báo kết luận"},
    "admin": {"/kiennghi": "Chưa có kiến nghị nào", "/guikiennghi": "chưa đăng ký tham dự hội nghị nào",
              "/hankiennghi": "Hạn gửi kiến nghị của hội nghị", "/ketluan": "thông báo kết luận"},
}

# persona → expected answer fragment for each command; "OK:<fragment>" means allowed.
MATRIX = {
    "guest": {"/start": "cần mã mời", "/help": "/start", "/huy": "Không có thao tác",
              "/dangky": NEED_INVITE, "/danhsach": ORGANISER_ONLY, "/chuadangky": ORGANISER_ONLY,
              "/xuat": ORGANISER_ONLY, "/yeucau": ORGANISER_ONLY},
    "officer": {"/start": "Xin chào Nguyễn Thị Lan", "/help": "/dangky", "/huy": "Không có thao tác",
                "/dangky": "Đơn vị đã đăng ký", "/danhsach": ORGANISER_ONLY, "/chuadangky": ORGANISER_ONLY,
                "/xuat": ORGANISER_ONLY, "/yeucau": ORGANISER_ONLY},
    "officer-2": {"/start": "Xin chào Trần Văn Bình", "/help": "/dangky", "/huy": "Không có thao tác",
                  "/dangky": "Đơn vị chưa đăng ký", "/danhsach": ORGANISER_ONLY,
                  "/chuadangky": ORGANISER_ONLY, "/xuat": ORGANISER_ONLY, "/yeucau": ORGANISER_ONLY},
    "unit_head": {"/start": "Xin chào Lê Văn Hùng", "/help": "/dangky",
                  "/huy": "Không có thao tác", "/dangky": "không có hội nghị nào mời",
                  "/danhsach": ORGANISER_ONLY, "/chuadangky": ORGANISER_ONLY, "/xuat": ORGANISER_ONLY,
                  "/yeucau": ORGANISER_ONLY},
    "organizer": {"/start": "Xin chào Đoàn Minh Hải", "/help": "/danhsach", "/huy": "Không có thao tác",
                  "/dangky": "không có hội nghị nào mời", "/danhsach": "Đã đăng ký: 1/6",
                  "/chuadangky": "5 đơn vị chưa đăng ký", "/xuat": "bảng tiến độ kế hoạch", "/yeucau": "bước 1/3"},
    "admin": {"/start": "Xin chào Quản Trị", "/help": "/xuat", "/huy": "Không có thao tác",
              "/dangky": "không có hội nghị nào mời", "/danhsach": "Đã đăng ký: 1/6",
              "/chuadangky": "5 đơn vị chưa đăng ký", "/xuat": "bảng tiến độ kế hoạch", "/yeucau": "bước 1/3"},
}
# Open registration by link (issue 15): the organiser's link, and an enterprise's own details.
for _persona, _answers in MATRIX.items():
    organiser = _persona in ("organizer", "admin")
    _answers["/dangkymo"] = "Trạng thái: chưa mở" if organiser else ORGANISER_ONLY
    _answers["/doanhnghiep"] = NEED_INVITE if _persona == "guest" else ENTERPRISES_ONLY


@pytest.mark.parametrize("persona", list(MATRIX))
async def test_every_command_for_every_role(sqlite_db: Db, clock: Clock, persona: str) -> None:
    await demo_world(sqlite_db, clock)
    async with sqlite_db.sessions() as s:
        dept = await find_unit(session=s, name="Sở KH&CN")
        await add_member(session=s, unit_id=dept.id, full_name="Quản Trị", role="admin", channel="console",
                         external_id="admin")
        await s.commit()
    runtime = make_runtime(sqlite_db.sessions, clock)
    await register(chat_as(runtime, "officer"), [AN])
    chat = chat_as(runtime, persona if persona != "guest" else "stranger")
    for command, expected in {**MATRIX[persona], **PETITIONS[persona]}.items():
        answer = await chat.say(command)
        assert expected in answer, (persona, command, answer)
        await chat.say("/huy")
    # An officer of another commune never sees this commune's attendees.
    if persona == "officer-2":
        assert "Nguyễn Văn An" not in await chat.say("/dangky")


async def test_officer_cannot_pick_a_meeting_that_was_not_offered(sqlite_db: Db, clock: Clock) -> None:
    ids = await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "unit_head")
    await chat.say("/dangky")
    forged = await chat.send(Inbound(choice=f"1|m{ids['meeting']}"))
    assert "tin nhắn cũ" in forged[0].text


async def test_storage_refuses_a_unit_that_was_not_invited(db: Db, clock: Clock) -> None:
    from domain.attendees import AttendeeDraft

    ids = await demo_world(db, clock)
    async with db.sessions() as s:
        division = await find_unit(session=s, name="Phòng TĐC")
        with pytest.raises(NotAllowed) as info:
            await save_registration(session=s, meeting_id=ids["meeting"], unit_id=division.id,
                                    attendees=[AttendeeDraft("Lê Văn Hùng", None, "0919000000", None, True)],
                                    based_on_version=None, actor_id=None, now=clock())
        assert info.value.code == "not_invited"
        assert await s.get(Meeting, ids["meeting"]) is not None
