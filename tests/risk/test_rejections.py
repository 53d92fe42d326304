"""One test per rejection reason, plus the config ceiling and the approved plan's shape."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import msgspec
import pytest
from pydantic import ValidationError
from risk_helpers import account, long_at

from aitrader.domain import Instrument, OrderType, Side
from aitrader.domain.plan import OrderPlan, PlanKind, Rejection, RejectionCode
from aitrader.domain.position import Position
from aitrader.domain.proposal import Enter, Target
from aitrader.risk import RiskConfig, RiskGate, Sizing


def _code(result: OrderPlan | Rejection) -> RejectionCode:
    assert isinstance(result, Rejection), result
    assert result.message  # always a sentence
    return result.code


def _pos(symbol: str = "BTCUSDT", qty: str = "0.1", entry: str = "25000", stop: str = "24800") -> Position:
    return Position(
        symbol, Side.BUY, Decimal(qty), Decimal(entry), Decimal(stop), plan_id="P1", plan_version=1
    )


def test_risk_fraction_above_the_ceiling_is_refused_at_construction() -> None:
    with pytest.raises(ValidationError, match="hard ceiling"):
        RiskConfig(risk_fraction=0.11)
    assert RiskConfig(risk_fraction=0.10).risk_fraction == 0.10
    assert RiskConfig().risk_fraction == 0.01


def test_approved_plan_risks_one_percent_with_fees_and_slippage(instrument: Instrument) -> None:
    cfg = RiskConfig(max_position_fraction=1.0, max_symbol_exposure=1.0)
    plan = RiskGate(cfg).review(long_at(25_000, 24_500), account(10_000), instrument, 25_000)
    assert isinstance(plan, OrderPlan)
    assert plan.kind is PlanKind.OPEN
    assert plan.version == 1
    assert plan.risk_quote <= Decimal(100)
    assert plan.risk_quote > Decimal(99)  # the budget is used, not wasted (one step less than 100)
    assert plan.fees_quote > 0
    assert plan.slippage_quote > 0
    assert plan.entry is not None
    assert plan.entry.type is OrderType.MARKET
    assert plan.stop is not None
    assert plan.stop.type is OrderType.STOP_LOSS
    assert plan.stop.side is Side.SELL
    assert [t.quantity for t in plan.targets] == [plan.quantity / 2, plan.quantity / 2]
    assert len({o.client_order_id for o in plan.orders}) == len(plan.orders)


def test_short_on_spot(instrument: Instrument) -> None:
    p = Enter("BTCUSDT", Side.SELL, 25_000, 25_200, (Target(24_500),), 0.5, "short", 1)
    assert _code(RiskGate().review(p, account(), instrument, 25_000)) is RejectionCode.SHORT_NOT_ALLOWED


def test_short_works_where_the_instrument_allows_it(instrument: Instrument) -> None:
    p = Enter("BTCUSDT", Side.SELL, 25_000, 25_200, (Target(24_500),), 0.5, "short", 1)
    plan = RiskGate().review(p, account(), replace(instrument, allows_short=True), 25_000)
    assert isinstance(plan, OrderPlan)
    assert plan.side is Side.SELL
    assert plan.stop is not None
    assert plan.stop.side is Side.BUY


def test_instrument_not_trading(instrument: Instrument) -> None:
    halted = replace(instrument, status="BREAK")
    assert (
        _code(RiskGate().review(long_at(), account(), halted, 25_000)) is RejectionCode.INSTRUMENT_NOT_TRADING
    )


def test_invalid_proposal_stop_above_long_entry(instrument: Instrument) -> None:
    p = Enter("BTCUSDT", Side.BUY, 25_000, 25_100, (Target(26_000),), 0.5, "bad", 1)
    assert _code(RiskGate().review(p, account(), instrument, 25_000)) is RejectionCode.INVALID_PROPOSAL


def test_price_moved_past_the_guard(instrument: Instrument) -> None:
    assert (
        _code(RiskGate().review(long_at(25_000), account(), instrument, 25_200)) is RejectionCode.PRICE_MOVED
    )


def test_stop_breached(instrument: Instrument) -> None:
    cfg = RiskConfig(max_price_move=0.05)
    result = RiskGate(cfg).review(long_at(25_000, 24_900), account(), instrument, 24_850)
    assert _code(result) is RejectionCode.STOP_BREACHED


def test_reward_risk_too_low(instrument: Instrument) -> None:
    result = RiskGate().review(long_at(rr=(1.0,)), account(), instrument, 25_000)
    assert _code(result) is RejectionCode.REWARD_RISK_TOO_LOW


def test_risk_budget_too_small_for_one_step() -> None:
    whole_units = Instrument("XUSDT", "X", "USDT", tick_size=Decimal("0.01"), step_size=Decimal(1))
    p = Enter("XUSDT", Side.BUY, 100, 90, (Target(130),), 0.5, "x", 1)
    assert _code(RiskGate().review(p, account(100), whole_units, 100)) is RejectionCode.RISK_BUDGET_TOO_SMALL


def test_below_min_notional_when_the_minimum_order_would_exceed_the_risk(instrument: Instrument) -> None:
    # 1% of 50 USDT = 0.5 USDT budget; a 5 USDT minimum order with a 20% stop loses 1 USDT
    p = long_at(25_000, 20_000)
    result = RiskGate(RiskConfig(max_position_fraction=1, max_symbol_exposure=1)).review(
        p, account(50), instrument, 25_000
    )
    assert _code(result) is RejectionCode.BELOW_MIN_NOTIONAL


def test_sized_up_to_min_notional_when_still_within_risk(instrument: Instrument) -> None:
    # budget 10% of 100 = 10 USDT; qty by risk 0.00003 BTC -> 0.75 USDT notional, below 5 USDT minimum
    cfg = RiskConfig(risk_fraction=0.1, max_position_fraction=1, max_symbol_exposure=1, slippage=0)
    p = long_at(25_000, 24_000)
    plan = RiskGate(cfg).review(
        p, account(100, taker_fee=Decimal(0), maker_fee=Decimal(0)), instrument, 25_000
    )
    assert isinstance(plan, OrderPlan)
    assert plan.quantity * Decimal(25_000) >= instrument.min_notional
    assert plan.risk_quote <= Decimal(10)


def test_insufficient_balance(instrument: Instrument) -> None:
    acct = account(10_000, free_quote=Decimal(1))
    assert _code(RiskGate().review(long_at(), acct, instrument, 25_000)) is RejectionCode.INSUFFICIENT_BALANCE


def test_max_open_positions(instrument: Instrument) -> None:
    acct = account(10_000, positions=tuple(_pos(f"S{i}USDT", "0.001") for i in range(5)))
    assert _code(RiskGate().review(long_at(), acct, instrument, 25_000)) is RejectionCode.MAX_OPEN_POSITIONS


def test_position_exists(instrument: Instrument) -> None:
    acct = account(10_000, positions=(_pos(qty="0.001"),))
    assert _code(RiskGate().review(long_at(), acct, instrument, 25_000)) is RejectionCode.POSITION_EXISTS


def test_exposure_limit(instrument: Instrument) -> None:
    acct = account(10_000, positions=(_pos("ETHUSDT", qty="0.4"),))  # 10 000 USDT notional = 100%
    assert _code(RiskGate().review(long_at(), acct, instrument, 25_000)) is RejectionCode.TOTAL_EXPOSURE


def test_daily_loss_circuit_breaker_with_cooldown(instrument: Instrument) -> None:
    gate = RiskGate(RiskConfig(breaker_cooldown_ms=600_000))
    down = account(9_790, start_of_day_equity=Decimal(10_000), now_ms=1_000_000)
    assert _code(gate.review(long_at(), down, instrument, 25_000)) is RejectionCode.DAILY_LOSS_LIMIT
    # equity recovers above the limit, but the cooldown still holds for 10 minutes
    better = account(9_900, start_of_day_equity=Decimal(10_000), now_ms=1_300_000)
    assert _code(gate.review(long_at(), better, instrument, 25_000)) is RejectionCode.DAILY_LOSS_LIMIT
    later = account(9_900, start_of_day_equity=Decimal(10_000), now_ms=1_600_001)
    assert isinstance(gate.review(long_at(), later, instrument, 25_000), OrderPlan)


def test_loss_streak_lockout(instrument: Instrument) -> None:
    gate = RiskGate(RiskConfig(max_consecutive_losses=3, lockout_ms=60_000))
    streak = account(consecutive_losses=3, last_loss_ms=100_000, now_ms=120_000)
    assert _code(gate.review(long_at(), streak, instrument, 25_000)) is RejectionCode.LOSS_STREAK_LOCKOUT
    expired = account(consecutive_losses=3, last_loss_ms=100_000, now_ms=160_000)
    assert isinstance(gate.review(long_at(), expired, instrument, 25_000), OrderPlan)


def test_filter_failure_when_a_target_breaks_percent_price(instrument: Instrument) -> None:
    # a sell limit at 3x the price breaks PERCENT_PRICE_BY_SIDE (askMultiplierUp 2)
    p = Enter("BTCUSDT", Side.BUY, 25_000, 24_000, (Target(75_000),), 0.5, "x", 1)
    result = RiskGate().review(p, account(), instrument, 25_000)
    assert _code(result) is RejectionCode.FILTER_FAILURE
    assert "PERCENT_PRICE_BY_SIDE" in result.message  # type: ignore[union-attr]


def test_volatility_sizing_never_sizes_above_the_stop_rule(instrument: Instrument) -> None:
    cfg_stop = RiskConfig(max_position_fraction=1, max_symbol_exposure=1)
    cfg_vol = RiskConfig(
        max_position_fraction=1, max_symbol_exposure=1, sizing=Sizing.VOLATILITY, vol_atr_multiple=3
    )
    p = msgspec.structs.replace(long_at(25_000, 24_800), atr=150.0)
    by_stop = RiskGate(cfg_stop).review(p, account(), instrument, 25_000)
    by_vol = RiskGate(cfg_vol).review(p, account(), instrument, 25_000)
    assert isinstance(by_stop, OrderPlan)
    assert isinstance(by_vol, OrderPlan)
    assert by_vol.quantity < by_stop.quantity  # 3 ATR = 450 > the 200 stop distance
