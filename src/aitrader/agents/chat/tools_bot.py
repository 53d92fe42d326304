"""Read-only tools over the bot's journal: positions with stop/target, status, risk usage and "why"."""

from __future__ import annotations

from decimal import Decimal

from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.models import DecisionView
from aitrader.agents.chat.tool_io import (
    BalancesIn,
    NoInput,
    PositionLine,
    PositionsIn,
    PositionsOut,
    RiskLine,
    RiskOut,
    StatusOut,
    WhyIn,
    WhyOut,
)
from aitrader.agents.chat.tools_account import get_balances

_HUNDRED = Decimal(100)


def get_positions(ctx: ToolContext, args: PositionsIn) -> PositionsOut:
    symbol = ctx.require_symbol(args.symbol) if args.symbol else None
    lines: list[PositionLine] = []
    total = Decimal(0)
    elsewhere = 0
    for p in ctx.journal.positions():
        if symbol and p.symbol != symbol:
            elsewhere += 1
            continue
        price = ctx.ticker(p.symbol).last if p.symbol in ctx.universe.by_symbol else None
        sign = Decimal(1) if p.side == "BUY" else Decimal(-1)
        unreal = pct = stop_pct = None
        if price is not None:
            unreal = (price - p.entry_price) * p.quantity * sign
            pct = (price / p.entry_price - 1) * _HUNDRED * sign
            total += unreal
            if p.stop_price is not None:
                stop_pct = abs(price - p.stop_price) / price * _HUNDRED
        lines.append(
            PositionLine(
                symbol=p.symbol,
                side=p.side,
                quantity=p.quantity,
                entry_price=p.entry_price,
                stop_price=p.stop_price,
                targets=list(p.targets),
                price=price,
                unrealised=unreal,
                unrealised_pct=pct,
                stop_distance_pct=stop_pct,
            )
        )
    return PositionsOut(positions=lines, total_unrealised=total, symbol=symbol, elsewhere=elsewhere)


def get_bot_status(ctx: ToolContext, _args: NoInput) -> StatusOut:
    return StatusOut(status=ctx.journal.status())


def get_risk_usage(ctx: ToolContext, _args: NoInput) -> RiskOut:
    equity = get_balances(ctx, BalancesIn()).total_value
    lines: list[RiskLine] = []
    unprotected: list[str] = []
    total = Decimal(0)
    for p in ctx.journal.positions():
        if p.stop_price is None:
            unprotected.append(p.symbol)
            lines.append(RiskLine(symbol=p.symbol, risk=None, risk_pct=None))
            continue
        sign = Decimal(1) if p.side == "BUY" else Decimal(-1)
        risk = max(Decimal(0), (p.entry_price - p.stop_price) * p.quantity * sign)
        total += risk
        pct = risk / equity * _HUNDRED if equity > 0 else None
        lines.append(RiskLine(symbol=p.symbol, risk=risk, risk_pct=pct))
    return RiskOut(
        equity=equity,
        lines=lines,
        total_risk=total,
        total_risk_pct=total / equity * _HUNDRED if equity > 0 else Decimal(0),
        per_trade_cap_pct=Decimal(str(ctx.risk_fraction)) * _HUNDRED,
        ceiling_pct=Decimal(str(ctx.risk_ceiling)) * _HUNDRED,
        unprotected=unprotected,
    )


def _matches(d: DecisionView, symbol: str | None, side: str | None) -> bool:
    return (symbol is None or d.symbol == symbol) and (side is None or d.side == side)


def explain_trade(ctx: ToolContext, args: WhyIn) -> WhyOut:
    symbol = ctx.require_symbol(args.symbol) if args.symbol else None
    if args.order_id:
        found = ctx.journal.decision_for_order(args.order_id)
        return WhyOut(decision=found, asked=f"order {args.order_id}", quote=_quote_of(ctx, found))
    asked = " ".join(x for x in ("latest", args.side and args.side.lower(), symbol, "decision") if x)
    decisions = ctx.journal.decisions(200)
    with_orders = [d for d in decisions if d.order_ids and _matches(d, symbol, args.side)]
    pick = with_orders[0] if with_orders else None
    if pick is None:
        any_match = [d for d in decisions if _matches(d, symbol, args.side)]
        pick = any_match[0] if any_match else None
    return WhyOut(decision=pick, asked=asked, quote=_quote_of(ctx, pick))


def _quote_of(ctx: ToolContext, d: DecisionView | None) -> str:
    if d is None:
        return ctx.quote
    return ctx.universe.quote_of(d.symbol) or ctx.quote
