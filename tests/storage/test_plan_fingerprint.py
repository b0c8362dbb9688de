"""Issue 9.5: a re-import is recognised by the document's text, not only by its title."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import func, select

from domain.documents import read_plan, text_fingerprint
from domain.errors import Conflict
from storage.models import Plan, Task
from storage.plans import store_plan
from tests.conftest import Db, fixture_file
from tests.storage.test_plan_import import SEED, seeded


def _untitled_text() -> str:
    """The seed plan without its «KẾ HOẠCH» heading: the reader finds no title in it."""
    return fixture_file(SEED).read_text(encoding="utf-8").replace("\nKẾ HOẠCH\n", "\n", 1)


async def _store(db: Db, text: str, name: str) -> int:
    async with db.sessions() as s:
        report = await store_plan(session=s, doc=read_plan(text), source_name=name)
        await s.commit()
        assert report.plan.id is not None
        return report.plan.id


async def _counts(db: Db) -> tuple[int, int]:
    async with db.sessions() as s:
        return ((await s.exec(select(func.count()).select_from(Plan))).one(),
                (await s.exec(select(func.count()).select_from(Task))).one())


def test_the_fingerprint_ignores_case_form_and_whitespace() -> None:
    text = "Kế hoạch số 12\n\nNhiệm vụ\tThời gian"
    assert text_fingerprint(text) == text_fingerprint("KẾ HOẠCH  SỐ 12\nNhiệm vụ Thời gian\n")
    assert text_fingerprint(text) != text_fingerprint(text.replace("12", "13"))
    assert len(text_fingerprint(text)) == 64


async def test_a_plan_without_a_title_cannot_be_imported_twice(db: Db) -> None:
    await seeded(db)
    doc = read_plan(_untitled_text())
    assert doc.title is None and len(doc.tasks) == 21
    first = await _store(db, _untitled_text(), "ke-hoach.docx")
    # The same document again, as a PDF reading would give it: lines wrapped, blank lines gone.
    rewrapped = _untitled_text().replace("\n\n", "\n").replace(", ", ",\n", 3)
    async with db.sessions() as s:
        with pytest.raises(Conflict) as info:
            await store_plan(session=s, doc=read_plan(rewrapped), source_name="ke-hoach.pdf")
    assert info.value.code == "plan_exists" and info.value.params["id"] == first
    assert await _counts(db) == (1, 21)


async def test_the_same_number_in_the_same_year_is_the_same_plan(db: Db) -> None:
    await seeded(db)
    doc = read_plan(fixture_file(SEED).read_text(encoding="utf-8"))
    numbered = replace(doc, number="125/KH-SKHCN", title="Kế hoạch A", text_hash="a" * 64)
    async with db.sessions() as s:
        await store_plan(session=s, doc=numbered, source_name="a.docx")
        await s.commit()
    async with db.sessions() as s:
        with pytest.raises(Conflict):
            await store_plan(session=s, doc=replace(numbered, title="Kế hoạch B", text_hash="b" * 64),
                             source_name="b.docx")
        # A draft not yet numbered ("Số: /KH-SKHCN") names no document: another one is stored.
        draft = replace(numbered, number="/KH-SKHCN", title="Kế hoạch C", text_hash="c" * 64)
        await store_plan(session=s, doc=draft, source_name="c.docx")
        await store_plan(session=s, doc=replace(draft, title="Kế hoạch D", text_hash="d" * 64),
                         source_name="d.docx")
        await s.commit()
    assert (await _counts(db))[0] == 3


async def test_the_fingerprint_is_unique_in_the_schema(db: Db) -> None:
    """Two imports of one text at once: the second insert is refused by the database itself."""
    async with db.sessions() as s:
        s.add(Plan(title="Một", text_hash="e" * 64))
        s.add(Plan(title="Chưa có dấu vân tay"))
        s.add(Plan(title="Cũng chưa có"))  # plans stored before the fingerprint: NULLs do not collide
        await s.commit()
    async with db.sessions() as s:
        s.add(Plan(title="Hai", text_hash="e" * 64))
        with pytest.raises(IntegrityError):
            await s.commit()


async def test_a_racing_insert_becomes_plan_exists(db: Db, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another import of the same text committed after this one's check: its insert is refused,
    and the refusal is the same Conflict, naming the plan stored first."""
    import storage.plans as plans

    await seeded(db)
    doc = read_plan(_untitled_text())
    async with db.sessions() as s:
        s.add(Plan(title="Đã nhập bởi người khác", text_hash=doc.text_hash))
        await s.commit()
    checks: list[int] = []
    original = plans.find_existing_plan

    async def too_early(**kwargs: Any) -> Plan | None:
        checks.append(1)
        return None if len(checks) == 1 else await original(**kwargs)

    monkeypatch.setattr(plans, "find_existing_plan", too_early)
    async with db.sessions() as s:
        with pytest.raises(Conflict) as info:
            await store_plan(session=s, doc=doc, source_name="x.docx")
    assert info.value.code == "plan_exists" and info.value.params["id"] == 1
    assert await _counts(db) == (1, 0)
