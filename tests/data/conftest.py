"""Fixtures for the data-layer tests: the real samples, read once per session."""

from __future__ import annotations

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
