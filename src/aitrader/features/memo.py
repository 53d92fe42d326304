"""An indicator cache that lives only while an optimisation runs trials on one series.

Trials of a parameter search recompute the same indicators again and again: the regime of every
bar does not depend on any parameter, an EMA(50) is the same in every trial that uses 50. Inside
`with indicator_cache():` a function decorated with `@memoized` returns the value it computed
for the same inputs before. Outside such a block (backtests, live) the decorator is a plain call.

Keys: an array argument is keyed by its memory (data address, shape, strides, dtype), a `Candles`
by its arrays', anything else by value. Each entry keeps its input arrays alive, so an address in
a key can never be reused by another array while the entry exists. Results are made read-only: a
caller that would write into a shared result fails loudly instead of corrupting the next trial.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

import numpy as np

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class IndicatorCache:
    """Up to `max_entries` results, least recently used dropped first; `hits`/`misses` counted."""

    max_entries: int = 512
    entries: OrderedDict[tuple[Any, ...], tuple[Any, list[Any]]] = field(default_factory=OrderedDict)
    hits: int = 0
    misses: int = 0


_active: ContextVar[IndicatorCache | None] = ContextVar("aitrader_indicator_cache", default=None)


@contextmanager
def indicator_cache(cache: IndicatorCache | None = None) -> Iterator[IndicatorCache]:
    """Cache `@memoized` results inside the block (in `cache`, to keep it across blocks)."""
    use = cache if cache is not None else IndicatorCache()
    token = _active.set(use)
    try:
        yield use
    finally:
        _active.reset(token)


def memoized(fn: Callable[P, R]) -> Callable[P, R]:
    name = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        cache = _active.get()
        if cache is None:
            return fn(*args, **kwargs)
        keep: list[Any] = []
        try:
            key = (
                name,
                tuple(_key(a, keep) for a in args),
                tuple(sorted((k, _key(v, keep)) for k, v in kwargs.items())),
            )
        except TypeError:  # an argument we cannot key safely: just compute
            return fn(*args, **kwargs)
        found = cache.entries.get(key)
        if found is not None:
            cache.entries.move_to_end(key)
            cache.hits += 1
            result: R = found[0]
            return result
        cache.misses += 1
        value: R = fn(*args, **kwargs)
        _freeze(value)
        cache.entries[key] = (value, keep)
        if len(cache.entries) > cache.max_entries:
            cache.entries.popitem(last=False)
        return value

    return wrapper


def _key(value: Any, keep: list[Any]) -> Any:
    if isinstance(value, np.ndarray):
        keep.append(value)
        return ("array", value.__array_interface__["data"][0], value.shape, value.strides, value.dtype.str)
    if hasattr(value, "open_time") and hasattr(value, "close") and hasattr(value, "timeframe"):  # Candles
        cols = tuple(
            _key(getattr(value, c), keep) for c in ("open_time", "open", "high", "low", "close", "volume")
        )
        return ("candles", cols, value.symbol, value.timeframe)
    if value is None or isinstance(value, int | float | str | bool | bytes | tuple | frozenset):
        hash(value)
        return value
    if hasattr(value, "__dataclass_fields__") and getattr(value, "__hash__", None) is not None:
        hash(value)  # a frozen dataclass such as RegimeConfig
        return value
    if hasattr(value, "value") and hasattr(type(value), "__members__"):  # an Enum
        return value
    raise TypeError(f"cannot key {type(value).__name__}")


def _freeze(value: Any) -> None:
    """Mark arrays (also inside tuples and named tuples) read-only."""
    if isinstance(value, np.ndarray):
        value.flags.writeable = False
    elif isinstance(value, tuple):
        for item in value:
            _freeze(item)
    elif hasattr(value, "open_time") and hasattr(value, "close"):
        for c in ("open_time", "open", "high", "low", "close", "volume"):
            _freeze(getattr(value, c))
