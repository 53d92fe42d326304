"""The context an agent strategy reads beyond its own candles, loaded once per symbol on first use.

`build_strategy("debate", ...)` does not know the symbol a strategy will trade (a portfolio builds
one per symbol), so the strategy gets a `LazyContext`: the first snapshot about a symbol loads that
symbol's context series and text items (`data.providers.context.load_context`: the store and the
shipped samples, offline unless `AITRADER_DATA_PROVIDERS` names online providers; text items from
the `news` files and any RSS feeds configured), and later ones reuse them. Live, the
load is repeated after `refresh_s` so new candles and headlines arrive; every snapshot still cuts
what it reads at its own bar's close, so nothing loaded can leak the future into a decision.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aitrader.agents.snapshot import ContextData
from aitrader.domain.timeframe import Timeframe

REFRESH_S = 900.0  # live: context series are hourly or daily, headlines minutes apart


@dataclass(frozen=True)
class LoadedFor:
    """What was loaded for one symbol, and what was not (name -> why)."""

    context: ContextData
    found: tuple[str, ...]
    missing: dict[str, str]
    loaded_at: float


def load_agent_context(
    symbol: str,
    timeframe: Timeframe,
    data_dir: Path | None = None,
    news: Sequence[Path] = (),
    clock: Callable[[], float] = time.time,
) -> LoadedFor:
    """`symbol`'s context series and the text items in `news`: offline, the store and the samples;
    with `AITRADER_DATA_PROVIDERS` set, also the online providers it names (cached, rate-limited,
    failing over; see `data.providers`)."""
    from aitrader.data.providers.context import load_context
    from aitrader.data.providers.online import Providers

    providers = Providers.from_env()
    loaded = load_context(symbol, timeframe, data_dir=data_dir, providers=providers, text_paths=news)
    found = tuple(f"{name} {c.timeframe.value}" for name, c in sorted(loaded.series.items()))
    return LoadedFor(
        ContextData(dict(loaded.series), tuple(loaded.texts)), found, dict(loaded.missing), clock()
    )


@dataclass(frozen=True)
class LazyContext(ContextData):
    """A `ContextData` that loads each symbol's own context on the first snapshot about it."""

    timeframe: Timeframe = Timeframe.H1
    data_dir: Path | None = None
    news: tuple[Path, ...] = ()
    refresh_s: float = REFRESH_S
    clock: Callable[[], float] = time.monotonic
    loaded: dict[str, LoadedFor] = field(default_factory=dict)
    # live, snapshots are taken on the deadline's worker thread while a late one may still run
    lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    def for_symbol(self, symbol: str) -> ContextData:
        with self.lock:
            got = self.loaded.get(symbol)
            if got is None or self.clock() - got.loaded_at >= self.refresh_s:
                got = load_agent_context(symbol, self.timeframe, self.data_dir, self.news, self.clock)
                self.loaded[symbol] = got
            return got.context
