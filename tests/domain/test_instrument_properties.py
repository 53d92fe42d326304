"""Property tests: rounding never overshoots, and whatever `validate` accepts passes every filter."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from aitrader.domain import Instrument, OrderRequest, OrderType, Side
from aitrader.domain.instrument import Rounding

D = Decimal

EXCHANGE_INFO = Path(__file__).resolve().parents[2] / "data" / "binance" / "exchangeinfo_btcusdt.json"
BTC = Instrument.from_exchange_info(json.loads(EXCHANGE_INFO.read_text()))

prices = st.decimals(min_value=D("0.00001"), max_value=D("2000000"), places=6, allow_nan=False)
quantities = st.decimals(min_value=D("0"), max_value=D("20000"), places=9, allow_nan=False)
steps = st.sampled_from([D("0.01"), D("0.00001"), D("0.1"), D("1"), D("0.5"), D("0.00000001"), D("5")])


def is_multiple(value: D, step: D) -> bool:
    return step == 0 or value % step == 0


@settings(deadline=None)  # no per-example deadline: CI machines are shared
@given(quantities)
def test_rounded_qty_is_at_most_the_request_and_on_the_step(qty: D) -> None:
    for market in (False, True):
        r = BTC.round_qty(qty, market=market)
        assert 0 <= r <= qty
        assert is_multiple(r, BTC.step_size)
        assert qty - r < BTC.step_size


@settings(deadline=None)  # no per-example deadline: CI machines are shared
@given(prices)
def test_price_rounded_down_is_not_above_and_up_is_not_below(price: D) -> None:
    down, up = BTC.round_price(price, Rounding.DOWN), BTC.round_price(price, Rounding.UP)
    near = BTC.round_price(price, Rounding.NEAREST)
    assert down <= price <= up
    assert up - down in (D(0), BTC.tick_size)
    assert near in (down, up)
    assert abs(near - price) <= BTC.tick_size / 2
    for p in (down, up, near):
        assert is_multiple(p, BTC.tick_size)


@settings(deadline=None)  # no per-example deadline: CI machines are shared
@given(st.decimals(min_value=D("0"), max_value=D("1000000"), places=8), steps)
def test_round_to_any_step_brackets_the_value(value: D, step: D) -> None:
    from aitrader.domain.instrument import round_to_step

    down, up = round_to_step(value, step, Rounding.DOWN), round_to_step(value, step, Rounding.UP)
    assert down <= value <= up
    assert is_multiple(down, step)
    assert is_multiple(up, step)
    assert up - down <= step
    assert (up == down) == is_multiple(value, step)


def passes_every_filter(order: OrderRequest, ref: D | None) -> bool:
    """An independent reading of the BTCUSDT filters, written from the exchangeInfo entry."""
    for p in (order.price, order.stop_price):
        if p is not None and not (D("0.01") <= p <= D("1000000") and p % D("0.01") == 0):
            return False
    if order.price is not None and ref is not None and not (ref * D("0.5") <= order.price <= ref * 2):
        return False
    q = order.quantity
    if q is not None:
        if not (D("0.00001") <= q <= D("9000") and q % D("0.00001") == 0):
            return False
        if order.type is OrderType.MARKET and not (q <= D("165.02219723")):
            return False
    is_market = order.type is OrderType.MARKET
    if order.quote_order_qty is not None and q is None:
        notional: D | None = order.quote_order_qty
    else:
        price = ref if is_market else order.price
        notional = None if price is None or q is None else price * q
    if notional is not None:
        if notional < 5:
            return False
        if not is_market and notional > D("9000000"):
            return False
    return True


orders = st.builds(
    OrderRequest,
    symbol=st.just("BTCUSDT"),
    side=st.sampled_from(Side),
    type=st.sampled_from([OrderType.LIMIT, OrderType.MARKET, OrderType.LIMIT_MAKER]),
    quantity=st.one_of(st.none(), quantities, st.sampled_from([D("0.00001"), D("165.02219723"), D("9000")])),
    price=st.one_of(prices, st.sampled_from([D("0.01"), D("1000000"), D("27000.00")])),
    quote_order_qty=st.one_of(st.none(), st.decimals(min_value=D("0"), max_value=D("100"), places=2)),
)


@settings(max_examples=400, deadline=None)
@given(orders, st.one_of(st.none(), prices))
def test_anything_validate_accepts_satisfies_every_filter(order: OrderRequest, ref: D | None) -> None:
    if order.type is OrderType.MARKET:
        order = OrderRequest(
            order.symbol, order.side, order.type, order.quantity, None, None, order.quote_order_qty
        )
    if BTC.validate(order, reference_price=ref) is None:
        assert passes_every_filter(order, ref), order
    else:
        assert not passes_every_filter(order, ref), order


@settings(deadline=None)  # no per-example deadline: CI machines are shared
@given(
    st.decimals(min_value=D("1000"), max_value=D("100000"), places=2),
    st.decimals(min_value=D("5"), max_value=D("50000"), places=2),
)
def test_rounded_orders_of_enough_notional_are_accepted(price: D, budget: D) -> None:
    """The path a risk gate takes: size from a budget, round down, check — never refused on step/tick."""
    p = BTC.round_price(price, Rounding.DOWN)
    q = BTC.round_qty(budget / p)
    order = OrderRequest("BTCUSDT", Side.BUY, OrderType.LIMIT, q, p)
    failure = BTC.validate(order, reference_price=p)
    if q >= BTC.min_qty and q * p >= BTC.min_notional:
        assert failure is None
    else:
        assert failure is not None
        assert failure.filter in ("LOT_SIZE", "NOTIONAL")
