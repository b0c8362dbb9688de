"""The public codes of open registration (issue 15): how they are found in what people paste or
type, what the link does at each moment, and what an enterprise's details must look like."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from domain.errors import InvalidInput
from domain.open_registration import (
    clean_address,
    clean_org_name,
    link_code_in,
    link_state,
    normalise_short_code,
    short_code_in,
    show_short_code,
)
from storage.accounts import normalise_link_code
from storage.members import invite_code_in
from tests.conftest import TZ

LINK = "dk_" + "aZ09-_" * 3 + "xyzw"  # 22 characters after the prefix
NOW = datetime(2026, 5, 20, 9, 0, tzinfo=TZ)


@pytest.mark.parametrize("pasted", [LINK, f"/start {LINK}", f"https://t.me/tdc_bot?start={LINK}",
                                    f"Đường dẫn: https://t.me/tdc_bot?start={LINK} ạ", f"{LINK[:10]}\n{LINK[10:]}"])
def test_the_links_code_is_found_in_what_was_pasted(pasted: str) -> None:
    assert link_code_in(pasted) == LINK


@pytest.mark.parametrize("typed", ["DNK7QM2PX", "dn-k7qm2px", "DN K7QM 2PX", "Dạ mã DN-K7QM2PX ạ", "dn k7qm2px."])
def test_the_zalo_code_is_found_typed_any_way(typed: str) -> None:
    assert short_code_in(typed) == "DNK7QM2PX"
    assert show_short_code("DNK7QM2PX") == "DN-K7QM2PX"


@pytest.mark.parametrize("typed", ["dnabcdefg", "DN-1234567", "DN-K7QM2P", "DN-K7QM2PXY", "DN-K7QM2P0",
                                   "mã DN-K7QM2PX và DN-K7QM2PY", "đăng ký doanh nghiệp", "DNK7QM2PX1"])
def test_words_and_near_misses_are_not_codes(typed: str) -> None:
    assert short_code_in(typed) is None


def test_our_codes_never_look_like_an_invite_or_a_link_code() -> None:
    # A link code is 8 characters, an invite 40 to 64: neither reads ours, so none is counted as their wrong guess.
    assert normalise_link_code("DNK7QM2PX") is None and invite_code_in(LINK) is None
    assert normalise_short_code("K7QM2PXA") is None
    invite = "Ab3_dnK7QM2PX-" + "x" * 29  # an invite (43 URL-safe characters) holding a code-like piece
    assert short_code_in(invite) is None and short_code_in(f"Mã mời: {invite}") is None


def test_what_the_link_does_at_each_moment() -> None:
    cutoff = NOW + timedelta(days=3)
    assert link_state(open_code=None, closed_at=None, status="open", cutoff=cutoff, now=NOW) == "never"
    assert link_state(open_code=LINK, closed_at=None, status="open", cutoff=cutoff, now=NOW) == "open"
    assert link_state(open_code=LINK, closed_at=NOW, status="open", cutoff=cutoff, now=NOW) == "closed"
    assert link_state(open_code=LINK, closed_at=None, status="open", cutoff=cutoff, now=cutoff) == "past_cutoff"
    assert link_state(open_code=LINK, closed_at=None, status="cancelled", cutoff=cutoff, now=NOW) == "cancelled"


def test_an_enterprises_name_and_address_are_checked() -> None:
    assert clean_org_name("  Công ty   TNHH  An Phát ") == "Công ty TNHH An Phát"
    assert clean_address("Số 12  đường Lê Lợi") == "Số 12 đường Lê Lợi"
    for bad, code in (("a", "org_name_bad"), ("12345", "org_name_bad"), ("x" * 201, "org_name_long")):
        with pytest.raises(InvalidInput) as refused:
            clean_org_name(bad)
        assert refused.value.code == code
    for bad, code in (("12", "org_address_bad"), ("123456", "org_address_bad"), ("x" * 501, "org_address_long")):
        with pytest.raises(InvalidInput) as refused:
            clean_address(bad)
        assert refused.value.code == code
