"""The PRD's DataLoader on the real example tree (data/rl) and on damaged copies of it: corrupt
files, empty folders, bad rows and missing files are logged, never raised."""

from __future__ import annotations

import gzip
import logging
import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from aitrader.data import load_sample
from aitrader.domain import Timeframe
from aitrader.rl.data_loader import DataLoader, Task, infer_timeframe, parse_task_name, sample_diverse
from aitrader.rl.ohlc_csv import read_ohlc_csv
from aitrader.rl.sample_data import example_loader, examples_root

EXAMPLES = examples_root()
NIFTY_FINAL = EXAMPLES / "final" / "NIFTY50_1d.csv.gz"
NIFTY_RAW = EXAMPLES / "raw" / "Nifty_2.csv"
BTC_FINAL = EXAMPLES / "final" / "BTCUSDT_1h.csv.gz"
ALL_TASKS = [
    Task("BTCUSDT", Timeframe.H1), Task("BTCUSDT", Timeframe.H4), Task("ETHUSDT", Timeframe.M15),
    Task("NIFTY50", Timeframe.D1), Task("SOLUSDT", Timeframe.M15),
]  # fmt: skip


def _ms(day: str) -> int:
    return int(np.datetime64(day, "ms").astype(np.int64))


def _lines(path: Path) -> list[str]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return fh.read().splitlines()


