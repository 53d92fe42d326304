"""The named context series the cross-asset analyst reads, for one symbol and time range.

`load_context("BTCUSDT", "1h", start_ms, end_ms)` gives, where data exists:

- "BTCUSDT", "ETHUSDT" at the symbol's timeframe (the symbol itself is left out: the decider has
  it already), and "ETHBTC": a stored ETHBTC series, else the venue's ETH/BTC market, else derived
  from ETHUSDT and BTCUSDT on their common open times (open and close are the ratios of theirs; high
  and low are the larger and smaller of those two, not the true intrabar range; volume is ETH's);
- "SPY", "VIX", "DXY" (daily: an equity index ETF, volatility, the dollar) and "FEAR_GREED" (the
  daily crypto Fear & Greed index as candles, close = value).

Each series comes from the local store or the shipped samples first (`aitrader.data.load_series`),
and only when that has nothing in the window, from the online providers through a failover chain
(with the on-disk cache and rate limits). Offline is the default: without `providers` nothing is
requested. What is unavailable is simply absent from `series` and listed in `missing` with why.

Series run from `lookback_ms` before `start_ms` (the history a trend needs) to `end_ms`; a
`Snapshot` later cuts them at each decision's close. Text items come from `text_paths` (JSONL, CSV,
RSS/Atom files) and the online text providers, published in the same span.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from aitrader.data.providers.base import Clock, ProviderError
from aitrader.data.providers.failover import FailoverChain
from aitrader.data.providers.keys import PROVIDERS_ENV
from aitrader.data.providers.local_texts import read_texts
from aitrader.data.providers.online import Providers
from aitrader.data.providers.texts import TextItem, in_window
from aitrader.domain import Candles, Timeframe
from aitrader.domain.timeframe import format_ms

CONTEXT_NAMES = ("BTCUSDT", "ETHUSDT", "ETHBTC", "SPY", "VIX", "DXY", "FEAR_GREED")
DAILY = frozenset({"SPY", "VIX", "DXY", "FEAR_GREED"})
ROUTES: dict[str, tuple[str, ...]] = {  # name → online providers to ask, in order
    "BTCUSDT": ("ccxt",),
    "ETHUSDT": ("ccxt",),
    "ETHBTC": ("ccxt",),
    "SPY": ("yahoo", "twelvedata", "alphavantage"),
    "VIX": ("yahoo", "twelvedata"),
    "DXY": ("yahoo", "twelvedata"),
    "FEAR_GREED": ("feargreed",),
}
DAY_MS = 86_400_000
DEFAULT_LOOKBACK_MS = 365 * DAY_MS
STALE_MS = 7 * DAY_MS  # longer than any weekend or holiday closure


@dataclass(frozen=True)
class LoadedContext:
    """Context series by name, text items, and for each name left out, why (`missing`)."""

    series: dict[str, Candles] = field(default_factory=dict)
    texts: tuple[TextItem, ...] = ()
    missing: dict[str, str] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)  # name → where its candles came from


def _local(
    name: str, tf: Timeframe, lo: int | None, hi: int | None, start_ms: int | None, data_dir: Path | None
) -> tuple[Candles | None, str]:
    """(candles in [lo, hi), origin) from the store or samples, or (None, why not): also when they
    end more than `STALE_MS` before `start_ms` (stale values must not pass for current ones)."""
    from aitrader.data.source import SeriesNotFoundError, load_series

    try:
        loaded = load_series(name, tf, data_dir=data_dir, cover=(lo, hi))
    except SeriesNotFoundError:
        return None, f"no local {name} {tf.value} data (store or shipped samples)"
    c = loaded.candles.between(lo, hi)
    full = loaded.candles
    span = f"{format_ms(full.start_ms)} → {format_ms(full.end_ms)}" if len(full) else "no candles"
    if len(c) == 0:
        return None, f"local {name} {tf.value} ({span}) has no candle in the window"
    if start_ms is not None and c.end_ms < start_ms - STALE_MS:
        return None, f"local {name} {tf.value} ({span}) ends more than a week before the window starts"
    return c, loaded.origin


def _online(
    name: str, tf: Timeframe, lo: int, hi: int, providers: Providers | None
) -> tuple[Candles | None, str]:
    if providers is None:
        return None, f"no online provider enabled (set {PROVIDERS_ENV} to fetch it)"
    chain = FailoverChain([providers.candles[r] for r in ROUTES.get(name, ()) if r in providers.candles])
    if not chain.providers:
        return (
            None,
            f"none of the enabled providers carries it (it needs {' or '.join(ROUTES.get(name, ())) or 'local data'})",
        )
    try:
        got = chain.fetch(name, tf, lo, hi)
    except ProviderError as exc:
        return None, str(exc)
    after = f" (after: {'; '.join(got.failures)})" if got.failures else ""
    return got.candles.with_meta(symbol=name), f"{got.provider}{after}"


def ratio(eth: Candles, btc: Candles) -> Candles:
    """ETHBTC from ETHUSDT and BTCUSDT on their common open times (see the module docstring)."""
    t, i, j = np.intersect1d(eth.open_time, btc.open_time, assume_unique=True, return_indices=True)
    o = eth.open[i] / btc.open[j]
    c = eth.close[i] / btc.close[j]
    return Candles.from_arrays(
        t, o, np.maximum(o, c), np.minimum(o, c), c, eth.volume[i],
        symbol="ETHBTC", timeframe=eth.timeframe, source="derived: ETHUSDT / BTCUSDT",
    )  # fmt: skip


def load_context(
    symbol: str,
    timeframe: Timeframe | str,
    start_ms: int | None = None,
    end_ms: int | None = None,
    *,
    names: Sequence[str] = CONTEXT_NAMES,
    data_dir: Path | str | None = None,
    providers: Providers | None = None,
    text_paths: Sequence[Path | str] = (),
    lookback_ms: int = DEFAULT_LOOKBACK_MS,
    clock: Clock = time.time,
) -> LoadedContext:
    """The context of `symbol` at `timeframe` over [start_ms, end_ms) (see the module docstring).
    Offline unless `providers` is given (e.g. `Providers.from_env()`)."""
    tf = Timeframe.parse(timeframe)
    own = symbol.upper().replace("/", "").replace("_", "")
    ddir = Path(data_dir) if data_dir is not None else None
    lo = start_ms - lookback_ms if start_ms is not None else None
    hi = end_ms
    # providers need a closed window: up to now, from a look-back before the end
    p_hi = hi if hi is not None else tf.floor(int(clock() * 1000))
    p_lo = lo if lo is not None else p_hi - lookback_ms
    out = LoadedContext()
    got: dict[str, Candles] = {}

    def series(name: str) -> tuple[Candles | None, str]:
        ntf = Timeframe.D1 if name in DAILY else tf
        c, why = _local(name, ntf, lo, hi, start_ms, ddir)
        if c is not None and (providers is None or c.end_ms >= p_hi - STALE_MS):
            return c, why
        if c is not None:  # a local copy that ends long before now: ask the providers for the recent part
            c2, why2 = _online(
                name, ntf, p_lo if name not in DAILY else Timeframe.D1.floor(p_lo), p_hi, providers
            )
            if c2 is None:
                return c, f"{why} (the providers did not answer: {why2})"
            older = c.between(None, c2.start_ms) if len(c2) else c
            return Candles.concat([older, c2]).with_meta(symbol=name), f"{why} + {why2}"
        c2, why2 = _online(
            name, ntf, p_lo if name not in DAILY else Timeframe.D1.floor(p_lo), p_hi, providers
        )
        return (c2, why2) if c2 is not None else (None, f"{why}; {why2}")

    for raw in names:
        name = raw.upper()
        if name == own:
            continue
        if name == "ETHBTC":
            c, why = _local(name, tf, lo, hi, start_ms, ddir)
            if c is None and providers is not None:
                c, why2 = _online(name, tf, p_lo, p_hi, providers)
                why = why2 if c is not None else f"{why}; {why2}"
            if c is None:
                eth = got.get("ETHUSDT") or series("ETHUSDT")[0]
                btc = got.get("BTCUSDT") or series("BTCUSDT")[0]
                if eth is not None and btc is not None and len(derived := ratio(eth, btc)):
                    c, why = derived, "derived from ETHUSDT / BTCUSDT"
                else:
                    why = f"{why}; cannot derive it: ETHUSDT and BTCUSDT are not both available"
        else:
            c, why = series(name)
        if c is None:
            out.missing[name] = why
        else:
            got[name] = c
            out.series[name] = c.with_meta(symbol=name)
            out.origins[name] = why
    texts: list[TextItem] = [t for p in text_paths for t in read_texts(p)]
    for tp in providers.texts if providers is not None else ():
        try:
            texts += tp.fetch_texts(p_lo, p_hi)
        except ProviderError as exc:
            out.missing[f"texts:{getattr(tp, 'url', tp.name)}"] = str(exc)
    window = in_window(tuple(texts), lo, hi)
    return LoadedContext(out.series, tuple(dict.fromkeys(window)), out.missing, out.origins)
