"""`data import` refuses files that would corrupt the store: bad timestamps, wrong timeframe,
binary files, folders, empty files — one line, exit 1, store untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from candle_files import NIFTY_1D_PATH, write_shared_csv
from cli_helpers import flat, run

from aitrader.data import CandleStore, read_candles_csv
from aitrader.data.time_rules import find_time_violation
from aitrader.domain import Candles, Timeframe


def _refused(store_dir: Path, *args: str) -> str:
    code, out = run("data", "import", *args)
    assert code == 1, out
    assert "Traceback" not in out
    assert not list(store_dir.rglob("*.parquet")), "the store must stay untouched"
    return flat(out)


def test_seconds_timestamps_are_read_as_seconds(
    store_dir: Path, tmp_path: Path, btc_1m_head: Candles
) -> None:
    head = btc_1m_head.slice(0, 20)
    secs = Candles.from_arrays(
        head.open_time // 1000, head.open, head.high, head.low, head.close, head.volume,
        symbol="BTCUSDT", timeframe=Timeframe.M1,
    )  # fmt: skip
    path = write_shared_csv(secs, tmp_path / "BTCUSDT-1m-secs.csv")
    code, out = run("data", "import", str(path))
    assert code == 0, out
    stored = CandleStore(store_dir).read("binance", "BTCUSDT", Timeframe.M1)
    assert stored.open_time.tolist() == head.open_time.tolist()


def test_times_before_2000_are_refused_with_the_row(
    store_dir: Path, tmp_path: Path, btc_1m_head: Candles
) -> None:
    head = btc_1m_head.slice(0, 20)
    old = Candles.from_arrays(
        head.open_time - 800_000_000_000, head.open, head.high, head.low, head.close, head.volume,
        symbol="BTCUSDT", timeframe=Timeframe.M1,
    )  # fmt: skip
    path = write_shared_csv(old, tmp_path / "BTCUSDT-1m-1997.csv")
    out = _refused(store_dir, str(path))
    assert "BTCUSDT-1m-1997.csv: row 1: open time 879004900000" in out
    assert "is not a plausible epoch-ms time between 2000-01-01 and 2100-01-01" in out


def test_minute_bars_imported_as_1h_are_refused(
    store_dir: Path, tmp_path: Path, btc_1m_head: Candles
) -> None:
    path = write_shared_csv(btc_1m_head.slice(0, 100), tmp_path / "btc.csv")
    out = _refused(store_dir, str(path), "--symbol", "BTCUSDT", "--timeframe", "1h")
    assert "btc.csv" in out
    assert "row 1" in out
    assert "not on the 1h grid" in out


def test_spacing_must_be_whole_candles(store_dir: Path, tmp_path: Path, btc_1m_head: Candles) -> None:
    # 45 minutes of 1m bars relabelled 15m: aligned first bar (22:15) but 1 min steps
    path = write_shared_csv(btc_1m_head.slice(0, 45), tmp_path / "BTCUSDT-15m-x.csv")
    out = _refused(store_dir, str(path))
    assert "row 2" in out
    assert "not on the 15m grid" in out


def test_daily_index_with_weekend_gaps_is_accepted(store_dir: Path) -> None:
    nifty = read_candles_csv(NIFTY_1D_PATH, "NIFTY50", Timeframe.D1)
    assert find_time_violation(nifty) is None
    code, out = run("data", "import", str(NIFTY_1D_PATH))
    assert code == 0, out
    assert CandleStore(store_dir).read("binance", "NIFTY50", Timeframe.D1).end_ms == nifty.end_ms


def test_off_grid_step_is_named() -> None:
    t = [1_700_000_000_000 // 3_600_000 * 3_600_000 + k for k in (0, 3_600_000, 9_000_000)]
    c = Candles.from_arrays(t, [1.0] * 3, [1.0] * 3, [1.0] * 3, [1.0] * 3, [1.0] * 3, timeframe=Timeframe.H1)
    bad = find_time_violation(c)
    assert bad is not None
    assert bad[0] == 2
    assert "not on the 1h grid" in bad[1]


def test_binary_file_is_one_line(store_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "BTCUSDT-1m-junk.csv"
    path.write_bytes(bytes(range(256)) * 20)
    out = _refused(store_dir, str(path))
    assert "not a text CSV" in out


def test_a_folder_without_candle_files_says_so(store_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "somefolder"
    folder.mkdir()
    (folder / "notes.txt").write_text("hello\n")
    out = _refused(store_dir, str(folder))
    assert f"error: {folder}: no candle files found" in out
    assert "cannot tell the symbol" not in out


@pytest.mark.parametrize("text", ["", "open_time_ms,open,high,low,close,volume\n"])
def test_empty_or_header_only_file_is_an_error(store_dir: Path, tmp_path: Path, text: str) -> None:
    path = tmp_path / "BTCUSDT-1m-empty.csv"
    path.write_text(text)
    out = _refused(store_dir, str(path))
    assert "holds no candles" in out
    assert "imported 0" not in out
