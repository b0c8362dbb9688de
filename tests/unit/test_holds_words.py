"""domain.text.holds_words: the typed search of /capnhat and /baocao (every folded word, as a word)."""

from __future__ import annotations

from domain.text import fold, holds_words


def test_every_typed_word_must_be_a_word_of_the_text() -> None:
    title = "Báo cáo kiểm định tháng 12"
    assert holds_words(fold("bao cao kiem dinh").split(), title)
    assert holds_words(["12"], title) and not holds_words(["1"], title)  # words, not parts of words
    assert not holds_words(fold("báo cáo quý").split(), title)
    assert not holds_words([], title)
