"""How many trailing bars each indicator needs so its LAST value equals the full-history value.

Window-local indicators (SMA, Bollinger, CCI, ...) need exactly their lookback. Indicators with
infinite memory (EMA, RSI, ATR, ADX, MACD, Keltner) forget their seed geometrically, by a factor
(1 - alpha) per bar; their window is the warm-up plus the bars it takes that factor to fall below
`DECAY_TOL` (1e-12, three orders of magnitude under the 1e-9 parity tolerance, which the
parity tests in tests/features/test_window_parity.py measure on real BTCUSDT 1m data).

OBV is a running total with no decay: its level depends on where a series starts, so it has no
finite window (`None`); live code uses `obv_rolling` or carries OBV's state (talib.stream.OBV).
"""

from __future__ import annotations

import math
from collections.abc import Callable

DECAY_TOL = 1e-12


def decay_bars(alpha: float, tol: float = DECAY_TOL) -> int:
    """Bars until (1 - alpha)^k <= tol."""
    return math.ceil(math.log(tol) / math.log(1.0 - alpha))


def _ema(n: int) -> int:
    return n + decay_bars(2.0 / (n + 1))


def _wilder(n: int) -> int:
    return n + 1 + decay_bars(1.0 / n)


def _macd(fast: int = 12, slow: int = 26, signal: int = 9) -> int:
    return slow + signal + decay_bars(2.0 / (max(fast, slow) + 1)) + decay_bars(2.0 / (signal + 1))


def _adx(n: int = 14) -> int:
    # Two chained Wilder smoothings (DM/TR, then DX -> ADX); the chain decays like k(1-a)^k,
    # so allow a second decay length for the polynomial factor.
    return 2 * n + 2 * decay_bars(1.0 / n)


def _keltner(n: int = 20, atr_n: int = 10) -> int:
    return max(_ema(n), _wilder(atr_n))


_WINDOWS: dict[str, Callable[..., int | None]] = {
    "sma": lambda n=20: n,
    "wma": lambda n=20: n,
    "ema": lambda n=20: _ema(n),
    "macd": _macd,
    "rsi": lambda n=14: _wilder(n),
    "atr": lambda n=14: _wilder(n),
    "adx": _adx,
    "bollinger": lambda n=20: n,
    "stochastic": lambda k_period=14, k_smooth=3, d_period=3: k_period + k_smooth + d_period - 2,
    "williams_r": lambda n=14: n,
    "cci": lambda n=20: n,
    "mfi": lambda n=14: n + 1,
    "obv": lambda: None,
    "obv_rolling": lambda n=20: n + 1,
    "volume_sma": lambda n=20: n,
    "relative_volume": lambda n=20: n + 1,
    "vwap_rolling": lambda n=20: n,
    "vwap_session": lambda bars_per_session=1440: bars_per_session,
    "realized_volatility": lambda n=60: n + 1,
    "donchian": lambda n=20: n,
    "keltner": _keltner,
    "slope": lambda n=20: n,
    "true_range": lambda: 2,
}


def window_for(name: str, **params: int) -> int | None:
    """Trailing bars `name` (with `params`, defaults otherwise) needs for a full-history-exact last value.

    None means no finite window exists (OBV). Example: `window_for("ema", n=200)`.
    """
    try:
        fn = _WINDOWS[name]
    except KeyError:
        raise KeyError(
            f"no window rule for indicator {name!r}: known are {', '.join(sorted(_WINDOWS))}"
        ) from None
    return fn(**params)


def known_indicators() -> tuple[str, ...]:
    return tuple(sorted(_WINDOWS))


__all__ = ["DECAY_TOL", "decay_bars", "known_indicators", "window_for"]
