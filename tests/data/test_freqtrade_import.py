"""`aitrader data import DIR` on a freqtrade data folder built from the real samples, written the way
freqtrade writes it (JSON `[[ms, o, h, l, c, v], ...]`, `.json.gz`, feather and parquet frames with
a UTC `date` column, monthly files as `-1Mo`, futures under `futures/` with their mark and funding
files, trade ticks)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest
from candle_files import PRICE_COLUMNS
from cli_helpers import flat, run

from aitrader.data import CandleStore, load_folder, load_sample
from aitrader.data.folder_import import import_folder
from aitrader.data.resample import resample
from aitrader.domain import Candles, Timeframe


def freqtrade_json(c: Candles, path: Path) -> Path:
    """freqtrade's `json` / `jsongz` format: `DataFrame.to_json(orient="values")` of date (epoch ms)
    and OHLCV."""
    rows = [[int(c.open_time[i]), *(float(getattr(c, k)[i]) for k in PRICE_COLUMNS)] for i in range(len(c))]
    text = json.dumps(rows, separators=(",", ":"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(text.encode()) if path.suffix == ".gz" else text.encode())
    return path


def freqtrade_frame(c: Candles, path: Path) -> Path:
    """freqtrade's `feather` / `parquet` format: a pandas frame, `date` as datetime64[ns, UTC]."""
    import pandas as pd

    frame = pd.DataFrame({"date": pd.to_datetime(c.open_time, unit="ms", utc=True)})
    for k in PRICE_COLUMNS:
        frame[k] = getattr(c, k)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".feather":
        frame.reset_index(drop=True).to_feather(path)
    else:
        frame.reset_index(drop=True).to_parquet(path)
    return path


@pytest.fixture
def user_data(tmp_path: Path, btc_1m: Candles, btc_1h: Candles) -> Path:
    """user_data/data/binance as `freqtrade download-data` leaves it (spot and futures)."""
    root = tmp_path / "user_data" / "data" / "binance"
    freqtrade_json(btc_1m.slice(0, 3000), root / "BTC_USDT-1m.json")
    freqtrade_frame(load_sample("ETHUSDT", "1m").slice(0, 2000), root / "ETH_USDT-1m.feather")
    freqtrade_json(load_sample("SOLUSDT", "1m").slice(0, 1500), root / "SOL_USDT-1m.json.gz")
    freqtrade_frame(btc_1h.slice(-2000, None), root / "BTC_USDT-1h.parquet")
    monthly = resample(btc_1h, Timeframe.MN1).slice(1, -1)  # whole months only
    freqtrade_json(monthly, root / "BTC_USDT-1Mo.json")
    freqtrade_frame(btc_1h.slice(-500, None), root / "futures" / "BTC_USDT_USDT-1h-futures.feather")
    freqtrade_frame(btc_1h.slice(-500, None), root / "futures" / "BTC_USDT_USDT-1h-mark.feather")
    freqtrade_frame(btc_1h.slice(-60, None), root / "futures" / "BTC_USDT_USDT-8h-funding_rate.feather")
    (root / "BTC_USDT-trades.json").write_text("[]")
    return tmp_path / "user_data"


def test_a_freqtrade_folder_is_imported_in_one_go(store_dir: Path, user_data: Path, btc_1m: Candles) -> None:
    folder = user_data / "data" / "binance"
    code, out = run("data", "import", str(folder))
    assert code == 0, out
    text = flat(out)
    assert "Imported from" in text
    for row in (
        "binance │ BTCUSDT │ 1m │ 1 │ 3,000 │ 3,000 │ 3,000 │ 2023-03-16 22:15",
        "binance │ ETHUSDT │ 1m │ 1 │ 2,000 │ 2,000 │ 2,000 │",
        "binance │ SOLUSDT │ 1m │ 1 │ 1,500 │ 1,500 │ 1,500 │",
        "binance │ BTCUSDT │ 1h │ 1 │ 2,000 │ 2,000 │ 2,000 │",
        "binance │ BTCUSDT │ 1M │",
        "binance-futures │ BTCUSDT │ 1h │ 1 │ 500 │ 500 │ 500 │",
    ):
        assert row in text, row
    assert (
        "skipped 3 file(s) that are not candles to import: funding rates, not traded candles; mark prices"
        in text
    )
    store = CandleStore(store_dir)
    assert sorted((s.venue, s.symbol, s.timeframe.value) for s in store.series()) == [
        ("binance", "BTCUSDT", "1M"), ("binance", "BTCUSDT", "1h"), ("binance", "BTCUSDT", "1m"),
        ("binance", "ETHUSDT", "1m"), ("binance", "SOLUSDT", "1m"), ("binance-futures", "BTCUSDT", "1h"),
    ]  # fmt: skip
    np.testing.assert_array_equal(store.read("binance", "BTCUSDT", Timeframe.M1).close, btc_1m.close[:3000])


def test_a_bad_file_is_refused_in_one_line_and_nothing_stored_is_lost(
    store_dir: Path, user_data: Path, btc_1m: Candles
) -> None:
    store = CandleStore(store_dir)
    store.merge(btc_1m.slice(2500, 4000))  # already stored: overlaps the folder's 0..3000
    xrp = load_sample("SOLUSDT", "1m").slice(0, 300)
    store.merge(xrp.slice(0, 100), symbol="XRPUSDT")
    before = store.path_for("binance", "XRPUSDT", Timeframe.M1).read_bytes()

    bad = freqtrade_json(xrp, user_data / "data" / "binance" / "XRP_USDT-1m.json")
    rows = json.loads(bad.read_text())
    rows[199][3] = rows[199][2] + 5  # low above high on row 200
    bad.write_text(json.dumps(rows))

    code, out = run("data", "import", str(user_data))  # the user_data folder itself: found below
    assert code == 1
    lines = out.strip().splitlines()
    refused = [ln for ln in lines if ln.startswith("error: ") and "XRP_USDT" in ln]
    assert refused == [f"error: {bad}: row 200: low {rows[199][3]} is above min(open, close) = "
                       f"{min(rows[199][1], rows[199][4])} — this file was not imported"]  # fmt: skip
    assert lines[-1] == (
        "error: 1 file(s) refused (listed above); the other 6 file(s) were imported: fix the refused "
        "ones and import them again"
    )
    assert store.path_for("binance", "XRPUSDT", Timeframe.M1).read_bytes() == before
    merged = store.read("binance", "BTCUSDT", Timeframe.M1)
    np.testing.assert_array_equal(merged.open_time, btc_1m.open_time[:4000])  # union, nothing lost
    assert not list(store_dir.rglob("*.tmp"))


def test_venue_override_and_the_library_call(store_dir: Path, user_data: Path) -> None:
    seen: list[tuple[int, int]] = []
    result = import_folder(
        user_data / "data" / "binance", CandleStore(store_dir), venue="kraken",
        progress=lambda done, total, what: seen.append((done, total)),
    )  # fmt: skip
    assert sorted({s.venue for s in result.imported}) == ["kraken", "kraken-futures"]
    assert result.files_imported == 6
    assert not result.refused
    assert seen[-1] == (6, 6)


def test_load_folder_reads_the_spot_series_of_a_freqtrade_folder(user_data: Path) -> None:
    table = load_folder(user_data)
    assert table.symbols == ["BTCUSDT", "ETHUSDT", "SOLUSDT"]
    btc_1h = (table.symbol == "BTCUSDT") & (table.timeframe == "1h")
    assert int(btc_1h.sum()) == 2000  # the futures 1h file is another market: left out
