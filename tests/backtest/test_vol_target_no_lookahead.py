"""The volatility-targeted benchmark on a series cut short equals the full run up to the cut: no
future bar (not even how densely future bars come, on a series with gaps) moves a past weight."""

from __future__ import annotations

import numpy as np
import pytest

from aitrader.backtest.vol_target_benchmark import vol_target_buy_and_hold
from aitrader.data import load_sample


@pytest.mark.parametrize("k", [5_000, 20_000, 40_000])
def test_a_shorter_series_gives_the_same_equity_before_its_end(k: int) -> None:
    c = load_sample("BTCUSDT", "1h")  # 128 missing hours in 28 gaps: its bar density varies
    full = vol_target_buy_and_hold(c, 10_000.0, 0.2, 0.001)
    part = vol_target_buy_and_hold(c.slice(0, k), 10_000.0, 0.2, 0.001)
    np.testing.assert_array_equal(part.equity[: k - 1], full.equity[: k - 1])
    assert len(part.trades) >= 2  # it rebalanced before the cut: the comparison is not of cash
