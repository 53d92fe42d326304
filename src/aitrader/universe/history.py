"""The universe for backtests: the live ranking redone from candles at every refresh point.

Refresh points are the multiples of `rule.refresh` (epoch-aligned, so "1h" means every full hour)
from a full 24 h after the first candle (the live 24 h ticker always spans a whole day, so the first
day of candles is warm-up: load a day more than the backtest trades). At a refresh point P each symbol is ranked by what was known at P: the bars
that opened at or after P - 24h and closed by P (open + timeframe <= P). No bar at or after P is
read, so a later volume spike can never change an earlier choice.

    quote volume   sum of close * volume over those bars (the 24 h ticker's quoteVolume, rebuilt
                   from candles, which carry base volume only)
    volatility     (highest high - lowest low) / last close over those bars

Symbols are otherwise judged as live (`rank.name_exclusion`: quote asset, leveraged tokens,
stablecoins, blacklist; `min_quote_volume`); a symbol with no closed bar in the window (not listed
yet, halted) is left out. The result is a schedule of (from_ms, symbols) entries and
`tradable(symbol, time_ms)`, which the kernel asks before an entry (`kernel.tradable`): a time
before the first refresh point has no universe yet, so nothing is tradable then.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from aitrader.domain import Candles
from aitrader.universe.rank import Market, Selection, Stats, rank_universe
from aitrader.universe.rule import DAY_MS, UniverseRule

Schedule = list[tuple[int, frozenset[str]]]  # (from_ms, the universe from then on), ascending


@dataclass(frozen=True)
class _Series:
    """One symbol's candles with the running sum of close * volume, for O(1) window volumes."""

    symbol: str
    open_time: npt.NDArray[np.int64]
    step_ms: int
    high: npt.NDArray[np.float64]
    low: npt.NDArray[np.float64]
    close: npt.NDArray[np.float64]
    cum_quote: npt.NDArray[np.float64]  # cum_quote[i] = sum of close*volume over bars [0, i)

    @classmethod
    def of(cls, symbol: str, c: Candles) -> _Series:
        quote = np.asarray(c.close, dtype=np.float64) * np.asarray(c.volume, dtype=np.float64)
        cum = np.concatenate(([0.0], np.cumsum(quote)))
        return cls(symbol, np.asarray(c.open_time, dtype=np.int64), c.timeframe.duration_ms,
                   np.asarray(c.high, dtype=np.float64), np.asarray(c.low, dtype=np.float64),
                   np.asarray(c.close, dtype=np.float64), cum)  # fmt: skip

    def stats(self, at_ms: int, window_ms: int) -> Stats | None:
        """The trailing window's numbers at `at_ms`: bars opened >= at - window and closed <= at."""
        lo = int(np.searchsorted(self.open_time, at_ms - window_ms, side="left"))
        hi = int(np.searchsorted(self.open_time, at_ms - self.step_ms, side="right"))
        if hi <= lo:
            return None
        return Stats(
            self.symbol,
            float(self.cum_quote[hi] - self.cum_quote[lo]),
            float(self.high[lo:hi].max()),
            float(self.low[lo:hi].min()),
            float(self.close[hi - 1]),
        )


def trailing_stats(candles: Candles, at_ms: int, window_ms: int = DAY_MS) -> Stats | None:
    """`candles`' 24 h numbers as known at `at_ms` (see the module docstring); None without a bar."""
    return _Series.of(candles.symbol.upper(), candles).stats(at_ms, window_ms)


def refresh_points(candles: Mapping[str, Candles], refresh_ms: int, window_ms: int = DAY_MS) -> list[int]:
    """Multiples of `refresh_ms` from `window_ms` after the first candle's open (a full window of
    history) up to the last candle's close."""
    spans = [(int(c.open_time[0]), int(c.open_time[-1]) + c.timeframe.duration_ms)
             for c in candles.values() if len(c)]  # fmt: skip
    if not spans:
        return []
    ready = min(s for s, _ in spans) + window_ms
    first = -(-ready // refresh_ms) * refresh_ms  # the first multiple at or after `ready`
    last = max(e for _, e in spans)
    return list(range(first, last + 1, refresh_ms))


def _markets(symbols: Sequence[str], rule: UniverseRule) -> list[Market]:
    return [Market.from_symbol(s, rule.quote) for s in sorted(symbols)]


def select_at(
    candles: Mapping[str, Candles], rule: UniverseRule, at_ms: int, window_ms: int = DAY_MS
) -> Selection:
    """The universe `rule` picks at `at_ms` from what the candles show by then."""
    series = [_Series.of(sym.upper(), c) for sym, c in candles.items()]
    stats = {s.symbol: st for s in series if (st := s.stats(at_ms, window_ms)) is not None}
    return rank_universe(_markets([s.symbol for s in series], rule), stats, rule, at_ms)


def universe_schedule(
    candles: Mapping[str, Candles], rule: UniverseRule, window_ms: int = DAY_MS
) -> Schedule:
    """(from_ms, universe) at every refresh point where the universe changed (the first always).

    A static rule is one entry from time 0: its symbols are tradable throughout."""
    if not rule.ranked:
        return [(0, frozenset(rule.symbols))]
    series = [_Series.of(sym.upper(), c) for sym, c in candles.items() if len(c)]
    markets = _markets([s.symbol for s in series], rule)
    out: Schedule = []
    for at in refresh_points(candles, rule.refresh_ms, window_ms):
        stats = {s.symbol: st for s in series if (st := s.stats(at, window_ms)) is not None}
        chosen = frozenset(rank_universe(markets, stats, rule, at).symbols)
        if not out or out[-1][1] != chosen:
            out.append((at, chosen))
    return out


@dataclass(frozen=True)
class HistoricalUniverse:
    """A backtest's universe over time: `schedule` and the `tradable` test the kernel asks."""

    rule: UniverseRule
    schedule: Schedule

    def at(self, time_ms: int) -> frozenset[str]:
        """The universe chosen at the last refresh point at or before `time_ms` (empty before the first)."""
        i = bisect.bisect_right(self.schedule, time_ms, key=lambda e: e[0]) - 1
        return self.schedule[i][1] if i >= 0 else frozenset()

    def tradable(self, symbol: str, time_ms: int) -> bool:
        """Is `symbol` in the universe at `time_ms`? Pass the decision time (a bar's close: open +
        timeframe, the kernel's clock); before the first refresh point nothing is tradable."""
        return symbol.upper() in self.at(time_ms)


def historical_universe(
    candles: Mapping[str, Candles], rule: UniverseRule, window_ms: int = DAY_MS
) -> HistoricalUniverse:
    """The universe `rule` picks over the candles' time (see the module docstring); set
    `kernel.tradable = historical_universe(candles, rule).tradable` in a backtest."""
    return HistoricalUniverse(rule, universe_schedule(candles, rule, window_ms))


def tradable_for(schedule: Schedule) -> Callable[[str, int], bool]:
    """`tradable(symbol, time_ms)` over a schedule made elsewhere (see `HistoricalUniverse.tradable`)."""
    return HistoricalUniverse(UniverseRule(), schedule).tradable
