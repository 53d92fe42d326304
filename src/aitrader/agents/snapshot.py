"""The point-in-time snapshot every analyst, the debate and the LLM adviser read — and nothing else.

A `Snapshot` is cut at the decision bar's close (`close_ms`) when it is taken: the symbol's history
is a `MarketView` (a prefix by construction; peers through `view.peer`), every context series
(BTC for an altcoin, ETH/BTC, equity indices, VIX, DXY, a fear-and-greed index, where data exists)
keeps only candles closed by `close_ms` (and a series whose last close is days old is left out),
and text items (news, social posts) only those published by then. So an analyst cannot see the future however it reads its snapshot.

`snapshot_id` names the snapshot by its content (symbol, bar, the last candle, positions, the cut
context): recorded LLM answers are keyed by it, so a backtest replays them without a model.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from aitrader.data.providers.texts import TextItem
from aitrader.domain.candles import Candles
from aitrader.domain.position import EMPTY_BOOK, PositionBook
from aitrader.strategies.base import MarketView

__all__ = ["EMPTY_CONTEXT", "ContextData", "Snapshot", "TextItem", "closed_by"]

DAY_MS = 86_400_000
STALE_DAYS = 4


def closed_by(candles: Candles, close_ms: int) -> Candles:
    """The candles of `candles` that closed at or before `close_ms` (a view, no copy)."""
    if len(candles) == 0:
        return candles
    last_open = close_ms - candles.timeframe.duration_ms
    n = int(np.searchsorted(candles.open_time, last_open, side="right"))
    return candles.slice(0, n)


def stale(cut: Candles, close_ms: int) -> bool:
    """Has `cut` (closed by `close_ms`) stopped too long before `close_ms` to stand for the present?
    Its last close is older than STALE_DAYS or three of its own bars (a weekend, a holiday, a
    missing day of data). A stale series is left out of the snapshot: "no data" is the truth about
    it, not its old values."""
    age = close_ms - (cut.end_ms + cut.timeframe.duration_ms)
    return age > max(STALE_DAYS * DAY_MS, 3 * cut.timeframe.duration_ms)


@dataclass(frozen=True)
class ContextData:
    """Everything beyond the symbol's own candles a decider may read, over the whole run: context
    series by name (full history, any timeframe) and text items. `at(close_ms)` cuts it."""

    series: Mapping[str, Candles] = field(default_factory=dict)
    texts: tuple[TextItem, ...] = ()  # any order; cut by published_ms
    text_lookback_ms: int = DAY_MS

    def for_symbol(self, symbol: str) -> ContextData:
        """The context of a decision about `symbol`: this one (`agents.context.LazyContext` loads
        each symbol's own on first use)."""
        return self

    def at(self, close_ms: int) -> tuple[dict[str, Candles], tuple[TextItem, ...]]:
        series = {}
        for name, c in sorted(self.series.items()):
            cut = closed_by(c, close_ms)
            if len(cut) and not stale(cut, close_ms):
                series[name] = cut
        since = close_ms - self.text_lookback_ms
        texts = tuple(
            sorted(
                (t for t in self.texts if since < t.published_ms <= close_ms),
                key=lambda t: (t.published_ms, t.source, t.title),
            )
        )
        return series, texts


EMPTY_CONTEXT = ContextData()


@dataclass(frozen=True)
class Snapshot:
    """What is known at `view`'s bar close (see the module docstring). Build it with `take`."""

    view: MarketView
    book: PositionBook
    context: Mapping[str, Candles]  # cut: every candle closed by close_ms
    texts: tuple[TextItem, ...]  # cut: published by close_ms, within the context's look-back
    rejections: tuple[str, ...] = ()  # the gate's recent reasons for this decider, newest last

    @staticmethod
    def take(
        view: MarketView,
        book: PositionBook = EMPTY_BOOK,
        context: ContextData = EMPTY_CONTEXT,
        rejections: tuple[str, ...] = (),
    ) -> Snapshot:
        series, texts = context.for_symbol(view.symbol).at(view.close_ms)
        return Snapshot(view, book, series, texts, rejections)

    @property
    def symbol(self) -> str:
        return self.view.symbol

    @property
    def close_ms(self) -> int:
        """The decision's time: the close of the bar the snapshot ends on."""
        return self.view.close_ms

    @property
    def close(self) -> float:
        return self.view.close

    @cached_property
    def snapshot_id(self) -> str:
        """A short content hash: equal snapshots, equal ids, in a backtest and live alike."""
        v = self.view
        i = v.index
        c = v.features.candles
        facts: dict[str, object] = {
            "symbol": v.symbol,
            "tf": v.timeframe.value,
            "t": v.time_ms,
            "bar": [
                float(c.open[i]),
                float(c.high[i]),
                float(c.low[i]),
                float(c.close[i]),
                float(c.volume[i]),
            ],
            "positions": sorted(
                [p.symbol, p.side.value, str(p.qty), str(p.entry_price), str(p.stop)]
                for p in self.book.open_positions()
            ),
            # what each series says at the bar (not how much older history was loaded)
            "context": {k: [s.end_ms, float(s.close[-1])] for k, s in self.context.items()},
            "texts": [[t.published_ms, t.source, t.title] for t in self.texts],
            "rejections": list(self.rejections),
        }
        blob = json.dumps(facts, sort_keys=True, separators=(",", ":")).encode()
        return hashlib.sha256(blob).hexdigest()[:16]
