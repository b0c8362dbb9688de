"""Demo data: the Department's divisions from the seed documents, a few communes, people to
play, a meeting open for registration, and the seed plan once plans can be imported."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from importlib import resources

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.attendees import AttendeeDraft
from domain.workdays import default_calendar
from storage.meetings import create_meeting, unit_ids_of_kind
from storage.members import add_member
from storage.models import Meeting, saved_id
from storage.registrations import save_registration
from storage.units import UnitRow, find_unit, upsert_units

DEPARTMENT = "Sở Khoa học và Công nghệ"
UNITS = [
    UnitRow("department", DEPARTMENT, ("Sở KH&CN", "SKHCN"), None),
    UnitRow("division", "Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng",
            ("Phòng TĐC", "Phòng Quản lý TCĐLCL"), DEPARTMENT),
    UnitRow("division", "Văn phòng Sở", (), DEPARTMENT),
    UnitRow("division", "Phòng Chuyển đổi số", (), DEPARTMENT),
    UnitRow("division", "Phòng Kiểm tra – Pháp chế", (), DEPARTMENT),
    UnitRow("division", "Trung tâm Khoa học và Công nghệ", ("Trung tâm KH&CN",), DEPARTMENT),
    UnitRow("national", "Ủy ban Tiêu chuẩn Đo lường Chất lượng Quốc gia", ("Ủy ban TĐC",), None),
    UnitRow("commune", "Phường Trấn Biên", (), None),
    UnitRow("commune", "Phường Biên Hòa", (), None),
    UnitRow("commune", "Phường Long Khánh", (), None),
    UnitRow("commune", "Xã Long Thành", (), None),
    UnitRow("commune", "Xã Nhơn Trạch", (), None),
    UnitRow("commune", "Xã Trảng Bom", (), None),
]

# (persona, full name, role, unit); the persona is also the console account id.
PEOPLE = [
    ("officer", "Nguyễn Thị Lan", "officer", "Phường Trấn Biên"),
    ("unit_head", "Lê Văn Hùng", "unit_head", "Phòng TĐC"),
    ("organizer", "Đoàn Minh Hải", "organizer", "Phòng TĐC"),
    ("officer-2", "Trần Văn Bình", "officer", "Xã Long Thành"),
]
PERSONAS = {
    "officer": "cán bộ UBND Phường Trấn Biên",
    "unit_head": "Trưởng Phòng Quản lý TĐC",
    "organizer": "chuyên viên Phòng TĐC, người tổ chức hội nghị",
    "enterprise": "người liên hệ của một doanh nghiệp, chưa có mã mời: theo đường dẫn công khai trong thông báo của Sở",
}
# The enterprise persona is nobody yet: it follows the dialogue conference's public link (issue 15).
ENTERPRISE_PERSON = ("enterprise", "Trần Thị Hoa")
DIALOGUE_TITLE = ("Hội nghị đối thoại và giải quyết kiến nghị của doanh nghiệp về hoạt động tiêu chuẩn, đo lường, "
                  "chất lượng năm {year}")

ATTENDANCE = (
    "Đại diện Lãnh đạo UBND xã, phường; công chức phụ trách lĩnh vực Văn hoá - Xã hội, phụ trách khoa học "
    "công nghệ, quản lý thị trường hoặc cán bộ được phân công theo dõi công tác Tiêu chuẩn Đo lường Chất "
    "lượng tại địa phương."
)


# Units already registered when the demo opens, so an organiser's roster and export are not empty.
SEEDED = {
    "Phường Biên Hòa": [
        AttendeeDraft("Phạm Thị Mai", "Phó Chủ tịch UBND phường", "0912345678", "mai.pt@bienhoa.gov.vn", True),
        AttendeeDraft("Võ Văn Tâm", "Công chức Văn hóa - Xã hội", "0987654321"),
    ],
    "Xã Nhơn Trạch": [AttendeeDraft("Đặng Quốc Huy", "Công chức phụ trách KH&CN", "0909123456", None, True)],
    "Phường Long Khánh": [
        AttendeeDraft("Huỳnh Thị Ngọc", "Phó Chủ tịch UBND phường", "0938111222", None, True),
        AttendeeDraft("Lý Minh Khoa", "Cán bộ quản lý thị trường", "0977333444"),
    ],
}


def next_working_day(day: date) -> date:
    """The demo meeting falls on a working day, as a real one would (no weekend, no holiday)."""
    calendar = default_calendar()
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


async def seed_registrations(*, session: AsyncSession, meeting_id: int, now: datetime) -> None:
    """A few communes registered already: the demo's organiser sees a real roster and export."""
    for unit_name, people in SEEDED.items():
        unit = await find_unit(session=session, name=unit_name)
        await save_registration(session=session, meeting_id=meeting_id, unit_id=saved_id(unit), attendees=people,
                                based_on_version=None, actor_id=None, now=now)


