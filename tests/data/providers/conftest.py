"""Fixtures: a provider stand-in per test, the real SPY daily and ETHUSDT hourly samples, and a
clock tests move by hand."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from provider_clock import FakeClock
from provider_server import ProviderServer

from aitrader.data import load_sample
from aitrader.domain import Candles


@pytest.fixture
def server() -> Iterator[ProviderServer]:
    s = ProviderServer()
    s.start()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def spy() -> Candles:
    return load_sample("SPY", "1d")


@pytest.fixture(scope="session")
def eth_1h() -> Candles:
    return load_sample("ETHUSDT", "1h")


@pytest.fixture
def dead_url() -> str:
    """A 127.0.0.1 URL nobody listens on (a port bound and closed again)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
