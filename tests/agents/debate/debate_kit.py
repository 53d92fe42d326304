"""Shared helpers for the debate tests: the real BTCUSDT 1h sample with the debate's features, the
bars found in it where the panel is clearly bullish or clearly bearish, and a long position."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache

import numpy as np

from aitrader.agents.debate import DebateStrategy
from aitrader.data.sample import load_sample
from aitrader.domain import Side
from aitrader.domain.position import Position, StaticBook
from aitrader.strategies.base import Features

# Found by debating every bar of 2024 in the sample: the panel at its most one-sided.
BULLISH_BAR = "2024-03-04 08:00"  # close 65,241: every trend analyst bullish, the entry screen passes
BEARISH_BAR = "2024-01-23 09:00"  # close 38,961 after the post-ETF slide; the exit screen passes


def ms(when: str) -> int:
    return int(dt.datetime.fromisoformat(when).replace(tzinfo=dt.UTC).timestamp() * 1000)


@cache
def btc_features() -> Features:
    return DebateStrategy().features(load_sample("BTCUSDT", "1h"))


def bar_at(features: Features, when: str) -> int:
    t = ms(when)
    i = int(np.searchsorted(features.candles.open_time, t))
    assert int(features.candles.open_time[i]) == t, f"no bar opens at {when}"
    return i


def long_book(symbol: str, entry: float, stop: float) -> StaticBook:
    """A book holding one long of `symbol` (what the kernel hands a strategy while a position is open)."""
    pos = Position(symbol, Side.BUY, Decimal("0.1"), Decimal(str(entry)), Decimal(str(stop)))
    return StaticBook([pos])


API_KEY = "sk-debate-test-SECRET-77aa"  # the LLM key the tests configure: it must never leak
