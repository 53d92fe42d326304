"""ccxt OHLCV against the local Binance-compatible exchange on 127.0.0.1, replaying the real BTCUSDT
1m sample: the candles come back as the sample has them, across pages."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from aitrader.data import load_sample
from aitrader.data.providers import CcxtOhlcvProvider, FailoverChain, ProviderError
from aitrader.domain import Timeframe
from aitrader.venues.local import ExchangeThread, LocalExchangeConfig, run_local_exchange


@pytest.fixture(scope="module")
def exchange() -> Iterator[ExchangeThread]:
    with run_local_exchange(LocalExchangeConfig(symbols=("BTCUSDT",), warmup_candles=2500)) as ex:
        yield ex


def test_candles_match_the_replayed_sample_across_pages(exchange: ExchangeThread) -> None:
    sample = load_sample("BTCUSDT", "1m")
    start, end = int(sample.open_time[100]), int(sample.open_time[100]) + 1500 * 60_000
    ccxt = CcxtOhlcvProvider(exchange.rest_url, page_limit=500)
    got = ccxt.fetch_candles("BTCUSDT", Timeframe.M1, start, end)
    want = sample.between(start, end)
    assert (got.symbol, got.timeframe, len(got)) == ("BTCUSDT", Timeframe.M1, len(want))
    for col in ("open_time", "open", "high", "low", "close", "volume"):
        assert np.array_equal(getattr(got, col), getattr(want, col)), col
    assert got.source.startswith("ccxt binance BTCUSDT 1m")


def test_unknown_market_and_dead_venue_are_provider_errors(exchange: ExchangeThread, dead_url: str) -> None:
    with pytest.raises(ProviderError, match="ccxt: binance does not list DOGEUSDT: check the symbol"):
        CcxtOhlcvProvider(exchange.rest_url).fetch_candles("DOGEUSDT", Timeframe.M1, 0, 60_000)
    chain = FailoverChain([CcxtOhlcvProvider(dead_url, timeout_s=2), CcxtOhlcvProvider(exchange.rest_url)])
    sample = load_sample("BTCUSDT", "1m")
    got = chain.fetch(
        "BTCUSDT", Timeframe.H1, int(sample.open_time[45]), int(sample.open_time[45]) + 10 * 3_600_000
    )
    assert len(got.candles) == 10
    assert got.provider == "ccxt"
    assert got.failures[0].startswith("ccxt failed (cannot reach binance")
