"""Chart patterns on hand-built series and on real examples found in the shipped samples."""

from __future__ import annotations

import numpy as np
import pytest

from aitrader.domain import Candles
from aitrader.domain.timeframe import parse_time
from aitrader.features.patterns import ChartPattern, PatternConfig, PatternKind, detect_patterns

CFG = PatternConfig(left=5, right=5)


def path(knots: list[tuple[int, float]], zigzag: float = 0.0) -> Candles:
    """Candles whose close follows straight lines between (bar, price) knots; wicks ±0.2."""
    xs, ys = zip(*knots, strict=True)
    t = np.arange(xs[-1] + 1)
    close = np.interp(t, xs, ys) + zigzag * np.where(t % 2 == 0, 1.0, -1.0)
    o = np.concatenate(([close[0]], close[:-1]))
    return Candles.from_arrays(
        t * 3_600_000, o, np.maximum(o, close) + 0.2, np.minimum(o, close) - 0.2, close, np.full(len(t), 10.0)
    )


def mirror(c: Candles) -> Candles:
    return Candles.from_arrays(c.open_time, 300 - c.open, 300 - c.low, 300 - c.high, 300 - c.close, c.volume)


def only(found: list[ChartPattern], kind: PatternKind) -> ChartPattern:
    hits = [p for p in found if p.kind is kind]
    assert hits, f"no {kind.value} in {[p.kind.value for p in found]}"
    return max(hits, key=lambda p: p.confidence)


def check_common(p: ChartPattern, c: Candles) -> None:
    assert 0.0 <= p.confidence <= 1.0
    assert p.start_index < p.end_index <= p.confirmed_index < len(c)
    assert p.start_time == c.open_time[p.start_index]
    assert p.end_time == c.open_time[p.end_index]
    assert "breakout" in p.levels
    if p.breakout_index is not None:
        assert p.breakout_index > p.confirmed_index


DOUBLE_TOP = [(0, 100), (20, 110), (35, 104), (50, 110), (70, 98), (90, 98)]
HEAD_SHOULDERS = [(0, 100), (15, 106), (25, 103), (40, 110), (55, 103), (70, 106), (80, 103), (100, 96)]


def test_double_top_and_bottom() -> None:
    c = path(DOUBLE_TOP)
    p = only(detect_patterns(c, CFG), PatternKind.DOUBLE_TOP)
    check_common(p, c)
    assert (p.start_index, p.end_index, p.confirmed_index) == (20, 50, 55)
    assert p.levels["neckline"] == pytest.approx(103.8)
    assert p.direction == -1
    assert p.breakout_index is not None
    assert c.close[p.breakout_index] < 103.8 <= c.close[p.breakout_index - 1]
    assert p.confidence > 0.6
    b = only(detect_patterns(mirror(c), CFG), PatternKind.DOUBLE_BOTTOM)
    assert (b.start_index, b.end_index, b.direction) == (20, 50, 1)
    assert b.levels["neckline"] == pytest.approx(300 - 103.8)


def test_head_and_shoulders_and_inverse() -> None:
    c = path(HEAD_SHOULDERS)
    p = only(detect_patterns(c, CFG), PatternKind.HEAD_AND_SHOULDERS)
    check_common(p, c)
    assert (p.start_index, p.end_index) == (15, 70)
    assert p.levels["head"] == pytest.approx(110.2)
    assert p.levels["neckline"] == pytest.approx(102.8)
    assert p.levels["neckline_slope"] == pytest.approx(0.0)
    assert p.confidence > 0.9  # symmetric in price and time, flat neckline
    inv = only(detect_patterns(mirror(c), CFG), PatternKind.INVERSE_HEAD_AND_SHOULDERS)
    assert (inv.start_index, inv.end_index, inv.direction) == (15, 70, 1)
    assert inv.levels["neckline"] == pytest.approx(300 - 102.8)


def test_triangles() -> None:
    asc = path([(0, 98), (10, 110), (20, 100), (30, 110), (40, 103), (50, 110), (60, 106), (70, 112)])
    p = only(detect_patterns(asc, CFG), PatternKind.ASCENDING_TRIANGLE)
    check_common(p, asc)
    assert p.levels["upper"] == pytest.approx(110.2)
    assert p.levels["breakout"] == p.levels["upper"]
    assert p.direction == 1
    desc = only(detect_patterns(mirror(asc), CFG), PatternKind.DESCENDING_TRIANGLE)
    assert desc.levels["lower"] == pytest.approx(300 - 110.2)
    assert desc.direction == -1
    sym = path([(0, 100), (10, 112), (20, 98), (30, 110), (40, 100), (50, 108), (60, 102), (70, 104)])
    s = only(detect_patterns(sym, CFG), PatternKind.SYMMETRIC_TRIANGLE)
    check_common(s, sym)
    assert s.levels["lower"] < s.levels["upper"]
    assert s.direction == 0


