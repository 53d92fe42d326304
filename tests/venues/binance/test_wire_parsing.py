"""Kline/order/event parsing on the documented Binance payloads, client ids, OCO params, signatures."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from aitrader.domain import OrderStatus, OrderType, Side, Timeframe
from aitrader.domain.client_ids import Leg, client_order_id, is_ours, parse_client_order_id, plan_key
from aitrader.venues.binance.exchange_broker import OcoRequest, fmt
from aitrader.venues.binance.klines import KlinePayloadError, parse_kline_event, parse_rest_kline, stream_name
from aitrader.venues.binance.parse import parse_execution_report, parse_order
from aitrader.venues.binance.user_stream import ws_api_signature

BINANCE_FIXTURES = Path(__file__).resolve().parents[3] / "data" / "binance"

CID_RE = r"^[a-zA-Z0-9\-_]{1,36}$"


def _fixture(name: str) -> dict[str, Any]:
    return json.loads((BINANCE_FIXTURES / name).read_text())


def test_documented_kline_event_parses_decimal_exact_in_progress() -> None:
    payload = _fixture("ws_stream_examples.json")["<symbol>@kline_<interval>"]["json"]
    update = parse_kline_event(payload)
    assert update is not None
    assert update.symbol == "BNBBTC"
    assert update.timeframe is Timeframe.M1
    assert update.candle.open_time == 1672515780000
    assert update.candle.open == Decimal("0.0010")
    assert update.candle.high == Decimal("0.0025")
    assert update.candle.closed is False
    combined = parse_kline_event(
        {"stream": "bnbbtc@kline_1m", "data": {**payload, "k": {**payload["k"], "x": True}}}
    )
    assert combined is not None
    assert combined.candle.closed is True


def test_non_kline_messages_are_ignored_and_broken_ones_raise() -> None:
    assert parse_kline_event({"result": None, "id": 1}) is None
    assert parse_kline_event({"e": "serverShutdown", "E": 1}) is None
    with pytest.raises(KlinePayloadError):
        parse_kline_event({"e": "kline", "k": {"t": 1}})


def test_rest_kline_row_from_the_real_testnet_recording() -> None:
    rec = _fixture("testnet_recorded_samples.json")
    key = next(k for k in rec if k.startswith("GET /api/v3/klines"))
    rows = rec[key]["json"] if isinstance(rec[key], dict) and "json" in rec[key] else rec[key]
    row = rows[0]
    candle = parse_rest_kline(row)
    assert candle.open_time == row[0]
    assert str(candle.close) == row[4]
    assert candle.closed


def test_stream_names_are_lower_case() -> None:
    assert stream_name("BTCUSDT", Timeframe.H1) == "btcusdt@kline_1h"


@pytest.mark.parametrize("plan_id", ["BTCUSDT1679250840000L", "x" * 80, "weird id/with:chars"])
def test_client_ids_are_deterministic_valid_and_parse_back(plan_id: str) -> None:
    import re

    ids = {client_order_id(plan_id, v, leg, k) for v in (1, 2, 999999) for leg in Leg for k in (0, 1, 9)}
    assert len(ids) == 3 * len(Leg) * 3
    for cid in ids:
        assert re.match(CID_RE, cid), cid
        assert is_ours(cid)
    cid = client_order_id(plan_id, 7, Leg.TARGET, 1)
    assert cid == client_order_id(plan_id, 7, Leg.TARGET, 1)
    parsed = parse_client_order_id(cid)
    assert parsed is not None
    assert (parsed.plan, parsed.version, parsed.leg, parsed.index) == (plan_key(plan_id), 7, Leg.TARGET, 1)
    assert not is_ours("x-TKT5PX2F22ecb58eb9074fb1be018c")
    assert not is_ours(None)


def test_oco_params_for_a_long_put_the_target_above_and_the_stop_below() -> None:
    oco = OcoRequest(
        "BTCUSDT",
        Side.SELL,
        Decimal("0.00100"),
        Decimal("30000.00"),
        Decimal("27000.10"),
        "at-p-1L",
        "at-p-1S",
        "at-p-1T",
    )
    p = oco.params()
    assert p["aboveType"] == "LIMIT_MAKER"
    assert p["abovePrice"] == "30000"
    assert p["belowType"] == "STOP_LOSS"
    assert p["belowStopPrice"] == "27000.1"
    assert p["quantity"] == "0.001"
    assert p["listClientOrderId"] == "at-p-1L"
    assert "belowPrice" not in p
    limit = OcoRequest(
        "BTCUSDT", Side.SELL, Decimal(1), Decimal(3), Decimal(2), "l", "s", "t", Decimal("1.9")
    )
    assert limit.params()["belowType"] == "STOP_LOSS_LIMIT"
    assert limit.params()["belowTimeInForce"] == "GTC"


def test_fmt_never_uses_exponents() -> None:
    assert fmt(Decimal("1E-8")) == "0.00000001"
    assert fmt(Decimal("2.50000000")) == "2.5"
    assert fmt(Decimal("30000")) == "30000"


def test_ws_api_signature_matches_the_documented_vector() -> None:
    vec = _fixture("signature_test_vectors.json")
    ws = vec["ws_api"][0]
    params = dict(pair.split("=", 1) for pair in ws["params_sorted_payload"].split("&"))
    assert ws_api_signature(params, vec["secretKey"]) == ws["signature"]


def test_order_and_execution_report_parse_from_documented_examples() -> None:
    rest = _fixture("rest_examples.json")
    example = next(v for k, v in rest.items() if "GET /api/v3/order" in k and "oco" not in k.lower())
    body = example.get("json", example)
    order = parse_order(body)
    assert order.request.client_order_id == body["clientOrderId"]
    assert order.status is OrderStatus(body["status"])
    ev = _fixture("user_data_examples.json")["executionReport"]["json"]
    event = ev.get("event", ev)
    report = parse_execution_report(event)
    assert report.type is OrderType(event["o"])
    assert report.client_order_id == event["c"]
    assert report.fill() is None or report.execution_type == "TRADE"
