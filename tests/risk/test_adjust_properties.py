"""Property tests for plan versions: an approved Adjust never loosens a stop unless allowed and then
stays within the risk budget; quantities of the new version add up; every order passes the venue."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from risk_helpers import account, btc

from aitrader.domain import Side
from aitrader.domain.plan import OrderPlan, PlanKind
from aitrader.domain.position import Position, PositionTarget
from aitrader.domain.proposal import Adjust, AdjustKind, Exit
from aitrader.risk import RiskConfig, RiskGate

INST = btc()


@st.composite
def positions(draw: st.DrawFn) -> Position:
    entry = Decimal(draw(st.integers(min_value=1_000_000, max_value=9_000_000))) / 100
    stop = (entry * (1 - Decimal(draw(st.integers(min_value=5, max_value=500))) / 10_000)).quantize(
        Decimal("0.01")
    )
    qty = Decimal(draw(st.integers(min_value=20, max_value=200_000))) / 100_000
    t1 = (entry * Decimal("1.01")).quantize(Decimal("0.01"))
    t2 = (entry * Decimal("1.02")).quantize(Decimal("0.01"))
    half = INST.round_qty(qty / 2)
    return Position("BTCUSDT", Side.BUY, qty, entry, stop, (PositionTarget(t1, half), PositionTarget(t2, qty - half)),
                    plan_id="P", plan_version=draw(st.integers(min_value=1, max_value=9)))  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(
    positions(),
    st.integers(min_value=-300, max_value=300),
    st.integers(min_value=-300, max_value=300),
    st.sampled_from([None, 0.25, 0.5, 0.9]),
    st.booleans(),
)
def test_adjusts_only_tighten_or_stay_within_budget(
    pos: Position, move_bp: int, price_bp: int, take: float | None, loosen: bool
) -> None:
    price = (pos.entry_price * (1 + Decimal(price_bp) / 10_000)).quantize(Decimal("0.01"))
    new_stop = float(pos.stop * (1 + Decimal(move_bp) / 10_000))
    cfg = RiskConfig(allow_stop_loosening=loosen)
    acct = account(20_000, positions=(pos,))
    adj = Adjust("BTCUSDT", AdjustKind.MOVE_STOP, "prop", float(price), 1, new_stop=new_stop, take_fraction=take,
                 allow_loosen=loosen)  # fmt: skip
    result = RiskGate(cfg).review(adj, acct, INST, price)
    if not isinstance(result, OrderPlan):
        return
    assert result.version == pos.plan_version + 1
    assert result.plan_id == pos.plan_id
    if result.kind is PlanKind.ADJUST:
        assert result.stop_price is not None
        assert result.stop_price < price  # protective side
        if result.stop_price < pos.stop:
            assert loosen
            assert result.risk_quote <= Decimal(repr(cfg.risk_fraction)) * acct.equity
        held = result.quantity
        assert sum((t.quantity or Decimal(0) for t in result.targets), Decimal(0)) == held
        assert result.stop is not None
        assert result.stop.quantity == held
    reduced = result.reduce.quantity if result.reduce is not None and result.reduce.quantity else Decimal(0)
    assert reduced + result.quantity == pos.qty
    for order in result.orders:
        ref = order.stop_price if order.type.is_triggered else price
        assert INST.validate(order, reference_price=ref) is None, order


@settings(max_examples=1000, deadline=None)
@given(positions(), st.floats(min_value=0.01, max_value=1.0))
def test_exits_close_exactly_what_they_say(pos: Position, fraction: float) -> None:
    result = RiskGate().review(Exit("BTCUSDT", "x", float(pos.entry_price), 1, fraction=fraction),
                               account(20_000, positions=(pos,)), INST, pos.entry_price)  # fmt: skip
    if not isinstance(result, OrderPlan):
        return
    assert result.reduce is not None
    assert result.reduce.quantity is not None
    assert result.reduce.quantity + result.quantity == pos.qty
    assert result.reduce.quantity <= pos.qty
    if result.quantity == 0:
        assert result.kind is PlanKind.CLOSE
        assert result.stop is None
