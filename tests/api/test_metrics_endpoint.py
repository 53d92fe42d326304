"""`metrics_router` served by uvicorn on 127.0.0.1 and scraped the way Prometheus scrapes it."""

from __future__ import annotations

import threading
import time
import urllib.request
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi import FastAPI
from prometheus_client.parser import text_string_to_metric_families

from aitrader.api.hub import Event
from aitrader.api.metrics import Metrics, metrics_router

FILL = {
    "symbol": "BTCUSDT",
    "client_order_id": "at-p7-0E",
    "side": "BUY",
    "type": "MARKET",
    "price": "27883.44",
    "qty": "0.012",
    "fee": "0",
    "fee_asset": "BTC",
    "role": "entry",
}


@pytest.fixture
def served() -> Iterator[tuple[str, Metrics]]:
    metrics = Metrics()
    app = FastAPI()
    app.include_router(metrics_router(metrics))
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:  # uvicorn has no "started" callback: poll (the test timeout bounds it)
        assert thread.is_alive(), "uvicorn did not start"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}", metrics
    server.should_exit = True
    thread.join(10)


def test_metrics_endpoint_serves_the_prometheus_text(served: tuple[str, Metrics]) -> None:
    base, metrics = served
    metrics.on_event(Event(1, "fill", 1_683_000_000_000, FILL))
    with urllib.request.urlopen(f"{base}/metrics", timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain; version=")
        body = response.read().decode()
    fills = [
        s
        for family in text_string_to_metric_families(body)
        for s in family.samples
        if s.name == "aitrader_fills_total"
    ]
    assert [(s.labels, s.value) for s in fills] == [
        ({"symbol": "BTCUSDT", "side": "buy", "role": "entry"}, 1.0)
    ]
