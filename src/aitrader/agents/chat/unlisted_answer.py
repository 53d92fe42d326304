"""The reply to a question about an asset the venue does not list: what the account holds of it (a
wallet can hold an asset no market trades here) and that nothing else exists for it on this venue."""

from __future__ import annotations

from aitrader.agents.chat import fmt
from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.parsed import Parsed
from aitrader.agents.chat.unlisted import base_name, listed_hint

_NOTHING = {
    "open_orders": "so you have no open orders on it",
    "order_lists": "so there are no OCO lists on it",
    "order_history": "so there is no order history for it",
    "trades": "so there are no trades in it",
    "pnl": "so there is no P&L in it",
    "positions": "so the bot holds no position in it",
    "why": "so the bot never traded it",
    "why_not": "so the bot can't trade it",
    "price": "so I have no price for it",
    "symbol_info": "so it has no trading rules here",
    "analysis": "so I have no market data to analyse it",
}


def unlisted_answer(ctx: ToolContext, p: Parsed) -> str:
    names = p.unlisted or ([p.asset] if p.asset else [])
    listed = f"listed: {listed_hint(ctx.universe)}."
    if p.asked == "balance" and len(names) == 1:
        name = base_name(names[0])  # "how much DOGEUSDT do i have": DOGE
        held = next((b for b in ctx.account.balances() if b.asset == name and b.total > 0), None)
        if held is None:
            return f"You hold no {name}: {name} isn't listed on this venue; {listed}"
        return (
            f"You hold {fmt.qty(held.total, name)} {name} (free {fmt.qty(held.free, name)}, locked "
            f"{fmt.qty(held.locked, name)}), but {name} isn't listed on this venue, so I can't price it; {listed}"
        )
    what = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    verb = "isn't" if len(names) == 1 else "aren't"
    tail = _NOTHING.get(p.asked or "", "")
    return f"{what} {verb} listed on this venue{', ' + tail if tail else ''}; {listed}"
