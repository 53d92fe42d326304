"""Fixtures for the data-layer tests: the real samples, read once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from candle_files import BTC_1H_PATH, BTC_1M_PATH

from aitrader.data import read_candles_csv
from aitrader.domain import Candles, Timeframe


@pytest.fixture(scope="session")
def btc_1m() -> Candles:
    return read_candles_csv(BTC_1M_PATH, "BTCUSDT", Timeframe.M1)


@pytest.fixture(scope="session")
def btc_1h() -> Candles:
    return read_candles_csv(BTC_1H_PATH, "BTCUSDT", Timeframe.H1)


@pytest.fixture(scope="session")
def btc_1m_head(btc_1m: Candles) -> Candles:
    """The first 500 real candles (2023-03-16 22:15 onwards), for small file round-trips."""
    return btc_1m.slice(0, 500)


@pytest.fixture
def store_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty store in a fresh working folder, with no aitrader/Binance variables set."""
    for name in list(os.environ):
        if name.startswith(("AITRADER_", "BINANCE_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AITRADER_DATA_DIR", str(tmp_path / "store"))
    return tmp_path / "store"
