"""Fixtures for the universe tests: real testnet answers and real sample candles (loaded once)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from universe_helpers import FIXTURES, REAL_BTCUSDT_ENTRY, START_MS, SYMBOLS

from aitrader.data import load_sample
from aitrader.domain import Candles


@pytest.fixture(scope="session")
def testnet_capture() -> dict[str, Any]:
    """The first 9 real testnet exchangeInfo entries and the real BTCUSDT 24 h ticker."""
    doc: dict[str, Any] = json.loads((FIXTURES / "testnet_exchange_info_head.json").read_text("utf-8"))
    return doc


@pytest.fixture(scope="session")
def btcusdt_entry() -> dict[str, Any]:
    """The real testnet BTCUSDT exchangeInfo entry, verbatim (data/binance)."""
    entry: dict[str, Any] = json.loads(REAL_BTCUSDT_ENTRY.read_text())
    return entry


@pytest.fixture(scope="session")
def sample_candles() -> dict[str, Candles]:
    """Real 1m BTCUSDT, ETHUSDT and SOLUSDT candles from two days before to two days after START_MS."""
    return {
        s: load_sample(s, "1m").between(START_MS - 2 * 86_400_000, START_MS + 2 * 86_400_000) for s in SYMBOLS
    }
