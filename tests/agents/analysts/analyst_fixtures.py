"""Shared helpers for the analyst tests: real sample candles with their analyst columns, a peer
reader over them (what the kernel's `engine.lane.Peers` does for a portfolio) and bar lookup."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache

import numpy as np

from aitrader.agents.analysts import analyst_features
from aitrader.agents.snapshot import closed_by
from aitrader.data.csv_reader import read_candles_csv
from aitrader.data.sample import load_sample, sample_root
from aitrader.domain import Candles, Side, Timeframe
from aitrader.domain.position import Position
from aitrader.strategies.base import Features, MarketView


def features_of(candles: Candles) -> Features:
    return Features(candles, analyst_features(candles))


@cache
def sample_features(symbol: str, timeframe: str) -> Features:
    return features_of(load_sample(symbol, timeframe))


@cache
def nifty50() -> Candles:
    path = next(sample_root().rglob("NIFTY50-1d-*.csv*"))
    return read_candles_csv(path, symbol="NIFTY50", timeframe=Timeframe.D1)


def ms(when: str) -> int:
    return int(dt.datetime.fromisoformat(when).replace(tzinfo=dt.UTC).timestamp() * 1000)


def bar_at(candles: Candles, when: str) -> int:
    """Index of the bar that opens at `when` (UTC); the bar must exist."""
    t = ms(when)
    i = int(np.searchsorted(candles.open_time, t))
    assert int(candles.open_time[i]) == t, f"no bar opens at {when}"
    return i


class Peers:
    """Each peer's features at its last bar closed by `until_ms` (a `PeerReader`)."""

    def __init__(self, features: dict[str, Features]) -> None:
        self.features = features

    def view(self, symbol: str, until_ms: int) -> MarketView | None:
        f = self.features.get(symbol)
        if f is None:
            return None
        c = f.candles
        k = int(np.searchsorted(c.open_time, until_ms - c.timeframe.duration_ms, side="right")) - 1
        return MarketView(f, k, self) if k >= 0 else None


def cut_peers(peers: dict[str, Features], close_ms: int) -> Peers:
    """Peers whose features were computed from their candles closed by `close_ms` only."""
    return Peers({s: features_of(closed_by(f.candles, close_ms)) for s, f in peers.items()})


def long(symbol: str, qty: str, entry: float, stop: float) -> Position:
    return Position(
        symbol=symbol,
        side=Side.BUY,
        qty=Decimal(qty),
        entry_price=Decimal(str(round(entry, 2))),
        stop=Decimal(str(round(stop, 2))),
    )
