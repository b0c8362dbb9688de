"""What a chat message means: a deterministic matcher over a phrase bank, and the rule that turns
its scores into "do it", "ask back", "not for you" or "not understood", for the writer's role.

Pure and fast, because it runs on every message that is not a command. Words are read by
domain/intent_words.py (folded, or by their tones when typed with them; abbreviations, words run
together and typos). A phrase of the bank scores by how much of it the message contains (its
words and pairs of adjacent words, each weighted by how few intents use it) and by how much of
the message it explains.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from domain.intent_words import Reader

# The role groups an intent's table may name, besides the roles themselves.
ROLE_GROUPS: dict[str, frozenset[str]] = {
    "unit": frozenset({"officer", "unit_head"}),
    "organiser": frozenset({"organizer", "admin"}),
    "member": frozenset({"officer", "unit_head", "organizer", "admin"}),
    "all": frozenset({"guest", "officer", "unit_head", "organizer", "admin"}),
}

THRESHOLD = 0.62  # a score from here on is a match
SMALL_TALK_THRESHOLD = 0.75  # courtesies are one word, easily found inside other sentences ("… trưa thôi")
MARGIN = 0.1  # two matches closer than this (with different actions) are asked back
# Below the threshold, the best match (a request) is still taken when it leads every other by LEAD:
# a long message ("hội nghị hôm đó họp ở đâu vậy anh") explains less of itself but means one thing.
RELATIVE_FLOOR = 0.45
LEAD = 0.12
MIN_SCORE = 0.2  # weaker readings are not worth ranking
COVER_FLOOR = 0.5  # a phrase the message contains this much of helps explain the message for its intent
OFFER_FLOOR = 0.4  # a weaker match may still be offered as a choice when nothing matched
PAIR_WEIGHT = 0.5  # a pair of adjacent syllables counts half as much as a syllable
UNKNOWN_WEIGHT = 1.0  # a syllable the bank does not know (a name, a place) still has to be explained
# An intent's score: the largest share of one of its phrases the message contains, times
# (EXPLAINED_FLOOR + the rest × the share of the message its fitting phrases explain): "thôi" alone
# cancels; "đi ăn trưa thôi" explains too little of itself by "thôi" to.
EXPLAINED_FLOOR = 0.4

@dataclass(frozen=True)
class Intent:
    """What a person may mean, the words for it, and what it leads to for each role.

    `act` maps a role or a role group to an action: "/command" (a registered command) or the
    name of a direct answer; the first entry that covers the role wins. A role it does not
    cover may not do this, and is told so with what it can do instead."""

    name: str
    act: Mapping[str, str]
    phrases: tuple[str, ...] = ()
    label: str = ""
    offer: bool = True  # offered as a choice when nothing matched (small talk is not)
    # When this intent is close to others of the same group, the group's intent answers them all
    # ("hội nghị hôm đó họp ở đâu": time or place? the meeting's card says both).
    group: str = ""

    def action_for(self, role: str) -> str | None:
        for key, action in self.act.items():
            if role == key or role in ROLE_GROUPS.get(key, ()):
                return action
        return None


@dataclass(frozen=True)
class Lexicon:
    """How people shorten words in chat, and the words that carry no meaning of their own."""

    abbreviations: Mapping[str, str]  # folded token → folded words ("dk" → "dang ky")
    fillers: frozenset[str]  # words dropped before matching ("ạ", "ơi", "nhé", "mình"; see intent_words)
    compounds: frozenset[str] = frozenset()  # two syllables read as one word ("đăng ký", "hội nghị")


class Scored(NamedTuple):
    """`whole`: one phrase of the intent is the whole message, not a patchwork of several phrases."""
    intent: str
    score: float
    whole: bool = False


@dataclass(frozen=True)
class Decision:
    """act: do intents[0]; ask: offer intents as choices; refuse: intents[0] is not for this role,
    offer `offers` instead; none: nothing matched, offer `offers`."""

    kind: str
    intents: tuple[str, ...]
    score: float
    offers: tuple[str, ...] = ()


class Matcher:
    """The phrase bank, read once into weighted features and an index from key to phrases.

    A feature is a word or a pair of adjacent words, weighted (on its folded form) by how few
    intents use it; the index holds each feature under its folded form and under its tone
    signatures, so a word typed with marks matches only the same word (domain/intent_words.py)."""

    def __init__(self, bank: Mapping[str, Sequence[str]], lexicon: Lexicon) -> None:
        self._reader = Reader(lexicon.abbreviations, lexicon.fillers, lexicon.compounds)
        read = [(name, self._reader.phrase(text)) for name, texts in bank.items() for text in texts]
        self._reader.learn(word for _, words in read for word in words)
        users: dict[str, set[str]] = {}
        for name, words in read:
            for feat in _features([f for f, _ in words]):
                users.setdefault(feat, set()).add(name)
        count = max(len(bank), 1)
        weight = {feat: math.log(1 + count / len(names)) * (PAIR_WEIGHT if " " in feat else 1.0)
                  for feat, names in users.items()}
        # Phrase `at` belongs to intent _owner[at]; _weights[at] gives each of its keys the weight of
        # its feature, and 1 / _inverse[at] is their total. A phrase only counts when the message holds
        # at least COVER_FLOOR of it, so the index (key → phrases) lists a phrase under its heaviest
        # features only: enough of them that without any, the rest weighs less than COVER_FLOOR.
        self._owner: list[str] = []
        self._inverse: list[float] = []
        self._weights: list[dict[str, float]] = []
        self._keysets: list[frozenset[str]] = []
        self._index: dict[str, list[int]] = {}
        self._key_weight: dict[str, float] = {}
        seen: set[tuple[str, tuple[tuple[str, str | None], ...]]] = set()
        for name, words in read:
            if not words or (name, tuple(words)) in seen:
                continue
            seen.add((name, tuple(words)))
            at = len(self._owner)
            keyed = sorted(_keyed_features(words), key=lambda kf: (-weight[kf[1]], kf[1]))
            total = sum(weight[feat] for _, feat in keyed)
            rest = total
            for keys, feat in keyed:
                for key in keys:
                    self._index.setdefault(key, []).append(at)
                rest -= weight[feat]
                if rest < COVER_FLOOR * total - 1e-9:
                    break
            weights = {key: weight[feat] for keys, feat in keyed for key in keys}
            self._key_weight.update(weights)
            self._owner.append(name)
            self._inverse.append(1 / total)
            self._weights.append(weights)
            self._keysets.append(frozenset(weights))
        self.intents = tuple(bank)

    @property
    def vocabulary(self) -> frozenset[str]:
        return self._reader.vocabulary

    def forget(self) -> None:
        """Empty the per-word caches: what a word never seen before costs (bench/intents.py)."""
        self._reader.forget()

    def calls(self, text: str, calls: frozenset[str]) -> bool:
        """True for a message of fillers only, one of them in `calls` ("ad ơi", "giúp em với"): the
        writer is calling for attention, not saying something the bank does not know."""
        words = self._reader.words(text)
        return bool(words) and not self._reader.keys(text) and any(w in calls for w in words)

    def tokens(self, text: str) -> list[str]:
        """The message's content words as the matcher keys them (a tone signature or a folded word)."""
        return self._reader.keys(text)

    def rank(self, text: str, priors: Mapping[str, float] | None = None) -> list[Scored]:
        """The intents the text may mean (scoring above MIN_SCORE), best first; `priors` are floors
        from other readers (the "what's due" question reader gives one to "tasks")."""
        feats = _features(self._reader.keys(text))
        key_weight, index = self._key_weight, self._index
        total = sum(key_weight.get(f, 0.0 if " " in f else UNKNOWN_WEIGHT) for f in feats)
        candidates: set[int] = set()
        for key in feats:
            listed = index.get(key)
            if listed:
                candidates.update(listed)
        # Each intent: the largest share of one of its phrases the message holds, and the words of the
        # message that its phrases holding at least COVER_FLOOR of themselves explain.
        owner, inverse, keysets, weights = self._owner, self._inverse, self._keysets, self._weights
        contained: dict[str, float] = {}
        covered: dict[str, set[str]] = {}
        whole: set[str] = set()
        for at in candidates:
            found = feats & keysets[at]
            hit, weight = 0.0, weights[at]
            for key in found:
                hit += weight[key]
            share = hit * inverse[at]
            if share < COVER_FLOOR:
                continue
            name = owner[at]
            if share >= 1 - 1e-9 and hit >= total - 1e-9:
                whole.add(name)
            if share > contained.get(name, 0.0):
                contained[name] = share
            bucket = covered.get(name)
            if bucket is None:
                covered[name] = set(found)
            else:
                bucket |= found
        best: dict[str, float] = dict(priors) if priors else {}
        for name, share in contained.items():
            explained = sum(map(key_weight.__getitem__, covered[name])) / total if total else 0.0
            score = min(share, 1.0) * (EXPLAINED_FLOOR + (1 - EXPLAINED_FLOOR) * min(explained, 1.0))
            if score > best.get(name, MIN_SCORE):
                best[name] = score
        ranked = [Scored(name, score, name in whole) for name, score in best.items()]
        ranked.sort(key=_order)
        return ranked


