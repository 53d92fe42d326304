"""SimBroker: every order type, OCO conflicts, fees, slippage, lower-timeframe resolution."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from aitrader.domain import Candles, OrderRequest, OrderStatus, OrderType, Side, Timeframe
from aitrader.execution.fees import FixedFee, PercentFee
from aitrader.execution.lower_bars import LowerBars
from aitrader.execution.reports import ExecutionReport, Intent, OrderUpdate
from aitrader.execution.sim_broker import SimBroker
from aitrader.execution.slippage import FixedBps, VolatilityScaled

D = Decimal


class Recorder:
    def __init__(self, broker: SimBroker) -> None:
        self.fills: list[ExecutionReport] = []
        self.updates: list[OrderUpdate] = []
        broker.set_listeners(self.fills.append, self.updates.append)

    def status(self, order_id: str) -> OrderStatus | None:
        for u in reversed(self.updates):
            if u.order_id == order_id:
                return u.status
        return None


def req(
    side: Side, type_: OrderType, qty: str = "1", price: str | None = None, stop: str | None = None
) -> OrderRequest:
    return OrderRequest(
        "BTCUSDT",
        side,
        type_,
        quantity=D(qty),
        price=None if price is None else D(price),
        stop_price=None if stop is None else D(stop),
        client_order_id=f"{side.value}-{type_.value}",
    )


def make(fee: float = 0.0, **kw: object) -> tuple[SimBroker, Recorder]:
    b = SimBroker(fees=PercentFee(fee, fee), **kw)  # type: ignore[arg-type]
    return b, Recorder(b)


def bar(b: SimBroker, i: int, o: float, h: float, lo: float, c: float) -> None:
    b.on_bar(i, i * 60_000, o, h, lo, c)


def test_market_fills_at_next_open_as_taker_with_fee() -> None:
    b, r = make(fee=0.001)
    b.submit(req(Side.BUY, OrderType.MARKET, "0.5"), Intent.ENTRY)
    assert r.fills == []  # nothing happens before the next bar opens
    bar(b, 1, 100.0, 105.0, 95.0, 101.0)
    (f,) = r.fills
    assert (f.price, f.qty, f.is_maker, f.bar) == (100.0, 0.5, False, 1)
    assert f.fee == pytest.approx(0.05)


def test_market_quote_order_qty_buys_what_the_quote_pays_for_rounded_down() -> None:
    b, r = make()
    q = OrderRequest("BTCUSDT", Side.BUY, OrderType.MARKET, quote_order_qty=D("1000"))
    b.submit(q, Intent.ENTRY)
    bar(b, 1, 300.0, 301.0, 299.0, 300.0)
    assert r.fills[0].qty == pytest.approx(3.33333333, abs=1e-12)
    assert r.fills[0].qty * 300.0 <= 1000.0


def test_limit_marketable_on_arrival_fills_at_open_as_taker() -> None:
    b, r = make()
    b.submit(req(Side.BUY, OrderType.LIMIT, price="101"), Intent.ENTRY)
    bar(b, 1, 100.0, 102.0, 99.0, 100.0)
    assert (r.fills[0].price, r.fills[0].is_maker) == (100.0, False)


def test_resting_limit_fills_at_its_price_as_maker_only_when_reached() -> None:
    b, r = make()
    b.submit(req(Side.BUY, OrderType.LIMIT, price="95"), Intent.ENTRY)
    bar(b, 1, 100.0, 102.0, 96.0, 97.0)
    assert r.fills == []
    bar(b, 2, 97.0, 98.0, 94.0, 96.0)
    assert (r.fills[0].price, r.fills[0].is_maker, r.fills[0].bar) == (95.0, True, 2)


def test_limit_maker_that_would_take_is_rejected() -> None:
    b, r = make()
    oid = b.submit(req(Side.BUY, OrderType.LIMIT_MAKER, price="101"), Intent.ENTRY)
    bar(b, 1, 100.0, 102.0, 99.0, 100.0)
    assert r.fills == []
    assert r.status(oid) is OrderStatus.REJECTED


def test_stop_loss_fills_at_stop_or_at_the_open_after_a_gap() -> None:
    b, r = make()
    b.submit(req(Side.SELL, OrderType.STOP_LOSS, stop="95"), Intent.EXIT)
    bar(b, 1, 100.0, 101.0, 96.0, 97.0)
    assert r.fills == []
    bar(b, 2, 97.0, 98.0, 94.0, 95.5)
    assert r.fills[-1].price == 95.0
    b.submit(req(Side.SELL, OrderType.STOP_LOSS, stop="90"), Intent.EXIT)
    bar(b, 3, 95.0, 96.0, 91.0, 92.0)
    bar(b, 4, 85.0, 86.0, 84.0, 85.0)  # gapped through the stop: the open is the price
    assert r.fills[-1].price == 85.0


def test_resting_orders_out_of_a_bars_reach_are_left_alone_but_an_open_outside_the_range_counts() -> None:
    """Resting orders are matched only on bars that reach a trigger level; the open is part of the
    bar's reach (unvalidated data can put it outside low..high, and matching fires on it)."""
    b, r = make()
    stop = b.submit(req(Side.SELL, OrderType.STOP_LOSS, stop="100"), Intent.EXIT)
    target = b.submit(req(Side.SELL, OrderType.LIMIT_MAKER, price="120"), Intent.EXIT)
    bar(b, 1, 110.0, 115.0, 105.0, 112.0)
    assert r.fills == []
    assert r.updates == []
    assert set(b.open_order_ids()) == {stop, target}
    bar(b, 2, 99.0, 105.0, 101.0, 102.0)  # malformed: the open is below the low, under the stop
    assert [(f.order_id, f.price) for f in r.fills] == [(stop, 99.0)]
    assert b.open_order_ids() == (target,)


