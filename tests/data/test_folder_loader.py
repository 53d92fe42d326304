"""RL folder convention: one tagged columnar table from every SYMBOL-TF-*.csv[.gz] under a folder."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import numpy as np
import pytest
from candle_files import write_shared_csv

from aitrader.data import LabelledCandles, load_folder, load_symbol
from aitrader.domain import Candles, Timeframe


@pytest.fixture
def folder(tmp_path: Path, btc_1m: Candles, btc_1h: Candles) -> Path:
    (tmp_path / "binance").mkdir()
    write_shared_csv(btc_1m.slice(0, 300), tmp_path / "binance" / "BTCUSDT-1m-2023-03-16.csv.gz")
    write_shared_csv(btc_1m.slice(250, 400), tmp_path / "binance" / "BTCUSDT-1m-2023-03-17.csv")
    write_shared_csv(btc_1h.slice(0, 100), tmp_path / "BTCUSDT-1h-2017.csv.gz")
    shutil.copy(
        Path(__file__).resolve().parents[2] / "data/sample/binance/SOLUSDT-1m-2023-03-16_2023-05-01.csv.gz",
        tmp_path / "binance" / "SOLUSDT-1m-2023-03-16_2023-05-01.csv.gz",
    )
    return tmp_path


def test_load_folder_tags_every_row(folder: Path, btc_1m: Candles) -> None:
    table = load_folder(folder)
    assert isinstance(table, LabelledCandles)
    assert table.symbols == ["BTCUSDT", "SOLUSDT"]
    assert len(table) == 400 + 100 + 66088
    btc_1m_rows = (table.symbol == "BTCUSDT") & (table.timeframe == "1m")
    assert int(btc_1m_rows.sum()) == 400  # two overlapping files merged, de-duplicated
    np.testing.assert_array_equal(table.open_time[btc_1m_rows], btc_1m.open_time[:400])
    assert int(((table.symbol == "BTCUSDT") & (table.timeframe == "1h")).sum()) == 100
    assert table.open_time.dtype == np.int64
    assert table.close.dtype == np.float64
    assert len(table.sources) == 4


def test_select_and_arrow(folder: Path, btc_1m: Candles) -> None:
    table = load_folder(folder)
    btc = table.select("btcusdt")
    assert btc.timeframe is Timeframe.M1  # the finest timeframe by default
    np.testing.assert_array_equal(btc.close, btc_1m.close[:400])
    assert len(table.select("BTCUSDT", "1h")) == 100
    assert len(table.select("ETHUSDT")) == 0
    arrow = table.to_arrow()
    assert arrow.num_rows == len(table)
    assert arrow.column_names == [
        "symbol",
        "timeframe",
        "open_time",
        "open",
        "high",
        "low",
        "close",
        "volume",
    ]


def test_corrupt_files_are_skipped_with_a_warning(folder: Path, caplog: pytest.LogCaptureFixture) -> None:
    bad = folder / "ETHUSDT-1m-2023.csv"
    bad.write_text(
        "open_time_ms,open,high,low,close,volume\n1679004900000,1,2,0.5,1,1\n1679004960000,1,oops,0.5,1,1\n"
    )
    (folder / "XRPUSDT-1m-2023.csv.gz").write_bytes(b"not gzip at all")
    (folder / "notes.csv").write_text("hello\n")
    with caplog.at_level(logging.WARNING, logger="aitrader.data.folder"):
        table = load_folder(folder)
    assert table.symbols == ["BTCUSDT", "SOLUSDT"]
    text = caplog.text
    assert f"skipping corrupt candle file {bad}" in text
    assert "row 2 (line 3): high 'oops' is not a number" in text
    assert "XRPUSDT-1m-2023.csv.gz" in text
    assert "notes.csv: the name says no symbol and timeframe" in text


def test_load_symbol_from_a_file_or_a_folder(folder: Path, btc_1m: Candles) -> None:
    sol = load_symbol(folder / "binance" / "SOLUSDT-1m-2023-03-16_2023-05-01.csv.gz", "solusdt")
    assert (sol.symbol, sol.timeframe, len(sol)) == ("SOLUSDT", Timeframe.M1, 66088)
    btc = load_symbol(folder, "BTCUSDT")
    assert btc.timeframe is Timeframe.M1
    np.testing.assert_array_equal(btc.open_time, btc_1m.open_time[:400])
    assert len(load_symbol(folder, "BTCUSDT", "1h")) == 100
    with pytest.raises(FileNotFoundError, match="no readable DOGEUSDT"):
        load_symbol(folder, "DOGEUSDT")


def test_empty_folder(tmp_path: Path) -> None:
    table = load_folder(tmp_path)
    assert len(table) == 0
    assert table.symbols == []
    with pytest.raises(FileNotFoundError):
        load_folder(tmp_path / "missing")
