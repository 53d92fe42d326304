"""The rolling-sum helper under every window-based numpy indicator."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

from aitrader.features._arrays import rolling_sum


@pytest.mark.parametrize("n", [1, 2, 20, 127, 128, 129, 500, 3000])
def test_rolling_sum_matches_exact_window_sums(btc_1m_volume: np.ndarray, n: int) -> None:
    v = btc_1m_volume[:20_000]
    got = rolling_sum(v, n)
    exact = np.array([np.sum(w, dtype=np.float64) for w in sliding_window_view(v, n)[::7]])
    assert np.isnan(got[: n - 1]).all()
    assert np.allclose(got[n - 1 :: 7], exact, rtol=1e-11, atol=0)


def test_rolling_sum_zero_windows_nan_and_sign() -> None:
    z = np.zeros(600)
    z[100] = 1e6
    z[300] = 1e-3
    s = rolling_sum(z, 20)
    assert (s[120:300] == 0.0).all()  # exactly zero once the big value has left the window
    assert s[300] == pytest.approx(1e-3, rel=1e-12)
    assert (s[19:] >= 0).all()
    x = np.arange(10.0)
    x[4] = np.nan
    assert np.isnan(rolling_sum(x, 3)[4:7]).all()
    assert rolling_sum(x, 3)[7] == 18.0
    assert np.isnan(rolling_sum(np.ones(3), 5)).all()
