"""Prometheus metrics fed by the hub's events (`GET /metrics`).

`Metrics` owns its own `CollectorRegistry`, never the process-global one, so two servers (or two
tests) in one process never clash. It only ever looks at hub events (the contract's
`{seq, kind, time_ms, data}`), so it reads the same in-process and when the hub polls a journal.

Label values are bounded: only symbols, sides, order types and statuses, roles, rejection codes,
severities, intervals and model names become labels, each cleaned to a short token and capped at
`max_label_values` distinct values per label (the rest are counted under "other"). Order ids, plan
ids and free text never become labels.

Gauges that describe "now" (stream connected, equity, naked time, breaker active) are computed at
scrape time by one collector and are absent until an event has told us their value: a server that
has not heard from the stream yet exports no `aitrader_stream_connected` rather than a false 0.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from fastapi import APIRouter, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from aitrader.domain.timeframe import Timeframe

log = logging.getLogger(__name__)

# decision latency buckets in seconds: sub-millisecond rule strategies up to slow LLM deciders
LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
_TOKEN = re.compile(r"[^A-Za-z0-9_.:\-]")
_BREAKER_CODES = ("daily_loss_limit", "loss_streak_lockout")
_SCALAR_HELP = {
    "aitrader_stream_connected": "1 while the market/user stream is connected, 0 while it is down",
    "aitrader_equity": "Account equity in the quote currency (last equity event)",
    "aitrader_cash": "Free cash in the quote currency (last equity event)",
    "aitrader_unrealized_pnl": "Unrealised profit and loss in the quote currency",
    "aitrader_open_positions": "Symbols with an open (non-flat) position",
}


class EventLike(Protocol):
    """The contract's event (`api.hub.Event` satisfies it): kind, time_ms and data are read."""

    @property
    def kind(self) -> str: ...
    @property
    def time_ms(self) -> int: ...
    @property
    def data(self) -> Mapping[str, Any]: ...


class EventSource(Protocol):
    """What `attach` needs of the hub: `EventHub.subscribe(callback)`."""

    def subscribe(self, callback: Callable[[EventLike], None], /) -> object: ...


def _num(value: object) -> float | None:
    """A JSON number or a decimal string as float; None for anything else."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def breaker_reason(reason: object) -> str:
    """A breaker's reason (a code or a sentence) reduced to a code, so it can be a label."""
    text = str(reason or "").lower()
    for code in _BREAKER_CODES:
        if code in text:
            return code
    if "daily" in text:
        return "daily_loss_limit"
    if "streak" in text or "in a row" in text:
        return "loss_streak_lockout"
    return "other"


class _Labels:
    """Cleans label values and caps how many distinct ones each label may take."""

    def __init__(self, max_values: int) -> None:
        self._max = max_values
        self._seen: dict[str, set[str]] = {}
        self._lock = threading.Lock()

    def __call__(self, label: str, raw: object) -> str:
        value = _TOKEN.sub("_", str(raw if raw is not None else "").strip())[:40] or "unknown"
        with self._lock:
            seen = self._seen.setdefault(label, set())
            if value in seen:
                return value
            if len(seen) >= self._max:
                return "other"
            seen.add(value)
            return value


