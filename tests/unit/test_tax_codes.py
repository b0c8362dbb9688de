"""Vietnamese tax codes: 10 digits with their check digit, or 13 as 10-3; malformed ones refused
with a Vietnamese reason that says what is wrong."""

from __future__ import annotations

import pytest

from domain.errors import InvalidInput
from domain.tax_codes import check_digit, clean_tax_code
from handlers.engine import error_text

# Published codes of real companies: their 10th digit follows the rule.
REAL = ("0300588569", "0101248141", "0100109106")


@pytest.mark.parametrize("code", REAL)
def test_published_codes_have_the_check_digit_the_rule_gives(code: str) -> None:
    assert check_digit(code[:9]) == int(code[9])
    assert clean_tax_code(code) == code


@pytest.mark.parametrize(("typed", "stored"), [
    ("0101248141", "0101248141"),
    (" 0101 248 141 ", "0101248141"),
    ("0101.248.141", "0101248141"),
    ("０１０１２４８１４１", "0101248141"),  # full-width digits from some keyboards
    ("0101248141-001", "0101248141-001"),
    ("0101248141 – 012", "0101248141-012"),
    ("0101248141999", "0101248141-999"),
])
def test_valid_ten_and_thirteen_digit_forms_are_accepted(typed: str, stored: str) -> None:
    assert clean_tax_code(typed) == stored


@pytest.mark.parametrize(("typed", "code", "words"), [
    ("", "tax_code_empty", "Chưa có mã số thuế"),
    ("   ", "tax_code_empty", "Chưa có mã số thuế"),
    ("01012481A1", "tax_code_chars", "chỉ gồm chữ số"),
    ("MST 0101248141", "tax_code_chars", "chỉ gồm chữ số"),
    ("010124814", "tax_code_length", "có 9 chữ số"),
    ("01012481410", "tax_code_length", "có 11 chữ số"),
    ("001234567890", "tax_code_length", "có 12 chữ số"),
    ("0101248142", "tax_code_checksum", "chữ số kiểm tra"),
    ("0101248140-001", "tax_code_checksum", "0101248140"),
    ("0101248141-000", "tax_code_branch", "từ 001 đến 999"),
])
def test_malformed_codes_are_refused_with_a_clear_vietnamese_reason(typed: str, code: str, words: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        clean_tax_code(typed)
    assert refused.value.code == code
    assert words in error_text(refused.value)


def test_nine_digits_whose_check_would_be_ten_start_no_valid_code() -> None:
    # 10 - (sum mod 11) is 10 when the weighted sum is a multiple of 11: no digit can follow.
    nine = next(f"{n:09d}" for n in range(10**8, 10**8 + 500) if check_digit(f"{n:09d}") is None)
    for last in "0123456789":
        with pytest.raises(InvalidInput):
            clean_tax_code(nine + last)