def test_bull_and_bear_flags() -> None:
    c = path([(0, 100), (30, 100), (50, 120), (65, 117), (80, 130)], zigzag=0.3)
    p = only(detect_patterns(c, CFG), PatternKind.BULL_FLAG)
    check_common(p, c)
    assert 45 <= p.start_index + 20 <= 52  # the pole ends at the top of the climb
    assert p.levels["pole_end"] > p.levels["pole_start"] + 15
    assert p.levels["breakout"] == pytest.approx(p.levels["flag_high"])
    assert p.breakout_index is not None
    bear = only(detect_patterns(mirror(c), CFG), PatternKind.BEAR_FLAG)
    assert bear.direction == -1
    assert bear.levels["breakout"] == pytest.approx(bear.levels["flag_low"])


def test_no_pattern_in_a_straight_line() -> None:
    c = path([(0, 100), (200, 140)])
    assert detect_patterns(c, CFG) == []


# Real examples found by running the detectors over the shipped samples (BTCUSDT 1h, left=right=5;
# BTCUSDT 1m, left=right=10), checked by eye against the price series.
REAL = [
    ("1h", 5, PatternKind.DOUBLE_TOP, "2019-07-25 01:00", "2019-07-27 01:00", "neckline", 9637.0),
    ("1h", 5, PatternKind.HEAD_AND_SHOULDERS, "2020-07-28 15:00", "2020-07-30 23:00", "head", 11342.82),
    (
        "1h",
        5,
        PatternKind.INVERSE_HEAD_AND_SHOULDERS,
        "2023-07-22 06:00",
        "2023-07-23 13:00",
        "head",
        29625.1,
    ),
    ("1h", 5, PatternKind.BULL_FLAG, "2022-02-04 13:00", "2022-02-06 00:00", "pole_start", 37421.4),
    ("1m", 10, PatternKind.DOUBLE_BOTTOM, "2023-04-30 11:59", "2023-04-30 12:37", "neckline", 29225.8),
    ("1m", 10, PatternKind.ASCENDING_TRIANGLE, "2023-04-20 02:27", "2023-04-20 04:31", "upper", 28953.38),
]


@pytest.fixture(scope="module")
def real_patterns(btc_1m: Candles, btc_1h: Candles) -> dict[str, tuple[Candles, list[ChartPattern]]]:
    return {
        "1h": (btc_1h, detect_patterns(btc_1h, PatternConfig(5, 5))),
        "1m": (btc_1m, detect_patterns(btc_1m, PatternConfig(10, 10))),
    }


@pytest.mark.parametrize(
    ("tf", "k", "kind", "start", "end", "level", "value"), REAL, ids=[r[2].value for r in REAL]
)
def test_real_example(
    real_patterns: dict[str, tuple[Candles, list[ChartPattern]]],
    tf: str,
    k: int,
    kind: PatternKind,
    start: str,
    end: str,
    level: str,
    value: float,
) -> None:
    candles, found = real_patterns[tf]
    hits = [
        p
        for p in found
        if p.kind is kind and p.start_time == parse_time(start) and p.end_time == parse_time(end)
    ]
    assert len(hits) == 1
    p = hits[0]
    check_common(p, candles)
    assert p.levels[level] == pytest.approx(value, abs=0.01)
    assert p.confirmed_index == p.end_index + k if kind is not PatternKind.BULL_FLAG else p.end_index
    # Known at its confirmation bar from that bar's data alone, and not one bar earlier.
    at = detect_patterns(candles, PatternConfig(k, k), at=p.confirmed_index)
    assert any(q.kind is kind and q.start_index == p.start_index and q.levels == p.levels for q in at)
    before = detect_patterns(candles, PatternConfig(k, k), at=p.confirmed_index - 1)
    assert not any(
        q.kind is kind and q.start_index == p.start_index and q.end_index == p.end_index for q in before
    )
