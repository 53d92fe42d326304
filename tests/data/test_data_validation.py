"""Each sanity rule, broken in a copy of real candles, gives one error naming file, row and rule."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from candle_files import write_shared_csv

from aitrader.data import DataError, find_violation, read_candles, validate_candles
from aitrader.domain import Candles


def broken(c: Candles, row: int, **changes: float) -> Candles:
    cols = {k: getattr(c, k).copy() for k in ("open_time", "open", "high", "low", "close", "volume")}
    for k, v in changes.items():
        cols[k][row] = v
    return Candles.from_arrays(**cols, symbol=c.symbol, timeframe=c.timeframe)


CASES = [
    ({"high": 1.0}, "high 1.0 is below max(open, close)"),
    ({"low": 99999.0}, "low 99999.0 is above min(open, close)"),
    ({"volume": -0.5}, "volume -0.5 is negative"),
    ({"close": float("nan")}, "close is nan (NaN or infinite)"),
    ({"volume": float("inf")}, "volume is inf (NaN or infinite)"),
    ({"open": 0.0, "low": 0.0}, "open 0.0 is not > 0 (prices must be positive)"),
    ({"open": -5.0, "low": -5.0}, "open -5.0 is not > 0 (prices must be positive)"),
]


@pytest.mark.parametrize(("changes", "rule"), CASES)
def test_each_rule_names_row_and_rule(btc_1m_head: Candles, changes: dict[str, float], rule: str) -> None:
    bad = broken(btc_1m_head, 41, **changes)
    i, found = find_violation(bad) or (None, "")
    assert i == 41
    assert found.startswith(rule)
    with pytest.raises(DataError) as info:
        validate_candles(bad, "mem.csv", header_lines=1)
    assert str(info.value).startswith(f"mem.csv: row 42 (line 43): {rule}")
    assert (info.value.row, info.value.line, info.value.rule) == (42, 43, found)


def test_duplicate_open_time(btc_1m_head: Candles) -> None:
    bad = broken(btc_1m_head, 10, open_time=float(btc_1m_head.open_time[9]))
    i, rule = find_violation(bad) or (None, "")
    assert i == 10
    assert rule == "duplicate open time 1679005440000 (2023-03-16 22:24 UTC), same as the row before"


def test_unsorted_open_time(btc_1m_head: Candles) -> None:
    bad = broken(btc_1m_head, 10, open_time=float(btc_1m_head.open_time[3]))
    i, rule = find_violation(bad) or (None, "")
    assert i == 10
    assert rule.startswith("not sorted: open time 1679005080000")


def test_the_first_broken_row_wins(btc_1m_head: Candles) -> None:
    bad = broken(broken(btc_1m_head, 200, volume=-1.0), 120, high=1.0)
    assert find_violation(bad) == (120, "high 1.0 is below max(open, close) = 24969.57")


def test_real_samples_are_sane(btc_1m: Candles, btc_1h: Candles) -> None:
    assert find_violation(btc_1m) is None
    assert find_violation(btc_1h) is None
    # the real zero-volume candles of the 2023-03-24 halt are allowed
    assert int(np.count_nonzero(btc_1m.volume == 0)) == 72


def test_validation_through_a_file(tmp_path: Path, btc_1m_head: Candles) -> None:
    path = write_shared_csv(broken(btc_1m_head, 299, low=99999.0), tmp_path / "BTCUSDT-1m-x.csv")
    with pytest.raises(DataError) as info:
        read_candles(path)
    assert str(info.value).startswith(f"{path}: row 300 (line 301): low 99999.0 is above min(open, close) = ")
    assert (info.value.row, info.value.line) == (300, 301)
    # reading without validation is possible, for repair tools
    assert len(read_candles(path, validate=False)) == 500
