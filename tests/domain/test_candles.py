"""Candle and the columnar Candles series, on real BTCUSDT 1m candles."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from aitrader.data import read_candles_csv
from aitrader.domain import Candle, Candles, Timeframe

BTC_1M = Path(__file__).resolve().parents[2] / "data/sample/binance/BTCUSDT-1m-2023-03-16_2023-05-05.csv.gz"


@pytest.fixture(scope="module")
def head() -> Candles:
    return read_candles_csv(BTC_1M, "BTCUSDT", Timeframe.M1).slice(0, 100)


def test_row_is_decimal_exact(head: Candles) -> None:
    c = head.row(0)
    assert c == Candle(
        1679004900000, Decimal("24899.18"), Decimal("24943.98"), Decimal("24896.29"),
        Decimal("24934.2"), Decimal("293.13711"),
    )  # fmt: skip
    assert c.closed


def test_slicing_views(head: Candles) -> None:
    assert len(head.slice(10, 20)) == 10
    assert head.tail(5).start_ms == int(head.open_time[95])
    part = head.between(1679004900000 + 60_000 * 3, 1679004900000 + 60_000 * 7)
    assert part.open_time.tolist() == [1679004900000 + 60_000 * k for k in range(3, 7)]
    assert np.shares_memory(head.slice(0, 10).close, head.close)


def test_round_trip_through_candle_objects(head: Candles) -> None:
    again = Candles.from_candles(list(head.slice(0, 20)), "BTCUSDT", Timeframe.M1)
    for k in ("open_time", "open", "high", "low", "close", "volume"):
        np.testing.assert_array_equal(getattr(again, k), getattr(head, k)[:20])


def test_append_and_concat(head: Candles) -> None:
    grown = head.slice(0, 10).append(head.row(10))
    assert len(grown) == 11
    assert grown.end_ms == int(head.open_time[10])
    with pytest.raises(ValueError, match="does not come after"):
        grown.append(head.row(3))
    both = Candles.concat([head.slice(0, 40), head.slice(40, 100)])
    np.testing.assert_array_equal(both.open_time, head.open_time)
    assert len(Candles.concat([])) == 0


def test_columns_must_have_equal_length() -> None:
    with pytest.raises(ValueError, match="column 'close' has 1 rows, open_time has 2"):
        Candles.from_arrays([1, 2], [1, 1], [1, 1], [1, 1], [1], [1, 1])


def test_with_meta(head: Candles) -> None:
    c = head.with_meta(symbol="X", timeframe=Timeframe.H1)
    assert (c.symbol, c.timeframe, c.source) == ("X", Timeframe.H1, head.source)


def test_equal_series_compare_equal(head: Candles) -> None:
    assert head.slice(0, 5) == head.slice(0, 5)