class _LiveState(Collector):
    """The gauges of "now", computed at scrape time from the last events (see the module doc)."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self.lock = threading.Lock()
        self.scalars: dict[str, float] = {}  # metric name -> value, once known
        self.naked: dict[str, tuple[float, float]] = {}  # symbol -> (naked s at event, event time s)
        self.protected: dict[str, float] = {}  # symbol -> 1/0
        self.breaker_until: dict[str, float] = {}  # reason code -> until (epoch s)
        self.positions: dict[str, bool] = {}  # symbol -> open

    def describe(self) -> Iterable[Metric]:
        names = [*_SCALAR_HELP, "aitrader_position_naked_duration_seconds"]
        names += ["aitrader_position_protected", "aitrader_breaker_active"]
        return [GaugeMetricFamily(name, "") for name in names]

    def collect(self) -> Iterable[Metric]:
        now = self._clock()
        with self.lock:
            scalars = dict(self.scalars)
            if self.positions:
                scalars["aitrader_open_positions"] = float(sum(self.positions.values()))
            naked = dict(self.naked)
            protected = dict(self.protected)
            until = dict(self.breaker_until)
        for name, value in scalars.items():
            yield GaugeMetricFamily(name, _SCALAR_HELP[name], value=value)
        fam = GaugeMetricFamily(
            "aitrader_position_naked_duration_seconds",
            "Seconds the symbol's position has been without its protective stop (0 while protected)",
            labels=["symbol"],
        )
        for symbol, (seconds, at) in naked.items():
            fam.add_metric([symbol], seconds + max(0.0, now - at) if at else 0.0)
        yield fam
        fam = GaugeMetricFamily(
            "aitrader_position_protected", "1 when the symbol's position is protected", labels=["symbol"]
        )
        for symbol, value in protected.items():
            fam.add_metric([symbol], value)
        yield fam
        fam = GaugeMetricFamily(
            "aitrader_breaker_active", "1 while the breaker locks entries", labels=["reason"]
        )
        for reason, until_s in until.items():
            fam.add_metric([reason], 1.0 if now < until_s else 0.0)
        yield fam


class Metrics:
    """Prometheus metrics of one server, fed by hub events. `clock` (epoch seconds) is for tests."""

    def __init__(self, *, max_label_values: int = 64, clock: Callable[[], float] = time.time) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self._label = _Labels(max_label_values)
        self._live = _LiveState(clock)
        self._last_reconnects: int | None = None
        self._naked_seen: dict[str, float] = {}  # symbol -> naked seconds already counted
        self.registry.register(self._live)

        def counter(name: str, doc: str, labels: tuple[str, ...] = ()) -> Counter:
            return Counter(name, doc, labels, registry=self.registry)

        self.events = counter("aitrader_events", "Hub events seen, by kind", ("kind",))
        self.malformed = counter("aitrader_events_malformed", "Events metrics could not read", ("kind",))
        self.decision_latency = Histogram(
            "aitrader_decision_latency_seconds",
            "Time the strategy and the gate took to decide on one candle",
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.decisions = counter(
            "aitrader_decisions", "Proposals decided, by outcome", ("symbol", "kind", "outcome")
        )
        self.rejections = counter(
            "aitrader_rejections", "Proposals refused, by reason code", ("symbol", "code")
        )
        self.orders = counter(
            "aitrader_orders", "Order updates, by side, type and status", ("symbol", "side", "type", "status")
        )
        self.fills = counter("aitrader_fills", "Fills, by side and role", ("symbol", "side", "role"))
        self.fill_notional = counter(
            "aitrader_fill_notional", "Traded value (price x qty) in the quote currency", ("symbol", "side")
        )
        self.naked_total = counter(
            "aitrader_position_naked_seconds",
            "Total seconds positions spent without a protective stop",
            ("symbol",),
        )
        self.reconnects = counter("aitrader_stream_reconnects", "Stream reconnects")
        self.breaker_trips = counter("aitrader_breaker_trips", "Breaker trips, by reason", ("reason",))
        self.alarms = counter("aitrader_alarms", "Alarms raised, by severity", ("severity",))
        self.candles = counter("aitrader_candles", "Candles processed", ("symbol", "interval"))
        self.last_candle = Gauge(
            "aitrader_last_candle_timestamp_seconds",
            "When the last candle of the symbol and interval was processed (epoch seconds)",
            ("symbol", "interval"),
            registry=self.registry,
        )
        self.candle_interval = Gauge(
            "aitrader_candle_interval_seconds",
            "Nominal length of the candle interval",
            ("symbol", "interval"),
            registry=self.registry,
        )
        self.llm_calls = counter("aitrader_llm_calls", "LLM requests", ("model",))
        self.llm_tokens = counter("aitrader_llm_tokens", "LLM tokens used (prompt + completion)", ("model",))
        self.llm_cost = counter("aitrader_llm_cost_usd", "LLM cost in US dollars", ("model",))
        self._handlers: dict[str, Callable[[float, Mapping[str, Any]], None]] = {
            "candle": self._candle,
            "decision": self._decision,
            "order": self._order,
            "fill": self._fill,
            "position": self._position,
            "protection": self._protection,
            "alarm": self._alarm,
            "breaker": self._breaker,
            "stream": self._stream,
            "equity": self._equity,
            "llm": self._llm,
        }

    def attach(self, hub: EventSource) -> None:
        """Subscribe to the hub: every event from now on moves the metrics."""
        hub.subscribe(self.on_event)

    def on_event(self, event: EventLike) -> None:
        """Feed one event. Never raises: a malformed event is counted and logged, the hub goes on."""
        kind = self._label("kind", event.kind)
        self.events.labels(kind).inc()
        handler = self._handlers.get(event.kind)
        if handler is None:
            return
        try:
            handler(event.time_ms / 1000.0, event.data)
        except Exception as exc:  # a bad event must not break the hub's other subscribers
            self.malformed.labels(kind).inc()
            log.warning("metrics skipped a malformed %s event: %s", event.kind, type(exc).__name__)

    def render(self) -> tuple[bytes, str]:
        """(body, content type) of the Prometheus text exposition."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST

    # --- one handler per event kind -----------------------------------------------------------

    def _candle(self, at: float, data: Mapping[str, Any]) -> None:
        symbol, interval = self._label("symbol", data["symbol"]), self._label("interval", data["interval"])
        self.candles.labels(symbol, interval).inc()
        self.last_candle.labels(symbol, interval).set(at)
        try:  # the nominal length (1M = 30 days) is what "no candle for N intervals" needs
            length = Timeframe.parse(str(data["interval"])).duration_ms / 1000.0
        except ValueError:
            return
        self.candle_interval.labels(symbol, interval).set(length)

    def _decision(self, at: float, data: Mapping[str, Any]) -> None:
        symbol = self._label("symbol", data["symbol"])
        verdict = data.get("verdict") or {}
        proposal = data.get("proposal") or {}
        approved = bool(verdict.get("approved"))
        kind = self._label("proposal", proposal.get("kind"))
        self.decisions.labels(symbol, kind, "approved" if approved else "rejected").inc()
        if not approved:
            self.rejections.labels(symbol, self._label("code", verdict.get("code"))).inc()
        latency = _num(data.get("latency_ms"))
        if latency is not None and latency >= 0:
            self.decision_latency.observe(latency / 1000.0)

    def _order(self, at: float, data: Mapping[str, Any]) -> None:
        self.orders.labels(
            self._label("symbol", data["symbol"]),
            self._label("side", str(data.get("side", "")).lower()),
            self._label("type", str(data.get("type", "")).lower()),
            self._label("status", str(data.get("status", "")).lower()),
        ).inc()

    def _fill(self, at: float, data: Mapping[str, Any]) -> None:
        symbol = self._label("symbol", data["symbol"])
        side = self._label("side", str(data.get("side", "")).lower())
        self.fills.labels(symbol, side, self._label("role", data.get("role"))).inc()
        price, qty = _num(data.get("price")), _num(data.get("qty"))
        if price is not None and qty is not None and price * qty > 0:
            self.fill_notional.labels(symbol, side).inc(price * qty)

    def _position(self, at: float, data: Mapping[str, Any]) -> None:
        symbol = self._label("symbol", data["symbol"])
        with self._live.lock:
            self._live.positions[symbol] = str(data.get("side", "flat")).lower() != "flat"

    def _protection(self, at: float, data: Mapping[str, Any]) -> None:
        """The gauge is the naked time now; the counter adds what each event says is new naked time.

        `naked_seconds` is the length of the current naked episode. A smaller value than the last
        one means a new episode began; a `protected` event ends the episode (its naked_seconds, if
        any, is the episode's final length)."""
        symbol = self._label("symbol", data["symbol"])
        protected = bool(data.get("protected"))
        seconds = max(0.0, _num(data.get("naked_seconds")) or 0.0)
        counted = self._naked_seen.get(symbol, 0.0)
        added = seconds - counted if seconds >= counted else seconds
        if added > 0:
            self.naked_total.labels(symbol).inc(added)
        else:
            self.naked_total.labels(symbol)  # the series exists (at 0) once the symbol is seen
        self._naked_seen[symbol] = 0.0 if protected else seconds
        with self._live.lock:
            self._live.naked[symbol] = (0.0, 0.0) if protected else (seconds, at)
            self._live.protected[symbol] = 1.0 if protected else 0.0

    def _alarm(self, at: float, data: Mapping[str, Any]) -> None:
        self.alarms.labels(self._label("severity", str(data.get("severity", "warning")).lower())).inc()

    def _breaker(self, at: float, data: Mapping[str, Any]) -> None:
        reason = breaker_reason(data.get("reason"))
        self.breaker_trips.labels(reason).inc()
        until = _num(data.get("until_ms"))
        with self._live.lock:  # no until_ms: how long it locks is unknown, so no gauge (not a false 0)
            if until:
                self._live.breaker_until[reason] = until / 1000.0
            else:
                self._live.breaker_until.pop(reason, None)

    def _stream(self, at: float, data: Mapping[str, Any]) -> None:
        """`reconnects` is the stream's running count: the counter adds its increase (a smaller
        count means a new stream, whose whole count is new)."""
        reconnects = int(data.get("reconnects") or 0)
        last = self._last_reconnects
        added = reconnects if last is None or reconnects < last else reconnects - last
        if added > 0:
            self.reconnects.inc(added)
        self._last_reconnects = reconnects
        with self._live.lock:
            self._live.scalars["aitrader_stream_connected"] = 1.0 if data.get("connected") else 0.0

    def _equity(self, at: float, data: Mapping[str, Any]) -> None:
        values = {
            "aitrader_equity": _num(data.get("equity")),
            "aitrader_cash": _num(data.get("cash")),
            "aitrader_unrealized_pnl": _num(data.get("unrealized")),
        }
        with self._live.lock:
            self._live.scalars.update({k: v for k, v in values.items() if v is not None})

    def _llm(self, at: float, data: Mapping[str, Any]) -> None:
        model = self._label("model", data.get("model"))
        self.llm_calls.labels(model).inc()
        tokens, cost = _num(data.get("tokens")), _num(data.get("cost_usd"))
        if tokens is not None and tokens > 0:
            self.llm_tokens.labels(model).inc(tokens)
        if cost is not None and cost > 0:
            self.llm_cost.labels(model).inc(cost)


def metrics_router(metrics: Metrics) -> APIRouter:
    """`GET /metrics` serving `metrics` (the core mounts it with its own auth dependencies)."""
    router = APIRouter()

    @router.get(
        "/metrics",
        response_class=Response,
        summary="Prometheus metrics",
        responses={200: {"content": {"text/plain": {}}, "description": "Prometheus text format 0.0.4"}},
    )
    def prometheus_metrics() -> Response:
        body, content_type = metrics.render()
        return Response(content=body, media_type=content_type)

    return router
