"""What a message may not do: ping everyone on Discord, act as Slack markup, cross a network in
clear text; and closing from async code must not stall the event loop. Real HTTP servers on
127.0.0.1 (the delivery tests' scripted services); nothing here waits on a clock."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from test_notify_delivery import Answer, Service

from aitrader.config.settings import load_settings
from aitrader.notify import Delivery, Notifier, NotifyConfigError, Telegram, targets_from_settings, webhooks
from aitrader.notify.targets import is_safe_url, slack_escape

TOKEN = "7061234567:AAHq9vN3xM-Zk2bYp8TQe1rFwLd_0sUoJc4"  # the shape of a real bot token, not one
NASTY = "@everyone @here <@123> <!channel> <https://evil.example|click> & <@&456>"


@pytest.fixture
def services() -> Iterator[list[Service]]:
    started: list[Service] = []
    yield started
    for service in started:
        service.stop()


def test_discord_pings_nobody_and_slack_shows_markup_as_text(services: list[Service]) -> None:
    discord, slack = Service(Answer(204)), Service(Answer(200, b"ok"))
    services += [discord, slack]
    setting = f"discord:{discord.url}/api/webhooks/1/a, slack:{slack.url}/services/T/B/c"
    notifier = Notifier([Delivery(target) for target in webhooks(setting)])
    notifier.notify(NASTY)
    notifier.close(timeout_s=10)
    assert [body for _, _, body in discord.requests] == [
        {"content": NASTY, "allowed_mentions": {"parse": []}}
    ]
    assert [body for _, _, body in slack.requests] == [
        {
            "text": "@everyone @here &lt;@123&gt; &lt;!channel&gt; &lt;https://evil.example|click&gt; "
            "&amp; &lt;@&amp;456&gt;"
        }
    ]


def test_slack_escape_escapes_the_ampersand_first() -> None:
    assert slack_escape("a &lt; b <c>") == "a &amp;lt; b &lt;c&gt;"
    assert slack_escape("BUY 0.012 BTCUSDT") == "BUY 0.012 BTCUSDT"


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://discord.com/api/webhooks/1/a", True),
        ("http://127.0.0.1:9/x", True),
        ("http://[::1]:9/x", True),
        ("http://localhost:9/x", True),
        ("http://LOCALHOST/x", True),
        ("http://hooks.slack.com/services/T/B/c", False),
        ("http://127.0.0.1.evil.example/x", False),
        ("http://10.0.0.1/x", False),
        ("ftp://127.0.0.1/x", False),
        ("https:///no-host", False),
        ("not a url", False),
    ],
)
def test_only_https_or_loopback_http_is_accepted(url: str, safe: bool) -> None:
    assert is_safe_url(url) is safe


def test_clear_text_settings_are_refused_naming_the_setting_never_the_value() -> None:
    secret = "services/T0/B0/sekrit-path"
    with pytest.raises(NotifyConfigError, match=r"^AITRADER_NOTIFY_WEBHOOK_URL") as caught:
        targets_from_settings(load_settings(notify_webhook_url=f"slack:http://hooks.slack.com/{secret}"))
    assert "sekrit" not in str(caught.value)
    assert "\n" not in str(caught.value)
    clear_api = load_settings(
        telegram_bot_token=TOKEN, telegram_chat_id="42", telegram_api_url="http://relay.example:8081"
    )
    with pytest.raises(NotifyConfigError, match=r"^AITRADER_TELEGRAM_API_URL") as caught:
        targets_from_settings(clear_api)
    assert "relay.example" not in str(caught.value)
    assert TOKEN not in str(caught.value)
    local_api = load_settings(
        telegram_bot_token=TOKEN, telegram_chat_id="42", telegram_api_url="http://localhost:8081"
    )
    assert [type(t).__name__ for t in targets_from_settings(local_api)] == ["Telegram"]


def test_aclose_sends_what_is_queued_while_the_event_loop_keeps_running(services: list[Service]) -> None:
    """The service holds the request until the loop releases it, which it can only do while
    `aclose` is draining: a blocking close would hold the loop until the drain gave up."""
    api = Service(Answer.json(200, {"ok": True, "result": {}}), hold_first=True)
    services.append(api)
    notifier = Notifier([Delivery(Telegram(TOKEN, "42", api.url), max_attempts=1)])
    notifier.notify("stopping")

    async def close_and_release() -> None:
        closing = asyncio.create_task(notifier.aclose(timeout_s=30))
        await asyncio.sleep(0)  # aclose has started draining (a blocking close would be over now)
        assert not closing.done()  # the request is held: the drain cannot be over
        api.release.set()  # runs only because the loop is free while it drains
        await closing

    asyncio.run(close_and_release())
    stats = next(iter(notifier.stats().values()))
    assert (stats.sent, stats.failed, stats.dropped) == (1, 0, 0)
    assert [body["text"] for _, _, body in api.requests] == ["stopping"]