def _write(path: Path, lines: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_load_all_data_reads_every_example_file() -> None:
    data = example_loader().load_all_data()
    assert data.tasks == ALL_TASKS
    assert data.skipped == {}
    table = data.table()
    assert table.num_rows == len(data) == sum(len(s.candles) for s in data.series.values())
    assert table.column_names == [
        "instrument",
        "timeframe",
        "datetime",
        "open",
        "high",
        "low",
        "close",
        "volume",
    ]
    assert Counter(table.column("instrument").to_pylist())["NIFTY50"] == len(data.candles("NIFTY50", "1d"))
    nifty = load_sample("NIFTY50", "1d").between(_ms("2000-01-01"), _ms("2017-01-01"))
    loaded = data.candles("nifty50", Timeframe.D1)
    for col in ("open_time", "open", "high", "low", "close", "volume"):
        np.testing.assert_array_equal(getattr(loaded, col), getattr(nifty, col))
    with pytest.raises(KeyError, match="no training data for BTCUSDT 1d"):
        data.candles("BTCUSDT", "1d")


def test_every_column_of_a_processed_file_is_kept(tmp_path: Path) -> None:
    lines = _lines(NIFTY_FINAL)
    closes = np.array([float(row.split(",")[4]) for row in lines[1:]])
    log_ret = np.concatenate([[np.nan], np.diff(np.log(closes))])
    rows = [lines[0] + ",log_return,regime"]
    for row, r in zip(lines[1:], log_ret, strict=True):
        rows.append(f"{row},{'' if np.isnan(r) else repr(float(r))},{'up' if r > 0 else 'down'}")
    _write(tmp_path / "final" / "NIFTY50_1d.csv", rows)
    shutil.copy(BTC_FINAL, tmp_path / "final")
    data = DataLoader(tmp_path / "final", tmp_path / "raw").load_all_data()
    nifty = data.series[Task("NIFTY50", Timeframe.D1)]
    assert nifty.extra.column_names == ["log_return", "regime"]
    np.testing.assert_allclose(nifty.extra.column("log_return").to_numpy(zero_copy_only=False), log_ret)
    table = data.table()
    assert table.column_names[-2:] == ["log_return", "regime"]
    btc_rows = table.filter(table.column("instrument").to_numpy(zero_copy_only=False) == "BTCUSDT")
    assert btc_rows.column("regime").null_count == btc_rows.num_rows  # the BTC file has no such column


def test_corrupt_files_are_skipped_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    final = tmp_path / "final"
    final.mkdir()
    shutil.copy(BTC_FINAL, final)
    (final / "ETHUSDT_15m.csv.gz").write_bytes(BTC_FINAL.read_bytes()[:3000])  # cut short
    (final / "SOLUSDT_15m.csv").write_bytes(BTC_FINAL.read_bytes())  # gzip bytes under a .csv name
    _write(final / "XRPUSDT_1h.csv", ["time,price", "2023-01-01 00:00:00,1.0"])  # wrong columns
    _write(final / "ADAUSDT_1h.csv", [])  # empty
    with caplog.at_level(logging.WARNING):
        data = DataLoader(final, tmp_path / "raw").load_all_data()
    assert data.tasks == [Task("BTCUSDT", Timeframe.H1)]
    assert sorted(Path(p).name for p in data.skipped) == [
        "ADAUSDT_1h.csv", "ETHUSDT_15m.csv.gz", "SOLUSDT_15m.csv", "XRPUSDT_1h.csv",
    ]  # fmt: skip
    assert "gzip" in data.skipped[str(final / "ETHUSDT_15m.csv.gz")]
    assert "not a text CSV" in data.skipped[str(final / "SOLUSDT_15m.csv")]
    assert "missing column(s) datetime, open, high, low, close" in data.skipped[str(final / "XRPUSDT_1h.csv")]
    skipped_logs = [r for r in caplog.records if r.levelno == logging.WARNING and "skipping" in r.message]
    assert len(skipped_logs) == 4


@pytest.mark.parametrize("make", ["empty", "missing"])
def test_empty_or_missing_final_folder_warns_and_gives_no_tasks(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, make: str
) -> None:
    final = tmp_path / "final"
    if make == "empty":
        final.mkdir()
    with caplog.at_level(logging.WARNING):
        loader = DataLoader(final, tmp_path / "raw")
        data = loader.load_all_data()
    assert len(data) == 0
    assert data.table().num_rows == 0
    assert loader.tasks() == []
    assert loader.sample_tasks(3, 0) == []
    assert any("no training data" in r.message for r in caplog.records)


def test_bad_rows_are_dropped_and_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    lines = _lines(NIFTY_RAW)
    assert lines[0] == "datetime,open,high,low,close"
    rows = lines[1:]
    bad = list(rows)
    t, o, h, lo, c = bad[4].split(",")
    bad[4] = ",".join([t, o, lo, h, c])  # high < low (and high < open, ...)
    t, o, h, lo, c = bad[9].split(",")
    bad[9] = ",".join([t, o, h, lo, str(float(h) + 1)])  # close above high
    t, o, h, lo, c = bad[19].split(",")
    bad[19] = ",".join([t, "n/a", h, lo, c])  # open not a number
    bad[29] = ",".join(bad[29].split(",")[:3])  # a row cut short
    bad[34] = "yesterday," + bad[34].split(",", 1)[1]  # not a time
    bad.insert(41, bad[40])  # a repeated row
    raw = _write(tmp_path / "raw" / "Nifty_2.csv", [lines[0], *bad])
    with caplog.at_level(logging.WARNING):
        candles = DataLoader(tmp_path / "final", raw.parent).load_data_for_symbol("Nifty")
    assert candles is not None
    assert candles.timeframe is Timeframe.D1
    assert candles.symbol == "NIFTY"
    expected = read_ohlc_csv(NIFTY_RAW).candles("NIFTY", Timeframe.D1)
    keep = np.setdiff1d(np.arange(len(rows)), [4, 9, 19, 29, 34])
    np.testing.assert_array_equal(candles.open_time, expected.open_time[keep])
    np.testing.assert_array_equal(candles.close, expected.close[keep])
    assert np.all(candles.volume == 0.0)  # the PRD's raw file has no volume
    (warning,) = [r.message for r in caplog.records if "dropped" in r.message]
    assert f"dropped 6 of {len(rows) + 1} rows" in warning
    for rule in ("high < low: 1", "high < close: 1", "open missing or not a number: 1",
                 "duplicate datetime: 1", "datetime missing or not a time: 1", "wrong number of fields: 1"):  # fmt: skip
        assert rule in warning
    assert f"row 5 ({rows[4].split(',')[0]}): high < low" in warning


def test_missing_or_unreadable_raw_file_logs_an_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "BTCUSDT_1h.csv.gz").write_bytes((EXAMPLES / "raw" / "BTCUSDT_1h.csv.gz").read_bytes()[:2000])
    loader = DataLoader(tmp_path / "final", raw)
    with caplog.at_level(logging.ERROR):
        assert loader.load_data_for_symbol("Nifty_2") is None
        assert loader.load_data_for_symbol("BTCUSDT") is None
        assert DataLoader(tmp_path / "final", tmp_path / "nowhere").load_data_for_symbol("Nifty") is None
    errors = [r.message for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 3
    assert "no backtesting data for 'Nifty_2'" in errors[0]
    assert "BTCUSDT_1h.csv.gz" in errors[1]
    assert "gzip" in errors[1]


def test_raw_files_by_symbol_and_prefix() -> None:
    loader = example_loader()
    nifty = loader.load_data_for_symbol("Nifty_2")
    assert nifty is not None
    assert len(nifty) == len(_lines(NIFTY_RAW)) - 1
    assert loader.raw_file("nifty") == NIFTY_RAW
    btc = loader.load_data_for_symbol("BTCUSDT")
    assert btc is not None
    assert btc.timeframe is Timeframe.H1
    assert btc.symbol == "BTCUSDT"
    assert btc.start_ms == _ms("2023-07-01")
    assert loader.load_data_for_symbol("Nifty_2", timeframe="1d") == nifty


def test_time_column_formats_agree(tmp_path: Path) -> None:
    first = _lines(NIFTY_RAW)[1:4]
    prices = [row.split(",", 1)[1] for row in first]
    days = [row.split(",")[0][:10] for row in first]
    variants = {
        "iso": [f"{d} 00:00:00" for d in days],
        "date": days,
        "zulu": [f"{d}T00:00:00Z" for d in days],
        "offset": [f"{d}T05:30:00+05:30" for d in days],
        "mixed": [days[0], f"{days[1]}T00:00:00Z", f"{days[2]} 00:00:00"],
        "epoch_ms": [str(_ms(d)) for d in days],
    }
    times = {}
    for name, stamps in variants.items():
        header = "open_time_ms" if name == "epoch_ms" else "Datetime"
        path = _write(
            tmp_path / f"{name}.csv",
            [f"{header},Open,High,Low,Close"] + [f"{s},{p}" for s, p in zip(stamps, prices, strict=True)],
        )
        times[name] = read_ohlc_csv(path).table.column("open_time").to_pylist()
    assert all(v == [_ms(d) for d in days] for v in times.values()), times


def test_task_names_and_timeframe_inference(tmp_path: Path) -> None:
    assert parse_task_name(Path("NIFTY50_1d.csv.gz")) == ("NIFTY50", Timeframe.D1)
    assert parse_task_name(Path("BTCUSDT-1m-2023-03-16_2023-05-05.csv.gz")) == ("BTCUSDT", Timeframe.M1)
    assert parse_task_name(Path("BTC_USDT-4h.csv")) == ("BTCUSDT", Timeframe.H4)
    assert parse_task_name(Path("Nifty_2.csv")) == ("NIFTY2", None)
    nifty = load_sample("NIFTY50", "1d")
    assert infer_timeframe(nifty.open_time) is Timeframe.D1  # weekends and holidays are gaps
    shutil.copy(NIFTY_RAW, tmp_path / "NIFTY.csv")  # no timeframe in the name
    data = DataLoader(tmp_path, tmp_path).load_all_data()
    assert data.tasks == [Task("NIFTY", Timeframe.D1)]


def test_files_of_one_task_are_merged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    lines = _lines(BTC_FINAL)
    _write(tmp_path / "BTCUSDT_1h.csv", [lines[0], *lines[1:8000]])
    _write(tmp_path / "BTCUSDT-1h-late.csv", [lines[0], *lines[7000:]])
    with caplog.at_level(logging.WARNING):
        data = DataLoader(tmp_path, tmp_path).load_all_data()
    whole = DataLoader(EXAMPLES / "final", tmp_path).load_all_data().candles("BTCUSDT", "1h")
    assert data.tasks == [Task("BTCUSDT", Timeframe.H1)]
    np.testing.assert_array_equal(data.candles("BTCUSDT", "1h").open_time, whole.open_time)
    np.testing.assert_array_equal(data.candles("BTCUSDT", "1h").close, whole.close)
    assert any("1000 rows repeated across 2 files" in r.message for r in caplog.records)


def test_sample_tasks_covers_distinct_instruments_first() -> None:
    loader = example_loader()
    assert loader.tasks() == ALL_TASKS
    for seed in range(20):
        four = loader.sample_tasks(4, np.random.default_rng(seed))
        assert len({t.instrument for t in four}) == 4
        assert sorted(loader.sample_tasks(5, seed), key=str) == sorted(ALL_TASKS, key=str)
        twelve = sample_diverse(ALL_TASKS, 12, seed)
        assert sorted(twelve[:5], key=str) == sorted(ALL_TASKS, key=str)
        assert sorted(twelve[5:10], key=str) == sorted(ALL_TASKS, key=str)
    assert loader.sample_tasks(3, 7) == loader.sample_tasks(3, 7)
    firsts = {tuple(loader.sample_tasks(2, seed)) for seed in range(20)}
    assert len(firsts) > 5  # the order is random, not fixed
    assert sample_diverse(ALL_TASKS, 0) == []


def test_a_raw_file_of_another_timeframe_is_not_relabelled(caplog: pytest.LogCaptureFixture) -> None:
    from aitrader.rl.sample_data import example_loader

    loader = example_loader()
    assert loader.load_data_for_symbol("BTCUSDT", "1h") is not None
    with caplog.at_level("ERROR"):
        assert loader.load_data_for_symbol("BTCUSDT", "4h") is None
    assert "holds 1h bars" in caplog.text