def with_floor(ranked: Sequence[Scored], intent: str, score: float, *, threshold: float = THRESHOLD) -> list[Scored]:
    """`ranked` with `intent` scoring at least `score`, unless another intent already matched by
    its phrases: another reader's opinion (the "what's due" reader fires on any "việc") yields to
    a phrase that explains the text ("xem lịch nhắc việc" asks for reminders, not tasks)."""
    if any(s.score >= threshold and s.intent != intent for s in ranked):
        return list(ranked)
    raised = [s for s in ranked if s.intent != intent]
    raised.append(Scored(intent, max([score] + [s.score for s in ranked if s.intent == intent])))
    raised.sort(key=_order)
    return raised


def _order(scored: Scored) -> tuple[float, str]:
    return -scored.score, scored.intent


def _features(words: Sequence[str]) -> set[str]:
    feats = set(words)
    feats.update(f"{a} {b}" for a, b in itertools.pairwise(words) if a != b)
    return feats


def _keyed_features(words: Sequence[tuple[str, str | None]]) -> list[tuple[set[str], str]]:
    """Each folded feature of a phrase with the keys it is found under: folded, and with signatures."""
    out: dict[str, set[str]] = {}
    for folded, sign in words:
        out.setdefault(folded, set()).update(k for k in (folded, sign) if k)
    for (f1, s1), (f2, s2) in itertools.pairwise(words):
        if f1 != f2:
            out.setdefault(f"{f1} {f2}", set()).update(f"{a} {b}" for a in (f1, s1) if a for b in (f2, s2) if b)
    return [(keys, feat) for feat, keys in out.items()]


