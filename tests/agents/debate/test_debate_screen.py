"""The cheap screen honours the kernel's skip contract on real data: calling `on_bar` on every bar
gives the same proposals as calling it only on `Signals.candidates` bars, flat and holding a long."""

from __future__ import annotations

import numpy as np
from debate_kit import BULLISH_BAR, bar_at, btc_features, long_book

from aitrader.agents.debate import DebateStrategy
from aitrader.agents.debate.screen import ENTRY, EXIT
from aitrader.domain.position import EMPTY_BOOK, PositionBook
from aitrader.domain.proposal import Enter, Exit
from aitrader.strategies.base import MarketView

SPAN = 1200  # bars of 1h around the bullish bar: 50 days of 2024


def _slice() -> range:
    i = bar_at(btc_features(), BULLISH_BAR)
    return range(i - SPAN // 2, i + SPAN // 2)


def _proposals(strategy: DebateStrategy, bars: range | np.ndarray, book: PositionBook) -> list[object]:
    f = btc_features()
    out: list[object] = []
    for i in bars:
        out.extend(strategy.on_bar(MarketView(f, int(i)), book))
    return out


def test_every_bar_and_candidate_bars_give_the_same_entries_when_flat() -> None:
    f = btc_features()
    s = DebateStrategy()
    sig = s.signals(f)
    bars = _slice()
    cand = sig.candidates()
    cand = cand[(cand >= bars.start) & (cand < bars.stop)]
    every = _proposals(s, bars, EMPTY_BOOK)
    debated_every = s.drain_deliberations()
    only = _proposals(s, cand, EMPTY_BOOK)
    debated_only = s.drain_deliberations()
    assert every == only
    assert any(isinstance(p, Enter) for p in every)  # the slice has entries to compare
    # the debate itself ran only on screened bars, in both cases
    assert [r.payload for r in debated_every] == [r.payload for r in debated_only]
    assert len(debated_only) == len(cand) < len(bars) // 3
    # and every entry lies on an entry_long bar, at the bar it was proposed on
    times = {int(f.candles.open_time[i]) for i in cand}
    assert all(p.time_ms in times for p in every if isinstance(p, Enter))


def test_every_bar_and_candidate_bars_give_the_same_exits_when_holding() -> None:
    f = btc_features()
    s = DebateStrategy()
    bars = _slice()
    close = float(f.candles.close[bars.start])
    book = long_book("BTCUSDT", entry=close, stop=close * 0.5)
    cand = s.signals(f).candidates(long_open=True)
    cand = cand[(cand >= bars.start) & (cand < bars.stop)]
    every = _proposals(s, bars, book)
    only = _proposals(s, cand, book)
    assert every == only
    assert any(isinstance(p, Exit) for p in every)
    assert not any(isinstance(p, Enter) for p in every)  # entries only when flat


def test_the_screen_masks_are_causal_and_spot_only() -> None:
    f = btc_features()
    s = DebateStrategy()
    sig = s.signals(f)
    assert not sig.entry_short.any()
    assert not sig.exit_short.any()
    assert not sig.adjusts_every_bar
    cut = bar_at(f, BULLISH_BAR) + 1
    prefix = s.features(f.candles.slice(0, cut))
    assert np.array_equal(prefix[ENTRY], f[ENTRY][:cut])
    assert np.array_equal(prefix[EXIT], f[EXIT][:cut])
    share = float(sig.entry_long.mean())
    assert 0.05 < share < 0.3  # a screen, not every bar and not never
