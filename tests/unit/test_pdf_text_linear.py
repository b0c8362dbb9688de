"""Joining a PDF's wrapped lines is linear in the text, and joins as it always did.

A paragraph running through a whole document (every line reaching the right margin) was
quadratic: each joined line re-scanned the growing paragraph. Counting the characters the
joining looks at proves the work is linear without timing anything; a plain re-statement of
the rule (the first version, kept here as the reference) proves the output did not change.
"""

from __future__ import annotations

import random

import pytest

from domain.documents import pdf_text
from domain.documents.pdf_text import _join_wrapped, _Out
from domain.documents.structure import is_bullet, is_upper_line


def _wrapped(lines: int, page_every: int = 50) -> list[_Out]:
    """One paragraph of `lines` full-width lines, running over pages."""
    out = []
    for i in range(lines):
        page, row = divmod(i, page_every)
        out.append(_Out(f"tổ chức triển khai nhiệm vụ số {i} trên địa bàn tỉnh", False, 56.0, 800.0 - 14 * row,
                        10.0, 540.0, page))
    return out


def test_a_document_long_paragraph_is_looked_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = {"chars": 0}

    def counting(function):  # type: ignore[no-untyped-def]
        def wrapper(text: str):  # type: ignore[no-untyped-def]
            seen["chars"] += len(text)
            return function(text)
        return wrapper

    for name in ("is_upper_line", "_structural", "_upper_counts"):
        if hasattr(pdf_text, name):
            monkeypatch.setattr(pdf_text, name, counting(getattr(pdf_text, name)))
    lines = _wrapped(4000)
    given = sum(len(line.text) for line in lines)
    [paragraph] = _join_wrapped(lines)
    assert len(paragraph) == given + len(lines) - 1
    # Each line is scanned a bounded number of times: linear. The quadratic version scanned the
    # growing paragraph for every line, about 2,000 times the text here.
    assert seen["chars"] <= 4 * given, seen["chars"] / given


def _reference(lines: list[_Out]) -> list[str]:
    """The rule as first written (quadratic, plain): the line before reached the right margin,
    the next is close below it or on the next page, neither starts a new part."""
    right: dict[int, float] = {}
    for line in lines:
        if not line.tabular:
            right[line.page] = max(right.get(line.page, 0.0), line.end)
    joined: list[_Out] = []
    for line in lines:
        previous = joined[-1] if joined else None
        if (previous is not None and not previous.tabular and not line.tabular
                and previous.end >= 0.8 * right.get(previous.page, previous.end)
                and ((line.page == previous.page and 0 < previous.y - line.y <= 1.9 * line.size)
                     or line.page == previous.page + 1)
                and not pdf_text._structural(line.text) and not is_upper_line(previous.text)):
            previous.text = f"{previous.text} {line.text}"
            previous.end, previous.y, previous.page = line.end, line.y, line.page
            continue
        joined.append(line)
    return [line.text for line in joined]


TEXTS = ["1.", "-", "a", "KẾ HOẠCH", "II. NHIỆM VỤ", "Căn cứ Luật", "văn bản thường", "ABC", "X", "đ) mục",
         "HÀ NỘI, ngày", "- gạch đầu dòng", "A b", "Kính gửi", "1. Mục", "UBND", "tiếp theo", "(Ký)"]


@pytest.mark.parametrize("seed", range(40))
def test_joining_is_unchanged_on_random_pages(seed: int) -> None:
    rng = random.Random(seed)
    specs = []
    page, y = 0, 800.0
    for _ in range(rng.randrange(50, 400)):
        if rng.random() < 0.1:
            page, y = page + 1, 800.0
        y -= rng.choice([14, 14, 14, 25, 0, -5])
        specs.append((rng.choice(TEXTS), rng.random() < 0.08, y, rng.choice([540.0, 540.0, 500.0, 300.0]), page))

    def make() -> list[_Out]:
        return [_Out(text, tabular, 56.0, y, 10.0, end, page) for text, tabular, y, end, page in specs]

    assert any(is_bullet(text) for text, *_ in specs)
    assert _join_wrapped(make()) == _reference(make())


def test_rules_follow_the_page_matrix_and_skip_forms_and_broken_operators() -> None:
    from domain.documents.pdf_text import _Rules

    rules = _Rules()
    for operator, operands in [(b"q", []), (b"cm", [1, 0, 0, 1, 0, 100]), (b"re", [10, 10, 200, 20]), (b"S", []),
                               (b"Q", []), (b"Q", []), (b"m", [0, 50]), (b"l", [300, 50]), (b"f", []),
                               (b"m", [0, 70]), (b"l", [300, 70]), (b"n", []), (b"re", [0, 0, 5, 5]), (b"S", [])]:
        rules.before(operator, operands, None, None)
        rules.after(operator, operands, None, None)
    rules.before(b"Do", ["/Form"], None, None)
    rules.before(b"re", [0, 400, 300, 1], None, None)  # inside the form: not the page's own
    rules.before(b"S", [], None, None)
    rules.after(b"Do", ["/Form"], None, None)
    assert rules.heights() == [50.0, 110.0, 130.0]
    rules.before(b"cm", ["x", 0, 0, 1, 0, 0], None, None)  # a page we cannot walk keeps its text, not its rules
    assert rules.heights() == []
