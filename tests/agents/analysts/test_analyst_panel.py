"""The panel: names in a fixed order, unknown names refused with the valid ones, deterministic
byte-identical reports, honest neutrality while warming up, and valid reports on every kind of bar."""

from __future__ import annotations

import math

import msgspec
import numpy as np
import pytest
from analyst_fixtures import features_of, nifty50, sample_features

from aitrader.agents.analysts import (
    ANALYST_WARMUP,
    COLUMNS,
    DEFAULT_PANEL,
    Analyst,
    analyst_features,
    analyst_warmup,
    build_analyst,
    run_panel,
)
from aitrader.agents.analysts.features import higher_timeframes
from aitrader.agents.reports import Stance
from aitrader.agents.snapshot import Snapshot
from aitrader.data.sample import load_sample
from aitrader.domain import Timeframe
from aitrader.strategies.base import MarketView


def test_default_panel_order_and_names() -> None:
    assert DEFAULT_PANEL == (
        "technical", "volume_flow", "multi_timeframe", "regime", "cross_asset", "sentiment", "risk",
    )  # fmt: skip
    for name in DEFAULT_PANEL:
        a = build_analyst(name)
        assert isinstance(a, Analyst)
        assert a.name == name


def test_unknown_analyst_lists_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="unknown analyst 'astrology'") as err:
        build_analyst("astrology")
    assert all(n in str(err.value) for n in DEFAULT_PANEL)
    f = sample_features("BTCUSDT", "1h")
    with pytest.raises(ValueError, match="astrology"):
        run_panel(Snapshot.take(MarketView(f, 5000)), ["technical", "astrology"])


def test_run_panel_order_and_subset() -> None:
    snap = Snapshot.take(MarketView(sample_features("BTCUSDT", "1h"), 20_000))
    assert [r.analyst for r in run_panel(snap)] == list(DEFAULT_PANEL)
    assert [r.analyst for r in run_panel(snap, ["risk", "technical"])] == ["risk", "technical"]
    assert all(r.snapshot_id == snap.snapshot_id and r.time_ms == snap.close_ms for r in run_panel(snap))


def test_byte_identical_for_equal_snapshots() -> None:
    candles = load_sample("BTCUSDT", "1h")
    a = Snapshot.take(MarketView(features_of(candles), 30_000))
    b = Snapshot.take(MarketView(features_of(candles), 30_000))  # features computed again
    enc = msgspec.json.encode
    assert [enc(r) for r in run_panel(a)] == [enc(r) for r in run_panel(b)]


def test_features_cover_every_column_causally_named() -> None:
    candles = load_sample("BTCUSDT", "1h")
    cols = analyst_features(candles)
    assert tuple(cols) == COLUMNS
    assert all(len(c) == len(candles) and c.dtype == np.float64 for c in cols.values())
    assert higher_timeframes(Timeframe.H1) == (Timeframe.H4, Timeframe.D1)
    assert higher_timeframes(Timeframe.M1) == (Timeframe.M5, Timeframe.M30)
    assert higher_timeframes(Timeframe.D1) == (Timeframe.W1, None)
    assert analyst_warmup(Timeframe.H1) <= ANALYST_WARMUP
    # every column is warm by the warm-up bar on real hourly data
    w = analyst_warmup(Timeframe.H1)
    assert all(not math.isnan(float(c[w - 1])) for c in cols.values())


def test_warming_up_is_neutral_and_says_why() -> None:
    f = sample_features("BTCUSDT", "1h")
    for r in run_panel(Snapshot.take(MarketView(f, 10))):
        assert r.stance is Stance.NEUTRAL
        if r.analyst in ("technical", "volume_flow", "multi_timeframe", "regime"):
            assert r.confidence == 0.0
            assert "warming up" in r.summary
    mtf = build_analyst("multi_timeframe").analyze(Snapshot.take(MarketView(f, 300)))
    assert "1d not available" in mtf.summary
    assert 0 < mtf.confidence < 0.6


def test_every_report_is_valid_across_the_history() -> None:
    """Scores in [-1, 1], confidences in [0, 1], finite figures, one sentence — on 1h and 1m data."""
    for f in (sample_features("BTCUSDT", "1h"), sample_features("SOLUSDT", "1m"), features_of(nifty50())):
        for i in np.linspace(0, len(f) - 1, 40).astype(int):
            for r in run_panel(Snapshot.take(MarketView(f, int(i)))):
                assert -1 <= r.score <= 1
                assert 0 <= r.confidence <= 1
                assert r.stance is Stance.of(r.score)
                assert r.summary.endswith(".")
                assert "\n" not in r.summary
                assert all(math.isfinite(e.value) and -1 <= e.weight <= 1 for e in r.evidence)


@pytest.mark.parametrize("n", [0, 1, 2, 29, 30])
def test_tiny_histories(n: int) -> None:
    """A live stream warms from whatever history there is, even none: no error, nothing invented."""
    candles = load_sample("ETHUSDT", "1m").slice(0, n)
    f = features_of(candles)
    assert len(f) == n
    if n:
        for r in run_panel(Snapshot.take(MarketView(f, n - 1))):
            if n < 30:
                assert r.stance is Stance.NEUTRAL
            if r.analyst != "risk":  # the risk analyst does know the book: flat, no objection
                assert r.confidence < 0.25
    if n == 30:  # the base trend is the first thing that warms (SMA 30); the higher ones are not there
        mtf = build_analyst("multi_timeframe").analyze(Snapshot.take(MarketView(f, n - 1)))
        assert "5m, 30m not available" in mtf.summary
