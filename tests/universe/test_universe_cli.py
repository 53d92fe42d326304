"""`aitrader universe` against the local exchange on 127.0.0.1 replaying real candles: the table,
the [universe] table of aitrader.toml, and one-line errors."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner
from universe_helpers import START_MS

from aitrader.cli.app import app
from aitrader.domain import Candles
from aitrader.venues.local import LocalExchangeConfig, run_local_exchange

runner = CliRunner()
WIDE = {"COLUMNS": "200"}


@pytest.fixture(autouse=True)
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean working folder, with no AITRADER_*/BINANCE_* variables from the environment."""
    for name in list(os.environ):
        if name.startswith(("AITRADER_", "BINANCE_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def url(sample_candles: dict[str, Candles]) -> Iterator[str]:
    config = LocalExchangeConfig(symbols=tuple(sample_candles), start_ms=START_MS)
    with run_local_exchange(config, sample_candles) as ex:
        yield ex.rest_url


def rows(out: str) -> dict[str, list[str]]:
    """symbol -> the table row's cells."""
    table: dict[str, list[str]] = {}
    for line in out.splitlines():
        cells = [c.strip() for c in line.strip("│ ").split("│")]
        if len(cells) == 5 and cells[1].endswith("USDT"):
            table[cells[1]] = cells
    return table


def test_ranks_by_volume_with_runners_up(url: str) -> None:
    result = runner.invoke(app, ["universe", "--universe", "top:2:volume", "--rest-url", url], env=WIDE)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"ranking {url} (--rest-url)")
    assert "Universe: top 2 USDT symbols by 24h quote volume, refreshed every 1h" in result.output
    table = rows(result.output)
    assert table["BTCUSDT"][0] == "1"
    assert table["BTCUSDT"][4] == "in universe"
    assert table["ETHUSDT"][0] == "2"
    assert table["ETHUSDT"][4] == "in universe"
    assert table["SOLUSDT"][0] == "3"
    assert table["SOLUSDT"][4] == "ranked below top 2"
    btc_volume = float(table["BTCUSDT"][2].replace(",", ""))
    assert btc_volume > 10 * float(table["ETHUSDT"][2].replace(",", "")) > 0
    assert table["BTCUSDT"][3].endswith("%")
    assert result.output.rstrip().splitlines()[-1] == "universe: BTCUSDT,ETHUSDT"


def test_reads_the_universe_table_of_aitrader_toml(url: str, folder: Path) -> None:
    (folder / "aitrader.toml").write_text(
        '[universe]\nmode = "volatility"\ntop = 1\nblacklist = ["BTC*"]\nrefresh = "4h"\n'
    )
    result = runner.invoke(app, ["universe", "--rest-url", url], env=WIDE)
    assert result.exit_code == 0, result.output
    table = rows(result.output)
    assert table["BTCUSDT"][4] == "out: blacklisted (BTC*)"
    assert table["SOLUSDT"][4] == "in universe"
    assert "refreshed every 4h" in result.output
    # --universe wins over the table's ranking; the table's blacklist still applies
    result = runner.invoke(app, ["universe", "--universe", "top:3:volume", "--rest-url", url], env=WIDE)
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("universe: ETHUSDT,SOLUSDT")


def test_a_static_list_says_which_symbols_the_venue_lacks(url: str) -> None:
    result = runner.invoke(app, ["universe", "--universe", "ETHUSDT,XRPUSDT", "--rest-url", url], env=WIDE)
    assert result.exit_code == 0, result.output
    assert rows(result.output)["XRPUSDT"][4] == "out: not listed by the venue"
    assert result.output.rstrip().endswith("universe: ETHUSDT")


def test_errors_are_one_line(url: str, folder: Path) -> None:
    result = runner.invoke(app, ["universe", "--universe", "top:five", "--rest-url", url])
    assert result.exit_code == 1
    assert result.output.strip() == (
        "error: --universe 'top:five': use top:N[:volume|:volatility] or a comma-separated list "
        "such as BTCUSDT,ETHUSDT"
    )
    (folder / "aitrader.toml").write_text('[universe]\ntop = 3\nrefres = "1h"\n')
    result = runner.invoke(app, ["universe", "--rest-url", url])
    assert result.exit_code == 1
    assert result.output.strip().startswith("error: aitrader.toml: [universe]: unknown key 'refres'")
    # a universe nothing passes
    (folder / "aitrader.toml").write_text('[universe]\nquote = "EUR"\n')
    result = runner.invoke(app, ["universe", "--rest-url", url], env=WIDE)
    assert result.exit_code == 1
    assert "not listed: 3 of other quote assets (--all lists them)" in result.output
    assert result.output.strip().splitlines()[-1].startswith("error: no symbol passes top 10 EUR symbols")


def test_an_unreachable_venue_is_one_line() -> None:
    with socket.socket() as sock:  # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    result = runner.invoke(app, ["universe", "--rest-url", url])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 2
    assert lines[1].startswith(f"error: connection refused by 127.0.0.1:{url.rsplit(':', 1)[1]}")
    assert "Traceback" not in result.output
