"""The `volatility` column of the rule strategies (`strategies.kit_volatility`) and
`Enter.volatility`: the annualised sample standard deviation of the last 30 days of log returns,
by hand on real bars; the stream equal to the batch bit for bit across block and window edges."""

from __future__ import annotations

import math

import numpy as np
import pytest

from aitrader.data import load_sample
from aitrader.domain import Candles, Timeframe
from aitrader.domain.position import EMPTY_BOOK
from aitrader.domain.proposal import Enter
from aitrader.strategies import MarketView, get_strategy
from aitrader.strategies.kit_volatility import (
    VolatilityStream,
    bars_per_year,
    trailing_volatility,
    volatility_window,
)
from aitrader.strategies.rule import RuleStrategy

ENTRY_1H = 940  # BTCUSDT 1h 2017-09-25 14:00: a confluence long, 940 bars in (a full 720-bar window)


@pytest.fixture(scope="module")
def btc_1h_sample() -> Candles:
    return load_sample("BTCUSDT", "1h")


def by_hand(close: np.ndarray, i: int, n: int, per_year: float) -> float:
    """np.std (ddof 1) of the last min(i, n) log returns at bar i, annualised."""
    r = np.diff(np.log(close[max(0, i - n) : i + 1]))
    return float(np.std(r, ddof=1) * math.sqrt(per_year))


def test_the_window_and_the_year() -> None:
    assert volatility_window(Timeframe.H1) == 720
    assert volatility_window(Timeframe.H4) == 180
    assert volatility_window(Timeframe.D1) == 30
    assert volatility_window(Timeframe.W1) == 20  # 4.3 weeks: at least 20 bars
    assert volatility_window(Timeframe.M1) == 43_200
    assert bars_per_year(Timeframe.H1) == 8_766.0
    assert bars_per_year(Timeframe.D1) == 365.25


def test_enter_volatility_is_the_hand_computed_one(btc_1h_sample: Candles) -> None:
    s = get_strategy("confluence", timeframe=Timeframe.H1)
    f = s.features(btc_1h_sample)
    (enter,) = s.on_bar(MarketView(f, ENTRY_1H), EMPTY_BOOK)
    assert isinstance(enter, Enter)
    want = by_hand(btc_1h_sample.close, ENTRY_1H, 720, 8_766.0)
    assert enter.volatility == pytest.approx(want, rel=1e-9)
    assert 1.5 < want < 1.6  # September 2017 (the China ban), hourly: 158% a year (99% from daily closes)


def test_a_short_history_uses_the_returns_it_has(btc_1h_sample: Candles) -> None:
    close = btc_1h_sample.close[:400]
    vol = trailing_volatility(close, 720, 8_766.0)
    assert np.isnan(vol[:20]).all()  # fewer than 20 returns
    for i in (20, 21, 150, 399):
        assert vol[i] == pytest.approx(by_hand(close, i, 720, 8_766.0), rel=1e-9)
    full = trailing_volatility(btc_1h_sample.close, 720, 8_766.0)
    for i in (719, 720, 721, 5_000, len(full) - 1):
        assert full[i] == pytest.approx(by_hand(btc_1h_sample.close, i, 720, 8_766.0), rel=1e-9)


def test_volatility_is_none_while_warming(btc_1h_sample: Candles) -> None:
    s = get_strategy("momentum", timeframe=Timeframe.H1)
    f = s.features(btc_1h_sample.slice(0, 30))
    assert RuleStrategy.volatility_at(MarketView(f, 10)) is None
    assert RuleStrategy.volatility_at(MarketView(f, 25)) == pytest.approx(
        by_hand(btc_1h_sample.close, 25, 720, 8_766.0), rel=1e-9
    )


@pytest.mark.parametrize("warm", [0, 1, 19, 700, 1_440, 4_001])
def test_stream_equals_batch_bit_for_bit(btc_1h_sample: Candles, warm: int) -> None:
    """Across the end of the short-history part (bar 720) and the rolling sums' block edges (every
    1,440 values)."""
    close = btc_1h_sample.close[:6_000]
    batch = trailing_volatility(close, 720, 8_766.0)
    stream = VolatilityStream(720, 8_766.0)
    stream.warm(close[:warm])
    got = np.array([stream.push(float(c)) for c in close[warm:]])
    want = batch[warm:]
    same = (got == want) | (np.isnan(got) & np.isnan(want))
    assert same.all(), f"first difference at bar {warm + int(np.argmin(same))}"


def test_strategy_stream_volatility_equals_batch_under_blocking_costs(btc_1h_sample: Candles) -> None:
    """A strategy's feature stream at a 1% fee: the volatility and the cost columns bit for bit, with
    entries the costs blocked among the pushed bars."""
    candles = btc_1h_sample.slice(0, 7_000)
    s = get_strategy("confluence", timeframe=Timeframe.H1, fee_rate=0.01)
    batch = s.features(candles)
    stream = s.feature_stream(100)
    stream.warm(candles.slice(0, 5_000))
    cols = ("volatility", "long_costs", "short_costs", "entry_long", "entry_short")
    got = {c: [] for c in cols}
    for i in range(5_000, 7_000):
        f = stream.push(candles.row(i))
        for c in cols:
            got[c].append(f[c][-1])
    for c in cols:
        assert np.array_equal(np.array(got[c]), batch[c][5_000:]), c
    assert not batch["long_costs"][5_000:].all() or not batch["short_costs"][5_000:].all()
    assert np.isfinite(batch["volatility"][5_000:]).all()
