"""Fixtures for the feature tests (the real candles come from tests/conftest.py)."""

from __future__ import annotations

import pytest

from aitrader.domain import Candles


@pytest.fixture(scope="session")
def btc_1m_volume(btc_1m: Candles) -> object:
    return btc_1m.volume
