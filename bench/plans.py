"""Plans: how long an import takes, and how fast "what's due for my unit this quarter" answers.

1. Import: seed 003 (21 tasks) and a generated 300-task plan in the seed's format (section II
   items with "- Cơ quan chủ trì / phối hợp / Thời gian thực hiện" lines and a matching
   appendix table), read and stored into a fresh database each run (a copy of a migrated
   SQLite file; on PostgreSQL a database made from a migrated template); median of the runs.
2. Query: on a national-scale database (3,321 communes, 500 other units, 5,000 tasks, 50,000
   task–unit links, deadlines), what the chat answer runs — `handlers.tasks.fetch_workload`:
   every task of the unit split by the domain rules, and the deadlines it owes or receives —
   for a random unit, in one session each time as a chat event gets; p50/p95 on SQLite and
   PostgreSQL, beside a `SELECT 1` round trip on the same engine and the first version of the
   answer (four statements, one per list) as a baseline. Then the WHOLE answer as the chat gives
   it (`handlers.tasks.answer`: the statements, the formatting and the first page), for a random
   unit and the busiest, beside the same `SELECT 1`. Rows go in with Core executemany; the
   PostgreSQL database is made for the run and dropped at the end. When p95 misses 10 ms the
   statements are run again under EXPLAIN (ANALYZE on PostgreSQL).

3. Reading a PDF: the generated plan laid out by fpdf2 as a 100-page PDF (paragraphs, then the
   appendix as a bordered table), read by `document_text` as an upload is; the aim is < 5 s.

    .venv/bin/python -m bench.plans [--runs 5] [--samples 400] [--pdf-only]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
from sqlalchemy import insert, or_, select, text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.demo import UNITS
from domain.documents import read_plan
from domain.questions import quarter_of
from domain.text import fold
from handlers.tasks import answer as tasks_answer
from handlers.tasks import fetch_workload
from handlers.types import Ctx
from storage.engine import make_async_engine, make_sync_engine, session_factory
from storage.members import Identity
from storage.migrate import upgrade
from storage.models import ChannelAccount, ConversationState, Deadline, DeadlineUnit, Member, Plan, Task, TaskUnit, Unit
from storage.plans import store_plan
from storage.units import UnitRow, upsert_units

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
SEED = FIXTURES / "seeds" / "003_9dc728ae31be0994.txt"
FONT = FIXTURES / "fonts" / "DejaVuSans.ttf"
ADMIN_PG = os.environ.get("TDC_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
DIVISIONS = ["Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng", "Văn phòng Sở", "Phòng Chuyển đổi số",
             "Phòng Kiểm tra – Pháp chế", "Trung tâm Khoa học và Công nghệ", "Phòng Kế hoạch – Tài chính",
             "Phòng Quản lý Khoa học", "Phòng Sở hữu trí tuệ"]
LETTERS = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
         "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV", "XXVI", "XXVII",
         "XXVIII", "XXIX", "XXX"]
TIMEFRAMES = ["Quý I/2026", "Quý II/2026", "Quý III/2026", "Quý IV/2026", "Quý III, IV/2026",
              "Quý II, III và IV/2026", "Thường xuyên", "Thường xuyên", "Định kỳ hoặc đột xuất theo yêu cầu"]
COORDINATORS = ["Các phòng, đơn vị trực thuộc Sở", "Văn phòng Sở, Phòng Chuyển đổi số",
                "UBND các xã, phường", "Trung tâm Khoa học và Công nghệ", "",
                "UBND các xã, phường và các phòng, đơn vị trực thuộc Sở", "Văn phòng Sở (bộ phận pháp chế)"]
TOPICS = ["kiểm tra chất lượng xăng dầu", "đo lường trong kinh doanh vàng", "nhãn hàng hóa",
          "truy xuất nguồn gốc", "mã số, mã vạch", "năng suất chất lượng", "quy chuẩn kỹ thuật địa phương",
          "phương tiện đo nhóm 2", "hàng đóng gói sẵn", "giải thưởng chất lượng quốc gia"]


# ---------- timing helpers ----------

def ms(seconds: float) -> float:
    return seconds * 1000


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@contextmanager
def pg_database(prefix: str, template: str | None = None) -> Iterator[str]:
    """A throwaway PostgreSQL database (copied from `template` if given), dropped on the way out."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN_PG, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    try:
        yield name
    finally:
        with psycopg.connect(ADMIN_PG, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pg_url(name: str) -> str:
    return ADMIN_PG.rsplit("/", 1)[0] + f"/{name}"


# ---------- a 300-task plan in the seed's format ----------

def generated_plan(sections: int = 30, per_section: int = 10, seed: int = 3) -> str:
    """The seed's header and closing around generated section II items and a matching appendix."""
    rng = random.Random(seed)
    source = SEED.read_text(encoding="utf-8")
    head = source[: source.index("1. Tuyên truyền, nâng cao")]
    middle = source[source.index("III. KINH PHÍ THỰC HIỆN"): source.index("TT\tNội dung nhiệm vụ")]
    body: list[str] = []
    table = ["TT\tNội dung nhiệm vụ\tKết quả thực hiện\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian"]
    for s in range(sections):
        title = f"Nâng cao hiệu quả quản lý nhà nước về {TOPICS[s % len(TOPICS)]} (nhóm {s + 1})"
        body += [f"{s + 1}. {title}", ""]
        table.append(f"{ROMAN[s]}. {title}\t\t\t\t\t")
        for t in range(per_section):
            content = (f"Tổ chức triển khai nhiệm vụ {t + 1} về {rng.choice(TOPICS)} trên địa bàn tỉnh, "
                       f"phối hợp kiểm tra, hướng dẫn tổ chức, cá nhân thực hiện đúng quy định")
            lead = rng.choice(DIVISIONS[:2] + DIVISIONS[4:5]) if rng.random() < 0.3 else DIVISIONS[0]
            coordinators = rng.choice([c for c in COORDINATORS if lead not in c])
            timeframe = rng.choice(TIMEFRAMES)
            body += [f"{LETTERS[t]}) {content}.", "", f"- Cơ quan chủ trì: {lead}."]
            if coordinators:
                body.append(f"- Cơ quan phối hợp: {coordinators}.")
            body += [f"- Thời gian thực hiện: {timeframe}.", ""]
            table.append(f"{t + 1}\t{content}\tBáo cáo kết quả thực hiện\t{lead}\t{coordinators}\t{timeframe}")
    return head + "\n".join(body) + "\n\n" + middle + "\n".join(table) + "\n"


def province_units(communes: int = 100) -> list[UnitRow]:
    """A province's directory: the Department, its divisions, agencies and its communes."""
    department = UNITS[0].name
    rows = [UNITS[0], UnitRow("division", DIVISIONS[0], ("Phòng TĐC",), department)]
    rows += [UnitRow("division", name, (), department) for name in DIVISIONS[1:]]
    rows += [UnitRow("agency", f"Sở ngành số {i}", (), None) for i in range(1, 21)]
    rows += [UnitRow("commune", f"{'Xã' if i % 3 else 'Phường'} Thử Nghiệm {i}", (), None)
             for i in range(1, communes + 1)]
    return rows


# ---------- import timings ----------

async def import_once(url: str, text_: str, units: list[UnitRow]) -> tuple[float, int]:
    """Directory in (untimed), then read + store + commit (timed)."""
    engine = make_async_engine(url)
    sessions = session_factory(engine)
    try:
        async with sessions() as s:
            await upsert_units(session=s, rows=units)
            await s.commit()
        async with sessions() as s:
            began = time.perf_counter()
            report = await store_plan(session=s, doc=read_plan(text_), source_name="bench.txt")
            await s.commit()
            return time.perf_counter() - began, report.links
    finally:
        await engine.dispose()


def import_sqlite(template: Path, text_: str, units: list[UnitRow], runs: int) -> tuple[list[float], int]:
    times, links = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            path = Path(tmp) / f"run{run}.db"
            shutil.copy(template, path)
            took, links = asyncio.run(import_once(f"sqlite:///{path}", text_, units))
            times.append(took)
    return times, links


def import_postgres(template: str, text_: str, units: list[UnitRow], runs: int) -> tuple[list[float], int]:
    times, links = [], 0
    for _ in range(runs):
        with pg_database("tdc_bench_run", template) as name:
            took, links = asyncio.run(import_once(pg_url(name), text_, units))
            times.append(took)
    return times, links


# ---------- the national-scale database ----------

def national_rows(now: datetime, seed: int = 38) -> dict[str, list[dict]]:
    """34 provinces: 3,321 communes and 500 other units (8 divisions a province, agencies, …);
    5,000 tasks in 50 plans, each led by a division of the plan's province (its TĐC office
    mostly) with 9 coordinators from the same province (50,000 links); 1,000 deadlines owed
    by 10 units each. Timeframes are quarters around `now`, ongoing, on demand or a date."""
    rng = random.Random(seed)
    made = datetime(2026, 1, 1, tzinfo=TZ)
    units: list[dict] = []

    def unit(kind: str, name: str) -> int:
        units.append({"id": len(units) + 1, "kind": kind, "name": name, "name_key": fold(name),
                      "short_names": [], "created_at": made})
        return len(units)

    communes = {p: [unit("commune", f"Xã {p}-{i}") for i in range(3321 // 34 + (p < 3321 % 34))] for p in range(34)}
    divisions = {p: [unit("division", f"Phòng {p}-{i}") for i in range(8)] for p in range(34)}
    for p in range(34):
        unit("department", f"Sở Khoa học và Công nghệ {p}")
    for i in range(500 - 34 * 9):
        unit("agency" if i % 3 else "service_org", f"Cơ quan {i}")
    plans = [{"id": n + 1, "title": f"Kế hoạch {n + 1}", "year": now.year, "legal_basis": [], "created_at": made}
             for n in range(50)]
    quarters = [add_quarters(quarter(now)[0], k) for k in range(-4, 5)]
    tasks, links = [], []
    for t in range(5000):
        province = (t // 100) % 34
        kind = rng.choices(["window", "ongoing", "on_demand", "deadline"], [60, 25, 10, 5])[0]
        start = end = None
        if kind == "window":
            start = rng.choice(quarters)
            end = add_quarters(start, rng.choice([1, 1, 2, 3]))
        elif kind == "deadline":
            end = rng.choice(quarters) + timedelta(days=rng.randrange(90))
        tasks.append({"id": t + 1, "plan_id": t // 100 + 1, "position": t % 100 + 1, "section": "1",
                      "number": "a", "content": f"Nhiệm vụ {t + 1}", "timeframe_kind": kind,
                      "starts_at": start, "ends_at": end, "units_unmatched": []})
        lead = divisions[province][0] if rng.random() < 0.7 else rng.choice(divisions[province])
        chosen = [lead, *rng.sample([d for d in divisions[province] if d != lead], 2)]
        chosen += rng.sample(communes[province], 7)
        links += [{"task_id": t + 1, "unit_id": u, "role": "lead" if u == lead else "coordinator",
                   "status": rng.choice(["not_started", "in_progress", "done"])} for u in chosen]
    deadlines, owed = [], []
    for d in range(1000):
        deadlines.append({"id": d + 1, "plan_id": d % 50 + 1, "what": f"Báo cáo {d + 1}", "created_at": made,
                          "due_at": now + timedelta(days=rng.randrange(-200, 200))})
        owed += [{"deadline_id": d + 1, "unit_id": u} for u in rng.sample(range(1, len(units) + 1), 10)]
    return {"unit": units, "plan": plans, "task": tasks, "taskunit": links, "deadline": deadlines,
            "deadlineunit": owed}


def bulk_load(url: str, rows: dict[str, list[dict]]) -> float:
    """Core executemany, table by table, one transaction; PostgreSQL sequences moved past the ids."""
    tables = {"unit": Unit, "plan": Plan, "task": Task, "taskunit": TaskUnit, "deadline": Deadline,
              "deadlineunit": DeadlineUnit}
    engine = make_sync_engine(url)
    began = time.perf_counter()
    try:
        with engine.begin() as conn:
            for name, model in tables.items():
                for i in range(0, len(rows[name]), 5000):
                    conn.execute(insert(model.__table__), rows[name][i: i + 5000])  # type: ignore[attr-defined]
            if engine.dialect.name == "postgresql":
                for name in ("unit", "plan", "task", "deadline"):
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                      f"(SELECT max(id) FROM \"{name}\"))"))
        if engine.dialect.name == "postgresql":
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("ANALYZE"))  # what autovacuum does after a bulk load
    finally:
        engine.dispose()
    return time.perf_counter() - began


def add_quarters(day: datetime, count: int) -> datetime:
    months = day.month - 1 + 3 * count
    return day.replace(year=day.year + months // 12, month=months % 12 + 1)


def quarter(now: datetime) -> tuple[datetime, datetime]:
    """The current quarter [start, end) in local time, as "quý này" means."""
    start = now.replace(month=(now.month - 1) // 3 * 3 + 1, day=1, hour=0, minute=0, second=0, microsecond=0)
    return start, add_quarters(start, 1)


def answer_context(session: AsyncSession, unit_id: int, now: datetime) -> Ctx:
    """What the chat gives `handlers.tasks.answer`: a member of the unit, already known (the
    identity comes with the event's first statement, so it costs this answer nothing)."""
    unit = Unit(id=unit_id, kind="commune", name=f"Đơn vị {unit_id}", name_key=f"don vi {unit_id}")
    member = Member(id=1, full_name="Cán bộ", role="unit_head", unit_id=unit_id)
    account = ChannelAccount(id=1, member_id=1, channel="telegram", external_id="1", chat_id="1")
    return Ctx(session=session, now=now, tz=TZ, channel="telegram", chat_id="1", user_id="1", user_name="Cán bộ",
               identity=Identity(member, unit, account),
               state=ConversationState(channel="telegram", chat_id="1", data={}, version=0))


async def whole_answer(engine: AsyncEngine, unit_id: int, now: datetime) -> int:
    """The chat's whole answer to "quý này có việc gì?": the statements, the formatting, the first
    page and the state holding the rest (handlers.tasks.answer, as /viec calls it)."""
    async with session_factory(engine)() as s:
        ctx = answer_context(s, unit_id, now)
        replies = await tasks_answer(ctx, quarter_of(now.date()))
    return len(replies[0].text)


async def whats_due(engine: AsyncEngine, unit_id: int, now: datetime) -> int:
    """Exactly what the chat answer runs for one unit, in one session (handlers.tasks.fetch_workload)."""
    start, end = quarter(now)
    async with session_factory(engine)() as s:
        work = await fetch_workload(session=s, unit_id=unit_id, start=start, end=end, now=now)
    return len(work.dated) + len(work.ongoing) + len(work.late) + len(work.deadlines)


def _task_rows(unit_id: int):  # type: ignore[no-untyped-def]
    return select(Task, TaskUnit).join(TaskUnit, col(TaskUnit.task_id) == col(Task.id)).where(
        TaskUnit.unit_id == unit_id)


async def four_statements(engine: AsyncEngine, unit_id: int, now: datetime) -> int:
    """For comparison only: the first version of the answer, one query per list (four round trips),
    with the period and overdue rules in SQL. Kept here, not in storage, as the baseline."""
    start, end = quarter(now)
    async with session_factory(engine)() as s:
        in_period = _task_rows(unit_id).where(
            col(Task.ends_at) > start,
            or_(col(Task.starts_at) < end, (col(Task.starts_at).is_(None)) & (col(Task.ends_at) <= end)))
        undated = _task_rows(unit_id).where(col(Task.timeframe_kind).in_(("ongoing", "on_demand")))
        late = _task_rows(unit_id).where(col(Task.ends_at) <= now, TaskUnit.status != "done")
        owed = (select(Deadline, DeadlineUnit)
                .join(DeadlineUnit, col(DeadlineUnit.deadline_id) == col(Deadline.id))
                .where(DeadlineUnit.unit_id == unit_id, col(Deadline.due_at) > start, col(Deadline.due_at) <= end))
        found = 0
        for query in (in_period, undated, late, owed):
            found += len((await s.exec(query)).all())
    return found


async def select_one(engine: AsyncEngine) -> None:
    async with session_factory(engine)() as s:
        await s.exec(text("SELECT 1"))  # type: ignore[call-overload]


class DriverClock:
    """Time spent between handing SQL to the driver and getting its cursor back (engine + network),
    to tell the database's share of a call from the Python around it."""

    def __init__(self, engine: AsyncEngine) -> None:
        from sqlalchemy import event

        self.total = 0.0
        self.calls = 0
        self._began = 0.0
        event.listen(engine.sync_engine, "before_cursor_execute", self._before)
        event.listen(engine.sync_engine, "after_cursor_execute", self._after)

    def _before(self, *_: object) -> None:
        self._began = time.perf_counter()

    def _after(self, *_: object) -> None:
        self.total += time.perf_counter() - self._began
        self.calls += 1


async def latencies(url: str, units: int, samples: int, now: datetime, busiest: int) -> dict[str, list[float]]:
    """what's due for random units and for the busiest one, and SELECT 1, interleaved."""
    engine = make_async_engine(url)
    clock = DriverClock(engine)
    rng = random.Random(7)
    out: dict[str, list[float]] = {"select1": [], "random": [], "busiest": [], "driver": [], "statements": [],
                                   "four": [], "answer_random": [], "answer_busiest": []}

    async def timed(name: str, call: Callable[[], Awaitable[object]]) -> None:
        clock.total, clock.calls = 0.0, 0
        began = time.perf_counter()
        await call()
        out[name].append(time.perf_counter() - began)
        if name == "random":
            out["driver"].append(clock.total)
            out["statements"].append(clock.calls)

    try:
        for _ in range(30):  # warm the pool and the caches
            await whats_due(engine, rng.randrange(1, units + 1), now)
        for _ in range(samples):
            unit = rng.randrange(1, units + 1)
            await timed("select1", lambda: select_one(engine))
            await timed("random", lambda unit=unit: whats_due(engine, unit, now))  # type: ignore[misc]
            await timed("four", lambda unit=unit: four_statements(engine, unit, now))  # type: ignore[misc]
            await timed("answer_random", lambda unit=unit: whole_answer(engine, unit, now))  # type: ignore[misc]
        for _ in range(max(20, samples // 10)):
            await timed("busiest", lambda: whats_due(engine, busiest, now))
            await timed("answer_busiest", lambda: whole_answer(engine, busiest, now))
    finally:
        await engine.dispose()
    return out


def explain(url: str, unit_id: int, now: datetime) -> None:
    """The plans of the four queries for one unit: the SQL and parameters the real calls send,
    captured on the way to the driver, then run again under EXPLAIN."""
    from sqlalchemy import event

    sent: list[tuple[str, object]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            sent.append((statement, parameters))

    async def run() -> None:
        engine = make_async_engine(url)
        event.listen(engine.sync_engine, "before_cursor_execute", capture)
        try:
            await whats_due(engine, unit_id, now)
        finally:
            await engine.dispose()

    asyncio.run(run())
    engine = make_sync_engine(url)
    prefix = "EXPLAIN ANALYZE" if engine.dialect.name == "postgresql" else "EXPLAIN QUERY PLAN"
    labels = ["every task of the unit", "deadlines the unit owes or receives"]
    try:
        with engine.connect() as conn:
            for label, (statement, parameters) in zip(labels, sent, strict=False):
                print(f"  -- {label} (unit {unit_id})")
                for row in conn.exec_driver_sql(f"{prefix} {statement}", parameters):  # type: ignore[arg-type]
                    print("    " + " | ".join(str(c) for c in row))
    finally:
        engine.dispose()


def report_latency(engine_name: str, values: dict[str, list[float]], load_s: float) -> tuple[float, float]:
    """Prints the figures; returns the whole answer's p95 for a random unit and for the busiest."""
    p50, p95 = ms(pct(values["random"], 0.5)), ms(pct(values["random"], 0.95))
    b50, b95 = ms(pct(values["select1"], 0.5)), ms(pct(values["select1"], 0.95))
    h50, h95 = ms(pct(values["busiest"], 0.5)), ms(pct(values["busiest"], 0.95))
    print(f"{engine_name}: bulk load {load_s:.1f} s")
    print(f"  what's due, random unit ({len(values['random'])} samples): p50 {p50:.2f} ms, p95 {p95:.2f} ms")
    print(f"  what's due, busiest unit ({len(values['busiest'])} samples): p50 {h50:.2f} ms, p95 {h95:.2f} ms")
    print(f"  baseline SELECT 1 in a session: p50 {b50:.2f} ms, p95 {b95:.2f} ms; load average "
          f"{os.getloadavg()[0]:.1f}")
    a50, a95 = ms(pct(values["answer_random"], 0.5)), ms(pct(values["answer_random"], 0.95))
    w50, w95 = ms(pct(values["answer_busiest"], 0.5)), ms(pct(values["answer_busiest"], 0.95))
    print(f"  WHOLE answer (statements + formatting + first page), random unit: p50 {a50:.2f} ms, "
          f"p95 {a95:.2f} ms (aim < 5; {a95 / b95:.1f}x SELECT 1)")
    print(f"  WHOLE answer, busiest unit: p50 {w50:.2f} ms, p95 {w95:.2f} ms (aim < 10; {w95 / b95:.1f}x SELECT 1)")
    d50, d95 = ms(pct(values["driver"], 0.5)), ms(pct(values["driver"], 0.95))
    statements = statistics.median(values["statements"])
    print(f"  of which in the driver ({statements:.0f} statements a call): "
          f"p50 {d50:.2f} ms, p95 {d95:.2f} ms; the rest is fetching rows, ORM objects, session, event loop")
    t50, t95 = ms(pct(values["four"], 0.5)), ms(pct(values["four"], 0.95))
    print(f"  baseline, the first version (4 statements, one per list): p50 {t50:.2f} ms, p95 {t95:.2f} ms"
          f" (now/then p50 ratio {p50 / t50:.2f})")
    return a95, w95


def busiest_unit(rows: dict[str, list[dict]]) -> tuple[int, int]:
    counts: dict[int, int] = {}
    for link in rows["taskunit"]:
        counts[link["unit_id"]] = counts.get(link["unit_id"], 0) + 1
    unit = max(counts, key=counts.__getitem__)
    return unit, counts[unit]


def read_times(seed_text: str, big_text: str) -> None:
    """Reading alone (no database), to tell it from storing in the import figures."""
    big_doc = read_plan(big_text)
    print(f"generated plan: {len(big_text):,} characters, {len(big_doc.tasks)} tasks read, "
          f"{len(big_doc.warnings)} warnings")
    took = []
    for text_ in (seed_text, big_text):
        began = time.perf_counter()
        read_plan(text_)
        took.append(ms(time.perf_counter() - began))
    print(f"read only: seed 003 {took[0]:.0f} ms, 300 tasks {took[1]:.0f} ms")


def plan_pdf(text_: str, pages: int = 100) -> bytes:
    """`text_` as a PDF of at least `pages` pages: body lines as paragraphs, the appendix (from its
    "TT" header row) as a bordered six-column table; lines are spaced out to reach `pages`."""
    from fpdf import FPDF  # a dev dependency, like the bench itself

    lines = [line for line in text_.splitlines() if line.strip() and not line.startswith("--")]
    start = next(i for i, line in enumerate(lines) if line.startswith("TT\t"))
    body, rows = lines[:start], [(line.split("\t") + [""] * 6)[:6] for line in lines[start:]]
    spacing = 5.0
    while True:
        pdf = FPDF(format="A4")
        pdf.add_font("DejaVu", fname=str(FONT))
        pdf.set_font("DejaVu", size=10)
        pdf.add_page()
        for line in body:
            pdf.multi_cell(0, spacing, line)
            pdf.ln(spacing / 2)
        pdf.set_font("DejaVu", size=8)
        with pdf.table(col_widths=(8, 60, 35, 25, 35, 20), v_align="TOP", first_row_as_headings=False) as table:
            for cells in rows:
                row = table.row()
                for cell in cells:
                    row.cell(cell)
        if pdf.page >= pages:
            return bytes(pdf.output())
        spacing *= 1.1


def pdf_read_time(big_text: str, runs: int) -> float:
    """Median seconds to read the generated plan as a 100-page PDF; the tasks read are checked."""
    from pypdf import PdfReader

    from domain.documents import document_text

    data = plan_pdf(big_text)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    took, tasks = [], 0
    for _ in range(runs):
        began = time.perf_counter()
        text_ = document_text("ke-hoach.pdf", data)
        took.append(time.perf_counter() - began)
        tasks = len(read_plan(text_).tasks)
    median = statistics.median(took)
    print(f"read a {pages}-page PDF plan ({len(data) // 1024} KB, {tasks} tasks read): median {median:.2f} s "
          f"(min {min(took):.2f} s, {runs} runs; aim < 5 s)")
    return median


def _imports(engine_name: str, run: Callable[[str, list[UnitRow]], tuple[list[float], int]], seed_text: str,
             big_text: str) -> tuple[float, float]:
    """Median import times (ms): the seed with the demo directory, the big plan with a province's."""
    seed_times, seed_links = run(seed_text, list(UNITS))
    big_times, big_links = run(big_text, province_units())
    seed_ms, big_ms = ms(statistics.median(seed_times)), ms(statistics.median(big_times))
    print(f"{engine_name}: import seed 003 median {seed_ms:.0f} ms (min {ms(min(seed_times)):.0f}, "
          f"{seed_links} unit links); 300 tasks median {big_ms:.0f} ms (min {ms(min(big_times)):.0f}, "
          f"{big_links} unit links); {len(seed_times)} runs each, a fresh database each run")
    return seed_ms, big_ms


def query_figures(engine_name: str, url: str, rows: dict[str, list[dict]], args: argparse.Namespace,
                  now: datetime) -> tuple[float, float]:
    """Load the national database at `url`, time what's due, EXPLAIN when p95 misses 10 ms."""
    load_s = bulk_load(url, rows)
    busiest, _ = busiest_unit(rows)
    values = asyncio.run(latencies(url, len(rows["unit"]), args.samples, now, busiest))
    random_p95, busiest_p95 = report_latency(engine_name, values, load_s)
    if args.explain or busiest_p95 > 10:
        for unit_id in (random.Random(11).randrange(1, len(rows["unit"]) + 1), busiest):
            explain(url, unit_id, now)
    return random_p95, busiest_p95


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="imports per figure (median)")
    parser.add_argument("--samples", type=int, default=400, help="what's-due calls per engine")
    parser.add_argument("--explain", action="store_true", help="print the query plans even when p95 is met")
    parser.add_argument("--pdf-only", action="store_true", help="only the 100-page PDF read time")
    args = parser.parse_args()
    if not SEED.exists():
        print(f"missing {SEED}: the seed document is part of the repository", file=sys.stderr)
        return 2
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (other work slows every figure)")
    seed_text, big_text = SEED.read_text(encoding="utf-8"), generated_plan()
    pdf_s = pdf_read_time(big_text, min(args.runs, 3))
    if args.pdf_only:
        return 0
    read_times(seed_text, big_text)
    now = datetime.now(TZ).replace(microsecond=0)
    rows = national_rows(now)
    busiest, busiest_links = busiest_unit(rows)
    print(f"national database: {len(rows['unit'])} units, {len(rows['task'])} tasks, {len(rows['taskunit'])} "
          f"task–unit links, {len(rows['deadline'])} deadlines owed by {len(rows['deadlineunit'])} units; "
          f"busiest unit {busiest} on {busiest_links} tasks; quarter from {quarter(now)[0]:%d/%m/%Y}")

    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "template.db"
        upgrade(f"sqlite:///{template}")
        seed_ms, big_ms = _imports("sqlite", lambda t, u: import_sqlite(template, t, u, args.runs),
                                   seed_text, big_text)
        shutil.copy(template, Path(tmp) / "national.db")
        lite = query_figures("sqlite", f"sqlite:///{Path(tmp) / 'national.db'}", rows, args, now)
    with pg_database("tdc_bench_tpl") as template_name:
        upgrade(pg_url(template_name))
        _imports("postgresql", lambda t, u: import_postgres(template_name, t, u, args.runs), seed_text, big_text)
        with pg_database("tdc_bench_national", template_name) as name:
            pg = query_figures("postgresql", pg_url(name), rows, args, now)

    print(f"plans: read a 100-page PDF {pdf_s:.2f} s; import seed003 {seed_ms:.0f} ms, 300 tasks {big_ms:.0f} ms; "
          f"whole answer p95 random/busiest sqlite {lite[0]:.2f}/{lite[1]:.2f} ms, "
          f"postgresql {pg[0]:.2f}/{pg[1]:.2f} ms (aims 5/10)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
