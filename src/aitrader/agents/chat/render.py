"""Plain-language replies (and tables) from tool outputs. Every figure comes from a tool result."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aitrader.agents.chat import fmt
from aitrader.agents.chat.answer import Table
from aitrader.agents.chat.models import OrderView
from aitrader.agents.chat.render_insight import account_value, analysis, debate, why_not
from aitrader.agents.chat.tool_io import (
    AccountValueOut,
    AnalysisOut,
    BalancesOut,
    DebateOut,
    HistoryOut,
    OrderListsOut,
    OrdersOut,
    PositionsOut,
    RiskOut,
    StatusOut,
    SymbolOut,
    TickerOut,
    ToolOutput,
    TradesOut,
    WhyNotOut,
    WhyOut,
)
from aitrader.agents.chat.why_text import why

Rendered = tuple[str, Table | None]


def _orders_table(title: str, orders: list[OrderView]) -> Table:
    dp = fmt.places_by((o.symbol, v) for o in orders for v in (o.quantity, o.filled))
    rows = [
        [
            o.order_id,
            o.symbol,
            o.side,
            o.type,
            fmt.price(o.price or o.stop_price),
            fmt.qty(o.quantity, decimals=dp[o.symbol]),
            fmt.qty(o.filled, decimals=dp[o.symbol]),
            o.status,
            fmt.when(o.time_ms),
        ]
        for o in orders
    ]
    return Table(
        title=title,
        columns=["id", "symbol", "side", "type", "price", "qty", "filled", "status", "time"],
        rows=rows,
    )


def balances(out: BalancesOut) -> Rendered:
    if len(out.lines) == 1:
        b = out.lines[0]
        dp = fmt.places((b.free, b.locked, b.total))
        value = (
            f", worth {fmt.money(b.value)} {out.quote}"
            if b.value is not None and b.asset != out.quote
            else ""
        )
        text = (
            f"Your {b.asset} balance is {fmt.qty(b.total, b.asset, dp)} "
            f"(free: {fmt.qty(b.free, b.asset, dp)}, locked: {fmt.qty(b.locked, b.asset, dp)}){value}."
        )
        return text, None
    if not out.lines:
        return "The account holds no assets.", None
    rows = [
        [
            b.asset,
            *(
                fmt.qty(v, b.asset, fmt.places((b.free, b.locked, b.total)))
                for v in (b.free, b.locked, b.total)
            ),
            fmt.money(b.value),
        ]
        for b in out.lines
    ]
    text = f"You hold {len(out.lines)} assets, worth {fmt.money(out.total_value)} {out.quote} in total."
    if out.unpriced:
        text += f" No {out.quote} price for: {', '.join(out.unpriced)}."
    return text, Table(
        title="Balances", columns=["asset", "free", "locked", "total", f"value ({out.quote})"], rows=rows
    )


def open_orders(out: OrdersOut) -> Rendered:
    where = f" on {out.symbol}" if out.symbol else ""
    side = f"{out.side} " if out.side else ""
    if not out.orders:
        return f"You have no open {side}orders{where}.", None
    n = len(out.orders)
    text = f"You have {n} open {side}order{'s' if n > 1 else ''}{where}."
    return text, _orders_table("Open orders", out.orders)


def order_lists(out: OrderListsOut) -> Rendered:
    if not out.lists:
        return "There are no open order lists (OCO brackets).", None
    rows = [
        [
            str(x.order_list_id),
            x.symbol,
            x.contingency_type,
            x.status,
            ", ".join(x.order_ids),
            fmt.when(x.time_ms),
        ]
        for x in out.lists
    ]
    return (
        f"{len(out.lists)} open order list(s).",
        Table(
            title="Open order lists",
            columns=["list id", "symbol", "type", "status", "orders", "time"],
            rows=rows,
        ),
    )


def order_history(out: HistoryOut) -> Rendered:
    when = f" {out.period}" if out.period else ""
    status = f"{out.status.lower().replace('_', ' ')} " if out.status else ""
    if not out.orders:
        return f"No {status}orders found{when}.", None
    if len(out.orders) > 1 and out.limit and out.matched > len(out.orders):
        return (
            f"The {len(out.orders)} newest of {out.matched} {status}orders{when}.",
            _orders_table("Order history", out.orders),
        )
    if len(out.orders) == 1:
        o = out.orders[0]
        dp = fmt.places((o.quantity, o.filled))
        return (
            f"Order {o.order_id}: {o.side} {fmt.qty(o.quantity, decimals=dp)} {o.symbol} {o.type} at "
            f"{fmt.price(o.price)}, {o.status} (filled {fmt.qty(o.filled, decimals=dp)}) on {fmt.when(o.time_ms)}.",
            _orders_table("Order", out.orders),
        )
    return f"{len(out.orders)} {status}orders{when}.", _orders_table("Order history", out.orders)


def trades(out: TradesOut) -> Rendered:
    shown = out.trades[:50]
    dp = fmt.places_by((t.symbol, t.quantity) for t in shown)
    fee_dp = fmt.places_by((t.commission_asset, t.commission) for t in shown)
    rows = [
        [
            t.trade_id,
            t.order_id,
            t.symbol,
            t.side,
            fmt.price(t.price),
            fmt.qty(t.quantity, decimals=dp[t.symbol]),
            f"{fmt.qty(t.commission, t.commission_asset, fee_dp[t.commission_asset])} {t.commission_asset}",
            fmt.when(t.time_ms),
        ]
        for t in shown
    ]
    table = Table(
        title=f"Trades ({out.period})",
        columns=["trade", "order", "symbol", "side", "price", "qty", "fee", "time"],
        rows=rows,
    )
    if not out.trades:
        return f"No trades {out.period}.", None
    if out.limit:
        newest = "Your last trade" if len(out.trades) == 1 else f"Your {len(out.trades)} most recent trades"
        t = out.trades[0]
        text = f"{newest} ({out.matched} {out.period}): " if out.matched > len(out.trades) else f"{newest}: "
        text += (
            f"{t.side} {fmt.qty(t.quantity)} {t.symbol} at {fmt.price(t.price)} on {fmt.when(t.time_ms)}."
            if len(out.trades) == 1
            else f"newest {t.side} {fmt.qty(t.quantity)} {t.symbol} at {fmt.price(t.price)} on {fmt.when(t.time_ms)}."
        )
        return text, table
    return f"{len(out.trades)} trade(s) {out.period}. " + pnl_sentence(out), table


def pnl_sentence(out: TradesOut) -> str:
    if not out.total_realised:
        return f"Nothing was realised {out.period}."
    parts = [f"{fmt.signed(v)} {q}" for q, v in out.total_realised.items()]
    return f"Realised P&L {out.period}: {', '.join(parts)} (fees included)."


def pnl(out: TradesOut) -> Rendered:
    if not out.pnl:
        return f"No trades {out.period}, so no realised P&L.", None
    verdict = ""
    if len(out.total_realised) == 1:
        total = next(iter(out.total_realised.values()))
        verdict = (
            "Yes, we made money. " if total > 0 else "No, we lost money. " if total < 0 else "We broke even. "
        )
    rows = [[x.symbol, str(x.trades), fmt.signed(x.realised), fmt.money(x.fees), x.quote] for x in out.pnl]
    return verdict + pnl_sentence(out), Table(
        title=f"Realised P&L ({out.period})",
        columns=["symbol", "trades", "realised", "fees", "quote"],
        rows=rows,
    )


def ticker(out: TickerOut) -> Rendered:
    t = out.ticker
    text = f"{t.symbol} is at {fmt.price(t.last)} {out.quote}"
    if t.change_pct is not None:
        text += f" ({fmt.pct(t.change_pct)} in 24h; high {fmt.price(t.high)}, low {fmt.price(t.low)}"
        text += f", volume {fmt.qty(t.base_volume)} {out.base})" if t.base_volume is not None else ")"
    text += "."
    if out.amount is not None and out.amount_value is not None:
        text += (
            f" {fmt.qty(out.amount, out.base)} {out.base} is worth {fmt.money(out.amount_value)} {out.quote}."
        )
    return text, None


def symbol_info(out: SymbolOut) -> Rendered:
    s = out.info
    text = (
        f"{s.symbol} ({s.base}/{s.quote}, {s.status}): tick size {fmt.price(s.tick_size)}, "
        f"step size {fmt.qty(s.step_size)}, min quantity {fmt.qty(s.min_qty)} {s.base}, "
        f"min notional {fmt.price(s.min_notional)} {s.quote}."
    )
    return text, None


def positions(out: PositionsOut) -> Rendered:
    if not out.positions:
        if out.symbol:
            others = f"; {out.elsewhere} open on other symbols" if out.elsewhere else ""
            return f"The bot has no open position on {out.symbol}{others}.", None
        return "The bot has no open positions.", None
    dp = fmt.places_by((p.symbol, p.quantity) for p in out.positions)
    rows = [
        [
            p.symbol,
            p.side,
            fmt.qty(p.quantity, decimals=dp[p.symbol]),
            fmt.price(p.entry_price),
            fmt.price(p.price),
            fmt.price(p.stop_price),
            ", ".join(fmt.price(x) for x in p.targets) or "-",
            fmt.signed(p.unrealised),
            fmt.pct(p.unrealised_pct),
            fmt.pct(p.stop_distance_pct).lstrip("+"),
        ]
        for p in out.positions
    ]
    if len(out.positions) == 1:
        p = out.positions[0]
        text = (
            f"{p.symbol}: {p.side} {fmt.qty(p.quantity)} from {fmt.price(p.entry_price)}, now {fmt.price(p.price)}; "
            f"stop {fmt.price(p.stop_price)}, target {', '.join(fmt.price(x) for x in p.targets) or '-'}; "
            f"unrealised {fmt.signed(p.unrealised)} ({fmt.pct(p.unrealised_pct)})."
        )
    else:
        text = f"{len(out.positions)} open positions, unrealised {fmt.signed(out.total_unrealised)} in total."
    cols = ["symbol", "side", "qty", "entry", "price", "stop", "targets", "unrealised", "%", "to stop"]
    return text, Table(title="Positions", columns=cols, rows=rows)


def status(out: StatusOut) -> Rendered:
    s = out.status
    what = " ".join(x for x in (s.mode, s.symbol) if x)
    run = s.run_id or ""
    detail = ", ".join(x for x in (s.strategy, what) if x)
    run_text = f"{run} ({detail})" if run and detail else run or detail
    if s.running:
        text = "The bot is running" + (f": {run_text}" if run_text else "")
        text += f"; last candle {fmt.when(s.last_candle_ms)}."
    else:
        text = "The bot is not running"
        if run_text:
            ended = s.run_status or "stopped"
            text += f"; last run {run_text} {ended}"
            text += f" at {fmt.when(s.finished_ms)}" if s.finished_ms else ""
        text += f"; last candle {fmt.when(s.last_candle_ms)}." if s.last_candle_ms else "."
    d = s.last_decision
    if d is not None:
        text += f" Last proposal: {d.kind} {d.side} {d.symbol} at {fmt.when(d.time_ms)}; risk gate: {d.verdict or 'pending'}"
        text += f" ({d.verdict_reason})." if d.verdict_reason else "."
    if s.note:
        text += f" {s.note[0].upper()}{s.note[1:]}."
    return text, None


def risk(out: RiskOut) -> Rendered:
    text = (
        f"Open risk is {fmt.money(out.total_risk)} ({out.total_risk_pct:.2f}% of equity {fmt.money(out.equity)}); "
        f"the cap is {out.per_trade_cap_pct:.2f}% per trade, hard ceiling {out.ceiling_pct:.0f}%."
    )
    if out.unprotected:
        text += f" Positions without a stop: {', '.join(out.unprotected)}."
    if not out.lines:
        text = f"No open positions, so nothing is at risk (equity {fmt.money(out.equity)}; cap {out.per_trade_cap_pct:.2f}% per trade)."
        return text, None
    rows = [
        [x.symbol, fmt.money(x.risk), "-" if x.risk_pct is None else f"{x.risk_pct:.2f}%"] for x in out.lines
    ]
    return text, Table(
        title="Risk in open positions", columns=["symbol", "risk at stop", "% of equity"], rows=rows
    )


RENDERERS: dict[type[ToolOutput], Callable[[Any], Rendered]] = {
    BalancesOut: balances,
    OrdersOut: open_orders,
    OrderListsOut: order_lists,
    HistoryOut: order_history,
    PositionsOut: positions,
    StatusOut: status,
    RiskOut: risk,
    SymbolOut: symbol_info,
    TickerOut: ticker,
    WhyOut: why,
    AccountValueOut: account_value,
    WhyNotOut: why_not,
    AnalysisOut: analysis,
    DebateOut: debate,
}


def render(out: ToolOutput, intent: str) -> Rendered:
    if isinstance(out, TradesOut):
        return pnl(out) if intent == "pnl" else trades(out)
    return RENDERERS[type(out)](out)
