"""Report and submission requests: a letter that asks units to send something by a date.

"Đề nghị UBND các xã, phường gửi Báo cáo … về Sở trước ngày 12/12/2026", "chậm nhất là ngày
20/01 năm kế tiếp của năm báo cáo", "hằng quý, trước ngày 15 của tháng cuối quý". Each dated
(or recurring) clause that asks for something is one RequestItemDoc. What is not a request:
a cited document's date (the parser skips "Công văn số … ngày …"), the letter's own date, a
clause that recalls an earlier letter's deadline (it fell before this letter was signed), and
the issuer's own purpose ("Để Sở tổng hợp, báo cáo UBND tỉnh trước ngày …"). Nothing is
guessed: a recurring phrase with no day gives an item with no due date and a warning.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from domain.documents import header
from domain.documents.cleanup import clean_lines
from domain.documents.contact import read_contact
from domain.documents.deadlines import DueClause, clauses, deadline_from, lead_in_owner
from domain.documents.fingerprint import text_fingerprint
from domain.documents.folding import fold_fast, fold_same_length
from domain.documents.letter import addressees
from domain.documents.models import ContactDoc, RequestDoc, RequestItemDoc
from domain.documents.names import looks_like_unit, split_names
from domain.documents.recurring import Recurring, next_year_date, recurring_in
from domain.documents.request_fields import (
    address_in,
    asked_for,
    data_cutoff,
    email_in,
    issued_on,
    recipient_after,
    trimmed_recipient,
)
from domain.documents.structure import is_bullet
from domain.recurrence import next_due
from domain.timeexpr import TimeExpr, parse_time
from domain.timeexpr.parser import LOCAL, local_ref

_ASKS = re.compile(r"\b(?:gui|nop|cung cap|bao cao|cap nhat|hoan thanh|dang ky|chuyen)\b")
# What comes before the request in a sentence: the grounds or the issuer's own purpose.
_PREAMBLE = re.compile(r"(?:thuc hien|can cu|trien khai|nham|tiep theo|theo (?!do\b|quy dinh\b))\b")
_PURPOSE = re.compile(r"(?:để|de)\s", re.IGNORECASE)  # "Để Sở tổng hợp …", not "Đề xuất …" (same fold)
_URGE = re.compile(r"\b(?:kinh de nghi|de nghi|yeu cau)\b")
_CITED = re.compile(r"\b(?:cong van|van ban|thong bao|ke hoach)\s+so\b")
_DONE = re.compile(r"\bda\b")  # "đã": the clause tells what was done, not what is asked
_ISSUER_SUBJECT = re.compile(r"(?:so khoa hoc|so kh|phong|chi cuc|van phong so)\b(?!.*\b(?:de nghi|yeu cau)\b)")
_GENERIC_OWNER = re.compile(
    r"(?:quy|cac)\s+(?:co quan|don vi|to chuc|dia phuong)(?:\s*,?\s*(?:co quan|don vi|to chuc))*"
)
_LABEL = re.compile(r"[-+•–\s]*(?P<label>(?:thoi han|han(?: chot| cuoi| nop)?|thoi gian)(?:\s+[^\s:]+){0,5}\s*:)")
_WRITTEN_YEAR = re.compile(r"\d{4}")
# A deadline phrase is short ("trước 16h00, thứ Sáu, ngày 10 tháng 12 năm 2026"): the parser reads
# that much after each trigger word, and a clause's first few triggers, so that a hostile paragraph
# of a thousand "trước" costs a thousand short readings, not a thousand readings of the paragraph.
_PHRASE_CHARS = 160
_MAX_TRIGGERS = 12
_END_OF_BODY = re.compile(r"noi nhan\b")
_EMAIL_WORDS = re.compile(r"\b(?:email|e-mail|thu dien tu|hop thu|ban mem|ban dien tu|file)\b")
_TRIGGER = re.compile(r"\b(?:truoc|cham nhat|muon nhat|han chot|han cuoi|han nop|thoi han|khong muon hon|khong qua)\b")
_DEADLINE_WORDS = "«trước ngày …», «chậm nhất …»"


def read_request(text: str, ref: datetime | None = None) -> RequestDoc:
    """What the letter asks, of whom, by when. `ref` is now (naive local, or aware and converted;
    by default the clock in Asia/Ho_Chi_Minh): recurring rules fall due next after it."""
    text = text if isinstance(text, str) else ""
    lines = clean_lines(text)
    ref = local_ref(ref if ref is not None else datetime.now(LOCAL))  # naive local: next_due compares naive
    issued = issued_on(lines)
    place, year = header.place_and_year(lines)
    subject = header.subject(lines)
    title = subject or _titled(lines)
    if year is None:
        year = issued.year if issued else header.most_common_year(title)
    signer, signer_title = header.signer(lines)
    letter = _Letter(lines, ref, year, issued, title, addressees(lines), read_contact(lines))
    items, warnings = letter.requests()
    if not items and not warnings:
        warnings.append(f"Văn bản không nêu hạn gửi báo cáo hay hồ sơ nào (không thấy {_DEADLINE_WORDS}).")
    return RequestDoc(
        title=title, document_number=header.document_number(lines), issuer=header.issuer(lines), place=place,
        issued_on=issued, year=year, requests=tuple(items), signer=signer, signer_title=signer_title,
        warnings=tuple(warnings), text_hash=text_fingerprint(text),
    )


def _titled(lines: list[str]) -> str | None:
    for document_type in ("thong bao", "cong van"):
        found = header.titled(lines, document_type)
        if found:
            return found[1]
    return None


class _Letter:
    """One reading of a letter's body: the letter-wide facts each clause falls back on."""

    def __init__(self, lines: list[str], ref: datetime, year: int | None, issued: date | None, title: str | None,
                 invited: tuple[str, ...], contact: ContactDoc | None) -> None:
        self.lines, self.ref, self.year, self.issued, self.title = lines, ref, year, issued, title
        self.invited, self.contact = invited, contact
        self.body = self._body()
        self.cutoff = next((cut for line in self.body if (cut := data_cutoff(line, ref, year))), None)
        self.address = next((where for line in self.body if (where := address_in(line))), None)
        contact_line = contact.text if contact else None
        self.email = next((mail for line in self.body if line.strip() != contact_line
                           and _EMAIL_WORDS.search(fold_fast(line)) and (mail := email_in(line))), None)

    def _body(self) -> list[str]:
        """The lines that can carry a request: no table rows, no subject line, nothing after 'Nơi nhận'."""
        body = []
        for line in self.lines:
            folded = fold_fast(line)
            if _END_OF_BODY.match(folded.lstrip("- ")):
                break
            if "\t" in line or folded.startswith(("v/v", "ve viec")):
                continue
            body.append(line)
        return body

    def requests(self) -> tuple[list[RequestItemDoc], list[str]]:
        items: list[RequestItemDoc] = []
        warnings: list[str] = []
        lead_in: tuple[str, ...] = ()
        asking: str | None = None  # the last ask with no date: a "Hạn nộp: …" line below dates it
        for line in self.body:
            if _lead_in(line):
                lead_in = _lead_in(line)
                continue
            for whole in clauses(line):
                clause = _request_part(whole)
                if clause is None:
                    continue
                label = _LABEL.match(fold_same_length(clause))
                if label and asking:
                    clause = f"{asking.rstrip(' .;:')}, {clause[label.start('label'):]}"
                item, warning = self._item(clause, line, lead_in)
                if warning:
                    warnings.append(warning)
                if item is None and warning is None and _URGE.search(fold_same_length(clause)) and _ASKS.search(
                        fold_same_length(clause)):
                    asking = clause
                elif item is not None and not label:
                    asking = None
                if item is not None and not any(_same(item, other, self.title) for other in items):
                    items.append(item)
            if not is_bullet(line):
                lead_in = ()
        return items, warnings

    def _item(self, clause: str, line: str, lead_in: tuple[str, ...]) -> tuple[RequestItemDoc | None, str | None]:
        recurring = recurring_in(clause)
        due = self._due(clause)
        if recurring is not None and recurring.rule is None and due is not None:
            recurring = None  # "báo cáo định kỳ hằng năm … trước ngày 15/12/2026": this year's one, dated
        if due is None and recurring is None:
            return None, None
        if not _ASKS.search(fold_same_length(clause)):
            return None, None
        if recurring is None and due is not None:
            moved = next_year_date(clause, self.year or self.ref.year)
            if moved is not None:
                due = DueClause(clause, moved, due.start, due.start + len(moved.matched or ""))
            if self.issued and due.expr.end and due.expr.end.date() <= self.issued:
                return None, (f"Hạn «{due.due_text}» không sau ngày của văn bản ({self.issued:%d/%m/%Y}): "
                              "là hạn của văn bản trước, không lấy.")
        at = due.start if due is not None else recurring.start if recurring is not None else len(clause)
        return self._built(clause, line, lead_in, due, recurring, at)

    def _due(self, clause: str) -> DueClause | None:
        """The first dated deadline, read from its own trigger word: a clause often names a period
        before it ("Báo cáo … năm 2026 … trước ngày 12/12/2026"), which is not the deadline."""
        folded = fold_same_length(clause)
        for count, trigger in enumerate(_TRIGGER.finditer(folded)):
            if count == _MAX_TRIGGERS:
                break
            part = _phrase_at(clause, trigger.start())
            expr = parse_time(part, self.ref, self.year)
            matched = expr.matched
            if expr.kind == "deadline" and matched and part.startswith(matched):
                if self.issued and not _WRITTEN_YEAR.search(matched):
                    # "trước ngày 10/01" in a letter of 22/12/2026 is next January: the date on or
                    # after the letter's own, as the contract reads a year-less date from its ref
                    rolled = parse_time(part, datetime.combine(self.issued, time()), None)
                    if rolled.kind == "deadline" and rolled.matched == matched:
                        expr = rolled
                start = trigger.start()
                return DueClause(clause, expr, start, start + len(matched))
        return None

    def _built(self, clause: str, line: str, lead_in: tuple[str, ...], due: DueClause | None,
               recurring: Recurring | None, at: int) -> tuple[RequestItemDoc, str | None]:
        if due is None:  # a recurring rule: who owes it and to whom are read the same way
            written = recurring.text if recurring is not None else ""
            due = DueClause(clause, TimeExpr(kind="deadline", start=None, end=None, matched=written), at, at)
            dated = False
        else:
            dated = True
        found = deadline_from(due, owner=lead_in)
        asked = asked_for(clause, at)
        owed = self._owners(asked.owners or found.owed_by)
        to = trimmed_recipient(found.to) or recipient_after(clause, at)
        what = asked.what or self.title or clause
        cutoff = data_cutoff(clause, self.ref, self.year) or data_cutoff(line, self.ref, self.year) or self.cutoff
        warning = None
        due_text, expr, due_at, rule = None, None, None, None
        if recurring is not None and recurring.rule is not None:
            rule = recurring.rule
            due_at = next_due(rule, self.ref)
            due_text = rule.text
            expr = TimeExpr(kind="deadline", start=None, end=due_at, matched=rule.text)
        elif dated:
            due_text, expr, due_at = due.due_text, due.expr, due.expr.end
        elif recurring is not None:
            due_text = recurring.text
            warning = f"«{what}»: {recurring.reason}, chưa đặt được hạn nhắc."
        if not owed and warning is None:
            warning = f"«{what}»: văn bản không nói đơn vị nào phải gửi."
        item = RequestItemDoc(
            what=what, owed_by=owed, to=to, address=address_in(clause) or self.address,
            email=email_in(clause) or self._paragraph_email(line) or self.email,
            data_cutoff_text=cutoff[0] if cutoff else None, data_cutoff=cutoff[1] if cutoff else None,
            contact=self.contact, due_text=due_text, due=expr,
            due_at=due_at, recurrence=rule,
        )
        return item, warning

    def _paragraph_email(self, line: str) -> str | None:
        """An address in the clause's own paragraph, unless it is the contact person's line."""
        if self.contact is not None and line.strip() == self.contact.text:
            return None
        return email_in(line)

    def _owners(self, owed: tuple[str, ...]) -> tuple[str, ...]:
        """'Quý cơ quan, đơn vị' and 'các đơn vị' are the letter's addressees; no owner at all, too."""
        if self.invited and (not owed or all(_GENERIC_OWNER.fullmatch(fold_fast(name)) for name in owed)):
            return self.invited
        return owed


