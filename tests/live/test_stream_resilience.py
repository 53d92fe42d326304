"""The kline stream survives dropped connections and duplicated messages: over a replayed hour the
closed candles a consumer sees equal the reference file, none missing and none doubled."""

from __future__ import annotations

import asyncio
import contextlib
from decimal import Decimal
from pathlib import Path

from aitrader.domain import Candle, Timeframe
from aitrader.venues.binance.klines import KlineUpdate
from aitrader.venues.binance.market_stream import ConnectionEvent, DataQualityEvent, MarketStream
from aitrader.venues.binance.rest_public import PublicRest

from .helpers import TARGET_START_MS, exchange, sample_around, wait_for

HOUR = 60


def _reference(first_open: int, n: int) -> list[Candle]:
    ref = sample_around(TARGET_START_MS)
    rows = ref.between(first_open, first_open + n * 60_000)
    return [
        Candle(int(rows.open_time[i]), Decimal(repr(float(rows.open[i]))), Decimal(repr(float(rows.high[i]))),
               Decimal(repr(float(rows.low[i]))), Decimal(repr(float(rows.close[i]))),
               Decimal(repr(float(rows.volume[i]))))
        for i in range(len(rows))
    ]  # fmt: skip


async def _replay_with_drops(duplicate_share: float) -> tuple[list[Candle], list[DataQualityEvent], int]:
    seen: list[Candle] = []
    quality: list[DataQualityEvent] = []
    connects = 0
    async with exchange(TARGET_START_MS) as ex:
        ex.faults.update({"duplicate_share": duplicate_share})
        rest = PublicRest(ex.rest_url)
        newest = (await rest.klines("BTCUSDT", Timeframe.M1, limit=1))[-1].open_time
        stream = MarketStream(ex.ws_url, [("BTCUSDT", Timeframe.M1)], rest, stale_after_s=2.0)
        stream.resume_from("BTCUSDT", Timeframe.M1, newest - 60_000)

        async def consume() -> None:
            nonlocal connects
            async for ev in stream.events():
                if isinstance(ev, KlineUpdate) and ev.candle.closed:
                    seen.append(ev.candle)
                elif isinstance(ev, DataQualityEvent):
                    quality.append(ev)
                elif isinstance(ev, ConnectionEvent) and ev.state == "connected":
                    connects += 1

        task = asyncio.create_task(consume())
        await wait_for(lambda: stream.connected, what="connected")
        stepped = 0
        while stepped < HOUR:
            for _ in range(3):  # a few candles with the connection up
                await ex.step(candles=1)
                stepped += 1
                await asyncio.sleep(0.02)
            await ex.drop_connections()  # then the connection drops...
            for _ in range(2):  # ...and candles close while we are away
                await ex.step(candles=1)
                stepped += 1
            await wait_for(lambda: stream.connected, what="reconnected")
        await ex.step(candles=1)  # one more message lets the stream notice the last gap
        await wait_for(lambda: len(seen) >= stepped + 1, timeout=20, what="every candle")
        await stream.stop()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await rest.close()
        return seen, quality, connects


def test_dropped_connections_lose_nothing_and_double_nothing() -> None:
    seen, quality, connects = asyncio.run(_replay_with_drops(duplicate_share=0.0))
    assert connects >= 12  # one drop every 5 candles over the hour
    times = [c.open_time for c in seen]
    assert len(times) == len(set(times)), "a candle was delivered twice"
    assert times == sorted(times)
    assert seen == _reference(times[0], len(times)), "the candles differ from the reference file"
    assert len(seen) >= HOUR
    kinds = {q.kind for q in quality}
    assert {"gap_found", "gap_filled"} <= kinds
    assert sum(q.count for q in quality if q.kind == "gap_filled") >= 2 * 12


def test_duplicated_messages_are_dropped() -> None:
    seen, quality, _ = asyncio.run(_replay_with_drops(duplicate_share=0.5))
    times = [c.open_time for c in seen]
    assert len(times) == len(set(times))
    assert seen == _reference(times[0], len(times))
    assert any(q.kind == "duplicate_dropped" for q in quality)


