"""Names and phone numbers as people and spreadsheets write them (issue 9 item 8), and text made
safe at the edge (issue 8 item 10): examples, then properties over generated input."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.attendees import clean_name, clean_position, title_case_name
from domain.errors import InvalidInput
from domain.phones import canonical_phone, find_phones
from domain.text import clean_text, fold

CANONICAL = re.compile(r"0[1-9][0-9]{8}|02[0-9]{9}")


@pytest.mark.parametrize(("typed", "stored"), [
    ("0919 422 038", "0919422038"),
    ("0919.422.038", "0919422038"),
    ("(+84) 91-234-5678", "0912345678"),
    ("+84 (0) 912 345 678", "0912345678"),
    ("84912345678", "0912345678"),
    ("0084912345678", "0912345678"),
    ("912345678", "0912345678"),
    ("0251 3822 123", "02513822123"),
    ("+84 251 3822 123", "02513822123"),
    ("2513822123", "02513822123"),
    ("０９１２ ３４５ ６７８", "0912345678"),  # full-width digits from some keyboards
])
def test_the_forms_people_type_are_stored_in_one_form(typed: str, stored: str) -> None:
    assert canonical_phone(typed) == stored


@pytest.mark.parametrize("typed", [
    "٠٩١٢٣٤٥٦٧٨",  # Arabic-Indic digits: `\d` matches them, nobody dials them
    "۰۹۱۲۳۴۵۶۷۸",  # Extended Arabic-Indic
    "०९१२३४५६७८",  # Devanagari
    "091234567٨",
    "12345", "0919 422 03", "09194220381", "+1 202 555 0100", "0019422038", "112345678", "+84 12",
    "0912345678 hoặc 0912345679", "",
])
def test_anything_else_is_refused(typed: str) -> None:
    assert canonical_phone(typed) is None


def test_phones_in_running_text_are_ascii_digits_only() -> None:
    assert find_phones("Liên hệ: 0919.422.038 hoặc ٠٩١٩٤٢٢٠٣٨") == [("0919.422.038", "0919422038")]


MOBILE_TAIL = st.builds(lambda first, rest: first + rest, st.sampled_from("35789"),
                        st.text(alphabet="0123456789", min_size=8, max_size=8))
SEP = st.sampled_from(["", " ", ".", "-"])


@given(tail=MOBILE_TAIL, sep=SEP, form=st.sampled_from(["0{}", "+84{}", "84{}", "0084{}", "{}", "+84 (0) {}",
                                                         "(+84) {}", "+84(0){}"]))
def test_every_way_of_writing_a_mobile_gives_its_one_form(tail: str, sep: str, form: str) -> None:
    grouped = sep.join([tail[:2], tail[2:5], tail[5:]])
    assert canonical_phone(form.format(grouped)) == "0" + tail


@given(st.text(max_size=30))
def test_a_stored_phone_is_ascii_canonical_and_stable(text: str) -> None:
    phone = canonical_phone(text)
    if phone is not None:
        assert CANONICAL.fullmatch(phone) and phone.isascii()
        assert canonical_phone(phone) == phone


@given(tail=MOBILE_TAIL, digit=st.characters(categories=["Nd"]).filter(
    lambda c: not c.isascii() and not unicodedata.normalize("NFKC", c).isascii()), at=st.integers(0, 9))
def test_a_digit_of_another_script_is_never_accepted(tail: str, digit: str, at: int) -> None:
    number = "0" + tail
    assert canonical_phone(number[:at] + digit + number[at + 1:]) is None


@pytest.mark.parametrize(("typed", "stored"), [
    ("nguyễn văn an", "Nguyễn Văn An"),
    ("NGUYỄN VĂN AN", "Nguyễn Văn An"),
    ("ĐẶNG thị hồng", "Đặng Thị Hồng"),
    ("  trần   thị\tbình ", "Trần Thị Bình"),
    ("Nguyễn Văn An", "Nguyễn Văn An"),
    ("nguye\u0302\u0303n va\u0306n an", "Nguyễn Văn An"),  # NFD in, NFC out
    ("McKay john", "McKay John"),  # capitals inside a word are the person's own
    ("Nguyễn\u202e Văn\u200b An\ufeff", "Nguyễn Văn An"),  # bidi override, zero-width space, BOM
])
def test_names_are_stored_in_title_case_nfc(typed: str, stored: str) -> None:
    assert clean_name(typed) == stored


def test_positions_lose_invisible_characters() -> None:
    assert clean_position("Chủ tịch\u2066 UBND\u2069 phường\u200d") == "Chủ tịch UBND phường"


VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
WORD = st.text(alphabet=VIET, min_size=1, max_size=7)
NAME = st.lists(WORD, min_size=2, max_size=5).map(" ".join)


@given(NAME)
def test_lower_or_capitals_give_the_same_title_case_name(name: str) -> None:
    stored = clean_name(name)
    assert clean_name(name.upper()) == stored == clean_name(unicodedata.normalize("NFD", name))
    assert all(word[0].isupper() and word[1:] == word[1:].lower() for word in stored.split(" "))
    assert fold(stored) == fold(name)
    assert unicodedata.is_normalized("NFC", stored)
    assert clean_name(stored) == stored


@given(st.text(max_size=40))
def test_title_case_keeps_the_letters_and_is_stable(text: str) -> None:
    once = title_case_name(text)
    assert title_case_name(once) == once
    assert len(once) == len(unicodedata.normalize("NFC", text))


@pytest.mark.parametrize("hidden", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067",
                                    "\u2068", "\u2069", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",
                                    "\u200e", "\u200f", "\x00", "\x1b"])
def test_clean_text_removes_what_hides_or_reorders_text(hidden: str) -> None:
    assert clean_text(f"Nguyễn{hidden} Văn An") == "Nguyễn Văn An"


def test_a_lone_surrogate_is_refused_or_replaced() -> None:
    with pytest.raises(InvalidInput) as err:
        clean_text("/start \ud800abc")
    assert err.value.code == "bad_characters"
    assert clean_text("Lan\udc00", broken="\ufffd") == "Lan\ufffd"
    assert clean_text("dòng 1\ndòng 2\tcột") == "dòng 1\ndòng 2\tcột"
