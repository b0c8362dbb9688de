"""What a chat message means: a deterministic matcher over a phrase bank, and the rule that turns
its scores into "do it", "ask back", "not for you" or "not understood", for the writer's role.

Pure and fast, because it runs on every message that is not a command: the text is folded
(domain.text.fold), cut into syllables, abbreviations are expanded ("dk", "ko", "j", "bc"),
syllables run together are split ("dangky"), and a syllable the bank has never seen is mapped to
the nearest one it has (rapidfuzz) when it is close enough to be a typo. A phrase of the bank
scores by how much of it the message contains (its syllables and pairs of adjacent syllables,
each weighted by how few intents use it) and by how much of the message it explains.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from domain.text import fold

# The role groups an intent's table may name, besides the roles themselves.
ROLE_GROUPS: dict[str, frozenset[str]] = {
    "unit": frozenset({"officer", "unit_head"}),
    "organiser": frozenset({"organizer", "admin"}),
    "member": frozenset({"officer", "unit_head", "organizer", "admin"}),
    "all": frozenset({"guest", "officer", "unit_head", "organizer", "admin"}),
}

THRESHOLD = 0.62  # a score from here on is a match
MARGIN = 0.1  # two matches closer than this (with different actions) are asked back
OFFER_FLOOR = 0.4  # a weaker match may still be offered as a choice when nothing matched
PAIR_WEIGHT = 0.5  # a pair of adjacent syllables counts half as much as a syllable
UNKNOWN_WEIGHT = 1.0  # a syllable the bank does not know (a name, a place) still has to be explained
# A phrase's score: the share of it the message contains, times (EXPLAINED_FLOOR + the rest × the
# share of the message it explains); so "thôi" alone cancels, and "thời tiết hôm nay thế nào" does not.
EXPLAINED_FLOOR = 0.4
MAX_INPUT_TOKENS = 60  # a long message is read by its first words: bounded time per message
_CACHE_LIMIT = 20_000

_TOKEN = re.compile(r"[a-z]+|[0-9]+|[\u2600-\u27bf\U0001f300-\U0001faff]")
_ADDRESSES = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+")  # e-mail and web addresses mean nothing here
_VOWELS = frozenset("aeiouy")


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

    def action_for(self, role: str) -> str | None:
        for key, action in self.act.items():
            if role == key or role in ROLE_GROUPS.get(key, ()):
                return action
        return None


@dataclass(frozen=True)
class Lexicon:
    """How people shorten words in chat, and the words that carry no meaning of their own."""

    abbreviations: Mapping[str, str]  # folded token → folded words ("dk" → "dang ky")
    fillers: frozenset[str]  # folded words dropped before matching ("a", "oi", "nhe", "minh")


@dataclass(frozen=True)
class Scored:
    intent: str
    score: float


@dataclass(frozen=True)
class Decision:
    """act: do intents[0]; ask: offer intents as choices; refuse: intents[0] is not for this role,
    offer `offers` instead; none: nothing matched, offer `offers`."""

    kind: str
    intents: tuple[str, ...]
    score: float
    offers: tuple[str, ...] = ()


@dataclass
class _Phrase:
    intent: str
    weights: dict[str, float] = field(default_factory=dict)
    total: float = 0.0


class Matcher:
    """The phrase bank, read once into weighted features and an index from feature to phrases."""

    def __init__(self, bank: Mapping[str, Sequence[str]], lexicon: Lexicon) -> None:
        self._abbr = {fold(k): fold(v).split() for k, v in lexicon.abbreviations.items()}
        self._fillers = frozenset(fold(w) for w in lexicon.fillers)
        self._vocab: set[str] = set()
        self._cache: dict[str, tuple[str, ...]] = {}
        token_lists = [(name, self._expand(fold(text))) for name, texts in bank.items() for text in texts]
        for _, tokens in token_lists:
            self._vocab.update(t for t in tokens if t not in self._fillers)
        self._by_initial: dict[str, list[str]] = {}
        for word in sorted(self._vocab):
            self._by_initial.setdefault(word[0], []).append(word)
        features = [(name, _features(self._content(tokens))) for name, tokens in token_lists]
        users: dict[str, set[str]] = {}
        for name, feats in features:
            for feat in feats:
                users.setdefault(feat, set()).add(name)
        count = max(len(bank), 1)
        self._weight = {feat: math.log(1 + count / len(names)) * (PAIR_WEIGHT if " " in feat else 1.0)
                        for feat, names in users.items()}
        self._phrases: list[_Phrase] = []
        self._index: dict[str, list[int]] = {}
        seen: set[tuple[str, frozenset[str]]] = set()
        for name, feats in features:
            if not feats or (name, frozenset(feats)) in seen:
                continue
            seen.add((name, frozenset(feats)))
            phrase = _Phrase(name, {f: self._weight[f] for f in feats})
            phrase.total = sum(phrase.weights.values())
            for feat in feats:
                self._index.setdefault(feat, []).append(len(self._phrases))
            self._phrases.append(phrase)
        self.intents = tuple(bank)

    @property
    def vocabulary(self) -> frozenset[str]:
        return frozenset(self._vocab)

    def tokens(self, text: str) -> list[str]:
        """The message's meaningful syllables, as the bank spells them."""
        return self._content(self._read(fold(text)))

    def rank(self, text: str, priors: Mapping[str, float] | None = None) -> list[Scored]:
        """Every intent the text may mean, best first; `priors` are floors from other readers
        (the "what's due" question reader gives one to "tasks")."""
        feats = _features(self.tokens(text))
        total = sum(self._weight.get(f, 0.0 if " " in f else UNKNOWN_WEIGHT) for f in feats)
        hits: dict[int, float] = {}
        for feat in feats:
            weight = self._weight.get(feat)
            if weight is None:
                continue
            for i in self._index[feat]:
                hits[i] = hits.get(i, 0.0) + weight
        best: dict[str, float] = dict(priors or {})
        for i, hit in hits.items():
            phrase = self._phrases[i]
            score = (hit / phrase.total) * (EXPLAINED_FLOOR + (1 - EXPLAINED_FLOOR) * hit / total)
            if score > best.get(phrase.intent, 0.0):
                best[phrase.intent] = score
        ranked = [Scored(name, round(score, 4)) for name, score in best.items() if score > 0]
        ranked.sort(key=lambda s: (-s.score, s.intent))
        return ranked

    def _content(self, tokens: Sequence[str]) -> list[str]:
        return [t for t in tokens if t not in self._fillers]

    def _expand(self, folded: str) -> list[str]:
        """Bank phrases: abbreviations expanded, nothing guessed."""
        out: list[str] = []
        for token in _TOKEN.findall(folded):
            out.extend(self._abbr.get(token, (token,)))
        return [t for t in out if _meaningful(t)]

    def _read(self, folded: str) -> list[str]:
        out: list[str] = []
        for token in _TOKEN.findall(_ADDRESSES.sub(" ", folded))[:MAX_INPUT_TOKENS]:
            known = self._cache.get(token)
            if known is None:
                known = self._resolve(token)
                if len(self._cache) >= _CACHE_LIMIT:
                    self._cache.clear()
                self._cache[token] = known
            out.extend(known)
        return out

    def _resolve(self, token: str) -> tuple[str, ...]:
        """A typed token as the bank's syllables: itself, its expansion, its parts, or its nearest typo."""
        if token in self._abbr:
            return tuple(self._abbr[token])
        if not _meaningful(token):
            return ()
        if token in self._vocab or token in self._fillers:
            return (token,)
        parts = self._split(token)
        if parts:
            return parts
        if len(token) >= 3 and token.isalpha():
            # A typo seldom changes the first letter: comparing within it is stricter and faster.
            cutoff = 85 if len(token) <= 4 else 80
            found = process.extractOne(token, self._by_initial.get(token[0], []), scorer=fuzz.ratio,
                                       score_cutoff=cutoff)
            if found is not None:
                return (found[0],)
        return (token,)

    def _split(self, token: str) -> tuple[str, ...]:
        """'dangky' → ('dang', 'ky'), 'camon' → ('cam', 'on'): the fewest known parts, each a syllable
        (two letters or more, with a vowel: "bong" is not "bo" + "ng")."""
        if len(token) < 4 or len(token) > 24 or not token.isalpha():
            return ()
        best: list[tuple[str, ...] | None] = [()] + [None] * len(token)
        for end in range(2, len(token) + 1):
            for start in range(0, end - 1):
                head = best[start]
                if head is None:
                    continue
                piece = token[start:end]
                if _VOWELS.isdisjoint(piece):
                    continue
                known = self._abbr.get(piece) or ([piece] if piece in self._vocab or piece in self._fillers else None)
                if known is None:
                    continue
                candidate = (*head, *known)
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
        found = best[len(token)]
        return found if found and len(found) > 1 else ()


