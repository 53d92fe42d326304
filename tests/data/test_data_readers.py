"""Every supported file format reads back the same real candles; bad files name file, row and rule."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest
from candle_files import (
    BTC_1M_PATH,
    NIFTY_1D_PATH,
    write_binance_klines,
    write_freqtrade_feather,
    write_freqtrade_json,
    write_parquet,
    write_shared_csv,
)

from aitrader.data import (
    DataError,
    load_sample,
    parse_name,
    read_binance_klines_csv,
    read_candles,
    read_candles_csv,
    sample_path,
)
from aitrader.domain import Candles, Timeframe


def assert_same(a: Candles, b: Candles) -> None:
    assert len(a) == len(b)
    np.testing.assert_array_equal(a.open_time, b.open_time)
    for k in ("open", "high", "low", "close", "volume"):
        np.testing.assert_array_equal(getattr(a, k), getattr(b, k), err_msg=k)


def test_shared_sample_reads_with_its_real_first_candle(btc_1m: Candles) -> None:
    assert len(btc_1m) == 71041
    assert btc_1m.symbol == "BTCUSDT"
    assert btc_1m.timeframe is Timeframe.M1
    first = btc_1m.row(0)
    assert (first.open_time, str(first.open), str(first.high)) == (1679004900000, "24899.18", "24943.98")
    assert (str(first.low), str(first.close), str(first.volume)) == ("24896.29", "24934.2", "293.13711")
    assert btc_1m.source == str(BTC_1M_PATH)


def test_load_sample_keeps_its_signature(btc_1m: Candles) -> None:
    c = load_sample("btcusdt", "1m")
    assert_same(c, btc_1m)
    assert sample_path("BTCUSDT", Timeframe.H1).name.startswith("BTCUSDT-1h-")
    nifty = load_sample("NIFTY50", "1d")
    assert len(nifty) == 5353
    assert nifty.timeframe is Timeframe.D1
    with pytest.raises(FileNotFoundError, match="no sample data for DOGEUSDT 1m"):
        sample_path("DOGEUSDT", "1m")


@pytest.mark.parametrize("name", ["plain.csv", "zipped.csv.gz"])
def test_shared_csv_gzip_or_not(tmp_path: Path, btc_1m_head: Candles, name: str) -> None:
    path = write_shared_csv(btc_1m_head, tmp_path / name)
    assert_same(read_candles_csv(path, "BTCUSDT", Timeframe.M1), btc_1m_head)
    assert_same(read_candles(path, "BTCUSDT", "1m"), btc_1m_head)


@pytest.mark.parametrize(("header", "micros"), [(True, False), (False, False), (True, True), (False, True)])
def test_binance_kline_csv(tmp_path: Path, btc_1m_head: Candles, header: bool, micros: bool) -> None:
    path = write_binance_klines(btc_1m_head, tmp_path / "BTCUSDT-1m-2023-03-16.csv", header, micros)
    c = read_binance_klines_csv(path, "BTCUSDT", Timeframe.M1)
    assert_same(c, btc_1m_head)
    assert_same(read_candles(path), btc_1m_head)
    assert read_candles(path).symbol == "BTCUSDT"


def test_binance_reader_refuses_a_six_column_file(tmp_path: Path, btc_1m_head: Candles) -> None:
    path = write_shared_csv(btc_1m_head, tmp_path / "x.csv")
    with pytest.raises(DataError, match="12 columns, found 6"):
        read_binance_klines_csv(path)


@pytest.mark.parametrize("name", ["BTC_USDT-1m.json", "BTC_USDT-1m.json.gz"])
def test_freqtrade_json(tmp_path: Path, btc_1m_head: Candles, name: str) -> None:
    path = write_freqtrade_json(btc_1m_head, tmp_path / name)
    c = read_candles(path)
    assert_same(c, btc_1m_head)
    assert (c.symbol, c.timeframe) == ("BTCUSDT", Timeframe.M1)


def test_freqtrade_feather(tmp_path: Path, btc_1m_head: Candles) -> None:
    path = write_freqtrade_feather(btc_1m_head, tmp_path / "BTC_USDT-1m.feather")
    assert_same(read_candles(path), btc_1m_head)


def test_parquet(tmp_path: Path, btc_1m_head: Candles) -> None:
    path = write_parquet(btc_1m_head, tmp_path / "BTCUSDT-1m.parquet")
    assert_same(read_candles(path), btc_1m_head)


def test_nifty_daily_sample() -> None:
    c = read_candles(NIFTY_1D_PATH)
    assert (c.symbol, c.timeframe, len(c)) == ("NIFTY50", Timeframe.D1, 5353)
    assert c.start_ms == 946857600000  # 2000-01-03


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("BTCUSDT-1m-2023-03-16_2023-05-05.csv.gz", ("BTCUSDT", Timeframe.M1)),
        ("ETH_USDT-1h.json", ("ETHUSDT", Timeframe.H1)),
        ("SOLUSDT-1M.parquet", ("SOLUSDT", Timeframe.MN1)),
        ("NIFTY50-1d-2000.csv.gz", ("NIFTY50", Timeframe.D1)),
        ("candles.csv", None),
        ("BTCUSDT-7m.csv", None),
    ],
)
def test_parse_name(name: str, expected: tuple[str, Timeframe] | None) -> None:
    assert parse_name(name) == expected


def test_empty_csv_reads_as_no_candles(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("open_time_ms,open,high,low,close,volume\n")
    assert len(read_candles_csv(path)) == 0
    (tmp_path / "z.csv").write_text("")
    assert len(read_candles_csv(tmp_path / "z.csv")) == 0


def _corrupt(tmp_path: Path, btc_1m_head: Candles, line_no: int, new_line: str, gz: bool = False) -> Path:
    text = write_shared_csv(btc_1m_head, tmp_path / "good.csv").read_text().splitlines()
    text[line_no - 1] = new_line
    path = tmp_path / ("bad.csv.gz" if gz else "bad.csv")
    data = ("\n".join(text) + "\n").encode()
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


@pytest.mark.parametrize(
    ("bad_line", "rule"),
    [
        ("1679005000000,24900.0,abc,24890.0,24895.0,1.0", "high 'abc' is not a number"),
        (
            "1679005000000.5,24900.0,24910.0,24890.0,24895.0,1.0",
            "open_time '1679005000000.5' is not an integer",
        ),
        ("1679005000000,24900.0,24910.0,24890.0", "expected 6 columns, found 4"),
        ("1679005000000,24900.0,,24890.0,24895.0,1.0", "high '' is not a number"),
        ("1679005000000,nan,24910.0,24890.0,24895.0,1.0", "open 'nan' is not a number"),
    ],
)
@pytest.mark.parametrize("gz", [False, True])
def test_unparsable_value_names_file_row_and_line(
    tmp_path: Path, btc_1m_head: Candles, bad_line: str, rule: str, gz: bool
) -> None:
    path = _corrupt(tmp_path, btc_1m_head, 101, bad_line, gz)
    with pytest.raises(DataError) as info:
        read_candles(path, "BTCUSDT", "1m")
    err = info.value
    assert (err.row, err.line, err.rule) == (100, 101, rule)
    assert str(err) == f"{path}: row 100 (line 101): {rule}"
    assert "\n" not in str(err)


def test_bad_freqtrade_json_row(tmp_path: Path) -> None:
    path = tmp_path / "BTC_USDT-1m.json"
    path.write_text(
        "[[1679004900000, 1, 2, 0.5, 1.5, 3], [1679004960000, 1, 2, 0.5], [1679005020000,1,2,0.5,1,1]]"
    )
    with pytest.raises(DataError, match=r"BTC_USDT-1m.json: row 2: expected \[ms, open"):
        read_candles(path)
    path.write_text('[[1679004900000, 1, 2, 0.5, 1.5, 3], [1679004960000, 1, "x", 0.5, 1, 1]]')
    with pytest.raises(DataError, match="row 2: high 'x' is not a number"):
        read_candles(path)
    path.write_text("{not json")
    with pytest.raises(DataError, match="not valid JSON"):
        read_candles(path)


def test_unknown_format_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        read_candles(tmp_path / "nope.csv")
    (tmp_path / "x.xlsx").write_bytes(b"PK")
    with pytest.raises(DataError, match=r"unknown format '\.xlsx'"):
        read_candles(tmp_path / "x.xlsx")
    (tmp_path / "x.parquet").write_bytes(b"not parquet")
    with pytest.raises(DataError, match="not a readable parquet file"):
        read_candles(tmp_path / "x.parquet")


def test_parquet_without_ohlcv_columns_is_refused(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"open_time": [1], "price": [1.0]}), tmp_path / "p.parquet")
    with pytest.raises(DataError, match="needs columns open, high, low, close, volume"):
        read_candles(tmp_path / "p.parquet")


def test_freqtrade_json_pretty_printed_and_with_nulls(tmp_path: Path, btc_1m_head: Candles) -> None:
    import json

    path = write_freqtrade_json(btc_1m_head, tmp_path / "BTC_USDT-1m.json")
    rows = json.loads(path.read_text())
    path.write_text(json.dumps(rows, indent=2))
    assert_same(read_candles(path), btc_1m_head)
    rows[7][4] = None
    path.write_text(json.dumps(rows))
    with pytest.raises(DataError, match=r"BTC_USDT-1m.json: row 8: close is nan \(NaN or infinite\)"):
        read_candles(path)


def test_binance_public_data_zip(tmp_path: Path, btc_1m_head: Candles) -> None:
    import zipfile

    inner = write_binance_klines(btc_1m_head, tmp_path / "BTCUSDT-1m-2023-03.csv", header=False, micros=False)
    path = tmp_path / "BTCUSDT-1m-2023-03.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(inner, inner.name)
    c = read_candles(path)
    assert_same(c, btc_1m_head)
    assert (c.symbol, c.timeframe) == ("BTCUSDT", Timeframe.M1)
    assert c.source == f"{path}!BTCUSDT-1m-2023-03.csv"
    lines = inner.read_text().splitlines()
    lines[9] = lines[9].replace(lines[9].split(",")[2], "x", 1)
    inner.write_text("\n".join(lines) + "\n")
    with zipfile.ZipFile(path, "w") as zf:
        zf.write(inner, inner.name)
    with pytest.raises(
        DataError, match=r"BTCUSDT-1m-2023-03.zip!BTCUSDT-1m-2023-03.csv: row 10: high 'x' is not a number"
    ):
        read_candles(path)
    path.write_bytes(b"PK but not a zip")
    with pytest.raises(DataError, match="not a readable zip file"):
        read_candles(path)
