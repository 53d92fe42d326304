"""Notifications delivered to real HTTP servers on 127.0.0.1 that answer like the real services.

Discord webhooks answer 204 (no body), Slack's answer 200 `ok`, Telegram's Bot API answers
`{"ok": true, "result": Message}` or `{"ok": false, "error_code", "description", "parameters":
{"retry_after"}}`. Waits between attempts go through a recorder (no test waits on a clock); a test
ends by `close()`, which sends what is queued and joins the sending thread.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from aitrader.api.hub import Event, EventHub
from aitrader.config.settings import load_settings
from aitrader.domain.client_ids import Leg, client_order_id
from aitrader.notify import Delivery, Notifier, Telegram, notifier_from_settings, webhooks
from aitrader.notify.targets import Target

TOKEN = "7061234567:AAHq9vN3xM-Zk2bYp8TQe1rFwLd_0sUoJc4"  # the shape of a real bot token, not one
CHAT = "-1001234567890"
FILL = {
    "symbol": "BTCUSDT",
    "client_order_id": client_order_id("p7", 0, Leg.ENTRY),
    "side": "BUY",
    "type": "MARKET",
    "price": "27883.44000000",
    "qty": "0.01200000",
    "fee": "0",
    "fee_asset": "BTC",
    "role": "entry",
}
FILL_TEXT = "BUY 0.012 BTCUSDT filled at 27,883.44 (entry, plan p7)"


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @staticmethod
    def json(status: int, payload: object, **headers: str) -> Answer:
        return Answer(status, json.dumps(payload).encode(), {"Content-Type": "application/json", **headers})


def telegram_ok(text: str) -> Answer:
    message = {"message_id": 42, "date": 1_683_000_000, "chat": {"id": int(CHAT), "type": "supergroup"}}
    return Answer.json(200, {"ok": True, "result": message | {"text": text}})


def telegram_error(code: int, description: str, **parameters: int) -> Answer:
    payload: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    return Answer.json(code, payload | ({"parameters": parameters} if parameters else {}))


class Service:
    """A scripted HTTP service: answers in order (the last one repeats) and records each request."""

    def __init__(self, *answers: Answer, hold_first: bool = False) -> None:
        self.answers = list(answers)
        self.requests: list[tuple[str, dict[str, str], Any]] = []
        self.first_arrived = threading.Event()
        self.release = threading.Event()
        if not hold_first:
            self.release.set()
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                service.requests.append((self.path, dict(self.headers), json.loads(body)))
                service.first_arrived.set()
                service.release.wait(30)
                answer = service.answers.pop(0) if len(service.answers) > 1 else service.answers[0]
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def services() -> Iterator[list[Service]]:
    started: list[Service] = []
    yield started
    for service in started:
        service.stop()


def serve(services: list[Service], *answers: Answer, hold_first: bool = False) -> Service:
    service = Service(*answers, hold_first=hold_first)
    services.append(service)
    return service


def _event(kind: str, data: dict[str, Any]) -> Event:
    return Event(1, kind, 1_683_000_000_000, data)


class Waits(list[float]):
    """Records each wait between attempts instead of waiting; never cut short."""

    def __call__(self, seconds: float) -> bool:
        self.append(seconds)
        return False


def test_discord_and_slack_webhooks_get_their_exact_payloads(services: list[Service]) -> None:
    discord = serve(services, Answer(204))
    slack = serve(services, Answer(200, b"ok", {"Content-Type": "text/html"}))
    setting = f"discord:{discord.url}/api/webhooks/1234/abcDEF, slack:{slack.url}/services/T0/B0/xyz"
    notifier = Notifier([Delivery(target) for target in webhooks(setting)])
    notifier.on_event(_event("fill", FILL))
    notifier.close(timeout_s=10)
    assert [(path, body) for path, _, body in discord.requests] == [
        ("/api/webhooks/1234/abcDEF", {"content": FILL_TEXT, "allowed_mentions": {"parse": []}})
    ]
    assert [(path, body) for path, _, body in slack.requests] == [
        ("/services/T0/B0/xyz", {"text": FILL_TEXT})
    ]
    assert (
        discord.requests[0][1]["Content-Type"] == slack.requests[0][1]["Content-Type"] == "application/json"
    )
    assert {name: s.sent for name, s in notifier.stats().items()} == {
        f"discord webhook {discord.url}": 1,
        f"slack webhook {slack.url}": 1,
    }


def test_telegram_send_message_request_and_success(services: list[Service]) -> None:
    api = serve(services, telegram_ok("x"))
    delivery = Delivery(Telegram(TOKEN, CHAT, api.url))
    Notifier([delivery]).on_event(
        _event("alarm", {"message": "stop <order> & OCO rejected", "severity": "critical"})
    )
    delivery.close(timeout_s=10)
    (path, headers, body), *_ = api.requests
    assert path == f"/bot{TOKEN}/sendMessage"
    assert headers["Content-Type"] == "application/json"
    assert body == {
        "chat_id": int(CHAT),
        "text": "CRITICAL: stop &lt;order&gt; &amp; OCO rejected",
        "parse_mode": "HTML",
    }
    assert (delivery.stats.snapshot().sent, delivery.stats.snapshot().failed) == (1, 0)


def test_telegram_429_waits_retry_after_then_sends(services: list[Service]) -> None:
    api = serve(
        services, telegram_error(429, "Too Many Requests: retry after 3", retry_after=3), telegram_ok("x")
    )
    waits = Waits()
    delivery = Delivery(Telegram(TOKEN, CHAT, api.url), sleep=waits, backoff_s=0.5)
    delivery.submit(FILL_TEXT)
    delivery.close(timeout_s=10)
    assert waits == [3.0]  # the service's wait, not the backoff's 0.5
    assert len(api.requests) == 2
    stats = delivery.stats.snapshot()
    assert (stats.sent, stats.retried, stats.failed) == (1, 1, 0)


def test_webhook_429_honours_the_retry_after_header(services: list[Service]) -> None:
    slack = serve(services, Answer(429, b"rate_limited", {"Retry-After": "2"}), Answer(200, b"ok"))
    waits = Waits()
    (target,) = webhooks(f"slack:{slack.url}/services/T0/B0/xyz")
    delivery = Delivery(target, sleep=waits)
    delivery.submit(FILL_TEXT)
    delivery.close(timeout_s=10)
    assert waits == [2.0]
    assert delivery.stats.snapshot().sent == 1


def test_500_is_retried_with_backoff_then_given_up_and_counted(
    services: list[Service], caplog: pytest.LogCaptureFixture
) -> None:
    api = serve(services, telegram_error(500, "Internal Server Error"))
    waits = Waits()
    delivery = Delivery(Telegram(TOKEN, CHAT, api.url), sleep=waits, max_attempts=3, backoff_s=0.5)
    with caplog.at_level(logging.DEBUG):
        delivery.submit(FILL_TEXT)
        delivery.close(timeout_s=10)
    assert waits == [0.5, 1.0]
    assert len(api.requests) == 3
    stats = delivery.stats.snapshot()
    assert (stats.sent, stats.failed, stats.retried) == (0, 1, 2)
    assert stats.last_error == "Telegram error 500: Internal Server Error"
    assert "failed after 3 attempt(s)" in caplog.text


def test_a_refusal_is_not_retried(services: list[Service]) -> None:
    api = serve(services, telegram_error(400, "Bad Request: chat not found"))
    waits = Waits()
    delivery = Delivery(Telegram(TOKEN, CHAT, api.url), sleep=waits)
    delivery.submit(FILL_TEXT)
    delivery.close(timeout_s=10)
    assert (waits, len(api.requests)) == ([], 1)
    assert delivery.stats.snapshot().last_error == "Telegram error 400: Bad Request: chat not found"


def test_the_token_never_reaches_logs_errors_or_reprs(
    services: list[Service], caplog: pytest.LogCaptureFixture
) -> None:
    # a service that echoes the request path back, and one that is not there at all
    echo = serve(services, telegram_error(404, f"Not Found: POST /bot{TOKEN}/sendMessage"))
    closed = Service(Answer(200))
    closed.stop()
    hook = f"{closed.url}/api/webhooks/1234/{TOKEN}"
    targets: list[Target] = [
        Telegram(TOKEN, CHAT, echo.url),
        Telegram(TOKEN, CHAT, closed.url),
        *webhooks(f"discord:{hook}"),
    ]
    deliveries = [Delivery(t, sleep=Waits(), max_attempts=2) for t in targets]
    with caplog.at_level(logging.DEBUG):
        notifier = Notifier(deliveries)
        notifier.on_event(_event("breaker", {"reason": "daily_loss_limit", "until_ms": 1_683_003_600_000}))
        notifier.close(timeout_s=10)
    errors = [s.last_error for s in notifier.stats().values()]
    assert [s.failed for s in notifier.stats().values()] == [1, 1, 1]
    assert errors[0] == "Telegram error 404: Not Found: POST /bot***/sendMessage"
    assert errors[1].startswith("connection failed: ")
    seen = " ".join([caplog.text, *errors, *(repr(t) for t in targets), *(t.name for t in targets)])
    assert TOKEN not in seen
    assert TOKEN.split(":")[1] not in seen
    assert "/api/webhooks/1234" not in seen
    settings = load_settings(telegram_bot_token=TOKEN, telegram_chat_id=CHAT, notify_webhook_url=hook)
    assert TOKEN not in repr(settings)
    assert "/api/webhooks" not in repr(settings)


def test_a_full_queue_drops_without_blocking(
    services: list[Service], caplog: pytest.LogCaptureFixture
) -> None:
    slack = serve(services, Answer(200, b"ok"), hold_first=True)
    (target,) = webhooks(f"slack:{slack.url}/services/T0/B0/xyz")
    delivery = Delivery(target, queue_size=2)
    assert delivery.submit("message 0")
    assert slack.first_arrived.wait(10)  # the thread is now stuck in the first POST
    with caplog.at_level(logging.WARNING):
        accepted = [delivery.submit(f"message {i}") for i in range(1, 8)]
    assert accepted == [True, True, False, False, False, False, False]
    assert delivery.stats.snapshot().dropped == 5
    assert "queue full (2 waiting), dropped a message (1 dropped so far)" in caplog.text
    slack.release.set()
    delivery.close(timeout_s=10)
    assert [body["text"] for _, _, body in slack.requests] == ["message 0", "message 1", "message 2"]
    assert delivery.stats.snapshot().sent == 3


def test_close_without_draining_cuts_a_long_retry_after_short(services: list[Service]) -> None:
    api = serve(services, telegram_error(429, "Too Many Requests: retry after 120", retry_after=120))
    delivery = Delivery(Telegram(TOKEN, CHAT, api.url))  # the real wait: on the stop event
    delivery.submit(FILL_TEXT)
    assert api.first_arrived.wait(10)
    delivery.submit("queued behind the wait")
    delivery.close(timeout_s=10, drain=False)
    stats = delivery.stats.snapshot()
    assert (stats.sent, stats.failed, stats.dropped) == (0, 1, 1)
    assert stats.last_error.endswith("closed while waiting to retry")


def test_notifier_from_settings_reaches_every_configured_target(services: list[Service]) -> None:
    api = serve(services, telegram_ok("x"))
    slack = serve(services, Answer(200, b"ok"))
    settings = load_settings(
        notify_webhook_url=f"slack:{slack.url}/services/T0/B0/xyz",
        telegram_bot_token=TOKEN,
        telegram_chat_id=CHAT,
        telegram_api_url=api.url,
    )
    notifier = notifier_from_settings(settings)
    assert notifier is not None
    notifier.on_event(_event("fill", FILL))
    notifier.close(timeout_s=10)
    assert [body["text"] for _, _, body in slack.requests] == [FILL_TEXT]
    assert [body["text"] for _, _, body in api.requests] == [FILL_TEXT]
    assert notifier_from_settings(load_settings(notify_webhook_url="", telegram_bot_token="")) is None


def test_the_notifier_on_the_event_hub_tells_what_matters_in_order(services: list[Service]) -> None:
    api = serve(services, telegram_ok("x"))
    hub = EventHub()
    notifier = Notifier([Delivery(Telegram(TOKEN, CHAT, api.url))])
    notifier.attach(hub)
    naked = {"symbol": "BTCUSDT", "protected": False, "naked_seconds": 0.0, "detail": "stop replaced"}
    hub.publish("candle", {"symbol": "BTCUSDT", "interval": "1m", "close": 27883.44})
    hub.publish("fill", FILL)
    hub.publish("protection", naked)
    hub.publish("protection", naked | {"naked_seconds": 1.5})
    hub.publish("protection", {"symbol": "BTCUSDT", "protected": True, "naked_seconds": 1.5, "detail": ""})
    hub.publish("alarm", {"message": "user stream lost", "severity": "critical"})
    notifier.close(timeout_s=10)
    assert [body["text"] for _, _, body in api.requests] == [
        FILL_TEXT,
        "ALERT: BTCUSDT position is UNPROTECTED (no stop on the venue): stop replaced",
        "BTCUSDT position is protected again (it was unprotected for 1.5 s)",
        "CRITICAL: user stream lost",
    ]
