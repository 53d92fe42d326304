"""Fixtures for the strategy tests (BTCUSDT candles come from tests/conftest.py)."""

from __future__ import annotations

import pytest

from aitrader.data import load_sample
from aitrader.domain import Candles


@pytest.fixture(scope="session")
def eth_1m() -> Candles:
    return load_sample("ETHUSDT", "1m")