def test_trigger_order_that_would_fire_at_once_is_rejected() -> None:
    b, r = make()
    oid = b.submit(req(Side.SELL, OrderType.STOP_LOSS, stop="105"), Intent.EXIT)
    bar(b, 1, 100.0, 101.0, 99.0, 100.0)
    assert r.status(oid) is OrderStatus.REJECTED
    assert r.fills == []


def test_stop_loss_limit_fills_when_marketable_else_rests_as_limit() -> None:
    b, r = make()
    b.submit(req(Side.SELL, OrderType.STOP_LOSS_LIMIT, price="99", stop="100"), Intent.EXIT)
    bar(b, 1, 102.0, 103.0, 99.5, 101.0)
    assert (r.fills[-1].price, r.fills[-1].is_maker) == (100.0, False)
    b.submit(req(Side.SELL, OrderType.STOP_LOSS_LIMIT, price="99", stop="100"), Intent.EXIT)
    bar(b, 2, 101.0, 101.5, 100.5, 101.0)
    bar(b, 3, 95.0, 97.0, 94.0, 96.0)  # gap below the limit: triggered, not filled
    assert len(r.fills) == 1
    bar(b, 4, 96.0, 99.5, 95.0, 99.0)  # back up to the limit: fills at 99 as maker
    assert (r.fills[-1].price, r.fills[-1].is_maker, r.fills[-1].bar) == (99.0, True, 4)


def test_take_profit_and_take_profit_limit() -> None:
    b, r = make()
    b.submit(req(Side.SELL, OrderType.TAKE_PROFIT, stop="110"), Intent.EXIT)
    bar(b, 1, 100.0, 111.0, 99.0, 108.0)
    assert r.fills[-1].price == 110.0
    b.submit(req(Side.SELL, OrderType.TAKE_PROFIT_LIMIT, price="112", stop="111"), Intent.EXIT)
    bar(b, 2, 108.0, 111.5, 107.0, 111.0)  # triggers at 111, limit 112 not marketable: rests
    assert len(r.fills) == 1
    bar(b, 3, 111.0, 112.5, 110.0, 112.0)
    assert (r.fills[-1].price, r.fills[-1].is_maker) == (112.0, True)


def oco(b: SimBroker) -> tuple[str, str]:
    return b.submit_oco(
        req(Side.SELL, OrderType.STOP_LOSS, stop="95"),
        req(Side.SELL, OrderType.LIMIT_MAKER, price="110"),
        Intent.EXIT,
    )


