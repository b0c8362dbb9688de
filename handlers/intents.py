"""The intent layer: plain words outside any flow reach the flow or the answer they mean, for the
writer's role. Rules: domain/intents.py; words: handlers/texts/intents_vi.py and intents_en.py.

It runs after the FREE_TEXT handlers (a typed invite code) and never sees text that belongs to a
flow, a number answering a choice list, or a command: the engine hands those to their owners
first. "What's due" questions come through here too: the question reader (domain/questions.py)
gives "tasks" a floor score unless a phrase of another intent matches, so "cập nhật tiến độ nhiệm
vụ" reaches /capnhat (not the task list) and "quý 4 có việc gì" still gets the tasks of Quý IV.

Logged at debug level: the decision, the intents and the score, never the text (a message may
hold a name or a phone number).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from domain.intents import Decision, Intent, Lexicon, Matcher, Scored, decide, offers, with_floor
from domain.questions import Period, quarter_of, read_tasks_question
from handlers import registry
from handlers.engine import end_flow, route, set_state
from handlers.permissions import ORGANISER_ROLES, need_member, note_refused
from handlers.tasks import answer as tasks_answer
from handlers.texts import intents_en, intents_vi, t
from handlers.texts.vi import COMMANDS as COMMAND_WORDS
from handlers.texts.vi import ROLE_NAMES
from handlers.types import Choice, Ctx, Inbound, Reply

log = logging.getLogger(__name__)

FLOW = "intent"
CHOICE = "i:"  # choice keys of this layer: "i:<intent>"
TASKS_PRIOR = 0.66  # a question the tasks reader recognises, unless a phrase of another intent matches
_LEADING_MARKS = re.compile(r"^\W+")


@dataclass(frozen=True)
class Bank:
    """The intents whose actions exist now, and the matcher over their phrases."""

    intents: dict[str, Intent]
    matcher: Matcher


_BANKS: dict[frozenset[str], Bank] = {}


def _available(action: str) -> bool:
    if action.startswith("/"):
        name = action[1:]
        return registry.ALIASES.get(name, name) in registry.COMMANDS
    return action in registry.ANSWERS


def bank() -> Bank:
    """Built once per set of registered commands and answers: a flow that registers its command
    later makes its intent matchable without a line of code here."""
    key = frozenset(registry.COMMANDS) | frozenset(f"={name}" for name in registry.ANSWERS)
    built = _BANKS.get(key)
    if built is None:
        built = _BANKS[key] = build_bank()
    return built


def build_bank() -> Bank:
    intents: dict[str, Intent] = {}
    for intent in intents_vi.INTENTS:
        act = {who: action for who, action in intent.act.items() if _available(action)}
        if act:
            phrases = intent.phrases + intents_en.PHRASES.get(intent.name, ())
            intents[intent.name] = replace(intent, act=act, phrases=phrases)
    lexicon = Lexicon({**intents_en.ABBREVIATIONS, **intents_vi.LEXICON.abbreviations},
                      intents_vi.LEXICON.fillers | intents_en.FILLERS, intents_vi.LEXICON.compounds)
    return Bank(intents, Matcher({name: intent.phrases for name, intent in intents.items()}, lexicon))


def role_of(ctx: Ctx) -> str:
    return ctx.identity.member.role if ctx.identity is not None else "guest"


def read(text: str, role: str, now: datetime) -> tuple[Decision, Period | None]:
    """What `text` means for `role`: the decision, and the period when it reads as a tasks question."""
    current = bank()
    period = read_tasks_question(text, now) if "tasks" in current.intents else None
    ranked = current.matcher.rank(text)
    if period is not None:
        ranked = with_floor(ranked, "tasks", TASKS_PRIOR)
    if not ranked and "greeting" in current.intents and current.matcher.calls(text, intents_vi.CALLS):
        ranked = [Scored("greeting", 1.0)]
    return decide(ranked, role, current.intents, intents_vi.LIKELY.get(role, ())), period


@registry.understand
async def understand(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """Free text outside any flow: act on it, ask back, refuse with alternatives, or offer the likeliest."""
    role = role_of(ctx)
    decision, period = read(inbound.text or "", role, ctx.now.astimezone(ctx.tz))
    log.debug("intent %s %s score=%.2f role=%s", decision.kind, "/".join(decision.intents) or "-",
              decision.score, role)
    if period is not None:
        ctx.extras["intent_period"] = period
    intents = bank().intents
    if decision.kind == "act":
        return await run(ctx, intents[decision.intents[0]])
    if decision.kind == "ask":
        return offer(ctx, t("intent_ask"), decision.intents)
    if decision.kind == "refuse":
        return offer(ctx, refusal(ctx, intents[decision.intents[0]]), decision.offers)
    return offer(ctx, t("intent_not_understood"), decision.offers)


async def run(ctx: Ctx, intent: Intent) -> list[Reply]:
    """Carry out the intent's action for this role: its command's first step, or its direct answer."""
    action = intent.action_for(role_of(ctx))
    if action is None:
        return offer(ctx, refusal(ctx, intent), usual(ctx))
    if ctx.state.flow == FLOW:
        end_flow(ctx)
    if action.startswith("/"):
        name = registry.ALIASES.get(action[1:], action[1:])
        return await registry.COMMANDS[name](ctx, Inbound(command=name))
    return await registry.ANSWERS[action](ctx, Inbound())


def label(intent: Intent) -> str:
    """The words of a choice: the bank's label, else the command's description in /help."""
    if intent.label:
        return intent.label
    commands = [a[1:] for a in intent.act.values() if a.startswith("/")]
    return next((COMMAND_WORDS[c] for c in commands if c in COMMAND_WORDS), intent.name)


def offer(ctx: Ctx, text: str, names: tuple[str, ...]) -> list[Reply]:
    """`text` with the intents `names` as choices; a choice pressed later runs that intent."""
    intents = bank().intents
    choices = [Choice(CHOICE + name, label(intents[name])) for name in names if name in intents]
    if choices:
        period = ctx.extras.get("intent_period")
        set_state(ctx, FLOW, "offer", {"period": _period_data(period)} if isinstance(period, Period) else {})
    return [Reply(text, choices)]


def usual(ctx: Ctx) -> tuple[str, ...]:
    """The role's usual actions, as the choices of a greeting or a refusal."""
    role = role_of(ctx)
    return offers((), role, bank().intents, intents_vi.LIKELY.get(role, ()))


