"""Read-only tools that combine sources: the account's total value in a chosen currency, and why the bot
did not trade (the gate's rejections, the last trade and the bot's state)."""

from __future__ import annotations

from decimal import Decimal

from aitrader.agents.chat.context import STABLE_QUOTES, ToolContext
from aitrader.agents.chat.models import DecisionView
from aitrader.agents.chat.rejections import headline, is_rejected, tally
from aitrader.agents.chat.sources import RejectionSource, SourceError
from aitrader.agents.chat.tool_io import (
    AccountValueIn,
    AccountValueOut,
    BalancesIn,
    WhyNotIn,
    WhyNotOut,
)
from aitrader.agents.chat.tools_account import get_balances, period_of

_DECISIONS_READ = 200
_REJECTIONS_READ = 200  # the newest refusals searched for the one to lead with


def get_account_value(ctx: ToolContext, args: AccountValueIn) -> AccountValueOut:
    """Every holding priced in the venue's quote, summed, then converted when another currency is asked."""
    bal = get_balances(ctx, BalancesIn())
    want = (args.quote or ctx.quote).upper()
    if want in {"USD", "DOLLAR", "DOLLARS"} or (want in STABLE_QUOTES and ctx.quote in STABLE_QUOTES):
        want = ctx.quote
    total, rate = bal.total_value, None
    if want != ctx.quote:
        sym = ctx.universe.symbol_for(want, ctx.quote)
        if sym is None or ctx.universe.quote_of(sym) != ctx.quote:
            raise SourceError(f"this venue has no {want}/{ctx.quote} market to value the account in {want}")
        rate = ctx.ticker(sym).last
        total = bal.total_value / rate if rate else Decimal(0)
    return AccountValueOut(
        quote=want,
        total=total,
        base_quote=ctx.quote,
        base_total=bal.total_value,
        lines=bal.lines,
        unpriced=bal.unpriced,
        rate=rate,
    )


def _approved(d: DecisionView) -> bool:
    return d.verdict.lower().startswith("approv")


def explain_no_trade(ctx: ToolContext, args: WhyNotIn) -> WhyNotOut:
    """The gate's refusals in the period (or the latest ones), the one to lead with, the refusals by
    symbol and reason, the newest approved trade and the bot state."""
    symbol = ctx.require_symbol(args.symbol) if args.symbol else None
    period = period_of(ctx, args.period, None)
    decisions = [d for d in ctx.journal.decisions(_DECISIONS_READ) if symbol is None or d.symbol == symbol]
    since, until = (period.since_ms, period.until_ms) if period is not None else (None, None)
    journal = ctx.journal
    if isinstance(journal, RejectionSource):  # searched in the journal: older refusals too
        rejected = journal.rejections(symbol, since, until, _REJECTIONS_READ)
        by_symbol = journal.rejection_tally(symbol, since, until)
    else:
        inside = [d for d in decisions if period is None or period.contains(d.time_ms)]
        rejected = [d for d in inside if is_rejected(d)]
        by_symbol = tally(rejected)
    lead = headline(rejected)
    if period is None:
        rejected = rejected[:5]
    last_trade = next((d for d in decisions if _approved(d)), None)
    return WhyNotOut(
        symbol=symbol,
        period=period.label if period else None,
        rejected=rejected,
        last_trade=last_trade,
        status=ctx.journal.status(),
        headline=lead,
        by_symbol=by_symbol,
    )
