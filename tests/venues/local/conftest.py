"""Fixtures for the local exchange tests: real sample candles (loaded once), a running server, a signed client."""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
import requests

from aitrader.data import load_sample
from aitrader.domain import Candles
from aitrader.venues.local import (
    DEFAULT_API_KEY,
    DEFAULT_SECRET,
    ExchangeThread,
    LocalExchangeConfig,
    run_local_exchange,
)

START_MS = 1679064900000  # 2023-03-17 14:55 UTC, BTCUSDT near 26 236


@pytest.fixture(scope="session")
def sample_candles() -> dict[str, Candles]:
    """Real 1m BTCUSDT and ETHUSDT candles around START_MS (loaded once per session)."""
    out = {}
    for symbol in ("BTCUSDT", "ETHUSDT"):
        c = load_sample(symbol, "1m")
        out[symbol] = c.between(START_MS - 3 * 86_400_000, START_MS + 86_400_000)
    return out


def make_config(**kw: Any) -> LocalExchangeConfig:
    kw.setdefault("symbols", ("BTCUSDT", "ETHUSDT"))
    kw.setdefault("start_ms", START_MS)
    return LocalExchangeConfig(**kw)


@pytest.fixture
def exchange(sample_candles: dict[str, Candles]) -> Iterator[ExchangeThread]:
    with run_local_exchange(make_config(), sample_candles) as ex:
        yield ex


class Api:
    """A minimal signed REST client (HMAC, params in the query for GET/DELETE and in the body for POST)."""

    def __init__(self, base: str, key: str = DEFAULT_API_KEY, secret: str = DEFAULT_SECRET) -> None:
        self.base = base
        self.key = key
        self.secret = secret
        self.http = requests.Session()

    def sign(self, params: dict[str, Any]) -> str:
        query = urlencode(params)
        sig = hmac.new(self.secret.encode(), query.encode(), hashlib.sha256).hexdigest()
        return f"{query}&signature={sig}"

    def public(self, path: str, **params: Any) -> requests.Response:
        return self.http.get(f"{self.base}/api/v3/{path}", params=params, timeout=10)

    def signed(self, method: str, path: str, **params: Any) -> requests.Response:
        params.setdefault("timestamp", int(time.time() * 1000))
        payload = self.sign(params)
        headers = {"X-MBX-APIKEY": self.key}
        url = f"{self.base}/api/v3/{path}"
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            return self.http.post(url, data=payload, headers=headers, timeout=10)
        return self.http.request(method, f"{url}?{payload}", headers=headers, timeout=10)

    def ok(self, method: str, path: str, **params: Any) -> Any:
        r = self.signed(method, path, **params)
        assert r.status_code == 200, r.text
        return r.json()

    def err(self, method: str, path: str, **params: Any) -> tuple[int, int, str]:
        r = self.signed(method, path, **params)
        body = r.json()
        return r.status_code, body["code"], body["msg"]


@pytest.fixture
def api(exchange: ExchangeThread) -> Api:
    return Api(exchange.rest_url)
