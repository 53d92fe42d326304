"""The indicator cache: same inputs, same object back inside a block; a plain call outside; read-only."""

from __future__ import annotations

import numpy as np
import pytest

from aitrader.domain import Candles
from aitrader.features.indicators import ema
from aitrader.features.memo import IndicatorCache, indicator_cache
from aitrader.features.regime import regime_features


def test_cache_hits_only_for_the_same_memory_and_arguments(btc_1m: Candles) -> None:
    close = btc_1m.close
    cache = IndicatorCache()
    with indicator_cache(cache):
        a = ema(close, 20)
        b = ema(close, 20)
        c = ema(close, 21)
        d = ema(close[1000:], 20)  # another slice of the same buffer is another input
    assert a is b
    assert cache.hits == 1
    assert cache.misses == 3
    assert not np.array_equal(a, c, equal_nan=True)
    assert np.array_equal(d, ema(close[1000:].copy(), 20), equal_nan=True)
    assert np.array_equal(a, ema(close, 20), equal_nan=True)  # outside: computed again
    assert ema(close, 20) is not a
    with pytest.raises(ValueError, match="read-only"):
        a[0] = 1.0  # a shared result cannot be corrupted by one trial


def test_candles_arguments_and_eviction(btc_1m: Candles) -> None:
    cache = IndicatorCache(max_entries=2)
    with indicator_cache(cache):
        first = regime_features(btc_1m)
        assert regime_features(btc_1m) is first
        ema(btc_1m.close, 5)
        ema(btc_1m.close, 6)  # evicts the regime entry (least recently used)
        assert regime_features(btc_1m) is not first
    assert len(cache.entries) == 2
