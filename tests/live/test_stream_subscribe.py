"""A stream that gains a symbol while running (a universe refresh) follows it from its warm-up on
and loses no candle of the symbols it already followed."""

from __future__ import annotations

import asyncio
import contextlib
import itertools

from aitrader.domain import Timeframe
from aitrader.venues.binance.klines import KlineUpdate
from aitrader.venues.binance.market_stream import ConnectionEvent, MarketStream
from aitrader.venues.binance.rest_public import PublicRest
from aitrader.venues.local.config import LocalExchangeConfig
from aitrader.venues.local.server import LocalExchange

from .helpers import TARGET_START_MS, wait_for

M1 = Timeframe.M1


async def _follow_then_add() -> tuple[dict[str, list[int]], int, int]:
    seen: dict[str, list[int]] = {"BTCUSDT": [], "ETHUSDT": []}
    connects: list[str] = []
    config = LocalExchangeConfig(symbols=("BTCUSDT", "ETHUSDT"), start_ms=TARGET_START_MS, speed=0.0)
    async with LocalExchange(config) as ex:
        rest = PublicRest(ex.rest_url)
        newest = (await rest.klines("BTCUSDT", M1, limit=1))[-1].open_time
        stream = MarketStream(ex.ws_url, [("BTCUSDT", M1)], rest, stale_after_s=5.0)
        stream.resume_from("BTCUSDT", M1, newest - 60_000)

        async def consume() -> None:
            async for ev in stream.events():
                if isinstance(ev, KlineUpdate) and ev.candle.closed:
                    seen[ev.symbol].append(ev.candle.open_time)
                elif isinstance(ev, ConnectionEvent) and ev.state == "connected":
                    connects.append(ev.detail)

        task = asyncio.create_task(consume())
        await wait_for(lambda: stream.connected, what="connected")
        for _ in range(3):
            await ex.step(candles=1)
            await asyncio.sleep(0.02)
        eth_last = (await rest.klines("ETHUSDT", M1, limit=2))[0].open_time  # its warm-up's last candle
        assert await stream.subscribe("ETHUSDT", M1, eth_last)
        assert not await stream.subscribe("ETHUSDT", M1, eth_last)  # followed already
        for _ in range(2):  # candles close while the stream reconnects with both symbols
            await ex.step(candles=1)
        await wait_for(lambda: len(connects) == 2, what="reconnected with both streams")
        assert "ethusdt@kline_1m" in connects[-1]
        for _ in range(3):
            await ex.step(candles=1)
            await asyncio.sleep(0.02)
        await wait_for(lambda: len(seen["ETHUSDT"]) >= 4, timeout=20, what="ETH candles")
        await stream.stop()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await rest.close()
        return seen, newest, eth_last


def test_a_symbol_added_while_running_is_followed_and_nothing_is_lost() -> None:
    seen, newest, eth_last = asyncio.run(_follow_then_add())
    btc, eth = seen["BTCUSDT"], seen["ETHUSDT"]
    assert btc == sorted(set(btc))  # none doubled, in order
    assert btc[0] == newest
    assert all(b - a == 60_000 for a, b in itertools.pairwise(btc))
    assert eth[0] == eth_last + 60_000  # from right after its warm-up, none skipped
    assert all(b - a == 60_000 for a, b in itertools.pairwise(eth))