def demo_doc(name: str) -> str:
    """A seed document shipped with the package (the demo must work without ../shared)."""
    return resources.files("bot").joinpath("demo_docs", name).read_text(encoding="utf-8")


async def load_demo_data(*, session: AsyncSession, now: datetime, meeting_day: date | None = None) -> dict[str, int]:
    """Fill an empty database with the demo's units, people, an open meeting and the seed plan.

    The meeting is ten days ahead (`meeting_day` when given: the demo puts it on a working day;
    the tests keep the fixed +10 days their dates are written against)."""
    await upsert_units(session=session, rows=UNITS)
    ids: dict[str, int] = {}
    for persona, name, role, unit_name in PEOPLE:
        unit = await find_unit(session=session, name=unit_name)
        ident = await add_member(session=session, unit_id=saved_id(unit), full_name=name, role=role,
                                 channel="console", external_id=f"demo-{persona}")
        ids[persona] = ident.member_id
    day = meeting_day or now.date() + timedelta(days=10)
    start = datetime.combine(day, time(14, 0), tzinfo=now.tzinfo)
    cutoff = datetime.combine(day - timedelta(days=3), time(0, 0), tzinfo=now.tzinfo)
    quarter = ("I", "II", "III", "IV")[(start.month - 1) // 3]
    meeting = Meeting(
        title=f"Hội nghị trực tuyến về công tác TCĐLCL địa phương Quý {quarter}/{start.year}",
        start_at=start, registration_cutoff=cutoff, mode="online", attendance=ATTENDANCE,
        contact_name="Ông Đoàn Minh Hải", contact_phone="0919422038",
        contact_detail="Chuyên viên Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng", tentative=True, created_at=now,
    )
    await create_meeting(session=session, meeting=meeting,
                         invited_unit_ids=await unit_ids_of_kind(session=session, kind="commune"))
    ids["meeting"] = saved_id(meeting)
    await _load_plan(session=session, ids=ids, now=now)
    return ids


async def load_dialogue_meeting(*, session: AsyncSession, now: datetime, meeting_day: date, cap: int = 100
                                ) -> Meeting:
    """The dialogue conference of seed 001, open to any enterprise through its public link (no one invited)."""
    from storage.open_registration import open_link

    start = datetime.combine(meeting_day, time(14, 0), tzinfo=now.tzinfo)
    meeting = Meeting(
        title=DIALOGUE_TITLE.format(year=start.year), start_at=start, mode="in_person",
        registration_cutoff=datetime.combine(meeting_day - timedelta(days=3), time(0, 0), tzinfo=now.tzinfo),
        location="Trung tâm Hội nghị – Biểu diễn thành phố", attendance="Đại diện lãnh đạo doanh nghiệp",
        contact_name="Ông Đoàn Minh Hải", contact_phone="0919422038", created_at=now,
    )
    await create_meeting(session=session, meeting=meeting, invited_unit_ids=[])
    return await open_link(session=session, meeting_id=saved_id(meeting), cap=cap, actor_id=None, now=now)


async def _load_plan(*, session: AsyncSession, ids: dict[str, int], now: datetime) -> None:
    try:
        from storage.plans import import_plan_text
    except ImportError:
        return
    plan = await import_plan_text(session=session, text=demo_doc("ke-hoach-chi-thi-38.txt"),
                                  source_name="ke-hoach-chi-thi-38.txt", now=now)
    ids["plan"] = saved_id(plan)


class DemoClock:
    """The demo's time, which `/demo-clock +3d` moves forward so reminders come due."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def move(self, how: str) -> str:
        """'+3d', '+5h', '+30m' (or an ISO time); the answer says the new time, or how to write one."""
        import re

        match = re.fullmatch(r"\+?\s*(\d{1,3})\s*([dhm])", how.strip().lower())
        if match:
            n, unit = int(match.group(1)), match.group(2)
            self.now += {"d": timedelta(days=n), "h": timedelta(hours=n), "m": timedelta(minutes=n)}[unit]
        else:
            try:
                moved = datetime.fromisoformat(how.strip())
            except ValueError:
                return "Cách dùng: /demo-clock +3d (ngày), +5h (giờ), +30m (phút) hoặc 2026-12-08T07:30."
            moved = moved if moved.tzinfo else moved.replace(tzinfo=self.now.tzinfo)
            if moved <= self.now:
                return "Đồng hồ chạy thử chỉ tua tới, không lùi lại."
            self.now = moved
        return f"🕰 Đồng hồ chạy thử: {self.now:%Hh%M, %A %d/%m/%Y}".replace(self.now.strftime("%A"),
                                                                          _weekday(self.now))


def _weekday(value: datetime) -> str:
    from handlers.texts.vi import WEEKDAYS

    return WEEKDAYS[value.weekday()]
