"""A recurring deadline rolls, on both engines: once an occurrence has passed its next one is a row
of its own in the same series, owed by the same units, stored exactly once even when two workers
roll at the same moment; the next occurrence is the one the planner reminds; a cancelled
deadline reminds no one and ends its series."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from sqlmodel import col, select

from domain.recurrence import Recurrence
from storage.deadline_series import add_occurrence, due_to_roll, roll_series
from storage.deadlines import DeadlineSpec, cancel_deadline, create_deadline
from storage.engine import make_async_engine, session_factory
from storage.models import Deadline, DeadlineUnit, ReminderOutbox
from storage.plans import deadlines_for_unit, submit_report
from storage.reminder_facts import gather
from tests.conftest import TZ, Clock, Db
from tests.flows.harness import demo_world
from tests.flows.reminders_kit import machinery

RULE = Recurrence("year", 31, 5, inclusive=False, text="trước ngày 31/5 hàng năm")
FIRST_DUE = datetime(2026, 5, 31, tzinfo=TZ)
AFTER = datetime(2026, 6, 1, 9, 0, tzinfo=TZ)


async def _recurring(db: Db, clock: Clock, rule: Recurrence = RULE, due: datetime = FIRST_DUE) -> int:
    await demo_world(db, clock)
    async with db.sessions() as s:
        saved = await create_deadline(session=s, spec=DeadlineSpec(
            what="Báo cáo tình hình hoạt động đo lường", due_text=rule.text, due_at=due,
            owed_by=("các xã, phường",), recurrence=rule), actor_id=None)
        await s.commit()
        return saved.deadline.id or 0


async def _series(db: Db, first_id: int) -> list[Deadline]:
    async with db.sessions() as s:
        return list((await s.exec(select(Deadline).where(
            (col(Deadline.id) == first_id) | (col(Deadline.series_id) == first_id))
            .order_by(col(Deadline.due_at)))).all())


async def _owed(db: Db, deadline_id: int) -> dict[int, bool]:
    async with db.sessions() as s:
        rows = (await s.exec(select(DeadlineUnit).where(DeadlineUnit.deadline_id == deadline_id))).all()
        return {r.unit_id: r.submitted_at is not None for r in rows}


async def test_a_passed_occurrence_rolls_once_to_the_next_owed_by_the_same_units(db: Db, clock: Clock) -> None:
    first_id = await _recurring(db, clock)
    unit_id = next(iter(await _owed(db, first_id)))
    async with db.sessions() as s:
        assert await roll_series(session=s, now=FIRST_DUE - timedelta(minutes=1), tz=TZ) == []  # not passed yet
        await create_deadline(session=s, spec=DeadlineSpec(  # a one-off deadline passed at the same moment
            what="Danh sách đầu mối", due_text="trước ngày 31/5/2026", due_at=FIRST_DUE, owed_by=("các xã, phường",)),
            actor_id=None)
        await submit_report(session=s, deadline_id=first_id, unit_id=unit_id, note="đã gửi", file_ref=None,
                            actor_id=1, now=FIRST_DUE - timedelta(days=1))
        await s.commit()
    async with db.sessions() as s:
        [rolled] = await roll_series(session=s, now=AFTER, tz=TZ)
        await s.commit()
    async with db.sessions() as s:
        assert await roll_series(session=s, now=AFTER + timedelta(days=30), tz=TZ) == []  # once
        await s.commit()
    first, second = await _series(db, first_id)
    assert (second.id, second.series_id, second.due_at) == (rolled.id, first_id, datetime(2027, 5, 31, tzinfo=TZ))
    assert second.due_text == "trước ngày 31/05/2027" and second.what == first.what
    assert second.recurrence == RULE.as_json() and second.owed_text == ["các xã, phường"]
    first_owed, second_owed = await _owed(db, first_id), await _owed(db, second.id or 0)
    assert set(second_owed) == set(first_owed) and len(second_owed) == 6
    assert first_owed[unit_id] and not any(second_owed.values())  # who submitted stays with its occurrence
    # The second occurrence rolls in its turn, into the same series (the first's id).
    async with db.sessions() as s:
        [third] = await roll_series(session=s, now=datetime(2027, 5, 31, 0, 1, tzinfo=TZ), tz=TZ)
        await s.commit()
    assert (third.series_id, third.due_at) == (first_id, datetime(2028, 5, 31, tzinfo=TZ))


async def test_an_inclusive_monthly_rule_long_past_catches_up_to_the_first_future_occurrence(
        db: Db, clock: Clock) -> None:
    rule = Recurrence("month", 5, None, inclusive=True, text="chậm nhất ngày 05 hằng tháng")
    first_id = await _recurring(db, clock, rule, due=datetime(2026, 3, 6, tzinfo=TZ))
    async with db.sessions() as s:
        stored = await roll_series(session=s, now=datetime(2026, 5, 20, 9, 0, tzinfo=TZ), tz=TZ)
        await s.commit()
    assert [d.due_at for d in stored] == [datetime(2026, 4, 6, tzinfo=TZ), datetime(2026, 5, 6, tzinfo=TZ),
                                          datetime(2026, 6, 6, tzinfo=TZ)]
    assert stored[-1].due_text == "chậm nhất ngày 05/06/2026"
    assert len(await _series(db, first_id)) == 4


async def test_two_workers_that_both_saw_the_passed_occurrence_store_the_next_once(db: Db, clock: Clock) -> None:
    """Worker B read the series before A stored the next occurrence (on SQLite the write lock
    orders the two transactions, so B's read is its own); B's insert then meets A's row."""
    first_id = await _recurring(db, clock)
    due = datetime(2027, 5, 31, tzinfo=TZ)
    async with db.sessions() as b:
        [seen_b] = await due_to_roll(session=b, now=AFTER)
        await b.commit()
    async with db.sessions() as a:
        [seen_a] = await due_to_roll(session=a, now=AFTER)
        won = await add_occurrence(session=a, previous=seen_a, due_at=due, due_text="trước ngày 31/05/2027")
        await a.commit()
    async with db.sessions() as b:
        lost = await add_occurrence(session=b, previous=seen_b, due_at=due, due_text="trước ngày 31/05/2027")
        await b.commit()  # the loser's transaction is still usable: only its savepoint was undone
    assert won is not None and lost is None
    assert [d.due_at for d in await _series(db, first_id)] == [FIRST_DUE, due]


async def test_two_planner_sweeps_at_the_same_moment_on_postgresql(pg_url: str, clock: Clock) -> None:
    """Real concurrency: the second sweep read the series before the first committed, so its insert
    meets the first's row (waiting on its lock or after its commit) and must give way, not fail."""
    engine = make_async_engine(pg_url)
    db = Db("postgresql", pg_url, engine, session_factory(engine))
    try:
        from tests.conftest import _truncate_all

        await _truncate_all(engine)
        first_id = await _recurring(db, clock)
        async with db.sessions() as a, db.sessions() as b:
            mine = await roll_series(session=a, now=AFTER, tz=TZ)  # flushed, not committed
            [seen] = await due_to_roll(session=b, now=AFTER)  # still sees the first as the latest
            other = asyncio.create_task(roll_series(session=b, now=AFTER, tz=TZ))
            await asyncio.sleep(0)  # let the second sweep reach its insert before the first commits
            await a.commit()
            theirs = await other
            await b.commit()
        assert seen.id == first_id and len(mine) == 1 and theirs == []
        assert [d.due_at for d in await _series(db, first_id)] == [FIRST_DUE, datetime(2027, 5, 31, tzinfo=TZ)]
    finally:
        await engine.dispose()


async def test_the_planner_rolls_and_reminds_the_next_occurrence(db: Db, clock: Clock) -> None:
    first_id = await _recurring(db, clock, due=datetime(2026, 5, 21, tzinfo=TZ),
                                rule=Recurrence("month", 21, None, inclusive=False, text="trước ngày 21 hằng tháng"))
    clock.now = datetime(2026, 6, 12, 9, 0, tzinfo=TZ)
    kit = machinery(db, clock)
    await kit.planner.run_once()
    await kit.planner.run_once()  # a second sweep adds no occurrence
    _first, second = await _series(db, first_id)
    assert second.due_at == datetime(2026, 6, 21, tzinfo=TZ)
    async with db.sessions() as s:
        subjects = set((await s.exec(select(ReminderOutbox.subject).where(
            col(ReminderOutbox.kind) == "deadline"))).all())
    assert f"deadline:{second.id}" in subjects and f"deadline:{first_id}" not in subjects


async def test_a_cancelled_deadline_reminds_no_one_is_not_due_and_ends_its_series(db: Db, clock: Clock) -> None:
    first_id = await _recurring(db, clock, due=datetime(2026, 5, 29, tzinfo=TZ))
    unit_id = next(iter(await _owed(db, first_id)))
    kit = machinery(db, clock)
    async with db.sessions() as s:
        wanted = await kit.planner.wanted(s, clock())
    assert any(p.subject == f"deadline:{first_id}" for p in wanted)  # reminded while it is live
    await kit.planner.run_once()
    async with db.sessions() as s:
        await cancel_deadline(session=s, deadline_id=first_id, actor_id=None, now=clock())
        await s.commit()
    await kit.round()  # plans again, then sends what is due: nothing about the cancelled deadline
    async with db.sessions() as s:
        facts = await gather(session=s, now=clock())
        wanted = await kit.planner.wanted(s, clock())
        due = await deadlines_for_unit(session=s, unit_id=unit_id, start=clock(), end=clock() + timedelta(days=30))
        rows = (await s.exec(select(ReminderOutbox).where(ReminderOutbox.subject == f"deadline:{first_id}"))).all()
        assert await roll_series(session=s, now=datetime(2026, 6, 2, tzinfo=TZ), tz=TZ) == []
    assert first_id not in {d.deadline_id for d in facts.deadlines}
    assert [p for p in wanted if p.subject == f"deadline:{first_id}"] == []
    assert [v for v in due if v.deadline.id == first_id] == []
    assert not any("Báo cáo tình hình" in text for _, text, _ in kit.inbox.got)
    assert rows and {r.state for r in rows} == {"skipped"} and {r.reason for r in rows} == {"cancelled"}
