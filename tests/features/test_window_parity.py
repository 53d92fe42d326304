"""One code path for backtest and live: the same functions over a trailing window of the documented
size give a last value equal (within 1e-9) to the full-history value, for every standard feature.

Windows come from `FEATURE_WINDOW` / `window_for`; EMA-family, RSI, ATR, ADX, MACD and Keltner
have infinite memory, and their windows are derived from their decay rate (see
`aitrader.features.indicators.windows`). Checked at several end points of real BTCUSDT 1m data.
"""

from __future__ import annotations

import numpy as np
import pytest

from aitrader.domain import Candles
from aitrader.features import FEATURE_WINDOW, compute_features
from aitrader.features.indicators import ema, obv, rsi, window_for

TOL = 1e-9


@pytest.fixture(scope="module")
def full(btc_1m: Candles) -> dict[str, np.ndarray]:
    return compute_features(btc_1m)


def _ends(n: int, window: int) -> list[int]:
    return sorted({window + 7, n // 3, (2 * n) // 3 + 11, n})


def test_every_standard_feature_has_a_window_rule(full: dict[str, np.ndarray]) -> None:
    assert set(FEATURE_WINDOW) == set(full)


@pytest.mark.parametrize("window", sorted({w for w in FEATURE_WINDOW.values() if w is not None}))
def test_trailing_window_reproduces_full_history(
    btc_1m: Candles, full: dict[str, np.ndarray], window: int
) -> None:
    keys = [k for k, w in FEATURE_WINDOW.items() if w == window]
    for end in _ends(len(btc_1m), window):
        live = compute_features(btc_1m.slice(end - window, end))
        for key in keys:
            want, got = full[key][end - 1], live[key][-1]
            if np.isnan(want):
                assert np.isnan(got), f"{key} at bar {end - 1}: full history NaN, window {got}"
                continue
            scale = float(np.nanmedian(np.abs(full[key])))
            err = abs(got - want) / max(abs(want), scale)
            assert err <= TOL, f"{key} (window {window}) at bar {end - 1}: {got} vs {want}, rel err {err:.2e}"


def test_obv_has_no_finite_window_but_its_changes_match(btc_1m: Candles, full: dict[str, np.ndarray]) -> None:
    assert FEATURE_WINDOW["obv"] is None
    end, w = len(btc_1m), 500
    live = obv(btc_1m.close[end - w : end], btc_1m.volume[end - w : end])
    # OBV's level depends on the start; its change over the window does not.
    assert live[-1] - live[0] == pytest.approx(full["obv"][end - 1] - full["obv"][end - w], rel=1e-9)


def test_windows_are_long_enough_and_not_trivially_so(btc_1m: Candles) -> None:
    """The decay-derived window is needed: a window 4x shorter misses 1e-9 for EMA(200) and RSI(14)."""
    c = btc_1m.close
    for fn, name, n in ((ema, "ema", 200), (rsi, "rsi", 14)):
        w = window_for(name, n=n)
        assert w is not None
        full_last = fn(c, n)[-1]
        assert abs(fn(c[-w:], n)[-1] - full_last) <= TOL * abs(full_last)
        short = fn(c[-(w // 4) :], n)[-1]
        assert abs(short - full_last) > TOL * abs(full_last)


def test_window_for_rejects_unknown_names() -> None:
    with pytest.raises(KeyError, match="no window rule"):
        window_for("supertrend")
