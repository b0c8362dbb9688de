"""The petitions' files: /xuat gives the .xlsx list and the .docx draft report beside the roster, and
`tdc-bot export petitions` writes the same two files; both open (openpyxl, python-docx) and hold
what was entered, typed formulas stay text, and each export is audited."""

from __future__ import annotations

import asyncio
import io
from datetime import datetime
from pathlib import Path

import docx
import openpyxl
from sqlmodel import select

from handlers.types import Inbound
from storage.engine import make_async_engine, session_factory
from storage.migrate import upgrade
from storage.models import AuditEvent
from storage.petitions import answer_petition, assign_petition, create_petition
from storage.units import find_unit
from tests.conftest import TZ, Clock, Db
from tests.flows.harness import chat_as, make_runtime
from tests.flows.petitions_kit import COMPANY_A, COMPANY_B, PetitionWorld, petition_world
from tests.unit.test_cli import tdc

FIRST = "Đề nghị hướng dẫn thủ tục kiểm định cân điện tử dùng trong thương mại bán lẻ"
HOSTILE = "=HYPERLINK(\"http://x.example\",\"bấm\") kiến nghị về nhãn hàng hóa nhập khẩu"
ANSWER = "Sở đã hướng dẫn tại hội nghị; văn bản số 12/SKHCN-TĐC."


async def _fill(session_maker, world: PetitionWorld, now: datetime) -> None:  # type: ignore[no-untyped-def]
    async with session_maker() as s:
        first = await create_petition(session=s, meeting_id=world.meeting_id, unit_id=world.unit_a,
                                      actor_id=world.ent_a, field="metrology", content=FIRST, file_ref=None,
                                      file_name=None, max_per_unit=5, now=now)
        await create_petition(session=s, meeting_id=world.meeting_id, unit_id=world.unit_b, actor_id=world.ent_b,
                              field="quality", content=HOSTILE, file_ref=None, file_name=None, max_per_unit=5,
                              now=now)
        await assign_petition(session=s, petition_id=first.id, unit_id=world.vp_unit, due=None, actor_id=None, now=now)
        await answer_petition(session=s, petition_id=first.id, state="answered_at_conference", answer=ANSWER,
                              file_name=None, file_data=None, actor_id=None, now=now)
        await s.commit()


def _check_xlsx(data: bytes) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert rows[0] == ["STT", "Số", "Tổ chức", "Mã số thuế", "Lĩnh vực", "Nội dung kiến nghị", "Đơn vị xử lý",
                       "Trạng thái", "Trả lời", "Ngày trả lời"]
    first, second = rows[1], rows[2]
    assert first[0] == 1 and first[2] == COMPANY_A and first[4] == "Đo lường" and first[5] == FIRST
    assert first[6] == "Văn phòng Sở" and first[7] == "Đã trả lời tại hội nghị" and first[8] == ANSWER
    assert first[9] == "20/05/2026" and first[3] in (None, "")  # no tax code kept before migration 0009
    assert second[2] == COMPANY_B and second[5] == HOSTILE and second[7] == "Đã tiếp nhận"
    cell = sheet.cell(row=6, column=6)
    assert cell.data_type == "s"  # a typed formula stays words


def _check_docx(data: bytes) -> None:
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO KẾT QUẢ GIẢI QUYẾT KIẾN NGHỊ" in text
    assert "đã tiếp nhận 2 kiến nghị của 2 tổ chức; đã trả lời 1" in text
    assert FIRST in text and ANSWER in text and HOSTILE in text and "(chưa có)" in text
    [table] = document.tables
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0][0] == "Lĩnh vực" and cells[0][-1] == "Tổng"
    metrology = next(r for r in cells if r[0] == "Đo lường")
    assert metrology[-1] == "1" and metrology[cells[0].index("Đã trả lời tại hội nghị")] == "1"
    assert cells[-1][0] == "Tổng" and cells[-1][-1] == "2"


async def test_xuat_gives_the_list_and_the_draft_report_and_audits_it(db: Db, clock: Clock) -> None:
    world = await petition_world(db, clock)
    await _fill(db.sessions, world, clock())
    org = chat_as(make_runtime(db.sessions, clock), "organizer")
    await org.say("/xuat")
    replies = await org.send(Inbound(choice=org.choice_key("Hội nghị")))
    files = {r.file.name.split("-")[0]: r.file for r in replies if r.file is not None}
    assert set(files) == {"danh", "kien", "bao"}
    _check_xlsx(files["kien"].data)
    _check_docx(files["bao"].data)
    assert files["kien"].command.startswith(f"tdc-bot export petitions --meeting {world.meeting_id}")
    async with db.sessions() as s:
        events = (await s.exec(select(AuditEvent).where(AuditEvent.action == "export.petitions"))).all()
    assert [(e.subject, e.detail["via"]) for e in events] == [(f"meeting:{world.meeting_id}", "console")]


def test_the_command_line_writes_both_files_and_audits(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    upgrade(url)

    class _FileDb:
        def __init__(self) -> None:
            self.engine = make_async_engine(url)
            self.sessions = session_factory(self.engine)

    async def fill() -> int:
        file_db = _FileDb()
        clock = Clock(datetime(2026, 5, 20, 9, 0, tzinfo=TZ))
        world = await petition_world(file_db, clock)  # type: ignore[arg-type]
        await _fill(file_db.sessions, world, clock())
        async with file_db.sessions() as s:
            assert (await find_unit(session=s, name=COMPANY_A)).kind == "enterprise"
        await file_db.engine.dispose()
        return world.meeting_id

    meeting_id = asyncio.run(fill())
    out = tmp_path / "out" / "kn.xlsx"
    done = tdc("export", "petitions", "--meeting", str(meeting_id), "--out", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    _check_xlsx(out.read_bytes())
    _check_docx(out.with_suffix(".docx").read_bytes())
    listed = tdc("audit", "list", "--action", "export.petitions", "--json", cwd=tmp_path)
    assert f'"meeting:{meeting_id}"' in listed.stdout and '"via": "cli"' in listed.stdout
    missing = tdc("export", "petitions", "--meeting", "999", "--out", str(out), cwd=tmp_path)
    assert missing.returncode != 0 and "Traceback" not in missing.stderr
