"""Real candles for the strategy tests (loaded once per session)."""

from __future__ import annotations

import pytest

from aitrader.data import load_sample
from aitrader.domain import Candles


@pytest.fixture(scope="session")
def btc_1m() -> Candles:
    return load_sample("BTCUSDT", "1m")


@pytest.fixture(scope="session")
def eth_1m() -> Candles:
    return load_sample("ETHUSDT", "1m")
