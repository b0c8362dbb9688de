"""The intent matcher's rules on small banks: reading words, scoring, and deciding for a role."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from domain.intent_words import MAX_WORDS, Reader, signature
from domain.intents import Intent, Lexicon, Matcher, Scored, decide, offers

LEXICON = Lexicon(abbreviations={"dk": "dang ky", "ko": "khong", "j": "gi", "bc": "bao cao", "a": "anh"},
                  fillers=frozenset({"cho", "mình", "hỏi", "ạ", "ơi", "không", "khong", "anh"}))
BANK = {
    "register": ["đăng ký họp", "đăng ký"],
    "place": ["họp ở đâu"],
    "start": ["bắt đầu"],
    "cancel": ["thôi"],
    "time": ["thời gian họp", "mấy giờ họp"],
    "report": ["báo cáo", "báo cáo tiến độ"],
    "progress": ["cập nhật tiến độ", "báo cáo tiến độ"],
    "link": ["link họp", "link"],
    "thanks": ["cảm ơn"],
    "meeting": ["thông tin hội nghị"],
}


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(BANK, LEXICON)


def best(matcher: Matcher, text: str) -> str | None:
    ranked = matcher.rank(text)
    return ranked[0].intent if ranked and ranked[0].score >= 0.62 else None


def test_tone_signatures_ignore_where_the_mark_sits_but_not_which_mark() -> None:
    assert signature("hủy") == signature("huỷ") == signature("HỦY".lower())
    assert signature("thôi") != signature("thời")
    assert signature("đâu") != signature("đầu")
    assert signature("dang") is None


@pytest.mark.parametrize(("typed", "read"), [
    ("dangky", ["dang", "ky"]), ("dk hop", ["dang", "ky", "hop"]), ("dkhop", ["dang", "ky", "hop"]),
    ("đăg ký", ["dang", "ký"]), ("lịnk họp", ["link", "họp"]), ("baocao", ["bao", "cao"]),
    ("cho mình hỏi link họp ạ", ["link", "họp"]), ("bc tiến độ", ["bao", "cao", "tiến", "độ"]),
])
def test_words_are_read_as_the_bank_spells_them(matcher: Matcher, typed: str, read: list[str]) -> None:
    keys = matcher.tokens(typed)
    assert [k.split("·")[0] for k in keys] == [signature(w).split("·")[0] if signature(w) else w for w in read]


def test_a_real_syllable_is_never_corrected_and_noise_is_dropped(matcher: Matcher) -> None:
    assert matcher.tokens("trong") == ["trong"]  # not "trường", not anything of the bank
    assert matcher.tokens("0919 422 038 an.nv@dongnai.gov.vn https://x.vn/a") == []
    assert matcher.tokens("hội") and matcher.tokens("hỏi") == []  # "hỏi" is a filler, "hội" a word


def test_a_word_typed_with_its_marks_matches_only_the_same_word(matcher: Matcher) -> None:
    assert best(matcher, "thôi") == "cancel"
    assert best(matcher, "thời tiết") is None  # folded alike, not the same word
    assert best(matcher, "họp ở đâu") == "place"
    assert best(matcher, "họp bắt đầu") != "place"  # "đầu" is not "đâu"
    assert best(matcher, "hop o dau") == "place"  # without marks, folded matching as before


def test_a_long_message_is_read_in_bounded_time(matcher: Matcher) -> None:
    long = "link họp " + "xin chào " * 5000
    assert len(matcher.tokens(long)) <= MAX_WORDS
    assert matcher.rank(long)[0].intent == "link"


def test_the_request_wins_over_the_courtesy_around_it(matcher: Matcher) -> None:
    intents = {name: Intent(name, {"all": name}, offer=name != "thanks") for name in BANK}
    decision = decide(matcher.rank("cảm ơn, cho mình hỏi link họp"), "officer", intents, ())
    assert (decision.kind, decision.intents) == ("act", ("link",))


INTENTS = {
    "register": Intent("register", {"member": "/dangky"}),
    "roster": Intent("roster", {"organiser": "/danhsach", "unit": "mine"}),
    "mine": Intent("mine", {"unit": "mine", "organiser": "/danhsach"}),
    "progress": Intent("progress", {"member": "/capnhat"}),
    "report": Intent("report", {"member": "/baocao"}),
    "missing": Intent("missing", {"organiser": "/chuadangky"}),
    "time": Intent("time", {"member": "time"}, group="info"),
    "place": Intent("place", {"member": "place"}, group="info"),
    "info": Intent("info", {"member": "info"}, group="info"),
    "hello": Intent("hello", {"all": "hello"}, offer=False),
}
LIKELY = ("register", "progress", "report")


def test_decisions_act_ask_refuse_or_offer() -> None:
    act = decide([Scored("register", 0.95), Scored("progress", 0.4)], "officer", INTENTS, LIKELY)
    assert (act.kind, act.intents) == ("act", ("register",))
    ask = decide([Scored("progress", 1.0), Scored("report", 0.97)], "officer", INTENTS, LIKELY)
    assert (ask.kind, set(ask.intents)) == ("ask", {"progress", "report"})
    refuse = decide([Scored("missing", 1.0), Scored("mine", 0.7)], "officer", INTENTS, LIKELY)
    assert (refuse.kind, refuse.intents) == ("refuse", ("missing",))
    assert refuse.offers[0] == "mine" and "missing" not in refuse.offers and len(refuse.offers) == 3
    none = decide([Scored("register", 0.3)], "officer", INTENTS, LIKELY)
    assert none.kind == "none" and none.offers == LIKELY
    assert decide([], "guest", INTENTS, ()).kind == "none"


def test_a_message_that_is_one_phrase_whole_wins_over_a_patchwork_of_phrases() -> None:
    patchwork, whole = Scored("progress", 1.0), Scored("report", 1.0, whole=True)
    assert decide([patchwork, whole], "officer", INTENTS, LIKELY).intents == ("report",)
    both = decide([patchwork._replace(whole=True), whole], "officer", INTENTS, LIKELY)
    assert (both.kind, set(both.intents)) == ("ask", {"progress", "report"})  # whole in both: ask back


def test_the_same_action_is_not_asked_back_and_roles_change_the_action() -> None:
    close = [Scored("roster", 1.0), Scored("mine", 0.98)]
    for role, action in (("officer", "mine"), ("organizer", "/danhsach")):
        decision = decide(close, role, INTENTS, LIKELY)
        assert decision.kind == "act"
        assert INTENTS[decision.intents[0]].action_for(role) == action


def test_close_answers_of_one_group_get_the_groups_answer() -> None:
    decision = decide([Scored("time", 0.9), Scored("place", 0.88)], "officer", INTENTS, LIKELY)
    assert (decision.kind, decision.intents) == ("act", ("info",))
    weak = decide([Scored("time", 0.58), Scored("place", 0.55), Scored("register", 0.2)], "officer", INTENTS, LIKELY)
    assert (weak.kind, weak.intents) == ("act", ("info",))


def test_below_the_threshold_only_a_clear_lead_of_a_request_acts() -> None:
    assert decide([Scored("register", 0.55), Scored("report", 0.3)], "officer", INTENTS, LIKELY).kind == "act"
    assert decide([Scored("register", 0.55), Scored("report", 0.45)], "officer", INTENTS, LIKELY).kind == "none"
    assert decide([Scored("hello", 0.55)], "officer", INTENTS, LIKELY).kind == "none"  # small talk needs more


def test_offers_skip_small_talk_repeats_and_what_the_role_may_not_do() -> None:
    ranked = [Scored("hello", 0.9), Scored("missing", 0.8), Scored("roster", 0.7), Scored("mine", 0.6)]
    assert offers(ranked, "officer", INTENTS, LIKELY) == ("roster", "register", "progress")
    assert offers(ranked, "guest", INTENTS, LIKELY) == ()


def test_action_for_takes_the_first_entry_that_covers_the_role() -> None:
    intent = Intent("x", {"admin": "/a", "organiser": "/o", "all": "/any"})
    assert [intent.action_for(r) for r in ("admin", "organizer", "guest")] == ["/a", "/o", "/any"]
    assert Intent("y", {"unit": "/u"}).action_for("guest") is None


def test_decisions_do_not_depend_on_hash_order() -> None:
    """Sets and dicts iterate in a per-process order; the same text must decide the same everywhere."""
    script = (
        "import json, sys; from datetime import datetime; import handlers; from handlers.intents import read\n"
        "texts = [json.loads(l)['text'] for l in open(sys.argv[1], encoding='utf-8') if l.strip()]\n"
        "print(json.dumps([[d.kind, d.intents, round(d.score, 6)] for d in "
        "(read(t, 'officer', datetime(2026, 5, 20, 9))[0] for t in texts)]))"
    )
    dev = Path(__file__).resolve().parents[1] / "fixtures" / "intents.jsonl"
    runs = [subprocess.run([sys.executable, "-c", script, str(dev)], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}, timeout=120).stdout for seed in ("1", "2")]
    assert json.loads(runs[0]) == json.loads(runs[1])


def test_a_reader_without_a_bank_keeps_words_as_typed() -> None:
    reader = Reader({}, ())
    assert reader.keys("Xin chào") == ["xin", "chao"]
