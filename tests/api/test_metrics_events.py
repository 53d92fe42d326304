"""Every metric of aitrader.api.metrics moves on the events that should move it, and only those.

The events are the contract's ({seq, kind, time_ms, data}), published on the API's own EventHub
that the metrics subscribe to. Time is a fake clock.
"""

from __future__ import annotations

from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families

from aitrader.api.hub import Event, EventHub
from aitrader.api.metrics import Metrics
from aitrader.domain.client_ids import Leg, client_order_id

T0_MS = 1_683_000_000_000  # 2023-05-02, inside the BTCUSDT 1m sample's span
Key = tuple[str, frozenset[tuple[str, str]]]


class Clock:
    def __init__(self, now_s: float) -> None:
        self.now_s = now_s

    def __call__(self) -> float:
        return self.now_s


def samples(metrics: Metrics) -> dict[Key, float]:
    """Every sample of the rendered text (parsed by prometheus_client's own parser), no _created."""
    body, _ = metrics.render()
    out: dict[Key, float] = {}
    for family in text_string_to_metric_families(body.decode()):
        for s in family.samples:
            if not s.name.endswith("_created"):
                out[(s.name, frozenset(s.labels.items()))] = s.value
    return out


def key(name: str, **labels: str) -> Key:
    return (name, frozenset(labels.items()))


@pytest.fixture
def clock() -> Clock:
    return Clock(T0_MS / 1000)


@pytest.fixture
def hub(clock: Clock) -> tuple[EventHub, Metrics]:
    publisher = EventHub()
    metrics = Metrics(clock=clock)
    metrics.attach(publisher)
    return publisher, metrics


ENTRY_ID = client_order_id("p7", 0, Leg.ENTRY)
FILL = {"symbol": "BTCUSDT", "client_order_id": ENTRY_ID, "side": "BUY", "type": "MARKET"}
FILL |= {"price": "27883.44", "qty": "0.012", "fee": "0.000012", "fee_asset": "BTC", "role": "entry"}
PROPOSAL = {"kind": "enter", "side": "long", "price": 27883.44, "stop": 27600.0}
PROPOSAL |= {"targets": [[28400.0, 1.0]], "rationale": "breakout", "strategy": "confluence"}
REJECTED = {"approved": False, "code": "reward_risk_too_low", "message": "1.2 < 1.5", "qty": None}

# kind, data, the samples that must change (to these values) - and nothing else may
CASES: list[tuple[str, dict[str, Any], dict[Key, float]]] = [
    (
        "candle",
        {"symbol": "BTCUSDT", "interval": "1m", "open_time": T0_MS - 60_000, "open": 1, "high": 2}
        | {"low": 0.5, "close": 1.5, "volume": 3.0},
        {
            key("aitrader_candles_total", symbol="BTCUSDT", interval="1m"): 1,
            key("aitrader_last_candle_timestamp_seconds", symbol="BTCUSDT", interval="1m"): T0_MS / 1000,
            key("aitrader_candle_interval_seconds", symbol="BTCUSDT", interval="1m"): 60,
        },
    ),
    (
        "decision",
        {"symbol": "BTCUSDT", "bar_time_ms": T0_MS, "proposal": PROPOSAL, "verdict": REJECTED}
        | {"latency_ms": None},
        {
            key("aitrader_decisions_total", symbol="BTCUSDT", kind="enter", outcome="rejected"): 1,
            key("aitrader_rejections_total", symbol="BTCUSDT", code="reward_risk_too_low"): 1,
        },
    ),
    (
        "order",
        {"symbol": "BTCUSDT", "client_order_id": ENTRY_ID, "side": "BUY", "type": "MARKET"}
        | {"status": "FILLED", "price": "27883.44", "qty": "0.012", "role": "entry"},
        {key("aitrader_orders_total", symbol="BTCUSDT", side="buy", type="market", status="filled"): 1},
    ),
    (
        "fill",
        FILL,
        {
            key("aitrader_fills_total", symbol="BTCUSDT", side="buy", role="entry"): 1,
            key("aitrader_fill_notional_total", symbol="BTCUSDT", side="buy"): 27883.44 * 0.012,
        },
    ),
    (
        "position",
        {"symbol": "BTCUSDT", "side": "long", "qty": "0.012", "entry_price": "27883.44"}
        | {"stop": "27600", "targets": [], "protected": True},
        {key("aitrader_open_positions"): 1},
    ),
    (
        "alarm",
        {"message": "user stream lost", "severity": "critical"},
        {key("aitrader_alarms_total", severity="critical"): 1},
    ),
    (
        "breaker",
        {
            "reason": "daily_loss_limit: daily loss 3.10% reached the 3.00% circuit breaker",
            "until_ms": T0_MS + 3_600_000,
        },
        {
            key("aitrader_breaker_trips_total", reason="daily_loss_limit"): 1,
            key("aitrader_breaker_active", reason="daily_loss_limit"): 1,
        },
    ),
    (
        "stream",
        {"connected": True, "reconnects": 0},
        {key("aitrader_stream_connected"): 1},
    ),
    (
        "equity",
        {"equity": 10_250.5, "cash": 9_915.9, "unrealized": 1.2},
        {
            key("aitrader_equity"): 10_250.5,
            key("aitrader_cash"): 9_915.9,
            key("aitrader_unrealized_pnl"): 1.2,
        },
    ),
    (
        "llm",
        {"tokens": 1834, "cost_usd": 0.00275, "model": "gpt-4o-mini"},
        {
            key("aitrader_llm_calls_total", model="gpt-4o-mini"): 1,
            key("aitrader_llm_tokens_total", model="gpt-4o-mini"): 1834,
            key("aitrader_llm_cost_usd_total", model="gpt-4o-mini"): 0.00275,
        },
    ),
]


