"""A local exchange (aitrader.venues.local) with a seeded account for the chat's end-to-end tests.

The account trades over three replayed days of real candles through ccxt, the way a user's bot would:
day 1 buys BTC and ETH, day 2 sells some ETH and buys SOL, day 3 ("today") sells some BTC and leaves
open orders: a BTC limit buy, an ETH OCO bracket and a SOL limit sell."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import ccxt
from chat_journal_seed import Entry, write_journal

from aitrader.venues.local import (
    CCXT_OPTIONS,
    DEFAULT_API_KEY,
    DEFAULT_SECRET,
    AccountConfig,
    ExchangeThread,
    LocalExchangeConfig,
    run_local_exchange,
)

DAY_CANDLES = 1440
BALANCES = {"USDT": Decimal(10000), "BTC": Decimal("0.1"), "ETH": Decimal(2), "SOL": Decimal(0)}


def _client(ex: ExchangeThread) -> Any:
    c = ccxt.binance(
        {
            "apiKey": DEFAULT_API_KEY,
            "secret": DEFAULT_SECRET,
            "options": {**CCXT_OPTIONS, "adjustForTimeDifference": True},
        }
    )
    ex.configure_ccxt(c)
    c.load_markets()
    return c


def _next_day(ex: ExchangeThread, c: Any) -> None:
    ex.step(candles=DAY_CANDLES)
    c.load_time_difference()


def seed(ex: ExchangeThread) -> None:
    c = _client(ex)
    c.create_order("BTC/USDT", "market", "buy", 0.05)
    c.create_order("ETH/USDT", "market", "buy", 1)
    _next_day(ex, c)
    c.create_order("ETH/USDT", "market", "sell", 0.3)
    c.create_order("SOL/USDT", "market", "buy", 10)
    _next_day(ex, c)
    c.create_order("BTC/USDT", "market", "sell", 0.02)
    btc = c.fetch_ticker("BTC/USDT")["last"]
    eth = c.fetch_ticker("ETH/USDT")["last"]
    sol = c.fetch_ticker("SOL/USDT")["last"]
    c.create_order("BTC/USDT", "limit", "buy", 0.01, c.price_to_precision("BTC/USDT", btc * 0.8))
    c.private_post_orderlist_oco(
        {
            "symbol": "ETHUSDT",
            "side": "SELL",
            "quantity": "0.5",
            "aboveType": "LIMIT_MAKER",
            "abovePrice": c.price_to_precision("ETH/USDT", eth * 1.1),
            "belowType": "STOP_LOSS_LIMIT",
            "belowStopPrice": c.price_to_precision("ETH/USDT", eth * 0.95),
            "belowPrice": c.price_to_precision("ETH/USDT", eth * 0.94),
            "belowTimeInForce": "GTC",
        }
    )
    c.create_order("SOL/USDT", "limit", "sell", 5, c.price_to_precision("SOL/USDT", sol * 2))
    ex.step(candles=10)


@contextmanager
def seeded_exchange() -> Iterator[ExchangeThread]:
    cfg = LocalExchangeConfig(
        symbols=("BTCUSDT", "ETHUSDT", "SOLUSDT"),
        replay_server_time=True,
        request_weight_limit=1_000_000,  # the evaluation asks ~250 questions within a minute
        accounts=[AccountConfig(balances=dict(BALANCES))],
    )
    with run_local_exchange(cfg) as ex:
        seed(ex)
        yield ex


def write_seeded_journal(ex: ExchangeThread, path: Path) -> Entry:
    """A bot journal that matches the seeded account: the day-1 ETH buy was the bot's entry and the ETH
    OCO its protection; a SOL proposal on day 2 was rejected; the last loop ran a minute ago."""
    c = _client(ex)
    buy = next(t for t in c.fetch_my_trades("ETH/USDT") if t["side"] == "buy")
    [oco] = c.private_get_openorderlist()
    legs = [c.fetch_order(str(o["orderId"]), "ETH/USDT")["info"] for o in oco["orders"]]
    stop = next(o for o in legs if o["type"] == "STOP_LOSS_LIMIT")
    target = next(o for o in legs if o["type"] == "LIMIT_MAKER")
    entry = Entry(
        symbol="ETHUSDT",
        order_id=str(buy["order"]),
        price=Decimal(buy["info"]["price"]),
        quantity=Decimal("0.5"),
        time_ms=int(buy["timestamp"]),
        stop=Decimal(stop["stopPrice"]),
        stop_order_id=str(stop["orderId"]),
        target=Decimal(target["price"]),
        target_order_id=str(target["orderId"]),
    )
    now = int(c.fetch_time())
    write_journal(path, entry, "SOLUSDT", int(buy["timestamp"]) + DAY_CANDLES * 60_000, now - 60_000)
    return entry
