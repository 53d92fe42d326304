"""Fault injection, rate limits (429 then 418), admin endpoints, restarts with state kept, timed replay."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any
from unittest import mock

import aiohttp
import requests
from aiohttp.test_utils import make_mocked_request

from aitrader.domain import Candles
from aitrader.venues.local import ExchangeThread, LocalExchange, run_local_exchange
from aitrader.venues.local.admin import guard
from conftest import Api, make_config


def _admin(ex: ExchangeThread, path: str, **body: Any) -> Any:
    r = requests.post(f"{ex.rest_url}/admin/{path}", json=body, timeout=10)
    assert r.status_code == 200, r.text
    return r.json()


def test_injected_rest_errors_via_admin(exchange: ExchangeThread, api: Api) -> None:
    _admin(exchange, "faults", rest_error_share=1.0, rest_error_status=503)
    assert api.public("ping").status_code == 503
    _admin(exchange, "faults", rest_error_status=429)
    r = api.public("ping")
    assert r.status_code == 429
    assert r.headers["Retry-After"] == "1"
    _admin(exchange, "faults", rest_error_share=0.0)
    assert api.public("ping").status_code == 200
    # A 5xx means "execution status unknown": with rest_error_after_execution the order IS placed.
    _admin(exchange, "faults", rest_error_share=1.0, rest_error_status=503, rest_error_after_execution=True)
    lost = api.signed("POST", "order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.001",
                      newClientOrderId="retry-me")  # fmt: skip
    assert lost.status_code == 503
    _admin(exchange, "faults", rest_error_share=0.0)
    assert api.ok("GET", "order", symbol="BTCUSDT", origClientOrderId="retry-me")["status"] == "FILLED"
    _admin(exchange, "faults", rest_delay_ms=300)
    started = time.monotonic()
    assert api.public("ping").status_code == 200
    assert time.monotonic() - started >= 0.3
    _admin(exchange, "faults", rest_delay_ms=0)
    bad = requests.post(f"{exchange.rest_url}/admin/faults", json={"nope": 1}, timeout=5)
    assert bad.status_code == 400


def test_429_then_418_ban_with_retry_after(sample_candles: dict[str, Candles]) -> None:
    with run_local_exchange(make_config(request_weight_limit=50, ban_after_429s=2), sample_candles) as ex:
        api = Api(ex.rest_url)
        statuses = [api.public("exchangeInfo").status_code for _ in range(6)]
        assert statuses == [200, 200, 429, 429, 418, 418]
        limited = api.public("ping")
        assert limited.status_code == 418
        assert int(limited.headers["Retry-After"]) > 0
        assert limited.json()["code"] == -1003
        assert "banned" in limited.json()["msg"]


def test_admin_refuses_non_loopback_peers() -> None:
    transport = mock.Mock()
    transport.get_extra_info.side_effect = lambda name, default=None: (
        ("10.1.2.3", 5555) if name == "peername" else default
    )
    denied = guard(make_mocked_request("GET", "/admin/state", transport=transport))
    assert denied is not None
    assert denied.status == 403
    transport.get_extra_info.side_effect = lambda name, default=None: (
        ("127.0.0.1", 5555) if name == "peername" else default
    )
    assert guard(make_mocked_request("GET", "/admin/state", transport=transport)) is None


def test_stall_duplicate_and_drop_faults(exchange: ExchangeThread) -> None:
    async def counted(ticks: int) -> int:
        n = 0
        async with aiohttp.ClientSession() as s, s.ws_connect(f"{exchange.ws_url}/btcusdt@trade") as ws:
            await asyncio.sleep(0.05)
            await asyncio.get_running_loop().run_in_executor(None, lambda: exchange.step(ticks=ticks))
            try:
                while True:
                    msg = await ws.receive(timeout=0.4)
                    if msg.type != aiohttp.WSMsgType.TEXT:
                        break
                    n += 1
            except TimeoutError:
                pass
        return n

    assert asyncio.run(counted(4)) == 2  # two BTCUSDT ticks among four (ETHUSDT interleaves)
    exchange.set_faults(duplicate_share=1.0)
    assert asyncio.run(counted(4)) == 4
    exchange.set_faults(duplicate_share=0.0, stall_streams=True)
    assert asyncio.run(counted(4)) == 0
    exchange.set_faults(stall_streams=False)

    async def delayed() -> float:
        async with aiohttp.ClientSession() as s, s.ws_connect(f"{exchange.ws_url}/btcusdt@trade") as ws:
            await asyncio.sleep(0.05)
            sent = time.monotonic()
            await asyncio.get_running_loop().run_in_executor(None, lambda: exchange.step(ticks=2))
            await ws.receive(timeout=3)
            return time.monotonic() - sent

    exchange.set_faults(delay_ms=400)
    assert asyncio.run(delayed()) >= 0.4
    exchange.set_faults(delay_ms=0)

    async def dropped(by_admin: bool) -> bool:
        async with aiohttp.ClientSession() as s, s.ws_connect(f"{exchange.ws_url}/btcusdt@trade") as ws:
            await asyncio.sleep(0.05)
            if by_admin:
                await asyncio.get_running_loop().run_in_executor(None, lambda: _admin(exchange, "drop"))
            msg = await ws.receive(timeout=3)
            return msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)

    assert asyncio.run(dropped(by_admin=True))
    exchange.set_faults(drop_ws_every_s=0.3)
    assert asyncio.run(dropped(by_admin=False))
    exchange.set_faults(drop_ws_every_s=0.0)


def test_admin_step(exchange: ExchangeThread) -> None:
    clock = exchange.exchange.eng.clock_ms
    stepped = _admin(exchange, "step", candles=2)
    assert stepped["ticks"] == 16  # 8 ticks (2 candles) of BTCUSDT and of ETHUSDT, on one clock
    assert stepped["clock_ms"] == clock + 2 * 60_000 - 1
    assert _admin(exchange, "step", ticks=3)["ticks"] == 3


def test_restart_keeps_state_through_the_state_file(
    sample_candles: dict[str, Candles], tmp_path: Path
) -> None:
    state = tmp_path / "exchange-state.json"
    config = make_config(state_path=state)
    with run_local_exchange(config, sample_candles) as ex:
        api = Api(ex.rest_url)
        api.ok("POST", "order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.01")
        resting = api.ok("POST", "order", symbol="BTCUSDT", side="BUY", type="LIMIT", timeInForce="GTC",
                         quantity="0.01", price="20000")  # fmt: skip
        ex.step(candles=2)
        before = api.ok("GET", "account")
        port, clock = ex.port, ex.exchange.eng.clock_ms
        _admin(ex, "restart", downtime=0.3)
        for _ in range(50):  # the server goes away and comes back on the same port
            try:
                if requests.get(f"{ex.rest_url}/api/v3/ping", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            asyncio.run(asyncio.sleep(0.1))
        assert ex.port == port
        assert api.ok("GET", "account")["balances"] == before["balances"]
        assert api.ok("GET", "openOrders", symbol="BTCUSDT")[0]["orderId"] == resting["orderId"]
        assert ex.exchange.eng.clock_ms == clock
    saved = json.loads(state.read_text())
    assert saved["clock_ms"] == clock
    # A new process (a new server object) started on the same file continues where it stopped.
    fresh = LocalExchange(config, sample_candles)
    assert fresh.eng.clock_ms == clock
    assert [o.order_id for o in fresh.eng.book.open_orders(config.accounts[0].api_key)] == [
        resting["orderId"]
    ]
    assert fresh.eng.last_price("BTCUSDT") == ex.exchange.eng.last_price("BTCUSDT")


def test_timed_replay_moves_on_its_own(sample_candles: dict[str, Candles]) -> None:
    with run_local_exchange(make_config(speed=1200.0), sample_candles) as ex:
        api = Api(ex.rest_url)
        admin_state = requests.get(f"{ex.rest_url}/admin/state", timeout=5).json()
        assert set(admin_state) >= {"clock_ms", "prices", "stream_connections", "ws_api_connections"}

        async def final_kline() -> dict[str, Any]:
            async with aiohttp.ClientSession() as s, s.ws_connect(f"{ex.ws_url}/btcusdt@kline_1m") as ws:
                while True:
                    event = json.loads((await ws.receive(timeout=5)).data)
                    if event["k"]["x"]:
                        return dict(event)

        event = asyncio.run(final_kline())
        assert event["k"]["T"] == event["k"]["t"] + 59_999
        later = requests.get(f"{ex.rest_url}/admin/state", timeout=5).json()
        assert later["clock_ms"] > admin_state["clock_ms"]
        assert api.public("time").status_code == 200
