"""Instrument built from the real testnet BTCUSDT exchangeInfo entry: rounding, filters, symbol record."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from aitrader.domain import FilterFailure, Instrument, OrderRequest, OrderType, Side, SymbolInfo, TimeInForce
from aitrader.domain.instrument import Rounding

D = Decimal


@pytest.fixture(scope="module")
def btc(btc_exchange_info: dict[str, Any]) -> Instrument:
    return Instrument.from_exchange_info(btc_exchange_info)


def limit(side: Side, qty: str, price: str) -> OrderRequest:
    return OrderRequest("BTCUSDT", side, OrderType.LIMIT, D(qty), D(price), time_in_force=TimeInForce.GTC)


def market(side: Side, qty: str | None = None, quote: str | None = None) -> OrderRequest:
    return OrderRequest(
        "BTCUSDT",
        side,
        OrderType.MARKET,
        D(qty) if qty else None,
        quote_order_qty=D(quote) if quote else None,
    )


def test_filters_are_read_from_exchange_info(btc: Instrument) -> None:
    assert (btc.symbol, btc.base_asset, btc.quote_asset, btc.status) == ("BTCUSDT", "BTC", "USDT", "TRADING")
    assert (btc.min_price, btc.max_price, btc.tick_size) == (D("0.01"), D("1000000"), D("0.01"))
    assert (btc.min_qty, btc.max_qty, btc.step_size) == (D("0.00001"), D("9000"), D("0.00001"))
    assert (btc.market_min_qty, btc.market_max_qty, btc.market_step_size) == (D(0), D("165.02219723"), D(0))
    assert (btc.min_notional, btc.max_notional) == (D(5), D(9_000_000))
    assert btc.apply_min_to_market
    assert not btc.apply_max_to_market
    assert (btc.bid_multiplier_up, btc.bid_multiplier_down) == (D(2), D("0.5"))
    assert (btc.ask_multiplier_up, btc.ask_multiplier_down) == (D(2), D("0.5"))
    assert btc.order_types == frozenset(OrderType)
    assert btc.oco_allowed
    assert not btc.allows_short
    assert btc.ccxt_symbol == "BTC/USDT"


@pytest.mark.parametrize(
    ("price", "rounding", "expected"),
    [
        ("27123.456", Rounding.DOWN, "27123.45"),
        ("27123.456", Rounding.UP, "27123.46"),
        ("27123.456", Rounding.NEAREST, "27123.46"),
        ("27123.454", Rounding.NEAREST, "27123.45"),
        ("27123.455", Rounding.NEAREST, "27123.46"),  # half-even: 45|5 -> 46
        ("27123.445", Rounding.NEAREST, "27123.44"),  # half-even: 44|5 -> 44
        ("27123.45", Rounding.UP, "27123.45"),
        ("0.019", Rounding.DOWN, "0.01"),
    ],
)
def test_round_price_to_tick(btc: Instrument, price: str, rounding: Rounding, expected: str) -> None:
    assert btc.round_price(D(price), rounding) == D(expected)


@pytest.mark.parametrize(
    ("qty", "expected"),
    [
        ("0.123456789", "0.12345"),
        ("0.000019999", "0.00001"),
        ("0.000009", "0"),
        ("1", "1"),
        ("0.00002", "0.00002"),
    ],
)
def test_round_qty_never_rounds_up(btc: Instrument, qty: str, expected: str) -> None:
    assert btc.round_qty(D(qty)) == D(expected)
    # MARKET_LOT_SIZE has step 0 on this symbol, so market orders fall back to LOT_SIZE's step
    assert btc.round_qty(D(qty), market=True) == D(expected)


def test_min_qty_for_notional_meets_min_notional(btc: Instrument) -> None:
    q = btc.min_qty_for_notional(D("27000"))
    assert q == D("0.00019")  # 5 / 27000 = 0.000185.. rounded UP to the step
    assert q * D("27000") >= btc.min_notional
    assert btc.validate(limit(Side.BUY, str(q), "27000")) is None
    assert btc.validate(limit(Side.BUY, str(q - btc.step_size), "27000")) is not None
    with pytest.raises(ValueError, match="positive"):
        btc.min_qty_for_notional(D(0))


def test_a_valid_limit_order_passes(btc: Instrument) -> None:
    assert btc.validate(limit(Side.BUY, "0.001", "27000.01"), reference_price=D("27100")) is None


@pytest.mark.parametrize(
    ("order", "ref", "name", "detail"),
    [
        (limit(Side.BUY, "0.0002", "20000"), None, "NOTIONAL", "below minNotional"),
        (limit(Side.BUY, "9.1", "999999"), None, "NOTIONAL", "above maxNotional"),
        (market(Side.BUY, "0.0001"), D("27000"), "NOTIONAL", "below minNotional"),
        (market(Side.BUY, quote="4.99"), None, "NOTIONAL", "below minNotional"),
        (limit(Side.BUY, "0.001", "27000.001"), None, "PRICE_FILTER", "tickSize"),
        (limit(Side.BUY, "0.001", "0.001"), None, "PRICE_FILTER", "below minPrice"),
        (limit(Side.SELL, "0.001", "1000000.01"), None, "PRICE_FILTER", "above maxPrice"),
        (limit(Side.BUY, "0.001", "-1"), None, "PRICE_FILTER", "positive"),
        (limit(Side.BUY, "0.0012345", "27000"), None, "LOT_SIZE", "stepSize"),
        (limit(Side.BUY, "0.000001", "27000"), None, "LOT_SIZE", "below minQty"),
        (limit(Side.SELL, "9000.00001", "27000"), None, "LOT_SIZE", "above maxQty"),
        (limit(Side.SELL, "0", "27000"), None, "LOT_SIZE", "positive"),
        (market(Side.SELL, "200"), D("27000"), "MARKET_LOT_SIZE", "above maxQty"),
        (limit(Side.BUY, "0.001", "54000.02"), D("27000"), "PERCENT_PRICE_BY_SIDE", "above 2"),
        (limit(Side.BUY, "0.001", "13499.99"), D("27000"), "PERCENT_PRICE_BY_SIDE", "below 0.5"),
        (limit(Side.SELL, "0.001", "54000.01"), D("27000"), "PERCENT_PRICE_BY_SIDE", "above 2"),
        (limit(Side.SELL, "0.001", "13499.99"), D("27000"), "PERCENT_PRICE_BY_SIDE", "below 0.5"),
    ],
)
def test_validate_gives_the_venue_failure(
    btc: Instrument, order: OrderRequest, ref: D | None, name: str, detail: str
) -> None:
    failure = btc.validate(order, reference_price=ref)
    assert isinstance(failure, FilterFailure)
    assert failure.filter == name
    assert failure.message == f"Filter failure: {name}"
    assert failure.code == -1013
    assert detail in failure.detail
    assert str(failure).startswith(f"Filter failure: {name} (")


def test_percent_price_limits_are_inclusive(btc: Instrument) -> None:
    assert btc.validate(limit(Side.BUY, "0.001", "54000"), D("27000")) is None
    assert btc.validate(limit(Side.SELL, "0.001", "13500"), D("27000")) is None


def test_market_order_within_market_lot_size_passes(btc: Instrument) -> None:
    assert btc.validate(market(Side.SELL, "165.02219"), D("27000")) is None
    # without a reference price the notional of a quantity-market order cannot be known: not refused
    assert btc.validate(market(Side.BUY, "0.0001")) is None


def test_max_notional_does_not_apply_to_market_orders_here(btc: Instrument) -> None:
    assert btc.validate(market(Side.BUY, "165"), D("999999")) is None


def test_stop_price_is_checked_against_the_tick(btc: Instrument) -> None:
    order = OrderRequest(
        "BTCUSDT", Side.SELL, OrderType.STOP_LOSS_LIMIT, D("0.001"), D("26000"), stop_price=D("26000.005")
    )
    failure = btc.validate(order)
    assert failure is not None
    assert failure.filter == "PRICE_FILTER"
    assert "stopPrice" in failure.detail


def test_symbol_info_record(btc: Instrument) -> None:
    when = dt.datetime(2025, 1, 2, tzinfo=dt.UTC)
    info = btc.symbol_info(updated=when)
    assert info == SymbolInfo(
        exchange="binance",
        global_symbol="BTC/USDT",
        price_ccy="USDT",
        price_quote_ccy="BTC",
        exchange_symbol="BTCUSDT",
        size_ccy="BTC",
        size_multiplier=D(1),
        market_type="spot",
        is_live=True,
        order_size_incremental=D("0.00001"),
        min_order_size=D("0.00001"),
        min_order_size_in_value=D(5),
        tick_size=D("0.01"),
        expiry_datetime=None,
        update_datetime=when,
    )
    assert btc.symbol_info().update_datetime.tzinfo is dt.UTC


def test_a_halted_symbol_is_not_live(btc_exchange_info: dict[str, Any]) -> None:
    halted = Instrument.from_exchange_info({**btc_exchange_info, "status": "HALT"})
    assert halted.symbol_info().is_live is False
