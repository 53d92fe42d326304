"""Real clients against the local exchange on 127.0.0.1: ccxt, ccxt.pro and python-binance (contract §10)."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import ccxt
import ccxt.pro
import pytest

from aitrader.venues.local import (
    CCXT_OPTIONS,
    DEFAULT_API_KEY,
    DEFAULT_SECRET,
    ExchangeThread,
    configure_ccxt,
    python_binance_urls,
)


def _ccxt(exchange: ExchangeThread) -> Any:
    client = ccxt.binance(
        {"apiKey": DEFAULT_API_KEY, "secret": DEFAULT_SECRET, "options": dict(CCXT_OPTIONS)}
    )
    return configure_ccxt(client, exchange.exchange)


def test_ccxt_sync_trading_flow(exchange: ExchangeThread) -> None:
    ex = _ccxt(exchange)
    markets = ex.load_markets()
    assert {"BTC/USDT", "ETH/USDT"} <= set(markets)
    assert markets["BTC/USDT"]["precision"]["price"] == 0.01
    assert ex.fetch_balance()["USDT"]["free"] == 10000.0
    ohlcv = ex.fetch_ohlcv("BTC/USDT", "1m", limit=5)
    assert len(ohlcv) == 5
    assert ohlcv[-1][0] - ohlcv[0][0] == 4 * 60_000
    last = ex.fetch_ticker("BTC/USDT")["last"]
    exchange.step(ticks=4)
    assert [t["price"] for t in ex.fetch_trades("BTC/USDT")][-1] == ex.fetch_ticker("BTC/USDT")["last"]
    last = ex.fetch_ticker("BTC/USDT")["last"]
    market = ex.create_order("BTC/USDT", "market", "buy", 0.01)
    assert market["status"] == "closed"
    assert market["filled"] == 0.01
    assert market["fee"]["currency"] == "BTC"
    cost = ex.create_market_buy_order_with_cost("BTC/USDT", 20)
    assert cost["cost"] == pytest.approx(20, rel=0.01)
    limit = ex.create_order("BTC/USDT", "limit", "buy", 0.001, round(last - 500, 2))
    assert limit["status"] == "open"
    maker = ex.create_order("BTC/USDT", "limit", "sell", 0.001, round(last + 500, 2), {"postOnly": True})
    assert maker["info"]["type"] == "LIMIT_MAKER"
    stop = ex.create_order(
        "BTC/USDT", "limit", "sell", 0.001, round(last - 510, 2), {"stopLossPrice": round(last - 500, 2)}
    )
    assert stop["info"]["type"] == "STOP_LOSS_LIMIT"
    tp = ex.create_order("BTC/USDT", "market", "sell", 0.001, None, {"takeProfitPrice": round(last + 700, 2)})
    assert tp["info"]["type"] == "TAKE_PROFIT"
    stop_market = ex.create_order(
        "BTC/USDT", "market", "sell", 0.001, None, {"stopLossPrice": round(last - 700, 2)}
    )
    assert stop_market["info"]["type"] == "STOP_LOSS"
    tp_limit = ex.create_order(
        "BTC/USDT", "limit", "sell", 0.001, round(last + 810, 2), {"takeProfitPrice": round(last + 800, 2)}
    )
    assert tp_limit["info"]["type"] == "TAKE_PROFIT_LIMIT"
    open_ids = {o["id"] for o in ex.fetch_open_orders("BTC/USDT")}
    assert {limit["id"], maker["id"], stop["id"], tp["id"], stop_market["id"], tp_limit["id"]} == open_ids
    oco = ex.private_post_orderlist_oco({
        "symbol": "BTCUSDT", "side": "SELL", "quantity": "0.001",
        "aboveType": "LIMIT_MAKER", "abovePrice": f"{last + 300:.2f}",
        "belowType": "STOP_LOSS", "belowStopPrice": f"{last - 300:.2f}",
    })  # fmt: skip
    assert oco["listOrderStatus"] == "EXECUTING"
    assert [x["orderListId"] for x in ex.private_get_openorderlist()] == [oco["orderListId"]]
    canceled = ex.cancel_order(limit["id"], "BTC/USDT")
    assert canceled["status"] == "canceled"
    with pytest.raises(ccxt.OrderNotFound):
        ex.cancel_order(limit["id"], "BTC/USDT")
    with pytest.raises(ccxt.InsufficientFunds):
        ex.create_order("BTC/USDT", "market", "buy", 5)
    with pytest.raises(ccxt.InvalidOrder):
        ex.create_order("BTC/USDT", "limit", "sell", 0.001, round(last - 50, 2), {"postOnly": True})
    assert ex.fetch_order(market["id"], "BTC/USDT")["status"] == "closed"
    trades = ex.fetch_my_trades("BTC/USDT")
    assert len(trades) == 2
    assert ex.cancel_all_orders("BTC/USDT")
    assert ex.fetch_open_orders("BTC/USDT") == []


def test_ccxt_pro_watch_ohlcv_and_user_data(exchange: ExchangeThread) -> None:
    async def main() -> tuple[list[list[Any]], list[Any], dict[str, Any]]:
        ex = ccxt.pro.binance(
            {"apiKey": DEFAULT_API_KEY, "secret": DEFAULT_SECRET, "options": dict(CCXT_OPTIONS)}
        )
        configure_ccxt(ex, exchange.exchange)
        loop = asyncio.get_running_loop()
        try:
            await ex.load_markets()
            first = asyncio.ensure_future(ex.watch_ohlcv("BTC/USDT", "1m"))
            await asyncio.sleep(0.3)
            await loop.run_in_executor(None, lambda: exchange.step(ticks=4))
            candles = await asyncio.wait_for(first, 10)
            orders_task = asyncio.ensure_future(ex.watch_orders("BTC/USDT"))
            balance_task = asyncio.ensure_future(ex.watch_balance())
            await asyncio.sleep(0.3)
            order = await ex.create_order("BTC/USDT", "market", "buy", 0.002)
            orders = await asyncio.wait_for(orders_task, 10)
            balance = await asyncio.wait_for(balance_task, 10)
            assert order["status"] == "closed"
            return candles, orders, balance
        finally:
            await ex.close()

    candles, orders, balance = asyncio.run(main())
    assert candles
    assert candles[-1][0] % 60_000 == 0
    assert orders[-1]["symbol"] == "BTC/USDT"
    assert balance["BTC"]["free"] == pytest.approx(0.002 * 0.999)


def test_python_binance_client_and_sockets(exchange: ExchangeThread, monkeypatch: pytest.MonkeyPatch) -> None:
    from binance import AsyncClient, Client
    from binance.base_client import BaseClient
    from binance.ws.reconnecting_websocket import ReconnectingWebsocket
    from binance.ws.streams import BinanceSocketManager

    urls = python_binance_urls(exchange.exchange)
    monkeypatch.setattr(BaseClient, "API_TESTNET_URL", urls["API_TESTNET_URL"])
    monkeypatch.setattr(BaseClient, "WS_API_TESTNET_URL", urls["WS_API_TESTNET_URL"])
    monkeypatch.setattr(BinanceSocketManager, "STREAM_TESTNET_URL", urls["STREAM_TESTNET_URL"])
    # python-binance's read loop notices a close only after its recv timeout (10 s by default).
    monkeypatch.setattr(ReconnectingWebsocket, "TIMEOUT", 0.3)
    client = Client(DEFAULT_API_KEY, DEFAULT_SECRET, testnet=True)  # pings in the constructor
    info = client.get_exchange_info()
    assert {s["symbol"] for s in info["symbols"]} == {"BTCUSDT", "ETHUSDT"}
    assert {b["asset"] for b in client.get_account()["balances"]} == {"BTC", "USDT"}
    last = Decimal(client.get_symbol_ticker(symbol="BTCUSDT")["price"])
    order = client.create_order(symbol="BTCUSDT", side="BUY", type="LIMIT", timeInForce="GTC", quantity="0.001",
                                price=f"{last - 400:.2f}")  # fmt: skip
    assert order["clientOrderId"].startswith("x-HNA2TXFJ")
    market = client.order_market_buy(symbol="BTCUSDT", quoteOrderQty=20)
    assert market["status"] == "FILLED"
    assert [o["orderId"] for o in client.get_open_orders(symbol="BTCUSDT")] == [order["orderId"]]
    assert (
        client.cancel_order(symbol="BTCUSDT", orderId=order["orderId"])["status"] == "CANCELED"
    )  # form-body DELETE
    assert len(client.get_klines(symbol="BTCUSDT", interval="1m", limit=5)) == 5
    client.close_connection()

    async def sockets() -> tuple[dict[str, Any], dict[str, Any]]:
        aclient = await AsyncClient.create(DEFAULT_API_KEY, DEFAULT_SECRET, testnet=True)
        try:
            bm = BinanceSocketManager(aclient)
            loop = asyncio.get_running_loop()
            async with bm.kline_socket("BTCUSDT") as stream:
                await asyncio.sleep(0.2)
                await loop.run_in_executor(None, lambda: exchange.step(ticks=2))
                kline = await asyncio.wait_for(stream.recv(), 10)
            async with bm.user_socket() as user:
                await asyncio.sleep(0.3)
                await aclient.order_market_buy(symbol="BTCUSDT", quantity="0.001")
                event = await asyncio.wait_for(user.recv(), 10)
            return kline, event
        finally:
            await aclient.close_connection()

    kline, event = asyncio.run(sockets())
    assert kline["e"] == "kline"
    assert kline["k"]["s"] == "BTCUSDT"
    assert event["e"] in ("executionReport", "outboundAccountPosition")
