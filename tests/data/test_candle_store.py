"""The Parquet store: merge with de-dup by open time, atomic writes, listing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from aitrader.data import CandleStore, DataError, merge_candles
from aitrader.domain import Candles, Timeframe


def test_round_trip_and_layout(tmp_path: Path, btc_1m_head: Candles) -> None:
    store = CandleStore(tmp_path)
    result = store.merge(btc_1m_head)
    assert result.path == tmp_path / "binance" / "BTCUSDT" / "1m.parquet"
    assert (result.received, result.added, result.total) == (500, 500, 500)
    back = store.read("binance", "btcusdt", Timeframe.M1)
    for k in ("open_time", "open", "high", "low", "close", "volume"):
        np.testing.assert_array_equal(getattr(back, k), getattr(btc_1m_head, k))
    assert (back.symbol, back.timeframe) == ("BTCUSDT", Timeframe.M1)
    assert back.source == btc_1m_head.source
    assert store.last_open_ms("binance", "BTCUSDT", Timeframe.M1) == btc_1m_head.end_ms
    assert store.last_open_ms("binance", "ETHUSDT", Timeframe.M1) is None


def test_overlapping_merge_dedups_and_newer_wins(tmp_path: Path, btc_1m_head: Candles) -> None:
    store = CandleStore(tmp_path)
    store.merge(btc_1m_head.slice(0, 300))
    newer = btc_1m_head.slice(250, 500)
    revised_close = newer.close.copy()
    revised_close[0] = newer.close[0] + 0.01  # the candle at row 250 was still forming when first stored
    newer = Candles(
        newer.open_time, newer.open, np.maximum(newer.high, revised_close), newer.low, revised_close,
        newer.volume, newer.symbol, newer.timeframe,
    )  # fmt: skip
    result = store.merge(newer)
    assert (result.added, result.total) == (200, 500)
    back = store.read("binance", "BTCUSDT", Timeframe.M1)
    np.testing.assert_array_equal(back.open_time, btc_1m_head.open_time)
    assert back.close[250] == revised_close[0]
    assert back.close[249] == btc_1m_head.close[249]


def test_merge_out_of_order_chunks(tmp_path: Path, btc_1m_head: Candles) -> None:
    store = CandleStore(tmp_path)
    store.merge(btc_1m_head.slice(300, 500))
    store.merge(btc_1m_head.slice(0, 100))
    store.merge(btc_1m_head.slice(50, 350))
    np.testing.assert_array_equal(
        store.read("binance", "BTCUSDT", Timeframe.M1).open_time, btc_1m_head.open_time
    )


def test_merge_candles_function() -> None:
    a = Candles.from_arrays([1, 2, 3], [1, 1, 1], [2, 2, 2], [1, 1, 1], [1, 1, 1], [0, 0, 0])
    b = Candles.from_arrays([3, 4], [1, 1], [3, 3], [1, 1], [2, 2], [5, 5])
    m = merge_candles(a, b)
    assert m.open_time.tolist() == [1, 2, 3, 4]
    assert m.close.tolist() == [1, 1, 2, 2]


def test_bad_candles_never_touch_the_store(tmp_path: Path, btc_1m_head: Candles) -> None:
    store = CandleStore(tmp_path)
    store.merge(btc_1m_head.slice(0, 100))
    path = store.path_for("binance", "BTCUSDT", Timeframe.M1)
    before = path.read_bytes()
    bad_high = btc_1m_head.high[100:200].copy()
    bad_high[10] = 1.0
    part = btc_1m_head.slice(100, 200)
    bad = Candles(
        part.open_time,
        part.open,
        bad_high,
        part.low,
        part.close,
        part.volume,
        "BTCUSDT",
        Timeframe.M1,
        "bad.csv",
    )
    with pytest.raises(DataError, match=r"bad.csv: row 11: high 1.0 is below"):
        store.merge(bad)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["1m.parquet"]


def test_a_failed_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, btc_1m_head: Candles, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow.parquet as pq

    store = CandleStore(tmp_path)
    store.merge(btc_1m_head.slice(0, 100))
    path = store.path_for("binance", "BTCUSDT", Timeframe.M1)
    before = path.read_bytes()
    real_write = pq.write_table

    def write_half_then_die(table: object, where: str, **kw: object) -> None:
        real_write(table, where, **kw)
        Path(where).write_bytes(Path(where).read_bytes()[:100])  # a torn file
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pq, "write_table", write_half_then_die)
    with pytest.raises(OSError, match="No space left"):
        store.merge(btc_1m_head.slice(100, 200))
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["1m.parquet"]


def test_symbol_is_required(tmp_path: Path) -> None:
    c = Candles.from_arrays([1], [1], [1], [1], [1], [1])
    with pytest.raises(DataError, match="no symbol"):
        CandleStore(tmp_path).merge(c)


def test_series_listing(tmp_path: Path, btc_1m_head: Candles, btc_1h: Candles) -> None:
    store = CandleStore(tmp_path)
    assert store.series() == []
    store.merge(btc_1m_head)
    store.merge(btc_1h.slice(0, 50))
    month = Candles.from_arrays(
        [1672531200000], [1], [2], [1], [1], [1], symbol="BTCUSDT", timeframe=Timeframe.MN1
    )
    store.merge(month, venue="local")
    listed = [(s.venue, s.symbol, s.timeframe.value, s.rows) for s in store.series()]
    assert listed == [
        ("binance", "BTCUSDT", "1m", 500),
        ("binance", "BTCUSDT", "1h", 50),
        ("local", "BTCUSDT", "1M", 1),
    ]
    assert store.path_for("local", "BTCUSDT", Timeframe.MN1).name == "1mon.parquet"
    first = store.series()[0]
    assert (first.first_ms, first.last_ms) == (btc_1m_head.start_ms, btc_1m_head.end_ms)
