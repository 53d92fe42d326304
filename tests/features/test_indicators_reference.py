"""Every indicator against an independent slow pure-Python reference on real BTCUSDT 1m data.

Relative error <= 1e-9 after warm-up, and the same warm-up (NaN) layout. The TA-Lib-backed
functions are additionally spot-checked against TA-Lib's published definition through these
references (seeding rules included), so a wrong parameter mapping would show up here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from aitrader.domain import Candles
from aitrader.features import indicators as ind

from . import reference as ref
from .closeness import max_relative_error

TOL = 1e-9


def _cols(c: Candles) -> dict[str, Any]:
    return {
        "t": c.open_time,
        "h": c.high,
        "l": c.low,
        "c": c.close,
        "v": c.volume,
        "H": c.high.tolist(),
        "L": c.low.tolist(),
        "C": c.close.tolist(),
        "V": c.volume.tolist(),
    }


Case = tuple[str, Callable[[dict[str, Any]], Any], Callable[[dict[str, Any]], Any]]

CASES: list[Case] = [
    ("sma20", lambda d: ind.sma(d["c"], 20), lambda d: ref.sma(d["C"], 20)),
    ("sma200", lambda d: ind.sma(d["c"], 200), lambda d: ref.sma(d["C"], 200)),
    ("ema12", lambda d: ind.ema(d["c"], 12), lambda d: ref.ema(d["C"], 12)),
    ("ema200", lambda d: ind.ema(d["c"], 200), lambda d: ref.ema(d["C"], 200)),
    ("wma20", lambda d: ind.wma(d["c"], 20), lambda d: ref.wma(d["C"], 20)),
    ("rsi14", lambda d: ind.rsi(d["c"], 14), lambda d: ref.rsi(d["C"], 14)),
    ("macd_line", lambda d: ind.macd(d["c"]).line, lambda d: ref.macd(d["C"], 12, 26, 9)[0]),
    ("macd_signal", lambda d: ind.macd(d["c"]).signal, lambda d: ref.macd(d["C"], 12, 26, 9)[1]),
    ("macd_hist", lambda d: ind.macd(d["c"]).hist, lambda d: ref.macd(d["C"], 12, 26, 9)[2]),
    ("bb_upper", lambda d: ind.bollinger(d["c"]).upper, lambda d: ref.bollinger(d["C"], 20, 2.0)[0]),
    ("bb_middle", lambda d: ind.bollinger(d["c"]).middle, lambda d: ref.bollinger(d["C"], 20, 2.0)[1]),
    ("bb_lower", lambda d: ind.bollinger(d["c"]).lower, lambda d: ref.bollinger(d["C"], 20, 2.0)[2]),
    ("atr14", lambda d: ind.atr(d["h"], d["l"], d["c"], 14), lambda d: ref.atr(d["H"], d["L"], d["C"], 14)),
    ("stoch_k", lambda d: ind.stochastic(d["h"], d["l"], d["c"]).k, lambda d: ref.stochastic(d["H"], d["L"], d["C"], 14, 3, 3)[0]),
    ("stoch_d", lambda d: ind.stochastic(d["h"], d["l"], d["c"]).d, lambda d: ref.stochastic(d["H"], d["L"], d["C"], 14, 3, 3)[1]),
    ("willr14", lambda d: ind.williams_r(d["h"], d["l"], d["c"], 14), lambda d: ref.williams_r(d["H"], d["L"], d["C"], 14)),
    ("cci20", lambda d: ind.cci(d["h"], d["l"], d["c"], 20), lambda d: ref.cci(d["H"], d["L"], d["C"], 20)),
    ("adx14", lambda d: ind.adx(d["h"], d["l"], d["c"], 14).adx, lambda d: ref.adx(d["H"], d["L"], d["C"], 14)[0]),
    ("plus_di14", lambda d: ind.adx(d["h"], d["l"], d["c"], 14).plus_di, lambda d: ref.adx(d["H"], d["L"], d["C"], 14)[1]),
    ("minus_di14", lambda d: ind.adx(d["h"], d["l"], d["c"], 14).minus_di, lambda d: ref.adx(d["H"], d["L"], d["C"], 14)[2]),
    ("mfi14", lambda d: ind.mfi(d["h"], d["l"], d["c"], d["v"], 14), lambda d: ref.mfi(d["H"], d["L"], d["C"], d["V"], 14)),
    ("obv", lambda d: ind.obv(d["c"], d["v"]), lambda d: ref.obv(d["C"], d["V"])),
    ("obv_rolling20", lambda d: ind.obv_rolling(d["c"], d["v"], 20), lambda d: ref.obv_rolling(d["C"], d["V"], 20)),
    ("volume_sma20", lambda d: ind.volume_sma(d["v"], 20), lambda d: ref.sma(d["V"], 20)),
    ("rvol20", lambda d: ind.relative_volume(d["v"], 20), lambda d: ref.relative_volume(d["V"], 20)),
    ("vwap_day", lambda d: ind.vwap_session(d["t"], d["h"], d["l"], d["c"], d["v"]), lambda d: ref.vwap_session(d["t"].tolist(), d["H"], d["L"], d["C"], d["V"], 86_400_000)),
    ("vwap20", lambda d: ind.vwap_rolling(d["h"], d["l"], d["c"], d["v"], 20), lambda d: ref.vwap_rolling(d["H"], d["L"], d["C"], d["V"], 20)),
    ("vwap500", lambda d: ind.vwap_rolling(d["h"], d["l"], d["c"], d["v"], 500), lambda d: ref.vwap_rolling(d["H"], d["L"], d["C"], d["V"], 500)),
    ("realized_vol60", lambda d: ind.realized_volatility(d["c"], 60), lambda d: ref.realized_volatility(d["C"], 60)),
    ("realized_vol1440", lambda d: ind.realized_volatility(d["c"], 1440), lambda d: ref.realized_volatility(d["C"], 1440)),
    ("donchian_upper", lambda d: ind.donchian(d["h"], d["l"], 20).upper, lambda d: ref.highest(d["H"], 20)),
    ("donchian_lower", lambda d: ind.donchian(d["h"], d["l"], 20).lower, lambda d: ref.lowest(d["L"], 20)),
    ("slope20", lambda d: ind.slope(d["c"], 20), lambda d: ref.slope(d["C"], 20)),
    ("true_range", lambda d: ind.true_range(d["h"], d["l"], d["c"]), lambda d: ref.true_range(d["H"], d["L"], d["C"])),
    ("keltner_upper", lambda d: ind.keltner(d["h"], d["l"], d["c"]).upper, lambda d: np.add(ref.ema(d["C"], 20), np.multiply(2.0, ref.atr(d["H"], d["L"], d["C"], 10)))),
    ("keltner_lower", lambda d: ind.keltner(d["h"], d["l"], d["c"]).lower, lambda d: np.subtract(ref.ema(d["C"], 20), np.multiply(2.0, ref.atr(d["H"], d["L"], d["C"], 10)))),
]  # fmt: skip

# The full 1m sample (71k bars) for O(n) references; O(n*window) ones use the first 20k or 6k bars.
_SLOW = {"sma200", "cci20", "bb_upper", "bb_middle", "bb_lower", "slope20"}
_SLOWEST = {"vwap500", "realized_vol1440"}


@pytest.fixture(scope="module")
def cols_full(btc_1m: Candles) -> dict[str, Any]:
    return _cols(btc_1m)


@pytest.fixture(scope="module")
def cols_20k(btc_1m: Candles) -> dict[str, Any]:
    return _cols(btc_1m.slice(0, 20_000))


@pytest.fixture(scope="module")
def cols_6k(btc_1m: Candles) -> dict[str, Any]:
    return _cols(btc_1m.slice(0, 6_000))


@pytest.mark.parametrize(("name", "fast", "slow"), CASES, ids=[c[0] for c in CASES])
def test_indicator_matches_reference(
    name: str,
    fast: Callable[[dict[str, Any]], Any],
    slow: Callable[[dict[str, Any]], Any],
    cols_full: dict[str, Any],
    cols_20k: dict[str, Any],
    cols_6k: dict[str, Any],
) -> None:
    d = cols_6k if name in _SLOWEST else cols_20k if name in _SLOW else cols_full
    got = np.asarray(fast(d), dtype=np.float64)
    expected = np.asarray(slow(d), dtype=np.float64)
    assert len(got) == len(d["c"])
    assert np.isfinite(got[-1000:]).mean() > 0.9, "indicator is mostly undefined on real data"
    err = max_relative_error(got, expected)
    assert err <= TOL, f"{name}: max relative error {err:.3e}"


def test_bollinger_derived_bands(cols_full: dict[str, Any]) -> None:
    bb = ind.bollinger(cols_full["c"], 20, 2.0)
    ok = ~np.isnan(bb.pct_b)
    c = cols_full["c"]
    assert np.allclose(bb.pct_b[ok], (c[ok] - bb.lower[ok]) / (bb.upper[ok] - bb.lower[ok]), rtol=1e-12)
    assert np.allclose(bb.bandwidth[ok], (bb.upper[ok] - bb.lower[ok]) / bb.middle[ok], rtol=1e-12)
    # Where the band has zero width (a flat 20-bar stretch), %B is undefined, not infinite.
    flat = bb.upper == bb.lower
    assert np.isnan(bb.pct_b[flat]).all()


def test_periods_are_validated() -> None:
    x = np.arange(50, dtype=np.float64)
    with pytest.raises(ValueError, match="sma period"):
        ind.sma(x, 0)
    with pytest.raises(ValueError, match="rsi period"):
        ind.rsi(x, 1)
