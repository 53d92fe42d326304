"""Adjust and Exit proposals produce new plan versions through the same gate."""

from __future__ import annotations

from decimal import Decimal

from risk_helpers import account

from aitrader.domain import Instrument, OrderType, Side
from aitrader.domain.plan import OrderPlan, PlanKind, Rejection, RejectionCode
from aitrader.domain.position import Position, PositionTarget
from aitrader.domain.proposal import Adjust, AdjustKind, Exit
from aitrader.risk import AccountState, RiskConfig, RiskGate

D = Decimal


def _long() -> Position:
    return Position(
        "BTCUSDT",
        Side.BUY,
        D("0.1"),
        D("25000"),
        D("24800"),
        targets=(PositionTarget(D("25400"), D("0.05")), PositionTarget(D("25600"), D("0.05"))),
        plan_id="BTCUSDT1L",
        plan_version=1,
        opened_ms=1,
    )


def _acct(equity: int = 10_000, **kw: object) -> AccountState:
    return account(equity, positions=(_long(),), **kw)


def test_breakeven_makes_version_two_with_the_same_targets(instrument: Instrument) -> None:
    adj = Adjust("BTCUSDT", AdjustKind.BREAKEVEN, "1R in profit", 25_250, 5, new_stop=25_000)
    plan = RiskGate().review(adj, _acct(), instrument, 25_250)
    assert isinstance(plan, OrderPlan)
    assert plan.kind is PlanKind.ADJUST
    assert plan.version == 2
    assert plan.plan_id == "BTCUSDT1L"
    assert plan.stop is not None
    assert plan.stop.stop_price == D("25000")
    assert plan.stop.quantity == D("0.1")
    assert [(t.price, t.quantity) for t in plan.targets] == [(D("25400"), D("0.05")), (D("25600"), D("0.05"))]
    assert plan.reduce is None
    assert plan.stop.client_order_id == "at-BTCUSDT1L-2S"
    assert plan.risk_quote < D(10)  # only fees and stop slippage remain at risk


def test_trailing_stop_that_would_loosen_is_refused(instrument: Instrument) -> None:
    adj = Adjust("BTCUSDT", AdjustKind.TRAIL, "trail", 25_000, 5, new_stop=24_700)
    result = RiskGate().review(adj, _acct(), instrument, 25_000)
    assert isinstance(result, Rejection)
    assert result.code is RejectionCode.STOP_LOOSENED


def test_loosening_when_allowed_is_still_held_to_the_risk_budget(instrument: Instrument) -> None:
    gate = RiskGate(RiskConfig(allow_stop_loosening=True))
    ok = gate.review(
        Adjust("BTCUSDT", AdjustKind.MOVE_STOP, "wider", 25_000, 5, new_stop=24_750, allow_loosen=True),
        _acct(),
        instrument,
        25_000,
    )
    assert isinstance(ok, OrderPlan)
    assert ok.stop_price == D("24750")
    too_far = gate.review(
        Adjust("BTCUSDT", AdjustKind.MOVE_STOP, "wider", 25_000, 5, new_stop=23_000, allow_loosen=True),
        _acct(),
        instrument,
        25_000,
    )
    assert isinstance(too_far, Rejection)
    assert too_far.code is RejectionCode.RISK_BUDGET_TOO_SMALL


def test_stop_past_the_price_is_refused(instrument: Instrument) -> None:
    adj = Adjust("BTCUSDT", AdjustKind.TRAIL, "trail", 25_000, 5, new_stop=25_100)
    result = RiskGate().review(adj, _acct(), instrument, 25_050)
    assert isinstance(result, Rejection)
    assert result.code is RejectionCode.STOP_BREACHED


def test_take_partial_reduces_and_reissues_protection(instrument: Instrument) -> None:
    adj = Adjust(
        "BTCUSDT", AdjustKind.TAKE_PARTIAL, "take half", 25_300, 5, take_fraction=0.5, new_stop=25_000
    )
    plan = RiskGate().review(adj, _acct(), instrument, 25_300)
    assert isinstance(plan, OrderPlan)
    assert plan.reduce is not None
    assert plan.reduce.type is OrderType.MARKET
    assert plan.reduce.side is Side.SELL
    assert plan.reduce.quantity == D("0.05")
    assert plan.quantity == D("0.05")
    assert plan.stop is not None
    assert plan.stop.quantity == D("0.05")
    assert sum(t.quantity or 0 for t in plan.targets) == D("0.05")


def test_exit_closes_everything_even_when_the_breaker_is_tripped(instrument: Instrument) -> None:
    acct = _acct(9_000, start_of_day_equity=D(10_000))
    plan = RiskGate().review(Exit("BTCUSDT", "opposite signal", 24_900, 5), acct, instrument, 24_900)
    assert isinstance(plan, OrderPlan)
    assert plan.kind is PlanKind.CLOSE
    assert plan.reduce is not None
    assert plan.reduce.quantity == D("0.1")
    assert plan.stop is None
    assert plan.targets == ()
    assert plan.quantity == 0


def test_partial_exit_leaving_dust_closes_it_all(instrument: Instrument) -> None:
    tiny = Position("BTCUSDT", Side.BUY, D("0.0004"), D("25000"), D("24800"), plan_id="T", plan_version=3)
    plan = RiskGate().review(
        Exit("BTCUSDT", "half", 25_000, 5, fraction=0.5), account(positions=(tiny,)), instrument, 25_000
    )
    # half is 0.0002 BTC = 5 USDT: the rest (5 USDT at a 24800 stop) would be under min notional
    assert isinstance(plan, OrderPlan)
    assert plan.version == 4
    assert plan.reduce is not None
    assert plan.reduce.quantity == D("0.0004")
    assert any("closing it all" in n for n in plan.notes)


def test_exit_or_adjust_without_a_position(instrument: Instrument) -> None:
    for p in (
        Exit("BTCUSDT", "x", 25_000, 5),
        Adjust("BTCUSDT", AdjustKind.TRAIL, "x", 25_000, 5, new_stop=24_900),
    ):
        result = RiskGate().review(p, account(), instrument, 25_000)
        assert isinstance(result, Rejection)
        assert result.code is RejectionCode.NO_POSITION


def test_client_order_ids_stay_unique_and_valid_for_long_plan_ids() -> None:
    import re

    from aitrader.domain.client_ids import Leg, client_order_id, parse_client_order_id

    assert client_order_id("BTCUSDT1L", 2, Leg.STOP) == "at-BTCUSDT1L-2S"  # short ids read as they are
    long_plan = "BTCUSDTLONGSYM1700000000000L"  # 28 chars: with version 999999 the id would be cut
    legs = [(leg, k) for leg in Leg for k in range(10)]
    ids = {client_order_id(long_plan, 999_999, leg, k) for leg, k in legs}
    assert len(ids) == len(legs)
    assert all(len(c) <= 36 and re.fullmatch(r"[A-Za-z0-9_-]+", c) for c in ids)  # Binance's rule
    assert client_order_id(long_plan, 999_999, Leg.STOP) == client_order_id(long_plan, 999_999, Leg.STOP)
    assert client_order_id(long_plan + "x", 1, Leg.STOP) != client_order_id(long_plan, 1, Leg.STOP)
    parsed = parse_client_order_id(client_order_id(long_plan, 7, Leg.TARGET, 3))
    assert parsed is not None
    assert (parsed.version, parsed.leg, parsed.index) == (7, Leg.TARGET, 3)
