"""Small array helpers shared by the feature modules: dtype coercion and accurate O(n) rolling sums."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Int8Array = npt.NDArray[np.int8]
BoolArray = npt.NDArray[np.bool_]


def f64(x: npt.ArrayLike) -> FloatArray:
    """`x` as a contiguous float64 array (no copy when it already is one)."""
    return np.ascontiguousarray(x, dtype=np.float64)


def nan_like(x: npt.NDArray[np.generic]) -> FloatArray:
    return np.full(len(x), np.nan, dtype=np.float64)


def check_period(name: str, period: int, minimum: int = 1) -> None:
    if int(period) != period or period < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {period!r}")


def _block_window_sum(v: FloatArray, n: int) -> FloatArray:
    """Window sums (for windows ending at n-1 .. len-1) from prefix sums that restart every block
    of B >= n values, plus the previous block's total for windows that cross a block start.

    Rounding is bounded by one block's magnitude (not the whole history's), and a window of
    zeros sums to exactly 0.
    """
    block = max(128, 2 * n)
    m = len(v)
    padded = np.zeros(-(-m // block) * block)
    padded[:m] = v
    prefix2 = np.cumsum(padded.reshape(-1, block), axis=1)
    prefix = prefix2.ravel()
    d = np.empty_like(prefix)
    d[:n] = prefix[:n]
    np.subtract(prefix[n:], prefix[:-n], out=d[n:])
    d2 = d.reshape(-1, block)
    d2[1:, :n] += prefix2[:-1, -1:]  # windows reaching back into the previous block
    return d[n - 1 : m]


def rolling_sum(x: FloatArray, n: int) -> FloatArray:
    """Sum of the last `n` values at each index; NaN for the first n-1 (warm-up) and where a NaN is inside."""
    check_period("window", n)
    v = f64(x)
    out = nan_like(v)
    if len(v) < n:
        return out
    if n == 1:
        return v.copy()
    bad = np.isnan(v)
    first = int(np.argmin(bad)) if bad[0] else 0  # leading NaNs (a warm-up) are skipped cheaply
    if bad[0] and bad.all():
        return out
    if not bad[first:].any():
        if len(v) - first >= n:
            out[first + n - 1 :] = _block_window_sum(v[first:], n)
        return out
    sums = _block_window_sum(np.where(bad, 0.0, v), n)
    nans = _block_window_sum(bad.astype(np.float64), n)
    out[n - 1 :] = np.where(nans > 0, np.nan, sums)
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
