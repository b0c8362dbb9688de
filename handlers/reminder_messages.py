"""What a reminder says, decided just before it is sent: the reason is checked again first.

The dispatcher calls `compose` for each claimed row in the transaction that marks it
`sending`. A unit that registered or submitted after the row was planned, a meeting that was
cancelled or moved, a person who muted early rounds, a round gone stale: each is a `Skip` with
its reason, and the row is never sent. Otherwise the text is written from the data as it is
now (a join link set a minute ago is in it), with the .ics invitation where it belongs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.reminder_timing import WorkingHours, in_window, last_day, legal_end, next_window_start
from domain.reminders import lateness, stamp
from domain.workdays import WorkCalendar
from handlers.calendar import meeting_file
from handlers.digest import digest_text
from handlers.formatting import cutoff_text, day_words, left_words
from handlers.meeting_when import meeting_when
from handlers.texts import t
from handlers.types import OutFile
from storage.models import Deadline, DeadlineUnit, Meeting, Member, Registration, ReminderOutbox, Unit
from storage.outbox import asked_count, later_round_due, preload, registered_pairs

# Rounds a member may mute (never the final one, never an announcement or a nudge).
MUTABLE = ("cutoff", "deadline", "meeting", "digest")
SERIES = ("cutoff", "deadline", "meeting", "petition_due")  # kinds whose earlier round is overtaken by a later one


@dataclass(frozen=True)
class Message:
    text: str
    file: OutFile | None = None


@dataclass(frozen=True)
class Skip:
    reason: str


@dataclass(frozen=True)
class Defer:
    """Due, but found outside working hours (it was late): it goes at the start of the next window."""

    until: datetime


@dataclass(frozen=True)
class Composer:
    """The settings a message depends on; `compose` is what the dispatcher calls."""

    tz: ZoneInfo
    calendar: WorkCalendar
    max_late: timedelta = timedelta(hours=24)
    digest_days: int = 14
    hours: WorkingHours = field(default_factory=WorkingHours)

    async def compose_batch(self, session: AsyncSession, rows: Sequence[ReminderOutbox],
                            now: datetime) -> dict[int, Message | Skip | Defer]:
        """`compose` for a claimed batch in one session: what the rows refer to is read once.

        The part that decides most often (has the unit acted?) is checked again for each row, in the
        statement that marks it `sending` (storage.outbox.mark_sending's guard), so a batch read a
        few seconds earlier cannot send to a unit that registered since.
        """
        kept = await preload(session=session, rows=rows)
        registered = await registered_pairs(session=session, rows=rows)
        out: dict[int, Message | Skip | Defer] = {}
        for row in rows:
            assert row.id is not None
            out[row.id] = await self.compose(session, row, now, registered=registered)
        del kept
        return out

    async def compose(self, session: AsyncSession, row: ReminderOutbox, now: datetime, *,
                      registered: set[tuple[int, int]] | None = None) -> Message | Skip | Defer:
        member = await session.get(Member, row.member_id)
        if member is None or not member.active:
            return Skip("not_member")
        if row.kind in MUTABLE and not row.final and member.mute_reminders:
            return Skip("muted")
        later = row.kind in SERIES and await later_round_due(session=session, row=row, now=now)
        late = lateness(now, send_at=row.send_at, not_after=row.not_after, later_round_due=later,
                        max_late=self.max_late)
        if late is not None:
            return Skip(late)
        if not in_window(now, calendar=self.calendar, hours=self.hours, tz=self.tz):
            until = next_window_start(now, calendar=self.calendar, hours=self.hours, tz=self.tz)
            if row.not_after is None or until < row.not_after:
                return Defer(until)
        unit = await session.get(Unit, row.unit_id) if row.unit_id is not None else None
        kind, _, ident = row.subject.partition(":")
        if row.kind == "digest":
            return await self._digest(session, unit, now)
        if kind == "meeting":
            meeting = await session.get(Meeting, int(ident))
            if meeting is None:
                return Skip("gone")
            return await self._about_meeting(session, row, meeting, unit, now, registered)
        if kind == "deadline":
            deadline = await session.get(Deadline, int(ident))
            if deadline is None or deadline.due_at is None:
                return Skip("gone")
            return await self._about_deadline(session, row, deadline, unit, now)
        if kind in ("petition", "conclusion"):
            from handlers.petition_messages import compose_petition  # it builds on Message and Skip

            return await compose_petition(session, row, now, self.tz)
        return Message(row.text) if row.text else Skip("gone")

    def _left(self, now: datetime, end: datetime) -> str:
        return left_words(now, end, self.tz, self.calendar)

    async def _about_meeting(self, session: AsyncSession, row: ReminderOutbox, meeting: Meeting, unit: Unit | None,
                             now: datetime, known: set[tuple[int, int]] | None) -> Message | Skip:
        if row.kind == "announcement":
            return Message(row.text or "", meeting_file(meeting, tz=self.tz, now=now))
        if meeting.status == "cancelled":
            return Skip("cancelled")
        if unit is None or meeting.id is None or unit.id is None:
            registered = False
        elif known is not None:
            registered = (meeting.id, unit.id) in known
        else:
            registered = await _registered(session, meeting.id, unit.id)
        if row.kind in ("cutoff", "nudge", "escalation"):
            if registered:
                return Skip("registered")
            cutoff = meeting.registration_cutoff
            if cutoff is None or (row.kind == "cutoff" and f"@{stamp(cutoff)}:" not in row.reminder_key):
                return Skip("moved")
            asked = await asked_count(session=session, subject=row.subject, unit_id=row.unit_id) \
                if row.kind == "escalation" else 0
            return Message(self._cutoff_text(row, meeting, unit, cutoff, now, asked))
        if meeting.start_at is None or f"@{stamp(meeting.start_at)}:" not in row.reminder_key:
            return Skip("moved")
        if not registered and row.kind == "meeting":
            return Skip("withdrawn")
        file = meeting_file(meeting, tz=self.tz, now=now) if row.reminder_key.endswith(":dbefore") else None
        return Message(self._meeting_text(meeting, now, with_file=file is not None), file)

    def _cutoff_text(self, row: ReminderOutbox, meeting: Meeting, unit: Unit | None, cutoff: datetime,
                     now: datetime, asked: int) -> str:
        unit_name = unit.name if unit else ""
        if row.kind == "escalation":
            lines = [t("rem_escalation_head", unit=unit_name, n=asked,
                       act=t("rem_escalation_act_cutoff", title=meeting.title)),
                     t("rem_escalation_due", due=cutoff_text(cutoff, self.tz), day=day_words(last_day(cutoff, self.tz)),
                       left=self._left(now, cutoff)),
                     t("rem_escalation_do")]
            return "\n".join(lines)
        head = "rem_nudge_head" if row.kind == "nudge" else "rem_cutoff_last_head" if row.final else "rem_cutoff_head"
        lines = [t(head, title=meeting.title)]
        if meeting.start_at:
            lines.append(t("rem_meeting_time", when=meeting_when(meeting, self.tz)
                           + (" (dự kiến)" if meeting.tentative else "")))
        lines += [t("rem_cutoff_due", cutoff=cutoff_text(cutoff, self.tz), day=day_words(last_day(cutoff, self.tz)),
                    left=self._left(now, cutoff)),
                  t("rem_cutoff_owed", unit=unit_name), t("rem_cutoff_do")]
        if not row.final and row.kind == "cutoff":
            lines.append(t("rem_mute_hint"))
        return "\n".join(lines)

    def _meeting_text(self, meeting: Meeting, now: datetime, *, with_file: bool) -> str:
        assert meeting.start_at is not None
        ahead = meeting.start_at - now
        if ahead >= timedelta(hours=20):
            soon = t("rem_soon_day", n=max(1, round(ahead / timedelta(days=1))))
        elif ahead >= timedelta(minutes=90):
            soon = t("rem_soon_hours", n=round(ahead / timedelta(hours=1)))
        else:
            soon = t("rem_soon_minutes", n=max(1, int(ahead / timedelta(minutes=1))))
        lines = [t("rem_meeting_head", title=meeting.title),
                 t("rem_meeting_when_tomorrow", when=meeting_when(meeting, self.tz), soon=soon)]
        if meeting.join_url:
            lines.append(t("rem_meeting_link", url=meeting.join_url))
        elif meeting.mode != "in_person":
            lines.append(t("rem_meeting_link_later"))
        if meeting.location:
            lines.append(t("rem_meeting_place", place=meeting.location))
        lines.append(t("rem_meeting_do" if with_file else "rem_meeting_do_short"))
        return "\n".join(lines)

    async def _about_deadline(self, session: AsyncSession, row: ReminderOutbox, deadline: Deadline,
                              unit: Unit | None, now: datetime) -> Message | Skip:
        assert deadline.due_at is not None
        if deadline.cancelled_at is not None:
            return Skip("cancelled")
        if unit is not None:
            owed = await session.get(DeadlineUnit, (deadline.id, unit.id))
            if owed is not None and owed.submitted_at is not None:
                return Skip("submitted")
        if row.kind == "deadline" and f"@{stamp(deadline.due_at)}:" not in row.reminder_key:
            return Skip("moved")
        due = deadline.due_at
        ends = legal_end(due, self.calendar, self.tz)
        written = deadline.due_text or cutoff_text(due, self.tz)
        unit_name = unit.name if unit else ""
        if row.kind == "escalation":
            asked = await asked_count(session=session, subject=row.subject, unit_id=row.unit_id)
            lines = [t("rem_escalation_head", unit=unit_name, n=asked,
                       act=t("rem_escalation_act_deadline", what=deadline.what)),
                     t("rem_escalation_due", due=written, day=day_words(last_day(due, self.tz)),
                       left=self._left(now, ends)), t("rem_escalation_do")]
            return Message("\n".join(lines))
        head = ("rem_deadline_nudge_head" if row.kind == "nudge" else
                "rem_deadline_last_head" if row.final and last_day(due, self.tz) == now.astimezone(self.tz).date()
                else "rem_deadline_head")
        lines = [t(head, what=deadline.what),
                 t("rem_deadline_due", due=written, day=day_words(last_day(due, self.tz)), left=self._left(now, ends))]
        if ends != due:
            lines.append(t("rem_deadline_legal", day=day_words(last_day(ends, self.tz))))
        if deadline.to_text:
            lines.append(t("rem_deadline_to", to=deadline.to_text))
        lines += [t("rem_deadline_owed", unit=unit_name), t("rem_deadline_do")]
        return Message("\n".join(lines))

    async def _digest(self, session: AsyncSession, unit: Unit | None, now: datetime) -> Message | Skip:
        if unit is None:
            return Skip("gone")
        text = await digest_text(session=session, unit=unit, now=now, tz=self.tz, calendar=self.calendar,
                                 days=self.digest_days)
        return Message(text) if text else Skip("nothing_due")


async def _registered(session: AsyncSession, meeting_id: int, unit_id: int) -> bool:
    from sqlmodel import select

    found = (await session.exec(select(Registration.id).where(
        Registration.meeting_id == meeting_id, Registration.unit_id == unit_id))).first()
    return found is not None


