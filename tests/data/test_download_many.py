"""Several symbols downloaded at once from the local exchange on 127.0.0.1 replaying real candles:
every series stored, one bad symbol reported on its own line without losing the others."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from cli_helpers import flat, run

from aitrader.data import CandleStore, load_sample
from aitrader.data.download import (
    DownloadCancelledError,
    RequestGate,
    download_many,
    make_exchange,
)
from aitrader.domain import Candles, Timeframe
from aitrader.venues.local import LocalExchangeConfig, run_local_exchange

START_MS = 1679064900000  # 2023-03-17 14:55 UTC: the replay clock
SINCE_MS = 1679011200000  # 2023-03-17 00:00 UTC
SYMBOLS = ("BTCUSDT", "ETHUSDT", "SOLUSDT")


@pytest.fixture(scope="module")
def replayed() -> dict[str, Candles]:
    return {
        s: load_sample(s, "1m").between(START_MS - 2 * 86_400_000, START_MS + 86_400_000) for s in SYMBOLS
    }


@pytest.fixture(scope="module")
def url(replayed: dict[str, Candles]) -> Iterator[str]:
    with run_local_exchange(LocalExchangeConfig(symbols=SYMBOLS, start_ms=START_MS), replayed) as ex:
        yield ex.rest_url


def assert_stored_as_replayed(store: CandleStore, replayed: dict[str, Candles], symbol: str) -> int:
    stored = store.read("binance", symbol, Timeframe.M1)
    assert stored.start_ms == SINCE_MS
    assert START_MS - 2 * 60_000 <= stored.end_ms < START_MS  # closed candles only
    want = replayed[symbol].between(SINCE_MS, stored.end_ms + 1)
    np.testing.assert_array_equal(stored.open_time, want.open_time)
    np.testing.assert_array_equal(stored.close, want.close)
    np.testing.assert_array_equal(stored.volume, want.volume)
    return len(stored)


def test_download_many_stores_every_symbol_and_reports_a_failure_with_it(
    tmp_path: Path, url: str, replayed: dict[str, Candles]
) -> None:
    store = CandleStore(tmp_path)
    seen: dict[str, tuple[int, int]] = {}
    results = download_many(
        lambda: make_exchange(url), store, ["BTCUSDT", "XRPUSDT", "ETHUSDT", "SOLUSDT"], Timeframe.M1,
        SINCE_MS, progress=lambda s, done, total: seen.__setitem__(s, (done, total)), jobs=3,
    )  # fmt: skip
    assert [r.symbol for r in results] == ["BTCUSDT", "XRPUSDT", "ETHUSDT", "SOLUSDT"]  # the order given
    bad = results[1]
    assert not bad.ok
    assert bad.result is None
    assert "XRPUSDT" in str(bad.error) or type(bad.error).__name__ == "BadSymbol"
    for r in (results[0], results[2], results[3]):
        assert r.ok
        assert r.result is not None
        n = assert_stored_as_replayed(store, replayed, r.symbol)
        assert (r.result.fetched, r.result.added, r.result.total) == (n, n, n)
        assert seen[r.symbol][0] == seen[r.symbol][1]  # each bar ran to its end
    assert not store.has("binance", "XRPUSDT", Timeframe.M1)
    again = download_many(lambda: make_exchange(url), store, SYMBOLS, Timeframe.M1, jobs=2)
    assert all(r.ok and r.result is not None and r.result.resumed and r.result.added == 0 for r in again)


def test_a_closed_gate_stops_the_workers() -> None:
    gate = RequestGate(interval_s=0.0)
    gate.wait()
    gate.close()
    with pytest.raises(DownloadCancelledError):
        gate.wait()


@pytest.fixture
def clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in list(os.environ):
        if name.startswith(("AITRADER_", "BINANCE_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "store"


def test_data_download_symbols_command(clean_env: Path, url: str, replayed: dict[str, Candles]) -> None:
    args = ["data", "download", "-t", "1m", "--from", "2023-03-17 00:00", "--rest-url", url,
            "--data-dir", str(clean_env)]  # fmt: skip
    code, out = run(*args, "--symbols", "BTCUSDT,ETHUSDT,XRPUSDT,SOLUSDT", terminal_width=200)
    assert code == 1
    lines = out.strip().splitlines()
    assert lines[0] == f"downloading BTCUSDT, ETHUSDT, XRPUSDT, SOLUSDT 1m from {url} (--rest-url)"
    assert "Downloaded 3 of 4 series" in out
    assert "XRPUSDT │ 1m │ failed (see below)" in out
    failures = [line for line in lines if line.startswith("error:")]
    assert failures == [
        f"error: XRPUSDT: download from {url} failed: {url.split('//')[1]} does not list XRPUSDT: "
        "check the symbol (Binance writes pairs as BTCUSDT); what was stored is kept"
    ]
    store = CandleStore(clean_env)
    for symbol in SYMBOLS:
        n = assert_stored_as_replayed(store, replayed, symbol)
        assert f"{symbol} │ 1m │ downloaded │ 2023-03-17 00:00 │ {n:,} │ {n:,} │ {n:,} │ 1" in flat(out)
    code, out = run(*args, "--symbols", "btcusdt, ethusdt", "--jobs", "1", terminal_width=200)
    assert code == 0, out
    assert "Downloaded 2 of 2 series" in out
    assert flat(out).count("│ up to date │") == 2
    # one symbol in --symbols is the single download, as --symbol (up to date here)
    code, out = run(*args, "--symbols", "SOLUSDT")
    assert code == 0, out
    assert "warning: SOLUSDT 1m: the venue has no closed candles after 2023-03-17 14:54 UTC" in out


def test_a_bad_symbols_list_is_one_line(clean_env: Path) -> None:
    code, out = run("data", "download", "--symbols", "BTCUSDT,,ETH-USDT", "--rest-url", "http://127.0.0.1:9")
    assert code == 1
    assert out.strip().splitlines() == [
        "error: --symbols: 'BTCUSDT,,ETH-USDT' is not a comma-separated list of symbols such as BTCUSDT,ETHUSDT"
    ]
