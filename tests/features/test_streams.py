"""The incremental feature blocks (`aitrader.features.stream`) against their batch functions on real
data: warmed on a prefix, advanced one bar at a time, each value equal BIT FOR BIT to the batch
function over the whole series at that bar. The BTCUSDT 1m stretch used crosses the 2023-03-24
Binance halt (72 zero-volume minutes, then 80 missing ones) at bars 10,873-10,944."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import talib
from talib import stream as ta

from aitrader.domain import Candles, Timeframe
from aitrader.features import align_index, resample
from aitrader.features._arrays import rolling_sum
from aitrader.features.indicators import realized_volatility, relative_volume
from aitrader.features.percentile import rolling_percentile_rank
from aitrader.features.regime import RegimeConfig, regimes
from aitrader.features.stream import (
    Bar,
    BlockRollingSum,
    HigherTimeframe,
    Lag,
    RegimeStream,
    RelativeVolume,
    RollingRank,
    TalibHandle,
)
from aitrader.strategies.regime import STRATEGY_REGIME

START, STOP = 8_000, 12_500  # the halt lies inside


def same(got: np.ndarray, want: np.ndarray, what: str) -> None:
    """Equal bit for bit (NaN where NaN); names the first bar that differs."""
    got, want = np.asarray(got), np.asarray(want)
    assert got.shape == want.shape, what
    differ = ~((got == want) | (np.isnan(got) & np.isnan(want)))
    if differ.any():
        i = int(np.flatnonzero(differ)[0])
        pytest.fail(
            f"{what}: first difference at offset {i}: {got[i]!r} vs {want[i]!r} ({differ.sum()} differ)"
        )


TALIB_CASES: list[tuple[str, Callable[..., Any], dict[str, Any], Callable[..., Any], tuple[str, ...]]] = [
    ("EMA", ta.EMA, {"timeperiod": 50}, lambda c: talib.EMA(c.close, 50), ("close",)),
    ("RSI", ta.RSI, {"timeperiod": 14}, lambda c: talib.RSI(c.close, 14), ("close",)),
    ("ATR", ta.ATR, {"timeperiod": 14}, lambda c: talib.ATR(c.high, c.low, c.close, 14), ("high", "low", "close")),
    ("ADX", ta.ADX, {"timeperiod": 14}, lambda c: talib.ADX(c.high, c.low, c.close, 14), ("high", "low", "close")),
    ("MACD", ta.MACD, {}, lambda c: talib.MACD(c.close)[2], ("close",)),
    ("BBANDS", ta.BBANDS, {"timeperiod": 20, "nbdevup": 2.0, "nbdevdn": 2.0}, lambda c: talib.BBANDS(c.close, 20, 2.0, 2.0)[2], ("close",)),
    ("MAX", ta.MAX, {"timeperiod": 30}, lambda c: talib.MAX(c.high, 30), ("high",)),
]  # fmt: skip


@pytest.mark.parametrize("warm", [0, 5, 3_000])
@pytest.mark.parametrize(
    ("name", "kind", "params", "batch", "inputs"), TALIB_CASES, ids=[c[0] for c in TALIB_CASES]
)
def test_talib_handles_equal_the_batch_function_over_the_whole_history(
    btc_1m: Candles,
    warm: int,
    name: str,
    kind: Any,
    params: dict[str, Any],
    batch: Any,
    inputs: tuple[str, ...],
) -> None:
    """Including a history too short to open on (NaN until TA-Lib accepts it, as the batch is)."""
    c = btc_1m.slice(0, warm + 1_500)
    outputs = 3 if name in ("MACD", "BBANDS") else 1
    pick = 2 if outputs == 3 else 0  # MACD's histogram, BBANDS' lower band
    handle = TalibHandle(kind, outputs=outputs, **params)
    handle.warm(*(getattr(c, k)[:warm] for k in inputs))
    got = [handle.update(*(float(getattr(c, k)[i]) for k in inputs))[pick] for i in range(warm, len(c))]
    same(np.array(got), batch(c)[warm:], name)


@pytest.mark.parametrize("n", [1, 20, 60, 200])
@pytest.mark.parametrize("warm", [0, 37, 127, 128, 2_000])
def test_block_rolling_sum_equals_rolling_sum_bit_for_bit(btc_1m: Candles, n: int, warm: int) -> None:
    """Warm ends before, on and after block boundaries (blocks of max(128, 2n) values)."""
    v = btc_1m.volume[START:STOP]
    sums = BlockRollingSum(n)
    warmed = sums.warm(v[:warm])
    if warm:
        same(np.array([warmed]), rolling_sum(v[:warm], n)[-1:], f"rolling_sum(n={n}) at the end of warm-up")
    got = [sums.push(float(x)) for x in v[warm:]]
    same(np.array(got), rolling_sum(v, n)[warm:], f"rolling_sum(n={n}) warmed on {warm}")


def test_block_rolling_sum_with_a_leading_nan_counts_blocks_from_the_first_value(btc_1m: Candles) -> None:
    c = btc_1m.close[START:STOP]
    r2 = np.full(len(c), np.nan)
    r2[1:] = np.log(c[1:] / c[:-1]) ** 2
    sums = BlockRollingSum(60)
    sums.warm(r2[:500])
    same(np.array([sums.push(float(x)) for x in r2[500:]]), rolling_sum(r2, 60)[500:], "squared log returns")


def test_block_rolling_sum_refuses_a_nan_inside_the_series() -> None:
    sums = BlockRollingSum(3)
    sums.warm(np.array([1.0, 2.0, 3.0]))
    with pytest.raises(ValueError, match="slow path"):
        sums.push(float("nan"))


def test_rolling_rank_equals_the_batch_percentile(btc_1m: Candles) -> None:
    vol = realized_volatility(btc_1m.close[START:STOP], 60)  # NaN for its first 60 bars
    want = rolling_percentile_rank(vol, 720, 24)
    for warm in (0, 700, 2_000):
        rank = RollingRank(720, 24)
        rank.warm(vol[:warm])
        same(np.array([rank.push(float(x)) for x in vol[warm:]]), want[warm:], f"rank warmed on {warm}")


def test_relative_volume_and_lag(btc_1m: Candles) -> None:
    """The halt's zero-volume run makes the base 0: NaN there, as in the batch."""
    v = btc_1m.volume[START:STOP]
    want = relative_volume(v, 20)
    assert np.isnan(want[10_900 - START])  # 27 bars into the zero-volume run
    rvol, lag = RelativeVolume(20), Lag(3)
    rvol.warm(v[:1_000])
    lag.warm(v[:1_000])
    same(np.array([rvol.push(float(x)) for x in v[1_000:]]), want[1_000:], "relative volume")
    lag.warm(v[:2])
    assert np.isnan(lag.push(float(v[2])))
    assert lag.push(float(v[3])) == v[0]