def test_oco_target_fill_expires_the_stop() -> None:
    b, r = make()
    stop_id, target_id = oco(b)
    bar(b, 1, 100.0, 111.0, 99.0, 109.0)
    assert [f.order_id for f in r.fills] == [target_id]
    assert r.status(stop_id) is OrderStatus.EXPIRED
    bar(b, 2, 100.0, 101.0, 80.0, 85.0)
    assert len(r.fills) == 1  # the expired stop never fills


def test_oco_both_legs_in_one_bar_the_stop_wins() -> None:
    b, r = make()
    stop_id, target_id = oco(b)
    bar(b, 1, 100.0, 111.0, 94.0, 100.0)
    assert [(f.order_id, f.price) for f in r.fills] == [(stop_id, 95.0)]
    assert r.status(target_id) is OrderStatus.EXPIRED


def test_cancelling_one_leg_cancels_the_list() -> None:
    b, r = make()
    stop_id, target_id = oco(b)
    bar(b, 1, 100.0, 101.0, 99.0, 100.0)
    b.cancel(target_id)
    assert r.status(stop_id) is OrderStatus.CANCELED
    assert r.status(target_id) is OrderStatus.CANCELED
    assert b.open_order_ids() == ()


def test_lower_timeframe_bars_resolve_the_oco_conflict() -> None:
    t0 = 1_700_000_040 * 1000 // 3_600_000 * 3_600_000
    hour = Candles.from_arrays([t0], [100.0], [111.0], [94.0], [100.0], [1.0], "BTCUSDT", Timeframe.H1)
    # inside the hour the price went up to the target first, then down through the stop
    minutes = Candles.from_arrays(
        [t0 + k * 60_000 for k in range(3)],
        [100.0, 105.0, 109.0],
        [105.0, 111.0, 109.0],
        [99.0, 104.0, 94.0],
        [105.0, 109.0, 100.0],
        [1.0, 1.0, 1.0],
        "BTCUSDT",
        Timeframe.M1,
    )
    b, r = make(lower=LowerBars.align(hour, minutes))
    stop_id, target_id = oco(b)
    b.on_bar(0, t0, 100.0, 111.0, 94.0, 100.0)
    assert [(f.order_id, f.price, f.time_ms) for f in r.fills] == [(target_id, 110.0, t0 + 60_000)]
    assert r.status(stop_id) is OrderStatus.EXPIRED


def test_protection_sent_on_a_fill_is_matched_on_the_rest_of_that_bar() -> None:
    b, r = make()

    def on_fill(f: ExecutionReport) -> None:
        r.fills.append(f)
        if f.side is Side.BUY:
            b.submit(req(Side.SELL, OrderType.STOP_LOSS, stop="95"), Intent.EXIT)

    b.set_listeners(on_fill, r.updates.append)
    b.submit(req(Side.BUY, OrderType.MARKET), Intent.ENTRY)
    bar(b, 1, 100.0, 101.0, 94.0, 96.0)  # entry at the open, then the low hits the stop
    assert [(f.side, f.price, f.bar) for f in r.fills] == [(Side.BUY, 100.0, 1), (Side.SELL, 95.0, 1)]


def test_slippage_applies_to_taker_fills_only() -> None:
    b, r = make(slippage=FixedBps(10.0))
    b.submit(req(Side.BUY, OrderType.MARKET), Intent.ENTRY)
    b.submit(req(Side.SELL, OrderType.LIMIT, price="105"), Intent.EXIT)
    bar(b, 1, 100.0, 106.0, 99.0, 104.0)
    by_side = {f.side: f for f in r.fills}
    assert by_side[Side.BUY].price == pytest.approx(100.1)
    assert by_side[Side.SELL].price == 105.0


def test_volatility_scaled_slippage_uses_the_bar_volatility() -> None:
    b, r = make(slippage=VolatilityScaled(k=0.5, floor_bps=1.0), volatility=np.array([0.0, 0.004]))
    b.submit(req(Side.SELL, OrderType.MARKET), Intent.EXIT)
    bar(b, 1, 100.0, 101.0, 99.0, 100.0)
    assert r.fills[0].price == pytest.approx(100.0 * (1 - 0.002))