def _meaningful(token: str) -> bool:
    """Numbers (dates, phone numbers, task numbers) and single letters carry no intent."""
    return not token.isdecimal() and (len(token) > 1 or not token.isascii())


def _features(tokens: Sequence[str]) -> set[str]:
    feats = set(tokens)
    feats.update(f"{a} {b}" for a, b in itertools.pairwise(tokens) if a != b)
    return feats


def decide(ranked: Sequence[Scored], role: str, intents: Mapping[str, Intent], likely: Sequence[str], *,
           threshold: float = THRESHOLD, margin: float = MARGIN) -> Decision:
    """Act on a clear best match the role may do; ask back when matches with different actions
    are close; refuse (offering what the role can do) when the best match is not for this role;
    otherwise say nothing matched and offer the likeliest actions for the role."""

    def allowed(name: str) -> bool:
        return name in intents and intents[name].action_for(role) is not None

    strong = [s for s in ranked if s.score >= threshold and s.intent in intents]
    if any(intents[s.intent].offer for s in strong):
        # "cảm ơn, cho hỏi link họp": the request is what needs an answer, not the courtesy around it
        strong = [s for s in strong if intents[s.intent].offer]
    if not strong:
        top = ranked[0].score if ranked else 0.0
        return Decision("none", (), top, offers(ranked, role, intents, likely))
    best = strong[0]
    if not allowed(best.intent):
        return Decision("refuse", (best.intent,), best.score, offers(ranked, role, intents, likely, best.intent))
    picks: list[str] = []
    actions: set[str | None] = set()
    for s in strong:
        if best.score - s.score >= margin:
            break
        action = intents[s.intent].action_for(role)
        if action is not None and action not in actions:
            actions.add(action)
            picks.append(s.intent)
    if len(picks) == 1:
        return Decision("act", (best.intent,), best.score)
    return Decision("ask", tuple(picks[:3]), best.score)


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
