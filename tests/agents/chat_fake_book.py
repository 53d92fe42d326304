"""The hand-written order and trade book behind `chat_fakes.MemoryAccount`: BTC and ETH orders and
fills over the week of 2023-05-01, small enough that the tests work out their P&L by hand."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from aitrader.agents.chat.models import OrderView, TradeView

D = Decimal


def ms(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp() * 1000)


NOW = ms("2023-05-05T12:00:00")  # a Friday; Monday is 2023-05-01


def book_orders() -> list[OrderView]:
    order = OrderView.model_construct
    return [
        order(
            order_id="7",
            symbol="BTCUSDT",
            side="BUY",
            type="MARKET",
            status="FILLED",
            price=None,
            stop_price=None,
            quantity=D("0.05"),
            filled=D("0.05"),
            client_order_id="at-7",
            order_list_id=-1,
            time_ms=ms("2023-05-02T10:00:00"),
        ),
        order(
            order_id="9",
            symbol="BTCUSDT",
            side="BUY",
            type="LIMIT",
            status="FILLED",
            price=D("29100"),
            stop_price=None,
            quantity=D("0.02"),
            filled=D("0.02"),
            client_order_id="at-9",
            order_list_id=-1,
            time_ms=ms("2023-05-04T09:30:00"),
        ),
        order(
            order_id="10",
            symbol="BTCUSDT",
            side="BUY",
            type="LIMIT",
            status="CANCELED",
            price=D("27000"),
            stop_price=None,
            quantity=D("0.02"),
            filled=D("0"),
            client_order_id="at-10",
            order_list_id=-1,
            time_ms=ms("2023-05-04T11:00:00"),
        ),
        order(
            order_id="11",
            symbol="BTCUSDT",
            side="SELL",
            type="MARKET",
            status="FILLED",
            price=None,
            stop_price=None,
            quantity=D("0.03"),
            filled=D("0.03"),
            client_order_id="at-11",
            order_list_id=-1,
            time_ms=ms("2023-05-05T08:15:00"),
        ),
        order(
            order_id="12",
            symbol="BTCUSDT",
            side="BUY",
            type="LIMIT",
            status="NEW",
            price=D("25000"),
            stop_price=None,
            quantity=D("0.02"),
            filled=D("0"),
            client_order_id="at-12",
            order_list_id=-1,
            time_ms=ms("2023-05-05T09:00:00"),
        ),
        order(
            order_id="14",
            symbol="BTCUSDT",
            side="SELL",
            type="STOP_LOSS_LIMIT",
            status="NEW",
            price=D("27750"),
            stop_price=D("27800"),
            quantity=D("0.01"),
            filled=D("0"),
            client_order_id="at-14",
            order_list_id=3,
            time_ms=ms("2023-05-04T09:31:00"),
        ),
        order(
            order_id="15",
            symbol="BTCUSDT",
            side="SELL",
            type="LIMIT_MAKER",
            status="NEW",
            price=D("31000"),
            stop_price=None,
            quantity=D("0.01"),
            filled=D("0"),
            client_order_id="at-15",
            order_list_id=3,
            time_ms=ms("2023-05-04T09:31:00"),
        ),
        order(
            order_id="21",
            symbol="ETHUSDT",
            side="BUY",
            type="LIMIT",
            status="FILLED",
            price=D("1900"),
            stop_price=None,
            quantity=D("1.5"),
            filled=D("1.5"),
            client_order_id="at-21",
            order_list_id=-1,
            time_ms=ms("2023-04-28T16:00:00"),
        ),
        order(
            order_id="22",
            symbol="ETHUSDT",
            side="SELL",
            type="LIMIT",
            status="FILLED",
            price=D("1870"),
            stop_price=None,
            quantity=D("0.3"),
            filled=D("0.3"),
            client_order_id="at-22",
            order_list_id=-1,
            time_ms=ms("2023-05-04T14:00:00"),
        ),
    ]


def book_trades() -> list[TradeView]:
    trade = TradeView
    return [
        trade(
            trade_id="101",
            order_id="7",
            symbol="BTCUSDT",
            side="BUY",
            price=D("28500"),
            quantity=D("0.05"),
            commission=D("0.00005"),
            commission_asset="BTC",
            time_ms=ms("2023-05-02T10:00:00"),
        ),
        trade(
            trade_id="102",
            order_id="9",
            symbol="BTCUSDT",
            side="BUY",
            price=D("29100"),
            quantity=D("0.02"),
            commission=D("0.00002"),
            commission_asset="BTC",
            time_ms=ms("2023-05-04T09:30:05"),
        ),
        trade(
            trade_id="103",
            order_id="11",
            symbol="BTCUSDT",
            side="SELL",
            price=D("29300"),
            quantity=D("0.03"),
            commission=D("0.879"),
            commission_asset="USDT",
            time_ms=ms("2023-05-05T08:15:00"),
        ),
        trade(
            trade_id="201",
            order_id="21",
            symbol="ETHUSDT",
            side="BUY",
            price=D("1900"),
            quantity=D("1.5"),
            commission=D("2.85"),
            commission_asset="USDT",
            time_ms=ms("2023-04-28T16:00:00"),
        ),
        trade(
            trade_id="202",
            order_id="22",
            symbol="ETHUSDT",
            side="SELL",
            price=D("1870"),
            quantity=D("0.3"),
            commission=D("0.561"),
            commission_asset="USDT",
            time_ms=ms("2023-05-04T14:00:00"),
        ),
    ]
