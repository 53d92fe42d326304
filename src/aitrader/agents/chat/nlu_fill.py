"""How a question's entities and the conversation so far become the Parsed an intent is answered with:
which filters an intent takes, what a follow-up carries over, and when a market must be asked for."""

from __future__ import annotations

from dataclasses import replace

from aitrader.agents.chat.entities import Entities
from aitrader.agents.chat.nlu_words import NEEDS_SYMBOL, OVER_A_PERIOD, WHOLE_ACCOUNT
from aitrader.agents.chat.parsed import Context, Parsed
from aitrader.agents.chat.universe import Universe

# Intents asked over one window: a short question moving between them keeps it ("my trades this week" ->
# "how much did i make": this week's)
_SHARE_A_PERIOD = frozenset({"pnl", "trades", "order_history"})


def fill(
    p: Parsed, ent: Entities, carry: bool, ctx: Context, universe: Universe, brief: bool = False
) -> Parsed:
    """`p`'s intent with the entities of `ent` (and, if `carry`, the conversation's; if `brief`, the
    conversation's period where the question moves to another intent asked over a period)."""
    p.carried = carry
    coin = next((a for a in ent.assets if a not in {ent.quote, universe.quote}), None)
    if p.intent == "account_value" and coin is not None and not ent.whole_account:
        p.intent = "balance"  # "what's my BTC worth in dollars?": that holding, valued
    p.asset = ent.asset
    p.symbol = ent.symbol(universe)
    p.period, p.side, p.order_id = ent.period, ent.side, ent.order_id
    p.amount = str(ent.amount) if ent.amount is not None and p.intent == "price" else None
    p.status = ent.status if p.intent == "order_history" else None
    p.limit = ent.limit if p.intent in {"order_history", "trades"} else None
    p.quote = ent.quote if p.intent == "account_value" else None
    if p.intent == "balance" and p.asset:
        p.symbol = None
    if p.intent in {
        "price",
        "symbol_info",
        "positions",
        "order_lists",
        "open_orders",
        "analysis",
        "balance",
        "why",
    }:
        p.period = None
    if p.intent in WHOLE_ACCOUNT:
        p.asset = p.symbol = None
        p.period = None
        p.side = None
    if p.intent in {
        "positions",
        "order_lists",
        "symbol_info",
        "analysis",
        "price",
        "balance",
        "pnl",
        "why_not",
    }:
        p.side = None if p.intent != "why" else p.side
    if carry:
        if p.asset is None and p.symbol is None and p.intent not in {"account_value", "bot_status", "risk"}:
            p.asset, p.symbol = ctx.asset, ctx.symbol
            if p.intent == "balance":
                p.symbol = None
        same = p.intent == ctx.intent
        # "why was it rejected?" after the rejected orders of a window asks of that order, not the window
        # ... and an order named by its id is looked up alone: "and look up order 7710293345"
        keeps = p.intent in OVER_A_PERIOD and not (
            p.intent == "why_not" and ctx.intent in {"order_history", "pnl"}
        )
        keeps = keeps and not (ent.order_id and p.intent == "order_history")
        p.period = p.period or (ctx.period if keeps else None)
        p.side = p.side or (ctx.side if (same or p.intent == "why") and not ent.every_side else None)
        p.order_id = p.order_id or (ctx.order_id if p.intent in {"why", "order_history"} else None)
        if same and p.intent == "price" and p.amount is None and ent.same_amount:
            p.amount = ctx.amount  # "and the same quantity of eth?"
        if same and not (ent.order_id and p.intent == "order_history"):
            p.status = p.status or ctx.status
            p.limit = p.limit or (None if ent.every_side else ctx.limit)
    elif (
        brief
        and p.period is None
        and p.limit is None
        and p.intent in _SHARE_A_PERIOD
        and ctx.intent in _SHARE_A_PERIOD - {p.intent}
    ):
        p.period = ctx.period
    if (
        p.intent in NEEDS_SYMBOL
        and p.symbol is None
        and ctx.symbol
        and (p.asset is None or p.asset == universe.quote)
    ):
        p.symbol = ctx.symbol
        p.asset = p.asset or ctx.asset
    if p.intent in NEEDS_SYMBOL and p.symbol is None:
        examples = ", ".join(sorted(universe.by_symbol)[:4])
        what = {"price": "price", "symbol_info": "trading rules", "analysis": "analysis"}[p.intent]
        return replace(
            p,
            intent="clarify",
            question=f"Which symbol's {what}? For example {examples}.",
            options=[p.intent],
        )
    return p
