"""The allow-list of chat tools: name, description, typed input, function. All read-only; there is no
tool that places, cancels or changes an order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from aitrader.agents.chat import tools_account as acc
from aitrader.agents.chat import tools_analysis as analysis
from aitrader.agents.chat import tools_bot as bot
from aitrader.agents.chat import tools_debate as debate
from aitrader.agents.chat import tools_insight as insight
from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.tool_io import (
    AccountValueIn,
    AnalysisIn,
    BalancesIn,
    DebateIn,
    HistoryIn,
    NoInput,
    OrderListsIn,
    OrdersIn,
    PositionsIn,
    SymbolIn,
    TickerIn,
    ToolInput,
    ToolOutput,
    TradesIn,
    WhyIn,
    WhyNotIn,
)


class ToolRejectedError(ValueError):
    """A tool name outside the allow-list, or arguments the tool's schema refuses."""


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    input_model: type[ToolInput]
    fn: Callable[[ToolContext, Any], ToolOutput]

    def openai_schema(self) -> dict[str, Any]:
        params = self.input_model.model_json_schema()
        params.pop("title", None)
        return {
            "type": "function",
            "function": {"name": self.name, "description": self.description, "parameters": params},
        }


TOOLS: dict[str, Tool] = {
    t.name: t
    for t in (
        Tool(
            "get_balances",
            "Balances per asset (free, locked) and total value in the quote currency.",
            BalancesIn,
            acc.get_balances,
        ),
        Tool(
            "get_account_value",
            "The whole account's value: every holding priced, summed, in USDT or another listed currency.",
            AccountValueIn,
            insight.get_account_value,
        ),
        Tool(
            "get_open_orders",
            "Open (resting, unfilled) orders, optionally for one symbol or side.",
            OrdersIn,
            acc.get_open_orders,
        ),
        Tool(
            "get_order_lists",
            "Open order lists (OCO brackets: stop-loss + take-profit).",
            OrderListsIn,
            acc.get_order_lists,
        ),
        Tool(
            "get_order_history",
            "Past orders over a period or by order id; filter by side or final status, or keep the newest N.",
            HistoryIn,
            acc.get_order_history,
        ),
        Tool(
            "get_trades",
            "Fills (executed trades) over a period, optionally the newest N, and the realised P&L, fees included.",
            TradesIn,
            acc.get_trades,
        ),
        Tool(
            "get_ticker",
            "Current price and 24h stats (open, high, low, change, volume) of a symbol.",
            TickerIn,
            acc.get_ticker,
        ),
        Tool(
            "get_symbol_info",
            "Trading rules of a symbol: tick size, step size, min quantity, min notional.",
            SymbolIn,
            acc.get_symbol_info,
        ),
        Tool(
            "get_market_analysis",
            "Market analysis of a symbol from recent candles: trend, regime, indicators, support and "
            "resistance, the strategy's view and what would make it enter.",
            AnalysisIn,
            analysis.get_market_analysis,
        ),
        Tool(
            "get_positions",
            "The bot's open positions with entry, stop, targets and unrealised P&L.",
            PositionsIn,
            bot.get_positions,
        ),
        Tool(
            "get_bot_status",
            "Whether the bot runs, its last candle, last proposal and the risk verdict.",
            NoInput,
            bot.get_bot_status,
        ),
        Tool(
            "get_risk_usage",
            "Risk in open positions (loss if every stop is hit) against the risk cap.",
            NoInput,
            bot.get_risk_usage,
        ),
        Tool(
            "explain_trade",
            "Why a trade happened: rationale, evidence and risk-gate verdict from the journal.",
            WhyIn,
            bot.explain_trade,
        ),
        Tool(
            "explain_no_trade",
            "Why the bot did not trade, overall or on one symbol: the risk gate's rejections with code and "
            "reason (e.g. correlated exposure with another symbol held), the one to lead with and its figures, "
            "rejections counted by symbol and code, the last trade, the bot's state.",
            WhyNotIn,
            insight.explain_no_trade,
        ),
        Tool(
            "get_debate",
            "What a slow decider deliberated, from the journal: a bull/bear debate (each analyst's report with "
            "its figures, what the bull and the bear argued round by round, the arbiter's verdict with its "
            "conviction against the threshold) or the LLM adviser's verdict and reasoning. Newest first; "
            "narrow by symbol and role (bull, bear, arbiter, analysts, adviser).",
            DebateIn,
            debate.get_debate,
        ),
    )
}


def validate_call(name: str, arguments: dict[str, Any]) -> tuple[Tool, ToolInput]:
    """The tool and its validated input, or ToolRejectedError (unknown name, bad or extra arguments)."""
    tool = TOOLS.get(name)
    if tool is None:
        raise ToolRejectedError(f"no tool named {name!r}; allowed: {', '.join(TOOLS)}")
    try:
        args = tool.input_model.model_validate(arguments)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'arguments'}: {e['msg']}"
            for e in exc.errors(include_input=False, include_url=False)
        )
        raise ToolRejectedError(f"bad arguments for {name}: {problems}") from None
    return tool, args


def run_tool(ctx: ToolContext, name: str, arguments: dict[str, Any]) -> ToolOutput:
    tool, args = validate_call(name, arguments)
    return tool.fn(ctx, args)
