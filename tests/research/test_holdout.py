"""The held-back cut: the last quarter of the source, the same instant for every derived timeframe,
and no design bar that closes after it."""

from __future__ import annotations

import numpy as np
import pytest

from aitrader.data import load_sample, resample
from aitrader.domain import Timeframe
from aitrader.research.holdout import HOLD_BACK, cut_time, split, split_at
from aitrader.research.series import Source, research_sources


def test_cut_is_the_last_quarter_of_the_source_bars() -> None:
    c = load_sample("BTCUSDT", "1h")
    n = len(c)
    cut = cut_time(c)
    held = int(np.sum(c.open_time >= cut))
    assert held == int(n * HOLD_BACK) == 14_604
    assert cut == int(c.open_time[n - held])
    s = split(c)
    assert s.design_end == s.held_from == n - held
    assert len(s.design) == n - held
    assert int(s.design.open_time[-1]) < cut


def test_a_derived_4h_series_drops_the_bar_that_straddles_the_cut() -> None:
    src = Source("BTCUSDT", load_sample("BTCUSDT", "1h"), "sample")
    cut = src.cut_ms  # 2022-08-22 02:00 UTC: inside the 00:00-04:00 bucket
    four = resample(src.candles, Timeframe("4h"))
    s = split_at(four, cut)
    last_design_close = int(s.design.open_time[-1]) + Timeframe("4h").duration_ms
    assert last_design_close <= cut
    assert int(four.open_time[s.held_from]) >= cut
    assert s.held_from == s.design_end + 1  # exactly one straddling bucket belongs to neither part
    assert int(four.open_time[s.design_end]) < cut < int(four.open_time[s.design_end]) + 4 * 3_600_000


def test_the_same_instant_cuts_every_timeframe_of_a_source() -> None:
    src = Source("ETHUSDT", load_sample("ETHUSDT", "1h"), "sample")
    cut = src.cut_ms
    for tf in ("1h", "4h"):
        d = src.derived(Timeframe(tf))
        s = split_at(d, cut)
        assert int(d.open_time[s.design_end - 1]) + d.timeframe.duration_ms <= cut
        assert int(d.open_time[s.held_from]) >= cut


def test_bad_fractions_and_tiny_series_are_refused_with_a_reason() -> None:
    c = load_sample("BTCUSDT", "1h")
    with pytest.raises(ValueError, match="between 0 and 1"):
        cut_time(c, 1.5)
    with pytest.raises(ValueError, match="too few"):
        cut_time(c.slice(0, 3))
    with pytest.raises(ValueError, match="leaves no"):
        split_at(c, int(c.open_time[-1]) + 10 * 3_600_000)


def test_a_finer_timeframe_than_the_source_is_refused() -> None:
    src = Source("BTCUSDT", load_sample("BTCUSDT", "1h"), "sample")
    with pytest.raises(ValueError, match="cannot give 15m"):
        src.derived(Timeframe("15m"))


def test_research_sources_without_the_collection_are_the_two_samples(tmp_path) -> None:  # type: ignore[no-untyped-def]
    sources = research_sources(tmp_path)
    assert [s.label for s in sources] == ["BTCUSDT/2017", "ETHUSDT/2017"]
    with pytest.raises(FileNotFoundError, match="not a folder"):
        research_sources(tmp_path / "missing")
