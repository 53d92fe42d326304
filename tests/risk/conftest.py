"""Fixtures for the risk tests."""

from __future__ import annotations

import pytest
from risk_helpers import btc

from aitrader.domain import Instrument


@pytest.fixture
def instrument() -> Instrument:
    return btc()