@pytest.mark.parametrize("tf", [Timeframe.M15, Timeframe.H1, Timeframe.D1])
def test_higher_timeframe_closes_each_candle_where_the_batch_view_first_sees_it(
    btc_1m: Candles, tf: Timeframe
) -> None:
    c = btc_1m.slice(START, STOP)
    full = resample(c, tf)
    seen = align_index(c.open_time, c.timeframe, full.open_time, tf)  # last closed candle per base bar
    warm = 1_007  # mid-bucket for every tf here
    higher = HigherTimeframe(c.timeframe, tf)
    closed = list(higher.warm(c.slice(0, warm)).open_time)
    assert len(closed) == seen[warm - 1] + 1
    for i in range(warm, len(c)):
        for bar in higher.push(Bar.at(c, i)):
            k = len(closed)
            assert bar == Bar.at(full, k), f"{tf.value} candle {k} differs"  # OHLC and the summed volume
            closed.append(bar.open_time)
        assert len(closed) == seen[i] + 1, f"{tf.value}: bar {i} sees {len(closed)} closed candles"


def test_higher_timeframe_over_gappy_hourly_candles(btc_1h: Candles) -> None:
    """BTCUSDT 1h has 28 real gaps, the longest 33 hours (two days can close on one bar)."""
    c = btc_1h.slice(0, 6_000)
    full = resample(c, Timeframe.D1)
    seen = align_index(c.open_time, c.timeframe, full.open_time, Timeframe.D1)
    higher = HigherTimeframe(c.timeframe, Timeframe.D1)
    n_closed = len(higher.warm(c.slice(0, 10)))
    for i in range(10, len(c)):
        for bar in higher.push(Bar.at(c, i)):
            assert bar == Bar.at(full, n_closed)
            n_closed += 1
        assert n_closed == seen[i] + 1


@pytest.mark.parametrize("config", [STRATEGY_REGIME, RegimeConfig()], ids=["strategy", "default"])
def test_regime_stream_equals_the_batch_labels(btc_1m: Candles, config: RegimeConfig) -> None:
    c = btc_1m.slice(0, STOP)
    want = regimes(c, config)
    stream = RegimeStream(config)
    stream.warm(c.slice(0, START))
    got = np.array([stream.push(Bar.at(c, i)) for i in range(START, len(c))])
    assert len(set(want[START:].tolist())) >= 4  # trends, range, high volatility, illiquid/unknown
    np.testing.assert_array_equal(got, want[START:])
