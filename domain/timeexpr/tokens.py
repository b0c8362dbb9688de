"""Scanning: the folded text becomes a list of tokens, each a pattern match that passed checks.

Checks that a regular expression cannot make are done here: a keyword typed with the wrong
diacritics is not the keyword ("thứ tự" is not "thứ tư"), "tới"/"tối" are told apart by
their spelling, and a bare "mai" counts only next to a time ("9h sáng mai").
"""

from __future__ import annotations

from dataclasses import dataclass
from re import Match

from domain.timeexpr.folding import (
    FROM_SPELLINGS,
    PART_OF_DAY_SPELLINGS,
    SPELLINGS,
    WEEKDAY_SPELLINGS,
    spelled_as_keyword,
)
from domain.timeexpr.patterns import CITED, GLUE, SCAN

MARKERS = frozenset({"from_now", "by", "before", "to", "from", "dash"})
RELATIVE = frozenset({"rel_after", "rel_after_by", "rel_before", "rel_before2", "rel_around", "rel_work"})
MODIFIERS = frozenset({"pd"})
_LOOK_AHEAD = 6  # tokens looked at to decide a bare "toi"; bounded so that long text stays linear


@dataclass(slots=True)
class Token:
    """One match: `kind` is the alternative's name; `m` holds its groups (on folded text)."""

    kind: str
    start: int
    end: int
    m: Match[str]

    def group(self, name: str | int = 0) -> str | None:
        """A group's text with its white space folded to single spaces ("hôm   nay" → "hom nay")."""
        value = self.m.group(name)
        return " ".join(value.split()) if value is not None else None

    def must(self, name: str) -> str:
        """A group every match of this kind has (its pattern does not make it optional)."""
        value = self.group(name)
        if value is None:
            raise LookupError(f"a {self.kind} token without its {name} group")
        return value

    @property
    def temporal(self) -> bool:
        return self.kind not in MARKERS and self.kind not in MODIFIERS


def mask_cited(folded: str) -> str:
    """Blank out document numbers and the dates of cited documents, keeping offsets."""
    if "/" not in folded and "-" not in folded and "thang" not in folded:
        return folded
    return CITED.sub(lambda m: " " * (m.end() - m.start()), folded)


def _spelled(kind: str, m: Match[str], orig: str) -> bool:
    a, b = m.span()
    if orig[a:b].isascii():
        return True
    folded = m.string
    if kind == "weekday" and m.group("wd_name"):
        na, nb = m.span("wd_name")
        if not spelled_as_keyword(orig[na:nb], folded[na:nb], WEEKDAY_SPELLINGS):
            return False
    table = {"from": FROM_SPELLINGS, "pd": PART_OF_DAY_SPELLINGS}.get(kind, SPELLINGS)
    return spelled_as_keyword(orig[a:b], folded[a:b], table)


def glued(folded: str, left: Token, right: Token) -> bool:
    """Whether only punctuation and filler words ("lúc", "ngày", "vào") separate two tokens."""
    return GLUE.fullmatch(folded, left.end, right.start) is not None


def scan(orig: str, folded: str) -> list[Token]:
    """All tokens, left to right, after the spelling checks and the "tới/tối" decision."""
    tokens: list[Token] = []
    for m in SCAN.finditer(folded):
        kind = m.lastgroup or ""
        if not _spelled(kind, m, orig):
            continue
        tokens.append(Token(kind, m.start(), m.end(), m))
    return [t for t in (_settle(tokens, i, orig, folded) for i in range(len(tokens))) if t is not None]


def _settle(tokens: list[Token], i: int, orig: str, folded: str) -> Token | None:
    """Decide the words whose meaning depends on spelling or neighbours."""
    tok = tokens[i]
    prev = tokens[i - 1] if i > 0 else None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if tok.kind == "to" and (tok.group() or "").endswith("toi"):
        typed = orig[tok.end - 3 : tok.end].lower()
        if typed == "tới":
            return tok
        if typed == "tối":
            return Token("pd", tok.start, tok.end, tok.m)
        if typed != "toi":  # "tôi", "tội": not a time word
            return None
        # Typed without diacritics: "… toi …" between two times is "tới" (a range); before a
        # time later in the phrase it is "tối" ("toi thu sau luc 7 gio"); otherwise "tới".
        if prev is not None and prev.temporal and glued(folded, prev, tok):
            return tok
        later_time = False
        left = tok
        for other in tokens[i + 1 : i + 1 + _LOOK_AHEAD]:
            if not glued(folded, left, other):
                break
            later_time = later_time or other.kind == "time"
            left = other
        return Token("pd", tok.start, tok.end, tok.m) if later_time else tok
    if tok.kind == "mai":
        near_time = any(
            other is not None and other.kind in ("time", "pd") and (
                glued(folded, other, tok) if other is prev else glued(folded, tok, other))
            for other in (prev, nxt)
        )
        alone = not folded[: tok.start].strip(" ,.:;!?") and not folded[tok.end :].strip(" ,.:;!?")
        return tok if near_time or alone else None
    return tok