def test_a_stalled_stream_is_detected_and_reconnected() -> None:
    async def scenario() -> list[str]:
        states: list[str] = []
        async with exchange(TARGET_START_MS) as ex:
            rest = PublicRest(ex.rest_url)
            stream = MarketStream(ex.ws_url, [("BTCUSDT", Timeframe.M1)], rest, stale_after_s=0.5)
            ex.faults.update({"stall_streams": True})

            async def consume() -> None:
                async for ev in stream.events():
                    if isinstance(ev, ConnectionEvent):
                        states.append(ev.state)

            task = asyncio.create_task(consume())
            await wait_for(
                lambda: states.count("connected") >= 2, timeout=20, what="a reconnect after the stall"
            )
            await stream.stop()
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            await rest.close()
        return states

    states = asyncio.run(scenario())
    assert "stale" in states
    assert states.index("stale") < len(states) - 1 - states[::-1].index("connected")


def test_several_symbols_on_one_combined_connection() -> None:
    from aitrader.data import load_sample
    from aitrader.venues.local import LocalExchange, LocalExchangeConfig

    lo, hi = TARGET_START_MS - 50 * 60_000, TARGET_START_MS + 30 * 60_000
    candles = {s: load_sample(s, "1m").between(lo, hi) for s in ("BTCUSDT", "ETHUSDT")}

    async def scenario() -> dict[str, list[int]]:
        seen: dict[str, list[int]] = {"BTCUSDT": [], "ETHUSDT": []}
        config = LocalExchangeConfig(symbols=("BTCUSDT", "ETHUSDT"), start_ms=TARGET_START_MS, speed=0.0)
        async with LocalExchange(config, candles) as ex:
            rest = PublicRest(ex.rest_url)
            subs = [("BTCUSDT", Timeframe.M1), ("ETHUSDT", Timeframe.M1)]
            stream = MarketStream(ex.ws_url, subs, rest, stale_after_s=5.0)
            for s, tf in subs:
                stream.resume_from(s, tf, TARGET_START_MS - 60_000)

            async def consume() -> None:
                async for ev in stream.events():
                    if isinstance(ev, KlineUpdate) and ev.candle.closed:
                        seen[ev.symbol].append(ev.candle.open_time)

            task = asyncio.create_task(consume())
            await wait_for(lambda: stream.connected, what="connected")
            for k in range(10):
                await ex.step(candles=1)
                if k == 4:
                    await ex.drop_connections()
                    await ex.step(candles=1)
                    await wait_for(lambda: stream.connected, what="reconnected")
                await asyncio.sleep(0.02)
            await wait_for(lambda: all(len(v) >= 11 for v in seen.values()), timeout=20, what="both series")
            await stream.stop()
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            await rest.close()
        return seen

    seen = asyncio.run(scenario())
    for symbol, times in seen.items():
        assert times == [TARGET_START_MS + k * 60_000 for k in range(len(times))], symbol


def test_the_strategy_sees_the_reference_hour_while_connections_drop(tmp_path: Path) -> None:
    import numpy as np

    from aitrader.live.runner import LiveRunner

    from .helpers import run_config, started

    async def scenario() -> LiveRunner:
        async with exchange(TARGET_START_MS) as ex:
            runner = LiveRunner(run_config(ex, tmp_path, paper=True))
            task = asyncio.create_task(runner.run())
            await started(runner)
            ex.faults.update({"drop_ws_every_s": 1.5, "duplicate_share": 0.2})
            for k in range(HOUR):
                if k % 10 == 5:  # on top of the timed drops: a drop with candles closing while away
                    await ex.drop_connections()
                    await ex.step(candles=1)
                    await wait_for(lambda: runner.stream is not None and runner.stream.connected, what="back")
                    continue
                before = runner.loops_done
                await ex.step(candles=1)
                with contextlib.suppress(AssertionError):  # while reconnecting, the candle waits for backfill
                    await wait_for(lambda b=before: runner.loops_done > b, timeout=1.0)  # type: ignore[misc]
            ex.faults.update({"drop_ws_every_s": 0.0})
            await wait_for(lambda: runner.stream is not None and runner.stream.connected, what="reconnected")
            await ex.step(candles=1)
            await wait_for(lambda: len(runner.seen_closed) >= HOUR + 2, timeout=20, what="every candle")
            runner.request_stop("test over")
            await task
            return runner

    runner = asyncio.run(scenario())
    assert runner.state.reconnects >= 3
    times = runner.seen_closed
    assert len(times) == len(set(times))
    assert times == list(range(times[0], times[-1] + 1, 60_000))  # none missing, none doubled
    window = runner.kernel.candles
    reference = sample_around(TARGET_START_MS).between(None, int(window.open_time[-1]) + 1).tail(len(window))
    assert np.array_equal(window.open_time, reference.open_time)
    for column in ("open", "high", "low", "close", "volume"):
        assert np.array_equal(getattr(window, column), getattr(reference, column)), column
