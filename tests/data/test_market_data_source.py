"""Where `data download` gets candles: Binance's public mainnet market data by default, an explicit
URL when one is set; one line for every failure. No test touches the internet: the downloads run
against the local exchange and the kline stub, both on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from binance_kline_stub import KlineStub, serve
from cli_helpers import flat, run

from aitrader.config import load_settings
from aitrader.config.settings import PUBLIC_MARKET_DATA_REST
from aitrader.data import CandleStore, load_sample
from aitrader.data.download import is_testnet, make_exchange, market_data_source
from aitrader.domain import Candles, Timeframe
from aitrader.domain.timeframe import parse_time
from aitrader.venues.local import ExchangeThread, LocalExchangeConfig, run_local_exchange

START_MS = parse_time("2023-03-17 14:55")  # the local exchange's replay clock starts here


def test_the_default_is_binance_public_mainnet_data(store_dir: Path) -> None:
    base, why = market_data_source(load_settings())
    assert base == PUBLIC_MARKET_DATA_REST == "https://data-api.binance.vision"
    assert "real mainnet prices" in why
    ex = make_exchange(base)
    assert ex.options["sandboxMode"] is False  # ccxt's sandbox would send it to the testnet
    assert ex.urls["api"]["public"] == "https://data-api.binance.vision/api/v3"


def test_explicit_urls_win_in_order(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AITRADER_REST_URL", "http://127.0.0.1:9001")
    assert market_data_source(load_settings()) == ("http://127.0.0.1:9001", "AITRADER_REST_URL")
    monkeypatch.setenv("AITRADER_MARKET_DATA_URL", "http://127.0.0.1:9002")
    assert market_data_source(load_settings()) == ("http://127.0.0.1:9002", "AITRADER_MARKET_DATA_URL")
    assert market_data_source(load_settings(), "http://127.0.0.1:9003") == (
        "http://127.0.0.1:9003",
        "--rest-url",
    )


def test_the_testnet_is_named_as_such_and_only_it_gets_sandbox_mode(store_dir: Path) -> None:
    base, why = market_data_source(load_settings(), "https://testnet.binance.vision")
    assert is_testnet(base)
    assert "testnet candles are thin" in why
    assert make_exchange(base).options["sandboxMode"] is True
    assert make_exchange("http://127.0.0.1:8765").options["sandboxMode"] is False
    assert not is_testnet("https://data-api.binance.vision")


@pytest.fixture
def local_exchange() -> Iterator[ExchangeThread]:
    """The local exchange replaying real BTCUSDT 1m candles, its clock at 2023-03-17 14:55 UTC."""
    candles = load_sample("BTCUSDT", "1m").between(START_MS - 86_400_000, START_MS + 3_600_000)
    config = LocalExchangeConfig(symbols=("BTCUSDT",), start_ms=START_MS)
    with run_local_exchange(config, {"BTCUSDT": candles}) as ex:
        yield ex


def test_download_goes_to_the_market_data_url_from_the_settings(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch, local_exchange: ExchangeThread, btc_1m: Candles
) -> None:
    monkeypatch.setenv("AITRADER_MARKET_DATA_URL", local_exchange.rest_url)
    code, out = run(
        "data", "download", "--symbol", "BTCUSDT", "--timeframe", "1m", "--from", "2023-03-17 12:00"
    )
    assert code == 0, out
    assert f"downloading BTCUSDT 1m from {local_exchange.rest_url} (AITRADER_MARKET_DATA_URL)" in out
    # 12:00 up to the replay clock (14:55); the newest candle may still be forming and is left out
    assert "started at 2023-03-17 12:00 UTC, fetched 174 candles" in out
    stored = CandleStore(store_dir).read("binance", "BTCUSDT", Timeframe.M1)
    expected = btc_1m.between(parse_time("2023-03-17 12:00"), parse_time("2023-03-17 14:54"))
    np.testing.assert_array_equal(stored.open_time, expected.open_time)
    np.testing.assert_array_equal(stored.close, expected.close)


def test_a_symbol_the_server_does_not_list_is_one_line(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch, local_exchange: ExchangeThread
) -> None:
    monkeypatch.setenv("AITRADER_MARKET_DATA_URL", local_exchange.rest_url)
    code, out = run("data", "download", "--symbol", "ETHUSDT", "--timeframe", "1m")
    assert code == 1
    line = out.strip().splitlines()[-1]
    host = local_exchange.rest_url.removeprefix("http://")
    assert line == (
        f"error: download from {local_exchange.rest_url} failed: {host} does not list ETHUSDT: check the "
        "symbol (Binance writes pairs as BTCUSDT); what was stored is kept"
    )


def test_an_answer_that_is_not_json_is_one_line(store_dir: Path, tmp_path: Path) -> None:
    """A web server that is not a Binance API (here: a static page on 127.0.0.1)."""
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    (tmp_path / "api" / "v3").mkdir(parents=True)
    (tmp_path / "api" / "v3" / "exchangeInfo").write_text("<html>not an API</html>")
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        code, out = run("data", "download", "--symbol", "BTCUSDT", "--timeframe", "1m", "--rest-url", url)
    finally:
        server.shutdown()
        server.server_close()
    assert code == 1
    line = flat(out.strip().splitlines()[-1])
    assert line.startswith(f"error: download from {url} failed: ")
    assert "Traceback" not in out
    assert f"lists no markets at all: is {url} a Binance-compatible REST base" in line


def test_old_since_until_names_are_gone(store_dir: Path, btc_1m: Candles) -> None:
    candles = btc_1m.slice(0, 200)
    with serve(KlineStub(candles, candles.end_ms + 120_000)) as url:
        code, out = run(
            "data",
            "download",
            "--symbol",
            "BTCUSDT",
            "--timeframe",
            "1m",
            "--since",
            "2023-03-16",
            "--rest-url",
            url,
        )
    assert code == 2
    assert "No such option: --since" in out
