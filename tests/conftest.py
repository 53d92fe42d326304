"""Shared test fixtures: paths to the real sample data and the Binance fixtures shipped in the repo."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from aitrader.data import load_sample
from aitrader.domain import Candles

# The CLI's console takes its width from COLUMNS when it is made (on the first import of aitrader.cli.app):
# one width for every test, whichever test imports it first and on whichever worker
os.environ.setdefault("COLUMNS", "250")

REPO = Path(__file__).resolve().parents[1]
SAMPLE_DIR = REPO / "data" / "sample"
BINANCE_FIXTURES = REPO / "data" / "binance"
BTC_1M = SAMPLE_DIR / "binance" / "BTCUSDT-1m-2023-03-16_2023-05-05.csv.gz"
BTC_1H = SAMPLE_DIR / "binance" / "BTCUSDT-1h-2017-08-17_2024-04-21.csv.gz"


@pytest.fixture(autouse=True)
def _private_session_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs started by tests write their session files (aitrader.live.session_file) to a temp folder,
    never into the user's state folder, and a test's chat never attaches to a real running bot."""
    monkeypatch.setenv("AITRADER_SESSION_DIR", str(tmp_path_factory.mktemp("sessions")))


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE_DIR


@pytest.fixture(scope="session")
def btc_exchange_info() -> dict[str, Any]:
    """The real testnet BTCUSDT exchangeInfo entry."""
    return json.loads((BINANCE_FIXTURES / "exchangeinfo_btcusdt.json").read_text())


@pytest.fixture(scope="session")
def btc_1m() -> Candles:
    """The real BTCUSDT 1m sample (tests/data overrides it to read the file through its reader)."""
    return load_sample("BTCUSDT", "1m")


@pytest.fixture(scope="session")
def btc_1h() -> Candles:
    return load_sample("BTCUSDT", "1h")
