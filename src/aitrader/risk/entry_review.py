"""Reviewing an `Enter` proposal: checks, rounding, sizing by the risk budget, venue validation.

The size is the smallest of the caps: the risk budget (and, by `RiskConfig.sizing`, the volatility
budget or the volatility target), the portfolio caps of `risk.portfolio_limits` (position value,
symbol, total and correlated exposure), the free balance and the venue's maximum quantity. A cap
that leaves no room for the venue's minimum refuses the entry with its own code; one that only makes
the size smaller leaves a note on the plan. The targets must clear `RiskConfig.min_reward_risk` net
of fees and slippage (`risk.sizing.net_reward_risk`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

from aitrader.domain import Instrument, OrderRequest, OrderType, Side, TimeInForce
from aitrader.domain.client_ids import Leg, client_order_id
from aitrader.domain.decimals import to_decimal
from aitrader.domain.instrument import Rounding
from aitrader.domain.plan import OrderPlan, PlanKind, Rejection, RejectionCode
from aitrader.domain.proposal import Enter, EntryType
from aitrader.risk.account import AccountState
from aitrader.risk.config import RiskConfig, Sizing
from aitrader.risk.orders import RefusedError as _Reject
from aitrader.risk.orders import first_failure, protective_orders, round_qty, split_targets
from aitrader.risk.portfolio_limits import Cap, exposure_caps
from aitrader.risk.sizing import ZERO, net_reward_risk, reward_risk, target_costs, unit_risk


class AccountLock(Protocol):
    """An account-level lock on entries (the circuit breaker, the drawdown halt)."""

    def check(self, account: AccountState) -> tuple[RejectionCode, str] | None: ...


def plan_id_for(p: Enter) -> str:
    return f"{p.symbol[:12]}{p.time_ms}{'L' if p.side is Side.BUY else 'S'}"


def review_entry(
    cfg: RiskConfig,
    locks: Sequence[AccountLock],
    p: Enter,
    account: AccountState,
    instrument: Instrument,
    price: Decimal,
) -> OrderPlan | Rejection:
    try:
        return _review(cfg, locks, p, account, instrument, price)
    except _Reject as r:
        return Rejection(r.code, r.message, p.symbol, account.now_ms, p.strategy)


def _review(
    cfg: RiskConfig,
    locks: Sequence[AccountLock],
    p: Enter,
    account: AccountState,
    inst: Instrument,
    price: Decimal,
) -> OrderPlan:
    side, sign = p.side, p.side.sign
    if inst.status != "TRADING":
        raise _Reject(RejectionCode.INSTRUMENT_NOT_TRADING, f"{inst.symbol} is {inst.status}, not TRADING")
    if side is Side.SELL and not inst.allows_short:
        raise _Reject(RejectionCode.SHORT_NOT_ALLOWED, f"{inst.symbol} is spot: it cannot be sold short")
    if price <= 0:
        raise _Reject(RejectionCode.INVALID_PROPOSAL, f"current price {price} is not positive")
    ref = p.entry_price
    if (ref - p.stop) * sign <= 0:
        raise _Reject(RejectionCode.INVALID_PROPOSAL, f"stop {p.stop} is not on the losing side of {ref}")
    if any((t.price - ref) * sign <= 0 for t in p.targets):
        raise _Reject(RejectionCode.INVALID_PROPOSAL, f"a target is not on the winning side of {ref}")
    if account.position(p.symbol) is not None:
        raise _Reject(RejectionCode.POSITION_EXISTS, f"a position in {p.symbol} is already open")
    if len(account.positions) >= cfg.max_open_positions:
        raise _Reject(
            RejectionCode.MAX_OPEN_POSITIONS,
            f"{len(account.positions)} positions open (max {cfg.max_open_positions})",
        )
    verdicts = [lock.check(account) for lock in locks]  # every lock sees the account (trip times)
    locked = next((v for v in verdicts if v is not None), None)
    if locked is not None:
        raise _Reject(*locked)
    moved = abs(price - to_decimal(p.price)) / to_decimal(p.price)
    if moved > Decimal(str(cfg.max_price_move)):
        raise _Reject(
            RejectionCode.PRICE_MOVED,
            f"price moved {moved:.3%} from the decision price {p.price} to {price} "
            f"(guard {cfg.max_price_move:.3%})",
        )

    # ---- rounding: every price rounded so that it never adds risk --------------------------------
    is_market = p.entry_type is EntryType.MARKET
    if is_market:
        entry = price
    else:
        entry = inst.round_price(to_decimal(ref), Rounding.DOWN if side is Side.BUY else Rounding.UP)
    stop = inst.round_price(to_decimal(p.stop), Rounding.DOWN if side is Side.BUY else Rounding.UP)
    if stop <= 0:
        raise _Reject(RejectionCode.INVALID_PROPOSAL, f"stop {p.stop} rounds to {stop}, not a valid price")
    if (price - stop) * sign <= 0:
        raise _Reject(RejectionCode.STOP_BREACHED, f"price {price} is already at or past the stop {stop}")
    if (entry - stop) * sign <= 0:
        raise _Reject(
            RejectionCode.INVALID_PROPOSAL, f"stop {stop} is not on the losing side of entry {entry}"
        )
    targets = [
        (
            inst.round_price(to_decimal(t.price), Rounding.DOWN if side is Side.BUY else Rounding.UP),
            to_decimal(t.fraction),
        )
        for t in p.targets
    ]
    if any((t - entry) * sign <= 0 for t, _ in targets):
        raise _Reject(
            RejectionCode.REWARD_RISK_TOO_LOW, f"a target is no longer beyond the entry price {entry}"
        )
    # ---- costs: the loss at the stop and the net reward at the targets, fees and slippage in ------
    fee_in = account.taker_fee if is_market else account.maker_fee
    slip = Decimal(str(cfg.slippage))
    slip_in = slip if is_market else ZERO
    unit = unit_risk(side, entry, stop, fee_in, account.taker_fee, slip_in, slip)
    # the targets rest as limit orders (`protective_orders`): the maker fee, no slippage
    rr = net_reward_risk(side, entry, targets, fee_in, account.maker_fee, slip_in, unit)
    if rr < cfg.min_reward_risk:
        gross = reward_risk(side, entry, stop, [(t, float(f)) for t, f in targets])
        costs = target_costs(side, entry, targets, fee_in, account.maker_fee, slip_in)
        raise _Reject(
            RejectionCode.REWARD_RISK_TOO_LOW,
            f"net reward:risk {rr:.2f} is below the minimum {cfg.min_reward_risk} (gross {gross:.2f} "
            f"before fees and slippage: {costs:.2%} of the entry price on the way to the targets, "
            f"{(unit.fees + unit.slippage) / entry:.2%} at the stop)",
        )

    # ---- sizing ----------------------------------------------------------------------------------
    budget = Decimal(str(cfg.risk_fraction)) * account.equity
    entry_fill = entry * (1 + sign * slip_in)
    qty_risk = budget / unit.total
    caps = [Cap(qty_risk, RejectionCode.RISK_BUDGET_TOO_SMALL, "risk budget")]
    if cfg.sizing is Sizing.VOLATILITY and p.atr:
        caps.append(
            Cap(
                budget / (Decimal(str(cfg.vol_atr_multiple)) * to_decimal(p.atr)),
                RejectionCode.RISK_BUDGET_TOO_SMALL,
                "volatility budget",
            )
        )
    if cfg.sizing is Sizing.VOL_TARGET and p.volatility is not None:
        # the position's notional x the symbol's volatility = equity x the target volatility
        notional = account.equity * Decimal(str(cfg.vol_target)) / to_decimal(p.volatility)
        why = (
            f"volatility target: {p.symbol} moves {p.volatility:.0%} a year, so a {cfg.vol_target:.0%} "
            f"target allows {notional:.2f} {inst.quote_asset} of it"
        )
        caps.append(Cap(notional / entry_fill, RejectionCode.RISK_BUDGET_TOO_SMALL, "volatility target", why))
    caps.extend(exposure_caps(cfg, p, account, max(entry, entry_fill)))
    if side is Side.BUY:
        caps.append(
            Cap(
                account.free_quote / (entry_fill * (1 + fee_in)),
                RejectionCode.INSUFFICIENT_BALANCE,
                "free quote balance",
            )
        )
    if inst.max_qty > 0:
        caps.append(Cap(inst.max_qty, RejectionCode.FILTER_FAILURE, "LOT_SIZE maxQty"))
    if is_market and inst.market_max_qty > 0:
        caps.append(Cap(inst.market_max_qty, RejectionCode.FILTER_FAILURE, "MARKET_LOT_SIZE maxQty"))
    binding = min(caps, key=lambda c: c.qty)  # the first of equal caps
    qty = round_qty(inst, max(binding.qty, ZERO), is_market)

    notes: list[str] = []
    if binding.name != "risk budget" and qty > 0:
        notes.append(f"size capped by the {binding.name} (the risk budget alone allowed {qty_risk:.8f})")
    prices_checked = [entry, stop, *(t for t, _ in targets)]
    min_q = (
        max(inst.min_qty_for_notional(x) for x in prices_checked)
        if inst.min_notional > 0 or inst.min_qty > 0
        else ZERO
    )
    if qty <= 0 and min_q <= 0:
        raise _Reject(binding.code, binding.refusal(inst.base_asset, None))
    if qty < min_q:
        need = round_qty(inst, min_q, is_market)
        if need < min_q:  # the market step rounded it below the minimum: the venue check decides
            need = min_q
        if need > qty_risk:
            raise _Reject(
                RejectionCode.BELOW_MIN_NOTIONAL,
                f"the venue's minimum order ({need} {inst.base_asset}) would lose "
                f"{(need * unit.total):.2f} {inst.quote_asset} at the stop, over the "
                f"{budget:.2f} budget ({cfg.risk_fraction:.2%} of equity)",
            )
        for cap in caps:
            if need > cap.qty:
                raise _Reject(cap.code, cap.refusal(inst.base_asset, need))
        if qty > 0:
            notes.append(f"sized up from {qty} to the venue minimum {need} (still within risk)")
        qty = need

    risk = qty * unit.total
    if risk > budget:  # cannot happen by construction; never let it through
        raise _Reject(RejectionCode.RISK_BUDGET_TOO_SMALL, f"plan would risk {risk} > budget {budget}")

    # ---- orders ----------------------------------------------------------------------------------
    plan_id = plan_id_for(p)
    split, split_notes = split_targets(inst, qty, [(t, f) for t, f in targets])
    notes.extend(split_notes)
    if is_market:
        entry_order = OrderRequest(
            inst.symbol,
            side,
            OrderType.MARKET,
            quantity=qty,
            client_order_id=client_order_id(plan_id, 1, Leg.ENTRY),
        )
    else:
        entry_order = OrderRequest(
            inst.symbol,
            side,
            OrderType.LIMIT,
            quantity=qty,
            price=entry,
            time_in_force=TimeInForce.GTC,
            client_order_id=client_order_id(plan_id, 1, Leg.ENTRY),
        )
    stop_order, target_orders = protective_orders(inst, side, qty, stop, split, plan_id, 1)
    failed = first_failure(inst, (entry_order, stop_order, *target_orders), price)
    if failed is not None:
        order, failure = failed
        raise _Reject(
            RejectionCode.FILTER_FAILURE, f"{order.type.value} order refused by the venue rules: {failure}"
        )
    return OrderPlan(
        plan_id=plan_id,
        version=1,
        kind=PlanKind.OPEN,
        symbol=p.symbol,
        side=side,
        quantity=qty,
        entry_price=entry,
        stop_price=stop,
        entry=entry_order,
        stop=stop_order,
        targets=target_orders,
        risk_quote=risk,
        risk_fraction=risk / account.equity if account.equity > 0 else ZERO,
        fees_quote=qty * unit.fees,
        slippage_quote=qty * unit.slippage,
        reward_risk=rr,
        created_ms=account.now_ms,
        strategy=p.strategy,
        rationale=p.rationale,
        evidence=p.evidence,
        notes=tuple(notes),
    )
