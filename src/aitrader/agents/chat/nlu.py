"""Offline understanding: intent (nearest example) + entities (venue lists, rules) + conversation
context, with a clarifying question instead of a guess when unsure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from aitrader.agents.chat.entities import Entities, extract
from aitrader.agents.chat.matcher import PLACEHOLDERS, IntentMatcher, Match
from aitrader.agents.chat.periods import Period
from aitrader.agents.chat.text import PERIOD_WORDS, STOPWORDS, tokens
from aitrader.agents.chat.universe import Universe
from aitrader.agents.chat.unlisted import unlisted_names, unlisted_reply

MIN_SCORE = 0.40  # below this the best example is too far: ask
MIN_MARGIN = 0.04  # top two intents this close: ask which one
NEEDS_SYMBOL = frozenset({"price", "symbol_info"})
# Intents that narrow to one symbol when given one: an unlisted name there gets "isn't listed" too.
TAKES_SYMBOL = NEEDS_SYMBOL | {
    "open_orders",
    "order_lists",
    "order_history",
    "trades",
    "pnl",
    "positions",
    "why",
}

_TRADE_START = re.compile(
    r"^\s*(?:(?:please|pls|plz|ok|now|go|can you|could you|i want to|i'd like to|i wanna|let's|lets)\s+)*"
    r"(?:buy|sell|long|short|cancel|close|place|move|modify|amend|change|set|put|submit|execute|liquidate|"
    r"dump|market\s+(?:buy|sell)|exit|open\s+a)\b"
)
_TRADE_ANYWHERE = re.compile(
    r"\b(?:place|submit|execute|send|put in|create)\s+(?:a|an|the|my|new|\s)*(?:limit|market|stop|oco)?\s*"
    r"(?:buy|sell|order)|\bcancel\s+(?:all|my|the|every|that|it|order|orders)\b|"
    r"\bclose\s+(?:all|my|the|every)\b.*\bpositions?\b|\bmove\s+(?:my|the)\s+(?:stop|target)|"
    r"\bignore\s+(?:your|all|the|previous|prior)\s+(?:rules|instructions)"
)
_FOLLOW_UP = re.compile(r"^\s*(?:and|what about|how about|same for|same with|also|just|only|now|ok and)\b")


@dataclass
class Context:
    """What the conversation has established so far."""

    intent: str | None = None
    asset: str | None = None
    symbol: str | None = None
    period: Period | None = None
    side: str | None = None
    order_id: str | None = None
    pending: str | None = None  # an intent waiting for the symbol the last clarification asked for


@dataclass
class Parsed:
    intent: str  # an intent, or "clarify", "out_of_scope", "trade_request"
    asset: str | None = None
    symbol: str | None = None
    period: Period | None = None
    side: str | None = None
    order_id: str | None = None
    amount: str | None = None
    question: str = ""  # the clarifying question (intent "clarify"), or the reply (intent "unlisted")
    match: Match | None = None
    options: list[str] = field(default_factory=list)

    def entities(self) -> dict[str, str]:
        out = {
            "asset": self.asset,
            "symbol": self.symbol,
            "order_id": self.order_id,
            "side": self.side,
            "amount": self.amount,
            "period": self.period.label if self.period else None,
        }
        return {k: v for k, v in out.items() if v is not None}


def _matcher_words(text: str, ent: Entities) -> list[str]:
    words = []
    for w in tokens(text):
        if w in ent.spans or w.upper() in ent.symbols:
            words.append("xcoin")
        elif ent.period is not None and w in PERIOD_WORDS:
            continue
        elif ent.order_id is not None and w == ent.order_id:
            words.append("xid")
        elif ent.amount is not None and w == str(ent.amount):
            words.append("xamount")
        else:
            words.append(w)
    if ent.period is not None:
        words.append("xperiod")
    return words


_LABELS = {
    "balance": "your balances",
    "open_orders": "open orders",
    "order_lists": "OCO order lists",
    "order_history": "order history",
    "positions": "the bot's positions",
    "trades": "your trades",
    "pnl": "profit and loss",
    "price": "a price",
    "symbol_info": "a symbol's trading rules",
    "bot_status": "the bot's status",
    "risk": "risk usage",
    "why": "why a trade was made",
    "help": "what I can do",
}


class Understanding:
    def __init__(self, universe: Universe, matcher: IntentMatcher | None = None) -> None:
        self.universe = universe
        self.matcher = matcher or IntentMatcher()
        self.context = Context()

    def parse(self, text: str, now_ms: int) -> Parsed:
        parsed = self._unlisted(text, self._parse(text, now_ms))
        self._remember(parsed)
        return parsed

    def _unlisted(self, text: str, p: Parsed) -> Parsed:
        """A question about a ticker the venue does not list is answered with that, not guessed."""
        intent = p.options[0] if p.intent == "clarify" and len(p.options) == 1 else p.intent
        if intent not in TAKES_SYMBOL or p.symbol is not None:
            return p
        if p.asset is not None and p.asset != self.universe.quote:
            return p
        names = unlisted_names(text, self.universe).names(include_weak=intent in NEEDS_SYMBOL)
        if not names:
            return p
        return Parsed("unlisted", question=unlisted_reply(names, self.universe), match=p.match)

    def _parse(self, text: str, now_ms: int) -> Parsed:
        low = text.lower().strip()
        ent = extract(low, self.universe, now_ms)
        if _TRADE_START.search(low) or _TRADE_ANYWHERE.search(low):
            return Parsed("trade_request")
        words = _matcher_words(low, ent)
        content = [w for w in words if w not in STOPWORDS]
        only_entities = bool(content) and all(w in PLACEHOLDERS for w in content)
        ctx = self.context
        follow_up = bool(_FOLLOW_UP.search(low))
        match = self.matcher.match(words)
        has_entities = bool(ent.assets or ent.symbols or ent.period or ent.order_id or ent.side)

        # An answer to our own clarifying question ("Which symbol?" -> "eth").
        if ctx.pending and (ent.assets or ent.symbols) and (only_entities or match.score < MIN_SCORE):
            return self._fill(Parsed(ctx.pending, match=match), ent, carry=False)
        # A follow-up that only changes an entity ("and ETH?", "only the sells", "same for sol").
        if (
            ctx.intent
            and (follow_up or only_entities)
            and has_entities
            and (
                only_entities
                or match.score < MIN_SCORE
                or (follow_up and (match.intent == ctx.intent or match.domain_words <= 1))
            )
        ):
            return self._fill(Parsed(ctx.intent, match=match), ent, carry=True)
        if only_entities:
            what = ent.asset or (ent.symbols[0] if ent.symbols else "that")
            return Parsed(
                "clarify",
                question=f"What would you like to know about {what}: its price, your balance, or open orders?",
                options=["price", "balance", "open_orders"],
                match=match,
            )
        if match.domain_words == 0 and not has_entities:
            if ent.backref or follow_up:
                return Parsed(
                    "clarify",
                    question="Could you say what you want to know? For example: "
                    "'what is my BTC balance?' or 'open orders on ETHUSDT'.",
                    match=match,
                )
            return Parsed("out_of_scope", match=match)
        if match.score < MIN_SCORE or (match.margin < MIN_MARGIN and match.runner_up_score > 0):
            if not has_entities and match.domain_words * 2 < max(match.content_words, 2):
                return Parsed("out_of_scope", match=match)
            a, b = _LABELS[match.intent], _LABELS[match.runner_up]
            return Parsed(
                "clarify",
                question=f"Do you mean {a} or {b}?",
                options=[match.intent, match.runner_up],
                match=match,
            )
        return self._fill(Parsed(match.intent, match=match), ent, carry=ent.backref or follow_up)

    def _fill(self, p: Parsed, ent: Entities, carry: bool) -> Parsed:
        ctx = self.context
        p.asset = ent.asset
        p.symbol = ent.symbol(self.universe)
        p.period, p.side, p.order_id = ent.period, ent.side, ent.order_id
        p.amount = str(ent.amount) if ent.amount is not None else None
        if p.intent == "balance" and p.asset:
            p.symbol = None
        if carry:
            if p.asset is None and p.symbol is None:
                p.asset, p.symbol = ctx.asset, ctx.symbol
                if p.intent == "balance":
                    p.symbol = None
            p.period = p.period or ctx.period
            p.side = p.side or (ctx.side if p.intent == ctx.intent or p.intent == "why" else None)
            p.order_id = p.order_id or (ctx.order_id if p.intent in {"why", "order_history"} else None)
        if p.intent in NEEDS_SYMBOL and p.symbol is None:
            if p.asset and p.asset == self.universe.quote:
                p.symbol = None
            examples = ", ".join(sorted(self.universe.by_symbol)[:4])
            what = "price" if p.intent == "price" else "trading rules"
            return replace(
                p,
                intent="clarify",
                question=f"Which symbol's {what}? For example {examples}.",
                options=[p.intent],
            )
        return p

    def _remember(self, p: Parsed) -> None:
        ctx = self.context
        if p.intent == "clarify":
            ctx.pending = p.options[0] if len(p.options) == 1 else None
            return
        ctx.pending = None
        if p.intent in {"out_of_scope", "trade_request", "help", "unlisted"}:
            return
        if p.intent != ctx.intent:
            ctx.period = None
            ctx.side = None
        ctx.intent = p.intent
        if p.asset or p.symbol:
            ctx.asset = p.asset or (self.universe.base_of(p.symbol) if p.symbol else None)
            ctx.symbol = p.symbol or (self.universe.symbol_for(p.asset) if p.asset else None)
        ctx.period = p.period or ctx.period
        ctx.side = p.side or ctx.side
        ctx.order_id = p.order_id or ctx.order_id
