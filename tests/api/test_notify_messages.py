"""What the notifier says, about which events, and how its settings are read (no network here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from aitrader.config.settings import load_settings
from aitrader.domain.client_ids import Leg, client_order_id
from aitrader.notify import (
    Notifier,
    NotifyConfigError,
    Telegram,
    WebhookKind,
    targets_from_settings,
    webhooks,
)
from aitrader.notify.messages import amount
from aitrader.notify.redact import scrub

TOKEN = "7061234567:AAHq9vN3xM-Zk2bYp8TQe1rFwLd_0sUoJc4"


@dataclass
class Recorder:
    """Stands in for a Delivery: records what would be sent."""

    texts: list[str] = field(default_factory=list)

    def submit(self, text: str) -> bool:
        self.texts.append(text)
        return True


@dataclass(frozen=True)
class Event:
    kind: str
    data: dict[str, Any]
    seq: int = 1
    time_ms: int = 1_683_000_000_000


def said(*events: tuple[str, dict[str, Any]]) -> list[str]:
    recorder = Recorder()
    notifier = Notifier([])
    notifier.deliveries = [recorder]  # type: ignore[list-item]
    for kind, data in events:
        notifier.on_event(Event(kind, data))
    return recorder.texts


FILL = {"symbol": "BTCUSDT", "side": "SELL", "type": "LIMIT", "price": "28400.00000000", "qty": "0.01200000"}


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (
            FILL
            | {"client_order_id": client_order_id("p7", 2, Leg.TARGET, 1), "role": "target"}
            | {"fee": "0.34080000", "fee_asset": "USDT"},
            "SELL 0.012 BTCUSDT filled at 28,400 (target, plan p7, fee 0.3408 USDT)",
        ),
        (
            FILL | {"client_order_id": "web_8f3a", "role": None, "fee": "0", "fee_asset": "USDT"},
            "SELL 0.012 BTCUSDT filled at 28,400 (order web_8f3a)",
        ),
        (
            {"symbol": "ETHUSDT", "side": "buy", "price": 1843.2, "qty": 1500, "client_order_id": ""},
            "BUY 1,500 ETHUSDT filled at 1,843.2",
        ),
    ],
)
def test_fills_in_plain_words(data: dict[str, Any], text: str) -> None:
    assert said(("fill", data)) == [text]


def test_an_unprotected_position_is_told_once_and_its_return_once() -> None:
    naked = {"symbol": "BTCUSDT", "protected": False, "detail": "OCO rejected: -2010 insufficient balance"}
    texts = said(
        ("protection", naked | {"naked_seconds": 0.4}),
        ("protection", naked | {"naked_seconds": 2.0}),
        (
            "protection",
            {"symbol": "BTCUSDT", "protected": True, "naked_seconds": 95.0, "detail": "stop placed"},
        ),
        ("protection", {"symbol": "BTCUSDT", "protected": True, "naked_seconds": 0.0, "detail": ""}),
        ("protection", {"symbol": "ETHUSDT", "protected": True, "naked_seconds": 0.0, "detail": "protected"}),
    )
    assert texts == [
        "ALERT: BTCUSDT position is UNPROTECTED (no stop on the venue) for 0.4 s: "
        "OCO rejected: -2010 insufficient balance",
        "BTCUSDT position is protected again (it was unprotected for 1m)",
    ]


def test_the_hubs_protection_events_a_spell_that_ends_flat() -> None:
    """As api.sources.position_events tells them: the start (0 s), then the end with its length."""
    texts = said(
        (
            "protection",
            {"symbol": "ETHUSDT", "protected": False, "naked_seconds": 0.0, "detail": "not protected"},
        ),
        (
            "protection",
            {"symbol": "ETHUSDT", "protected": True, "naked_seconds": 2.25, "detail": "flat: nothing left"},
        ),
    )
    assert texts == [
        "ALERT: ETHUSDT position is UNPROTECTED (no stop on the venue): not protected",
        "ETHUSDT position is closed (it was unprotected for 2.2 s)",
    ]


def test_alarms_and_the_breaker() -> None:
    texts = said(
        ("alarm", {"message": "user stream lost; reconnecting", "severity": "warning"}),
        (
            "breaker",
            {"reason": "daily loss 3.10% reached the 3.00% circuit breaker", "until_ms": 1_683_003_600_000},
        ),
        ("breaker", {"reason": "", "until_ms": None}),
    )
    assert texts == [
        "WARNING: user stream lost; reconnecting",
        "Circuit breaker tripped: daily loss 3.10% reached the 3.00% circuit breaker. "
        "New entries are paused until 2023-05-02 05:00 UTC.",
        "Circuit breaker tripped: no reason given. New entries are paused.",
    ]


def test_other_events_say_nothing_and_a_malformed_one_breaks_nothing() -> None:
    quiet = [("candle", {"symbol": "BTCUSDT"}), ("order", {"status": "NEW"}), ("equity", {"equity": 1.0})]
    assert said(*quiet, ("fill", None), ("alarm", {"message": "x"})) == ["WARNING: x"]  # type: ignore[arg-type]


def test_amounts_keep_the_venue_digits() -> None:
    assert [amount(v) for v in ("27883.44000000", 0.1, "1E+3", "n/a", 1234567.5)] == [
        "27,883.44",
        "0.1",
        "1,000",
        "n/a",
        "1,234,567.5",
    ]


def test_webhook_kinds_from_prefix_or_host() -> None:
    hooks = webhooks(
        "https://discord.com/api/webhooks/1/a, https://hooks.slack.com/services/T/B/c,"
        " discord:http://127.0.0.1:9/x , slack:https://discordapp.com/api/webhooks/2/b,,"
        " https://chat.example.org/hooks/abc"
    )
    assert [h.kind for h in hooks] == [
        WebhookKind.DISCORD,
        WebhookKind.SLACK,
        WebhookKind.DISCORD,
        WebhookKind.SLACK,
        WebhookKind.SLACK,
    ]
    assert hooks[2].url == "http://127.0.0.1:9/x"
    assert [h.name for h in hooks[:2]] == [
        "discord webhook https://discord.com",
        "slack webhook https://hooks.slack.com",
    ]


def test_telegram_payload_for_a_channel_name_and_a_long_text() -> None:
    url, payload = Telegram(TOKEN, "@aitrader_alerts", "https://api.telegram.org/").request("x" * 5000)
    assert url == f"https://api.telegram.org/bot{TOKEN}/sendMessage"
    assert payload["chat_id"] == "@aitrader_alerts"
    assert len(payload["text"]) == 4096
    assert payload["parse_mode"] == "HTML"


def test_settings_build_the_targets_and_name_what_is_wrong() -> None:
    settings = load_settings(
        notify_webhook_url="https://discord.com/api/webhooks/1/a",
        telegram_bot_token=TOKEN,
        telegram_chat_id="42",
    )
    kinds = [type(t).__name__ for t in targets_from_settings(settings)]
    assert kinds == ["Webhook", "Telegram"]
    with pytest.raises(NotifyConfigError, match="AITRADER_TELEGRAM_CHAT_ID is not") as caught:
        targets_from_settings(load_settings(telegram_bot_token=TOKEN))
    assert TOKEN not in str(caught.value)
    with pytest.raises(NotifyConfigError, match="AITRADER_NOTIFY_WEBHOOK_URL") as caught:
        targets_from_settings(load_settings(notify_webhook_url="ftp://host/secret-path"))
    assert "secret-path" not in str(caught.value)
    assert targets_from_settings(load_settings()) == []


def test_scrub_hides_tokens_and_url_paths() -> None:
    text = f"POST https://api.telegram.org/bot{TOKEN}/sendMessage failed; token {TOKEN}"
    assert scrub(text, [TOKEN]) == "POST https://api.telegram.org/*** failed; token ***"
    assert scrub("see bot123:abcDEF_-x") == "see bot***"
