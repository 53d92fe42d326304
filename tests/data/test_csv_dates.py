"""CSVs whose time column holds date-time strings (ISO 8601, offsets, month names, day/month
numbers), as exported by NSE, Yahoo and spreadsheets: read to the same epoch-ms candles as the real
samples; an ambiguous or broken date is one line naming file, row and what to do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from candle_files import NIFTY_1D_PATH, PRICE_COLUMNS
from cli_helpers import flat, run

from aitrader.data import CandleStore, DataError, read_candles, read_candles_csv
from aitrader.domain import Candles, Timeframe

IST = dt.timezone(dt.timedelta(hours=5, minutes=30))


@pytest.fixture(scope="module")
def nifty() -> Candles:
    return read_candles_csv(NIFTY_1D_PATH, "NIFTY50", Timeframe.D1)


def utc(ms: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC)


def write_dated(c: Candles, path: Path, header: str, when: Callable[[int], str], extra: int = 0) -> Path:
    """`c` as a CSV whose time column is `when(open_ms)`; `extra` copies of close follow it (an
    "Adj Close" column, which for an index is the close)."""
    lines = [header]
    for i in range(len(c)):
        prices = [repr(float(getattr(c, k)[i])) for k in PRICE_COLUMNS]
        row = [when(int(c.open_time[i])), *prices[:4], *([prices[3]] * extra), prices[4]]
        lines.append(",".join(row))
    path.write_text("\n".join(lines) + "\n")
    return path


def assert_same(a: Candles, b: Candles) -> None:
    np.testing.assert_array_equal(a.open_time, b.open_time)
    for k in PRICE_COLUMNS:
        np.testing.assert_array_equal(getattr(a, k), getattr(b, k), err_msg=k)


def test_yahoo_style_iso_dates_and_named_columns(tmp_path: Path, nifty: Candles) -> None:
    header = "Date,Open,High,Low,Close,Adj Close,Volume"
    path = write_dated(
        nifty, tmp_path / "NIFTY50-1d.csv", header, lambda t: utc(t).strftime("%Y-%m-%d"), extra=1
    )
    assert_same(read_candles(path), nifty)


def test_nse_style_month_names(tmp_path: Path, nifty: Candles) -> None:
    header = "Date,Open,High,Low,Close,Shares Traded"
    path = write_dated(
        nifty, tmp_path / "NIFTY50-1d.csv", header, lambda t: utc(t).strftime("%d-%b-%Y").upper()
    )
    assert_same(read_candles(path), nifty)


@pytest.mark.parametrize(
    ("form", "when"),
    [
        ("Z", lambda t: utc(t).strftime("%Y-%m-%dT%H:%M:%SZ")),
        ("+05:30", lambda t: utc(t).astimezone(IST).isoformat()),
        ("space", lambda t: utc(t).strftime("%Y-%m-%d %H:%M:%S")),
        ("day first", lambda t: utc(t).strftime("%d/%m/%Y %H:%M")),
    ],
)
def test_intraday_date_times_with_offsets(
    tmp_path: Path, btc_1m_head: Candles, form: str, when: Callable[[int], str]
) -> None:
    header = "open_time,open,high,low,close,volume"
    path = write_dated(btc_1m_head, tmp_path / "BTCUSDT-1m.csv", header, when)
    assert_same(read_candles(path), btc_1m_head)


def test_local_times_without_offset_with_tz(store_dir: Path, tmp_path: Path, btc_1m_head: Candles) -> None:
    header = "datetime,open,high,low,close,volume"
    when = lambda t: utc(t).astimezone(IST).strftime("%Y-%m-%d %H:%M:%S")  # noqa: E731
    path = write_dated(btc_1m_head, tmp_path / "BTCUSDT-1m-ist.csv", header, when)
    code, out = run("data", "import", str(path), "--tz", "Asia/Kolkata")
    assert code == 0, out
    assert_same(CandleStore(store_dir).read("binance", "BTCUSDT", Timeframe.M1), btc_1m_head)


def test_ambiguous_day_month_is_refused_then_read_with_a_format(
    store_dir: Path, tmp_path: Path, nifty: Candles
) -> None:
    first_days = nifty.slice(0, 8)  # 2000-01-03 .. 2000-01-12: no day above 12
    header = "Date,Open,High,Low,Close,Volume"
    path = write_dated(first_days, tmp_path / "NIFTY50-1d.csv", header, lambda t: utc(t).strftime("%d/%m/%Y"))
    code, out = run("data", "import", str(path))
    assert code == 1
    assert out.count("\n") == 1
    assert flat(out) == (
        f"error: {path}: row 1 (line 2): date '03/01/2000' is ambiguous (no day above 12 tells whether "
        "it is day/month or month/day): write dates as YYYY-MM-DD or pass --date-format %d/%m/%Y (or "
        "%m/%d/%Y) — nothing was imported; fix the file and run again"
    )
    assert not store_dir.exists()
    code, out = run("data", "import", str(path), "--date-format", "%d/%m/%Y")
    assert code == 0, out
    assert_same(CandleStore(store_dir).read("binance", "NIFTY50", Timeframe.D1), first_days)


@pytest.mark.parametrize("command", [["backtest", "-s", "sma_cross"], ["data", "show"]])
def test_ambiguous_dates_read_by_another_command_say_to_import_them_first(
    store_dir: Path, tmp_path: Path, nifty: Candles, command: list[str]
) -> None:
    """--date-format is `data import`'s option: `backtest --data FILE` (or `data show --data`) names
    the command that has it instead of an option it does not have."""
    first_days = nifty.slice(0, 8)
    header = "Date,Open,High,Low,Close,Volume"
    path = write_dated(first_days, tmp_path / "NIFTY50-1d.csv", header, lambda t: utc(t).strftime("%d/%m/%Y"))
    code, out = run(*command, "--data", str(path))
    assert code == 1
    assert out.count("\n") == 1
    assert flat(out).endswith(
        f"{path}: row 1 (line 2): date '03/01/2000' is ambiguous (no day above 12 tells whether it is "
        f"day/month or month/day): write dates as YYYY-MM-DD or import it first: aitrader data import "
        f"{path} --date-format %d/%m/%Y (or %m/%d/%Y)"
    )
    assert not store_dir.exists()
    # the advice works
    code, out = run("data", "import", str(path), "--date-format", "%d/%m/%Y")
    assert code == 0, out
    assert_same(CandleStore(store_dir).read("binance", "NIFTY50", Timeframe.D1), first_days)


def test_a_bad_date_names_file_row_and_line(tmp_path: Path, nifty: Candles) -> None:
    header = "Date,Open,High,Low,Close,Volume"
    path = write_dated(
        nifty.slice(0, 100), tmp_path / "NIFTY50-1d.csv", header, lambda t: utc(t).strftime("%Y-%m-%d")
    )
    lines = path.read_text().splitlines()
    lines[57] = "2000-13-45" + lines[57][10:]
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataError) as info:
        read_candles(path)
    assert (info.value.row, info.value.line) == (57, 58)
    assert "open_time '2000-13-45' is not a date-time of the form the first row uses (ISO 8601)" in str(
        info.value
    )


def test_a_header_without_a_needed_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "NIFTY50-1d.csv"
    path.write_text("Date,Open,High,Low,Close\n2000-01-03,1482.15,1592.9,1482.15,1592.2\n")
    with pytest.raises(DataError, match="the header names no volume column"):
        read_candles(path)
    # six columns, but the sixth is not the volume: it is not taken for one
    path.write_text("Date,Open,High,Low,Close,Adj Close\n2000-01-03,1482.15,1592.9,1482.15,1592.2,1592.2\n")
    with pytest.raises(DataError, match="the header names no volume column"):
        read_candles(path)