def _phrase_at(clause: str, start: int) -> str:
    part = clause[start: start + _PHRASE_CHARS]
    if start + _PHRASE_CHARS < len(clause) and " " in part:
        part = part[: part.rfind(" ")]  # never a date cut in two ("12/12/20")
    return part


def _lead_in(line: str) -> tuple[str, ...]:
    """'Đề nghị UBND các xã, phường:' and '…, Sở Khoa học và Công nghệ đề nghị UBND các xã, phường:'
    name the owners of the bullets below."""
    found = lead_in_owner(line)
    if found or not line.rstrip().endswith(":"):
        return found
    urges = list(_URGE.finditer(fold_same_length(line)))
    if not urges:
        return ()
    names = line[urges[-1].end():].strip().rstrip(":").strip()
    return split_names(names) if names and looks_like_unit(names) else ()


def _request_part(clause: str) -> str | None:
    """The part of a clause that asks: after the grounds or purpose ("Để Sở tổng hợp …, đề nghị …");
    None for grounds with no request, a recalled earlier deadline, or the issuer's own duty."""
    folded = fold_same_length(clause)
    body = folded.lstrip("-+•– ")
    offset = len(folded) - len(body)
    if _PREAMBLE.match(body) or _PURPOSE.match(clause, offset):
        urge = _URGE.search(folded)
        if not urge:
            return None
        cut = folded.rfind(",", 0, urge.start())
        start = cut + 1 if cut >= 0 else urge.start()
        clause, folded = clause[start:].strip(), folded[start:].strip()
        body, offset = folded, 0
    if (_DONE.search(folded) and _CITED.search(folded)) or _ISSUER_SUBJECT.match(body):
        return None
    return clause[offset:].strip() if offset else clause


def _same(item: RequestItemDoc, other: RequestItemDoc, title: str | None) -> bool:
    """A closing paragraph that repeats the deadline ("đề nghị gửi báo cáo đúng hạn trước ngày …")
    is not a new ask: same due, and what it names is the start of the other's (or the subject).
    Two different things due the same day are two asks."""
    if item.due_at != other.due_at or item.recurrence != other.recurrence:
        return False
    first, second = sorted((fold_fast(item.what), fold_fast(other.what)), key=len)
    return second.startswith(first) or (title is not None and fold_fast(title) in (first, second))
