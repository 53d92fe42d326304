"""The market-analysis tool: recent candles from the venue, read by the same code as `analyze` and
`decide` (trend, regime, levels, the strategy's view and what would make it enter)."""

from __future__ import annotations

from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.tool_io import AnalysisIn, AnalysisOut


def get_market_analysis(ctx: ToolContext, args: AnalysisIn) -> AnalysisOut:
    """The journal's strategy when the bot has run (else the configured one) on its timeframe; the
    venue's still-forming bar is left out."""
    from aitrader.agents.chat.market_view import bars_needed, market_view
    from aitrader.agents.chat.market_view_text import market_view_text
    from aitrader.domain.timeframe import Timeframe

    symbol = ctx.require_symbol(args.symbol)
    strategy = ctx.journal.status().strategy or ctx.strategy
    timeframe = Timeframe.parse(ctx.interval)
    candles = ctx.account.candles(symbol, ctx.interval, bars_needed(strategy, timeframe))
    view = market_view(candles, strategy, now_ms=ctx.now_ms())
    return AnalysisOut(view=view, text=market_view_text(view))
