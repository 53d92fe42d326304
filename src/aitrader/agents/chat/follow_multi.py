"""A follow-up to an answer in several parts asks each part again: "how much sol do I have and what's it
at?" -> "same for eth" (ETH's balance and price), "my pnl and trades this week" -> "and yesterday?",
"only btc for both"."""

from __future__ import annotations

import re
from dataclasses import replace

from aitrader.agents.chat.entities import extract
from aitrader.agents.chat.nlu_split import ask_key
from aitrader.agents.chat.nlu_words import NO_MARKET, OVER_A_PERIOD, WHOLE_ACCOUNT
from aitrader.agents.chat.parsed import Parsed
from aitrader.agents.chat.universe import Universe
from aitrader.agents.chat.wording import plain_words

_SIDED = frozenset({"trades", "order_history", "open_orders"})
_BRIEF = 7  # words: a longer message is a question of its own, not a change to the last answer's filters
_SOME_PARTS = re.compile(
    r"\b(?:only|just)\s+(?:the\s+)?(?:first|second|last)\b|\b(?:the\s+)?(?:first|second)\s+one\b"
)


def each_part(
    asked: list[Parsed], parsed: Parsed, text: str, universe: Universe, now_ms: int
) -> list[Parsed]:
    """The parts of the last answer (`asked`) with what the follow-up `parsed` changed, when `parsed` is a
    brief follow-up that kept the last part's question; otherwise []."""
    if len(asked) < 2 or not parsed.carried or parsed.intent != asked[-1].intent:
        return []
    low = plain_words(text.lower().strip())
    if len(low.split()) > _BRIEF or _SOME_PARTS.search(low):
        return []
    ent = extract(low, universe, now_ms)
    coin = ent.coin(universe)
    if coin is not None and coin not in universe.assets:
        return []  # a coin the venue lacks: answered as such, on its own
    coins = {p.coin(universe) for p in asked}
    if coin is not None and len(coins) > 1:
        return []  # "my usdt balance and any open orders" -> "only the sol ones": the orders, narrowed
    if coin is None and ent.period is None and ent.side is None and ent.status is None:
        return []
    out = []
    for p in asked:
        q = replace(p, parts=[], carried=True)
        if coin is not None and p.intent not in WHOLE_ACCOUNT:
            q.asset = coin
            q.symbol = None if p.intent in NO_MARKET else universe.symbol_for(coin)
        if ent.period is not None and p.intent in OVER_A_PERIOD:
            q.period = ent.period
        if ent.side is not None and p.intent in _SIDED:
            q.side = ent.side
        if ent.status is not None and p.intent == "order_history":
            q.status = ent.status
        out.append(q)
    keys = {ask_key(q) for q in out}
    if any(ask_key(q) == ask_key(p) for p, q in zip(asked, out, strict=True)):
        return []  # "and since monday?" after the bot's status and today's pnl: a question of the pnl alone
    return out if len(keys) == len(out) else []  # "btc and eth balances" -> "and sol?": one question
