"""The comparison rule of the feature tests: relative error <= tol after warm-up, same NaN layout."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt


def max_relative_error(got: npt.ArrayLike, ref: npt.ArrayLike | Sequence[float]) -> float:
    """Largest |got-ref| / max(|ref|, typical |ref|) over bars where the reference is defined.

    The floor `typical |ref|` (median magnitude of the series) keeps values that cross zero
    (MACD histogram, rolling OBV) from turning rounding noise into a huge relative error.
    Raises AssertionError when the NaN (warm-up) layouts differ.
    """
    g = np.asarray(got, dtype=np.float64)
    r = np.asarray(ref, dtype=np.float64)
    assert g.shape == r.shape, f"shapes differ: {g.shape} vs {r.shape}"
    gn, rn = np.isnan(g), np.isnan(r)
    assert np.array_equal(gn, rn), (
        f"NaN layout differs: got {int(gn.sum())} NaN (first valid {int(np.argmin(gn))}), "
        f"reference {int(rn.sum())} (first valid {int(np.argmin(rn))})"
    )
    ok = ~rn
    if not ok.any():
        return 0.0
    scale = float(np.median(np.abs(r[ok])))
    return float(np.max(np.abs(g[ok] - r[ok]) / np.maximum(np.abs(r[ok]), scale)))
