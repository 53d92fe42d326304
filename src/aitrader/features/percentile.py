"""Rolling percentile rank with no look-ahead: where today's value sits among PAST values."""

from __future__ import annotations

import numpy as np

from aitrader.features._arrays import FloatArray, check_period, f64, nan_like


def rolling_percentile_rank(x: FloatArray, lookback: int = 2880, step: int = 24) -> FloatArray:
    """Share (0..1) of the past values x[i-step], x[i-2*step], ..., x[i-lookback] below x[i].

    Strictly past values only, subsampled every `step` bars so the cost is lookback/step vector
    passes (a 1M-bar series with the defaults takes ~120 passes). NaN until `lookback` bars of
    history exist or where any sample is NaN; the current bar is never compared with itself.
    Window: lookback + 1 bars.
    """
    check_period("percentile lookback", lookback)
    check_period("percentile step", step)
    if lookback % step:
        raise ValueError(f"lookback ({lookback}) must be a multiple of step ({step})")
    v = f64(x)
    n = len(v)
    samples = lookback // step
    out = nan_like(v)
    if n <= lookback:
        return out
    nan = np.isnan(v)
    first = n if nan.all() else int(np.argmin(nan))
    interior_nan = bool(nan[first:].any())
    below = np.zeros(n, dtype=np.int32)
    hit = np.empty(n, dtype=np.bool_)
    bad = nan.copy() if interior_nan else None
    for k in range(1, samples + 1):
        lag = k * step
        np.less(v[:-lag], v[lag:], out=hit[lag:])
        np.add(below[lag:], hit[lag:], out=below[lag:], casting="unsafe")
        if bad is not None:
            bad[lag:] |= nan[:-lag]
    valid_from = first + lookback
    if valid_from < n:
        out[valid_from:] = below[valid_from:].astype(np.float64) / samples
    if bad is not None:
        out[bad] = np.nan
    return out


__all__ = ["rolling_percentile_rank"]
