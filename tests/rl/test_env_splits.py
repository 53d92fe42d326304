"""`EnvSeries` over real candles, the instruments the environments trade, and the time splits
(contiguous, in time order, gaps between them, test the latest part)."""

from __future__ import annotations

import numpy as np
import pytest

from aitrader.data import load_sample
from aitrader.rl.observation import ObsSpec, market_features
from aitrader.rl.series import EnvSeries, env_instrument
from aitrader.rl.splits import split_bars, split_series


@pytest.fixture(scope="module")
def nifty() -> EnvSeries:
    return EnvSeries.from_candles(load_sample("NIFTY50", "1d"))


def test_series_holds_the_candles_and_their_features(nifty: EnvSeries) -> None:
    c = nifty.candles
    assert (nifty.symbol, nifty.timeframe.value, len(nifty)) == ("NIFTY50", "1d", len(c))
    assert np.array_equal(nifty.close, c.close)
    assert nifty.close.dtype == np.float64
    expected = market_features(c)
    assert np.array_equal(nifty.features.matrix, expected.matrix)
    assert np.array_equal(nifty.atr, expected.atr, equal_nan=True)
    assert nifty.first_valid == expected.first_valid >= ObsSpec().warmup - 1
    assert np.all(np.isfinite(nifty.atr[nifty.first_valid :]))
    assert nifty.obs_dim == 16
    assert "NIFTY50 1d" in nifty.describe()
    small = EnvSeries.from_candles(c.slice(0, 600), ObsSpec(zscore_window=32))
    assert small.first_valid < nifty.first_valid
    assert small.spec.zscore_window == 32


def test_instruments_spot_and_futures() -> None:
    spot = env_instrument("BTCUSDT", 30_000.0, allows_short=False)
    assert not spot.allows_short
    assert spot.market_type == "spot"
    assert float(spot.min_notional) == 5.0
    futures = env_instrument("NIFTY50", 15_000.0, allows_short=True)
    assert futures.allows_short
    assert futures.exchange == "generic"
    long_only = env_instrument("NIFTY50", 15_000.0, allows_short=False)
    assert not long_only.allows_short
    assert long_only.tick_size == futures.tick_size


def test_split_bars_in_time_order_with_gaps() -> None:
    splits = split_bars(10_300, first_valid=300, fractions=(0.7, 0.15, 0.15), gap=50)
    train, val, test = splits
    assert (train.start, test.stop) == (300, 10_300)
    assert val.start == train.stop + 50
    assert test.start == val.stop + 50
    assert (len(train), len(val), len(test)) == (6930, 1485, 1485)  # of the 9900 bars left
    assert train.stop <= val.start
    assert val.stop <= test.start
    assert 300 in train
    assert 10_299 in test
    assert train.stop not in val
    assert splits.by_name("validation") == val
    with pytest.raises(KeyError):
        splits.by_name("holdout")


@pytest.mark.parametrize(
    ("n", "fractions", "gap"),
    [
        (1000, (0.7, 0.3), 0),
        (1000, (0.7, 0.2, 0.2), 0),
        (1000, (1.0, 0.0, 0.0), 0),
        (100, (0.7, 0.15, 0.15), 49),
    ],
)
def test_split_bars_refuses_what_cannot_be_split(n: int, fractions: tuple[float, ...], gap: int) -> None:
    with pytest.raises(ValueError, match=r"fraction|too few"):
        split_bars(n, 0, fractions, gap)


def test_split_series_gaps_by_the_warmup_and_describes_dates(nifty: EnvSeries) -> None:
    splits = split_series(nifty)
    warmup = nifty.spec.warmup
    train, val, test = splits
    assert train.start == nifty.first_valid
    assert test.stop == len(nifty)
    assert val.start - train.stop == warmup == test.start - val.stop
    # validation's first observation reads no training bar
    assert val.start - warmup + 1 > train.stop - 1
    lines = splits.describe(nifty.candles)
    assert lines[0].startswith("train: bars ")
    assert lines[2].startswith("test: bars ")
    assert lines[0].endswith(".. 2013-08-30 00:00")
    assert lines[2].endswith(".. 2021-07-07 00:00")
    first, last = (int(x) for x in lines[1].split("bars ")[1].split(" ")[0].split(".."))
    assert (first, last) == (val.start, val.stop - 1)
