"""The live universe against the local exchange on 127.0.0.1, replaying real candles: the first
selection, the watcher's (added, removed) as the replay moves on or a symbol halts, a clean stop."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from universe_helpers import HOUR_MS, START_MS

from aitrader.domain import Candles
from aitrader.universe import UniverseRule
from aitrader.universe.fetch import UniverseWatcher, select_universe
from aitrader.universe.history import select_at
from aitrader.venues.binance.rest_public import PublicRest
from aitrader.venues.local import ExchangeThread, LocalExchangeConfig, run_local_exchange

Changes = list[tuple[tuple[str, ...], tuple[str, ...]]]


@pytest.fixture
def exchange(sample_candles: dict[str, Candles]) -> Iterator[ExchangeThread]:
    config = LocalExchangeConfig(symbols=tuple(sample_candles), start_ms=START_MS)
    with run_local_exchange(config, sample_candles) as ex:
        yield ex


def test_select_universe_reads_the_venue(
    exchange: ExchangeThread, sample_candles: dict[str, Candles]
) -> None:
    async def main() -> tuple[tuple[str, ...], ...]:
        public = PublicRest(exchange.rest_url)
        try:
            by_volume = await select_universe(public, UniverseRule.parse("top:2:volume"))
            by_range = await select_universe(public, UniverseRule.parse("top:2:volatility"))
            static = await select_universe(public, UniverseRule.parse("SOLUSDT,XRPUSDT"))
        finally:
            await public.close()
        assert static.excluded == {"XRPUSDT": "not listed by the venue"}
        assert static.ranked[0].quote_volume is not None
        assert by_volume.at_ms is not None
        assert by_volume.at_ms >= START_MS
        return by_volume.symbols, by_range.symbols, static.symbols

    by_volume, by_range, static = asyncio.run(main())
    # 2023-03-17: BTC traded ten times ETH's quote volume; BTC and SOL swung the most that day
    assert by_volume == ("BTCUSDT", "ETHUSDT")
    assert by_range == ("BTCUSDT", "SOLUSDT")
    assert static == ("SOLUSDT",)
    # the backtest ranking from candles agrees with the venue's 24 h tickers
    rule = UniverseRule.parse("top:2:volatility")
    assert set(select_at(sample_candles, rule, START_MS).symbols) == set(by_range)


def test_watcher_reports_what_came_in_and_went_out(exchange: ExchangeThread) -> None:
    """Replayed 17 hours later ETH's 24 h range has passed BTC's; a halted symbol leaves at once."""

    async def main() -> tuple[Changes, tuple[str, ...], tuple[str, ...]]:
        seen: Changes = []
        changed = asyncio.Event()

        def on_change(added: tuple[str, ...], removed: tuple[str, ...]) -> None:
            seen.append((added, removed))
            changed.set()

        public = PublicRest(exchange.rest_url)
        watcher = UniverseWatcher(public, UniverseRule.parse("top:2:volatility"), on_change, interval_s=0.05)
        try:
            first = await watcher.start()
            assert watcher.running
            exchange.step(candles=17 * 60)
            await asyncio.wait_for(changed.wait(), 30)
            changed.clear()
            after_replay = watcher.symbols
            exchange.call(lambda: exchange.exchange.eng.entries["SOLUSDT"].update(status="BREAK"))
            await asyncio.wait_for(changed.wait(), 30)
        finally:
            await watcher.stop()
            await public.close()
        assert not watcher.running
        return seen, first.symbols, after_replay

    seen, first, after_replay = asyncio.run(main())
    assert first == ("BTCUSDT", "SOLUSDT")
    assert after_replay == ("SOLUSDT", "ETHUSDT")
    assert seen == [(("ETHUSDT",), ("BTCUSDT",)), (("BTCUSDT",), ("SOLUSDT",))]


def test_a_failed_refresh_keeps_the_universe_and_a_failed_callback_sees_the_change_again(
    exchange: ExchangeThread,
) -> None:
    async def main() -> None:
        calls: Changes = []

        async def on_change(added: tuple[str, ...], removed: tuple[str, ...]) -> None:
            calls.append((added, removed))
            if len(calls) == 1:
                raise RuntimeError("could not subscribe")

        public = PublicRest(exchange.rest_url, max_attempts=1)
        watcher = UniverseWatcher(public, UniverseRule.parse("top:1:volume"), on_change, interval_s=3600)
        assert watcher.interval_s == 3600
        await watcher.start()
        assert watcher.symbols == ("BTCUSDT",)
        exchange.call(lambda: exchange.exchange.eng.entries["BTCUSDT"].update(status="HALT"))
        with pytest.raises(RuntimeError, match="could not subscribe"):
            await watcher.refresh()
        assert watcher.symbols == ("BTCUSDT",)  # not taken over while the callback failed
        assert await watcher.refresh() == (("ETHUSDT",), ("BTCUSDT",))
        assert calls == [(("ETHUSDT",), ("BTCUSDT",))] * 2
        assert await watcher.refresh() == ((), ())  # nothing new: no call
        assert len(calls) == 2
        exchange.set_faults(rest_error_share=1.0, rest_error_status=418)
        with pytest.raises(Exception, match="418"):
            await watcher.refresh()
        assert watcher.symbols == ("ETHUSDT",)
        await watcher.stop()
        await watcher.stop()  # idempotent
        await public.close()

    asyncio.run(main())


def test_watcher_as_a_context_manager_refreshes_on_its_interval(exchange: ExchangeThread) -> None:
    async def main() -> int:
        seen: Changes = []
        public = PublicRest(exchange.rest_url)
        rule = UniverseRule.from_mapping({"spec": "top:1:volatility", "refresh": "1h"})
        async with UniverseWatcher(public, rule, lambda a, r: seen.append((a, r)), interval_s=0.05) as w:
            assert w.symbols == ("BTCUSDT",)
            exchange.step(candles=10 * 60)  # SOL's range passes BTC's about 9 hours on
            for _ in range(600):
                if seen:
                    break
                await asyncio.sleep(0.05)
        await public.close()
        assert seen == [(("SOLUSDT",), ("BTCUSDT",))]
        return rule.refresh_ms

    assert asyncio.run(main()) == HOUR_MS
