"""The exchange core in-process (no sockets): liquidity-limited market orders and Ed25519 keys."""

from __future__ import annotations

import base64
import time
from decimal import Decimal
from urllib.parse import quote, urlencode

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from aitrader.domain import Candles
from aitrader.venues.local import DEFAULT_API_KEY, AccountConfig, run_local_exchange
from aitrader.venues.local.engine import Engine
from aitrader.venues.local.placing import place_order
from conftest import make_config


def test_market_order_beyond_liquidity_fills_partly_then_expires(sample_candles: dict[str, Candles]) -> None:
    eng = Engine(make_config(market_liquidity_share=0.0001), sample_candles)
    available = eng.market_liquidity("BTCUSDT")
    assert available is not None
    assert Decimal(0) < available < Decimal("0.1")
    resp = place_order(
        eng, DEFAULT_API_KEY, {"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": "0.1"}
    )
    assert resp["status"] == "EXPIRED"
    assert resp["expiryReason"] == "INSUFFICIENT_LIQUIDITY"
    assert Decimal(resp["executedQty"]) == available
    assert len(resp["fills"]) == 1
    events = [e for _, e in eng.book.take_events()]
    assert [(e["e"], e.get("x"), e.get("X")) for e in events] == [
        ("executionReport", "NEW", "NEW"),
        ("executionReport", "TRADE", "PARTIALLY_FILLED"),
        ("executionReport", "EXPIRED", "EXPIRED"),
        ("outboundAccountPosition", None, None),
    ]
    assert events[2]["eR"] == "INSUFFICIENT_LIQUIDITY"
    assert events[2]["z"] == events[1]["z"]


def test_ed25519_keys_sign_rest_requests(sample_candles: dict[str, Candles]) -> None:
    private = Ed25519PrivateKey.generate()
    pem = private.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode()
    account = AccountConfig(api_key="ed25519TestKey0001", secret="", ed25519_public_key=pem)
    with run_local_exchange(make_config(accounts=[account]), sample_candles) as ex:
        query = urlencode({"timestamp": int(time.time() * 1000), "omitZeroBalances": "true"})
        signature = quote(base64.b64encode(private.sign(query.encode())).decode(), safe="")
        headers = {"X-MBX-APIKEY": account.api_key}
        ok = requests.get(
            f"{ex.rest_url}/api/v3/account?{query}&signature={signature}", headers=headers, timeout=5
        )
        assert ok.status_code == 200
        assert ok.json()["balances"][0]["asset"] == "USDT"
        forged = base64.b64encode(Ed25519PrivateKey.generate().sign(query.encode())).decode()
        bad = requests.get(
            f"{ex.rest_url}/api/v3/account?{query}&signature={quote(forged, safe='')}",
            headers=headers,
            timeout=5,
        )
        assert bad.json() == {"code": -1022, "msg": "Signature for this request is not valid."}
