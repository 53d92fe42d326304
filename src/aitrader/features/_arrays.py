"""Small array helpers shared by the feature modules: dtype coercion and window-local rolling sums."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Int8Array = npt.NDArray[np.int8]
BoolArray = npt.NDArray[np.bool_]

# Up to this window length rolling sums are summed window by window (exact and window-local, so
# a trailing window reproduces the full-history value bit for bit); above it a cumulative sum is used.
_DIRECT_SUM_MAX = 256


def f64(x: npt.ArrayLike) -> FloatArray:
    """`x` as a contiguous float64 array (no copy when it already is one)."""
    return np.ascontiguousarray(x, dtype=np.float64)


def nan_like(x: npt.NDArray[np.generic]) -> FloatArray:
    return np.full(len(x), np.nan, dtype=np.float64)


def check_period(name: str, period: int, minimum: int = 1) -> None:
    if int(period) != period or period < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {period!r}")


def rolling_sum(x: FloatArray, n: int) -> FloatArray:
    """Sum of the last `n` values at each index; NaN for the first n-1 (warm-up) and where a NaN is inside."""
    check_period("window", n)
    out = nan_like(x)
    if len(x) < n:
        return out
    if n <= _DIRECT_SUM_MAX:
        out[n - 1 :] = sliding_window_view(x, n).sum(axis=1)
    else:
        bad = np.isnan(x)
        c = np.concatenate(([0.0], np.cumsum(np.where(bad, 0.0, x))))
        nb = np.concatenate(([0], np.cumsum(bad)))
        out[n - 1 :] = np.where(nb[n:] - nb[:-n] > 0, np.nan, c[n:] - c[:-n])
    return out


def rolling_mean(x: FloatArray, n: int) -> FloatArray:
    return rolling_sum(x, n) / n


def shift(x: FloatArray, k: int = 1) -> FloatArray:
    """`x` delayed by k bars (value of k bars ago); NaN for the first k."""
    out = nan_like(x)
    if k < len(x):
        out[k:] = x[: len(x) - k]
    return out


def safe_div(a: FloatArray, b: FloatArray) -> FloatArray:
    """a / b with NaN where b == 0 (no warnings)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.divide(a, b)
    out[b == 0] = np.nan
    return np.asarray(out, dtype=np.float64)