def refusal(ctx: Ctx, intent: Intent) -> str:
    """Not "chưa hiểu": what was asked, who may do it, and (as choices) what this person can do.

    The attempt is audited, as a refused command is."""
    if ctx.identity is None:
        return t("intent_need_invite")
    note_refused(ctx, f"intent:{intent.name}")
    what = _LEADING_MARKS.sub("", label(intent))
    organisers = any(intent.action_for(role) for role in ORGANISER_ROLES)
    return t("intent_refused", what=what, who=t("not_allowed_organizer") if organisers else t("intent_who_units"))


@registry.flow(FLOW)
async def offered(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """A choice this layer offered; anything else typed instead is read afresh."""
    stored = ctx.data.get("period")
    end_flow(ctx)
    if not (inbound.choice and inbound.choice.startswith(CHOICE)):
        return await route(inbound, ctx)
    intent = bank().intents.get(inbound.choice[len(CHOICE):])
    if intent is None:
        return [Reply(t("stale_choice"))]
    if isinstance(stored, dict):
        ctx.extras["intent_period"] = _period_from(stored)
    return await run(ctx, intent)


def _period_data(period: Period) -> dict[str, Any]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.label,
            "due_only": period.due_only}


def _period_from(data: dict[str, Any]) -> Period:
    return Period(datetime.fromisoformat(data["start"]), datetime.fromisoformat(data["end"]), data["label"],
                  bool(data.get("due_only")))


# Direct answers that need no storage beyond who is writing.

@registry.answer("greeting")
async def greeting(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """A warm hello with what this person can do, by role."""
    if ctx.identity is None:
        return offer(ctx, t("intent_greet_guest"), usual(ctx))
    member = ctx.identity.member
    examples = t("intent_examples_organiser" if member.role in ORGANISER_ROLES else "intent_examples_unit")
    text = t("intent_greet", name=member.full_name.split()[-1], role=ROLE_NAMES[member.role],
             unit=ctx.identity.unit.name)
    return offer(ctx, f"{text}\n{examples}", usual(ctx))


@registry.answer("thanks")
async def thanks(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """You're welcome, and what else the bot can do."""
    return offer(ctx, t("intent_thanks"), usual(ctx))


@registry.answer("ack")
async def ack(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """'ok', 'vâng', '👍': a short nod, no menu."""
    return [Reply(t("intent_ack"))]


@registry.answer("import_doc")
async def import_doc(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """Plans and letters come in as files: say how."""
    return [Reply(t("intent_import_howto"))]


@registry.answer("tasks")
async def tasks(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """The unit's work for the period the question named (this quarter when it named none)."""
    ident = need_member(ctx)
    if isinstance(ident, list):
        return ident
    period = ctx.extras.get("intent_period")
    if not isinstance(period, Period):
        period = quarter_of(ctx.now.astimezone(ctx.tz).date())
    return await tasks_answer(ctx, period)
