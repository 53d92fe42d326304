"""`aitrader data …` through Typer's CliRunner, on real sample candles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from binance_kline_stub import KlineStub, serve
from candle_files import BTC_1M_PATH, write_shared_csv
from cli_helpers import flat, run

from aitrader.data import CandleStore
from aitrader.domain import Candles, Timeframe


def test_show_works_with_no_store_from_the_shipped_sample(store_dir: Path) -> None:
    code, out = run("data", "show", "--symbol", "BTCUSDT", "--timeframe", "1m", "--rows", "3")
    assert code == 0, out
    assert "shipped sample" in out
    assert "BTCUSDT-1m-2023-03-16_2023-05-05.csv.gz" in out.replace("\n", "").replace(" ", "")
    assert "71,041" in out
    assert "2023-03-16 22:15 → 2023-05-05 07:35 UTC" in flat(out)
    assert "2023-03-24 12:40" in out  # the gap, with its timestamps
    assert "2023-05-05 07:35" in out  # the last candle
    assert "29,090.88" in out  # its close
    assert not store_dir.exists()


def test_show_builds_a_higher_timeframe_from_the_sample(store_dir: Path) -> None:
    code, out = run("data", "show", "--symbol", "ETHUSDT", "--timeframe", "15m", "-n", "2")
    assert code == 0, out
    assert "resampled 1m→15m" in flat(out)


def test_show_unknown_series_is_one_clear_line(store_dir: Path) -> None:
    code, out = run("data", "show", "--symbol", "DOGEUSDT", "--timeframe", "1m")
    assert code == 1
    assert out.strip().startswith("error: no DOGEUSDT 1m candles")
    assert len(out.strip().splitlines()) == 1
    code, out = run("data", "show", "--symbol", "BTCUSDT", "--timeframe", "7m")
    assert code == 1
    assert "unknown timeframe '7m'" in out


def test_import_list_and_show_from_the_store(store_dir: Path, btc_1m: Candles) -> None:
    code, out = run("data", "import", str(BTC_1M_PATH))
    assert code == 0, out
    assert "imported 71041 1m candles of BTCUSDT" in out
    code, out = run("data", "list")
    assert code == 0
    assert "BTCUSDT" in out
    assert "71,041" in out
    code, out = run("data", "show", "--symbol", "BTCUSDT", "--timeframe", "1m")
    assert code == 0
    assert "store" in out
    stored = CandleStore(store_dir).read("binance", "BTCUSDT", Timeframe.M1)
    np.testing.assert_array_equal(stored.close, btc_1m.close)
    code, out = run("data", "show", "--symbol", "BTCUSDT", "--timeframe", "4h", "-n", "1")
    assert code == 0
    # the stored 1m series covers 7 weeks, the 1h sample 7 years: 4h bars come from the longer one,
    # and the stored series is named as the other choice
    assert "series BTCUSDT 4h (binance sample)" in flat(out)
    # spaces dropped: a long checkout path may be folded inside the file name
    assert "BTCUSDT-1h-2017-08-17_2024-04-21.csv.gz(resampled1h→4h)" in "".join(out.split())
    assert "also the store (binance) also has BTCUSDT 71,041 1m bars" in flat(out)
    code, out = run(
        "data",
        "show",
        "--symbol",
        "BTCUSDT",
        "--timeframe",
        "4h",
        "-n",
        "1",
        "--from",
        "2023-04-01",
        "--to",
        "2023-04-08",
    )
    assert code == 0
    assert "series BTCUSDT 4h (binance store)" in flat(out)  # both cover the window: the store wins
    assert "resampled 1m→4h" in flat(out)


def test_list_with_an_empty_store(store_dir: Path) -> None:
    code, out = run("data", "list")
    assert code == 0
    assert "is empty" in out


def test_corrupt_import_is_one_line_nonzero_and_leaves_the_store(
    store_dir: Path, tmp_path: Path, btc_1m: Candles
) -> None:
    good = write_shared_csv(btc_1m.slice(0, 200), tmp_path / "BTCUSDT-1m-good.csv")
    assert run("data", "import", str(good))[0] == 0
    stored = CandleStore(store_dir).path_for("binance", "BTCUSDT", Timeframe.M1)
    before = stored.read_bytes()
    mtime = stored.stat().st_mtime_ns

    lines = write_shared_csv(btc_1m.slice(150, 400), tmp_path / "tmp.csv").read_text().splitlines()
    fields = lines[120].split(",")
    fields[3] = str(float(fields[3]) + 500)  # low above open and close on data row 120 (line 121)
    lines[120] = ",".join(fields)
    bad = tmp_path / "BTCUSDT-1m-bad.csv"
    bad.write_text("\n".join(lines) + "\n")

    code, out = run("data", "import", str(bad), "--symbol", "BTCUSDT", "--timeframe", "1m")
    assert code == 1
    assert len(out.strip().splitlines()) == 1
    assert out.startswith(f"error: {bad}: row 120 (line 121): low ")
    assert "is above min(open, close)" in out
    assert "Traceback" not in out
    assert stored.read_bytes() == before
    assert stored.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in stored.parent.iterdir()) == ["1m.parquet"]


def test_import_needs_symbol_and_timeframe_when_the_name_lacks_them(
    store_dir: Path, tmp_path: Path, btc_1m: Candles
) -> None:
    path = write_shared_csv(btc_1m.slice(0, 10), tmp_path / "candles.csv")
    code, out = run("data", "import", str(path))
    assert code == 1
    assert "pass --symbol" in out
    code, out = run("data", "import", str(path), "--symbol", "BTCUSDT", "-t", "1m", "--venue", "local")
    assert code == 0, out
    assert CandleStore(store_dir).has("local", "BTCUSDT", Timeframe.M1)


def test_import_missing_file(store_dir: Path, tmp_path: Path) -> None:
    code, out = run("data", "import", str(tmp_path / "BTCUSDT-1m-x.csv"))
    assert code == 1
    assert "no such file" in out


@pytest.fixture
def stub_url(btc_1m: Candles) -> Iterator[str]:
    candles = btc_1m.slice(0, 1500)
    with serve(KlineStub(candles, candles.end_ms + 120_000)) as url:
        yield url


def test_download_command_and_resume(store_dir: Path, stub_url: str, btc_1m: Candles) -> None:
    code, out = run(
        "data",
        "download",
        "--symbol",
        "BTCUSDT",
        "--timeframe",
        "1m",
        "--from",
        "2023-03-16 22:15",
        "--to",
        "2023-03-17 06:35",
        "--rest-url",
        stub_url,
    )
    assert code == 0, out
    assert f"downloading BTCUSDT 1m from {stub_url} (--rest-url)" in out
    assert "started at 2023-03-16 22:15 UTC, fetched 500 candles" in out
    code, out = run("data", "download", "--symbol", "BTCUSDT", "--timeframe", "1m", "--rest-url", stub_url)
    assert code == 0, out
    # the server's newest candle may still be forming: it is left for the next run
    assert "resumed after the stored series at 2023-03-17 06:35 UTC, fetched 999 candles" in out
    stored = CandleStore(store_dir).read("binance", "BTCUSDT", Timeframe.M1)
    np.testing.assert_array_equal(stored.open_time, btc_1m.open_time[:1499])


def test_download_from_an_unreachable_server_is_one_line(store_dir: Path) -> None:
    import socket

    with socket.socket() as sock:  # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    code, out = run(
        "data",
        "download",
        "--symbol",
        "BTCUSDT",
        "--interval",
        "1m",
        "--rest-url",
        url,
        "--from",
        "2023-03-16",
    )
    assert code == 1
    lines = out.strip().splitlines()
    assert lines[0] == f"downloading BTCUSDT 1m from {url} (--rest-url)"
    assert len(lines) == 2
    assert lines[1].startswith(f"error: download from {url} failed: connection refused by 127.0.0.1:")
    assert "is the server running" in lines[1]
    assert "what was stored is kept" in lines[1]
    assert "Error(" not in lines[1]
    assert "Traceback" not in out


def test_symbol_and_timeframe_are_options_as_in_every_command(store_dir: Path) -> None:
    code, out = run("data", "show", "--symbol", "ethusdt", "--interval", "15m", "-n", "1")
    assert code == 0, out
    assert "series ETHUSDT 15m (binance sample)" in flat(out)
    code, out = run("data", "show", "BTCUSDT", "1m")  # the old positional form is refused
    assert code == 2
