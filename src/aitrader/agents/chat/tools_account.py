"""Read-only tools over the exchange account: balances, orders, trades and P&L, prices, symbol rules."""

from __future__ import annotations

from decimal import Decimal

from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.models import OrderView, TradeView
from aitrader.agents.chat.periods import Period, parse_period
from aitrader.agents.chat.pnl import realised_pnl
from aitrader.agents.chat.sources import SourceError
from aitrader.agents.chat.tool_io import (
    BalanceLine,
    BalancesIn,
    BalancesOut,
    HistoryIn,
    HistoryOut,
    OrderListsIn,
    OrderListsOut,
    OrdersIn,
    OrdersOut,
    PnlLine,
    SymbolIn,
    SymbolOut,
    TickerIn,
    TickerOut,
    TradesIn,
    TradesOut,
)

MAX_SYMBOLS_SCANNED = 12


def get_balances(ctx: ToolContext, args: BalancesIn) -> BalancesOut:
    want = None
    if args.asset:
        want = ctx.universe.asset(args.asset) or args.asset.upper()
    lines: list[BalanceLine] = []
    unpriced: list[str] = []
    total = Decimal(0)
    for b in ctx.account.balances():
        if want is not None and b.asset != want:
            continue
        if want is None and b.total == 0:
            continue
        value = ctx.value_in_quote(b.asset, b.total)
        if value is None:
            unpriced.append(b.asset)
        else:
            total += value
        lines.append(BalanceLine(asset=b.asset, free=b.free, locked=b.locked, total=b.total, value=value))
    if want is not None and not lines:
        lines.append(
            BalanceLine(asset=want, free=Decimal(0), locked=Decimal(0), total=Decimal(0), value=None)
        )
    lines.sort(key=lambda x: -(x.value or Decimal(0)))
    return BalancesOut(quote=ctx.quote, lines=lines, total_value=total, unpriced=unpriced)


def _symbol_or_none(ctx: ToolContext, text: str | None) -> str | None:
    return ctx.require_symbol(text) if text else None


def get_open_orders(ctx: ToolContext, args: OrdersIn) -> OrdersOut:
    symbol = _symbol_or_none(ctx, args.symbol)
    orders = ctx.account.open_orders(symbol)
    if args.side:
        orders = [o for o in orders if o.side == args.side]
    return OrdersOut(
        symbol=symbol, orders=sorted(orders, key=lambda o: (o.symbol, o.time_ms)), side=args.side
    )


def get_order_lists(ctx: ToolContext, args: OrderListsIn) -> OrderListsOut:
    symbol = _symbol_or_none(ctx, args.symbol)
    lists = [x for x in ctx.account.open_order_lists() if symbol is None or x.symbol == symbol]
    return OrderListsOut(lists=lists)


def scanned_symbols(ctx: ToolContext, symbol: str | None) -> list[str]:
    """The symbols to scan when none is named: every market when the venue lists a handful (a coin sold
    out still has its history and P&L), else the bot's positions, the markets it decided on and those
    of the assets held."""
    if symbol:
        return [symbol]
    if len(ctx.universe.by_symbol) <= MAX_SYMBOLS_SCANNED:
        return sorted(ctx.universe.by_symbol)
    found: list[str] = []
    for d in ctx.journal.decisions(50):
        if d.symbol in ctx.universe.by_symbol and d.symbol not in found:
            found.append(d.symbol)
    for p in ctx.journal.positions():
        if p.symbol in ctx.universe.by_symbol and p.symbol not in found:
            found.append(p.symbol)
    for b in sorted(ctx.account.balances(), key=lambda x: x.asset):
        if b.total == 0 or b.asset == ctx.quote:
            continue
        sym = ctx.universe.symbol_for(b.asset, ctx.quote)
        if sym and sym not in found:
            found.append(sym)
    return found[:MAX_SYMBOLS_SCANNED]


def period_of(ctx: ToolContext, text: str | None, default: str | None) -> Period | None:
    """The period a tool argument names (or `default`); SourceError for one nobody could read."""
    label = text or default
    if label is None:
        return None
    period = parse_period(label, ctx.now_ms())
    if period is None:
        raise SourceError(f"I don't understand the period {label!r} (try today, this week, last 24h)")
    return period


def get_order_history(ctx: ToolContext, args: HistoryIn) -> HistoryOut:
    symbol = _symbol_or_none(ctx, args.symbol)
    period = period_of(ctx, args.period, None)
    orders: list[OrderView] = []
    for sym in scanned_symbols(ctx, symbol):
        for o in ctx.account.orders(sym, period.since_ms if period else None):
            if period and not period.contains(o.time_ms):
                continue
            if args.order_id and o.order_id != args.order_id:
                continue
            if args.side and o.side != args.side:
                continue
            if args.status and o.status != args.status:
                continue
            orders.append(o)
    orders.sort(key=lambda o: o.time_ms, reverse=True)
    matched = len(orders)
    return HistoryOut(
        period=period.label if period else None,
        orders=orders[: args.limit] if args.limit else orders,
        status=args.status,
        limit=args.limit,
        matched=matched,
    )


def get_trades(ctx: ToolContext, args: TradesIn) -> TradesOut:
    symbol = _symbol_or_none(ctx, args.symbol)
    period = period_of(ctx, args.period, "all time")
    assert period is not None
    trades: list[TradeView] = []
    lines: list[PnlLine] = []
    totals: dict[str, Decimal] = {}
    for sym in scanned_symbols(ctx, symbol):
        info = ctx.symbol_view(sym)
        history = ctx.account.trades(sym, None)
        inside = [t for t in history if period.contains(t.time_ms)]
        trades.extend(t for t in inside if args.side is None or t.side == args.side)
        if not inside:
            continue
        pnl = realised_pnl(history, info.base, info.quote, period.since_ms, period.until_ms)
        lines.append(
            PnlLine(symbol=sym, quote=info.quote, realised=pnl.realised, fees=pnl.fees, trades=pnl.trades)
        )
        totals[info.quote] = totals.get(info.quote, Decimal(0)) + pnl.realised
    trades.sort(key=lambda t: t.time_ms, reverse=True)
    matched = len(trades)
    if args.limit:
        trades = trades[: args.limit]
    return TradesOut(
        period=period.label,
        trades=trades,
        pnl=lines,
        total_realised=totals,
        limit=args.limit,
        matched=matched,
    )


def get_ticker(ctx: ToolContext, args: TickerIn) -> TickerOut:
    symbol = ctx.require_symbol(args.symbol)
    info = ctx.symbol_view(symbol)
    ticker = ctx.ticker(symbol)
    value = args.amount * ticker.last if args.amount is not None else None
    return TickerOut(ticker=ticker, base=info.base, quote=info.quote, amount=args.amount, amount_value=value)


def get_symbol_info(ctx: ToolContext, args: SymbolIn) -> SymbolOut:
    return SymbolOut(info=ctx.symbol_view(ctx.require_symbol(args.symbol)))
