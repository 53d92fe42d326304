"""Signed-request security: documented signature vectors, captured client requests, keys, timestamps."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
import requests

from aitrader.domain import Candles
from aitrader.venues.local import DEFAULT_SECRET, run_local_exchange
from aitrader.venues.local.auth import check_timestamp, signature_ok, strip_signature, ws_payload
from aitrader.venues.local.errors import BinanceError
from aitrader.venues.local.models import LocalAccount
from conftest import Api, make_config

FIXTURES = Path(__file__).resolve().parents[3] / "data" / "binance"
VECTORS = json.loads((FIXTURES / "signature_test_vectors.json").read_text())
CAPTURES = json.loads((FIXTURES / "client_wire_captures.json").read_text())


def _account() -> LocalAccount:
    from decimal import Decimal

    return LocalAccount(VECTORS["apiKey"], VECTORS["secretKey"], Decimal("0.001"), Decimal("0.001"), 1)


def test_documented_rest_and_ws_api_vectors_verify() -> None:
    acc = _account()
    for v in VECTORS["rest"]:
        assert signature_ok(acc, v["payload"].encode(), v["signature"])
        assert signature_ok(acc, v["payload"].encode(), v["signature"].upper())  # hex is case-insensitive
        assert not signature_ok(acc, v["payload"].encode() + b"0", v["signature"])
    query, sig = strip_signature(VECTORS["rest"][0]["request"].split("?", 1)[1])
    assert query == VECTORS["rest"][0]["payload"]
    assert sig == VECTORS["rest"][0]["signature"]
    for v in VECTORS["ws_api"]:
        params = dict(kv.split("=", 1) for kv in v["params_sorted_payload"].split("&"))
        params["signature"] = v["signature"]
        assert ws_payload(params) == v["params_sorted_payload"]
        assert signature_ok(acc, ws_payload(params).encode("utf-8"), v["signature"])


def test_captured_ws_api_subscriptions_verify() -> None:
    acc = _account()
    frames = [
        c["ws_text_frame"]
        for group in ("ccxt_4.5.90", "python-binance_1.0.37")
        for c in CAPTURES[group]
        if c.get("ws_text_frame", {}).get("method") == "userDataStream.subscribe.signature"
    ]
    assert len(frames) == 2
    for frame in frames:
        assert signature_ok(acc, ws_payload(frame["params"]).encode(), frame["params"]["signature"])


def test_timestamp_window_rules() -> None:
    now = 1_700_000_000_000
    check_timestamp(str(now - 4999), None, now)
    check_timestamp(str((now - 100) * 1000), "5000", now)  # microseconds
    with pytest.raises(BinanceError) as ahead:
        check_timestamp(str(now + 1000), None, now)
    assert ahead.value.code == -1021
    assert "1000ms ahead" in ahead.value.msg
    with pytest.raises(BinanceError) as old:
        check_timestamp(str(now - 5001), None, now)
    assert old.value.msg == "Timestamp for this request is outside of the recvWindow."
    with pytest.raises(BinanceError) as big:
        check_timestamp(str(now), "60001", now)
    assert big.value.code == -1102


def _replay(base: str, c: dict[str, Any]) -> requests.Response:
    headers = {}
    if c["X-MBX-APIKEY"]:
        headers["X-MBX-APIKEY"] = c["X-MBX-APIKEY"]
    if c["Content-Type"]:
        headers["Content-Type"] = c["Content-Type"]
    url = base + c["path"] + ("?" + c["query"] if c["query"] else "")
    return requests.request(c["method"], url, data=c["body"], headers=headers, timeout=10)


def test_captured_client_requests_replay_with_valid_signatures(sample_candles: dict[str, Candles]) -> None:
    config = make_config(check_timestamps=False)
    for group in ("ccxt_4.5.90", "python-binance_1.0.37"):
        with run_local_exchange(config, sample_candles) as ex:
            answers = {}
            for c in CAPTURES[group]:
                if "method" not in c:
                    continue
                r = _replay(ex.rest_url, c)
                answers[c["client_call"]] = (r.status_code, r.json())
                assert r.json() != {"code": -1022, "msg": "Signature for this request is not valid."}
            if group == "ccxt_4.5.90":
                assert (
                    answers["create_order limit"][1]["status"] == "FILLED"
                )  # BUY 0.001 @ 50000 is marketable
                assert answers["create_order market buy with cost"][1]["origQuoteOrderQty"] == "20.00000000"
                assert answers["cancel_order"] == (400, {"code": -2011, "msg": "Unknown order sent."})
                assert answers["fetch_order"][1]["orderId"] == 1
                assert len(answers["fetch_ohlcv"][1]) == 5
            else:
                assert answers["get_account"][0] == 200
                assert answers["create_order LIMIT"][1]["clientOrderId"].startswith("x-HNA2TXFJ")
                assert answers["order_market_buy quoteOrderQty"][1]["status"] == "FILLED"


def test_key_signature_and_timestamp_errors(api: Api) -> None:
    assert api.ok("GET", "account")["accountType"] == "SPOT"
    bad_secret = Api(api.base, secret="x" * 64)
    assert bad_secret.err("GET", "account") == (400, -1022, "Signature for this request is not valid.")
    unknown = Api(api.base, key="A" * 64)
    assert unknown.err("GET", "account") == (401, -2015, "Invalid API-key, IP, or permissions for action.")
    bad_format = Api(api.base, key="not a key!")
    assert bad_format.err("GET", "account") == (401, -2014, "API-key format invalid.")
    stale = api.err("GET", "account", timestamp=int(time.time() * 1000) - 60_000)
    assert stale == (400, -1021, "Timestamp for this request is outside of the recvWindow.")
    ahead = api.err("GET", "account", timestamp=int(time.time() * 1000) + 5_000)
    assert ahead == (400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.")
    no_sig = requests.get(
        f"{api.base}/api/v3/account?timestamp=1", headers={"X-MBX-APIKEY": api.key}, timeout=5
    )
    assert no_sig.json()["code"] == -1102
    # Parameters may be split between query and body; the signature covers query + body bytes.
    ts = int(time.time() * 1000)
    query = f"symbol=BTCUSDT&timestamp={ts}"
    body = "side=BUY&type=MARKET&quantity=0.001"
    import hashlib
    import hmac

    sig = hmac.new(DEFAULT_SECRET.encode(), (query + body).encode(), hashlib.sha256).hexdigest()
    r = requests.post(
        f"{api.base}/api/v3/order?{query}",
        data=f"{body}&signature={sig}",
        headers={"X-MBX-APIKEY": api.key, "Content-Type": "application/x-www-form-urlencoded"},
        timeout=5,
    )
    assert r.status_code == 200
    assert r.json()["status"] == "FILLED"


def test_replay_server_time_option_needs_clients_to_sync(sample_candles: dict[str, Candles]) -> None:
    with run_local_exchange(make_config(replay_server_time=True), sample_candles) as ex:
        api = Api(ex.rest_url)
        server = api.public("time").json()["serverTime"]
        assert server == ex.exchange.eng.clock_ms
        assert api.err("GET", "account")[1] == -1021  # signed with the wall clock
        assert api.signed("GET", "account", timestamp=server).status_code == 200