@pytest.mark.parametrize(("kind", "data", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_event_moves_exactly_its_metrics(
    hub: tuple[EventHub, Metrics], kind: str, data: dict[str, Any], expected: dict[Key, float]
) -> None:
    publisher, metrics = hub
    before = samples(metrics)
    publisher.publish(kind, data, time_ms=T0_MS)
    after = samples(metrics)
    changed = {k: v for k, v in after.items() if before.get(k) != v}
    changed.pop(key("aitrader_events_total", kind=kind))
    assert changed == pytest.approx(expected)


def test_decision_latency_histogram_and_approved_decisions(hub: tuple[EventHub, Metrics]) -> None:
    publisher, metrics = hub
    approved = {"approved": True, "code": None, "message": "ok", "qty": "0.012"}
    for latency in (0.8, 3.0, 40.0):
        data = {"symbol": "BTCUSDT", "bar_time_ms": T0_MS, "proposal": PROPOSAL, "verdict": approved}
        publisher.publish("decision", data | {"latency_ms": latency}, time_ms=T0_MS)
    got = samples(metrics)
    assert got[key("aitrader_decision_latency_seconds_count")] == 3
    assert got[key("aitrader_decision_latency_seconds_sum")] == pytest.approx(0.0438)
    assert got[key("aitrader_decision_latency_seconds_bucket", le="0.001")] == 1
    assert got[key("aitrader_decision_latency_seconds_bucket", le="0.005")] == 2
    assert got[key("aitrader_decision_latency_seconds_bucket", le="0.05")] == 3
    assert got[key("aitrader_decisions_total", symbol="BTCUSDT", kind="enter", outcome="approved")] == 3
    assert not any(name == "aitrader_rejections_total" for name, _ in got)


def test_naked_gauge_is_live_and_the_counter_adds_each_spell_once(
    hub: tuple[EventHub, Metrics], clock: Clock
) -> None:
    publisher, metrics = hub
    gauge = key("aitrader_position_naked_duration_seconds", symbol="BTCUSDT")
    total = key("aitrader_position_naked_seconds_total", symbol="BTCUSDT")
    naked = {"symbol": "BTCUSDT", "protected": False, "detail": "stop order rejected"}
    publisher.publish("protection", naked | {"naked_seconds": 0.5}, time_ms=T0_MS)
    assert samples(metrics)[gauge] == pytest.approx(0.5)
    clock.now_s += 4.0  # no event: the gauge still grows, measured at scrape time
    assert samples(metrics)[gauge] == pytest.approx(4.5)
    publisher.publish("protection", naked | {"naked_seconds": 4.5}, time_ms=T0_MS + 4_000)
    clock.now_s += 2.0
    got = samples(metrics)
    assert got[gauge] == pytest.approx(6.5)
    assert got[total] == pytest.approx(4.5)  # the counter moves on events only
    assert got[key("aitrader_position_protected", symbol="BTCUSDT")] == 0
    protected = {"symbol": "BTCUSDT", "protected": True, "naked_seconds": 7.0, "detail": ""}
    publisher.publish("protection", protected, time_ms=T0_MS + 6_000)
    got = samples(metrics)
    assert got[gauge] == 0
    assert got[total] == pytest.approx(7.0)
    assert got[key("aitrader_position_protected", symbol="BTCUSDT")] == 1
    publisher.publish(
        "protection", naked | {"naked_seconds": 2.0}, time_ms=T0_MS
    )  # a new spell adds its own seconds
    assert samples(metrics)[total] == pytest.approx(9.0)


def test_stream_gauge_is_absent_until_known_and_reconnects_add_up(hub: tuple[EventHub, Metrics]) -> None:
    publisher, metrics = hub
    assert key("aitrader_stream_connected") not in samples(metrics)
    assert key("aitrader_equity") not in samples(metrics)
    publisher.publish("stream", {"connected": True, "reconnects": 0}, time_ms=T0_MS)
    publisher.publish("stream", {"connected": False, "reconnects": 0}, time_ms=T0_MS)
    got = samples(metrics)
    assert got[key("aitrader_stream_connected")] == 0
    assert got[key("aitrader_stream_reconnects_total")] == 0
    publisher.publish("stream", {"connected": True, "reconnects": 1}, time_ms=T0_MS)
    publisher.publish("stream", {"connected": True, "reconnects": 3}, time_ms=T0_MS)
    assert samples(metrics)[key("aitrader_stream_reconnects_total")] == 3
    publisher.publish(
        "stream", {"connected": True, "reconnects": 1}, time_ms=T0_MS
    )  # new stream counts afresh
    assert samples(metrics)[key("aitrader_stream_reconnects_total")] == 4


def test_breaker_is_active_until_its_time_then_not(hub: tuple[EventHub, Metrics], clock: Clock) -> None:
    publisher, metrics = hub
    publisher.publish(
        "breaker", {"reason": "3 losses in a row (limit 3)", "until_ms": T0_MS + 60_000}, time_ms=T0_MS
    )
    active = key("aitrader_breaker_active", reason="loss_streak_lockout")
    assert samples(metrics)[active] == 1
    clock.now_s += 60
    assert samples(metrics)[active] == 0
    publisher.publish("breaker", {"reason": "loss_streak_lockout: 4 losses", "until_ms": None}, time_ms=T0_MS)
    got = samples(metrics)
    assert active not in got  # unknown, not a false 0
    assert got[key("aitrader_breaker_trips_total", reason="loss_streak_lockout")] == 2


def test_open_positions_counts_symbols_that_are_not_flat(hub: tuple[EventHub, Metrics]) -> None:
    publisher, metrics = hub
    base = {"qty": "1", "entry_price": "1", "stop": None, "targets": [], "protected": True}
    publisher.publish("position", base | {"symbol": "BTCUSDT", "side": "long"}, time_ms=T0_MS)
    publisher.publish("position", base | {"symbol": "ETHUSDT", "side": "long"}, time_ms=T0_MS)
    publisher.publish("position", base | {"symbol": "BTCUSDT", "side": "flat"}, time_ms=T0_MS)
    assert samples(metrics)[key("aitrader_open_positions")] == 1


def test_labels_are_bounded_and_never_carry_order_ids(clock: Clock) -> None:
    metrics = Metrics(max_label_values=8, clock=clock)
    publisher = EventHub()
    metrics.attach(publisher)
    order_ids = [client_order_id(f"plan{i}", 0, Leg.ENTRY) for i in range(50)]
    for i, cid in enumerate(order_ids):
        publisher.publish("fill", FILL | {"symbol": f"COIN{i}USDT", "client_order_id": cid}, time_ms=T0_MS)
        code = {"approved": False, "code": f"made up code {i} with spaces and {{braces}}", "message": "x"}
        publisher.publish(
            "decision", {"symbol": "BTCUSDT", "proposal": PROPOSAL, "verdict": code}, time_ms=T0_MS
        )
    body = metrics.render()[0].decode()
    for cid in order_ids:
        assert cid not in body
    got = samples(metrics)
    fill_symbols = {dict(labels)["symbol"] for name, labels in got if name == "aitrader_fills_total"}
    # 8 symbols at most per label name: BTCUSDT (the decisions) and COIN0..COIN6, then "other"
    assert fill_symbols == {f"COIN{i}USDT" for i in range(7)} | {"other"}
    codes = {dict(labels)["code"] for name, labels in got if name == "aitrader_rejections_total"}
    assert len(codes) == 9
    assert all(c == "other" or c.replace("_", "").isalnum() for c in codes)
    assert got[key("aitrader_fills_total", symbol="other", side="buy", role="entry")] == 43


def test_a_malformed_event_is_counted_and_the_hub_goes_on(hub: tuple[EventHub, Metrics]) -> None:
    publisher, metrics = hub
    publisher.publish("fill", {"price": "1"}, time_ms=T0_MS)  # no symbol
    publisher.publish("alarm", {"message": "still here", "severity": "warning"}, time_ms=T0_MS)
    got = samples(metrics)
    assert got[key("aitrader_events_malformed_total", kind="fill")] == 1
    assert got[key("aitrader_alarms_total", severity="warning")] == 1


def test_two_metrics_in_one_process_do_not_clash(clock: Clock) -> None:
    first, second = Metrics(clock=clock), Metrics(clock=clock)
    first.on_event(Event(1, "alarm", T0_MS, {"message": "a", "severity": "warning"}))
    assert samples(first)[key("aitrader_alarms_total", severity="warning")] == 1
    assert key("aitrader_alarms_total", severity="warning") not in samples(second)


def test_render_is_the_prometheus_text_format(hub: tuple[EventHub, Metrics]) -> None:
    publisher, metrics = hub
    for kind, data, _ in CASES:
        publisher.publish(kind, data, time_ms=T0_MS)
    body, content_type = metrics.render()
    assert content_type.startswith("text/plain; version=")
    names = {f.name for f in text_string_to_metric_families(body.decode())}
    assert {"aitrader_decision_latency_seconds", "aitrader_orders", "aitrader_equity"} <= names
