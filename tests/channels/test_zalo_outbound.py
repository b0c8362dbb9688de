"""ZaloOutbound, what the reminder dispatcher will send through: Zalo's answers become outcomes.

Against the Zalo stand-in over real HTTP, and against a port where nothing listens.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.channels.outbound import Outcome
from bot.channels.zalo_client import ZaloApiError, ZaloClient
from bot.channels.zalo_outbound import DEFAULT_PAUSE, TOKEN_PAUSE, ZaloOutbound
from handlers.types import OutFile
from testkit.zalo_app import Pauses, free_port
from testkit.zalo_standin import ZaloStandin

CHAT = "c0ffee0123456789"


@pytest.fixture
async def client(zalo_standin: ZaloStandin) -> AsyncIterator[ZaloClient]:
    zalo = ZaloClient(zalo_standin.token, base_url=zalo_standin.base_url, read_timeout=0.3, sleep=Pauses())
    try:
        yield zalo
    finally:
        await zalo.aclose()


async def test_a_short_text_is_sent_once(zalo_standin: ZaloStandin, client: ZaloClient) -> None:
    delivery = await ZaloOutbound(client).deliver(chat_id=CHAT, text="⏳ Còn 3 ngày làm việc đến hạn đăng ký.")
    assert delivery.outcome is Outcome.SENT
    assert [s.text for s in zalo_standin.sent_to(CHAT)] == ["⏳ Còn 3 ngày làm việc đến hạn đăng ký."]


async def test_a_long_text_goes_in_pieces_under_2000(zalo_standin: ZaloStandin, client: ZaloClient) -> None:
    text = "\n".join(f"{i}. Phường số {i} chưa đăng ký" for i in range(200))
    assert (await ZaloOutbound(client).deliver(chat_id=CHAT, text=text)).outcome is Outcome.SENT
    pieces = [s.text for s in zalo_standin.sent_to(CHAT)]
    assert len(pieces) >= 2 and all(len(p) <= 2000 for p in pieces) and "\n".join(pieces) == text


@pytest.mark.parametrize(("fault", "outcome", "pause"), [
    ("403", Outcome.UNREACHABLE, None),
    ("429", Outcome.RETRY, DEFAULT_PAUSE),
    ("500", Outcome.RETRY, None),
    ("400", Outcome.FAILED, None),
    ("timeout", Outcome.UNCERTAIN, None),
    ("drop", Outcome.UNCERTAIN, None),
])
async def test_each_error_is_an_outcome_and_nothing_is_sent_twice(
        zalo_standin: ZaloStandin, client: ZaloClient, fault: str, outcome: Outcome, pause: float | None) -> None:
    zalo_standin.fail_next("sendMessage", fault)
    delivery = await ZaloOutbound(client).deliver(chat_id=CHAT, text="Nhắc việc")
    assert (delivery.outcome, delivery.retry_after) == (outcome, pause)
    assert len(zalo_standin.calls_to("sendMessage")) == 1  # the dispatcher decides about trying again
    carried_out = fault in ("timeout", "drop")
    assert len(zalo_standin.sent_to(CHAT)) == (1 if carried_out else 0)


async def test_429_with_retry_after_pauses_that_long(zalo_standin: ZaloStandin, client: ZaloClient) -> None:
    zalo_standin.fail_next("sendMessage", "429", retry_after=42)
    delivery = await ZaloOutbound(client).deliver(chat_id=CHAT, text="Nhắc việc")
    assert (delivery.outcome, delivery.retry_after) == (Outcome.RETRY, 42.0)


async def test_a_refused_token_waits_for_an_administrator(zalo_standin: ZaloStandin) -> None:
    wrong = ZaloClient("1234567:" + "q" * 40, base_url=zalo_standin.base_url, sleep=Pauses())
    try:
        delivery = await ZaloOutbound(wrong).deliver(chat_id=CHAT, text="Nhắc việc")
    finally:
        await wrong.aclose()
    assert (delivery.outcome, delivery.retry_after) == (Outcome.RETRY, TOKEN_PAUSE)


async def test_nothing_listening_is_retry(zalo_standin: ZaloStandin) -> None:
    closed = ZaloClient(zalo_standin.token, base_url=f"http://127.0.0.1:{free_port()}", sleep=Pauses())
    try:
        delivery = await ZaloOutbound(closed).deliver(chat_id=CHAT, text="Nhắc việc")
    finally:
        await closed.aclose()
    assert delivery.outcome is Outcome.RETRY and "ConnectError" in delivery.detail


async def test_a_failure_after_the_first_piece_is_uncertain_not_retry(zalo_standin: ZaloStandin,
                                                                      client: ZaloClient) -> None:
    """Sending the whole text again would repeat the piece that arrived."""
    text = "a" * 1500 + "\n" + "b" * 1500
    outbound = ZaloOutbound(client)
    zalo_standin.fail_next("sendMessage", "500")  # the first piece is refused: nothing arrived, retry is safe
    assert (await outbound.deliver(chat_id=CHAT, text=text)).outcome is Outcome.RETRY
    zalo_standin.fail_next("sendMessage", "timeout")
    assert (await outbound.deliver(chat_id=CHAT, text=text)).outcome is Outcome.UNCERTAIN
    zalo_standin.sent.clear()
    zalo_standin.fail_next("sendMessage", "500", after=1)  # the first piece arrives, the second is refused
    delivery = await outbound.deliver(chat_id=CHAT, text=text)
    assert delivery.outcome is Outcome.UNCERTAIN and delivery.detail.startswith("1 of 2 pieces sent")
    assert [s.text[0] for s in zalo_standin.sent] == ["a"]


async def test_a_file_is_offered_in_words_since_zalo_cannot_send_it(zalo_standin: ZaloStandin,
                                                                    client: ZaloClient) -> None:
    ics = OutFile(name="hoi-nghi.ics", data=b"BEGIN:VCALENDAR", mime="text/calendar")
    delivery = await ZaloOutbound(client).deliver(chat_id=CHAT, text="Ngày mai họp", file=ics)
    assert delivery.outcome is Outcome.SENT
    texts = [s.text for s in zalo_standin.sent_to(CHAT)]
    assert texts[0] == "Ngày mai họp" and "hoi-nghi.ics" in texts[1]


def test_the_message_count_is_what_deliver_sends() -> None:
    assert ZaloOutbound.message_count("ngắn") == 1
    assert ZaloOutbound.message_count("a" * 1500 + "\n" + "b" * 1500) == 2
    assert ZaloOutbound.message_count("ngắn", OutFile(name="x.ics", data=b"")) == 2


async def test_the_standin_refuses_what_zalo_refuses_and_so_does_our_client(zalo_standin: ZaloStandin,
                                                                            client: ZaloClient) -> None:
    with pytest.raises(ZaloApiError) as too_long:
        await client.call("sendMessage", {"chat_id": CHAT, "text": "x" * 2001})
    assert too_long.value.code == 400
    with pytest.raises(ValueError, match="1–2000"):
        await client.send_message(CHAT, "x" * 2001)  # refused before it leaves
    with pytest.raises(ZaloApiError) as empty:
        await client.call("sendMessage", {"chat_id": CHAT, "text": ""})
    assert empty.value.code == 400 and zalo_standin.sent == []
