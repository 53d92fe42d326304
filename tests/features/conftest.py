"""Real sample candles shared by the feature tests (loaded once per session)."""

from __future__ import annotations

import pytest

from aitrader.data import load_sample
from aitrader.domain import Candles


@pytest.fixture(scope="session")
def btc_1m() -> Candles:
    return load_sample("BTCUSDT", "1m")


@pytest.fixture(scope="session")
def btc_1h() -> Candles:
    return load_sample("BTCUSDT", "1h")


@pytest.fixture(scope="session")
def btc_1m_volume(btc_1m: Candles) -> object:
    return btc_1m.volume