def test_fixed_fee_charges_entry_and_exit_amounts() -> None:
    b = SimBroker(fees=FixedFee(entry=25.0, exit=35.0))
    r = Recorder(b)
    b.submit(req(Side.BUY, OrderType.MARKET), Intent.ENTRY)
    b.submit(req(Side.SELL, OrderType.MARKET), Intent.EXIT)
    bar(b, 1, 100.0, 101.0, 99.0, 100.0)
    assert sorted(f.fee for f in r.fills) == [25.0, 35.0]


def test_next_event_bar_finds_the_first_bar_that_reaches_a_resting_order() -> None:
    low = np.array([99.0, 98.0, 97.0, 96.0, 94.0, 93.0] * 50)
    high = low + 2.0
    b, _ = make()
    b.attach(high, low)
    b.submit(req(Side.SELL, OrderType.STOP_LOSS, stop="95"), Intent.EXIT)
    assert b.has_arriving()
    bar(b, 0, 100.0, 101.0, 99.0, 100.0)
    assert not b.has_arriving()
    assert b.next_event_bar(1, len(low)) == 4
    assert b.next_event_bar(6, 9) == 9  # nothing in [6, 9): returns the stop
    assert b.next_event_bar(6, len(low)) == 10


def test_protection_after_a_mid_bar_fill_sees_only_the_adverse_side_of_that_bar() -> None:
    b, r = make()

    def on_fill(f: ExecutionReport) -> None:
        r.fills.append(f)
        if f.side is Side.BUY:
            b.submit_oco(
                req(Side.SELL, OrderType.STOP_LOSS, stop="93"),
                req(Side.SELL, OrderType.LIMIT_MAKER, price="99"),
                Intent.EXIT,
            )

    b.set_listeners(on_fill, r.updates.append)
    b.submit(req(Side.BUY, OrderType.LIMIT, price="95"), Intent.ENTRY)
    # the high (100) may have come before the limit buy filled at 95: the target must not fill here
    bar(b, 1, 97.0, 100.0, 94.0, 96.0)
    assert [(f.side, f.price) for f in r.fills] == [(Side.BUY, 95.0)]
    bar(b, 2, 96.0, 99.5, 95.5, 99.0)
    assert [(f.side, f.price) for f in r.fills] == [(Side.BUY, 95.0), (Side.SELL, 99.0)]


def test_a_stop_below_a_mid_bar_fill_can_still_fire_on_that_bar() -> None:
    b, r = make()

    def on_fill(f: ExecutionReport) -> None:
        r.fills.append(f)
        if f.side is Side.BUY:
            b.submit(req(Side.SELL, OrderType.STOP_LOSS, stop="94.5"), Intent.EXIT)

    b.set_listeners(on_fill, r.updates.append)
    b.submit(req(Side.BUY, OrderType.LIMIT, price="95"), Intent.ENTRY)
    bar(b, 1, 97.0, 100.0, 94.0, 96.0)
    assert [(f.side, f.price) for f in r.fills] == [(Side.BUY, 95.0), (Side.SELL, 94.5)]


_FIRES_ON_LOW = {  # (type, side) -> a bar reaches the order through its low (else its high)
    (OrderType.LIMIT, Side.BUY): True,
    (OrderType.LIMIT_MAKER, Side.BUY): True,
    (OrderType.STOP_LOSS, Side.SELL): True,
    (OrderType.STOP_LOSS_LIMIT, Side.SELL): True,
    (OrderType.TAKE_PROFIT, Side.BUY): True,
    (OrderType.TAKE_PROFIT_LIMIT, Side.BUY): True,
}


@pytest.mark.parametrize("type_", [t for t in OrderType if t is not OrderType.MARKET])
@pytest.mark.parametrize("side", list(Side))
def test_an_orders_trigger_level_is_where_a_bar_must_reach(type_: OrderType, side: Side) -> None:
    """The level the jump loop and the reach test use: a limit's price, a trigger order's stop price
    (a stop-limit's price once triggered), on the low side for buy limits and sell stops."""
    from aitrader.execution.sim_order import SimOrder

    o = SimOrder("S1", req(side, type_, price="101", stop="99"), Intent.EXIT, "")
    on_low = _FIRES_ON_LOW.get((type_, side), False)
    assert o.level == (on_low, 99.0 if type_.is_triggered else 101.0)
    if type_.is_triggered:
        o.trigger()
        assert o.level == (side is Side.BUY, 101.0)