def decide(ranked: Sequence[Scored], role: str, intents: Mapping[str, Intent], likely: Sequence[str], *,
           threshold: float = THRESHOLD, margin: float = MARGIN) -> Decision:
    """What to do with a message for `role`:
    - a request scoring from `threshold` on: act on it, or ask back when others with other actions
      are within `margin` of it (whatever their own score), or refuse it (offering what the role
      can do) when the role may not do it; between RELATIVE_FLOOR and `threshold`, act only on a
      clear lead (LEAD) or on the group close requests share;
    - else small talk scoring from SMALL_TALK_THRESHOLD on ("cảm ơn, cho hỏi link họp" is about the link);
    - else nothing matched: offer the likeliest actions for the role."""

    def allowed(name: str) -> bool:
        return intents[name].action_for(role) is not None

    ranked = [s for s in ranked if s.intent in intents]
    requests = [s for s in ranked if intents[s.intent].offer]
    best = requests[0] if requests else None
    if best is not None and best.score >= threshold:
        close = [s for s in requests if best.score - s.score < margin]
        if any(s.whole for s in close):  # "danh sách đăng ký" is a phrase whole; "sửa danh sách" + "đăng ký" is not
            close = [s for s in close if s.whole]
    elif best is not None and best.score >= RELATIVE_FLOOR:
        close = [s for s in requests if best.score - s.score < LEAD]
        if len(close) > 1 and not _group_of(close, intents):
            close = []
    else:
        close = []
    talk = next((s for s in ranked if not intents[s.intent].offer and s.score >= SMALL_TALK_THRESHOLD), None)
    if talk is not None and (not close or (close[0].score < threshold and talk.score - close[0].score >= margin)):
        return Decision("act", (talk.intent,), talk.score)  # "cảm ơn đã hỗ trợ" thanks; it asks for no help
    if not close:
        return Decision("none", (), ranked[0].score if ranked else 0.0, offers(ranked, role, intents, likely))
    best = close[0]
    if not allowed(best.intent):
        return Decision("refuse", (best.intent,), best.score, offers(ranked, role, intents, likely, best.intent))
    picks: list[str] = []
    actions: set[str | None] = set()
    for s in close:
        action = intents[s.intent].action_for(role)
        if action is not None and action not in actions:
            actions.add(action)
            picks.append(s.intent)
    general = _group_of([Scored(p, best.score) for p in picks], intents) if len(picks) > 1 else ""
    if len(picks) == 1 or (general and allowed(general)):
        return Decision("act", (general or best.intent,), best.score)
    return Decision("ask", tuple(picks[:3]), best.score)


def _group_of(close: Sequence[Scored], intents: Mapping[str, Intent]) -> str:
    """The intent that answers all of `close` when they are of one group, else ""."""
    groups = {intents[s.intent].group for s in close}
    group = groups.pop() if len(groups) == 1 else ""
    return group if group in intents else ""


def offers(ranked: Sequence[Scored], role: str, intents: Mapping[str, Intent], likely: Sequence[str],
           *exclude: str, limit: int = 3) -> tuple[str, ...]:
    """Up to `limit` intents to offer as choices: the closest matches the role may do, then the
    role's usual ones; never two with the same action, never small talk."""
    chosen: list[str] = []
    actions: set[str] = set()
    candidates = [s.intent for s in ranked if s.score >= OFFER_FLOOR] + list(likely)
    for name in candidates:
        intent = intents.get(name)
        action = intent.action_for(role) if intent else None
        if intent is None or action is None or not intent.offer or name in exclude or action in actions:
            continue
        actions.add(action)
        chosen.append(name)
        if len(chosen) == limit:
            break
    return tuple(chosen)
