"""Reviewing `Adjust` and `Exit` proposals against an open position: a new plan version.

Exits are never blocked by the circuit breaker or lockouts (they only reduce risk); they are only
refused when there is nothing to close or the venue would refuse the order. A stop may only move
in the protective direction unless both the proposal and the config allow loosening, and then the
loosened stop must still fit the risk budget.
"""

from __future__ import annotations

from decimal import Decimal

from aitrader.domain import Instrument, OrderRequest, OrderType, Side
from aitrader.domain.client_ids import Leg, client_order_id
from aitrader.domain.decimals import to_decimal
from aitrader.domain.instrument import Rounding
from aitrader.domain.plan import OrderPlan, PlanKind, Rejection, RejectionCode
from aitrader.domain.position import Position
from aitrader.domain.proposal import Adjust, Exit
from aitrader.risk.account import AccountState
from aitrader.risk.config import RiskConfig
from aitrader.risk.orders import (
    RefusedError,
    first_failure,
    protective_orders,
    qty_ok,
    round_qty,
    split_targets,
)
from aitrader.risk.sizing import ZERO, unit_risk


def review_change(
    cfg: RiskConfig, p: Adjust | Exit, account: AccountState, inst: Instrument, price: Decimal
) -> OrderPlan | Rejection:
    try:
        pos = account.position(p.symbol)
        if pos is None:
            raise RefusedError(RejectionCode.NO_POSITION, f"no open position in {p.symbol} to change")
        if isinstance(p, Exit):
            return _exit(cfg, p, pos, account, inst, price)
        return _adjust(cfg, p, pos, account, inst, price)
    except RefusedError as r:
        return Rejection(r.code, r.message, p.symbol, account.now_ms, p.strategy)


def _reduce_order(inst: Instrument, pos: Position, qty: Decimal) -> OrderRequest:
    return OrderRequest(
        inst.symbol,
        pos.side.opposite,
        OrderType.MARKET,
        quantity=qty,
        client_order_id=client_order_id(pos.plan_id, pos.plan_version + 1, Leg.EXIT),
    )


def _take(
    inst: Instrument, pos: Position, fraction: float, price: Decimal
) -> tuple[Decimal, Decimal, list[str]]:
    """(qty to sell now, qty left) for taking `fraction` off; closes all when the rest is dust."""
    if fraction >= 1.0:
        return pos.qty, ZERO, []
    part = round_qty(inst, pos.qty * to_decimal(fraction), market=True)
    rest = pos.qty - part
    if not qty_ok(inst, part, price):
        raise RefusedError(
            RejectionCode.BELOW_MIN_NOTIONAL,
            f"taking {fraction:.0%} of {pos.qty} is {part} {inst.base_asset}, too small for the venue",
        )
    if not qty_ok(inst, rest, min(price, pos.stop) if pos.side is Side.BUY else price):
        return pos.qty, ZERO, [f"the remaining {rest} would be too small for the venue: closing it all"]
    return part, rest, []


def _targets_for(inst: Instrument, pos: Position, qty: Decimal) -> list[tuple[Decimal, Decimal]]:
    if not pos.targets or qty <= 0:
        return []
    split, _ = split_targets(inst, qty, [(t.price, t.qty) for t in pos.targets])
    return split


def _plan(
    cfg: RiskConfig,
    kind: PlanKind,
    p: Adjust | Exit,
    pos: Position,
    account: AccountState,
    inst: Instrument,
    price: Decimal,
    reduce_qty: Decimal,
    rest: Decimal,
    stop: Decimal,
    notes: list[str],
) -> OrderPlan:
    version = pos.plan_version + 1
    reduce = _reduce_order(inst, pos, reduce_qty) if reduce_qty > 0 else None
    stop_order = None
    target_orders: tuple[OrderRequest, ...] = ()
    if rest > 0:
        stop_order, target_orders = protective_orders(
            inst, pos.side, rest, stop, _targets_for(inst, pos, rest), pos.plan_id, version
        )
    orders = tuple(o for o in (reduce, stop_order) if o is not None) + target_orders
    failed = first_failure(inst, orders, price)
    if failed is not None:
        order, failure = failed
        raise RefusedError(
            RejectionCode.FILTER_FAILURE, f"{order.type.value} order refused by the venue: {failure}"
        )
    slip = Decimal(str(cfg.slippage))
    unit = unit_risk(pos.side, pos.entry_price, stop, ZERO, account.taker_fee, ZERO, slip)
    risk = max(unit.total * rest, ZERO)
    return OrderPlan(
        plan_id=pos.plan_id,
        version=version,
        kind=kind,
        symbol=pos.symbol,
        side=pos.side,
        quantity=rest,
        entry_price=pos.entry_price,
        stop_price=stop if rest > 0 else None,
        reduce=reduce,
        stop=stop_order,
        targets=target_orders,
        risk_quote=risk,
        risk_fraction=risk / account.equity if account.equity > 0 else ZERO,
        fees_quote=rest * unit.fees,
        slippage_quote=rest * unit.slippage,
        created_ms=account.now_ms,
        strategy=p.strategy,
        rationale=p.rationale,
        evidence=p.evidence,
        notes=tuple(notes),
    )


def _exit(
    cfg: RiskConfig, p: Exit, pos: Position, account: AccountState, inst: Instrument, price: Decimal
) -> OrderPlan:
    part, rest, notes = _take(inst, pos, p.fraction, price)
    return _plan(cfg, PlanKind.CLOSE, p, pos, account, inst, price, part, rest, pos.stop, notes)


def _adjust(
    cfg: RiskConfig, p: Adjust, pos: Position, account: AccountState, inst: Instrument, price: Decimal
) -> OrderPlan:
    sign = pos.side.sign
    stop = pos.stop
    notes: list[str] = []
    if p.new_stop is not None:
        wanted = inst.round_price(
            to_decimal(p.new_stop), Rounding.DOWN if pos.side is Side.BUY else Rounding.UP
        )
        if (price - wanted) * sign <= 0:
            raise RefusedError(
                RejectionCode.STOP_BREACHED,
                f"new stop {wanted} is at or past the current price {price}: exit instead",
            )
        if not pos.stop_is_protective_move(wanted):
            if not (p.allow_loosen and cfg.allow_stop_loosening):
                raise RefusedError(
                    RejectionCode.STOP_LOOSENED,
                    f"moving the stop from {pos.stop} to {wanted} would loosen it (not allowed)",
                )
            unit = unit_risk(
                pos.side, pos.entry_price, wanted, ZERO, account.taker_fee, ZERO, Decimal(str(cfg.slippage))
            )
            budget = Decimal(str(cfg.risk_fraction)) * account.equity
            if unit.total * pos.qty > budget:
                raise RefusedError(
                    RejectionCode.RISK_BUDGET_TOO_SMALL,
                    f"loosening the stop to {wanted} would risk {unit.total * pos.qty:.2f}, over {budget:.2f}",
                )
        stop = wanted
    part, rest = ZERO, pos.qty
    if p.take_fraction is not None:
        part, rest, more = _take(inst, pos, p.take_fraction, price)
        notes.extend(more)
    kind = PlanKind.CLOSE if rest == 0 else PlanKind.ADJUST
    return _plan(cfg, kind, p, pos, account, inst, price, part, rest, stop, notes)
